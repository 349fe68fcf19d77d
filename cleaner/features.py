"""Context tags: what a block's place in the page says about it.

Some clutter is recognisable only by where it stands: the title heading that opens the body,
a run of short all-link lines (a list of other stories). Rather than dropping such blocks in
code, where no report could show it, this module tags them (see ``model.TAGS``) and YAML
rules with ``tags:`` decide, with an id, a message and a place in ``--explain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .model import Block

#: A block that is all link and this short is a headline in a list of other stories.
LINK_LINE_DENSITY = 0.9
LINK_LINE_WORDS = 25
#: Runs of such blocks this long are tagged anywhere; at the body's edges, shorter runs too.
LINK_RUN_INSIDE = 3
LINK_RUN_EDGE = 2


def _tag(block: Block, tag: str) -> Block:
    return replace(block, tags=block.tags | {tag})


def tag_lead_headings(blocks: list[Block]) -> list[Block]:
    """Headings before the first non-heading block; a body of headings only is left alone."""
    lead = next((i for i, b in enumerate(blocks) if b.kind != "heading"), len(blocks))
    if lead == len(blocks):
        return blocks
    return [_tag(b, "lead_heading") if i < lead else b for i, b in enumerate(blocks)]


def _is_link_line(block: Block) -> bool:
    return block.link_density >= LINK_LINE_DENSITY and block.words <= LINK_LINE_WORDS and block.kind != "heading"


def tag_link_lists(blocks: list[Block]) -> list[Block]:
    """Runs of short all-link blocks. One linked line alone is not tagged: it may be a
    reference in the body; a run of them is a list of other stories."""
    out = list(blocks)
    i, n = 0, len(blocks)
    while i < n:
        if not _is_link_line(blocks[i]):
            i += 1
            continue
        j = i
        while j < n and _is_link_line(blocks[j]):
            j += 1
        edge = i == 0 or j == n
        if j - i >= (LINK_RUN_EDGE if edge else LINK_RUN_INSIDE) and j - i < n:
            out[i:j] = [_tag(b, "link_list") for b in blocks[i:j]]
        i = j
    return out


def annotate(blocks: Sequence[Block], title: str | None = None) -> list[Block]:
    """Tag the blocks of an extracted page; text is never changed here."""
    return tag_link_lists(tag_lead_headings(list(blocks)))
