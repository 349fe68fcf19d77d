"""The common-word confirmation of a declared language (cleaner/stages/langwords.py): it may
only ever spare the detector, never change the language a page gets."""

from __future__ import annotations

import pytest

from cleaner.stages import lang as langmod
from cleaner.stages.langwords import COMMON_WORDS, confirms
from tests.test_lang_resolution import SENTENCES, needs_detector

CODES = [*COMMON_WORDS, "ja", "ko", "zh"]

#: Prose whose common words are also another listed language's: French is full of Catalan's
#: (les, que, des, de, la, en), Portuguese of Galician's, Norwegian of Danish ones.
LOOKALIKES = {
    "fr": "Les habitants de la ville ont appris la nouvelle lundi soir. Selon le maire, les "
    "travaux de la gare vont commencer en mars et dureront deux ans. Les commerçants du "
    "quartier craignent que la circulation soit coupée pendant des mois, mais la mairie "
    "promet des solutions pour les livraisons.",
    "pt": "Os moradores da cidade souberam da notícia na segunda-feira à noite. Segundo o "
    "prefeito, as obras da estação vão começar em março e vão durar dois anos. Os "
    "comerciantes do bairro temem que o trânsito seja cortado durante meses, mas a "
    "prefeitura promete soluções para as entregas.",
    "no": "Innbyggerne i byen fikk vite om det mandag kveld. Ifølge ordføreren skal arbeidet "
    "på stasjonen starte i mars og vare i to år. Butikkene i nabolaget er redde for at "
    "trafikken blir stengt i flere måneder, men kommunen lover at det blir løsninger for "
    "levering av varer, og at de skal få hjelp etter at arbeidet er ferdig.",
}  # fmt: skip


def _prose(lang: str) -> str:
    return " ".join(SENTENCES[lang] * 3)


@pytest.mark.parametrize("lang", ["en", "de", "es", "it", "nl", "pl", "no", "sv", "da", "hi", "ja", "ko", "zh"])
def test_prose_confirms_its_own_language(lang: str) -> None:
    assert confirms(lang, _prose(lang)[:200])


@pytest.mark.parametrize("lang", list(SENTENCES) + list(LOOKALIKES))
def test_prose_never_confirms_another_language(lang: str) -> None:
    text = LOOKALIKES.get(lang) or _prose(lang)
    wrongly = [code for code in CODES if code != lang and confirms(code, text[:200])]
    assert wrongly == []


def test_a_lookalike_with_a_clear_lead_is_confirmed_and_a_close_one_left_to_the_detector() -> None:
    assert confirms("fr", LOOKALIKES["fr"][:200])  # 14 French common words against 11 Catalan
    assert not confirms("no", LOOKALIKES["no"][:200])  # as many Danish ones: py3langid decides


def test_too_little_text_or_an_unlisted_language_is_left_to_the_detector() -> None:
    assert not confirms("en", "The council approved the budget.")
    assert not confirms("el", _prose("el"))  # no list for Greek: the detector decides
    assert not confirms("ja", "東京")
    # a list of names with one common word among them says nothing of the language
    names = "Berlin Munich Hamburg Paris London Rome Madrid Lisbon Vienna Zurich Geneva Basel Oslo Bergen and Stockholm"
    assert not confirms("en", names)


@needs_detector
@pytest.mark.parametrize("declared", CODES + ["el", "ar", "xh"])
def test_the_confirmation_never_changes_the_resolved_language(declared: str, monkeypatch) -> None:
    texts = [_prose(lang) for lang in SENTENCES] + list(LOOKALIKES.values())
    quick = [langmod.resolve_language(declared, [t]) for t in texts]
    monkeypatch.setattr(langmod, "confirms", lambda code, text: False)
    assert quick == [langmod.resolve_language(declared, [t]) for t in texts]
