"""One combined regex that speaks for the rules the literal prefilter cannot filter.

A rule without a usable literal (``^\\W*(?:©|\\(c\\))``, ``ad|ads|sponsored`` as a whole
block) is offered to every block, and every offer costs a regex call: a few microseconds
each, mostly the ``regex`` module's setup for the time limit, times a dozen such rules on
every short block. Yet nearly every block matches none of them. So their patterns are
joined into one alternation, searched once per block: where it finds nothing, none of them
can match (a search of ``A|B`` fails only where ``A`` and ``B`` both fail at every
position), and all of them are skipped.

Only patterns that keep their meaning next to others are joined: no backreferences, group
names, conditionals, recursion, global inline flags or backtracking verbs. An ``all:`` is
represented by one of its parts (each is necessary), a ``not:`` by nothing, which leaves its
rule outside the gate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal, Union

import regex

from .expr import FLAGS, AllOf, AnyOf, Expr, Leaf
from .ruleview import MatchRule

#: Syntax whose meaning depends on the rest of the pattern: group numbers and names,
#: conditionals, recursion, global flags, backtracking verbs.
_CONTEXT_BOUND = re.compile(
    r"\\[1-9]|\\g|\(\?P|\(\?<(?![=!])|\(\?['&(R]|\(\?[+-]?\d|\(\?[A-Za-z-]*\)|\(\*"
)
#: A POSIX class inside brackets: ``[[:alpha:]]``.
_POSIX = re.compile(r"\[:\^?[A-Za-z_]+:\]")


def necessary_patterns(expr: Expr) -> list[str] | None:
    """Patterns of which one must match somewhere in a text for ``expr`` to match it, or
    ``None`` when no such set is known."""
    if isinstance(expr, Leaf):
        return None if _CONTEXT_BOUND.search(expr.source) else [expr.source]
    if isinstance(expr, AnyOf):
        out: list[str] = []
        for child in expr.children:
            patterns = necessary_patterns(child)
            if patterns is None:
                return None
            out.extend(patterns)
        return out
    if isinstance(expr, AllOf):
        options = [p for p in (necessary_patterns(c) for c in expr.children) if p is not None]
        # an anchored part fails at once on most text: the cheapest to search for
        anchored = [p for p in options if all(s.startswith("^") for s in p)]
        chosen = anchored or options
        return chosen[0] if chosen else None
    return None


def anchored(source: str) -> bool:
    """Whether every match of ``source`` starts at the start of the text: it opens with ``^``
    and has no ``|`` outside brackets and groups (``^a|b`` finds ``b`` anywhere). Unsure
    (a bracket inside brackets, which the ``regex`` module reads by version): ``False``."""
    if not source.startswith("^"):
        return False
    depth, i, n = 0, 1, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _class_end(source, i)
            if i < 0:
                return False
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


def _class_end(source: str, start: int) -> int:
    """The index of the ``]`` that closes the class opened at ``start``; -1 if unsure."""
    i = start + 1
    if source.startswith("^", i):
        i += 1
    if source.startswith("]", i):  # a ``]`` first in a class is a literal
        i += 1
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1
        elif char == "[":
            posix = _POSIX.match(source, i)
            if posix is None:
                return -1
            i = posix.end() - 1
        elif char == "]":
            return i
        i += 1
    return -1


class Gate:
    """The combined search, and which rules it speaks for.

    Most of these rules are for short lines (``max_words``), so the search for a block joins
    only the rules whose word limits admit it: a 30-word paragraph is searched for the one
    rule that allows 40 words, not for the six that allow 8. Anchored patterns are joined into
    one that is tried at the start of the text only (``match``): a search would try every
    position, each failing at once, which costs as much as the match itself on a paragraph.
    The others are joined into one search.
    """

    def __init__(self, rules: Sequence[MatchRule], candidates: Sequence[int]) -> None:
        """``candidates``: indices into ``rules`` of the rules that may be gated."""
        self._patterns: dict[int, list[str]] = {}
        self._limits: dict[int, tuple[int, float]] = {}
        for i in candidates:
            rule = rules[i]
            found = necessary_patterns(rule.expr) if rule.expr is not None else None
            if found:
                self._patterns[i] = found
                low = rule.min_words if rule.min_words is not None else 0
                self._limits[i] = (low, rule.max_words if rule.max_words is not None else math.inf)
        #: For every rule, whether the gate speaks for it.
        self.covers: tuple[bool, ...] = tuple(i in self._patterns for i in range(len(rules)))
        # a word count past every limit gives the same rules as the limit
        bounds = [b for pair in self._limits.values() for b in pair if b != math.inf]
        self._cap = int(max(bounds, default=0)) + 1
        self._by_words: dict[int, tuple[Search, Search]] = {}
        self._by_rules: dict[tuple[int, ...], tuple[Search, Search]] = {}

    def may_match(self, norm: str, words: int, timeout: float | None) -> bool:
        """``False`` only if no covered rule that admits ``words`` words can match the
        normalized text (the others do not pass their guards). A search that runs out of time
        says ``True``: the rules then run one by one, and the slow one is named."""
        searches = self._by_words.get(min(words, self._cap))
        if searches is None:
            searches = self._searches(min(words, self._cap))
        at_start, anywhere = searches
        if at_start is False or anywhere is False:  # did not compile joined: no gate
            return True
        try:
            if at_start is not None and at_start.match(norm, timeout=timeout) is not None:
                return True
            return anywhere is not None and anywhere.search(norm, timeout=timeout) is not None
        except TimeoutError:
            return True

    def _searches(self, words: int) -> tuple[Search, Search]:
        admitted = tuple(i for i, (low, high) in self._limits.items() if low <= words <= high)
        searches = self._by_rules.get(admitted)
        if searches is None:
            unique = list(dict.fromkeys(p for i in admitted for p in self._patterns[i]))
            # compiled when first needed: most selections meet few word counts
            at_start, anywhere = _join([p for p in unique if anchored(p)]), _join([p for p in unique if not anchored(p)])
            searches = self._by_rules[admitted] = (at_start, anywhere)
        self._by_words[words] = searches
        return searches


#: A joined pattern; ``None`` when there is nothing to join, ``False`` when it does not compile.
Search = Union[regex.Pattern[str], None, Literal[False]]


def _join(patterns: list[str]) -> Search:
    """One alternation of ``patterns``; ``None`` if there are none, ``False`` if it does not
    compile (the gate then lets every block through)."""
    if not patterns:
        return None
    try:
        return regex.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)
    except (regex.error, OverflowError, RecursionError):
        return False
