"""Which text rules match which block: the one entry point of matching for the text stage.

The text stage asks two things: :meth:`RuleIndex.offered`, once per page, gives each block the
rules worth trying on it; :meth:`RuleIndex.matches` then runs those on one block, in
precedence order, and yields what matches. Everything in between (folding, the literal
prefilter, heads, the gate, normalization, the regexes with their time limits) stays down
here.

The literal prefilter: every text rule is compiled to a set of folded literals of which any
match must contain one (:func:`cleaner.matching.expr.required_literals`). All literals of a
rule selection go into one Aho–Corasick automaton (:mod:`cleaner.matching.automaton`), built
once per selection (selections are cached per site and language by
:class:`cleaner.rules.ruleset.RuleSet`). Each folded block is scanned once; a block's
candidates are the rules whose literal occurs in it plus the rules without a literal. The scan
costs about the same for 100 rules as for 10,000: it depends on the text and on how many
literals occur, not on how many rules there are.

Rules without a usable literal are offered to every block their guards admit; a whole-block
one only to blocks that open with one of its heads, the others are searched for together
first (:mod:`cleaner.matching.gate`), so that a block none of them can match costs one regex
call instead of one per rule.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar

from ..errors import RuleTimeoutError
from ..model import Block
from .automaton import Matcher, PurePythonAutomaton, build_matcher
from .expr import Span, block_heads, required_literals
from .gate import Gate
from .normalize import block_head, fold_text, normalize
from .ruleview import MatchRule

#: The rule type an index holds (the rule model in use), handed back by :meth:`RuleIndex.matches`.
R = TypeVar("R", bound=MatchRule)

__all__ = ["AutomatonIndex", "Matcher", "PurePythonAutomaton", "RuleIndex", "build_matcher"]


class RuleIndex(Generic[R]):
    """Which rules are worth trying on each block. This plain index offers every rule to every
    block; :class:`AutomatonIndex` (the default) offers only the rules whose
    literals occur in the block."""

    def __init__(self, rules: Sequence[R]) -> None:
        self.rules = tuple(rules)
        self._all = tuple(range(len(self.rules)))
        #: For every rule, whether :meth:`may_match` speaks for it (for none here).
        self.gated: tuple[bool, ...] = (False,) * len(self.rules)
        #: For every rule, the starts one of which a block must open with (see
        #: :func:`cleaner.matching.normalize.block_head`) for the rule to be tried; ``None``: any block.
        self.heads: tuple[tuple[str, ...] | None, ...] = (None,) * len(self.rules)
        #: For every rule, the word counts it admits (``min_words``, ``max_words``): checked
        #: inline before the rule's other guards, since most rules are for short lines.
        self.word_limits: tuple[tuple[int, float], ...] = tuple(
            (r.min_words or 0, r.max_words if r.max_words is not None else math.inf) for r in self.rules
        )
        self._admitted: dict[tuple[tuple[int, ...], str, frozenset[str], int], tuple[tuple[int, ...], float, float]] = {}
        #: The link densities the rules draw a line at: a block's place among them is all
        #: that the rules' link-density guards see of it.
        self._density_steps = tuple(
            sorted({d for r in self.rules for d in (r.min_link_density, r.max_link_density) if d is not None})
        )

    def candidates(self, texts: Sequence[str]) -> list[Sequence[int]]:
        """For each block's text (as extracted, not normalized), the indices into ``rules`` of
        the rules to try on it, in precedence order."""
        return [self._all] * len(texts)

    def admitted(self, offered: Sequence[int], block: Block) -> Sequence[int]:
        """The offered rules whose block kinds, tags, link density and word limits admit
        ``block``.

        Most blocks of a document are offered the same rules (those without a literal) and
        share their kind, tags and link density (most have no link; the others are told apart
        only by where their density stands among the rules' limits), so the rules that pass
        those are looked up, not checked rule by rule; the word limits of what is left are
        checked together. A long plain paragraph is then done without a call per rule."""
        density = block.link_density
        if density == 0.0:  # most blocks: no link, no need to place it
            place = -1
        else:
            # where the density stands among the rules' limits (below, on or above each;
            # odd: on one): every block that links its text differently would otherwise be
            # a key of its own
            steps = self._density_steps
            place = 2 * bisect_right(steps, density)
            if place and steps[place // 2 - 1] == density:
                place -= 1
        key = (tuple(offered), block.kind, block.tags, place)
        entry = self._admitted.get(key)
        if entry is None:
            kept = tuple(r for r in offered if self.rules[r].fits(block))
            low: float = min((self.word_limits[r][0] for r in kept), default=0)
            high: float = max((self.word_limits[r][1] for r in kept), default=-1)
            if len(self._admitted) >= _ADMITTED_LIMIT:
                self._admitted.clear()
            entry = self._admitted[key] = (kept, low, high)
        return entry[0] if entry[1] <= block.words <= entry[2] else ()

    def offered(self, blocks: Sequence[Block]) -> list[Sequence[int]]:
        """For each block, the rules (indices into ``rules``, in precedence order) worth
        trying on it: those whose literal it holds (or that have none) and whose kind, tags,
        link density and word limits admit it. One automaton scan for all the blocks."""
        candidates = self.candidates([b.text for b in blocks])
        return [self.admitted(offer, block) for offer, block in zip(candidates, blocks)]

    def matches(
        self, block: Block, offered: Sequence[int], n_blocks: int, timeout: float | None
    ) -> Iterator[tuple[R, list[Span]]]:
        """The offered rules that match ``block``, in precedence order, with their spans.

        Lazy: the text stage stops at the first one its safety guards let through. The block
        is normalized, its head read and the gate asked only once a rule gets that far.
        Raises :class:`~cleaner.errors.RuleTimeoutError` when a regex runs past ``timeout``.
        """
        rules, gated, limits, heads = self.rules, self.gated, self.word_limits, self.heads
        words = block.words
        norm = None  # normalized only if a rule gets past its cheap guards
        head = None  # the same
        gate_open = None  # asked only if a gated rule gets past its cheap guards
        for r in offered:
            if gate_open is False and gated[r]:
                continue
            low, high = limits[r]
            if words < low or words > high:
                continue
            rule = rules[r]
            if not rule.selection_guard(block, n_blocks):
                continue
            starts = heads[r]
            if starts is not None:
                if head is None:
                    head = block_head(block.text)
                if not head.startswith(starts):
                    continue
            if norm is None:
                norm = normalize(block.text)
            if gated[r]:
                if gate_open is None:
                    gate_open = self.may_match(norm, words, timeout)
                if not gate_open:
                    continue
            try:
                spans = rule.find(norm, timeout)
            except TimeoutError:
                raise RuleTimeoutError(
                    f"regex ran past the {timeout:g} s limit on block {block.index}; the pattern is too slow (see 'cleaner rules lint')",
                    rule.path,
                    rule.line,
                    rule.id,
                ) from None
            if spans is not None:
                yield rule, spans

    def may_match(self, norm: str, words: int, timeout: float | None) -> bool:
        """``False`` if no rule marked in ``gated`` can match the normalized text of a block
        of ``words`` words and pass its word limits."""
        return True


#: Entries of :meth:`RuleIndex.admitted`'s memo before it starts over.
_ADMITTED_LIMIT = 4096

class AutomatonIndex(RuleIndex[R]):
    """Offers a rule to a block only if one of the rule's literals occurs in it."""

    def __init__(self, rules: Sequence[R], build: type[Matcher] | None = None) -> None:
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
