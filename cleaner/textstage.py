"""Text rules: decide, block by block, what stays.

Two passes. The first finds, for every block, the first rule (in precedence order) whose cheap
guards pass and whose expression matches; the second turns those matches into decisions,
spreading the range actions (``drop_from_here``, ``drop_up_to_here``) over their blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .errors import RuleTimeoutError
from .matching import Span
from .model import Block, Decision, GuardEvent
from .normalize import normalize
from .rule import Rule

_LEFTOVER = regex.compile(r"^[\s\p{P}\p{S}]*$")
_SPACES = regex.compile(r"[ \t]{2,}")


class RuleIndex:
    """Which rules are worth trying on each block. This plain index offers every rule to every
    block; :class:`cleaner.prefilter.AutomatonIndex` (the default) offers only the rules whose
    literals occur in the block."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._all = tuple(range(len(self.rules)))

    def candidates(self, texts: Sequence[str]) -> list[Sequence[int]]:
        """For each block's text (as extracted, not normalized), the indices into ``rules`` of
        the rules to try on it, in precedence order."""
        return [self._all] * len(texts)


@dataclass(frozen=True, slots=True)
class _Hit:
    rule: Rule
    spans: tuple[Span, ...]


def apply_text_rules(
    blocks: Sequence[Block], index: RuleIndex, timeout: float | None
) -> tuple[list[Decision], list[GuardEvent]]:
    rules = index.rules
    n = len(blocks)
    candidates = index.candidates([b.text for b in blocks])
    hits: list[_Hit | None] = [None] * n
    guards: list[GuardEvent] = []
    total_words = sum(b.words for b in blocks)
    words_seen = 0
    kept_before = 0
    for i, block in enumerate(blocks):
        norm = None  # normalized only if a rule gets past its cheap guards
        words_after = total_words - words_seen - block.words
        for r in candidates[i]:
            rule = rules[r]
            if not rule.selection_guard(block, n):
                continue
            if norm is None:
                norm = normalize(block.text)
            try:
                spans = rule.find(norm, timeout)
            except TimeoutError:
                raise RuleTimeoutError(
                    f"regex ran past the {timeout:g} s limit on block {i}; the pattern is too slow (see 'cleaner rules lint')",
                    rule.path,
                    rule.line,
                    rule.id,
                ) from None
            if spans is None:
                continue
            stopped = rule.safety_guard(block, kept_before, words_after)
            if stopped:
                guards.append(GuardEvent(rule.id, i, stopped, _guard_detail(stopped, block, rule)))
                continue
            hits[i] = _Hit(rule, tuple(spans))
            break
        words_seen += block.words
        hit = hits[i]
        if hit is None or hit.rule.action == "strip_span":
            kept_before += block.words
    return _decide(blocks, hits), guards


def _guard_detail(guard: str, block: Block, rule: Rule) -> str:
    if guard == "long_block":
        return f"block has {block.words} words; set max_words on the rule to allow it"
    if guard == "min_words_before":
        return "too little body text before the block to cut the rest of the page"
    return "too little body text after the block to cut everything before it"


def _decide(blocks: Sequence[Block], hits: Sequence[_Hit | None]) -> list[Decision]:
    n = len(blocks)
    cut_from = next((i for i, h in enumerate(hits) if h and h.rule.action == "drop_from_here"), n)
    cut_to = max((i for i, h in enumerate(hits) if h and h.rule.action == "drop_up_to_here"), default=-1)
    decisions = []
    for i, block in enumerate(blocks):
        hit = hits[i]
        if hit and hit.rule.action != "strip_span":
            decisions.append(_removed(block, hit.rule, hit.spans, None))
        elif i > cut_from:
            decisions.append(_removed(block, hits[cut_from].rule, (), cut_from))  # type: ignore[union-attr]
        elif i < cut_to:
            decisions.append(_removed(block, hits[cut_to].rule, (), cut_to))  # type: ignore[union-attr]
        elif hit:
            decisions.append(_strip(block, hit.rule, hit.spans))
        else:
            decisions.append(Decision(i, True, block.text))
    return decisions


def _removed(block: Block, rule: Rule, spans: tuple[Span, ...], trigger: int | None) -> Decision:
    return Decision(block.index, False, "", rule.id, rule.action, rule.category, rule.message, spans, trigger)


def _strip(block: Block, rule: Rule, spans: tuple[Span, ...]) -> Decision:
    """Cut the matched spans out of the block; drop the block if nothing but punctuation is left."""
    text = block.text
    pieces, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            a = last
        pieces.append(text[last:a])
        last = max(last, b)
    pieces.append(text[last:])
    new = _SPACES.sub(" ", "".join(pieces)).strip()
    new = regex.sub(r"\s+([,.;:!?])", r"\1", new)
    if _LEFTOVER.match(new):
        return Decision(block.index, False, "", rule.id, rule.action, rule.category, rule.message, spans)
    return Decision(block.index, True, new, rule.id, rule.action, rule.category, rule.message, spans)
