"""Sniffing HTML from text and decoding bytes without ever crashing."""

from __future__ import annotations

import codecs

import pytest

from cleaner import Cleaner, InputError
from cleaner.stages.decode import decode, sniff_is_html

PAGE = "<html><head>{meta}<title>T</title></head><body><article><p>{text}</p></article></body></html>"
TEXT = "Les élèves ont découvert une façade médiévale près de la rivière, et ils étaient très curieux de son âge."


def page(text: str = TEXT, meta: str = "") -> str:
    return PAGE.format(meta=meta, text=text)


def test_utf8():
    assert decode(page().encode("utf-8")) == page()


def test_latin1_with_meta_charset():
    raw = page(meta='<meta charset="iso-8859-1">').encode("latin-1")
    assert TEXT in decode(raw)


def test_http_equiv_charset():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    assert TEXT in decode(page(meta=meta).encode("cp1252"))


def test_utf8_bom_wins_over_wrong_meta():
    raw = codecs.BOM_UTF8 + page(meta='<meta charset="iso-8859-1">').encode("utf-8")
    assert TEXT in decode(raw)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec):
    assert TEXT in decode(page().encode(codec))


def test_invalid_bytes_become_replacement_characters():
    raw = page().encode("utf-8").replace(b"ont", b"o\xff\xfet")
    out = decode(raw)
    assert "\ufffd" in out and "découvert" in out


def test_undeclared_legacy_encoding_is_detected():
    raw = (TEXT + " " + TEXT).encode("cp1252")
    assert "élèves" in decode(raw, html=False)


@pytest.mark.parametrize(
    "text, is_html",
    [
        (page(), True),
        ("<!DOCTYPE html><p>x</p>", True),
        ("  \n<div><p>hello</p></div>", True),
        ("Some text that mentions <b> once.", False),
        ("Plain paragraph.\n\nAnother paragraph.", False),
        ("Use the <div> and <p> and <span> tags, said the manual.", True),
    ],
)
def test_sniffing(text, is_html):
    assert sniff_is_html(text) is is_html


def test_input_format_can_be_forced():
    cleaner = Cleaner([])
    markup = page(text="Hello world of text and more words in a sentence here.")
    as_text = cleaner.clean(markup.encode(), input_format="text")
    # read as text, the markup is the text: tags and all, nothing extracted
    assert as_text.input_format == "text" and as_text.text == markup
    as_html = cleaner.clean(markup.encode(), input_format="html")
    assert as_html.input_format == "html" and as_html.text == "Hello world of text and more words in a sentence here."
    # and a line that would be sniffed as text goes through the HTML path when told to
    forced = cleaner.clean(b"just a line of <b>bold</b> text", input_format="html")
    assert forced.input_format == "html" and forced.text == "just a line of bold text"


@pytest.mark.parametrize(
    "data, what",
    [(b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"), (b"%PDF-1.7\n...", "PDF"), (b"\x1f\x8b\x08\x00" + bytes(50), "gzip")],
)
def test_binary_input_is_refused_by_name(data, what):
    with pytest.raises(InputError, match=what):
        Cleaner([]).clean(data)
