"""Context tags: what a block's place in the page says about it.

Some clutter is recognisable only by where it stands: the title and standfirst that open the
extracted body, the title repeated as plain text with its byline and date lines, a run of
short all-link lines (a list of other stories). Rather than dropping such blocks in code,
where no report could show it, this module tags them (see ``model.TAGS``) and YAML rules with
``tags:`` remove them, with an id, a message and a place in ``--explain`` (TT001, TT002,
RL400). Text is never changed here; a block that starts with the title is split in two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..matching.normalize import word_count
from ..model import Block

#: A block that is all link and this short is a headline in a list of other stories.
LINK_LINE_DENSITY = 0.9
LINK_LINE_WORDS = 25
#: Runs of such blocks this long are tagged anywhere; at the body's edges, shorter runs too.
LINK_RUN_INSIDE = 3
LINK_RUN_EDGE = 2
#: After a title line, the lines of at most this many words (byline, date, section) go too.
HEADER_LINE_WORDS = 15
#: A label before the title ("Review", "News > Nation") has at most this many words.
KICKER_WORDS = 4
#: Only the first blocks of the body are looked at for a repeated title.
TITLE_SEARCH_BLOCKS = 3

_TITLE_TAGS = frozenset({"title_repeat", "lead_heading"})
_WORD = re.compile(r"\w+")
_URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")


def _tag(block: Block, tag: str) -> Block:
    return replace(block, tags=block.tags | {tag})


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _title_forms(title: str | None) -> list[list[str]]:
    """The title's words, and those of each part of a "Section | Title | Site" title."""
    if not title:
        return []
    forms = [_words(title)] + [_words(part) for part in _TITLE_PARTS.split(title)]
    return [f for f in forms if len(f) >= 3]


def _is_kicker(text: str) -> bool:
    """What may stand before the title: a bare URL or a short section label ("Review")."""
    return bool(_URL_ONLY.match(text)) or len(text.split()) <= KICKER_WORDS


def tag_title_lines(blocks: list[Block], title: str | None) -> list[Block]:
    """Tag the page title where it opens the body as plain text, with the header lines that
    follow it (byline, date, tags) and a bare URL or section label before it.

    Layout tables and ``div`` soup reach trafilatura as one block that starts with the title,
    "by …" and the date; that block is split so the body part stays a block of its own.
    """
    forms = _title_forms(title)
    if not forms:
        return blocks
    for i, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        lines = block.text.split("\n")
        at = next((j for j, line in enumerate(lines[:2]) if _words(line) in forms), None)
        if at is None:
            if _is_kicker(block.text):
                continue
            break
        if at == 1 and not _is_kicker(lines[0]):
            break
        rest = lines[at + 1 :]
        while rest and len(rest[0].split()) <= HEADER_LINE_WORDS and len(rest) > 1:
            rest = rest[1:]
        head = "\n".join(lines[: len(lines) - len(rest)])
        out = [_tag(b, "title_repeat") for b in blocks[:i]]
        out.append(_tag(replace(block, text=head, words=word_count(head)), "title_repeat"))
        if rest:
            body = "\n".join(rest)
            out.append(replace(block, text=body, words=word_count(body), sep="\n"))
        out += blocks[i + 1 :]
        return [replace(b, index=k) for k, b in enumerate(out)]
    return blocks


def tag_lead_headings(blocks: list[Block]) -> list[Block]:
    """Headings before the first body block (one that is neither a heading nor the repeated
    title); a body of headings only is left alone."""
    body = [i for i, b in enumerate(blocks) if "title_repeat" not in b.tags]
    lead = next((k for k, i in enumerate(body) if blocks[i].kind != "heading"), len(body))
    if lead == len(body):
        return blocks
    heads = set(body[:lead])
    return [_tag(b, "lead_heading") if i in heads else b for i, b in enumerate(blocks)]


def _is_link_line(block: Block) -> bool:
    return block.link_density >= LINK_LINE_DENSITY and block.words <= LINK_LINE_WORDS and block.kind != "heading"


def tag_link_lists(blocks: list[Block]) -> list[Block]:
    """Runs of short all-link blocks in the body (title blocks aside). One linked line alone
    is not tagged: it may be a reference in the body; a run of them is a list of other
    stories. A body made only of such lines is left alone."""
    body = [i for i, b in enumerate(blocks) if not b.tags & _TITLE_TAGS]
    out = list(blocks)
    k, n = 0, len(body)
    while k < n:
        if not _is_link_line(blocks[body[k]]):
            k += 1
            continue
        j = k
        while j < n and _is_link_line(blocks[body[j]]):
            j += 1
        edge = k == 0 or j == n
        if (LINK_RUN_EDGE if edge else LINK_RUN_INSIDE) <= j - k < n:
            for t in body[k:j]:
                out[t] = _tag(out[t], "link_list")
        k = j
    return out


def annotate(blocks: Sequence[Block], title: str | None = None) -> list[Block]:
    """Tag the blocks of an extracted page (and split a block that opens with the title)."""
    return tag_link_lists(tag_lead_headings(tag_title_lines(list(blocks), title)))
