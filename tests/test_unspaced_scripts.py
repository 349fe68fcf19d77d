"""Phrases in scripts written without spaces between words match inside running text;
phrases in spaced scripts still match whole words only."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.rules.sources import RuleSource

RULES = """
languages: '*'
rules:
  - id: TS200
    name: members
    category: paywall
    message: members' pitch
    match:
      phrase: ["会員向け記事", "分享让更多人看到", "구독하기", "कॉपी लिंक", "subscribe"]
    action: drop_block
"""


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner([RuleSource("t.yaml", RULES)])


@pytest.mark.parametrize(
    "text",
    [
        "会員向け記事が読み放題",  # Japanese: the phrase runs on into the next word
        "点击分享让更多人看到吧",  # Chinese
        "지금구독하기",  # Korean, glued to the word before
        "कॉपी लिंक",  # Hindi: spaced words, whole words
        "Subscribe now.",
    ],
)
def test_phrase_matches_inside_unspaced_text(cleaner: Cleaner, text: str):
    body = "This is the body of the article, which stays where it is in the output. " * 3
    result = cleaner.clean_text(f"{body}\n\n{text}", lang="any")
    assert [d.rule_id for d in result.removed] == ["TS200"], text
    assert result.text == body.strip()


@pytest.mark.parametrize("text", ["Subscribers grew by ten percent.", "कॉपीराइट लिंकन"])
def test_spaced_scripts_keep_word_boundaries(cleaner: Cleaner, text: str):
    assert not cleaner.clean_text(text, lang="any").removed
