"""The scope index picks the rules for a page exactly as testing every rule's scope would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules.rule import Scope
from cleaner.rules.ruleset import RuleSet, split_url
from cleaner.rules.scopeindex import ScopeIndex, host_suffixes
from cleaner.rules.sources import RuleSource

_PATTERNS = [
    "example.com", "news.example.com", "www.example.com", "Example.COM", "other.org", "com",
    "le.com", "*", "", "example.com/news/*", "*/live/*", "other.org/", "www.other.org/a*",
    "www.", "WWW.Example.com", "*.example.com",
]  # fmt: skip
_HOSTS = [
    "example.com", "www.example.com", "news.example.com", "a.news.example.com", "notexample.com",
    "other.org", "EXAMPLE.com.", "le.com", "x.le.com", "www.", "", None,
]  # fmt: skip
_PATHS = ["/", "/news/a", "/live/1", "/a", None]

_SCOPES = st.builds(
    Scope,
    st.lists(st.sampled_from(_PATTERNS), max_size=3).map(tuple),
    st.lists(st.sampled_from(_PATTERNS), max_size=2).map(tuple) | st.just(()),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SCOPES, max_size=12), st.sampled_from(_HOSTS), st.sampled_from(_PATHS))
def test_index_agrees_with_testing_every_scope(scopes: list[Scope], host: str | None, path: str | None) -> None:
    index = ScopeIndex(scopes)
    want = [i for i, scope in enumerate(scopes) if scope.matches(host, path)]
    assert sorted(index.everywhere + index.specific(host, path)) == want


def test_host_suffixes_are_the_domains_that_cover_it() -> None:
    assert host_suffixes("a.b.com") == ["a.b.com", "b.com", "com"]
    assert host_suffixes("") == [""]


_FILE_SCOPES = ["all", "[example.com]", "[news.example.com]", "['*/live/*']", "[example.com, '~news.example.com']", "[other.org]"]


def _file(n: int, scope: str, languages: str | None, disable: list[str]) -> str:
    head = f"sites: {scope}\n" + (f"languages: [{languages}]\n" if languages else "")
    head += f"disable: [{', '.join(disable)}]\n" if disable else ""
    rules = "".join(
        f"  - id: PR{n:02d}{k}\n    name: n\n    category: promo\n    message: m\n"
        f"    match: {{phrase: phrase {n} {k}}}\n    action: drop_block\n"
        for k in range(2)
    )
    return head + "rules:\n" + rules


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_FILE_SCOPES),
            st.sampled_from([None, "en", "de", "en, fr"]),
            st.lists(st.integers(0, 7), max_size=2),
        ),
        min_size=1,
        max_size=8,
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["https://example.com/a", "https://news.example.com/live/2", "https://www.other.org/", "https://x.org/live/x", None]),
            st.sampled_from(["en", "de", None, "any"]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_selection_is_every_rule_whose_scope_language_and_disables_let_it(files, pages) -> None:
    sources = [
        RuleSource(f"f{n}.yaml", _file(n, scope, languages, [f"PR{d:02d}0" for d in disable if d < n]))
        for n, (scope, languages, disable) in enumerate(files)
    ]
    rules = RuleSet(sources)
    for url, lang in pages:
        host, path = split_url(url)
        off = rules.disabled_for(host, path)
        want = [r.id for r in rules.rules if r.id not in off and r.applies_to_language(lang) and r.scope.matches(host, path)]
        assert [r.id for r in rules.select(url, lang).text.rules] == want
