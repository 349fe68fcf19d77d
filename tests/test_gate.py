"""The gate: one search that lets the text stage skip the rules without literals.

Skipping is only sound if the gate never says "no" where a covered rule would match; the
property test in ``test_prefilter.py`` checks that on generated rule sets, these tests check
the pieces that decide what the gate may join.
"""

from __future__ import annotations

import regex

from cleaner.matching.expr import FLAGS, AllOf, AnyOf, Not, compile_regex
from cleaner.matching.gate import Gate, anchored, necessary_patterns
from cleaner.rules.rule import Rule


def _rule(i: int, source: str) -> Rule:
    return Rule(f"G{i}", f"g{i}", "other", "m", "drop_block", "t.yaml", i, expr=compile_regex(source, False))


def test_anchored_only_when_every_branch_starts_at_the_start() -> None:
    assert anchored(r"^\W*(?:a|b)c")
    assert anchored(r"^[|(]x")
    assert anchored(r"^[]|]x")
    assert anchored(r"^[[:alpha:]|]x")
    assert not anchored(r"^a|b")
    assert not anchored(r"^a\\|b")  # an escaped backslash, then a real alternation
    assert not anchored(r"a^")
    # brackets in brackets are read differently by the regex versions: unsure means no
    assert not anchored(r"^[a[b]|c]")
    for source, text in [(r"^a|b", "xb"), (r"^a\\|b", "xb")]:
        assert regex.search(source, text, FLAGS) and not regex.match(source, text, FLAGS)


def test_necessary_patterns_of_combined_expressions() -> None:
    a, b = compile_regex("^alpha", False), compile_regex("beta", False)
    assert necessary_patterns(AnyOf((a, b))) == ["^alpha", "beta"]
    # one part of an all: is enough, and an anchored one is the cheapest
    assert necessary_patterns(AllOf((b, a))) == ["^alpha"]
    assert necessary_patterns(Not(a)) is None
    assert necessary_patterns(AnyOf((a, Not(b)))) is None
    assert necessary_patterns(AllOf((Not(b), a))) == ["^alpha"]


def test_patterns_that_depend_on_the_rest_of_the_pattern_stay_outside() -> None:
    sources = [r"(a)\1", r"(?P<x>a)(?P=x)", r"(?i)abc", r"a(*SKIP)b", r"(a)(?(1)b|c)", r"(?-i:B)c", r"(?<=a)b"]
    rules = [_rule(i, s) for i, s in enumerate(sources)]
    gate = Gate(rules, range(len(rules)))
    assert gate.covers == (False, False, False, False, False, True, True)


def test_gate_says_no_only_where_no_covered_rule_matches() -> None:
    rules = [_rule(0, r"^\W*copyright"), _rule(1, r"all rights reserved\W*$")]
    gate = Gate(rules, [0, 1])
    assert gate.covers == (True, True)
    assert gate.may_match("-- Copyright 2020", 3, 1.0)
    assert gate.may_match("Text. All rights reserved.", 3, 1.0)
    assert not gate.may_match("the copyright was sold; all rights reserved for now", 3, 1.0)


def test_a_search_that_runs_out_of_time_lets_the_rules_run() -> None:
    gate = Gate([_rule(0, r"(x+x+)+y")], [0])
    assert gate.covers == (True,)
    assert gate.may_match("x" * 5000, 1, 0.01)
