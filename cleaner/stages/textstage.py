"""Text rules: decide, block by block, what stays.

Two passes. The first finds, for every block, the first rule (in precedence order) whose cheap
guards pass and whose expression matches; the second turns those matches into decisions,
spreading the range actions (``drop_from_here``, ``drop_up_to_here``) over their blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from ..matching.expr import Span
from ..matching.index import RuleIndex
from ..matching.normalize import word_count
from ..model import Block, Decision, GuardEvent
from ..rules.rule import Rule

_LEFTOVER = regex.compile(r"^[\s\p{P}\p{S}]*$")
_SPACES = regex.compile(r"[ \t]{2,}")


#: How many times one block may be shortened by ``strip_span`` rules in a row.
MAX_STRIPS = 4


@dataclass(frozen=True, slots=True)
class _Hit:
    rule: Rule
    spans: tuple[Span, ...]
    #: For ``strip_span``: the block's text once cut (``None``: nothing but punctuation left).
    text_after: str | None = None
    #: The block had been shortened by a ``strip_span`` rule before this rule matched it.
    after_strip: bool = False


def apply_text_rules(
    blocks: Sequence[Block], index: RuleIndex[Rule], timeout: float | None
) -> tuple[list[Decision], list[GuardEvent]]:
    """Decide for every block. A block shortened by ``strip_span`` is offered to the rules
    again as shortened, so that cleaning the output once more changes nothing."""
    n = len(blocks)
    offers = index.offered(blocks)
    hits: list[_Hit | None] = [None] * n
    guards: list[GuardEvent] = []
    total_words = sum(b.words for b in blocks)
    words_seen = 0
    kept_before = 0
    for i, block in enumerate(blocks):
        words_after = total_words - words_seen - block.words
        current, offered = block, offers[i]
        for _ in range(MAX_STRIPS):
            if not offered:
                break
            hit = _first_hit(current, offered, index, n, kept_before, words_after, timeout, guards)
            if hit is None:
                break
            if hits[i] is not None:  # matched again after a strip
                hit = _Hit(hit.rule, (), hit.text_after, after_strip=True) if hit.rule.action != "strip_span" else hit
            if hit.rule.action != "strip_span":
                hits[i] = hit
                break
            cut = _cut(current.text, hit.spans)
            first = hits[i]
            # the decision names the first rule that cut the block, and its spans in the original
            hits[i] = _Hit(first.rule if first else hit.rule, first.spans if first else hit.spans, cut)
            if cut is None:
                break
            current = replace(current, text=cut, words=word_count(cut))
            offered = index.offered([current])[0]
        words_seen += block.words
        hit = hits[i]
        if hit is None or (hit.rule.action == "strip_span" and not hit.after_strip):
            kept_before += current.words
    return _decide(blocks, hits), guards


def _first_hit(
    block: Block,
    offered: Sequence[int],
    index: RuleIndex[Rule],
    n: int,
    kept_before: int,
    words_after: int,
    timeout: float | None,
    guards: list[GuardEvent],
) -> _Hit | None:
    """The first rule, in precedence order, that matches and that the safety guards let
    through; the matches they stop are reported as guard events."""
    for rule, spans in index.matches(block, offered, n, timeout):
        stopped = rule.safety_guard(block, kept_before, words_after)
        if stopped:
            guards.append(GuardEvent(rule.id, block.index, stopped, _guard_detail(stopped, block, rule)))
            continue
        return _Hit(rule, tuple(spans))
    return None


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
            rule = hit.rule
            if hit.text_after is None:
                decisions.append(_removed(block, rule, hit.spans, None))
            else:
                decisions.append(Decision(i, True, hit.text_after, rule.id, rule.action, rule.category, rule.message, hit.spans))
        else:
            decisions.append(Decision(i, True, block.text))
    return decisions


def _removed(block: Block, rule: Rule, spans: tuple[Span, ...], trigger: int | None) -> Decision:
    return Decision(block.index, False, "", rule.id, rule.action, rule.category, rule.message, spans, trigger)


def _cut(text: str, spans: Sequence[Span]) -> str | None:
    """The text without the spans, spaces tidied; ``None`` if only punctuation is left."""
    pieces, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            a = last
        pieces.append(text[last:a])
        last = max(last, b)
    pieces.append(text[last:])
    new = _SPACES.sub(" ", "".join(pieces)).strip()
    new = regex.sub(r"\s+([,.;:!?])", r"\1", new)
    return None if _LEFTOVER.match(new) else new
