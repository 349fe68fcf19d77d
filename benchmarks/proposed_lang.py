"""Proposed replacement for cleaner's language resolution (issue #14): code normalisation.

(Work in progress: the detector is chosen by benchmarks/lang_compare.py.)
"""

from __future__ import annotations

import re

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
