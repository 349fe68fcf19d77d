"""The built-in site files, checked against the fixture pages in fixtures/sites/<domain>/."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.rules.sources import builtin_sources
from cleaner.tools.fixtures import (
    Fixture,
    builtin_fixture_roots,
    check_fixture,
    find_fixtures,
    run_fixture,
)

from .conftest import FIXTURES

SITE_FIXTURES = find_fixtures(builtin_fixture_roots())
SITE_FILES = {s.path.split("/")[-1][: -len(".yaml")]: s for s in builtin_sources() if "/sites/" in s.path}


def generic_only(domain: str) -> Cleaner:
    """The built-in rules without one site's file."""
    return Cleaner([s for s in builtin_sources() if s.path != SITE_FILES[domain].path])


def test_fixtures_are_found_for_every_site_file():
    assert SITE_FIXTURES and builtin_fixture_roots() == [(FIXTURES / "sites").resolve()]
    assert set(SITE_FILES) == {f.domain for f in SITE_FIXTURES}
    assert "christianpost.com" in SITE_FILES and len(SITE_FILES) >= 4


@pytest.mark.parametrize("fixture", SITE_FIXTURES, ids=[f"{f.domain}/{f.page.name}" for f in SITE_FIXTURES])
def test_site_fixture_comes_out_as_expected(fixture: Fixture, default_cleaner: Cleaner):
    failures = check_fixture(default_cleaner, fixture)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("domain", sorted(SITE_FILES))
def test_site_file_does_work_the_generic_rules_cannot(domain: str, default_cleaner: Cleaner):
    """The site's rules fire on its fixtures, and every paragraph that the generic rules alone
    leave behind was removed, with the site file, by one of the site's own rules."""
    prefix_ids = {r.id for f in default_cleaner.rules.files if f.path == SITE_FILES[domain].path for r in f.rules}
    leftovers, fired = [], set()
    for fixture in (f for f in SITE_FIXTURES if f.domain == domain):
        expected = fixture.expected.read_text(encoding="utf-8").strip("\n").split("\n\n")
        full = run_fixture(default_cleaner, fixture)
        bare = run_fixture(generic_only(domain), fixture)
        extra = [p for p in bare.text.split("\n\n") if p not in expected]
        removed_by_site = [
            b.text for b, d in zip(full.blocks, full.decisions) if d.rule_id in prefix_ids
        ] + [r.snippet for r in full.dom_removals if r.rule_id in prefix_ids]
        fired |= {d.rule_id for d in full.decisions if d.rule_id in prefix_ids}
        fired |= {r.rule_id for r in full.dom_removals if r.rule_id in prefix_ids}
        for paragraph in extra:
            probe = " ".join(paragraph.split())[:40]
            assert any(probe in " ".join(t.split()) for t in removed_by_site), f"{fixture.page.name}: {paragraph!r}"
        leftovers += extra
    assert fired, f"no rule of the {domain} site file fires on its fixtures"
    if domain == "christianpost.com":
        assert leftovers, "the christianpost.com site file removes nothing the generic rules would leave"


def test_christianpost_generic_rules_already_clean_the_seed_like_page():
    fixture = next(f for f in SITE_FIXTURES if f.page.name == "blackberry-pakistan.html")
    expected = fixture.expected.read_text(encoding="utf-8").strip("\n")
    bare = run_fixture(generic_only("christianpost.com"), fixture)
    full = run_fixture(Cleaner.default(), fixture)
    assert bare.text == full.text == expected
    # without the site file the text rules did the work; with it, the DOM rules did
    assert {d.rule_id for d in bare.removed} >= {"NL001", "NL002", "FB001", "DN001", "DN002"}
    assert {r.rule_id for r in full.dom_removals if not r.rule_id.startswith("NV")} == {"CP001", "CP002", "CP003"}


def test_site_rules_stay_on_their_site(default_cleaner: Cleaner):
    fixture = next(f for f in SITE_FIXTURES if f.page.name == "food-bank.html")
    html = fixture.page.read_text(encoding="utf-8")
    elsewhere = default_cleaner.clean(html, url="https://other.example.org/news/x")
    site_ids = {r.id for f in default_cleaner.rules.files if f.path.endswith("christianpost.com.yaml") for r in f.rules}
    assert site_ids and not {r.rule_id for r in elsewhere.dom_removals} & site_ids
    assert "Free Religious Freedom Updates" in elsewhere.text
