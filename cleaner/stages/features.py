"""Context tags: what a block's place in the page says about it.

Some clutter is recognisable only by where it stands: a run of short all-link lines (a list
of other stories). And a caller may want the page's title line out of the text
(``Settings(title=False)``, ``--no-title``). Rather than dropping such blocks in code, where no
report could show it, this module tags them (see ``model.TAGS``) and YAML rules with ``tags:``
remove them, with an id, a message and a place in ``--explain`` (TT001, RL400, RL401). Text is never
changed here; a block whose first lines hold the title is split so the title is a line of its
own.

Nothing is tagged for its position alone: a heading that opens the body may be the
standfirst or a section heading, which are body text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..matching.normalize import word_count
from ..model import Block

#: A block that is mostly link text and this short is a headline in a list of other
#: stories (a teaser often links only the headline, not its kicker or its dek).
LINK_LINE_DENSITY = 0.5
LINK_LINE_WORDS = 25
#: A longer block (a teaser with its summary, a tag cloud) is tagged alone when it is this
#: much link text: in the dev corpora no body paragraph of more than 25 words is.
LINKED_BLOCK_DENSITY = 0.8
#: Runs of such blocks this long are tagged anywhere; at the body's edges, shorter runs too,
#: and inside the body a pair of blocks that are both all but entirely link text (two
#: related headlines set between paragraphs).
LINK_RUN_INSIDE = 3
LINK_RUN_EDGE = 2
LINK_PAIR_DENSITY = 0.9
#: The page title is looked for in this many first blocks, in their first lines.
TITLE_SEARCH_BLOCKS = 3
TITLE_SEARCH_LINES = 3
#: A part of a "Section | Title | Site" title stands for the title only if it has this many
#: words (a lone "News" part is not the title).
TITLE_PART_WORDS = 2
#: A title line may carry a kicker before the title ("Giftige Rauchwolke: …") or the site's
#: name after it ("… | wdr aktuell") of at most this many words, if the title itself has
#: at least ``TITLE_CORE_WORDS``.
TITLE_EXTRA_WORDS = 6
TITLE_CORE_WORDS = 4

_WORD = re.compile(r"\w+")
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+|\s*[|»]\s*|:\s+")


def _tag(block: Block, tag: str) -> Block:
    return replace(block, tags=block.tags | {tag})


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


def title_forms(titles: Sequence[str]) -> set[tuple[str, ...]]:
    """The words of each title, and of each part of a "Section | Title | Site" title: the
    forms a title line can take once case and punctuation are set aside."""
    forms: set[tuple[str, ...]] = set()
    for title in titles:
        whole = _words(title)
        if whole:
            forms.add(whole)
        forms.update(p for p in map(_words, _TITLE_PARTS.split(title)) if len(p) >= TITLE_PART_WORDS)
    return forms


def tag_page_title(blocks: list[Block], titles: Sequence[str]) -> list[Block]:
    """Tag the line that is the page's title (compared with ``titles``, case and punctuation
    aside) among the first lines of the first blocks; a block holding more lines than the
    title is split so that only the title line is tagged. The first such line only."""
    forms = title_forms(titles)
    if not forms:
        return blocks
    for i, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        lines = block.text.split("\n")
        at = next((j for j, line in enumerate(lines[:TITLE_SEARCH_LINES]) if _is_title(_words(line), forms)), None)
        if at is None:
            continue
        parts: list[Block] = []
        before, title, after = lines[:at], lines[at], lines[at + 1 :]
        if before:
            parts.append(_part(block, before, block.sep))
        parts.append(_tag(_part(block, [title], "\n" if before else block.sep), "page_title"))
        if after:
            parts.append(_part(block, after, "\n"))
        out = blocks[:i] + parts + blocks[i + 1 :]
        return [b if b.index == k else replace(b, index=k) for k, b in enumerate(out)]
    return blocks


def _is_title(words: tuple[str, ...], forms: set[tuple[str, ...]]) -> bool:
    """The line is one of the title's forms, or one of them with a short kicker before it or
    the site's name after it (or the title twice, as some templates print it)."""
    if words in forms:
        return True
    for form in forms:
        size = len(form)
        if size < TITLE_CORE_WORDS or size >= len(words):
            continue
        extra = len(words) - size
        if words[-size:] == form and (extra <= TITLE_EXTRA_WORDS or words[:size] == form):
            return True
        if words[:size] == form and extra <= TITLE_EXTRA_WORDS:
            return True
    return False


def _part(block: Block, lines: list[str], sep: str) -> Block:
    text = "\n".join(lines)
    return replace(block, text=text, words=word_count(text), sep=sep)


def _is_link_line(block: Block) -> bool:
    return block.link_density >= LINK_LINE_DENSITY and block.words <= LINK_LINE_WORDS


def tag_link_lists(blocks: list[Block]) -> list[Block]:
    """Runs of short, mostly linked blocks in the body (the title line aside), headings
    included: related headlines are often set as headings. One linked line alone is not
    tagged: it may be a reference in the body; a run of them is a list of other stories
    (three inside the body, two at its edges or when both are wholly links). A body made
    only of such lines is left alone."""
    body = [i for i, b in enumerate(blocks) if "page_title" not in b.tags]
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
        linked = all(blocks[body[t]].link_density >= LINK_PAIR_DENSITY for t in range(k, j))
        if (LINK_RUN_EDGE if edge or linked else LINK_RUN_INSIDE) <= j - k < n:
            for t in body[k:j]:
                out[t] = _tag(out[t], "link_list")
        k = j
    return out


def tag_linked_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks longer than a headline that are nearly all link text: another story's teaser
    with its summary, a cloud of tags. A body paragraph links a few words, not all of them."""
    return [
        _tag(b, "linked_block") if b.words > LINK_LINE_WORDS and b.link_density >= LINKED_BLOCK_DENSITY else b
        for b in blocks
    ]


def annotate(blocks: Sequence[Block], titles: Sequence[str] = (), *, tag_title: bool = False) -> list[Block]:
    """Tag the blocks of an extracted page; with ``tag_title``, the page's title line too."""
    out = list(blocks)
    if tag_title:
        out = tag_page_title(out, titles)
    return tag_linked_blocks(tag_link_lists(out))
