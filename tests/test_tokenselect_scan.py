"""One walk over the page answers every token selector exactly as each selector alone does."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from cleaner.matching.selectors import compile_selector
from cleaner.matching.tokens import TokenSelector, scan_tokens
from cleaner.stages.htmlpage import parse_html

PAGE = """<html><body>
<div class="share-bar top" id="s1"><a class="share">x</a></div>
<article><p class="lead">Body</p><div id="cookie-notice other">c</div>
<aside class="related share-bar">r</aside><div class="sharebar">not a token match</div></article>
</body></html>"""


def test_scan_equals_each_selector_alone():
    root = parse_html(PAGE)
    css = [
        '[class~="share-bar"], #cookie-notice',
        '[class~="related"]',
        "div.lead, p",  # no token test: left to itself
        '[class~="lead"], aside',  # token test and another part
        '[id~="cookie-notice"]',  # a token of the id
    ]
    selectors = [compile_selector(c, "css") for c in css]
    assert isinstance(selectors[0], TokenSelector)
    scanned = scan_tokens(root, selectors)
    assert set(scanned) == {0, 1, 3, 4}
    for k, found in scanned.items():
        assert selectors[k].merge(root, found) == CSSSelector(css[k])(root)
    assert [el.tag for el in scanned[3]] == ["p"]  # the token part only; merge adds <aside>
    assert [el.tag for el in selectors[3](root)] == ["p", "aside"]
    # '#cookie-notice' is the whole id, as in CSS: not a token of "cookie-notice other"
    assert [el.get("class") or el.get("id") for el in scanned[0]] == ["share-bar top", "related share-bar"]
    assert [el.get("id") for el in selectors[4](root)] == ["cookie-notice other"]
