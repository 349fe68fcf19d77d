"""Which language is this document in? Cheap answers first.

The page usually says so (``<html lang>``, ``content-language``, ``og:locale``); otherwise a
weighted count over the first few thousand characters tells the languages that the rule
library covers apart well enough to pick rules, at a negligible cost (one dictionary look-up
per distinct word).

Three kinds of evidence add up, per word:

- stop words (``der``, ``les``, ``który``...): the bulk of the signal on any real paragraph; a
  word shared by several languages (``de``, ``la``, ``e``) counts for each of them a share;
- letters only some of the languages write (``ß``, ``ñ``, ``ã``, ``ł``, ``è``...): they decide
  short texts and the close pairs (es/pt/it, nl/de) that share many short words;
- a few endings typical of one language (``-ção``, ``-ción``, ``-zione``, ``-lijk``, ``-ung``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree

_STOPWORDS: dict[str, str] = {
    "en": "the and of to in is that for it with as was on are by this be have from or at not but "
    "which were has had will would they their there been an its who said he she we you what "
    "when than more after about also into over could our your a can if so do my me all just "
    "up out how some them these then",
    "de": "der die das und ist nicht den dem des mit sich auf für ein eine einen einem einer auch "
    "es zu von im sind wird wurde werden hat haben nach bei aus noch wie über sie er wir "
    "ich aber oder nur so vor zum zur dass durch mehr schon sein kann um wenn seit gegen "
    "diese dieser sagte soll man uns unser unsere unseren unserer ihr ihre",
    "fr": "le la les et des est une un pour que dans du qui pas sur au aux avec ce cette sont par "
    "il elle ils nous vous mais ou plus ne se son sa ses leur été être fait comme tout "
    "aussi dont entre où sans après selon lors ont ces même depuis chez sous lui leurs très "
    "encore a notre nos votre vos je tu d l qu",
    "es": "el la los las y que de en un una es por con para del se al lo como más pero sus su le "
    "ha han fue son está este esta esto muy también sin sobre entre cuando hasta desde "
    "porque ya ni hay según tras a nuestro nuestra nuestros tu tus usted",
    "it": "il la che di e è un una per non del della dei delle degli sono con si gli le da anche "
    "come nel nella alla al ha ma più questo questa ci lo essere stato stata perché tra "
    "dopo già se ancora molto tutti dell nell dall sull all l secondo a nostro nostra "
    "nostri tuo tua",
    "pt": "o a os as e que de em um uma para com não do da é por se mais dos das como ao no na "
    "nos nas foi são mas ele ela seu sua está também pelo pela já entre quando muito até "
    "isso ser tem após segundo nosso nossa nossos você",
    "nl": "de het een en van is dat op te in zijn met voor niet er ook aan die maar bij om dan "
    "naar werd wordt hij zij wij ze ik nog uit deze dit door als heeft hebben worden over "
    "tot kan geen volgens na onze ons jouw uw je",
    "pl": "i w na się z nie że do to jest jak o po od przez dla jego ale są być tak ze oraz czy "
    "już tylko może był była było które który która także jednak przy bardzo gdy jako tym "
    "też jej ich według nasz nasza naszą nasze twój",
}

#: Letters that only some of the covered languages write, and who writes them.
_LETTERS: dict[str, str] = {
    "ß": "de", "ä": "de", "ö": "de", "ü": "de",
    "ñ": "es",
    "ã": "pt", "õ": "pt", "ç": "fr pt",
    "ł": "pl", "ą": "pl", "ę": "pl", "ś": "pl", "ź": "pl", "ż": "pl", "ć": "pl", "ń": "pl",
    "ó": "es pt pl", "á": "es pt", "í": "es pt", "ú": "es pt",
    "è": "fr it", "ò": "it", "ì": "it", "ù": "fr it",
    "ê": "fr pt", "â": "fr pt", "ô": "fr pt", "î": "fr", "û": "fr", "ë": "fr nl", "ï": "fr nl",
    "œ": "fr", "é": "fr es pt it nl", "à": "fr it pt",
}  # fmt: skip
_LETTER_WEIGHT = 0.6
#: Spanish opens questions and exclamations with these; they stand outside words.
_SPANISH_MARKS = re.compile("[¿¡]")

#: Endings (and a few inner letter groups) typical of one language.
_AFFIXES: tuple[tuple[re.Pattern[str], str, float], ...] = tuple(
    (re.compile(p), langs, w)
    for p, langs, w in (
        (r"(?:ção|ções|ões)$", "pt", 1.0),
        (r"ou$|nh|lh", "pt", 0.5),
        (r"(?:ción|ciones|dad|dades)$", "es", 1.0),
        (r"(?:zione|zioni|ità|ggi|zz|gli|cch|[ae]to$|[ae]ti$|ett[oai]$)", "it", 0.5),
        (r"(?:ungen|ung|keit|heit|lich|isch|chen)$", "de", 0.7),
        (r"(?:lijk|heid|ij|aa|oe|uu)", "nl", 0.5),
        (r"(?:eaux?|eux|aient|ais|ait|é|ée|ées|és|ique|iques|eur|eurs|ment)$", "fr", 0.6),
        (r"oi|eu", "fr", 0.3),
        (r"(?:cz|sz|rz|ów|ych|ści)", "pl", 0.6),
        (r"^th|ing$", "en", 0.4),
    )
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: ``lang`` and ``xml:lang`` as lxml names attributes.
_LANG_ATTRIBUTES = ("lang", "{http://www.w3.org/XML/1998/namespace}lang")
#: Searched only when the root element says nothing: one pass over the whole page (the first
#: such ``meta`` in document order, as the union of the two tests would give). ``descendant::``
#: and not ``//``: libxml2 reads ``//meta[...]`` as a child step from every node of the page.
_META_LANG = etree.XPath(
    "string(descendant::meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language' or @property='og:locale']/@content)"
)
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")

#: Languages the detector can return.
DETECTABLE = frozenset(_STOPWORDS)

#: A guess needs this much evidence in all, and this lead over the runner-up.
MIN_SCORE = 1.2
MIN_LEAD = 1.3
#: On longer texts, the winner's evidence per word: prose in a covered language scores 0.15 to
#: 0.7, while Swedish, Danish, Romanian or Turkish only pick up stray hits (about 0.1).
MIN_DENSITY = 0.12
DENSITY_MIN_WORDS = 20
#: To overrule a page's own declaration, the text must say otherwise this clearly.
OVERRULE_LEAD = 2.5
OVERRULE_MIN_WORDS = 40


def _stopword_weights() -> dict[str, tuple[tuple[str, float], ...]]:
    owners: dict[str, list[str]] = {}
    for lang, words in _STOPWORDS.items():
        for word in dict.fromkeys(words.split()):
            owners.setdefault(word, []).append(lang)
    return {w: tuple((lang, 1.0 / len(langs)) for lang in langs) for w, langs in owners.items()}


_STOP_WEIGHTS = _stopword_weights()


@lru_cache(maxsize=65536)
def word_evidence(word: str) -> tuple[tuple[str, float], ...]:
    """What one lowercase word says about the language, as (language, weight) pairs."""
    out: dict[str, float] = {}
    for lang, weight in _STOP_WEIGHTS.get(word, ()):
        out[lang] = out.get(lang, 0.0) + weight
    for letter in set(word) & _LETTERS.keys():
        langs = _LETTERS[letter].split()
        for lang in langs:
            out[lang] = out.get(lang, 0.0) + _LETTER_WEIGHT / len(langs)
    if len(word) > 3:
        for pattern, lang, weight in _AFFIXES:
            if pattern.search(word):
                out[lang] = out.get(lang, 0.0) + weight
    return tuple(out.items())


def language_scores(texts: Iterable[str], budget: int = 4000) -> tuple[dict[str, float], int]:
    """Evidence per language over the first ``budget`` characters, and the number of words."""
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    seen = 0
    words = 0
    for text in texts:
        chunk = text[: budget - seen]
        seen += len(chunk)
        scores["es"] += _LETTER_WEIGHT * len(_SPANISH_MARKS.findall(chunk))
        for word in _WORD.findall(chunk.lower()):
            words += 1
            for lang, weight in word_evidence(word):
                scores[lang] += weight
        if seen >= budget:
            break
    return scores, words


def _ranked(scores: dict[str, float]) -> tuple[str, float, float]:
    best = max(scores, key=scores.__getitem__)
    second = max((v for k, v in scores.items() if k != best), default=0.0)
    return best, scores[best], second


def detect_language(texts: Iterable[str], budget: int = 4000) -> str | None:
    """Guess among the languages the rules cover; ``None`` if the text does not say clearly."""
    scores, words = language_scores(texts, budget)
    if words < 2:
        return None
    best, top, second = _ranked(scores)
    if top < MIN_SCORE or top < MIN_LEAD * second:
        return None
    if words >= DENSITY_MIN_WORDS and top < MIN_DENSITY * words:
        return None  # a language the rules do not cover
    return best


def resolve_language(declared: str | None, texts: Iterable[str]) -> str | None:
    """The document's language: the page's declaration, unless the text clearly is in another
    language the detector knows (templates often keep ``lang="en"`` on translated pages)."""
    if declared is None:
        return detect_language(texts)
    if declared not in DETECTABLE:
        return declared
    scores, words = language_scores(texts)
    if words < OVERRULE_MIN_WORDS:
        return declared
    best, top, _ = _ranked(scores)
    if best != declared and top >= OVERRULE_LEAD * max(scores[declared], 1.0):
        return best
    return declared


def _root_lang(root: etree._Element) -> str:
    """XPath's ``string(/html/@lang | /html/@xml:lang)``: the first of the two in attribute
    order. Read through lxml, not XPath: the first XPath call on a freshly parsed page is
    dear, and most pages answer here."""
    top = root.getroottree().getroot()
    if top.tag != "html":
        return ""
    for name, value in top.items():
        if name in _LANG_ATTRIBUTES:
            return value
    return ""


def declared_language(root: etree._Element) -> str | None:
    """The language the page declares, as a lowercase primary code (``en-GB`` → ``en``)."""
    try:
        value = _root_lang(root) or _META_LANG(root)
    except etree.XPathError:
        return None
    m = _CODE.match(value.split(",")[0]) if value else None
    return m.group(1).lower() if m else None
