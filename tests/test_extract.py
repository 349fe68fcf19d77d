"""Turning trafilatura's XML body into blocks."""

from __future__ import annotations

from lxml import etree

from cleaner.bodytrim import drop_lead_headings, drop_link_runs, drop_title_lines
from cleaner.extract import blocks_from_body, element_text
from cleaner.model import Block


def test_text_after_inline_elements_is_kept():
    el = etree.fromstring("<p>at <ref>the shop</ref>. You'll also find <hi>headphones</hi> here.</p>")
    assert element_text(el) == "at the shop. You'll also find headphones here."


def test_line_breaks_inside_a_block_stay_and_the_tail_is_not_ours():
    body = etree.fromstring("<body><p>one<lb/>two <ref>link</ref></p>tail</body>")
    assert element_text(body[0]) == "one\ntwo link"


def test_link_density_counts_link_characters():
    body = etree.fromstring("<body><p><ref>abcd</ref>, efgh.</p></body>")
    (block,) = blocks_from_body(body)
    assert block.link_density == 4 / len("abcd, efgh.")


def _blocks(*kinds: str) -> list[Block]:
    return [Block(i, kind, f"text {i}", 2) for i, kind in enumerate(kinds)]


def test_lead_headings_are_dropped_and_blocks_renumbered():
    out = drop_lead_headings(_blocks("heading", "heading", "paragraph", "heading", "paragraph"))
    assert [b.text for b in out] == ["text 2", "text 3", "text 4"]
    assert [b.index for b in out] == [0, 1, 2]


def test_a_body_of_headings_only_or_without_lead_heading_is_untouched():
    only = _blocks("heading", "heading")
    assert drop_lead_headings(only) == only
    plain = _blocks("paragraph", "heading", "paragraph")
    assert drop_lead_headings(plain) == plain


def test_a_word_glued_to_a_link_by_trafilatura_is_set_apart():
    el = etree.fromstring("<p>the <ref>older models</ref>but also <ref>Acme</ref>'s</p>")
    assert element_text(el) == "the older models but also Acme's"


def _block(text: str, kind: str = "paragraph", index: int = 0) -> Block:
    return Block(index, kind, text, len(text.split()))


def test_title_and_header_lines_opening_a_block_are_dropped():
    body = "Earlier this month, the council approved the plan after a long debate about its cost."
    block = _block(f"A new plan for the old harbour\nby Jane Roe\nMonday, March 1, 2021\n{body}")
    (out,) = drop_title_lines([block], "A New Plan for the Old Harbour | The Example Times")
    assert out.text == body and out.words == len(body.split())


def test_url_line_and_title_block_are_dropped():
    blocks = [_block("https://example.com/news/dog-found"), _block("Dog found in the park", "heading", 1), _block("A dog was found.", index=2)]
    out = drop_title_lines(blocks, "Dog found in the park")
    assert [b.text for b in out] == ["A dog was found."] and out[0].index == 0


def test_body_that_does_not_open_with_the_title_is_untouched():
    blocks = [_block("A dog was found in the park, officials said."), _block("Dog found in the park", index=1)]
    assert drop_title_lines(blocks, "Dog found in the park") == blocks
    assert drop_title_lines(blocks, None) == blocks


def _linked(index: int, density: float = 1.0, words: int = 8, kind: str = "paragraph") -> Block:
    return Block(index, kind, f"headline {index}", words, density)


def test_runs_of_linked_headlines_go_at_the_edges_and_long_runs_inside():
    body = [_linked(0), _linked(1), _linked(2, 0.1), _linked(3), _linked(4, 0.1), _linked(5), _linked(6), _linked(7), _linked(8, 0.1), _linked(9), _linked(10)]
    out = drop_link_runs(body)
    # the leading pair, the run of three inside and the trailing pair go; the lone link stays
    assert [b.text for b in out] == ["headline 2", "headline 3", "headline 4", "headline 8"]
    assert [b.index for b in out] == [0, 1, 2, 3]


def test_long_or_partly_linked_blocks_are_not_link_lines():
    body = [_linked(0, words=60), _linked(1, words=60), _linked(2, 0.5), _linked(3, 0.5)]
    assert drop_link_runs(body) == body
    only_links = [_linked(0), _linked(1)]
    assert drop_link_runs(only_links) == only_links


def test_text_left_loose_in_the_body_becomes_a_paragraph():
    body = etree.fromstring('<body>Intro.<p>One.</p>"It is a quote," he said.<p>Two.</p></body>')
    assert [(b.kind, b.text) for b in blocks_from_body(body)] == [
        ("paragraph", "Intro."),
        ("paragraph", "One."),
        ("paragraph", '"It is a quote," he said.'),
        ("paragraph", "Two."),
    ]


def test_section_label_before_the_title_goes_with_it():
    blocks = [_block("Review"), _block("The new laptop review: worth the wait", "heading", 1), _block("Welcome to the new laptop.", index=2)]
    out = drop_title_lines(blocks, "The new laptop review: worth the wait")
    assert [b.text for b in out] == ["Welcome to the new laptop."]


def test_layout_cells_give_one_block_per_paragraph_and_data_cells_stay_cells():
    body = etree.fromstring(
        "<body><table><row><cell><p>Story text.</p><head>Top stories</head></cell></row></table>"
        "<table><row><cell>HD</cell><cell>225.86</cell></row></table></body>"
    )
    assert [(b.kind, b.text) for b in blocks_from_body(body)] == [
        ("paragraph", "Story text."),
        ("heading", "Top stories"),
        ("table_cell", "HD"),
        ("table_cell", "225.86"),
    ]


def test_title_is_found_without_trafilatura_metadata():
    from cleaner.extract import extract
    from cleaner.htmlpage import parse_html
    from cleaner.settings import Settings

    body = "The council approved the harbour plan on Monday after a debate that ran late into the night. " * 4
    page = (
        "<html><head><title>A new plan for the old harbour</title></head><body><article>"
        f"<div>A new plan for the old harbour<br/>by Jane Roe<br/>{body}</div></article></body></html>"
    )
    blocks = extract(parse_html(page), None, Settings(with_metadata=False)).blocks
    assert blocks and blocks[0].text.startswith("The council approved")
