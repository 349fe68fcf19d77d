"""Main-content extraction with trafilatura, kept structured: its XML body becomes blocks.

trafilatura's output tree already says what each piece is (``head``, ``p``, ``list/item``,
``quote``, ``table/row/cell``, ``code``); we keep that as the block kind and render text the
way its plain-text output does. trafilatura runs with the options of ``trafilatura.extract``
(links off, so that the blocks hold exactly the text it would output); link density is
measured from the page's own links instead (:class:`LinkText`).
"""

from __future__ import annotations

import inspect
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from lxml import etree

from ..matching.automaton import SpanFinder, build_span_finder
from ..matching.normalize import word_count
from ..model import Block, Metadata
from ..settings import Settings

_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLOCK_TAGS = {"p", "head", "list", "item", "quote", "table", "row", "cell", "code", "div", "lb"}
_KIND_OF = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "code", "item": "list_item", "cell": "table_cell"}


@dataclass(frozen=True)
class Extraction:
    blocks: list[Block]
    metadata: Metadata
    #: What the page calls its title (metadata, ``og:title``/``<title>``, first ``<h1>``).
    titles: tuple[str, ...] = ()


def _render(el: etree._Element, out: list[str]) -> None:
    """Text of ``el`` and its descendants with a line break around each block element.

    Iterative (lxml's start/end events) rather than recursive: extraction output nests as
    deep as the page did, and a hostile page nests thousands of levels deep.
    """
    for event, node in etree.iterwalk(el, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            if node.tail:
                out.append(node.tail)  # only their tail is text
        elif event == "start":
            if node.tag in _BLOCK_TAGS:
                out.append("\n")
            if node.text:
                out.append(node.text)
        else:
            if node.tag in _BLOCK_TAGS and node.tag != "lb":
                out.append("\n")
            if node is not el and node.tail:
                out.append(node.tail)


def element_text(el: etree._Element) -> str:
    """Text of an element without its tail: lines kept, spaces collapsed, empty lines dropped."""
    if len(el):
        out: list[str] = []
        tail, el.tail = el.tail, None
        try:
            _render(el, out)
        finally:
            el.tail = tail
        text = "".join(out)
    else:  # most paragraphs: their own text alone, no walk needed
        text = el.text or ""
    # one substitution for the whole text: the spaces it collapses never include a line end
    lines = (line.strip(" ") for line in _SPACES.sub(" ", text).split("\n"))
    return "\n".join(line for line in lines if line)


#: The text of the page's links, node by node (a link may hold several text nodes).
_LINK_TEXT = etree.XPath("descendant::body//a//text()", smart_strings=False)
#: Spaces as a block's lines have them collapsed (no-break spaces stay).
_ANY_SPACES = re.compile(r"[ \t\n\r\f\v]+")
#: Shorter link texts ("1", "»") say nothing about a block.
MIN_LINK_PIECE = 3


class LinkText:
    """The page's link texts, found again in the extracted blocks, for their link density.

    trafilatura can mark links in its output (``include_links``), but that mode also changes
    what it extracts; so the links are read from the page before extraction, and a block's
    link characters are those covered by a link's text standing there as whole words. A
    headline that is a link anywhere on the page counts as linked, as in a list of other
    stories; the count errs high only where a body sentence repeats a link's words.
    """

    def __init__(self, tree: etree._Element | None = None) -> None:
        pieces = {_ANY_SPACES.sub(" ", text).strip() for text in _LINK_TEXT(tree)} if tree is not None else set()
        pieces = [p for p in pieces if len(p) >= MIN_LINK_PIECE]
        self._finder: SpanFinder | None = build_span_finder(pieces) if pieces else None

    def chars(self, text: str) -> int:
        """How many characters of ``text`` are link text."""
        if self._finder is None:
            return 0
        covered = last = 0
        size = len(text)
        for start, end in sorted(self._finder.spans(text)):
            if (start and text[start - 1].isalnum()) or (end < size and text[end].isalnum()):
                continue  # inside a longer word: not this link
            start = max(start, last)
            if end > start:
                covered += end - start
                last = end
        return covered


_LAYOUT_CHILDREN = frozenset({"p", "head", "list", "quote", "table"})


def _is_layout_cell(cell: etree._Element) -> bool:
    """A cell that holds paragraphs is page layout (an old table-based site), not data:
    its paragraphs are blocks of their own, so that rules can judge them one by one."""
    return any(child.tag in _LAYOUT_CHILDREN for child in cell)


class _Builder:
    def __init__(self, source: str, links: LinkText) -> None:
        self.blocks: list[Block] = []
        self.source = source
        self.links = links

    def add(self, el: etree._Element, kind: str, sep: str, start: int) -> None:
        text = element_text(el)
        if text:
            self.add_text(text, kind, sep, start)

    def add_text(self, text: str, kind: str, sep: str, start: int) -> None:
        density = min(1.0, self.links.chars(text) / max(1, len(text)))
        if kind == "paragraph" and self.source == "comments":
            kind = "comment"
        self.blocks.append(Block(start + len(self.blocks), kind, text, word_count(text), density, sep, self.source))

    def loose_text(self, text: str | None, start: int) -> None:
        """Text that trafilatura left directly in the body, between its blocks."""
        text = _SPACES.sub(" ", text or "").strip()
        if text:
            self.add_text(text, "paragraph", "\n\n", start)

    def walk(self, body: etree._Element, start: int) -> list[Block]:
        self.loose_text(body.text, start)
        for el in body:
            self._element(el, start)
            self.loose_text(el.tail, start)
        return self.blocks

    def _element(self, el: etree._Element, start: int) -> None:
        if not isinstance(el.tag, str):
            return
        if el.tag == "list":
            self._items(el, start)
        elif el.tag == "table":
            for r, row in enumerate(el.iter("row")):
                for c, cell in enumerate(x for x in row if x.tag == "cell"):
                    if _is_layout_cell(cell):
                        self.walk(cell, start)
                    else:
                        self.add(cell, "table_cell", " | " if c else ("\n" if r else "\n\n"), start)
        else:
            self.add(el, _KIND_OF.get(el.tag, "paragraph"), "\n\n", start)

    def _items(self, lst: etree._Element, start: int) -> None:
        first = True
        for item in lst:
            if item.tag != "item":
                continue
            self.add(item, "list_item", "\n\n" if first else "\n", start)
            first = False


def blocks_from_body(
    body: etree._Element | None, source: str = "body", start: int = 0, links: LinkText | None = None
) -> list[Block]:
    if body is None:
        return []
    return _Builder(source, links or LinkText()).walk(body, start)


#: ``descendant::`` and not ``//``, which libxml2 reads as a step from every node (see lang.py).
_TITLES = etree.XPath(
    "(descendant::meta[@property='og:title']/@content | descendant::head/title)[1]"
    " | (descendant::body//h1)[1]"
)


def page_titles(tree: etree._Element) -> tuple[str, ...]:
    """What the page calls its title, cheaply: ``og:title`` (else ``<title>``) and the first
    ``<h1>``, in that order, spaces collapsed. Read before trafilatura prunes the tree."""
    try:
        found = _TITLES(tree)
    except etree.XPathError:
        return ()
    texts = (v if isinstance(v, str) else "".join(v.itertext()) for v in found)  # type: ignore[union-attr]
    return tuple(dict.fromkeys(t for t in (" ".join(text.split()) for text in texts) if t))


def drop_extractor_repeats(blocks: list[Block], page: etree._Element) -> list[Block]:
    """Take out lines the extractor gave more often than the page holds them.

    trafilatura sometimes outputs a passage twice: an ``<article>`` nested in a quote or a
    list is taken on its own and then again inside its container. A line must not come out
    more often than the page's text holds it (an LLM corpus should not learn a paragraph twice
    from one page). Only lines that repeat in the output are counted in the page, so pages
    without repeats cost one pass over their blocks. The count errs towards keeping: the
    first copy of a line always stays, and an occurrence inside a longer line counts too.
    Blocks left empty are dropped and the rest renumbered.
    """
    seen = Counter(line for b in blocks for line in b.text.split("\n"))
    repeated = [line for line, n in seen.items() if n > 1]
    if not repeated:
        return blocks
    # compared without any whitespace: the extractor spaces inline elements and no-break
    # spaces its own way, and a miscount must err towards keeping
    page_text = "".join("".join(page.itertext()).split())
    allowed = {line: max(1, page_text.count("".join(line.split()))) for line in repeated}
    out: list[Block] = []
    for block in blocks:
        lines = []
        for line in block.text.split("\n"):
            if line in allowed:
                if allowed[line] == 0:
                    continue
                allowed[line] -= 1
            lines.append(line)
        text = "\n".join(lines)
        if not text:
            continue
        if text != block.text:
            block = replace(block, text=text, words=word_count(text))
        out.append(replace(block, index=len(out)) if block.index != len(out) else block)
    return out


@dataclass(frozen=True)
class PageFacts:
    """What the page says before trafilatura prunes it: its titles and its links' text."""

    titles: tuple[str, ...]
    links: LinkText


def read_page(tree: etree._Element, titles: bool = True) -> PageFacts:
    """``titles``: whether the page's titles are needed (to find the title line, or for the
    metadata); reading them costs a pass over the page."""
    return PageFacts(page_titles(tree) if titles else (), LinkText(tree))


def run_trafilatura(tree: etree._Element, url: str | None, settings: Settings) -> Any:
    """trafilatura's document for a parsed page (which it prunes), or ``None``: the options of
    ``trafilatura.extract`` but for the comment section, off unless asked for."""
    options = _extractor(settings.favor, settings.include_comments, settings.include_tables, settings.fallback, settings.with_metadata)
    sequence = _sequence()
    if sequence is not None and not settings.with_metadata:
        return _run_sequence(sequence, tree, options)
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        # Without metadata, trafilatura uses the address only to make link targets absolute,
        # which the blocks never read. The metadata still gets ``url`` (see ``to_extraction``).
        url=url if settings.with_metadata else None,
        options=options,
    )


@dataclass(frozen=True)
class _Bodies:
    """What the blocks need of trafilatura's document when no metadata is asked for."""

    body: Any
    commentsbody: Any
    title: None = None
    author: None = None
    date: None = None
    sitename: None = None
    url: None = None
    hostname: None = None
    language: None = None


def _run_sequence(sequence: Any, tree: etree._Element, options: Any) -> _Bodies | None:
    """``bare_extraction`` without metadata, less its copy of the whole page: it copies a
    tree it is handed so as not to prune the caller's, and cleaner no longer needs the page
    unpruned. The size check is bare_extraction's own; tests/test_extract.py holds the
    two to the same blocks."""
    body, text, comments, comments_text = sequence(tree, options, None)
    if len(text) < options.min_output_size and len(comments_text) < options.min_output_comm_size:
        return None
    return _Bodies(body, comments)


@lru_cache(maxsize=1)
def _sequence() -> Any:
    """trafilatura's extraction cascade, where this version of trafilatura has it as cleaner
    expects (``bare_extraction`` runs it after its copy); ``None`` otherwise."""
    try:
        from trafilatura.core import trafilatura_sequence
    except ImportError:
        return None
    try:
        params = list(inspect.signature(trafilatura_sequence).parameters)
    except (TypeError, ValueError):
        return None
    return trafilatura_sequence if params[:3] == ["tree", "options", "url"] else None


@lru_cache(maxsize=32)
def _extractor(favor: str, comments: bool, tables: bool, fallback: bool, metadata: bool) -> Any:
    """trafilatura's options, made once per run: what ``trafilatura.extract`` builds on every
    call. Its text format, so that trafilatura renders no text the blocks would not use."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="txt",
        fast=not fallback,
        precision=favor == "precision",
        recall=favor == "recall",
        comments=comments,
        tables=tables,
        links=False,
        with_metadata=metadata,
    )


def to_extraction(doc: Any, facts: PageFacts, tree: etree._Element, url: str | None, settings: Settings) -> Extraction:
    """trafilatura's document as blocks, with the metadata it found or the page's own."""
    titles = facts.titles
    if doc is None:
        return Extraction([], Metadata(url=url, title=titles[0] if titles else None), titles)
    blocks = blocks_from_body(doc.body, links=facts.links)
    if settings.include_comments:
        blocks += blocks_from_body(doc.commentsbody, "comments", len(blocks), facts.links)
    blocks = drop_extractor_repeats(blocks, tree)
    meta = Metadata(
        title=doc.title or (titles[0] if titles else None),
        author=doc.author,
        date=doc.date,
        sitename=doc.sitename,
        url=doc.url or url,
        hostname=doc.hostname,
        language=doc.language,
    )
    if doc.title and doc.title not in titles:
        titles = (doc.title, *titles)
    return Extraction(blocks, meta, titles)


def extract(tree: etree._Element, url: str | None, settings: Settings) -> Extraction:
    """Run trafilatura on a parsed page (which it modifies) and return blocks and metadata."""
    facts = read_page(tree)
    return to_extraction(run_trafilatura(tree, url, settings), facts, tree, url, settings)
