"""Which language is this document in? The page's own declaration where it is credible,
py3langid otherwise (the detector trafilatura uses; chosen by ``benchmarks/lang_compare.py``,
see docs/performance.md).

- py3langid is imported, and its model loaded, on first use: a declaration with too little
  text to overrule it never loads it (``warm`` loads it in a parent before it forks).
- Its probabilities are calibrated for the length of the text, so one threshold serves a
  heading and a whole article: below ``MIN_CONFIDENCE`` a short text is left unknown rather
  than given a wrong language (which would run another language's rules).
- A declaration that the text's common words confirm (:mod:`.langwords`) is kept without
  asking the detector: most pages, for microseconds instead of a millisecond.
- A declaration is overruled only when the text plainly is another language: enough text,
  a confident detector, and next to no probability left for the declared language. A close
  relative the detector hesitates over (no/da, cs/sk, pt/gl, hi/mr) keeps its declaration.

Codes are those of ISO 639-1, folded so that one language has one code (``normalize_code``):
Norwegian is ``no`` whether declared or detected as ``nb``, ``nn`` or ``no``; Chinese is ``zh``
in either script; deprecated codes go to their successors (``iw`` → ``he``); a value that is
no language code (``utf-8``, ``x-default``, ``und``) counts as no declaration.
"""


from __future__ import annotations

import io
import re
from array import array
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from .langwords import confirms

#: ISO 639-1 (two letters), less the deprecated ``iw in ji jw mo sh``.
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
    "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky "
    "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny "
    "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
    "za zh zu".split()
)

#: Codes folded into another: one code per language for the rules to name.
#: Norwegian Bokmål and Nynorsk are Norwegian (``no``); deprecated codes go to today's; the
#: Chinese and Arabic varieties that detectors name apart go to their macrolanguage.
FOLD = {
    "nb": "no", "nn": "no",
    "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro",
    "yue": "zh", "cmn": "zh", "wuu": "zh", "arz": "ar", "ary": "ar", "uzs": "uz", "fil": "tl",
    "pes": "fa", "zsm": "ms", "ekk": "et", "lvs": "lv", "swh": "sw", "azj": "az", "khk": "mn",
}  # fmt: skip

#: Three-letter codes (ISO 639-2/T, 639-2/B and 639-3) of languages that have a two-letter one.
_THREE = (
    "afr af amh am ara ar aze az bel be ben bn bos bs bul bg cat ca ces cs cze cs cym cy wel cy "
    "dan da deu de ger de ell el gre el eng en epo eo est et eus eu baq eu fas fa per fa fin fi "
    "fra fr fre fr gle ga glg gl guj gu hau ha heb he hin hi hrv hr hun hu hye hy arm hy ind id "
    "isl is ice is ita it jav jv jpn ja kat ka geo ka kaz kk khm km kan kn kor ko kur ku kir ky "
    "lat la ltz lb lit lt lav lv mkd mk mac mk mal ml mon mn mar mr msa ms may ms mlt mt mya my "
    "bur my nep ne nld nl dut nl nno no nob no nor no ori or pan pa pol pl por pt pus ps ron ro "
    "rum ro rus ru sin si slk sk slo sk slv sl sna sn som so spa es sqi sq alb sq srp sr swa sw "
    "swe sv tam ta tel te tgk tg tha th tgl tl tuk tk tur tr tat tt uig ug ukr uk urd ur uzb uz "
    "vie vi xho xh yid yi yor yo zho zh chi zh zul zu aka ak lug lg tsn tn tso ts sot st mri mi"
).split()
THREE_TO_ONE = dict(zip(_THREE[::2], _THREE[1::2]))

_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def normalize_code(value: str | None) -> str | None:
    """A language tag or code as the one code rules name, or ``None`` if it is no language.

    ``en-GB`` → ``en``; ``nb``, ``nn``, ``nb-NO``, ``nob`` → ``no``; ``zh-Hans``, ``zh-TW``,
    ``zho``, ``yue`` → ``zh``; ``deu``, ``ger`` → ``de``; ``iw`` → ``he``; ``utf-8``, ``x-default``,
    ``und``, ``zxx``, ``un`` → ``None``. A three-letter code without a two-letter one is kept
    only when it is folded above (``fil`` → ``tl``); any other is not trusted to be a language.
    """
    if not value:
        return None
    m = _TAG.match(value.split(",")[0])
    if m is None:
        return None
    code = m.group(1).lower()
    code = FOLD.get(code, code)
    if len(code) == 3:
        code = THREE_TO_ONE.get(code, "")
        code = FOLD.get(code, code)
    return code if code in ISO_639_1 else None


#: Characters of the blocks (joined by newlines) the detector reads: a paragraph or two.
#: Its cost grows with them, and in a cleaning run, where the model's tables have left the
#: CPU caches, each character costs several times what it does in a tight loop. At 200
#: characters one isiXhosa page with lang="en" stayed short of being overruled; from 300 on,
#: every page of both dev corpora resolves as it does with all its text.
BUDGET = 500
#: Detection alone (no declaration) answers only this sure. On the test pages' bylines,
#: captions and buttons alone, 0.6 let one wrong answer through and 0.7 none; on single
#: 5-20 word lines of the benchmark pages the only wrong answers at 0.6 and above are two
#: kanji-only place-name lists read as Chinese. 0.8 keeps a margin and still answers 83 %
#: of those lines.
MIN_CONFIDENCE = 0.8
#: To overrule a declaration, the text read must be this long, the detector this sure of
#: another language, and the declared language's own probability below OVERRULE_DECLARED_MAX.
#: The 8 wrong declarations of the benchmark pages (lang="en" on isiXhosa, isiZulu, Swahili
#: and German pages, lang="de" on English ones) are overruled at 0.97 and above with the
#: declared language under 0.0001; no right declaration was overruled at any threshold.
OVERRULE_MIN_CHARS = 200
#: A declaration the detector confirms this sure on this many characters is kept without
#: reading further (reading costs time in proportion to the characters).
CONFIRM_CHARS = 200
CONFIRM_CONFIDENCE = 0.9
OVERRULE_CONFIDENCE = 0.9
OVERRULE_DECLARED_MAX = 0.01


@lru_cache(maxsize=1)
def _identifier():  # -> py3langid.langid.LanguageIdentifier
    """py3langid's model, unpacked once per machine into cleaner's cache folder.

    The model ships LZMA-packed and py3langid unpacks it through a temporary file on every
    load: a second a process (as long as the rest of a one-page run), and a failure on a
    full disk or under a file-size limit. Unpacked once and kept, it loads in tens of
    milliseconds; where nothing can be kept, it is unpacked in memory."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packed = MODEL_DIR / MODEL_FILE
    try:
        return _from_npz(LanguageIdentifier, _unpacked(packed))
    except (OSError, ValueError, KeyError):  # a layout this code does not know: py3langid's way
        return LanguageIdentifier.from_model_file(packed, norm_probs=True)


def _unpacked(packed: Path) -> Path | io.BytesIO:
    """The model's npz: from the cache if it is there, else unpacked (and kept if it can be)."""
    import lzma

    from ..rules.cache import cache_dir, write_atomically

    where = cache_dir()
    stat = packed.stat()
    kept = where.parent / f"langid-{stat.st_size}-{int(stat.st_mtime)}.npz" if where else None
    if kept is not None and kept.is_file():
        return kept
    with lzma.open(packed) as source:
        data = source.read()
    if kept is not None:
        write_atomically(kept, data)
    return io.BytesIO(data)


def _from_npz(identifier: type, npz: Path | io.BytesIO):  # -> LanguageIdentifier
    import numpy as np

    with np.load(npz, allow_pickle=False) as data:
        return identifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_array(data["nextmove_row"]),
        )


def _array(values: Any) -> array:
    """A numpy array of unsigned integers as the stdlib array py3langid's tables are."""
    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


def warm() -> None:
    """Load the model now: in a parent before it forks workers, they then share it (a worker's
    own memory for it measured 78 MB when it loaded the model itself, 2.7 MB when shared)."""
    _identifier()


@lru_cache(maxsize=1)
def _label_codes() -> dict[str, str | None]:
    """The detector's labels and their codes after ``normalize_code`` (``None``: no language)."""
    return {label: normalize_code(label) for label in _identifier().labels}


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """The codes the detector can answer, after ``normalize_code``."""
    return frozenset(c for c in _label_codes().values() if c)


def _head(texts: Iterable[str], budget: int) -> str:
    """The first ``budget`` characters of the blocks joined by newlines."""
    parts: list[str] = []
    seen = 0
    for text in texts:
        if seen >= budget:
            break
        chunk = text[: budget - seen]
        parts.append(chunk)
        seen += len(chunk) + 1
    return "\n".join(parts)[:budget]


def language_probabilities(text: str) -> dict[str, float]:
    """Probability per language code (folded: ``nb``/``nn``/``no`` add up), best first;
    empty when the text has no letter to go by."""
    if not any(ch.isalpha() for ch in text):
        return {}
    codes = _label_codes()
    out: dict[str, float] = {}
    for label, prob in _identifier().rank(text):  # best first
        code = codes.get(label)
        if code is not None:  # "zxx": no linguistic content
            out[code] = out.get(code, 0.0) + prob
    # folding (nb + nn) can reorder the first few
    return dict(sorted(out.items(), key=lambda kv: kv[1], reverse=True))


def detect_with_confidence(texts: Iterable[str], budget: int = BUDGET) -> tuple[str | None, float]:
    """The likeliest language of the first ``budget`` characters and its probability."""
    probs = language_probabilities(_head(texts, budget))
    if not probs:
        return None, 0.0
    code = next(iter(probs))
    return code, probs[code]


def detect_language(texts: Iterable[str], budget: int = BUDGET) -> str | None:
    """The language of the text, or ``None`` if the detector is not sure enough."""
    code, confidence = detect_with_confidence(texts, budget)
    return code if confidence >= MIN_CONFIDENCE else None


def resolve_language(declared: str | None, texts: Iterable[str]) -> str | None:
    """The document's language: the page's declaration (normalised), unless the text plainly
    is in another language (templates keep ``lang="en"`` on pages in other languages); the
    detected language when the page declares none or something that is no language code."""
    code = normalize_code(declared)
    if code is None:
        return detect_language(texts)
    text = _head(texts, BUDGET)
    if len(text) < OVERRULE_MIN_CHARS or code not in known_languages():
        return code
    # most declarations are right: their common words confirm them for microseconds, else a
    # glance of the detector at the first characters; the whole budget only when neither does
    if confirms(code, text[:CONFIRM_CHARS]):
        return code
    glance = language_probabilities(text[:CONFIRM_CHARS])
    if glance and next(iter(glance)) == code and glance[code] >= CONFIRM_CONFIDENCE:
        return code
    return overrule(code, language_probabilities(text))


def overrule(declared: str, probs: dict[str, float]) -> str:
    """The policy alone: ``declared`` unless ``probs`` (best first) name another language with
    ``OVERRULE_CONFIDENCE`` and leave the declared one under ``OVERRULE_DECLARED_MAX``."""
    if not probs:
        return declared
    best = next(iter(probs))
    if (
        best != declared
        and probs[best] >= OVERRULE_CONFIDENCE
        and probs.get(declared, 0.0) < OVERRULE_DECLARED_MAX
    ):
        return best
    return declared


#: ``lang`` and ``xml:lang`` as lxml names attributes.
_LANG_ATTRIBUTES = ("lang", "{http://www.w3.org/XML/1998/namespace}lang")
#: Searched only when the root element says nothing: one pass over the whole page (the first
#: such ``meta`` in document order, as the union of the two tests would give). ``descendant::``
#: and not ``//``: libxml2 reads ``//meta[...]`` as a child step from every node of the page.
_META_LANG = etree.XPath(
    "string(descendant::meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language' or @property='og:locale']/@content)"
)


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
    """The language the page declares (``<html lang>``, ``content-language``, ``og:locale``),
    as the one code rules name (``en-GB`` → ``en``, ``nb-NO`` → ``no``); ``None`` if none or
    not a language code."""
    try:
        value = _root_lang(root) or _META_LANG(root)
    except etree.XPathError:
        return None
    return normalize_code(value)
