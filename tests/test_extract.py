"""Turning trafilatura's XML body into blocks."""

from __future__ import annotations

from lxml import etree

from cleaner.extract import blocks_from_body, element_text


def test_text_after_inline_elements_is_kept():
    el = etree.fromstring("<p>at <ref>Amazon</ref>. You'll also find <hi>AirPods</hi> here.</p>")
    assert element_text(el) == "at Amazon. You'll also find AirPods here."


def test_line_breaks_inside_a_block_stay_and_the_tail_is_not_ours():
    body = etree.fromstring("<body><p>one<lb/>two <ref>link</ref></p>tail</body>")
    assert element_text(body[0]) == "one\ntwo link"


def test_link_density_counts_link_characters():
    body = etree.fromstring("<body><p><ref>abcde</ref>fghij</p></body>")
    (block,) = blocks_from_body(body)
    assert block.link_density == 0.5
