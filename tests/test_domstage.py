"""The DOM stage's guards: what a DOM rule may never take from a page."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.matching.selectors import DomRules, compile_selector
from cleaner.rules.rule import Rule
from cleaner.stages.domstage import (
    _NORMALIZED,
    MIN_GUARDED_CHARS,
    _snippet,
    apply_dom_rules,
)
from cleaner.stages.htmlpage import parse_html


def _rules(*selectors: str) -> DomRules:
    rules = [
        Rule(f"D{i:03d}", f"d{i}", "other", "m", "drop_block", "t.yaml", i, selector=s, selector_type="css")
        for i, s in enumerate(selectors)
    ]
    return DomRules([(r, compile_selector(r.selector or "", "css")) for r in rules])


def _text(root) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(root.itertext()).split())


def test_a_wrapper_holding_most_of_the_text_is_kept() -> None:
    body = "Body sentence of the article. " * 20
    root = parse_html(f'<html><body><div class="wrap"><p>{body}</p></div><p>Footer line.</p></body></html>')
    removals, guards = apply_dom_rules(root, _rules('[class~="wrap"]'))
    assert removals == []
    assert [g.guard for g in guards] == ["min_keep_share"]
    assert "Body sentence" in _text(root)


def test_a_large_block_beside_more_text_goes() -> None:
    side = "Related story headline here. " * 10  # over MIN_GUARDED_CHARS
    body = "Body sentence of the article. " * 40
    assert len(side.strip()) >= MIN_GUARDED_CHARS
    root = parse_html(f'<html><body><p>{body}</p><div class="side">{side}</div></body></html>')
    removals, guards = apply_dom_rules(root, _rules('[class~="side"]'))
    assert [r.rule_id for r in removals] == ["D000"] and guards == []
    assert "Related story" not in _text(root)


def test_the_share_counts_what_earlier_removals_took() -> None:
    # three large blocks of equal size and a little body: removing the first leaves two
    # thirds of the text; removing a second would leave a third, under 40 %, so neither goes
    block = "Clutter words in a large box. " * 10
    root = parse_html(
        f'<html><body><p>Body.</p><div class="a">{block}</div><div class="b">{block}</div><div class="c">{block}</div></body></html>'
    )
    removals, guards = apply_dom_rules(root, _rules('[class~="a"]', '[class~="b"]', '[class~="c"]'))
    assert [r.rule_id for r in removals] == ["D000"]
    assert [g.rule_id for g in guards] == ["D001", "D002"]


def test_short_removals_are_not_weighed() -> None:
    # a page of almost nothing but a share bar: the bar is clutter whatever its share
    root = parse_html('<html><body><p>Hi.</p><div class="share-bar">Share this on Facebook</div></body></html>')
    removals, guards = apply_dom_rules(root, _rules('[class~="share-bar"]'))
    assert [r.rule_id for r in removals] == ["D000"] and guards == []


def test_body_article_and_main_are_never_removed() -> None:
    root = parse_html('<html><body><main class="x"><article class="x"><p>Text.</p></article></main></body></html>')
    removals, guards = apply_dom_rules(root, _rules('[class~="x"]'))
    assert removals == []
    assert {g.guard for g in guards} == {"protected_element"}
    assert _text(root) == "Text."


def test_an_element_inside_one_already_removed_is_skipped() -> None:
    root = parse_html('<html><body><p>Body text.</p><div class="a"><span class="b">x</span></div></body></html>')
    removals, _ = apply_dom_rules(root, _rules('[class~="a"]', '[class~="b"]'))
    assert [r.rule_id for r in removals] == ["D000"]


_PIECES = st.text(alphabet=list("ab \n\t\u00a0x\u3000"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.integers(0, 60))
def test_snippet_reads_only_what_it_needs_and_says_the_same(texts: list[str], limit: int) -> None:
    # the removal's snippet splits only a start of the element's XPath-normalized text; it
    # must not differ from splitting all of the text, whatever the pieces and the spaces
    html = "<div>" + "".join(f"<b>{t}</b>" if i % 2 else t for i, t in enumerate(texts)) + "</div>"
    el = parse_html(html).find(".//div")
    assume(el is not None)
    assert _snippet(_NORMALIZED(el), limit) == " ".join("".join(el.itertext()).split())[:limit]


def test_snippet_reads_on_past_a_long_run_of_unicode_spaces() -> None:
    # XPath's normalize-space keeps no-break spaces: the first stretch read may hold no word
    el = parse_html("<div>Share" + "\u00a0" * 1000 + "this story" * 40 + "</div>").find(".//div")
    assert _snippet(_NORMALIZED(el)) == ("Share " + "this story" * 40)[:160]


def test_the_keep_share_guard_weighs_only_the_text_readers_see():
    """Hidden copies of the article (schema.org blocks for search engines) may go even when
    they hold most of the page's text; visible text is still protected."""
    body = "The article text that readers see on the page, sentence after sentence. " * 8
    hidden = f'<div style="display: none" class="seo-copy"><p>{body}</p></div>'
    root = parse_html(f"<html><body><div id='story'><p>{body}</p></div>{hidden}{hidden}</body></html>")
    removals, guards = apply_dom_rules(root, _rules(".seo-copy").rules)
    assert [r.tag for r in removals] == ["div", "div"] and not guards
    root = parse_html(f"<html><body><div id='story'><p>{body}</p></div>{hidden}</body></html>")
    removals, guards = apply_dom_rules(root, _rules("#story").rules)
    assert not removals and [g.guard for g in guards] == ["min_keep_share"]


def test_hidden_elements_are_found_outermost_first_and_only_those_a_reader_misses():
    from cleaner.stages.domstage import _hidden_outer

    root = parse_html(
        "<html><body><div id='a' hidden><p id='in-a' style='display:none'>x</p></div>"
        "<p id='b' style='color: red; display : none'>x</p><p id='border' style='border:none'>seen</p>"
        "<script id='c'>var x;</script><template id='d'><p>t</p></template>"
        "<section id='e' style='display: none'><div id='in-e' hidden>x</div></section>"
        "<p id='f' style='display:block'>seen</p><p id='g' style='display: none'>x</p></body></html>"
    )
    assert [el.get("id") for el in _hidden_outer(root)] == ["a", "b", "c", "d", "e", "g"]
