"""The element-name fast path selects exactly what the XPath or CSS it stands for selects."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml.cssselect import CSSSelector

from cleaner.matching.selectors import TagSelector, compile_selector
from cleaner.stages.htmlpage import parse_html

FAST = [
    ("css", "nav, footer, aside"),
    ("css", "nav"),
    ("css", " div ,section "),
    ("xpath", "descendant::*[self::nav or self::footer or self::aside]"),
    ("xpath", "descendant::nav"),
    ("xpath", "descendant-or-self::*[self::div]"),
    ("xpath", "descendant-or-self::html"),
    ("xpath", "descendant::html"),
]
SLOW = [
    ("css", "nav a"), ("css", "nav.menu"), ("css", "NAV"), ("css", "*"), ("css", "nav, .menu"),
    ("xpath", "//nav"), ("xpath", "descendant::*[self::nav and @id]"), ("xpath", "descendant::nav[1]"),
    ("xpath", "descendant::*[self::nav or @hidden]"), ("xpath", "child::nav"),
]  # fmt: skip

TAGS = ["div", "nav", "footer", "aside", "section", "p"]


def _reference(kind: str, selector: str) -> etree.XPath:
    return CSSSelector(selector) if kind == "css" else etree.XPath(selector)


@pytest.mark.parametrize(("kind", "selector"), FAST)
def test_names_alone_take_the_fast_path(kind: str, selector: str) -> None:
    assert isinstance(compile_selector(selector, kind), TagSelector)


@pytest.mark.parametrize(("kind", "selector"), SLOW)
def test_anything_more_than_names_does_not(kind: str, selector: str) -> None:
    assert not isinstance(compile_selector(selector, kind), TagSelector)


def _tree(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    children = draw(st.lists(st.integers(), max_size=0 if depth > 3 else 3))
    inner = "".join(_tree(draw, depth + 1) for _ in children)
    return f"<{tag}>t{inner}</{tag}>tail"


@st.composite
def pages(draw: st.DrawFn) -> str:
    return "<html><body>" + "".join(_tree(draw) for _ in range(draw(st.integers(1, 4)))) + "</body></html>"


@settings(max_examples=150, deadline=None)
@given(page=pages(), which=st.sampled_from(FAST))
def test_fast_path_selects_what_the_selector_selects_in_order(page: str, which: tuple[str, str]) -> None:
    kind, selector = which
    root = parse_html(page)
    fast = compile_selector(selector, kind)
    assert fast(root) == _reference(kind, selector)(root)
    # from an element inside the page too: the root of the call is in or out as the axis says
    for el in root.iter("nav", "div"):
        assert fast(el) == _reference(kind, selector)(el)
