"""Loading errors say file, line and rule, in words a rule author understands."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, RuleError
from cleaner.rules.loader import parse_rule_file
from cleaner.rules.sources import RuleSource

GOOD = """version: 1
description: test
rules:
  - id: NL900
    name: test
    category: newsletter
    message: test rule
    match: {phrase: subscribe now}
    action: drop_block
"""


def error_of(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        parse_rule_file(text, "rules/generic/newsletter.yaml")
    return info.value


def test_good_file_loads():
    rf = parse_rule_file(GOOD, "x.yaml")
    assert [r.id for r in rf.rules] == ["NL900"]
    assert rf.rules[0].line == 4


def test_unknown_action_names_file_line_rule_and_choices():
    err = error_of(GOOD.replace("action: drop_block", "action: dorp"))
    assert str(err).startswith("rules/generic/newsletter.yaml:9: rule NL900: unknown action 'dorp' (expected one of drop_block,")
    assert err.line == 9 and err.rule_id == "NL900"


def test_unknown_key_suggests_the_right_one():
    err = error_of(GOOD.replace("    match:", "    matc:"))
    assert err.line == 8 and "unknown key 'matc'" in str(err) and "did you mean 'match'" in str(err)


def test_bad_regex_points_at_its_line():
    err = error_of(GOOD.replace("match: {phrase: subscribe now}", "match:\n      regex: 'subscribe (now'"))
    assert err.line == 9 and "does not compile" in str(err)


def test_duplicate_id_in_one_file():
    text = GOOD + GOOD.split("rules:\n", 1)[1]
    err = error_of(text)
    assert err.rule_id == "NL900" and "duplicate rule id" in str(err) and err.line == 10


def test_duplicate_id_across_files():
    with pytest.raises(RuleError, match=r"b.yaml:4: rule NL900: duplicate rule id \(also defined at a.yaml:4\)"):
        Cleaner([RuleSource("a.yaml", GOOD), RuleSource("b.yaml", GOOD)])


@pytest.mark.parametrize(
    "change, message",
    [
        (("category: newsletter", "category: newsletters"), "unknown category 'newsletters'"),
        (("id: NL900", "id: nl-1"), "must be a category prefix"),
        (("    message: test rule\n", ""), "missing 'message'"),
        (("match: {phrase: subscribe now}", "match: {phrase: subscribe now}\n    max_words: -3"), "'max_words' must be a whole number"),
        (("match: {phrase: subscribe now}", "match: {phrase: subscribe now}\n    css: div.x"), "exactly one of"),
        (("version: 1", "version: 7"), "unsupported format version"),
        (("match: {phrase: subscribe now}", "match: {not: {phrase: x}}"), "'not' needs something positive"),
    ],
)
def test_schema_errors(change, message):
    err = error_of(GOOD.replace(*change))
    assert message in str(err)
    assert err.path == "rules/generic/newsletter.yaml" and err.line


def test_invalid_yaml_has_a_line():
    err = error_of(GOOD.replace("    name: test", "    name: [test"))
    assert "invalid YAML" in str(err) and err.line


def test_aliases_are_refused():
    err = error_of("base: &b {x: 1}\nrules:\n  - *b\n")
    assert "aliases" in str(err) and err.line == 3


def test_python_tags_are_refused():
    err = error_of("rules: !!python/object/apply:os.system ['echo hi']\n")
    assert "invalid YAML" in str(err)


def test_bad_css_selector():
    text = GOOD.replace("match: {phrase: subscribe now}", "css: 'div[[['").replace("action: drop_block", "action: remove")
    err = error_of(text)
    assert "css selector" in str(err) and err.line == 8
