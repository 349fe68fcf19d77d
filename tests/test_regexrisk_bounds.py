"""A risky shape under a bounded repeat is a warning, under an unbounded one an error."""

from __future__ import annotations

from cleaner.rules.regexrisk import backtracking_risks


def test_unbounded_nested_repeat_is_not_bounded():
    risks = backtracking_risks(r"(\w+\s?)+$")
    assert risks and not any(r.bounded for r in risks)


def test_bounded_nested_repeat_is_marked_bounded():
    risks = backtracking_risks(r"(\w+\s?){1,10}$")
    assert risks and all(r.bounded for r in risks)


def test_small_bounded_repeat_is_not_reported():
    assert backtracking_risks(r"(\w+\s?){1,3}$") == []
