"""Multi-pattern automata: which of many literals occur in a text, in one scan.

The text prefilter (:mod:`cleaner.matching.index`) asks which rule literals occur in each block;
the DOM token index (:mod:`cleaner.matching.tokens`) asks which class and id tokens occur on a
page. ``ahocorasick_rs`` answers (chosen by measurement: see ``benchmarks/ac_libraries.py``
and the README's dependency notes); where it cannot be imported, a pure-Python automaton with
the same interface gives the same answers, slower.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Protocol


class Matcher(Protocol):
    """What the text prefilter and the DOM token index ask of an automaton."""

    def found(self, texts: Sequence[str]) -> dict[int, set[int]]:
        """For each of the ``texts`` (by position) in which some pattern occurs, the indices
        of the patterns that occur in it."""
        ...


class PurePythonAutomaton:
    """Aho–Corasick in plain Python: the fallback where no compiled automaton installs."""

    def __init__(self, patterns: Sequence[str]) -> None:
        goto: list[dict[str, int]] = [{}]
        out: list[tuple[int, ...]] = [()]
        for index, pattern in enumerate(patterns):
            state = 0
            for char in pattern:
                nxt = goto[state].get(char)
                if nxt is None:
                    nxt = len(goto)
                    goto[state][char] = nxt
                    goto.append({})
                    out.append(())
                state = nxt
            out[state] += (index,)
        fail = [0] * len(goto)
        queue = list(goto[0].values())
        for state in queue:  # breadth first: a state's fail link is set before its children's
            for char, nxt in goto[state].items():
                queue.append(nxt)
                f = fail[state]
                while f and char not in goto[f]:
                    f = fail[f]
                fail[nxt] = goto[f].get(char, 0)
                out[nxt] += out[fail[nxt]]
        self._goto, self._fail, self._out = goto, fail, out
        self._lengths = [len(p) for p in patterns]

    def find_matches_as_indexes(self, haystack: str, overlapping: bool = True) -> list[tuple[int, int, int]]:
        """Every occurrence, overlapping ones included (the only mode the prefilter needs)."""
        goto, fail, out = self._goto, self._fail, self._out
        found = []
        state = 0
        for pos, char in enumerate(haystack):
            while state and char not in goto[state]:
                state = fail[state]
            state = goto[state].get(char, 0)
            for index in out[state]:
                found.append((index, pos + 1 - self._lengths[index], pos + 1))
        return found

    def found(self, texts: Sequence[str]) -> dict[int, set[int]]:
        out = {}
        for position, text in enumerate(texts):
            hits = self.find_matches_as_indexes(text)
            if hits:
                out[position] = {hit[0] for hit in hits}
        return out


class CompiledAutomaton:
    """``ahocorasick_rs``'s automaton over UTF-8 bytes: its ``str`` version maps every match
    offset from bytes back to characters, which costs as much as the scan on text that is
    not ASCII.

    All texts are scanned in one call, joined by a NUL byte: a call per block cost more than
    the scan. A hit is given to the text it starts in (a binary search over the texts' ends).
    A pattern holding a NUL could at worst give a text a pattern it lacks, which only makes
    a rule a candidate; every occurrence inside one text is still found."""

    def __init__(self, patterns: Sequence[str]) -> None:
        import ahocorasick_rs

        implementation = ahocorasick_rs.Implementation.DFA if len(patterns) <= MAX_DFA_LITERALS else None
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            [p.encode("utf-8", "surrogatepass") for p in patterns], implementation=implementation
        )

    def found(self, texts: Sequence[str]) -> dict[int, set[int]]:
        data = [text.encode("utf-8", "surrogatepass") for text in texts]
        hits = self._automaton.find_matches_as_indexes(b"\x00".join(data), overlapping=True)
        out: dict[int, set[int]] = {}
        if not hits:
            return out
        ends = list(accumulate(len(d) + 1 for d in data))
        for pattern, start, _ in hits:
            position = bisect_right(ends, start)
            seen = out.get(position)
            if seen is None:
                out[position] = {pattern}
            else:
                seen.add(pattern)
        return out


#: Up to this many literals, the automaton is built as a DFA: it scans two to three times
#: faster than the default (an NFA) on article text, but its size grows with the number of
#: literals times the alphabet, and it takes longer to build.
MAX_DFA_LITERALS = 5_000


class SpanFinder(Protocol):
    """Where some patterns occur in a text: what link density is measured with."""

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the occurrences in ``text`` (possibly overlapping)."""
        ...


class _CompiledSpans:
    """``ahocorasick_rs`` on ``str``, leftmost-longest: no overlaps to merge afterwards."""

    def __init__(self, patterns: Sequence[str]) -> None:
        import ahocorasick_rs

        # built for every page: the NFA builds fastest, and a page's blocks are little to scan
        self._automaton = ahocorasick_rs.AhoCorasick(
            patterns,
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.NoncontiguousNFA,
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [(start, end) for _, start, end in self._automaton.find_matches_as_indexes(text)]


class _PureSpans(PurePythonAutomaton):
    def spans(self, text: str) -> list[tuple[int, int]]:
        return [(start, end) for _, start, end in self.find_matches_as_indexes(text)]


def build_span_finder(patterns: Sequence[str]) -> SpanFinder:
    """The compiled automaton where it installs, else the pure-Python one."""
    try:
        return _CompiledSpans(patterns)
    except ImportError:
        return _PureSpans(patterns)


def build_matcher(patterns: Sequence[str]) -> Matcher:
    """The compiled automaton where it installs, else the pure-Python one."""
    try:
        return CompiledAutomaton(patterns)
    except ImportError:
        return PurePythonAutomaton(patterns)
