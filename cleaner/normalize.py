"""Text normalization shared by matching and the prefilter.

``normalize`` keeps the length of the text (one character in, one character out) so that a
match found on the normalized text points at the same characters of the original: that is
what lets ``strip_span`` cut the original text without an offset map. Case is handled by the
regular expressions (IGNORECASE), not here.
"""

from __future__ import annotations

import re

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

_SPACE_RUN = re.compile(r" {2,}")


def normalize(text: str) -> str:
    """Map typographic quotes, dashes and spaces to their ASCII forms, one-for-one."""
    return text.translate(_TABLE)


def fold(text: str) -> str:
    """Normalize, case-fold and collapse spaces: the form literals are compared in."""
    return _SPACE_RUN.sub(" ", normalize(text).casefold()).strip()


def word_count(text: str) -> int:
    return len(text.split())
