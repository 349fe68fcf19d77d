"""Turning trafilatura's XML body into blocks."""

from __future__ import annotations

import pytest
from lxml import etree

from cleaner import Cleaner
from cleaner.settings import Settings
from cleaner.stages.extract import LinkText, blocks_from_body, element_text, extract
from cleaner.stages.htmlpage import parse_html


def test_text_after_inline_elements_is_kept():
    el = etree.fromstring("<p>at <ref>the shop</ref>. You'll also find <hi>headphones</hi> here.</p>")
    assert element_text(el) == "at the shop. You'll also find headphones here."


def test_line_breaks_inside_a_block_stay_and_the_tail_is_not_ours():
    body = etree.fromstring("<body><p>one<lb/>two <ref>link</ref></p>tail</body>")
    assert element_text(body[0]) == "one\ntwo link"


def test_link_density_counts_the_page_links_text_where_it_stands_as_whole_words():
    page = parse_html(
        "<html><body><a href='/a'>Other story</a><p><a href='/b'>abcd</a>, efgh.</p>"
        "<a href='/c'>the</a></body></html>"
    )
    links = LinkText(page)
    assert links.chars("abcd, efgh.") == 4
    assert links.chars("Other story") == len("Other story")
    assert links.chars("Other stories") == 0  # not where it is part of a longer word
    assert links.chars("the end, and the story") == 2 * len("the")
    assert LinkText(parse_html("<p>no links here</p>")).chars("no links here") == 0


def test_blocks_are_what_trafilatura_extract_outputs_with_the_same_options():
    """Links are measured without trafilatura's link mode, which would change what it keeps."""
    import trafilatura

    para = "The council met on Monday and <a href='/x'>approved the plan</a> after a long debate about its cost. "
    page = f"<html><body><article><h1>Harbour plan</h1><p>{para * 3}</p><p>{para * 2}</p></article></body></html>"
    blocks = extract(parse_html(page), None, Settings()).blocks
    expected = trafilatura.extract(page, include_comments=False, with_metadata=False)
    assert [b.text for b in blocks] == expected.split("\n")
    linked = 3 * len("approved the plan")
    assert blocks[1].link_density == linked / len(blocks[1].text)

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
    from cleaner.settings import Settings
    from cleaner.stages.extract import extract
    from cleaner.stages.features import annotate
    from cleaner.stages.htmlpage import parse_html

    body = "The council approved the harbour plan on Monday after a debate that ran late into the night. " * 4
    page = (
        "<html><head><title>A new plan for the old harbour</title></head><body><article>"
        f"<div>A new plan for the old harbour<br/>by Jane Roe<br/>{body}</div></article></body></html>"
    )
    extraction = extract(parse_html(page), None, Settings(with_metadata=False))
    assert extraction.metadata.title == "A new plan for the old harbour"
    blocks = annotate(extraction.blocks, extraction.titles, tag_title=True)
    assert blocks[0].tags == {"page_title"} and blocks[1].text.startswith("by Jane Roe\nThe council approved")


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


def test_a_passage_the_extractor_gives_twice_comes_out_once():
    """trafilatura takes an <article> nested in a quote on its own and again inside the quote;
    the page holds each line once, so the output must too."""
    page = (
        "<html><body><blockquote><p>First line of the quote here.</p>"
        "<article><p>Second line of the quote there.</p></article></blockquote></body></html>"
    )
    text = Cleaner.default().clean(page).text
    assert text.count("Second line of the quote there.") == 1
    assert "First line of the quote here." in text


def test_lines_the_page_repeats_keep_their_copies():
    page = (
        "<html><body><article><p>Chorus line sung twice.</p><p>Verse in between the choruses.</p>"
        "<p>Chorus line sung twice.</p></article></body></html>"
    )
    assert Cleaner.default().clean(page).text.count("Chorus line sung twice.") == 2


def test_repeats_are_counted_in_the_page_whatever_the_spacing():
    """The page writes the line with a no-break space and a link; it is still three copies."""
    item = '<p>See it now:&nbsp;<a href="/x">Shop</a></p><p>A product described at some length here, {}.</p>'
    page = "<html><body><article>" + "".join(item.format(n) for n in ("one", "two", "three")) + "</article></body></html>"
    assert Cleaner.default().clean(page).text.count("See it now:") == 3


def _pages_for_equivalence() -> list[bytes]:
    """The fixture pages, and a sample of the dev corpora's where they are at hand."""
    import gzip

    from .conftest import FIXTURES, SHARED

    pages = [p.read_bytes() for p in sorted(FIXTURES.rglob("*.html"))]
    for corpus in ("scrapinghub-dev", "fundus-dev"):
        pages += [gzip.decompress(p.read_bytes()) for p in sorted((SHARED / "bench" / corpus / "html").glob("*.html.gz"))[::6]]
    return pages


def test_the_cascade_without_its_copy_gives_what_bare_extraction_gives(monkeypatch):
    """Without metadata, cleaner runs trafilatura's cascade itself to spare bare_extraction's
    copy of the page; the blocks must be those bare_extraction gives."""
    from cleaner.stages import extract as stage
    from cleaner.stages.decode import decode

    assert stage._sequence() is not None, "this trafilatura has no cascade cleaner can call"
    settings = Settings()
    for raw in _pages_for_equivalence():
        text = decode(raw, html=True)
        fast = stage.extract(parse_html(text), None, settings).blocks
        with monkeypatch.context() as patch:
            patch.setattr(stage, "_sequence", lambda: None)
            slow = stage.extract(parse_html(text), None, settings).blocks
        assert [(b.kind, b.text, b.link_density) for b in fast] == [(b.kind, b.text, b.link_density) for b in slow]


def test_pages_without_their_scripts_styles_and_drawings_extract_the_same():
    """The engine drops what no reader sees before trafilatura runs, to spare it work; the
    blocks must be those of the whole page."""
    from cleaner.stages.decode import decode
    from cleaner.stages.htmlpage import drop_unseen

    settings = Settings()
    for raw in _pages_for_equivalence():
        text = decode(raw, html=True)
        whole = extract(parse_html(text), None, settings).blocks
        lean = parse_html(text)
        drop_unseen(lean)
        assert [(b.kind, b.text) for b in extract(lean, None, settings).blocks] == [(b.kind, b.text) for b in whole]


def test_drop_unseen_keeps_json_ld_and_the_text_around_what_it_drops():
    from cleaner.stages.htmlpage import drop_unseen

    root = parse_html(
        "<html><head><style>p{}</style><script type='application/ld+json'>{}</script></head><body>"
        "<p>One <script>x()</script>two <svg><text>chart</text></svg>three.</p></body></html>"
    )
    drop_unseen(root)
    assert root.xpath("string(//p)") == "One two three."
    assert root.xpath("count(//script[@type='application/ld+json'])") == 1 and not root.xpath("//style")


def test_cells_of_a_row_are_joined_by_a_bar_and_rows_by_a_line():
    """The renderer's separators for tables: what a reader of the text sees of the table."""
    page = (
        "<html><body><article><p>The results of the vote in the three districts were published on Monday by the"
        " electoral office.</p><table><tr><td>North</td><td>1,204</td><td>52%</td></tr>"
        "<tr><td>South</td><td>980</td><td>48%</td></tr></table></article></body></html>"
    )
    assert Cleaner([]).clean(page).text.endswith("office.\n\nNorth | 1,204 | 52%\nSouth | 980 | 48%")


@pytest.mark.parametrize(
    "markup",
    [
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x/y'>\n<html><body><p>a\x01b\x0bc\ufffe\uffffd</p></body></html>",
        "<html/>\n<body><p>one \x1f two</p></body>",
        "<html><body><p>Ünïcode — text\x08 with\x0c controls</p></body></html>",
    ],
)
def test_the_page_is_parsed_as_trafilatura_would_repair_and_parse_it(markup):
    """cleaner makes trafilatura's repairs its own way (control characters deleted from the
    bytes); the tree must be the one trafilatura's repairs give."""
    from lxml import etree
    from lxml.html import document_fromstring
    from trafilatura.utils import repair_faulty_html

    from cleaner.stages.htmlpage import _parser

    theirs = document_fromstring(repair_faulty_html(markup, markup[:50].lower()).encode(), parser=_parser())
    assert etree.tostring(parse_html(markup)) == etree.tostring(theirs)
