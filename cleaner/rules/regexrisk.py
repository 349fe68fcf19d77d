"""A static look at a regex for the shapes that backtrack catastrophically.

A backtracking engine blows up when a repeated group can match one stretch of text in many
ways: a quantifier nested in a repeated group whose iterations have no clear boundary
(``(a+)+``, ``(\\w+\\s?)*``), or alternatives under a repeat that can match the same text
(``(a|aa)+``, ``(\\s|\\W)+``). Both are found here on the parse tree of Python's own ``re``
parser, with characters approximated by a sample alphabet; this is a linter's heuristic, it
errs on the side of warning, and the regex timeout stays the safety net at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

try:  # Python ≥ 3.11
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

#: A repeat this large (or unbounded) turns ambiguity into exponential work.
LARGE_REPEAT = 6

#: Characters that stand for the classes a rule regex meets in practice.
_SAMPLE = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + list("\n\t\u00a0éßÉ’“—–…€") + ["\u4e00", "\u0416"]
)
_PUNCT = "!-/:-@\\[-`{-~’“—–…"

#: ``regex``-module property classes, translated to something ``re`` parses.
_PROPERTIES = {
    "l": "^\\W\\d_", "letter": "^\\W\\d_", "alpha": "^\\W\\d_", "lu": "A-Z", "ll": "a-z",
    "p": _PUNCT, "punct": _PUNCT, "s": _PUNCT, "n": "\\d", "nd": "\\d", "z": "\\s", "zs": "\\s",
}  # fmt: skip
_PROP = re.compile(r"\\([pP])\{\^?([A-Za-z_=]+)\}")


@dataclass(frozen=True)
class RegexRisk:
    kind: str  # "nested_quantifier" or "overlapping_alternation"
    message: str
    #: The risky repeat has an upper bound: the work is polynomial in the text, bounded by
    #: the bound, and the runtime time limit still applies, so lint warns instead of failing.
    bounded: bool = False


def backtracking_risks(source: str) -> list[RegexRisk]:
    """Risky shapes in ``source``; empty when none are seen or the syntax is beyond ``re``."""
    try:
        tree = P.parse(_translate(source), re.IGNORECASE)
    except (re.error, OverflowError, RecursionError, ValueError):
        return []
    risks: list[RegexRisk] = []
    for node_min, node_max, body in _repeats(list(tree)):
        if node_max != C.MAXREPEAT and node_max < LARGE_REPEAT:
            continue
        bounded = node_max != C.MAXREPEAT
        risks.extend(replace(r, bounded=bounded) for r in _nested(body) + _overlapping(body))
    unique = {(r.kind, r.message): r for r in risks}
    return list(unique.values())


def _translate(source: str) -> str:
    """Replace ``\\p{…}`` classes (which ``re`` lacks) with equivalent ``re`` classes."""
    out, in_class, i = [], False, 0
    while i < len(source):
        m = _PROP.match(source, i)
        if m:
            inner = _PROPERTIES.get(m.group(2).lower(), "\\s\\S")
            negate = m.group(1) == "P"
            if in_class and not negate and not inner.startswith("^"):
                out.append(inner)
            else:
                sign = "^" if negate != inner.startswith("^") else ""
                out.append(f"[{sign}{inner.lstrip('^')}]" if not in_class else "\\s\\S")
            i = m.end()
            continue
        c = source[i]
        if c == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def _repeats(seq: list[Any]) -> Iterator[tuple[int, int, list[Any]]]:
    for op, av in seq:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, body = av
            if op != getattr(C, "POSSESSIVE_REPEAT", None):
                yield lo, hi, list(body)
            yield from _repeats(list(body))
        else:
            for child in _children(op, av):
                yield from _repeats(child)


def _children(op: Any, av: Any) -> list[list[Any]]:
    if op == C.SUBPATTERN:
        return [list(av[-1])]
    if op == C.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [list(av[1])]
    if op == getattr(C, "ATOMIC_GROUP", None):
        return [list(av)]
    if op == C.GROUPREF_EXISTS:
        return [list(x) for x in av[1:] if x]
    return []


def _flatten(seq: list[Any]) -> list[Any]:
    """A body that is one non-capturing or capturing group is that group's content."""
    while len(seq) == 1 and seq[0][0] == C.SUBPATTERN:
        seq = list(seq[0][1][-1])
    return seq


def _nested(body: list[Any]) -> list[RegexRisk]:
    items = _flatten(body)
    out = []
    for k, item in enumerate(items):
        if not _has_unbounded_repeat([item]):
            continue
        rest = items[:k] + items[k + 1 :]
        if all(_nullable([x]) for x in rest) or _chars(rest) & _chars([item]):
            out.append(
                RegexRisk(
                    "nested_quantifier",
                    "nested quantifiers: a repeated group holds another unbounded repeat and its "
                    "iterations can split the same text in many ways (like (a+)+ or (\\w+\\s?)*); "
                    "make the inner part's end unambiguous or bound the outer repeat",
                )
            )
            break
    return out


def _overlapping(body: list[Any]) -> list[RegexRisk]:
    items = _flatten(body)
    follow = _first(items)
    out = []
    for k, (op, av) in enumerate(items):
        if op != C.BRANCH:
            continue
        alts = [list(a) for a in av[1]]
        after = _first(items[k + 1 :]) if not _nullable(items[k + 1 :]) else _first(items[k + 1 :]) | follow
        clash = any(_first(a) & _first(b) for i, a in enumerate(alts) for b in alts[i + 1 :])
        empty_then_more = any(_nullable(a) for a in alts) and any(_first(a) & after for a in alts if not _nullable(a))
        if clash or empty_then_more:
            out.append(
                RegexRisk(
                    "overlapping_alternation",
                    "overlapping alternatives under a repeat (like (a|aa)+ or (\\s|\\W)+): the same "
                    "text can be matched by several alternatives; make them exclusive",
                )
            )
    return out


def _has_unbounded_repeat(seq: list[Any]) -> bool:
    for op, av in seq:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] == C.MAXREPEAT and _chars(list(av[2])):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and _has_unbounded_repeat(list(av[2])):
            return True
        if any(_has_unbounded_repeat(c) for c in _children(op, av) if op not in (C.ASSERT, C.ASSERT_NOT)):
            return True
    return False


def _nullable(seq: list[Any]) -> bool:
    for op, av in seq:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            if av[0] > 0 and not _nullable(list(av[2])):
                return False
        elif op == C.SUBPATTERN:
            if not _nullable(list(av[-1])):
                return False
        elif op == C.BRANCH:
            if not any(_nullable(list(a)) for a in av[1]):
                return False
        elif op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.RANGE, C.CATEGORY):
            return False
    return True


def _first(seq: list[Any]) -> frozenset[str]:
    """Characters that can start a match of ``seq``."""
    out: set[str] = set()
    for i, (op, av) in enumerate(seq):
        out |= _first_of(op, av)
        if not _nullable(seq[i : i + 1]):
            break
    return frozenset(out)


def _first_of(op: Any, av: Any) -> frozenset[str]:
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        return _first(list(av[2]))
    if op == C.SUBPATTERN:
        return _first(list(av[-1]))
    if op == C.BRANCH:
        return frozenset().union(*(_first(list(a)) for a in av[1]))
    if op == getattr(C, "ATOMIC_GROUP", None):
        return _first(list(av))
    return _atom(op, av)


def _chars(seq: list[Any]) -> frozenset[str]:
    """Every character some part of ``seq`` can consume."""
    out: set[str] = set()
    for op, av in seq:
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        kids = _children(op, av)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            kids = [list(av[2])]
        if kids:
            for kid in kids:
                out |= _chars(kid)
        else:
            out |= _atom(op, av)
    return frozenset(out)


def _atom(op: Any, av: Any) -> frozenset[str]:
    if op == C.LITERAL:
        return _cases(chr(av))
    if op == C.NOT_LITERAL:
        return _SAMPLE - _cases(chr(av))
    if op == C.ANY:
        return _SAMPLE - {"\n"}
    if op == C.IN:
        return _in(av)
    if op == C.CATEGORY:
        return frozenset(c for c in _SAMPLE if _category(av, c))
    return frozenset()


def _in(items: list[Any]) -> frozenset[str]:
    negate = bool(items) and items[0][0] == C.NEGATE
    hit: set[str] = set()
    for op, av in items[1:] if negate else items:
        if op == C.LITERAL:
            hit |= _cases(chr(av))
        elif op == C.RANGE:
            lo, hi = av
            hit |= {c for c in _SAMPLE if any(lo <= ord(x) <= hi for x in _cases(c))}
        elif op == C.CATEGORY:
            hit |= {c for c in _SAMPLE if _category(av, c)}
    return _SAMPLE - hit if negate else frozenset(hit)


def _cases(c: str) -> frozenset[str]:
    """``c`` in both cases (matching is case-insensitive), single characters only."""
    return frozenset(x for x in (c, c.lower(), c.upper()) if len(x) == 1)


def _category(category: Any, c: str) -> bool:
    word = c.isalnum() or c == "_"
    table = {
        C.CATEGORY_DIGIT: c.isdigit(),
        C.CATEGORY_NOT_DIGIT: not c.isdigit(),
        C.CATEGORY_SPACE: c.isspace(),
        C.CATEGORY_NOT_SPACE: not c.isspace(),
        C.CATEGORY_WORD: word,
        C.CATEGORY_NOT_WORD: not word,
    }
    return table.get(category, True)
