"""A rule selection, and so its automaton, is built once per distinct set of rules, not once
per page: a crawl of one site visits thousands of URLs."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.matching.index import AutomatonIndex
from cleaner.rules.rule import Rule
from cleaner.rules.ruleset import RuleSet
from cleaner.rules.sources import RuleSource


def _file(sites: str, rid: str, phrase: str) -> str:
    return (
        f"sites: {sites}\nrules:\n  - id: {rid}\n    name: n\n    category: promo\n"
        f"    message: m\n    match: {{phrase: {phrase}}}\n    action: drop_block\n"
    )


class _Counting(AutomatonIndex):
    built = 0

    def __init__(self, rules: Sequence[Rule]) -> None:
        type(self).built += 1
        super().__init__(rules)


def test_pages_that_select_the_same_rules_share_one_index() -> None:
    sources = [
        RuleSource("generic.yaml", _file("all", "PR001", "shop our deals")),
        RuleSource("news.yaml", _file("[example.com/news/*]", "PR002", "more news from us")),
    ]
    rules = RuleSet(sources, index_factory=_Counting)
    a = rules.select("https://example.com/news/one.html", "en")
    b = rules.select("https://example.com/news/two.html?page=2", "en")
    c = rules.select("https://example.com/sport/three.html", "en")
    assert a.text is b.text
    assert [r.id for r in a.text.rules] == ["PR002", "PR001"]
    assert [r.id for r in c.text.rules] == ["PR001"]
    assert rules.select("https://example.com/news/one.html", "en") is a
    assert _Counting.built == 2


def test_urls_of_one_site_share_a_cache_entry_unless_a_path_glob_tells_them_apart() -> None:
    """Every page of a crawl has its own URL: the selection must not be recomputed per URL."""
    sources = [
        RuleSource("generic.yaml", _file("all", "PR001", "shop our deals")),
        RuleSource("live.yaml", _file("['*/live/*']", "PR003", "live clutter line")),
    ]
    rules = RuleSet(sources)
    pages = [f"https://www.example.com/story/{i}" for i in range(50)]
    for url in pages:
        rules.select(url, "en")
    assert len(rules._cache) == 1
    live = rules.select("https://example.com/live/1", "en")
    assert [r.id for r in live.text.rules] == ["PR003", "PR001"]
    assert [r.id for r in rules.select(pages[0], "en").text.rules] == ["PR001"]
    assert len(rules._cache) == 2
