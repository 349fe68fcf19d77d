"""Language resolution (cleaner/stages/lang.py): codes folded to
one per language, the declaration first where credible, and py3langid for every language the
rules will cover. Needs no benchmark data; the detector tests need py3langid installed."""

from __future__ import annotations

import pytest

from cleaner.stages import lang as langmod
from cleaner.stages.lang import normalize_code, overrule

# -- codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"), ("en-GB", "en"), ("en_US", "en"), ("EN", "en"), (" de-AT ", "de"),
        ("fr, en", "fr"),
        # Norwegian: one code whichever written standard or form of the code
        ("no", "no"), ("nb", "no"), ("nn", "no"), ("nb-NO", "no"), ("nob", "no"), ("nno", "no"),
        # Chinese: one code for both scripts, for regions and for the varieties detectors name
        ("zh", "zh"), ("zh-Hans", "zh"), ("zh-Hant", "zh"), ("zh-TW", "zh"), ("zh_CN", "zh"),
        ("cmn-Hans-CN", "zh"), ("yue", "zh"), ("zho", "zh"), ("chi", "zh"),
        # three-letter codes with a two-letter one, B and T forms
        ("deu", "de"), ("ger", "de"), ("fra", "fr"), ("fre", "fr"), ("ces", "cs"), ("cze", "cs"),
        ("jpn", "ja"), ("kor", "ko"), ("hin", "hi"), ("tur", "tr"), ("vie", "vi"), ("swe", "sv"),
        ("dan", "da"), ("arz", "ar"), ("fil", "tl"),
        # deprecated two-letter codes
        ("iw", "he"), ("in", "id"), ("ji", "yi"),
        # no language
        (None, None), ("", None), ("utf-8", None), ("utf", None), ("x-default", None),
        ("und", None), ("zxx", None), ("un", None), ("mul", None), ("12", None), ("e", None),
        ("english", None), ("sh", None),
    ],
)  # fmt: skip
def test_normalize_code(value: str | None, expected: str | None) -> None:
    assert normalize_code(value) == expected


# -- the policy alone (no detector) ----------------------------------------------------------


def test_overrule_needs_a_sure_detector_and_no_evidence_for_the_declared_language() -> None:
    assert overrule("en", {"de": 0.999, "en": 0.0001}) == "de"  # a template's lang="en"
    assert overrule("en", {"de": 0.85, "nl": 0.1, "en": 0.0}) == "en"  # not sure enough
    assert overrule("no", {"da": 0.95, "no": 0.04}) == "no"  # a close relative: kept
    assert overrule("de", {"de": 0.99}) == "de"
    assert overrule("de", {}) == "de"


def test_no_detector_is_loaded_when_the_text_cannot_change_the_answer(monkeypatch) -> None:
    def boom():
        raise AssertionError("the detector was loaded")

    monkeypatch.setattr(langmod, "_identifier", boom)
    # the DOM stage asks before there is any text
    assert langmod.resolve_language("en-GB", ()) == "en"
    assert langmod.resolve_language("nb", []) == "no"
    # too little text to overrule a declaration
    assert langmod.resolve_language("en", ["Der Rat hat die Pläne gebilligt."]) == "en"
    # nothing to detect
    assert langmod.resolve_language(None, []) is None
    assert langmod.resolve_language("utf-8", ["", "12.03.2024 14:30"]) is None
    assert langmod.detect_language([]) is None


def test_head_reads_the_first_characters_of_the_blocks() -> None:
    assert langmod._head(["abc", "def", "ghi"], 5) == "abc\nd"
    assert langmod._head(["abc", "def"], 100) == "abc\ndef"
    assert langmod._head(iter(["abc"] * 10**6), 7) == "abc\nabc"


# -- with the detector -----------------------------------------------------------------------

needs_detector = pytest.mark.skipif(
    __import__("importlib").util.find_spec("py3langid") is None, reason="py3langid is not installed"
)

#: Two single news sentences per language: the languages of today's rules, those announced
#: (ja zh ko hi no cs tr vi sv da), and a few more scripts.
SENTENCES: dict[str, list[str]] = {
    "en": ["The city council approved the budget for next year after a long debate on Monday evening.",
           "Police are still looking for the driver who fled the scene of the accident."],
    "de": ["Der Stadtrat hat am Montagabend nach langer Debatte den Haushalt für das kommende Jahr beschlossen.",
           "Die Polizei sucht weiter nach dem Fahrer, der nach dem Unfall geflüchtet ist."],
    "fr": ["Le conseil municipal a adopté lundi soir le budget de l'année prochaine après un long débat.",
           "La police recherche toujours le conducteur qui a pris la fuite après l'accident."],
    "es": ["El ayuntamiento aprobó el lunes por la noche el presupuesto del próximo año tras un largo debate.",
           "La policía sigue buscando al conductor que huyó tras el accidente."],
    "it": ["Il consiglio comunale ha approvato lunedì sera il bilancio del prossimo anno dopo un lungo dibattito.",
           "La polizia sta ancora cercando il conducente che è fuggito dopo l'incidente."],
    "pt": ["A câmara municipal aprovou na segunda-feira à noite o orçamento do próximo ano, depois de um longo debate.",
           "A polícia continua à procura do condutor que fugiu depois do acidente."],
    "nl": ["De gemeenteraad heeft maandagavond na een lang debat de begroting voor volgend jaar goedgekeurd.",
           "De politie zoekt nog steeds naar de bestuurder die na het ongeluk is gevlucht."],
    "pl": ["Rada miejska po długiej debacie przyjęła w poniedziałek wieczorem budżet na przyszły rok.",
           "Policja wciąż szuka kierowcy, który uciekł z miejsca wypadku."],
    "ja": ["市議会は月曜日の夜、長い議論の末に来年度の予算案を可決した。",
           "警察は事故の後に逃走した運転手の行方を追っている。"],
    "zh": ["市议会周一晚上经过长时间辩论后通过了明年的预算。",  # simplified
           "市議會週一晚上經過長時間辯論後通過了明年的預算。"],  # traditional
    "ko": ["시의회는 월요일 저녁 긴 토론 끝에 내년 예산안을 통과시켰다.",
           "경찰은 사고 후 달아난 운전자를 여전히 찾고 있다."],
    "hi": ["नगर परिषद ने सोमवार शाम लंबी बहस के बाद अगले साल का बजट पारित कर दिया।",
           "पुलिस अब भी उस चालक की तलाश कर रही है जो दुर्घटना के बाद भाग गया था।"],
    "no": ["Bystyret vedtok mandag kveld budsjettet for neste år etter en lang debatt.",
           "Politiet leter fortsatt etter sjåføren som stakk av fra ulykkesstedet."],
    "cs": ["Městské zastupitelstvo schválilo v pondělí večer po dlouhé debatě rozpočet na příští rok.",
           "Policie stále pátrá po řidiči, který z místa nehody ujel."],
    "tr": ["Belediye meclisi pazartesi akşamı uzun bir tartışmanın ardından gelecek yılın bütçesini onayladı.",
           "Polis, kazanın ardından kaçan sürücüyü aramaya devam ediyor."],
    "vi": ["Hội đồng thành phố đã thông qua ngân sách năm tới vào tối thứ Hai sau một cuộc tranh luận kéo dài.",
           "Cảnh sát vẫn đang truy tìm tài xế đã bỏ trốn sau vụ tai nạn."],
    "sv": ["Kommunfullmäktige godkände på måndagskvällen budgeten för nästa år efter en lång debatt.",
           "Polisen letar fortfarande efter föraren som flydde från olycksplatsen."],
    "da": ["Byrådet vedtog mandag aften budgettet for næste år efter en lang debat.",
           "Politiet leder stadig efter føreren, der flygtede fra ulykkesstedet."],
    "ru": ["Городской совет в понедельник вечером после долгих дебатов утвердил бюджет на следующий год.",
           "Полиция всё ещё разыскивает водителя, который скрылся с места аварии."],
    "ar": ["وافق مجلس المدينة مساء الاثنين على ميزانية العام المقبل بعد نقاش طويل.",
           "لا تزال الشرطة تبحث عن السائق الذي فر من مكان الحادث."],
    "el": ["Το δημοτικό συμβούλιο ενέκρινε τη Δευτέρα το βράδυ τον προϋπολογισμό του επόμενου έτους μετά από μακρά συζήτηση.",
           "Η αστυνομία αναζητά ακόμη τον οδηγό που εγκατέλειψε τον τόπο του ατυχήματος."],
    "fi": ["Kaupunginvaltuusto hyväksyi maanantai-iltana ensi vuoden talousarvion pitkän keskustelun jälkeen.",
           "Poliisi etsii yhä kuljettajaa, joka pakeni onnettomuuspaikalta."],
}  # fmt: skip

CASES = [(lang, text) for lang, texts in SENTENCES.items() for text in texts]


@needs_detector
@pytest.mark.parametrize(
    ("lang", "text"), CASES, ids=[f"{lang}-{i % 2}" for i, (lang, _) in enumerate(CASES)]
)
def test_short_sentences(lang: str, text: str) -> None:
    assert langmod.detect_language([text]) == lang


@needs_detector
def test_every_announced_language_is_known() -> None:
    assert (
        set("en de fr es it pt nl pl ja zh ko hi no cs tr vi sv da".split())
        <= langmod.known_languages()
    )


@needs_detector
def test_too_little_text_is_unknown() -> None:
    assert langmod.detect_language([]) is None
    assert langmod.detect_language(["Newsletter"]) is None
    assert langmod.detect_language(["Facebook Twitter WhatsApp"]) is None
    assert langmod.detect_language(["12.03.2024 14:30"]) is None


@needs_detector
def test_short_blocks_are_never_given_a_wrong_language() -> None:
    """Bylines, captions, buttons and body lines of the per-language test pages, alone: the
    right language or unknown, never another language's rules."""
    from tests.test_languages import DOCS, TRAPS

    for lang, blocks in DOCS.items():
        for text in [t for t, _ in blocks] + TRAPS[lang]:
            assert langmod.detect_language([text]) in (lang, None), (lang, text)


@needs_detector
def test_mixed_text_goes_to_the_majority_language() -> None:
    german = " ".join(SENTENCES["de"])
    assert (
        langmod.detect_language(["“We are not going to stop now,” she said.", german]) == "de"
    )
    assert langmod.detect_language([german, "Newsletter", "Share on Facebook"]) == "de"


@needs_detector
def test_budget_limits_what_is_read() -> None:
    text = (
        "Der Rat hat die Pläne nicht gebilligt. " * 5
        + "Le conseil n'a pas approuvé les plans et la ville. " * 50
    )
    assert langmod.detect_language([text], budget=150) == "de"
    assert langmod.detect_language([text]) == "fr"


@needs_detector
def test_declaration_wins_unless_the_text_plainly_is_another_language() -> None:
    french = " ".join(SENTENCES["fr"] * 3)
    assert langmod.resolve_language("fr", [french]) == "fr"
    assert langmod.resolve_language("fr-FR", [french]) == "fr"
    assert langmod.resolve_language("en", [french]) == "fr"  # a template's default lang="en"
    assert langmod.resolve_language("ja", [french]) == "fr"  # a language the detector knows
    assert (
        langmod.resolve_language("en", [SENTENCES["fr"][0]]) == "en"
    )  # too short to overrule
    assert langmod.resolve_language("mi", [french]) == "mi"  # one it does not know: kept
    assert langmod.resolve_language(None, [french]) == "fr"
    assert langmod.resolve_language("utf-8", [french]) == "fr"  # no language code
    assert langmod.resolve_language(None, ["Newsletter"]) is None
    # a text that plainly is a close relative of the declared language overrules it too
    assert langmod.resolve_language("no", [" ".join(SENTENCES["da"] * 3)]) == "da"
    assert langmod.resolve_language("da", [" ".join(SENTENCES["no"] * 3)]) == "no"


@needs_detector
def test_declared_and_detected_codes_are_folded_alike() -> None:
    norwegian = " ".join(SENTENCES["no"] * 3)
    assert langmod.resolve_language("nb-NO", [norwegian]) == "no"
    assert langmod.resolve_language("nn", [norwegian]) == "no"
    assert langmod.resolve_language(None, [norwegian]) == "no"
    chinese = SENTENCES["zh"][1] * 8  # traditional script
    assert langmod.resolve_language("zh-Hant", [chinese]) == "zh"
    assert langmod.resolve_language("zh-TW", [chinese]) == "zh"
    assert langmod.resolve_language(None, [chinese]) == "zh"


def test_the_language_model_is_unpacked_once_and_works_without_a_writable_disk(tmp_path):
    """py3langid unpacks its model through a temporary file on every load, which a full disk
    or a file-size limit breaks; cleaner keeps it unpacked in its cache, or unpacks it in
    memory where it cannot keep it."""
    import os
    import subprocess
    import sys

    probe = "from cleaner.stages.lang import detect_language; print(detect_language(['Der Rat hat die Pläne am Montag nicht gebilligt, sagte der Bürgermeister.']))"
    env = {**os.environ, "CLEANER_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert first.stdout.strip() == "de", first.stderr
    assert list((tmp_path / "cache").glob("langid-*.npz"))
    limited = "import resource; resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); " + probe
    env["CLEANER_CACHE_DIR"] = str(tmp_path / "other")  # nothing kept: unpacked under the limit
    under = subprocess.run([sys.executable, "-c", limited], env=env, capture_output=True, text=True, timeout=120)
    assert under.stdout.strip() == "de", under.stderr
