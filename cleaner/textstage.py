"""Text rules: decide, block by block, what stays.

Two passes. The first finds, for every block, the first rule (in precedence order) whose cheap
guards pass and whose expression matches; the second turns those matches into decisions,
spreading the range actions (``drop_from_here``, ``drop_up_to_here``) over their blocks.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from .errors import RuleTimeoutError
from .matching import Span
from .model import Block, Decision, GuardEvent
from .normalize import block_head, normalize, word_count
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
        #: For every rule, whether :meth:`may_match` speaks for it (for none here).
        self.gated: tuple[bool, ...] = (False,) * len(self.rules)
        #: For every rule, the starts one of which a block must open with (see
        #: :func:`cleaner.normalize.block_head`) for the rule to be tried; ``None``: any block.
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

    def may_match(self, norm: str, words: int, timeout: float | None) -> bool:
        """``False`` if no rule marked in ``gated`` can match the normalized text of a block
        of ``words`` words and pass its word limits."""
        return True


#: Entries of :meth:`RuleIndex.admitted`'s memo before it starts over.
_ADMITTED_LIMIT = 4096

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
    blocks: Sequence[Block], index: RuleIndex, timeout: float | None
) -> tuple[list[Decision], list[GuardEvent]]:
    """Decide for every block. A block shortened by ``strip_span`` is offered to the rules
    again as shortened, so that cleaning the output once more changes nothing."""
    n = len(blocks)
    candidates = index.candidates([b.text for b in blocks])
    hits: list[_Hit | None] = [None] * n
    guards: list[GuardEvent] = []
    total_words = sum(b.words for b in blocks)
    words_seen = 0
    kept_before = 0
    for i, block in enumerate(blocks):
        words_after = total_words - words_seen - block.words
        current, offered = block, index.admitted(candidates[i], block)
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
            offered = index.admitted(index.candidates([cut])[0], current)
        words_seen += block.words
        hit = hits[i]
        if hit is None or (hit.rule.action == "strip_span" and not hit.after_strip):
            kept_before += current.words
    return _decide(blocks, hits), guards


def _first_hit(
    block: Block,
    offered: Sequence[int],
    index: RuleIndex,
    n: int,
    kept_before: int,
    words_after: int,
    timeout: float | None,
    guards: list[GuardEvent],
) -> _Hit | None:
    """The first rule, in precedence order, whose guards pass and whose expression matches."""
    rules, gated, limits, heads = index.rules, index.gated, index.word_limits, index.heads
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
        if not rule.selection_guard(block, n):
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
                gate_open = index.may_match(norm, words, timeout)
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
        if spans is None:
            continue
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
