"""Which language is this document in? Cheap answers first.

The page usually says so (``<html lang>``, ``content-language``, ``og:locale``); otherwise a
stop-word count over the first few thousand characters tells the languages that the rule
library covers apart well enough to pick rules, at a negligible cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that for it with as was on are by this be have from or at not but which were".split()),
    "de": frozenset("der die und das ist nicht den mit sich des auf für ein eine dem auch es zu von im sind wird wurde".split()),
    "fr": frozenset("le la les et des est une pour que dans du qui pas sur au avec ce sont par il elle".split()),
    "es": frozenset("el la los las y que de en un una es por con para del se al lo como más pero sus".split()),
    "it": frozenset("il la che di e è un una per non del della sono con si gli le da anche come nel".split()),
    "pt": frozenset("o a os as e que de em um uma para com não do da é por se mais dos das como ao".split()),
    "nl": frozenset("de het een en van is dat op te in zijn met voor niet er ook aan die maar bij".split()),
    "pl": frozenset("i w na się z nie że do to jest jak o po od przez dla jego ale są być tak".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LANG_ATTR = etree.XPath(
    "string(/html/@lang | /html/@xml:lang | //meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']/@content | //meta[@property='og:locale']/@content)"
)
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")

#: Languages the detector can return.
DETECTABLE = frozenset(_STOPWORDS)


def declared_language(root: etree._Element) -> str | None:
    """The language the page declares, as a lowercase primary code (``en-GB`` → ``en``)."""
    try:
        value = _LANG_ATTR(root)
    except etree.XPathError:
        return None
    m = _CODE.match(value.split(",")[0]) if value else None
    return m.group(1).lower() if m else None


def detect_language(texts: Iterable[str], budget: int = 4000) -> str | None:
    """Guess among the languages the rules cover by counting stop words; ``None`` if unsure."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    seen = 0
    total = 0
    for text in texts:
        chunk = text[: budget - seen]
        seen += len(chunk)
        for word in _WORD.findall(chunk.lower()):
            total += 1
            for lang, words in _STOPWORDS.items():
                if word in words:
                    counts[lang] += 1
        if seen >= budget:
            break
    if total < 3:
        return None
    best = max(counts, key=counts.__getitem__)
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < max(2, 0.04 * total) or ranked[0] < 1.3 * ranked[1]:
        return None
    return best
