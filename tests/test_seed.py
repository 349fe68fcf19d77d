"""The example that started it all: the seed article, as text and as an HTML page."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Settings

from .conftest import FIXTURES, SHARED

SEED = SHARED / "seeds" / "000_534f2f537066d8c3.txt"
SEED_EXPECTED = SHARED / "seeds" / "000_534f2f537066d8c3.expected.txt"


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
def test_seed_text_is_cleaned_exactly(default_cleaner: Cleaner):
    result = default_cleaner.clean(SEED.read_bytes())
    assert result.text == SEED_EXPECTED.read_text(encoding="utf-8").rstrip("\n")
    assert len(result.removed) == 8
    assert {d.category for d in result.removed} == {"related", "newsletter", "feedback", "donation"}


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
def test_seed_clutter_survives_without_rules():
    """Without rules every clutter block is still there: the rules do the work."""
    bare = Cleaner([]).clean(SEED.read_bytes())
    for line in ("Recommended", "Was this article helpful?", "We’re sorry to hear that."):
        assert line in bare.text.split("\n\n")


def test_seed_html_fixture_gives_the_same_body(default_cleaner: Cleaner):
    page = FIXTURES / "seed" / "article.html"
    expected = (FIXTURES / "seed" / "article.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    result = default_cleaner.clean(page.read_bytes())
    assert result.input_format == "html"
    assert result.text == expected
    # the clutter reached the text stage and was removed there, by rule
    assert {d.rule_id for d in result.removed} >= {"NL001", "NL002", "FB001", "FB002", "DN002"}
    # the headline is body text and comes first
    assert result.decisions[0].kept and result.blocks[0].kind == "heading"
    assert result.text.startswith(result.blocks[0].text + "\n\n")


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
def test_seed_html_fixture_gives_the_seed_expected_text_headline_first(default_cleaner: Cleaner):
    """The README's first command: the bundled page prints the seed's expected text."""
    page = FIXTURES / "seed" / "article.html"
    # the seed has a no-break space that HTML extraction turns into a plain space
    expected = SEED_EXPECTED.read_text(encoding="utf-8").rstrip("\n").replace("\u00a0", " ")
    assert default_cleaner.clean(page.read_bytes()).text == expected
    assert (FIXTURES / "seed" / "article.expected.txt").read_text(encoding="utf-8").rstrip("\n") == expected


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
def test_seed_html_fixture_without_title_is_the_expected_text_minus_its_headline():
    page = FIXTURES / "seed" / "article.html"
    no_title = Cleaner.default(Settings(title=False))
    # the seed has a no-break space that HTML extraction turns into a plain space
    expected = SEED_EXPECTED.read_text(encoding="utf-8").rstrip("\n").replace("\u00a0", " ")
    headline, _, rest = expected.partition("\n\n")
    result = no_title.clean(page.read_bytes())
    assert result.text == rest
    assert [result.blocks[d.index].text for d in result.removed if d.rule_id == "TT001"] == [headline]


def test_seed_html_fixture_keeps_clutter_without_rules():
    page = FIXTURES / "seed" / "article.html"
    bare = Cleaner([]).clean(page.read_bytes())
    assert "Get Our Latest News for FREE" in bare.text
    assert "Was this article helpful?" in bare.text
