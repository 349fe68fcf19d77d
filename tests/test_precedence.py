"""Site files: selection by URL, precedence between the four kinds of files, and disable."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.rules.ruleset import RuleSet
from cleaner.rules.sources import RuleSource

BODY = "This paragraph is ordinary body text about the city council and its long budget meeting on Tuesday night."


def rule_file(rid: str, *, sites: str = "all", disable: str = "[]", phrase: str = "shared clutter line", extra: str = "") -> str:
    return f"""
sites: {sites}
disable: {disable}
languages: '*'
rules:
  - id: {rid}
    name: r-{rid.lower()}
    category: other
    message: removed by {rid}
    whole_block: true
    match: {{phrase: {phrase}}}
{extra}"""


def credited(cleaner: Cleaner, url: str | None, line: str = "Shared clutter line") -> str | None:
    result = cleaner.clean(f"{BODY}\n\n{line}", url=url)
    return result.decisions[1].rule_id


FOUR = [
    RuleSource("user-site.yaml", rule_file("US001", sites="[example.com]")),
    RuleSource("builtin-site.yaml", rule_file("BS001", sites="[example.com]"), builtin=True),
    RuleSource("user-generic.yaml", rule_file("UG001")),
    RuleSource("builtin-generic.yaml", rule_file("BG001"), builtin=True),
]


def test_files_are_ordered_by_precedence_whatever_the_input_order():
    paths = [f.path for f in RuleSet(FOUR).files]
    assert paths == ["builtin-generic.yaml", "builtin-site.yaml", "user-generic.yaml", "user-site.yaml"]


def test_most_specific_rule_is_credited():
    cleaner = Cleaner(FOUR)
    assert credited(cleaner, "https://example.com/a") == "US001"
    assert credited(cleaner, "https://other.org/a") == "UG001"
    only_builtin = Cleaner([s for s in FOUR if s.builtin])
    assert credited(only_builtin, "https://example.com/a") == "BS001"
    assert credited(only_builtin, "https://other.org/a") == "BG001"


def test_a_later_file_disables_an_earlier_rule_on_its_pages_only():
    sources = [
        RuleSource("generic.yaml", rule_file("BG001"), builtin=True),
        RuleSource("site.yaml", rule_file("ST001", sites="[example.com]", disable="[BG001]", phrase="site only line")),
    ]
    cleaner = Cleaner(sources)
    assert credited(cleaner, "https://example.com/x") is None
    assert credited(cleaner, "https://news.example.com/x") is None  # subdomains too
    assert credited(cleaner, "https://other.org/x") == "BG001"


def test_an_earlier_file_cannot_disable_a_later_rule():
    # a built-in site file must not silence the user's own generic rule
    sources = [
        RuleSource("site.yaml", rule_file("BS001", sites="[example.com]", disable="[UG001]", phrase="x y z"), builtin=True),
        RuleSource("mine.yaml", rule_file("UG001")),
    ]
    assert credited(Cleaner(sources), "https://example.com/") == "UG001"


def test_a_file_cannot_disable_its_own_rule():
    sources = [RuleSource("own.yaml", rule_file("OW001", disable="[OW001]"))]
    assert credited(Cleaner(sources), None) == "OW001"


def test_user_generic_disables_builtin_site_rule_everywhere():
    sources = [
        RuleSource("site.yaml", rule_file("BS001", sites="[example.com]"), builtin=True),
        RuleSource("mine.yaml", rule_file("UG001", disable="[BS001]", phrase="x y z")),
    ]
    assert credited(Cleaner(sources), "https://example.com/") is None


@pytest.mark.parametrize(
    "sites, url, applies",
    [
        ("[example.com]", "https://example.com/", True),
        ("[example.com]", "https://www.example.com/a", True),
        ("[example.com]", "https://deep.news.example.com/a", True),
        ("[example.com]", "https://notexample.com/", False),
        ("[example.com]", "https://example.com.evil.org/", False),
        ("[example.com/news/*]", "https://example.com/news/2024/story", True),
        ("[example.com/news/*]", "https://example.com/sport/story", False),
        ("[example.com, ~shop.example.com]", "https://shop.example.com/", False),
        ("[example.com, ~example.com/live/*]", "https://example.com/live/feed", False),
        ("[example.com, ~example.com/live/*]", "https://example.com/news/a", True),
        ("[example.com]", None, False),
    ],
)
def test_file_scope(sites, url, applies):
    cleaner = Cleaner([RuleSource("s.yaml", rule_file("SC001", sites=sites))])
    assert (credited(cleaner, url) == "SC001") is applies


def test_rule_sites_narrow_the_file():
    extra = """  - id: SC002
    name: narrowed
    category: other
    message: only under /live/
    sites: ['*/live/*']
    whole_block: true
    match: {phrase: live clutter line}
"""
    cleaner = Cleaner([RuleSource("s.yaml", rule_file("SC001", sites="[example.com]", extra=extra))])
    assert credited(cleaner, "https://example.com/live/1", "Live clutter line") == "SC002"
    assert credited(cleaner, "https://example.com/news/1", "Live clutter line") is None
    assert credited(cleaner, "https://other.org/live/1", "Live clutter line") is None
    assert credited(cleaner, "https://example.com/news/1") == "SC001"


def test_site_is_taken_from_the_page_canonical_link():
    page = (
        '<html lang="en"><head><link rel="canonical" href="https://www.example.com/a">'
        f"</head><body><article><p>{BODY}</p><p>{BODY}</p><p>Shared clutter line</p></article></body></html>"
    )
    cleaner = Cleaner([RuleSource("s.yaml", rule_file("SC001", sites="[example.com]"))])
    assert "Shared clutter line" not in cleaner.clean(page).text
    assert "Shared clutter line" in cleaner.clean(page, url="https://other.org/").text


def test_site_is_taken_from_og_url_when_there_is_no_canonical_link():
    page = (
        '<html lang="en"><head><meta property="og:url" content="https://news.example.com/a">'
        f"</head><body><article><p>{BODY}</p><p>{BODY}</p><p>Shared clutter line</p></article></body></html>"
    )
    cleaner = Cleaner([RuleSource("s.yaml", rule_file("SC001", sites="[example.com]"))])
    assert "Shared clutter line" not in cleaner.clean(page).text
    relative = page.replace("https://news.example.com/a", "/a")
    assert "Shared clutter line" in cleaner.clean(relative).text


def test_site_dom_rules_css_and_xpath():
    site = """
sites: [example.com]
languages: '*'
rules:
  - id: SD001
    name: promo-box
    category: promo
    message: promo box
    css: div.promo-box
  - id: SD002
    name: widget
    category: feedback
    message: widget
    xpath: //section[@data-widget='rate']
"""
    page = (
        f"<html><body><article><p>{BODY}</p><div class='promo-box'><p>Buy the mug today and save now.</p></div>"
        f"<p>{BODY}</p><section data-widget='rate'><p>Rate us please, dear reader.</p></section></article></body></html>"
    )
    cleaner = Cleaner([RuleSource("s.yaml", site)])
    on = cleaner.clean(page, url="https://example.com/x")
    assert [r.rule_id for r in on.dom_removals] == ["SD001", "SD002"]
    assert "mug" not in on.text and "Rate us" not in on.text
    off = cleaner.clean(page, url="https://other.org/x")
    assert "mug" in off.text and not off.dom_removals
