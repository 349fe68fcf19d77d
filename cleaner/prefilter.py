"""The literal prefilter: which rules are worth trying on which block.

Every text rule is compiled to a set of folded literals of which any match must contain one
(:func:`cleaner.matching.required_literals`). All literals of a rule selection go into one
Aho–Corasick automaton, built once per selection (selections are cached per site and
language by :class:`cleaner.ruleset.RuleSet`). Each folded block is scanned once; a block's
candidates are the rules whose literal occurs in it plus the rules without a literal, in
precedence order. The scan costs about the same for 100 rules as for 10,000: it depends on
the text and on how many literals actually occur, not on how many rules there are.

The rules without a usable literal are offered to every block their guards admit; they are
searched for together first (:mod:`cleaner.gate`), so that a block none of them can match
costs one regex call instead of one per rule.

The automaton comes from ``ahocorasick_rs`` (chosen by measurement: see
``benchmarks/ac_libraries.py`` and the README's dependency notes). Where that cannot be
imported, a pure-Python automaton with the same interface gives the same answers, slower.
Blocks are folded one by one (most take the ASCII fast path, which folding them joined would
lose) and scanned joined, in one call (:class:`CompiledAutomaton`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Protocol

from .gate import Gate
from .matching import block_heads, required_literals
from .normalize import fold_text
from .rule import Rule
from .textstage import RuleIndex


class Matcher(Protocol):
    """What the prefilter asks of an automaton."""

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


def build_matcher(patterns: Sequence[str]) -> Matcher:
    """The compiled automaton where it installs, else the pure-Python one."""
    try:
        return CompiledAutomaton(patterns)
    except ImportError:
        return PurePythonAutomaton(patterns)


class AutomatonIndex(RuleIndex):
    """Offers a rule to a block only if one of the rule's literals occurs in it."""

    def __init__(self, rules: Sequence[Rule], build: type[Matcher] | None = None) -> None:
        """``build`` replaces the automaton (tests compare the pure-Python one)."""
        super().__init__(rules)
        by_literal: dict[str, list[int]] = {}
        always: list[int] = []
        heads: list[tuple[str, ...] | None] = [None] * len(self.rules)
        for i, rule in enumerate(self.rules):
            literals = required_literals(rule.expr) if rule.expr is not None else None
            if literals is None:
                always.append(i)
                heads[i] = block_heads(rule.expr) if rule.expr is not None else None
                continue
            for literal in literals:
                by_literal.setdefault(literal, []).append(i)
        self.literals: tuple[str, ...] = tuple(by_literal)
        self._literal_rules = tuple(tuple(v) for v in by_literal.values())
        self._always = tuple(always)
        self._matcher: Matcher | None = None
        if self.literals:
            self._matcher = build(self.literals) if build else build_matcher(self.literals)  # type: ignore[call-arg]
        # a whole-block rule without a literal is tried only on blocks that open as it does;
        # the other rules offered to every block are searched for together first
        self.heads = tuple(heads)
        self._gate = Gate(self.rules, [i for i in always if heads[i] is None])
        self.gated = self._gate.covers

    def may_match(self, norm: str, words: int, timeout: float | None) -> bool:
        return self._gate.may_match(norm, words, timeout)

    @property
    def unfiltered(self) -> tuple[int, ...]:
        """Rules without a literal: tried on every block."""
        return self._always

    def candidates(self, texts: Sequence[str]) -> list[Sequence[int]]:
        always = self._always
        if self._matcher is None:
            return [always] * len(texts)
        literal_rules = self._literal_rules
        out: list[Sequence[int]] = [always] * len(texts)
        for position, literals in self._matcher.found([fold_text(text) for text in texts]).items():
            chosen = set(always)
            for literal in literals:
                chosen.update(literal_rules[literal])
            out[position] = tuple(sorted(chosen))
        return out
