"""Hostile pages: whatever a crawler brings back gives a clean result or a one-line error.

Inputs are generated here, never committed. Where the exit code is the point, the page goes
through ``cleaner clean`` in a subprocess; elsewhere through the API. A subprocess timeout is
a guard against hangs, not a speed claim (speed is measured in benchmarks/hostile.py).
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from cleaner import Cleaner
from cleaner.errors import InputError
from cleaner.settings import DEFAULT_MAX_BYTES

HANG_GUARD = 300  # seconds; far above what any of these pages needs
ARTICLE = (
    "<html><head>{head}<title>A page</title></head><body><article>"
    "<p>{text}</p><p>A second paragraph keeps the extractor interested in this article body.</p>"
    "</article></body></html>"
)


def page(text: str = "The council met on Tuesday to discuss the new bridge over the river.", head: str = "") -> str:
    return ARTICLE.format(text=text, head=head)


def clean_cli(tmp_path: Path, data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    doc = tmp_path / "page"
    doc.write_bytes(data)
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(doc), *args],
        capture_output=True,
        timeout=HANG_GUARD,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes], code: int, *needles: str) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == code, err
    assert proc.stdout == b""
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("cleaner: error: "), err
    for needle in needles:
        assert needle in err
    return err


def assert_clean_exit(proc: subprocess.CompletedProcess[bytes]) -> str:
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    return proc.stdout.decode()


@pytest.fixture(scope="module")
def bare() -> Cleaner:
    """Extraction only: what the page gives, independent of the rule library."""
    return Cleaner([])


# -- empty and near-empty ------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"], ids=["empty", "whitespace", "bom", "bom-whitespace"])
def test_empty_and_whitespace_give_empty_text_and_exit_0(tmp_path, data):
    assert assert_clean_exit(clean_cli(tmp_path, data)) == ""
    assert assert_clean_exit(clean_cli(tmp_path, data, "--input-format", "html")) == ""


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><head><title>T</title></head><body><div><span> </span><br><img src='a.png'></div></body></html>",
        "<!DOCTYPE html><html></html>",
    ],
    ids=["empty-body", "no-text", "no-body"],
)
def test_page_without_body_text_gives_empty_text(bare, markup):
    result = bare.clean(markup.encode())
    assert result.text == "" and result.blocks == ()


def test_page_of_only_scripts_and_styles_gives_no_script_text(bare):
    code = "<script>var secret = 'do not print'; function f() { return 1; }</script><style>.x { color: red }</style>"
    markup = f"<html><head><style>p {{ margin: 0 }}</style></head><body>{code * 500}<noscript></noscript></body></html>"
    result = bare.clean(markup.encode())
    assert result.text == ""


# -- binary and encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (gzip.compress(page().encode()), "gzip"),
        (bytes(range(32)) * 64, "binary"),
    ],
    ids=["png", "pdf", "gzip-without-gz", "control-bytes"],
)
def test_binary_input_is_refused_with_its_name(tmp_path, data, needle):
    assert_one_line_error(clean_cli(tmp_path, data), 1, needle)


@pytest.mark.parametrize("head", ['<meta charset="utf-8">', ""], ids=["declared", "undeclared"])
def test_broken_utf8_bytes_become_replacement_characters(bare, head):
    text = "Crème brûlée, café crème and pâté: the menu lists 12 dishes for lunch."
    raw = page(text, head).encode("utf-8").replace(b"12", b"1\xff\xfe2").replace(b"lunch", b"lu\xc3\x28nch")
    out = bare.clean(raw).text
    assert "Crème brûlée, café crème and pâté" in out and "\ufffd" in out


def test_undeclared_bytes_that_are_no_encoding_at_all_still_clean(tmp_path):
    raw = b"<html><body><p>" + bytes(range(128, 256)) * 8 + b" and some words</p></body></html>"
    assert "and some words" in assert_clean_exit(clean_cli(tmp_path, raw))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_and_without_bom(bare, codec):
    text = "Grüße aus Köln: the café near the cathedral serves crêpes."
    assert text in bare.clean(page(text).encode(codec)).text


def test_a_double_byte_order_mark_is_not_text(bare):
    text = "The council met on Tuesday to discuss the new bridge."
    raw = ("\ufeff" + page(text)).encode("utf-16")  # the encoder adds a second BOM
    assert bare.clean(raw).text.startswith(text)


def test_wrongly_declared_charset_loses_to_the_bytes(bare):
    text = "Grüße aus Köln, die Straße am Dom ist schön."
    raw = page(text, head='<meta charset="shift_jis">').encode("latin-1")
    assert text in bare.clean(raw).text


def test_utf16_declared_on_a_page_that_is_not_utf16(bare):
    text = "Grüße aus Köln, die Straße am Dom ist schön."
    raw = page(text, head='<meta charset="utf-16">').encode("utf-8")
    assert text in bare.clean(raw).text


def test_a_correct_legacy_declaration_still_wins(bare):
    text = "Grüße aus Köln, die Straße am Dom ist schön."
    raw = page(text, head='<meta charset="iso-8859-1">').encode("latin-1")
    assert text in bare.clean(raw).text


def test_nul_bytes_are_dropped_not_fatal(tmp_path):
    raw = page("The council\x00 met on\x00\x00 Tuesday.").encode()
    out = assert_clean_exit(clean_cli(tmp_path, raw))
    assert "The council met on Tuesday." in out and "\x00" not in out


def test_nul_bytes_in_a_string_and_lone_surrogates(bare):
    result = bare.clean(page("Broken \udce9 text\x00 here, with more words after it."))
    assert "Broken \ufffd text here" in result.text


# -- size and shape ----------------------------------------------------------------------------


def test_page_over_max_bytes_is_refused_with_the_option_to_raise_it(tmp_path):
    data = b"<html><body><p>" + b"x" * DEFAULT_MAX_BYTES + b"</p></body></html>"
    assert_one_line_error(clean_cli(tmp_path, data), 1, "--max-bytes", "over the limit")


def test_max_bytes_counts_a_string_in_utf8(bare):
    with pytest.raises(InputError, match="max-bytes"):
        bare.with_settings(max_bytes=100).clean("é" * 60)


def test_fifty_megabyte_page_of_many_elements_is_refused_quickly(tmp_path):
    paragraph = b"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n"
    data = b"<html><body>" + paragraph * (50_000_000 // len(paragraph)) + b"</body></html>"
    assert len(data) <= DEFAULT_MAX_BYTES
    assert_one_line_error(clean_cli(tmp_path, data), 1, "elements", "--max-elements")


def test_million_tiny_elements_are_refused(tmp_path):
    data = b"<html><body>" + b"<b>x</b>" * 1_000_000 + b"</body></html>"
    assert_one_line_error(clean_cli(tmp_path, data), 1, "200,000 elements", "--max-elements")


def test_max_elements_can_be_raised_or_lowered(tmp_path, bare):
    data = page().encode()
    assert_one_line_error(clean_cli(tmp_path, data, "--max-elements", "3"), 1, "more than 3 elements")
    assert "bridge" in bare.with_settings(max_elements=20).clean(data).text


def test_hundred_thousand_nested_elements_are_refused_not_cut_short(tmp_path):
    data = b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
    assert_one_line_error(clean_cli(tmp_path, data), 1, "levels deep")


def test_deep_nesting_within_the_parser_limit_keeps_its_text(bare):
    depth = 2000
    deep = "A sentence deep inside the nesting, long enough to count as body text here."
    data = page("Intro.").replace("<article>", "<article>" + "<div>" * depth + deep + "</div>" * depth)
    text = bare.clean(data).text
    assert deep in text and "Intro." in text


def test_single_twenty_megabyte_line_of_text(tmp_path):
    line = b"word " * (4 * 1024 * 1024)
    out = assert_clean_exit(clean_cli(tmp_path, line, "--no-default-rules"))
    assert out == line.decode().strip() + "\n"


@pytest.mark.slow
def test_single_twenty_megabyte_line_inside_html_is_not_dropped(bare):
    line = "word " * (4 * 1024 * 1024)
    text = bare.with_settings(with_metadata=False).clean(f"<html><body><p>{line}</p></body></html>").text
    assert len(text) == len(line.strip())


# -- markup that is not an article ---------------------------------------------------------------


def test_frameset_gives_a_clean_result_without_inventing_text(tmp_path):
    markup = (
        b'<html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="https://example.com/a.html">'
        b'<frame src="b.html"></frameset><noframes><body><p>Your browser does not show frames.</p></body></noframes></html>'
    )
    out = assert_clean_exit(clean_cli(tmp_path, markup))
    assert set(out.split()) <= set("Your browser does not show frames.".split())
    assert "does not show frames" in out  # the page's only text is not lost either


def test_noframes_markup_is_read_as_markup_not_text(bare):
    markup = (
        "<html><body><article><p>Intro text of the article is here and long enough to keep.</p>"
        "<noframes><p>Your browser does not show <b>frames</b>.</p></noframes></article></body></html>"
    )
    text = bare.clean(markup).text
    assert "<p>" not in text and "&lt;" not in text
    assert "Intro text of the article" in text and "Your browser does not show" in text


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example feed</title><link>https://example.com/</link>
<item><title>Bridge plans approved</title><link>https://example.com/bridge</link>
<description>The council approved the plans for the new bridge on Tuesday evening.</description></item>
</channel></rss>"""
XML = """<?xml version="1.0"?><catalog><book id="b1"><author>Doe, Jane</author>
<title>Rivers and Bridges</title><summary>A history of the bridges over the river.</summary></book></catalog>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Example</title><entry><title>Bridge plans</title><content type="html">&lt;p&gt;Approved on Tuesday.&lt;/p&gt;</content></entry></feed>"""


@pytest.mark.parametrize(
    "doc, needle",
    [(RSS, "approved the plans for the new bridge"), (XML, "A history of the bridges over the river."), (ATOM, "Approved on Tuesday.")],
    ids=["rss", "xml", "atom"],
)
def test_xml_fed_as_html_gives_text_not_markup(tmp_path, doc, needle):
    out = assert_clean_exit(clean_cli(tmp_path, doc.encode(), "--input-format", "html"))
    assert "?xml" not in out and "<rss" not in out and "<title>" not in out
    assert set(out.split()) <= set(" ".join(etree.fromstring(doc.encode()).itertext()).split())
    assert needle in out  # the document's text comes through


def test_rss_sniffed_as_markup_keeps_its_description(bare):
    assert "approved the plans for the new bridge" in bare.clean(RSS.encode()).text


def test_fragment_without_html_tag_is_parsed_not_printed_as_markup(bare):
    text = bare.clean("<p>A lone paragraph, fed without any html or body element around it.</p>", input_format="html").text
    assert text == "A lone paragraph, fed without any html or body element around it."


def test_plain_text_forced_through_html_path(bare):
    text = "A plain sentence with no markup at all, forced through the HTML path."
    assert bare.clean(text, input_format="html").text == text
