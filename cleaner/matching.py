"""Match expressions: phrases and regexes, combined with ``any`` / ``all`` / ``not``.

Every expression runs on text normalized by :func:`cleaner.normalize.normalize` (quotes,
dashes and spaces folded one-for-one) with case-insensitive regexes, so a span found here is a
span of the original block text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import regex

from .normalize import fold, normalize
from .regexguard import check_unrolled_size

Span = tuple[int, int]

FLAGS = regex.IGNORECASE | regex.VERSION0

#: Around a whole-block match, only punctuation, symbols and spaces may stand.
_EDGE = r"[\s\p{P}\p{S}]*"


class Expr(Protocol):
    """A compiled match expression."""

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        """Spans matched in ``text`` (possibly empty for ``not``), or ``None`` for no match."""
        ...

    def literals(self) -> list[list[str]]:
        """Required literals as alternatives: the expression cannot match unless, for at least
        one inner list... see :func:`required_literals`. Used by the prefilter."""
        ...


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regex: literal text, any run of spaces between words, word boundaries."""
    words = normalize(phrase).split()
    body = r"\s+".join(regex.escape(w) for w in words)
    if words and regex.match(r"\w", words[0]):
        body = r"(?<!\w)" + body
    if words and regex.search(r"\w$", words[-1]):
        body = body + r"(?!\w)"
    return body


def wrap_whole(pattern: str) -> str:
    return rf"^{_EDGE}(?:{pattern}){_EDGE}$"


@dataclass(frozen=True)
class Leaf:
    """A list of phrases or one regex; matches if any occurs (or, when ``whole``, if one of
    them is the entire block but for punctuation)."""

    kind: str  # "phrase" or "regex"
    sources: tuple[str, ...]
    pattern: regex.Pattern[str]
    whole: bool
    #: Declared or derived literals (folded); empty means none known.
    required: tuple[str, ...] = ()

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        spans = [m.span() for m in self.pattern.finditer(text, timeout=timeout) if m.end() > m.start()]
        if not spans:
            # a zero-width regex match (lookarounds only) still counts as a match
            if self.kind == "regex" and self.pattern.search(text, timeout=timeout):
                return []
            return None
        if self.whole:
            return [_trim_span(text, spans[0])]
        return spans

    def literals(self) -> list[list[str]]:
        return [list(self.required)] if self.required else []


def _trim_span(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Expr, ...]

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        found: list[Span] | None = None
        for child in self.children:
            spans = child.find(text, timeout)
            if spans is not None:
                found = (found or []) + spans
        return found

    def literals(self) -> list[list[str]]:
        # one literal per child is required; if any child has none, the whole has none
        alts: list[str] = []
        for child in self.children:
            lits = child.literals()
            if not lits:
                return []
            alts.extend(lits[0])
        return [alts]


@dataclass(frozen=True)
class AllOf:
    children: tuple[Expr, ...]

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        found: list[Span] = []
        for child in self.children:
            spans = child.find(text, timeout)
            if spans is None:
                return None
            found.extend(spans)
        return found

    def literals(self) -> list[list[str]]:
        out: list[list[str]] = []
        for child in self.children:
            out.extend(child.literals())
        return out


@dataclass(frozen=True)
class Not:
    child: Expr

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        return [] if self.child.find(text, timeout) is None else None

    def literals(self) -> list[list[str]]:
        return []


def required_literals(expr: Expr) -> list[str] | None:
    """One set of alternative literals of which at least one must occur for ``expr`` to match
    (the most selective set), or ``None`` when no literal is required."""
    sets = [s for s in expr.literals() if s and all(s)]
    if not sets:
        return None
    return min(sets, key=lambda s: (len(s), -min(len(x) for x in s)))


def compile_phrases(phrases: list[str], whole: bool) -> Leaf:
    body = "|".join(phrase_pattern(p) for p in phrases)
    pattern = wrap_whole(body) if whole else body
    required = tuple(sorted({fold(p) for p in phrases}))
    return Leaf("phrase", tuple(phrases), regex.compile(pattern, FLAGS), whole, required)


def compile_regex(source: str, whole: bool, requires: tuple[str, ...] = ()) -> Leaf:
    """Compile a user regex; raises ``regex.error`` with the library's message."""
    check_unrolled_size(source)
    pattern = wrap_whole(source) if whole else source
    compiled = regex.compile(pattern, FLAGS)
    required = tuple(fold(r) for r in requires) or derive_literals(source)
    return Leaf("regex", (source,), compiled, whole, required)


_META = set(".^$*+?{}[]\\|()")


def derive_literals(source: str) -> tuple[str, ...]:
    """Literals a simple regex cannot match without.

    Handles the common shape of rule regexes: a top-level alternation of branches made of
    plain text and ordinary tokens. The longest run of plain characters of each branch
    (outside groups, not followed by a quantifier) is required. Anything unusual (inline
    flags, backreferences, lookbehinds, escapes other than ``\\s``) gives up and returns no
    literal: the rule then runs on every block, which is slower, never wrong.
    """
    if "(?" in source.replace("(?:", ""):
        return ()
    branches = _split_top(source)
    if branches is None:
        return ()
    out = []
    for branch in branches:
        lit = _longest_plain_run(branch)
        if not lit or len(lit) < 3:
            return ()
        out.append(fold(lit))
    return tuple(sorted(set(out)))


def _split_top(source: str) -> list[str] | None:
    depth, start, parts, i = 0, 0, [], 0
    in_class = False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    parts.append(source[start:])
    return parts


def _longest_plain_run(branch: str) -> str:
    """Longest literal stretch at group depth 0 whose characters are all mandatory."""
    best, cur = "", ""
    depth, i, n = 0, 0, len(branch)
    while i < n:
        c = branch[i]
        nxt = branch[i + 1] if i + 1 < n else ""
        if c == "\\":
            esc = branch[i : i + 2]
            # \s between words is a space in folded text only if it is not quantified
            if esc in ("\\s",) and depth == 0 and branch[i + 2 : i + 3] not in ("*", "?", "{"):
                cur += " "
                i += 2
                if branch[i : i + 1] == "+":
                    i += 1
                continue
            if esc in ("\\.", "\\-", "\\'", '\\"', "\\/", "\\,", "\\!", "\\?") and depth == 0:
                if nxt and branch[i + 2 : i + 3] not in ("*", "?", "{"):
                    cur += esc[1]
                    i += 2
                    continue
            best, cur = max(best, cur, key=len), ""
            i += 2
            continue
        if c in "([":
            best, cur = max(best, cur, key=len), ""
            if c == "[":
                j = branch.find("]", i + 2)
                if j < 0:
                    return ""
                i = j + 1
                continue
            depth += 1
            i += 1
            continue
        if c == ")":
            depth -= 1
            i += 1
            continue
        if depth > 0:
            i += 1
            continue
        if c in _META:
            # a quantifier takes back the last character of the run
            if c in "*?{" and cur:
                cur = cur[:-1]
            best, cur = max(best, cur, key=len), ""
            i += 1
            continue
        if nxt in ("*", "?", "{"):
            best, cur = max(best, cur, key=len), ""
            i += 1
            continue
        cur += c
        i += 1
    best = max(best, cur, key=len)
    return " ".join(best.split()) if best.strip() == best else best.strip()
