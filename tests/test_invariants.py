"""Promises that hold for every document and every rule set, checked on generated ones.

- Nothing is invented: in text mode the kept blocks are the input's blocks, in order, and a
  block shortened by ``strip_span`` is built only from its own characters; in HTML mode every
  word of the output is a word of the page.
- Every block gets exactly one decision, and every removal names the rule behind it.
- Cleaning the output again changes nothing, for rules without position guards
  (``first_blocks``/``last_blocks`` count from the ends of the document, which cleaning moves)
  and with the language fixed (detection may read the shorter text differently).
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from cleaner import Cleaner
from cleaner.model import Result
from cleaner.rules.sources import RuleSource, builtin_sources
from cleaner.settings import Settings
from cleaner.stages.textblocks import split_text

from .strategies import cleaner_for, html_pages, plain_texts, rule_files

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HTML_PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _builtin_without_positional_rules() -> Cleaner:
    """The built-in rules, with any position-guarded rule switched off (see module doc)."""
    probe = Cleaner.default()
    positional = [r.id for r in probe.rules.rules if r.first_blocks is not None or r.last_blocks is not None]
    off = RuleSource("no-positional.yaml", f"disable: {positional}\nrules: []\n")
    return Cleaner(builtin_sources() + [off], Settings(lang="any"))


BUILTIN = _builtin_without_positional_rules()


def squeeze(text: str) -> str:
    return "".join(text.split())


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def check_decisions(result: Result) -> None:
    """One decision per block, in order; every change names its rule; range removals point
    at the block whose rule removed them."""
    assert [d.index for d in result.decisions] == [b.index for b in result.blocks] == list(range(len(result.blocks)))
    assert len(result.kept) + len(result.removed) == len(result.blocks)
    for block, d in zip(result.blocks, result.decisions):
        if d.kept and d.rule_id is None:
            assert d.text == block.text
            continue
        assert d.rule_id and d.action and d.message and d.category
        if not d.kept:
            assert d.text == ""
        else:
            assert d.action == "strip_span" and d.text
        if d.trigger is not None:
            trigger = result.decisions[d.trigger]
            assert trigger.rule_id == d.rule_id and not trigger.kept


def check_nothing_invented_text(source: str, result: Result) -> None:
    blocks = split_text(source)
    assert [b.text for b in result.blocks] == [b.text for b in blocks]
    for block, d in zip(result.blocks, result.decisions):
        if d.kept and d.text != block.text:
            assert d.action == "strip_span"
            assert is_subsequence(squeeze(d.text), squeeze(block.text))
    assert is_subsequence(squeeze(result.text), squeeze(source))


@PROPERTY
@given(plain_texts())
def test_builtin_rules_on_text_invent_nothing_and_explain_everything(text):
    result = BUILTIN.clean(text, input_format="text")
    check_decisions(result)
    check_nothing_invented_text(text, result)


@PROPERTY
@given(plain_texts(), rule_files())
def test_generated_rules_on_text_invent_nothing_and_explain_everything(text, rules):
    result = cleaner_for(rules).clean(text, input_format="text")
    check_decisions(result)
    check_nothing_invented_text(text, result)


@PROPERTY
@given(plain_texts())
def test_builtin_rules_are_idempotent(text):
    once = BUILTIN.clean(text, input_format="text").text
    assert BUILTIN.clean(once, input_format="text").text == once


@PROPERTY
@given(plain_texts(), rule_files(positional=False, actions=("drop_block", "drop_from_here", "drop_up_to_here")))
def test_generated_rules_are_idempotent(text, rules):
    cleaner = cleaner_for(rules)
    once = cleaner.clean(text, input_format="text").text
    assert cleaner.clean(once, input_format="text").text == once


STRIP_THEN_DROP = """
rules:
  - {id: GEN000, name: a, category: other, message: m, action: strip_span, match: {phrase: more}}
  - {id: GEN001, name: b, category: other, message: m, action: drop_block, match: {regex: '\\bsubscribe\\b'}}
"""


def test_one_line_per_paragraph_text_stays_so_after_a_removal():
    """A removed line must not leave a blank line: cleaned again, the text would be split into
    paragraphs instead of lines, and a rule would see other blocks."""
    rules = """
rules:
  - {id: GEN000, name: a, category: other, message: m, action: drop_block, min_words: 2, match: {phrase: subscribe}}
"""
    cleaner = cleaner_for(rules)
    once = cleaner.clean("subscribe.\nsubscribe.\nsubscribe subscribe.\nsubscribe.", input_format="text").text
    assert once == "subscribe.\nsubscribe.\nsubscribe."
    assert cleaner.clean(once, input_format="text").text == once


def test_strip_span_then_drop_is_idempotent():
    cleaner = cleaner_for(STRIP_THEN_DROP)
    once = cleaner.clean("Body text stays here.\n\nsubscribe more.", input_format="text").text
    assert cleaner.clean(once, input_format="text").text == once


def page_chars(markup: str) -> Counter[str]:
    """Characters of the page's text nodes and attribute values (alt text, titles): an upper
    bound on what extraction may output. Characters, not words: the extractor joins text
    nodes that touch in the source (``<li>a</li><b>b</b>``) and deletes invisible format
    characters (zero-width space), which changes word boundaries but invents nothing."""
    if not markup.strip():
        return Counter()
    root = lxml_html.document_fromstring(markup)
    texts = list(root.itertext()) + [v for el in root.iter() for v in el.attrib.values()]
    return visible_chars("".join(texts))


def visible_chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


def check_nothing_invented_html(markup: str, result: Result) -> None:
    """The output is made of the extracted blocks' characters and their separators (cleaner's
    stages only take away), and the extractor gives no character the page lacks. Not asserted: that it gives
    each character no more often than the page. trafilatura can give a passage twice (an
    <article> nested in a quote); ``extract.drop_extractor_repeats`` takes such repeats out
    where the page's text shows them (tests/test_extract.py), but it counts a line in the
    page's text, where the line can also sit inside a longer one, so a repeat can stay."""
    extracted = visible_chars("".join(b.text for b in result.blocks))
    # the renderer may add each block's separator (" | " between table cells), nothing else
    separators = visible_chars("".join(b.sep for b in result.blocks))
    assert not visible_chars(result.text) - extracted - separators
    assert set(extracted) <= set(page_chars(markup))


@HTML_PROPERTY
@given(html_pages())
def test_builtin_rules_on_html_invent_nothing(markup):
    result = BUILTIN.clean(markup, input_format="html")
    check_decisions(result)
    check_nothing_invented_html(markup, result)


@HTML_PROPERTY
@given(html_pages(), rule_files())
def test_generated_rules_on_html_invent_nothing(markup, rules):
    result = cleaner_for(rules).clean(markup, input_format="html")
    check_decisions(result)
    check_nothing_invented_html(markup, result)


@pytest.mark.parametrize("rules", [None, "generated"])
@PROPERTY
@given(data=st.data())
def test_clean_blocks_matches_clean_text(rules, data):
    """The block API decides exactly as the text path does on the same blocks."""
    cleaner = BUILTIN if rules is None else cleaner_for(data.draw(rule_files()))
    text = data.draw(plain_texts())
    via_text = cleaner.clean(text, input_format="text")
    via_blocks = cleaner.clean_blocks(split_text(text), lang="any")
    assert via_blocks.decisions == via_text.decisions
