"""Refuse regexes whose compiled form would be huge, before compiling them.

The ``regex`` module unrolls the minimum count of a counted repeat at compile time, and nested
counts multiply: ``a{100000000}`` or ``(a{10000}){10000}`` asks for gigabytes before a single
character is matched (the kernel may kill the process before Python sees a MemoryError). A
time limit on matching cannot help there, so rule loading estimates the unrolled size first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

#: Atoms a pattern may hold once counted repeats are unrolled (``a{100000}`` compiles in a
#: tenth of a second and some 40 MB; ten times that takes seconds and hundreds of MB).
MAX_UNROLLED = 100_000

_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")
#: Escapes followed by a braced argument: \p{L}, \N{name}, \x{20ac}, \g{1}.
_BRACED_ESCAPE = re.compile(r"\\[pPNxgu]\{[^}]*\}")


@dataclass
class _Group:
    total: int = 0  # unrolled atoms in the group so far
    last: int = 0  # atoms of the last item, which a following quantifier multiplies


def unrolled_size(source: str) -> int:
    """An upper estimate of the atoms in ``source`` with every counted repeat unrolled."""
    cap = MAX_UNROLLED * 10  # past the limit the exact figure does not matter
    stack = [_Group()]
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        top = stack[-1]
        if c == "\\":
            m = _BRACED_ESCAPE.match(source, i)
            i = m.end() if m else i + 2
            top.total, top.last = top.total + 1, 1
            continue
        if c == "[":
            i = _class_end(source, i)
            top.total, top.last = top.total + 1, 1
            continue
        if c == "(":
            if source.startswith("(?#", i):
                end = source.find(")", i)
                i = n if end < 0 else end + 1
                continue
            stack.append(_Group())
        elif c == ")" and len(stack) > 1:
            group = stack.pop()
            weight = max(1, group.total)
            stack[-1].total, stack[-1].last = min(cap, stack[-1].total + weight), weight
        elif c == "{" and (m := _QUANTIFIER.match(source, i)) and (m.group(1) or m.group(2)):
            count = int(m.group(1) or 0)
            grown = top.last * max(count, 1)
            top.total, top.last = min(cap, top.total + grown - top.last), min(cap, grown)
            i = m.end()
            continue
        elif c not in "*+?|^$":
            top.total, top.last = min(cap, top.total + 1), 1
        i += 1
    return sum(g.total for g in stack)


def _class_end(source: str, start: int) -> int:
    """Index just past the character class opening at ``start``."""
    i = start + 1
    if i < len(source) and source[i] == "^":
        i += 1
    if i < len(source) and source[i] == "]":
        i += 1  # a leading ']' is a literal
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] == "]":
            return i + 1
        i += 1
    return len(source)


def check_unrolled_size(source: str) -> None:
    """Raise ``regex.error`` (what a bad pattern raises anyway) for a pattern too big to compile."""
    size = unrolled_size(source)
    if size > MAX_UNROLLED:
        raise regex.error(
            f"its counted repeats unroll to {'over ' if size >= MAX_UNROLLED * 10 else ''}{size:,} atoms"
            f" when compiled, over the limit of {MAX_UNROLLED:,}; lower the minimum counts"
        )
