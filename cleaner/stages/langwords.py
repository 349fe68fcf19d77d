"""A cheap second opinion on a page's declared language: does its text read like it?

Most pages declare their language rightly, and confirming that with py3langid costs a
millisecond a page in a cleaning run (its tables have left the CPU caches by the time the
next page comes). Common words do it for a few microseconds: prose in a language is a
quarter to a half its most frequent words, and a text in another language shares few of
them. So the text confirms the declaration when the declared language's common words are
a large share of its words, and more of them than any other listed language's (which is
why close relatives are listed: Slovak against Czech, Ukrainian against Russian, the
Scandinavian languages against each other). Unspaced scripts are confirmed by their letters
(kana for Japanese, Hangul for Korean, Han alone for Chinese).

This only ever says yes or "ask the detector": a declaration it does not confirm goes to
py3langid as before, so a wrong declaration (``lang="en"`` on an isiXhosa page) is still
overruled there.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The most frequent function words per language (lower case, as words stand in text).
#: Single letters are left out where another Latin-script language writes them as words too.
COMMON_WORDS: dict[str, str] = {
    "en": "the and of to in is that for it with as was on are by this be have from or at not "
    "but which were has had will would they their there been an its who said he she we you "
    "what when than more after about also into over could our your can if so do my all just "
    "up out how some them these then",
    "de": "der die das und ist nicht den dem des mit sich auf für ein eine einen einem einer "
    "auch es zu von im sind wird wurde werden hat haben nach bei aus noch wie über sie er "
    "wir ich aber oder nur so vor zum zur dass durch mehr schon sein kann um wenn seit gegen "
    "diese dieser soll man uns ihr ihre als war bis was sehr hier vom am ins beim ob doch dann weil dort immer wieder",
    "fr": "le la les et des est une un pour que dans du qui pas sur au aux avec ce cette sont "
    "par il elle ils nous vous mais ou plus ne se son sa ses leur été être fait comme tout "
    "aussi dont entre où sans après selon ont ces même depuis chez sous lui leurs très encore en a c d l qu n s j m y",
    "es": "el la los las y que de en un una es por con para del se al lo como más pero sus su "
    "le ha han fue son está este esta esto muy también sin sobre entre cuando hasta desde "
    "porque ya ni hay según tras a",
    "it": "il la che di è un una per non del della dei delle degli sono con si gli le da "
    "anche come nel nella alla al ha ma più questo questa ci lo essere stato stata perché "
    "tra dopo già se ancora molto tutti a e l dell all nell dall sull un",
    "pt": "os as que de em um uma para com não do da é por se mais dos das como ao no na nos "
    "nas foi são mas ele ela seu sua está também pelo pela já entre quando muito até isso "
    "ser tem após o a e",
    "ca": "el la els les i que de en un una és per amb del es al com més però seu seva està "
    "també sense sobre entre quan fins des perquè ja ni hi ha va no a",
    "gl": "o os as que de en un unha é por con para do da dos das se máis como ao no na nos "
    "nas foi son pero seu súa está tamén pola polo xa entre cando moito ata iso ser ten a e",
    "nl": "de het een en van is dat op te in zijn met voor niet er ook aan die maar bij om "
    "dan naar werd wordt hij zij wij ze ik nog uit deze dit door als heeft hebben worden "
    "over tot kan geen volgens na",
    "pl": "i w na się z nie że do to jest jak o po od przez dla jego ale są być tak ze oraz "
    "czy już tylko może był była było które który która także jednak przy bardzo gdy jako "
    "tym też jej ich według",
    "cs": "a se na je v že s z do to o k ve i jako pro ale by jsou podle byl bylo jeho které "
    "který která také už po od při jsem není mezi tak jen jak když než nebo",
    "sk": "a sa na je v že s z do to o k vo aj ako pre ale by sú podľa bol bolo jeho ktoré "
    "ktorý ktorá tiež už po od pri som nie medzi tak len keď než alebo",
    "sv": "och i att det som en på är av för med till den har de inte om ett men var jag "
    "sig från vi så kan man när år säger också efter eller nu han hon blev hade något",
    "da": "og i at det som en på er af for med til den har de ikke om et men var jeg sig "
    "fra vi så kan man når år siger også efter eller nu han hun blev havde noget",
    "no": "og i å det som en på er av for med til den har de ikke om et men var jeg seg fra "
    "vi så kan man når år sier også etter eller nå han hun at ble hadde noe",
    "fi": "ja on ei että se oli hän ovat myös kun mutta tai ole olla joka jotka sen kanssa "
    "mukaan vain jo nyt kuin niin hänen tämä ollut jos sekä",
    "tr": "ve bir bu da de için ile ne olarak daha çok gibi en ama olan kadar sonra ise değil "
    "her ya göre ki mi o",
    "vi": "của và các có là được trong cho không những với này một người đã để khi từ đến ra "
    "về như thì sẽ tại theo",
    "ru": "и в не на что с по это как а к но из у за о от для то же так бы его ее её все он "
    "она они мы вы я был была были быть уже или только еще ещё было при есть",
    "uk": "і в не на що з по це як а до але із у за о від для то ж так би його її все він "
    "вона вони ми ви я був була були бути вже або тільки ще було при є та й",
    "hi": "के है में की और को से का एक पर यह भी कि ने हैं था लिए तो इस कर गया हो रहे नहीं "
    "किया कहा साथ वह थे",
}  # fmt: skip

#: Of a text's words, at least this share must be the declared language's common words.
#: Prose runs 0.25–0.5; a headline or a list of names lower, and goes to the detector.
MIN_SHARE = 0.2
#: And a quarter more of them than of any other language's: French prose is also full of
#: Catalan's common words (``les``, ``que``, ``des``), Norwegian of Danish ones.
MIN_LEAD = 1.25
#: Fewer words than this say too little either way.
MIN_WORDS = 12
#: Punctuation that clings to words.
#: Elided words (French ``l'``, ``d'``, ``qu'``; Italian ``dell'``) stand apart.
_ELISION = re.compile("(?<=\\w)['’](?=\\w)")
_PUNCT = ".,;:!?\"'()[]{}«»„“”‘’‚‹›—–-…|/*&%#@<>=+·•।"


@lru_cache(maxsize=1)
def _owners() -> dict[str, frozenset[str]]:
    """Each common word and the languages that list it."""
    owners: dict[str, set[str]] = {}
    for lang, words in COMMON_WORDS.items():
        for word in words.split():
            owners.setdefault(word, set()).add(lang)
    return {w: frozenset(langs) for w, langs in owners.items()}


def _script_shares(text: str) -> tuple[int, int, int, int]:
    """Letters in all, and of them kana, Hangul and Han."""
    letters = kana = hangul = han = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            kana += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            han += 1
    return letters, kana, hangul, han


def _confirms_script(code: str, text: str) -> bool:
    letters, kana, hangul, han = _script_shares(text)
    if letters < 2 * MIN_WORDS:
        return False
    if code == "ja":
        return kana >= 0.15 * letters and kana + han >= 0.6 * letters
    if code == "ko":
        return hangul >= 0.5 * letters
    return han >= 0.6 * letters and kana == 0 and hangul == 0  # zh


def confirms(code: str, text: str) -> bool:
    """Whether ``text`` plainly reads as ``code``, the page's declared language; ``False``
    also when this cannot tell (a language without a list here: the detector decides)."""
    if code in ("ja", "ko", "zh"):
        return _confirms_script(code, text)
    if code not in COMMON_WORDS:
        return False
    owners = _owners()
    counts: dict[str, int] = {}
    words = 0
    for token in _ELISION.sub(" ", text.lower()).split():
        word = token.strip(_PUNCT)
        if not word:
            continue
        words += 1
        for lang in owners.get(word, ()):
            counts[lang] = counts.get(lang, 0) + 1
    if words < MIN_WORDS:
        return False
    mine = counts.pop(code, 0)
    return mine >= MIN_SHARE * words and all(mine > MIN_LEAD * theirs for theirs in counts.values())
