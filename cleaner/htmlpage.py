"""Parsing a page with lxml, and what the page says about itself (its address)."""

from __future__ import annotations

from html import escape

from lxml import etree

from .errors import InputError

_PAGE_URL = etree.XPath(
    "string((//link[@rel='canonical']/@href | //meta[@property='og:url']/@content)[1])"
)


def parse_html(text: str) -> etree._Element:
    """Parse markup leniently (lxml's HTML parser, via trafilatura's loader, which copes with
    encoding declarations and broken markup); refuse only what yields no tree at all."""
    from trafilatura.utils import load_html

    text = text.replace("\x00", "")
    try:
        tree = load_html(text)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot parse the page as HTML: {exc}") from None
    if tree is None:
        # markup-less input forced through the HTML path: read it as one paragraph of text
        tree = load_html(f"<html><body><p>{escape(text)}</p></body></html>")
    if tree is None:
        raise InputError("cannot parse the page as HTML: no elements found")
    return tree


def page_url(root: etree._Element) -> str | None:
    """The page's own address from its canonical link or ``og:url``, if absolute."""
    try:
        value = _PAGE_URL(root).strip()
    except etree.XPathError:
        return None
    return value if value.startswith(("http://", "https://")) else None
