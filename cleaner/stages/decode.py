"""Bytes in, text out: tell HTML from plain text and decode either without ever crashing.

HTML is decoded the way browsers do it, in order of authority: a byte-order mark, then the
``<meta charset>`` / ``http-equiv`` declaration in the first kilobytes, then detection
(charset_normalizer, which trafilatura already depends on). Whatever is left undecodable
becomes U+FFFD rather than an exception.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)""")
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article|span|a\s|table|ul|br|h[1-6]|script|style|frameset|rss|feed|\?xml)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]*>")

#: Binary formats that are neither HTML nor text; refused with their name.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first, or name the file .gz)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x7fELF", "an executable"),
)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of ASCII-range text is NUL."""
    head = data[:2000]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _valid_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


#: C0 controls but tab, line ends, vertical tab and form feed: text has next to none.
_BINARY_CONTROLS = bytes([*range(9), *range(14, 32)])


def check_binary(data: bytes) -> None:
    """Refuse images, archives and the like with a message that names them."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"input is {what}, not HTML or text")
    head = data[:4096]
    if head and _bom_encoding(head) is None and _looks_utf16(head) is None:
        controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
        if controls > 0.1 * len(head):
            raise InputError("input looks binary (too many control bytes), not HTML or text")


def declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = _valid_codec(m.group(1).decode("ascii", "replace"))
    # a label readable as ASCII cannot be right about UTF-16/32: browsers read UTF-8 then
    if name and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def decode(data: bytes, *, html: bool | None = None) -> str:
    """Decode document bytes to text; never raises on bad bytes (they become U+FFFD)."""
    bom = _bom_encoding(data)
    if bom:
        name, skip = bom
        return data[skip:].decode(name, errors="replace")
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    declared = declared_encoding(data) if html is not False else None
    if declared is None:
        return _undeclared(data)
    # a page that says latin-1 but is valid UTF-8 is almost always UTF-8 (mislabelled)
    if declared != "utf-8" and _is_utf8(data):
        return data.decode("utf-8")
    # browsers treat latin-1 labels as windows-1252
    if declared in ("latin-1", "iso8859-1"):
        declared = "cp1252"
    try:
        return data.decode(declared)
    except UnicodeDecodeError:
        labelled = data.decode(declared, errors="replace")
    # a few broken bytes are a damaged page; most non-ASCII text broken is a wrong label
    broken = labelled.count("\ufffd")
    non_ascii = len(labelled) - len(labelled.encode("ascii", "ignore"))
    return _undeclared(data) if broken >= 2 and 2 * broken > non_ascii else labelled


def _undeclared(data: bytes) -> str:
    try:
        return data.decode("utf-8")  # most pages: valid UTF-8, decoded once
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    return _detect(data)


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str, *, surrogates: bool = True) -> str:
    """What no document should carry into parsing: NUL characters, a leftover byte-order mark
    at the start, lone surrogates (from a ``str`` built with ``surrogateescape``; text that
    ``decode`` made has none, so ``surrogates=False`` skips looking)."""
    text = text.replace("\x00", "").lstrip("\ufeff")
    if not surrogates:
        return text
    try:
        text.encode("utf-8")  # in C: ten times faster than the search below, which is rarely needed
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a truncated or spliced page) is still UTF-8."""
    sample = data[:500_000]
    valid = _UTF8_SEQ.findall(sample)
    if len(valid) < 3:
        return False
    valid_bytes = sum(len(v) for v in valid)
    high = len(_HIGH.findall(sample))
    return high - valid_bytes <= max(4, 0.05 * high)


def _detect(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        results = from_bytes(data[:200_000])
        best = results.best()
        if best is not None and best.encoding:
            # on a tie, prefer the web's most common legacy encoding
            tied = {r.encoding for r in results if (r.chaos, r.coherence) == (best.chaos, best.coherence)}
            encoding = "cp1252" if "cp1252" in tied else best.encoding
            return data.decode(encoding, errors="replace")
    except Exception:  # detection is best effort; falling back is always safe
        pass
    return data.decode("utf-8", errors="replace")


def sniff_is_html(text: str) -> bool:
    """True when the text is markup: it starts with a tag or carries several known tags."""
    head = text[:8192].lstrip()
    if head.startswith("<") and _HTML_SNIFF.match(head):
        return True
    return bool(_HTML_SNIFF.search(head)) and len(_TAG.findall(head)) >= 3
