"""Every built-in rule's remove/keep examples, one test each."""

from __future__ import annotations

import pytest

from cleaner.rules.ruleset import RuleSet
from cleaner.rules.sources import builtin_sources
from cleaner.tools.examples import check_rule_examples

RULES = RuleSet(builtin_sources()).rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.remove_examples, f"{rule.id} has no remove examples"
    assert not rule.is_dom and rule.keep_examples or rule.is_dom, f"{rule.id} has no keep examples"
    failures = check_rule_examples(rule)
    assert not failures, "\n".join(map(str, failures))


def test_ids_follow_the_category_prefix_pattern():
    assert len({r.id for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.id[:2].isalpha() and rule.id[-3:].isdigit()
