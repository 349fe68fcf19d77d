"""Literals a regex cannot match without: what lets the prefilter skip a rule on a block.

The regex is parsed into its syntax tree (the standard library's ``re`` parser, which reads
the syntax that rule regexes use) and walked once. Every node gets two answers:

- ``exact``: a small set of strings that contains every string the node can match (``None``
  when there are too many, as for ``\\w+``);
- ``required``: a set of alternatives of which every match of the node contains one.

A sequence glues neighbouring exact sets into longer strings (``sign up`` + ``(?:for|to)``
gives ``sign up for`` or ``sign up to``); an alternation takes one literal from each branch.
All literals are returned in :func:`cleaner.matching.normalize.fold_text` form, the form the prefilter
scans.

Anything the ``re`` parser does not read, or reads differently from the ``regex`` module
(fuzzy ``{e<=1}``, POSIX classes, version flags), gives no literal: the rule then runs on
every block, which is slower but never wrong. Unicode properties (``\\p{Lu}``) are so common
in rules (a capital letter after "by") that they are read as ``\\w`` instead: a class of
unknown characters, inside or outside brackets, which never becomes part of a literal.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .normalize import GLUED, fold_text, strip_head

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

#: A literal shorter than this occurs in nearly every block: no better than none (unless it
#: is a symbol outside ASCII, such as ``©``).
MIN_LITERAL = 3
#: Exact sets larger than this are given up (they only grow by cross products).
MAX_EXACT = 64
#: A class with at most this many characters still counts as exact (``[sz]``, ``[’']``).
MAX_CLASS = 8

#: Braces that are not a plain ``{m,n}`` quantifier: fuzzy matching in ``regex``, a literal
#: brace in ``re``.
_ODD_BRACE = re.compile(r"\{(?!\d*,?\d*\})")
#: A POSIX class such as ``[[:alpha:]]``, which the ``re`` parser reads as literal characters.
_POSIX_CLASS = re.compile(r"\[:\^?[A-Za-z_]+:\]")
#: One escape: a Unicode property (``\p{Lu}``, ``\PL``) or any other escaped character, so that
#: ``\\p`` (an escaped backslash, then ``p``) is not read as a property.
_ESCAPE = re.compile(r"\\(?:[pP](?:\{[^}]*\}|[A-Za-z])|.)", re.DOTALL)


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None
    required: frozenset[str] | None


_UNKNOWN = _Info(None, None)
_EMPTY = _Info(frozenset({""}), None)
_SPACE = frozenset({" "})


def _parse(source: str) -> Any | None:
    """The ``re`` parser's tree of ``source``, or ``None`` where it would read the regex
    otherwise than the ``regex`` module does, or not at all."""
    source = _ESCAPE.sub(_unknown_property, source)
    if _ODD_BRACE.search(source) or _POSIX_CLASS.search(source):
        return None
    try:
        return _sre.parse(source)
    except Exception:  # noqa: BLE001 - the re parser refuses syntax only the regex module knows
        return None


def derive_literals(source: str) -> tuple[str, ...]:
    """Folded literals, one of which every match of ``source`` contains; ``()`` if unknown."""
    tree = _parse(source)
    if tree is None:
        return ()
    best = _best(_sequence(tree))
    return tuple(sorted(best)) if best is not None else ()


def derive_heads(source: str) -> tuple[str, ...]:
    """Folded starts, one of which every match of ``source`` begins with, each without the
    spaces, punctuation and symbols it opens with (see :func:`~cleaner.matching.normalize.strip_head`);
    ``()`` if unknown. What a whole-block rule's match must open with after the block's own
    leading punctuation: ``(?:ap|afp)(?:/\\w+)?`` gives ``ap`` and ``afp``, which are too
    short to look for anywhere in a block but tell at once whether a block starts so."""
    tree = _parse(source)
    starts = _starts(list(tree)) if tree is not None else None
    return heads_of(fold_text(s) for s in starts) if starts is not None else ()


def heads_of(folded: Iterable[str]) -> tuple[str, ...]:
    """The heads of folded starts (a regex's, or a whole-block rule's phrases): each without
    its leading spaces, punctuation and symbols, and none that another one starts; ``()``
    when a start is nothing but those, since the match could then open anywhere."""
    heads = {strip_head(s) for s in folded}
    if "" in heads:
        return ()
    return tuple(sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads)))


def _starts(items: list[Any]) -> set[str] | None:
    """Strings one of which every match of the sequence begins with, or ``None``."""
    run: set[str] = {""}
    for op, av in items:
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        info = _node(op, av)
        if info.exact is not None and len(run) * len(info.exact) <= MAX_EXACT:
            run = {a + b for a, b in itertools.product(run, info.exact)}
            continue
        heads = _item_starts(op, av)
        if heads is not None and len(run) * len(heads) <= MAX_EXACT:
            run = {a + b for a, b in itertools.product(run, heads)}
        break
    return run if run != {""} else None


def _item_starts(op: Any, av: Any) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _starts(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _starts(list(av))
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            starts = _starts(list(branch))
            if starts is None:
                return None
            out |= starts
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _, item = av
        return _starts(list(item)) if low >= 1 else None
    return None


def _unknown_property(escape: re.Match[str]) -> str:
    text = escape.group()
    return r"\w" if text[1] in "pP" else text


def score(literals: Iterable[str]) -> tuple[int, int]:
    """How selective a set of alternative literals is: by its least selective member first,
    then by the average (the number of alternatives hardly matters to the automaton). A literal of several words is much rarer in text
    than one word of the same length ("read the bune" against "newsletter"), so each space
    between words counts as several characters (a space at the edge, as one)."""
    weights = [min(len(x) + 8 * x.strip(" ").count(" "), 40) for x in literals]
    if not weights:
        return (-1, 0)
    return (min(weights), sum(weights) // len(weights))


def usable(literals: Iterable[str]) -> bool:
    lits = list(literals)
    return bool(lits) and all(len(x) >= MIN_LITERAL or _rare_symbols(x) or _dense(x) for x in lits)


def _dense(literal: str) -> bool:
    """Two letters of a script without spaces (评论, 记者) or of Hangul (기자): as selective
    as a Latin word of five or six."""
    return len(literal) >= 2 and all(GLUED.match(c) for c in literal)


def _rare_symbols(literal: str) -> bool:
    """Short, but made of symbols outside ASCII (``©``, ``™``, ``»``) or of ``@``: rare in
    body text, as a short word or other ASCII punctuation is not (``@`` stands in addresses
    and handles)."""
    return bool(literal) and all(
        c == "@" or (ord(c) > 127 and unicodedata.category(c).startswith("S")) for c in literal
    )


def _fold_set(strings: Iterable[str]) -> frozenset[str] | None:
    """Fold, and drop every literal that contains another (the shorter one is enough).

    A space at a literal's edge is kept: it stands for a space (any ``\\s``) that every
    match has there, so the block has one too, and ``by `` is a usable literal where ``by``
    is not. The prefilter scans :func:`~cleaner.matching.normalize.fold_text`, which keeps edges."""
    folded = {fold_text(s) for s in strings}
    if "" in folded or " " in folded:
        return None
    kept = frozenset(s for s in folded if not any(o != s and o in s for o in folded))
    return kept if usable(kept) else None


def _best(info: _Info) -> frozenset[str] | None:
    options = [s for s in (info.required, _fold_set(info.exact) if info.exact is not None else None) if s]
    return max(options, key=score) if options else None


def _sequence(items: Any) -> _Info:
    run: set[str] = {""}
    whole = True
    candidates: list[frozenset[str]] = []

    def close() -> None:
        folded = _fold_set(run)
        if folded is not None:
            candidates.append(folded)

    for op, av in items:
        if op is _c.LITERAL:  # the common case, without building an _Info per character
            char = chr(av)
            run = {r + char for r in run}
            continue
        info = _node(op, av)
        if info.exact is not None and len(run) * len(info.exact) <= MAX_EXACT:
            run = {a + b for a, b in itertools.product(run, info.exact)}
            continue
        whole = False
        close()
        if info.exact is not None:
            run = set(info.exact)
            continue
        if info.required is not None:
            candidates.append(info.required)
        run = {""}
    close()
    required = max(candidates, key=score) if candidates else None
    return _Info(frozenset(run) if whole else None, required)


def _node(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        return _Info(frozenset({chr(av)}), None)
    if op is _c.IN:
        return _char_class(av)
    if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
        # zero width: whatever stands on either side is adjacent in the text
        return _EMPTY
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _c.BRANCH:
        return _alternation([_sequence(b) for b in av[1]])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, high, item = av
        return _repeat(low, high, _sequence(item))
    return _UNKNOWN


def _char_class(items: Any) -> _Info:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            chars.add(" ")  # every \s character folds to a space
        else:
            return _UNKNOWN
    if not chars or len(chars) > MAX_CLASS:
        return _UNKNOWN
    return _Info(frozenset(chars), None)


def _alternation(branches: list[_Info]) -> _Info:
    exact: frozenset[str] | None = None
    if all(b.exact is not None for b in branches):
        union = frozenset().union(*(b.exact for b in branches if b.exact is not None))
        exact = union if len(union) <= MAX_EXACT else None
    picks = [_best(b) for b in branches]
    required = None
    if all(p is not None for p in picks):
        required = _fold_set(frozenset().union(*(p for p in picks if p is not None)))
    return _Info(exact, required)


def _repeat(low: int, high: int, item: _Info) -> _Info:
    if item.exact == _SPACE:
        # a run of spaces folds to one space
        return _Info(_SPACE if low else _SPACE | _EMPTY.exact, None)  # type: ignore[operator]
    if item.exact is not None and high <= 4 and high - low <= 1:
        counts = range(low, high + 1)
        exact = {"".join(parts) for k in counts for parts in itertools.product(item.exact, repeat=k)}
        if len(exact) <= MAX_EXACT:
            return _Info(frozenset(exact), None if low == 0 else _best(item))
    if low == 0:
        return _UNKNOWN
    return _Info(None, _best(item))
