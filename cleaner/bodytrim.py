"""Trimming the extracted body: what trafilatura keeps around an article that is not its text.

The title and standfirst headings that open the body, the title repeated as plain text with
its byline and date lines, and runs of short all-link blocks (lists of other stories). Each
step takes blocks and returns blocks, numbered afresh; the engine's rules run afterwards.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Block
from .normalize import word_count


def drop_lead_headings(blocks: list[Block]) -> list[Block]:
    """Remove the headings that open the body before any other block.

    trafilatura keeps the article's title and standfirst when they sit inside the article
    container, but they are page furniture, not body text (the benchmark's gold bodies, like
    most consumers, leave them out). A body made of headings only is left alone.
    """
    lead = next((i for i, b in enumerate(blocks) if b.kind != "heading"), len(blocks))
    if lead == 0 or lead == len(blocks):
        return blocks
    return [replace(b, index=i) for i, b in enumerate(blocks[lead:])]


_WORD = re.compile(r"\w+")
_URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")
#: After a title line, the lines of at most this many words (byline, date, section) go too.
_HEADER_LINE_WORDS = 15
#: A label before the title ("Review", "News > Nation") has at most this many words.
_KICKER_WORDS = 4
#: Only the first blocks of the body are looked at for a repeated title.
_TITLE_SEARCH_BLOCKS = 3


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
    return bool(_URL_ONLY.match(text)) or len(text.split()) <= _KICKER_WORDS


def drop_title_lines(blocks: list[Block], title: str | None) -> list[Block]:
    """Remove the page title where it opens the body as plain text, with the header lines
    that follow it (byline, date, tags), and a bare URL or section label before it.

    Layout tables and ``div`` soup reach trafilatura as one block that starts with the title,
    "by …" and the date; they are page furniture, like the title heading.
    """
    forms = _title_forms(title)
    if not forms:
        return blocks
    out = list(blocks)
    for i, block in enumerate(out[:_TITLE_SEARCH_BLOCKS]):
        lines = block.text.split("\n")
        at = next((j for j, line in enumerate(lines[:2]) if _words(line) in forms), None)
        if at is None:
            if _is_kicker(block.text):
                continue
            break
        if at == 1 and not _is_kicker(lines[0]):
            break
        rest = lines[at + 1 :]
        while rest and len(rest[0].split()) <= _HEADER_LINE_WORDS and len(rest) > 1:
            rest = rest[1:]
        kept = out[i + 1 :]
        if rest:
            text = "\n".join(rest)
            kept.insert(0, replace(block, text=text, words=word_count(text)))
        return [replace(b, index=k) for k, b in enumerate(kept)]
    return blocks


#: A block that is all link and this short is a headline in a list of other stories.
_LINK_LINE_DENSITY = 0.9
_LINK_LINE_WORDS = 25
#: Runs of such blocks this long are dropped anywhere; at the body's edges, shorter runs too.
_LINK_RUN_INSIDE = 3
_LINK_RUN_EDGE = 2


def _is_link_line(block: Block) -> bool:
    return block.link_density >= _LINK_LINE_DENSITY and block.words <= _LINK_LINE_WORDS and block.kind != "heading"


def drop_link_runs(blocks: list[Block]) -> list[Block]:
    """Remove runs of short all-link blocks: lists of other stories' headlines that the
    extractor took for paragraphs ("Jonas Brothers Added to …", "NASA Europa Mission …").

    One linked line alone stays (it may be a reference or a call the rules judge); a run of
    them is a list of other stories, as in the body it would be rare.
    """
    drop: set[int] = set()
    i, n = 0, len(blocks)
    while i < n:
        if not _is_link_line(blocks[i]):
            i += 1
            continue
        j = i
        while j < n and _is_link_line(blocks[j]):
            j += 1
        edge = i == 0 or j == n
        if j - i >= (_LINK_RUN_EDGE if edge else _LINK_RUN_INSIDE):
            drop.update(range(i, j))
        i = j
    if not drop or len(drop) == n:
        return blocks
    return [replace(b, index=k) for k, b in enumerate(b for i, b in enumerate(blocks) if i not in drop)]
