"""Match expressions: phrases and regexes, combined with ``any`` / ``all`` / ``not``.

Every expression runs on text normalized by :func:`cleaner.matching.normalize.normalize` (quotes,
dashes and spaces folded one-for-one) with case-insensitive regexes, so a span found here is a
span of the original block text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import regex

from .literals import derive_heads, derive_literals, heads_of, score, usable
from .normalize import GLUED, fold, fold_text, normalize
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
        """Sets of alternative literals (folded): every set has a member in any text that the
        expression matches. Empty when nothing is known. See :func:`required_literals`."""
        ...

    def block_heads(self) -> tuple[str, ...]:
        """Starts, one of which every block that the expression matches opens with (see
        :func:`cleaner.matching.normalize.block_head`); empty when nothing is known. Only whole-block
        expressions know them."""
        ...




@lru_cache(maxsize=1)
def _compositions() -> dict[str, list[tuple[str, str]]]:
    """Canonical decompositions of precomposed letters (Hangul syllables aside, which the web
    never writes decomposed), by first character, longest first: ``a`` + U+0323 + U+0302 →
    ``ậ``; ``ढ`` + U+093C → ``ढ़`` (U+095D, which NFC itself never composes)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for code in range(0xC0, 0x10000):
        if 0xAC00 <= code <= 0xD7A3:
            continue
        char = chr(code)
        parts = unicodedata.normalize("NFD", char)
        if parts != char and len(parts) > 1:
            out.setdefault(parts[0], []).append((parts, char))
    for options in out.values():
        options.sort(key=lambda pair: -len(pair[0]))
    return out


def _decomposed(text: str) -> str:
    """NFD, but for Hangul syllables, which are matched as written."""
    return "".join(c if "\uac00" <= c <= "\ud7a3" else unicodedata.normalize("NFD", c) for c in text)


def _escape_equivalents(word: str) -> tuple[str, bool]:
    """``regex.escape(word)``, where every letter that has another canonically equivalent
    spelling (composed or decomposed: both are common on the web) matches either; and
    whether there was any such letter."""
    if word.isascii():
        return regex.escape(word), False
    nfd = _decomposed(word)
    table = _compositions()
    out: list[str] = []
    varied = False
    i = 0
    while i < len(nfd):
        for parts, char in table.get(nfd[i], ()):
            if nfd.startswith(parts, i):
                out.append(f"(?:{regex.escape(char)}|{regex.escape(parts)})")
                i += len(parts)
                varied = True
                break
        else:
            out.append(regex.escape(nfd[i]))
            i += 1
    return "".join(out), varied


def stable_runs(phrase: str) -> list[str]:
    """The stretches of a phrase that every canonically equivalent spelling of it contains:
    in its decomposed form, all but the letters that carry combining marks and the marks
    (the literals the prefilter can look for)."""
    nfd = _decomposed(phrase)
    runs, current = [], []
    for i, char in enumerate(nfd):
        marked = unicodedata.combining(char) or (i + 1 < len(nfd) and unicodedata.combining(nfd[i + 1]))
        if marked:
            if current:
                runs.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        runs.append("".join(current))
    return runs


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regex: literal text (any canonically equivalent spelling of it), any run
    of spaces between words, word boundaries (where the phrase's edge is a letter of a script
    that separates words with spaces)."""
    words = normalize(phrase).split()
    body = r"\s+".join(_escape_equivalents(w)[0] for w in words)
    if words and regex.match(r"\w", words[0]) and not GLUED.match(words[0][0]):
        body = r"(?<!\w)" + body
    if words and regex.search(r"\w$", words[-1]) and not GLUED.match(words[-1][-1]):
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
    #: The regex that runs: phrases joined into one, wrapped for ``whole``.
    source: str
    whole: bool
    #: Declared or derived literals (folded); empty means none known.
    required: tuple[str, ...] = ()
    #: For ``whole``: what the block opens with when it matches (see ``block_heads``).
    heads: tuple[str, ...] = ()
    compiled: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the compiled pattern (see :mod:`cleaner.rules.cache`): a ``regex``
        pattern pickles as its source and compiles again on arrival, which is the cost the
        cache is there to spare; it compiles on first use instead."""
        return {**self.__dict__, "compiled": None}

    @property
    def pattern(self) -> regex.Pattern[str]:
        """Compiled on first use for phrases: escaped text cannot fail to compile, and most
        phrases of a large rule set never get past the prefilter, while compiling costs
        about half a millisecond each."""
        compiled = self.compiled
        if compiled is None:
            compiled = regex.compile(self.source, FLAGS)
            object.__setattr__(self, "compiled", compiled)
        return compiled

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        pattern = self.pattern
        if self.kind == "phrase":
            # Escaped words joined by \s+ between edge classes: no nested repeat, so matching
            # is linear in the block and needs no time limit, whose two CPU-clock system calls
            # per search cost more than the search itself on a short block.
            timeout = None
        # most blocks match no rule: one search says so, and only a match is worth collecting
        if pattern.search(text, timeout=timeout) is None:
            return None
        spans = [m.span() for m in pattern.finditer(text, timeout=timeout) if m.end() > m.start()]
        if not spans:
            # a zero-width regex match (lookarounds only) still counts as a match
            return [] if self.kind == "regex" else None
        if self.whole:
            return [_trim_span(text, spans[0])]
        return spans

    def literals(self) -> list[list[str]]:
        return [list(self.required)] if self.required else []

    def block_heads(self) -> tuple[str, ...]:
        return self.heads


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

    def block_heads(self) -> tuple[str, ...]:
        heads: set[str] = set()
        for child in self.children:
            found = child.block_heads()
            if not found:
                return ()
            heads.update(found)
        return tuple(sorted(heads))

    def literals(self) -> list[list[str]]:
        # one literal per child is required; if any child has none, the whole has none
        alts: set[str] = set()
        for child in self.children:
            lits = required_literals(child)
            if lits is None:
                return []
            alts.update(lits)
        return [sorted(alts)]


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

    def block_heads(self) -> tuple[str, ...]:
        # every child must match: the heads of any one of them will do
        return next((heads for heads in (c.block_heads() for c in self.children) if heads), ())


@dataclass(frozen=True)
class Not:
    child: Expr

    def find(self, text: str, timeout: float | None) -> list[Span] | None:
        return [] if self.child.find(text, timeout) is None else None

    def literals(self) -> list[list[str]]:
        return []

    def block_heads(self) -> tuple[str, ...]:
        return ()


def required_literals(expr: Expr) -> list[str] | None:
    """One set of alternative literals (folded) of which at least one must occur for ``expr``
    to match (the most selective set), or ``None`` when no usable literal is required: then
    the rule runs on every block, and ``rules lint`` reports it as slow."""
    sets = [s for s in expr.literals() if usable(s)]
    if not sets:
        return None
    return max(sets, key=score)


def compile_phrases(phrases: list[str], whole: bool) -> Leaf:
    body = "|".join(phrase_pattern(p) for p in phrases)
    pattern = wrap_whole(body) if whole else body
    folded = {fold(p) for p in phrases}
    # a phrase with a letter of two spellings is looked for by its longest part of one
    literals = {max(stable_runs(f), key=len, default="").strip() if _varies(f) else f for f in folded}
    required = tuple(sorted(literals)) if usable(literals) else ()
    return Leaf("phrase", tuple(phrases), pattern, whole, required, heads_of(folded) if whole else ())


def _varies(text: str) -> bool:
    return not text.isascii() and any(_escape_equivalents(w)[1] for w in text.split())


def compile_regex(source: str, whole: bool, requires: tuple[str, ...] = ()) -> Leaf:
    """Compile a user regex; raises ``regex.error`` with the library's message."""
    check_unrolled_size(source)
    pattern = wrap_whole(source) if whole else source
    compiled = regex.compile(pattern, FLAGS)
    declared = tuple(fold_text(r) for r in requires if fold(r))
    required = declared or derive_literals(source)
    heads = derive_heads(source) if whole else ()
    return Leaf("regex", (source,), pattern, whole, required, heads, compiled)


def block_heads(expr: Expr) -> tuple[str, ...] | None:
    """The starts one of which a block must open with for ``expr`` to match it, or ``None``
    when they are not known: a whole-block rule too short for a literal (``ad``, ``ap``)
    is then tried only on blocks that open so."""
    return expr.block_heads() or None
