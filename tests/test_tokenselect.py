"""The class/id token fast path selects exactly what cssselect selects, in the same order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.cssselect import CSSSelector

from cleaner.matching.automaton import PurePythonAutomaton
from cleaner.matching.selectors import compile_selector
from cleaner.matching.tokens import TokenSelector, split_selector
from cleaner.stages.htmlpage import parse_html

HTML = """<html><body>
<div class="share-bar x" id="a"><span class="share-bar">s</span></div>
<div class="shared-content">keep</div><div class="x share-bars">keep</div>
<div id="cookie-notice">c</div><div id="cookie-notice-2">keep</div>
<form action="https://example.list-manage.com/subscribe"><input/></form>
<nav aria-label="breadcrumb">b</nav>
<div id="div-gpt-ad-123"><div id="x div-gpt-ad-9">not a prefix</div></div><div id="div-gpt">short</div>
</body></html>"""

SELECTORS = [
    '[class~="share-bar"], #cookie-notice',
    '[class~="share-bar"], [id~="cookie-notice"], form[action*="list-manage.com"], nav[aria-label="breadcrumb"]',
    "[class~='shared-content']",
    '[id^="div-gpt-ad"], [class~="share-bar"]',
    '[id^="div-gpt-ad"]',
    ".share-bar, #cookie-notice",
    ".shared-content, nav[aria-label='breadcrumb']",
    # simple parts on one element name share one pass (domstage._grouped_css)
    '[class~="x"], nav[aria-label="breadcrumb"], nav[aria-label="Breadcrumb"], nav.share, form[action*="list-manage"]',
    '[id~="x"], nav > span, span:first-child, *[aria-label="breadcrumb"]',
]


@pytest.mark.parametrize("automaton", ["compiled", "pure-python"])
def test_fast_path_matches_cssselect_exactly(automaton, monkeypatch):
    if automaton == "pure-python":  # where ahocorasick_rs has no wheel
        monkeypatch.setattr("cleaner.matching.tokens.build_matcher", PurePythonAutomaton)
    root = parse_html(HTML)
    for selector in SELECTORS:
        fast = compile_selector(selector, "css")
        assert isinstance(fast, TokenSelector)
        assert fast(root) == CSSSelector(selector)(root), selector


def test_selectors_without_token_tests_use_cssselect():
    assert split_selector('form[action*="x"]') is None
    assert split_selector('div:not([class~="x"]), [class~="y"]') is None
    assert not isinstance(compile_selector("nav > a", "css"), TokenSelector)


def test_split_keeps_the_other_parts():
    terms = split_selector('[class~="a"], #b, nav a')
    assert terms is not None
    assert terms.classes == {"a"} and terms.exact_ids == {"b"} and terms.rest == ("nav a",)
    assert split_selector(".a, div.b").classes == {"a"}  # type: ignore[union-attr]
    assert split_selector('[id~="c"]').ids == {"c"}  # type: ignore[union-attr]


def test_a_comma_inside_a_quoted_value_does_not_split_the_list():
    """Splitting on every comma cut ``nav[aria-label="a, b"]`` in two and refused a valid selector."""
    selector = '.share-bar, nav[aria-label="a, b"]'
    root = parse_html('<html><body><nav aria-label="a, b">n</nav><p class="share-bar">s</p><nav aria-label="a">k</nav></body></html>')
    assert [el.text for el in compile_selector(selector, "css")(root)] == ["n", "s"]


def test_invalid_selector_is_still_an_error():
    with pytest.raises(ValueError):
        compile_selector('[class~="a"], ##', "css")


_TOKENS = ["share-bar", "share", "bar", "share-bars", "cookie-notice", "div-gpt-ad", "div-gpt-ad-7", "x"]
_SPACES = [" ", "  ", "\t", "\n", " \r\n ", "\u00a0", "\x0c"]


@st.composite
def _pages(draw: st.DrawFn) -> str:
    def attr(name: str) -> str:
        if not draw(st.booleans()):
            return ""
        tokens = draw(st.lists(st.sampled_from(_TOKENS), max_size=3))
        glue = draw(st.sampled_from(_SPACES))
        return f' {name}="{draw(st.sampled_from(["", " "]))}{glue.join(tokens)}"'

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(["div", "span", "p", "nav", "form"]))
        inner = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 3 else 0))))
        label = draw(st.sampled_from(["", ' aria-label="breadcrumb"', ' aria-label="Breadcrumb"', ' action="https://x.list-manage.com/s"']))
        return f"<{tag}{attr('class')}{attr('id')}{label}>t{inner}</{tag}>"

    return "<html><body>" + "".join(element(0) for _ in range(draw(st.integers(1, 4)))) + "</body></html>"


@settings(max_examples=300, deadline=None)
@given(_pages())
def test_fast_path_matches_cssselect_on_generated_pages(page: str) -> None:
    root = parse_html(page)
    for selector in SELECTORS:
        fast = compile_selector(selector, "css")
        assert fast(root) == CSSSelector(selector)(root), (selector, page)
