"""Parsing a page with lxml, and what the page says about itself (its address).

The parser is lxml's HTML parser with trafilatura's options plus ``huge_tree``: without it
libxml2 silently drops text nodes over 10 MB and everything after the 256th level of
nesting. Even with it, nesting stops at 2048 levels, and libxml2 then discards the rest of
the page; we refuse such a page with a message rather than return a page cut short. Pages
with more elements than ``Settings.max_elements`` are refused before parsing, because
extraction time and memory grow with the element count (and faster than linearly).
"""

from __future__ import annotations

import re
import threading
from html import escape
from itertools import islice

from lxml import etree
from lxml.html import HTMLParser, document_fromstring, fragment_fromstring

from ..errors import InputError

#: ``descendant::`` rather than ``//``, which libxml2 runs as a child step from every node.
_PAGE_URL = etree.XPath(
    "string((descendant::link[@rel='canonical']/@href | descendant::meta[@property='og:url']/@content)[1])"
)
#: The start of an element: what the element count of a page is estimated from.
_OPEN_TAG = re.compile(r"<[A-Za-z]")
#: libxml2's nesting limit with ``huge_tree`` (XML_PARSE_HUGE).
MAX_DEPTH = 2048

_local = threading.local()


def _parser() -> HTMLParser:
    """One parser per thread: a parser's error log is per parser, and we read it."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
        )
    return parser


def check_element_count(text: str, limit: int) -> None:
    """Refuse markup with more than ``limit`` start tags, counted without building a tree."""
    # every start tag opens with a '<': most pages are shorter than the limit, or have fewer
    if len(text) <= limit or text.count("<") <= limit:
        return
    if next(islice(_OPEN_TAG.finditer(text), limit, None), None) is not None:
        raise InputError(
            f"the page has more than {limit:,} elements, over the limit (raise it with --max-elements)"
        )


def parse_html(text: str) -> etree._Element:
    """Parse markup leniently into a full document (``html``/``body`` added if missing), so
    that a fragment, an XML feed or plain text read as HTML all give elements, never markup
    shown as text."""
    text = _repair(text)
    if not _OPEN_TAG.search(text):
        # markup-less text forced through the HTML path: one paragraph, which extractors read
        text = f"<p>{escape(text)}</p>"
    if "\ufffe" in text or "\uffff" in text:  # noncharacters libxml2 cannot store
        # looked for in the str: a one-byte-wide page cannot hold them, and their UTF-8
        # bytes open with one that CJK text is full of
        text = text.replace("\ufffe", "").replace("\uffff", "")
    parser = _parser()
    try:
        tree = document_fromstring(_storable(text.encode("utf-8", "replace")), parser=parser)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        # nothing libxml2 calls a document: an empty page, not an error
        return document_fromstring(b"<html><body></body></html>", parser=parser)
    _parse_noframes(tree)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            what = f"nests elements more than {MAX_DEPTH} levels deep" if "depth" in error.message else "is beyond the HTML parser's limits"
            raise InputError(f"the page {what}; the parser would drop the rest of it")
    return tree


#: trafilatura's repairs (``trafilatura.utils.repair_faulty_html``) of what libxml2 trips on:
#: a DOCTYPE with a slash in it, a self-closed ``<html/>`` in the first lines.
_DOCTYPE_TAG = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
_FAULTY_HTML = re.compile(r"(<html.*?)\s*/>", re.IGNORECASE)
#: Characters libxml2 cannot store: C0 controls but tab and line ends (as UTF-8 bytes: none
#: stands inside a multi-byte sequence, whose bytes are all 0x80 or more).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _repair(text: str) -> str:
    """trafilatura's repairs of the page's start, as its ``load_html`` makes them."""
    if "doctype" in text[:50].lower():
        # the first line, and the rest copied only if the line changes (the usual DOCTYPE
        # does not): trafilatura rebuilds the whole page here
        end = text.find("\n")
        if end < 0:
            text = _DOCTYPE_TAG.sub("", text, count=1) + "\n"
        else:
            first = text[:end]
            fixed = _DOCTYPE_TAG.sub("", first, count=1)
            if fixed != first:
                text = fixed + text[end:]
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return _FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


def _storable(data: bytes) -> bytes:
    """The markup without the control characters libxml2 cannot store, as trafilatura
    removes them, but deleted from the bytes in C: its regex over the whole text took a
    millisecond a page."""
    return data.translate(None, _CONTROL_BYTES)


def _parse_noframes(tree: etree._Element) -> None:
    """libxml2 reads ``<noframes>`` as raw text, so its markup would reach the output as text;
    a browser without frames renders it as HTML, and so do we. (lxml's walk for the tag, in
    C, costs a microsecond on a page without one; a search of the text took 0.2 ms.)"""
    for el in list(tree.iter("noframes")):
        raw = el.text
        if raw and "<" in raw:
            el.text = None
            try:
                el.append(fragment_fromstring(raw, create_parent="div"))
            except (ValueError, etree.ParserError):
                pass  # nothing that parses: fallback content is not worth an error


def page_url(root: etree._Element) -> str | None:
    """The page's own address from its canonical link or ``og:url``, if absolute."""
    try:
        value = _PAGE_URL(root).strip()
    except etree.XPathError:
        return None
    return value if value.startswith(("http://", "https://")) else None


#: What a reader never reads as text and trafilatura's main extractor drops. Code first:
#: scripts (but JSON-LD, which its last resort reads for an article's body), styles and
#: templates, never rendered, go before the DOM rules; drawings, embedded documents and
#: media and form fields are rendered, and a rule may pick a box by them (a newsletter form
#: by its e-mail field), so they go after the rules.
CODE = ("script", "style", "template")
UNREAD = ("svg", "iframe", "object", "video", "audio", "canvas", "input", "select", "textarea")
#: Empty elements that hold data for the browser, never text: a tenth of a page's elements
#: (its head's meta and link above all), which trafilatura's prunes test one by one before
#: its cleaning removes them. Read for the page's titles first, where those are needed.
DATA = ("meta", "link", "source", "track", "param")


def drop_unseen(root: etree._Element, tags: tuple[str, ...] = CODE + UNREAD + DATA) -> None:
    """Take out what no one reads before extraction: trafilatura copies the page and walks it
    several times, and these are much of a modern page's bulk. Its output is the same
    without them (tests/test_extract.py), only faster to get."""
    # lxml's own walk, filtered by tag in C: an XPath with a test per tag took six times longer
    for el in list(root.iter(*tags)):
        if el.tag == "script" and el.get("type") == "application/ld+json":
            continue
        el.drop_tree()  # lxml.html: the element's tail text stays in its place
