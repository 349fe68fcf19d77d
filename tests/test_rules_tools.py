"""`cleaner rules list|lint|test|new` and the checks behind them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.rules.loader import parse_rule_file
from cleaner.rules.regexrisk import backtracking_risks
from cleaner.rules.sources import builtin_sources
from cleaner.tools.lint import lint

from .test_cli import run


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+", r"(\w+\s?)*$", r"(a|aa)+$", r"(?:x+x+)+y", r"(.*a){10}", r"(?:\s|\s\s)+", r"(\d+|\w+)*x", r"(?:[\p{L}]+\s?)+"],
)
def test_catastrophic_shapes_are_flagged(pattern):
    assert backtracking_risks(pattern)


@pytest.mark.parametrize(
    "pattern",
    [r"(\w+\s)+", r"(?:\w+ ){0,3}news", r"(a|ab)+", r"\b(?:subscribe|sign up)\W*(?:to|for)\b", r"([^,]+,)+", r"[\s\p{P}\p{S}]*x", r"(?:foo|bar)+"],
)
def test_safe_shapes_are_not_flagged(pattern):
    assert backtracking_risks(pattern) == []


def test_builtin_rules_have_no_lint_errors():
    findings = lint(builtin_sources())
    assert [str(f) for f in findings if f.severity == "error"] == []


RULE = """  - id: {rid}
    name: {name}
    category: promo
    message: m
{body}
"""


def rule(rid: str, body: str, name: str = "r") -> str:
    return RULE.format(rid=rid, name=name, body=body)


EXAMPLES = "    examples: {remove: [Sponsored content], keep: [Sponsored content rules passed the senate.]}"


def line_of(text: str, needle: str, after: str = "") -> int:
    """1-based line of the first ``needle`` after the line holding ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def findings_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    from cleaner.rules.sources import read_sources

    return [str(f) for f in lint(read_sources([tmp_path]), builtin_sources())]


def test_lint_reports_every_problem_with_file_line_rule_and_severity(tmp_path):
    text = "sites: [example.com]\nrules:\n" + "".join([
        rule("EX001", "    whole_block: true\n    match: {regex: 'sponsored (content'}\n" + EXAMPLES),
        rule("EX002", "    whole_block: true\n    match:\n      regex: '^(\\w+\\s?)*sponsored$'\n" + EXAMPLES),
        rule("EX003", "    whole_block: true\n    match: {phrase: sponsored content}"),
        rule("NL001", "    whole_block: true\n    match: {phrase: sponsored content}\n" + EXAMPLES),
        rule("EX004", "    match: {regex: '\\d+(?:ad|promo)s?'}\n    max_words: 5\n" + EXAMPLES),
    ])  # fmt: skip
    out = findings_of(tmp_path, {"sites/example.com.yaml": text})
    path = tmp_path / "sites" / "example.com.yaml"
    joined = "\n".join(out)
    assert f"{path}:{line_of(text, 'regex:', 'EX001')}: rule EX001: error: regex 'sponsored (content' does not compile" in joined
    assert any(f.startswith(f"{path}:{line_of(text, 'regex:', 'EX002')}: rule EX002: error: regex") and "catastrophic" in f for f in out)
    assert f"{path}:{line_of(text, 'EX003')}: rule EX003: warning: no examples" in joined
    assert f"{path}:{line_of(text, 'NL001')}: rule NL001: error: duplicate rule id (also defined at rules/generic/newsletter.yaml" in joined
    assert f"{path}:{line_of(text, 'EX004')}: rule EX004: warning: no required literal" in joined


def test_lint_short_generic_phrase_and_dead_rules(tmp_path):
    a = "rules:\n" + rule("AA001", "    match: {phrase: read on}\n" + EXAMPLES) + rule(
        "AA002", "    whole_block: true\n    match: {phrase: read on}\n" + EXAMPLES
    )
    b = "disable: [AA001, ZZ999]\nrules: []\n"
    site = "sites: [example.com]\ndisable: [AA002]\nrules: []\n"
    out = "\n".join(findings_of(tmp_path, {"a.yaml": a, "b.yaml": b, "sites/example.com.yaml": site}))
    assert f"{tmp_path / 'a.yaml'}:{line_of(a, 'read on')}: rule AA001: warning: generic rule on the short phrase 'read on'" in out
    assert "AA002: warning: generic rule" not in out  # whole_block is a guard
    assert f"{tmp_path / 'a.yaml'}:2: rule AA001: warning: dead rule: disabled on every site by {tmp_path / 'b.yaml'}:1" in out
    assert "AA002: warning: dead rule" not in out  # only off on one site
    assert "disable names ZZ999, which no loaded file defines" in out


def test_lint_reports_schema_errors_and_goes_on_to_other_files(tmp_path):
    files = {
        "a.yaml": "rules:\n" + rule("AA001", "    whole_block: true\n    matc: {phrase: sponsored content}\n" + EXAMPLES),
        "b.yaml": "rules:\n  - id: BB001\n    name: [broken\n",
        "c.yaml": "rules:\n" + rule("CC001", "    whole_block: true\n    match: {phrase: sponsored content}"),
    }
    out = "\n".join(findings_of(tmp_path, files))
    assert f"{tmp_path / 'a.yaml'}:{line_of(files['a.yaml'], 'matc')}: rule AA001: error: unknown key 'matc' in rule" in out
    assert "did you mean 'match'?" in out
    assert f"{tmp_path / 'b.yaml'}:" in out and "error: invalid YAML" in out
    assert f"{tmp_path / 'c.yaml'}:2: rule CC001: warning: no examples" in out


def test_loader_collects_rule_errors_when_asked():
    text = "rules:\n" + rule("EX001", "    match: {regex: '(x'}") + rule("EX002", "    match: {phrase: fine}") + rule("EX003", "    action: dorp\n    match: {phrase: x}")
    errors: list = []
    rf = parse_rule_file(text, "f.yaml", errors)
    assert [r.id for r in rf.rules] == ["EX002"]
    assert [(e.rule_id, e.line) for e in errors] == [("EX001", line_of(text, "regex")), ("EX003", line_of(text, "dorp"))]


def test_cli_lint_exit_codes(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("rules:\n" + rule("GD001", "    whole_block: true\n    match: {phrase: sponsored content}\n" + EXAMPLES))
    out = run("rules", "lint", str(good))
    assert out.returncode == 0 and out.stdout.strip().endswith("1 file: 0 errors, 0 warnings"), out.stdout + out.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n" + rule("BD001", "    match: {regex: '(a|aa)+'}\n" + EXAMPLES))
    out = run("rules", "lint", str(bad))
    assert out.returncode == 2 and "rule BD001: error: regex '(a|aa)+' risks catastrophic backtracking" in out.stdout


def test_rules_new_then_lint_and_test_pass(tmp_path):
    out = run("rules", "new", "https://www.Example.org/path", "--dir", str(tmp_path / "mine"))
    assert out.returncode == 0, out.stderr
    site = tmp_path / "mine" / "sites" / "example.org.yaml"
    assert site.is_file() and (tmp_path / "mine" / "fixtures" / "sites" / "example.org" / "page.expected.txt").is_file()
    assert "# " in site.read_text() and "sites: [example.org]" in site.read_text()
    lint_out = run("rules", "lint", str(tmp_path / "mine"))
    assert lint_out.returncode == 0 and "0 errors, 0 warnings" in lint_out.stdout, lint_out.stdout
    test_out = run("rules", "test", str(tmp_path / "mine"))
    assert test_out.returncode == 0 and test_out.stdout.strip().endswith("4 passed, 0 failed"), test_out.stdout
    again = run("rules", "new", "example.org", "--dir", str(tmp_path / "mine"))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_rules_new_refuses_a_non_domain(tmp_path):
    out = run("rules", "new", "not a domain", "--dir", str(tmp_path))
    assert out.returncode == 2 and "is not a domain name" in out.stderr and not any(tmp_path.iterdir())


def test_rules_test_reports_example_and_fixture_failures(tmp_path):
    assert run("rules", "new", "example.org", "--dir", str(tmp_path)).returncode == 0
    site = tmp_path / "sites" / "example.org.yaml"
    site.write_text(site.read_text().replace("- Follow us on Facebook\n", "- Follow us on Facebook\n        - Like us on Facebook\n"))
    expected = tmp_path / "fixtures" / "sites" / "example.org" / "page.expected.txt"
    expected.write_text(expected.read_text() + "\nFollow us on Facebook\n")
    out = run("rules", "test", str(tmp_path))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert any(line.startswith(f"{site}:") and 'EXA002: expected removed, was kept: "Like us on Facebook"' in line for line in lines), out.stdout
    page = tmp_path / "fixtures" / "sites" / "example.org" / "page.html"
    at = line_of(page.read_text(), "Follow us on Facebook")
    assert f'{page}:{at} EXA002: expected kept, was removed: "Follow us on Facebook"' in lines
    assert lines[-1] == "3 passed, 2 failed"  # 3 of 4 examples, and the fixture


def listed(*args: str) -> str:
    """``cleaner rules list`` output, once its exit code says it worked."""
    out = run("rules", "list", *args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_rules_list_filters_and_json(tmp_path):
    mine = tmp_path / "example.com.yaml"
    mine.write_text("sites: [example.com]\ndisable: [RL001]\nrules:\n" + rule("EX001", "    css: div.sponsor\n    languages: '*'", name="sponsor-box"))
    data = json.loads(listed(str(mine), "--format", "json"))
    assert {"RL001", "EX001", "NL001"} <= {r["id"] for r in data}
    ex = next(r for r in data if r["id"] == "EX001")
    assert ex["scope"] == "example.com" and ex["type"] == "dom" and ex["file"] == f"{mine}:4"
    on_site = {r["id"] for r in json.loads(listed(str(mine), "--site", "news.example.com", "--format", "json"))}
    assert "EX001" in on_site and "RL001" not in on_site and "NL001" in on_site
    off_site = {r["id"] for r in json.loads(listed(str(mine), "--site", "https://other.org/x", "--format", "json"))}
    assert "EX001" not in off_site and "RL001" in off_site
    table = listed("--category", "feedback").splitlines()
    assert table[0].split() == ["ID", "NAME", "CATEGORY", "SCOPE", "LANGUAGES", "ACTION", "FILE"]
    assert all(" feedback " in line for line in table[1:-1]) and table[-1].endswith("rules")
    assert not {r["id"] for r in json.loads(listed("--lang", "de", "--format", "json"))} & {"NL001"}


def test_lint_warns_when_no_keep_example_can_reach_the_rule(tmp_path):
    """A keep example without the rule's literal (or head) is skipped by the prefilter, so it
    passes whatever the rule's regex does; one near miss is enough to silence the warning."""
    vacuous = "    max_words: 8\n    match: {regex: 'sponsored (?:content|post)'}\n    examples: {remove: [Sponsored post], keep: [The bill passed.]}"
    near = "    max_words: 8\n    match: {regex: 'sponsored (?:content|post)'}\n    examples: {remove: [Sponsored post], keep: [The bill passed., Sponsored posts are rare.]}"
    heads = "    whole_block: true\n    match: {regex: 'ad|ads'}\n    examples: {remove: [Ad], keep: [Read the ad.]}"
    text = "rules:\n" + rule("VA001", vacuous) + rule("VA002", near) + rule("VA003", heads)
    out = findings_of(tmp_path, {"a.yaml": text})
    path = tmp_path / "a.yaml"
    assert any(f.startswith(f"{path}:{line_of(text, 'examples', 'VA001')}: rule VA001: warning: no keep example can match")
               and "'sponsored content', 'sponsored post'" in f for f in out), out
    assert not any("VA002" in f for f in out), out
    assert any("VA003: warning: no keep example can match" in f and "opens with none of the heads 'ad'" in f for f in out), out


def test_lint_warns_about_selector_alternatives_no_remove_example_exercises(tmp_path):
    css = ("    css: '.share-bar, #cookie-box, nav[aria-label=\"a, b\"]'\n    languages: '*'\n"
           "    examples: {remove: ['<div class=\"share-bar\"><a>x</a></div>']}")
    xpath = "    xpath: '//div[@id=\"a\"] | //body'\n    languages: '*'\n    examples: {remove: ['<div id=\"a\">x</div>']}"
    out = findings_of(tmp_path, {"a.yaml": "rules:\n" + rule("DO001", css) + rule("DO002", xpath)})
    unexercised = sorted(f.split("alternative ")[1].split(":")[0] for f in out if "selector alternative" in f)
    # the quoted comma does not split the list; the page wrapper's own <body> exercises nothing
    assert unexercised == ["'#cookie-box'", "'//body'", "'nav[aria-label=\"a, b\"]'"], out



def test_builtin_rules_have_reachable_keep_examples_and_exercised_selectors():
    findings = [str(f) for f in lint(builtin_sources()) if "no keep example can match" in f.message or "selector alternative" in f.message]
    assert findings == []
