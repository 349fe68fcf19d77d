"""The cheap language detector: short sentences, close language pairs, mixed text, and when a
page's own declaration wins."""

from __future__ import annotations

import pytest

from cleaner.stages.lang import detect_language, resolve_language

#: Short news sentences (6–15 words), several per language, chosen to include the hard cases:
#: few stop words, shared short words (es/pt/it, nl/de), and no diacritics at all.
SHORT: dict[str, list[str]] = {
    "en": [
        "The minister said the plan would be ready by the end of March.",
        "Police are still looking for the driver who fled the scene.",
        "Shares fell sharply after the company cut its forecast.",
    ],
    "de": [
        "Der Bürgermeister hat die Pläne am Montag vorgestellt.",
        "Die Polizei sucht weiter nach dem flüchtigen Fahrer.",
        "Am Wochenende wird es in ganz Bayern deutlich kälter.",
        "Die Regierung will die Steuern im nächsten Jahr senken.",
        "Nach dem Unfall war die Autobahn stundenlang gesperrt.",
    ],
    "fr": [
        "Le gouvernement a présenté son projet de loi mercredi.",
        "La police recherche toujours le conducteur en fuite.",
        "Les prix de l'énergie ont encore augmenté ce mois-ci.",
        "Il faudra attendre la fin de l'année pour connaître les résultats.",
        "Selon le ministre, la réforme entrera en vigueur en janvier.",
    ],
    "es": [
        "El Gobierno presentó el proyecto de ley el miércoles.",
        "La policía sigue buscando al conductor que huyó.",
        "Los precios de la vivienda subieron un diez por ciento.",
        "El alcalde anunció que las obras terminarán en junio.",
        "Según los expertos, la situación mejorará este año.",
    ],
    "it": [
        "Il governo ha presentato il disegno di legge mercoledì.",
        "La polizia sta ancora cercando il conducente fuggito.",
        "I prezzi delle case sono aumentati del dieci per cento.",
        "Il sindaco ha annunciato che i lavori finiranno a giugno.",
        "Secondo gli esperti, la situazione migliorerà quest'anno.",
    ],
    "pt": [
        "O governo apresentou o projeto de lei na quarta-feira.",
        "A polícia continua à procura do condutor que fugiu.",
        "Os preços das casas subiram dez por cento no último ano.",
        "O prefeito anunciou que as obras terminam em junho.",
        "Segundo os especialistas, a situação vai melhorar este ano.",
    ],
    "nl": [
        "De regering heeft het wetsvoorstel woensdag gepresenteerd.",
        "De politie zoekt nog steeds naar de gevluchte bestuurder.",
        "De huizenprijzen zijn vorig jaar met tien procent gestegen.",
        "De burgemeester zegt dat de werkzaamheden in juni klaar zijn.",
        "Volgens deskundigen wordt de situatie dit jaar beter.",
    ],
    "pl": [
        "Rząd przedstawił projekt ustawy w środę po południu.",
        "Policja wciąż szuka kierowcy, który uciekł z miejsca wypadku.",
        "Ceny mieszkań wzrosły w ubiegłym roku o dziesięć procent.",
        "Burmistrz zapowiedział, że prace zakończą się w czerwcu.",
        "Według ekspertów sytuacja w tym roku się poprawi.",
    ],
}

CASES = [(lang, text) for lang, texts in SHORT.items() for text in texts]


@pytest.mark.parametrize(("lang", "text"), CASES, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(CASES)])
def test_short_sentences(lang, text):
    # a short sentence is recognised or left unknown, never given another language
    assert detect_language([text]) in (lang, None)


def test_nearly_all_short_sentences_are_recognised():
    right = sum(detect_language([text]) == lang for lang, text in CASES)
    assert right >= 0.95 * len(CASES)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # no diacritics, so only words tell es, pt and it apart
        ("es", "Los vecinos de la zona piden que se abra una nueva escuela"),
        ("pt", "Os moradores da zona pedem que se abra uma nova escola"),
        ("it", "Gli abitanti della zona chiedono che si apra una nuova scuola"),
        # nl and de share many words; the articles and endings differ
        ("nl", "Het kabinet wil de belasting op energie volgend jaar verlagen"),
        ("de", "Das Kabinett will die Steuer auf Energie im nächsten Jahr senken"),
    ],
)
def test_close_pairs(lang, text):
    assert detect_language([text]) in (lang, None)
    assert resolve_language(lang, [text]) == lang  # and never overrules the declaration


def test_diacritics_stripped_by_the_scraper_still_work():
    assert detect_language(["Die Regierung will die Steuern im naechsten Jahr senken, sagte der Minister."]) == "de"
    assert detect_language(["Policja wciaz szuka kierowcy, ktory uciekl z miejsca wypadku, podala policja."]) == "pl"


def test_mixed_text_goes_to_the_majority_language():
    german = " ".join(SHORT["de"])
    english_quote = "“We are not going to stop now,” she said."
    assert detect_language([english_quote, german]) == "de"
    assert detect_language([german, "Newsletter", "Share on Facebook"]) == "de"


def test_too_little_text_is_unknown():
    assert detect_language([]) is None
    assert detect_language(["Newsletter"]) is None
    assert detect_language(["Facebook Twitter WhatsApp"]) is None
    assert detect_language(["12.03.2024 14:30"]) is None


def test_budget_limits_what_is_read():
    text = "Der Rat hat die Pläne nicht gebilligt. " * 5 + "Le conseil n'a pas approuvé les plans et la ville. " * 50
    assert detect_language([text], budget=150) == "de"
    assert detect_language([text]) == "fr"


def test_declaration_wins_unless_the_text_clearly_disagrees():
    french = " ".join(SHORT["fr"] * 3)
    assert resolve_language("fr", [french]) == "fr"
    assert resolve_language("en", [french]) == "fr"  # a template's default lang="en"
    assert resolve_language("en", ["Le gouvernement a présenté son projet."]) == "en"  # too short to overrule
    assert resolve_language("fr-CA", [french]) == "fr"
    assert resolve_language(None, [french]) == "fr"
    assert resolve_language(None, []) is None


def test_short_blocks_are_never_given_a_wrong_language():
    """Any block of the per-language test pages alone, headings and labels included, is
    either recognised or left unknown: a wrong guess would run another language's rules."""
    from tests.test_languages import DOCS, TRAPS

    for lang, blocks in DOCS.items():
        for text in [t for t, _ in blocks] + TRAPS[lang]:
            assert detect_language([text]) in (lang, None), (lang, text)


@pytest.mark.parametrize(
    "text",
    [
        # Swedish, Norwegian, Romanian, Turkish
        "Regeringen presenterade på onsdagen ett nytt lagförslag om skatter. Enligt ministern ska "
        "reformen träda i kraft i januari nästa år, men oppositionen är kritisk och vill att riksdagen röstar nej.",
        "Regjeringen la onsdag fram et nytt lovforslag om skatt. Ifølge ministeren skal reformen tre i "
        "kraft i januar neste år, men opposisjonen er kritisk og vil at Stortinget skal stemme nei.",
        "Guvernul a prezentat miercuri un nou proiect de lege privind impozitele. Potrivit ministrului, "
        "reforma va intra în vigoare în ianuarie anul viitor, dar opoziția este critică și vrea ca parlamentul să voteze împotrivă.",
        "Hükümet çarşamba günü vergilerle ilgili yeni bir yasa tasarısı sundu. Bakana göre reform gelecek "
        "yıl ocak ayında yürürlüğe girecek, ancak muhalefet eleştirel ve meclisin hayır oyu vermesini istiyor.",
    ],
    ids=["sv", "no", "ro", "tr"],
)
def test_languages_beyond_the_first_eight_are_recognised(text, request):
    """Rules now exist beyond the eight Latin-script languages of the first detector."""
    assert detect_language([text]) == request.node.callspec.id


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<html lang="en-GB"><head><meta property="og:locale" content="de_DE"></head>', "en"),
        ('<html><head><meta http-equiv="Content-Language" content="fr, en"></head>', "fr"),
        ('<html><head><meta property="og:locale" content="es_ES"></head>', "es"),
        # both declared: the first in the page wins, whichever kind it is
        ('<html><head><meta property="og:locale" content="pt_BR"><meta http-equiv="content-language" content="it"></head>', "pt"),
        ('<html><head><meta http-equiv="CONTENT-LANGUAGE" content="nl"><meta property="og:locale" content="pl_PL"></head>', "nl"),
        ('<html><head><meta name="description" content="en"></head>', None),
        # the root's two attributes: the first wins, even empty (then the metas are asked); in
        # a page read as HTML "xml:lang" is a name like any other, not XML's attribute
        ('<html xml:lang="de" lang="fr"><head></head>', "fr"),
        ('<html lang="" xml:lang="de"><head><meta property="og:locale" content="es_ES"></head>', "es"),
        ('<html data-lang="de"><head></head>', None),
    ],
)
def test_declared_language_reads_the_root_then_the_first_meta(head: str, expected: str | None) -> None:
    from cleaner.stages.htmlpage import parse_html
    from cleaner.stages.lang import declared_language

    assert declared_language(parse_html(head + "<body><p>x</p></body></html>")) == expected


def test_declared_language_takes_the_first_of_lang_and_xml_lang_in_an_xml_tree() -> None:
    from lxml import etree

    from cleaner.stages.lang import declared_language

    assert declared_language(etree.fromstring('<html xml:lang="de" lang="fr"><p/></html>')) == "de"
    assert declared_language(etree.fromstring('<html lang="fr" xml:lang="de"><p/></html>')) == "fr"
    assert declared_language(etree.fromstring('<page lang="fr"><p/></page>')) is None
