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

The automaton is :mod:`cleaner.automaton`'s. Blocks are folded one by one (most take the
ASCII fast path, which folding them joined would lose) and scanned joined, in one call
(:class:`cleaner.automaton.CompiledAutomaton`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .automaton import Matcher, PurePythonAutomaton, build_matcher
from .gate import Gate
from .matching import block_heads, required_literals
from .normalize import fold_text
from .rule import Rule
from .textstage import RuleIndex

__all__ = ["AutomatonIndex", "Matcher", "PurePythonAutomaton", "build_matcher"]


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
