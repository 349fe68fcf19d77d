"""Rendering trafilatura's output tree as block text."""

from __future__ import annotations

from lxml import etree

from cleaner import Cleaner
from cleaner.extract import element_text


def test_text_after_a_link_or_inline_element_is_kept():
    html = (
        "<html><body><article><p>Read <a href='https://example.com/x'>this report</a> for the details "
        "of the case, which was argued for a long time in court.</p><p>Second paragraph <b>with bold</b> "
        "and a tail that must stay in the text.</p></article></body></html>"
    )
    text = Cleaner([]).clean(html).text
    assert "this report for the details of the case" in text
    assert "with bold and a tail that must stay" in text


def test_element_text_keeps_tails_and_breaks_lines_at_blocks():
    el = etree.fromstring("<p>a <hi>b</hi> c<lb/>d <ref>e</ref> f<list><item>g</item></list>h</p>")
    assert element_text(el) == "a b c\nd e f\ng\nh"


def test_element_text_handles_nesting_deeper_than_the_recursion_limit():
    depth = 5000
    el = inner = etree.Element("quote")
    for _ in range(depth):
        inner = etree.SubElement(inner, "quote")
    inner.text = "deep"
    inner.tail = "tail"
    assert element_text(el) == "deep\ntail"
