"""Hostile rule files: refused with a message naming file, line and rule, never run or hung on.

Rule files come from strangers. Loading must not build Python objects, expand YAML bombs,
recurse without bound or allocate gigabytes for a regex; matching must stop a runaway regex
with an error that names the rule.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError
from cleaner.matching.regexguard import MAX_UNROLLED, unrolled_size
from cleaner.rules import loader, yamlsafe
from cleaner.rules.loader import parse_rule_file

HANG_GUARD = 300
RULE = "  - id: {id}\n    name: r\n    category: other\n    message: m\n    match: {match}\n"
TEXT = b"A body paragraph that is long enough to be kept in the output.\n\nSome more text here.\n"


def one_rule(match: str, rid: str = "AB001") -> str:
    return "rules:\n" + RULE.format(id=rid, match=match)


def _limit_memory() -> None:
    # a regression must end in MemoryError inside the child, not in the kernel killing things
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def clean_with_rules(tmp_path: Path, rules: str | bytes, data: bytes = TEXT) -> subprocess.CompletedProcess[str]:
    rule_file = tmp_path / "hostile.yaml"
    if isinstance(rules, str):
        rules = rules.encode()
    rule_file.write_bytes(rules)
    doc = tmp_path / "doc.txt"
    doc.write_bytes(data)
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(doc), "--rules", str(rule_file)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        preexec_fn=_limit_memory,
    )


def assert_rules_refused(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("cleaner: error: "), proc.stderr
    for needle in needles:
        assert needle in proc.stderr


@pytest.fixture(params=["libyaml", "python"])
def yaml_loader(request, monkeypatch):
    """Run a test with each YAML reader (libyaml is used when PyYAML has it)."""
    if request.param == "python":
        monkeypatch.setattr(yamlsafe, "_Loader", yamlsafe._PyLoader)
    elif not yamlsafe.yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    return request.param


# -- YAML ----------------------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
rules: *g
"""


def test_yaml_bomb_is_refused_through_the_cli(tmp_path):
    assert_rules_refused(clean_with_rules(tmp_path, BILLION_LAUGHS), "hostile.yaml:2", "aliases")


def test_merge_key_with_alias_is_refused(yaml_loader):
    text = "base: &base {category: other}\nrules:\n  - <<: *base\n    id: AB001\n"
    with pytest.raises(RuleError, match=r"x\.yaml:3: .*aliases"):
        parse_rule_file(text, "x.yaml")


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/module:os",
        "!custom {{a: 1}}",
    ],
)
def test_tags_that_build_objects_are_refused_and_never_run(tmp_path, yaml_loader, tag):
    marker = tmp_path / "ran"
    text = "rules:\n  - " + tag.format(marker=marker) + "\n"
    with pytest.raises(RuleError, match=r"x\.yaml:2: invalid YAML: could not determine a constructor"):
        parse_rule_file(text, "x.yaml")
    assert not marker.exists()


@pytest.mark.parametrize(
    "text, line",
    [
        ("rules: " + "[" * 100_000 + "]" * 100_000, 1),
        ("rules: " + "{a: " * 5_000 + "1" + "}" * 5_000, 1),
        ("rules:\n" + "".join("  " * i + "- \n" for i in range(1_000)), None),
        ("rules:\n" + "".join("  " * i + "a:\n" for i in range(1_000)), None),
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "block-maps"],
)
def test_deep_yaml_nesting_is_refused_without_recursion_error(yaml_loader, text, line):
    with pytest.raises(RuleError, match="nest") as info:
        parse_rule_file(text, "x.yaml")
    assert info.value.path == "x.yaml"
    if line is not None:
        assert info.value.line == line


def test_nesting_a_real_rule_needs_is_accepted(yaml_loader):
    match = "{all: [{any: [{phrase: [sign up]}, {regex: 'news ?letter', not: {phrase: weather}}]}]}"
    rules = parse_rule_file(one_rule(match), "x.yaml").rules
    assert rules[0].find("sign up for our newsletter", 1.0) is not None


def test_match_expression_nested_past_the_limit_is_refused():
    match = "{not: {any: [" * 40 + "x" + "]}}" * 40
    with pytest.raises(RuleError, match="nested more than"):
        parse_rule_file(one_rule(match), "x.yaml")


def test_duplicate_keys_are_refused_with_their_line(yaml_loader):
    text = one_rule("{phrase: a}") + "    match: {phrase: b}\n"
    with pytest.raises(RuleError, match=r"x\.yaml:7: rule AB001: duplicate key 'match'|x\.yaml:7: duplicate key 'match'"):
        parse_rule_file(text, "x.yaml")


def test_rule_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("w") as fh:
        fh.write("description: '")
        fh.write("x" * (yamlsafe.MAX_FILE_BYTES + 1))
        fh.write("'\nrules: []\n")
    proc = clean_with_rules(tmp_path, big.read_bytes())
    assert_rules_refused(proc, "hostile.yaml", "over the 8 MiB limit")


def test_rule_text_over_the_size_limit_is_refused_by_the_reader():
    with pytest.raises(RuleError, match="over the 8 MiB limit"):
        parse_rule_file("rules: []\n#" + "x" * yamlsafe.MAX_FILE_BYTES, "x.yaml")


def test_rule_file_with_too_many_rules_is_refused(monkeypatch):
    monkeypatch.setattr(loader, "MAX_RULES_PER_FILE", 5)
    text = "rules:\n" + "".join(RULE.format(id=f"AB{i:03d}", match="{phrase: x}") for i in range(6))
    with pytest.raises(RuleError, match=r"x\.yaml:1: 6 rules in one file, over the limit of 5; split the file"):
        parse_rule_file(text, "x.yaml")
    parse_rule_file(text.rsplit("  - id: AB005", 1)[0], "x.yaml")  # five are fine


@pytest.mark.slow
def test_rule_file_with_too_many_rules_is_refused_through_the_cli(tmp_path):
    count = loader.MAX_RULES_PER_FILE + 1
    text = "rules:\n" + "".join(f"- {{id: AB{i:05d}, name: r, category: other, message: m, match: p}}\n" for i in range(count))
    assert_rules_refused(clean_with_rules(tmp_path, text), "hostile.yaml:", f"{count} rules in one file")


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        (b"rules: []\n\xff\xfe\n", "not UTF-8"),
        (b"rules:\n  - id: AB001\x07\n", "hostile.yaml:2: invalid YAML: unprintable character U+0007"),
        ("\ufeffrules: \u0000\n".encode(), "hostile.yaml:1: invalid YAML: unprintable character U+0000"),
    ],
    ids=["png", "latin-1", "control-char", "nul"],
)
def test_binary_or_undecodable_rule_file_is_refused(tmp_path, data, needle):
    assert_rules_refused(clean_with_rules(tmp_path, data), "hostile.yaml", needle)


# -- regexes -----------------------------------------------------------------------------------


def test_catastrophic_regex_ends_with_the_rule_named_through_the_cli(tmp_path):
    rules = one_rule("{regex: '(a|aa)+$'}", rid="EVIL001") + "    max_words: 1000\n"
    proc = clean_with_rules(tmp_path, rules, data=b"a" * 60 + b"!\n")
    assert_rules_refused(proc, "hostile.yaml:2", "rule EVIL001", "1 s limit")


def test_regex_timeout_is_a_setting(tmp_path):
    rule_file = tmp_path / "r.yaml"
    rule_file.write_text(one_rule("{regex: '(x+x+)+y'}", rid="EVIL002"))
    cleaner = Cleaner.from_paths([rule_file]).with_settings(regex_timeout=0.05)
    with pytest.raises(RuleError, match="EVIL002.*0.05 s limit"):
        cleaner.clean("x" * 5000)


@pytest.mark.parametrize(
    "pattern",
    [
        "a{4294967294}",
        "a{100000000,}",
        "(?:a{1000}){1000}",
        "(a{10000}){10000}",
        "(?=x{10000000})",
        "[a-z]{50000000,50000001}",
    ],
)
def test_regex_that_would_unroll_to_gigabytes_is_refused_at_load(tmp_path, pattern):
    proc = clean_with_rules(tmp_path, one_rule("{regex: '" + pattern + "'}"))
    assert_rules_refused(proc, "hostile.yaml:6", "rule AB001", "unroll")


@pytest.mark.parametrize("pattern", [r"\d{1,4}", ".{0,200}", "a{1,100000000}", "(?:ab){50}", "x{10000}y{10000}"])
def test_ordinary_counted_repeats_still_load(pattern):
    assert parse_rule_file(one_rule("{regex: '" + pattern + "'}"), "x.yaml").rules


@pytest.mark.parametrize(
    "pattern, size",
    [
        ("abc", 3),
        ("a{5}b", 6),
        ("(?:ab){3}", 3 * 3),  # ':' counts: the estimate errs high, never low
        (r"\p{L}{10}", 10),
        ("[{]{7}", 7),
        ("(?#{999999999})", 0),
        ("(a{10}){10}", 100),
        ("a{2,}", 2),
        ("a{,9}", 1),
    ],
)
def test_unrolled_size_estimate(pattern, size):
    assert unrolled_size(pattern) == size


def test_unrolled_size_saturates_instead_of_growing_without_bound():
    assert unrolled_size("((((a{9999}){9999}){9999}){9999})") == MAX_UNROLLED * 10


def test_regex_nested_too_deep_to_compile_is_a_rule_error():
    with pytest.raises(RuleError, match="too complex to compile|does not compile") as info:
        parse_rule_file(one_rule("{regex: '" + "(" * 20_000 + "a" + ")" * 20_000 + "'}"), "x.yaml")
    assert len(str(info.value)) < 300  # the pattern is clipped, the message stays one readable line


def test_invalid_regex_message_names_file_line_and_rule():
    with pytest.raises(RuleError, match=r"x\.yaml:6: rule AB001: regex '\(unclosed' does not compile"):
        parse_rule_file(one_rule("{regex: '(unclosed'}"), "x.yaml")
