"""Text normalization shared by matching and the prefilter.

``normalize`` keeps the length of the text (one character in, one character out) so that a
match found on the normalized text points at the same characters of the original: that is
what lets ``strip_span`` cut the original text without an offset map. Case is handled by the
regular expressions (IGNORECASE), not here.

``fold`` is the form the prefilter compares literals in. It must never separate two texts
that a case-insensitive rule regex treats as equal (see ``tests/test_fold.py``), so besides
``str.casefold`` it maps every character that the regex ``\\s`` or ``str.split`` treats as a
space to one space, and the dotted and dotless i to ``i`` (the ``regex`` module matches ``i``
against ``İ`` and ``I`` against ``ı``, which ``casefold`` keeps apart).

Both run once per block on every document, so they avoid ``str.translate`` with a dict (a
lookup per character): ASCII text goes through ``bytes.translate``; other text first has its
typographic quotes and dashes replaced (which often leaves ASCII, for the fast path), then
one regex scan finds the rest of the table's characters it contains, and ``str.replace``
replaces those few.
"""

from __future__ import annotations

import re
import string

import regex

_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACES = "\t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

_TABLE = {ord(c): "'" for c in _QUOTES}
_TABLE.update({ord(c): '"' for c in _DQUOTES})
_TABLE.update({ord(c): "-" for c in _DASHES})
_TABLE.update({ord(c): " " for c in _SPACES})
# zero-width characters become spaces too, so that the length stays the same
_TABLE.update({ord(c): " " for c in "\u200b\u200c\u200d\u2060\ufeff"})
# full-width ASCII, as Japanese and Chinese text writes its colons, brackets and Latin
# letters (：（）ＰＲ): their ASCII forms, so that rules written in ASCII match them
_TABLE.update({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})

#: Spaces for ``fold`` beyond ``normalize``'s: the rest of what ``\s`` or ``str.split`` treat
#: as a space.
_FOLD_SPACES = "\x1c\x1d\x1e\x1f\x85"
_FOLD_TABLE = {**_TABLE, **{ord(c): " " for c in _FOLD_SPACES}, 0x130: "i", 0x131: "i"}

_SPACE_RUN = re.compile(r" {2,}")


def _ascii_table(table: dict[int, str], lower: bool) -> bytes:
    out = bytearray(range(128))
    for code, rep in table.items():
        if code < 128:
            out[code] = ord(rep)
    if lower:
        for code in range(ord("A"), ord("Z") + 1):
            out[code] = code + 32
    return bytes(out) + bytes(range(128, 256))


_ASCII_NORMALIZE = _ascii_table(_TABLE, lower=False)
_ASCII_FOLD = _ascii_table(_FOLD_TABLE, lower=True)


def _finder(table: dict[int, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]")


_FIND_NORMALIZE = _finder(_TABLE)
_FIND_FOLD = _finder(_FOLD_TABLE)
_REPLACE_NORMALIZE = {chr(code): rep for code, rep in _TABLE.items()}
#: The typographic quotes, dashes and space that most non-ASCII English text has and nothing
#: else: replaced first, they often leave ASCII text, which takes the fast path.
_COMMON = "\u2019\u2018\u201c\u201d\u2013\u2014\u00a0"
_REPLACE_FOLD = {chr(code): rep for code, rep in _FOLD_TABLE.items()}


def _replace_each(text: str, finder: re.Pattern[str], replace: dict[str, str]) -> str:
    """One scan finds which of the table's characters the text has (most non-ASCII text has
    none, or one or two kinds of quote): only those are replaced. No replacement produces a
    character of the table, so the order does not matter."""
    for char in set(finder.findall(text)):
        text = text.replace(char, replace[char])
    return text


def _replace_common(text: str, replace: dict[str, str]) -> str:
    """Replace the table's characters that most non-ASCII text owes its non-ASCII to."""
    for char in _COMMON:
        if char in text:
            text = text.replace(char, replace[char])
    return text


def normalize(text: str) -> str:
    """Map typographic quotes, dashes and spaces to their ASCII forms, one-for-one."""
    if not text.isascii():
        text = _replace_common(text, _REPLACE_NORMALIZE)
        if not text.isascii():
            return _replace_each(text, _FIND_NORMALIZE, _REPLACE_NORMALIZE)
    return text.encode("ascii").translate(_ASCII_NORMALIZE).decode("ascii")


def fold_text(text: str) -> str:
    """``fold`` without the final strip: the prefilter looks for literals inside the result,
    so edge spaces do not matter. One pass from the raw text (no ``normalize`` first): most
    blocks are never normalized, because no rule is a candidate for them."""
    if not text.isascii():
        text = _replace_common(text, _REPLACE_FOLD)
    if text.isascii():
        folded = text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    else:
        folded = _replace_each(text, _FIND_FOLD, _REPLACE_FOLD).casefold()
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    return folded


def fold(text: str) -> str:
    """Normalize, case-fold and collapse spaces: the form literals are compared in."""
    return fold_text(text).strip()


#: Letters of scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
#: Myanmar, Tibetan; with the marks used only with them, such as ー and 々). A phrase's edge
#: in one of them is no word edge, and their words are counted by characters.
UNSPACED = regex.compile(
    r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}]"
)
_UNSPACED_RUN = regex.compile(UNSPACED.pattern + "+")
#: Those letters and Hangul's, whose particles are glued to the word before them: a phrase
#: edge in one of them is no word edge, and two of them make a selective literal.
GLUED = regex.compile(UNSPACED.pattern[:-1] + r"\p{scx=Hangul}]")
#: Characters a word of those scripts has on average: a run of them counts as this many
#: characters a word, so that a long Japanese paragraph is long for ``max_words`` too.
UNSPACED_WORD_CHARS = 2
#: The code point ranges those scripts live in: a cheap first look (the stdlib's character
#: class, in C) before the exact, dearer search; typographic quotes and dashes lie outside.
_UNSPACED_HINT = re.compile("[\u0e00-\u19ff\u2e80-\u9fff\uf900-\ufaff\uff65-\uff9f\U00020000-\U0003ffff]")


def word_count(text: str) -> int:
    """``len(text.split())``, without building the list when the only space is " " (a
    printable string has no other): it runs once per block. In scripts without spaces, a
    run of letters counts as one word per two characters."""
    if text.isprintable() and "  " not in text:
        if not text or text == " ":
            return 0
        words = text.count(" ") + 1 - text.startswith(" ") - text.endswith(" ")
    else:
        words = len(text.split())
    if text.isascii() or not _UNSPACED_HINT.search(text):
        return words
    for run in _UNSPACED_RUN.findall(text):
        words += -(-len(run) // UNSPACED_WORD_CHARS) - 1  # the run's own token is counted
    return words


#: What a whole-block rule lets stand around its match: spaces, punctuation and symbols
#: (``[\s\p{P}\p{S}]``, see :func:`cleaner.matching.expr.wrap_whole`). Every ASCII punctuation
#: character is one of those; after ``fold_text`` the only ASCII space left is " ".
_ASCII_EDGE = " " + string.punctuation
#: The same class in the ``regex`` module, whose Unicode tables the rules' patterns use (they
#: can be newer than this Python's), and other separators for good measure: skipping more
#: than a whole-block pattern can is safe, since the rules' heads go through
#: :func:`strip_head` too; skipping less is not.
_EDGE_RUN = regex.compile(r"[\s\p{P}\p{S}\p{Z}]+")


def strip_head(folded: str) -> str:
    """``folded`` without the spaces, punctuation and symbols it opens with (linear in the
    run it skips: a block may be a megabyte of bullets)."""
    head = folded.lstrip(_ASCII_EDGE)
    if head and not head[0].isascii():
        run = _EDGE_RUN.match(head)
        if run is not None:
            head = head[run.end() :]
    return head


def block_head(text: str) -> str:
    """Where a whole-block match has to start: the folded text (see :func:`fold_text`)
    without the spaces, punctuation and symbols before its first word."""
    return strip_head(fold_text(text))
