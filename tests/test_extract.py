"""Turning trafilatura's XML body into blocks."""

from __future__ import annotations

from lxml import etree

from cleaner.extract import blocks_from_body, element_text


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


def test_a_word_glued_to_a_link_by_trafilatura_is_set_apart():
    el = etree.fromstring("<p>the <ref>older models</ref>but also <ref>Acme</ref>'s</p>")
    assert element_text(el) == "the older models but also Acme's"


def test_text_left_loose_in_the_body_becomes_a_paragraph():
    body = etree.fromstring('<body>Intro.<p>One.</p>"It is a quote," he said.<p>Two.</p></body>')
    assert [(b.kind, b.text) for b in blocks_from_body(body)] == [
        ("paragraph", "Intro."),
        ("paragraph", "One."),
        ("paragraph", '"It is a quote," he said.'),
        ("paragraph", "Two."),
    ]


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
    from cleaner.features import annotate
    from cleaner.htmlpage import parse_html
    from cleaner.settings import Settings

    body = "The council approved the harbour plan on Monday after a debate that ran late into the night. " * 4
    page = (
        "<html><head><title>A new plan for the old harbour</title></head><body><article>"
        f"<div>A new plan for the old harbour<br/>by Jane Roe<br/>{body}</div></article></body></html>"
    )
    extraction = extract(parse_html(page), None, Settings(with_metadata=False))
    assert extraction.metadata.title == "A new plan for the old harbour"
    blocks = annotate(extraction.blocks, extraction.metadata.title)
    assert blocks[0].tags == {"title_repeat"} and blocks[1].text.startswith("The council approved")
