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

import json
import re
import unicodedata
from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from cleaner import Cleaner
from cleaner.model import Block, Result
from cleaner.rules.rule import Rule
from cleaner.rules.sources import RuleSource, builtin_sources
from cleaner.settings import Settings
from cleaner.stages.textblocks import split_text

from .strategies import WORDS, cleaner_for, html_pages, node, plain_texts, rule_files

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


# -- decisions against a reference ----------------------------------------------------------
#
# The properties above hold for a cleaner that removes nothing. The ones below do not: the
# engine's decisions are compared with a plain reference written here (first matching rule,
# in file order), and clutter taken from the rules' own remove examples, put into generated
# documents, must go.

_FOLD = str.maketrans({"\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u00a0": " ", "\u2009": " ", "\t": " ", "\u200b": " "})


def _reference_pattern(phrase: str) -> str:
    """A phrase as the rule format defines it: its words in order, any run of spaces between
    them, and word edges where the phrase starts or ends with a letter of a spaced script."""
    words = phrase.translate(_FOLD).lower().split()
    body = r"\s+".join(re.escape(w) for w in words)
    spaced = lambda ch: ch.isalnum() and not "\u3040" <= ch <= "\u9fff"  # noqa: E731 (no Han, kana)
    if spaced(words[0][0]):
        body = r"(?<!\w)" + body
    if spaced(words[-1][-1]):
        body += r"(?!\w)"
    return body


def reference_decisions(rules: list[dict], texts: list[str]) -> list[str | None]:
    """For each block, the id of the first rule (in file order) whose phrase occurs in it, or
    that is the whole block but for punctuation and spaces."""
    out = []
    for text in texts:
        folded = text.translate(_FOLD).lower()
        hit = None
        for rule in rules:
            pattern = "|".join(_reference_pattern(p) for p in rule["match"]["phrase"])
            found = re.fullmatch(rf"[\W_]*(?:{pattern})[\W_]*", folded) if rule.get("whole_block") else re.search(pattern, folded)
            if found:
                hit = rule["id"]
                break
        out.append(hit)
    return out


#: The documents' words, and pieces of them: a phrase must not match inside a longer word.
PHRASE_WORDS = [*WORDS, "news", "letter", "help", "cookie", "don", "tories", "sub"]


@st.composite
def phrase_rule_files(draw: st.DrawFn) -> list[dict]:
    phrases = st.lists(st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=2).map(" ".join), min_size=1, max_size=3)
    return [
        {"id": f"REF{i:03d}", "name": f"ref-{i}", "category": "other", "message": "m", "action": "drop_block",
         "max_words": 1000, "whole_block": draw(st.booleans()), "match": {"phrase": draw(phrases)}}
        for i in range(draw(st.integers(1, 4)))
    ]  # fmt: skip


@PROPERTY
@given(phrase_rules=phrase_rule_files(), text=plain_texts())
def test_text_and_block_paths_decide_as_the_reference(phrase_rules, text):
    """Both entry points decide, block by block, what the reference decides: a cleaner that
    drops nothing, drops the wrong block, or credits the wrong rule fails."""
    cleaner = cleaner_for(json.dumps({"languages": "*", "rules": phrase_rules}, ensure_ascii=False))
    blocks = split_text(text)
    expected = reference_decisions(phrase_rules, [b.text for b in blocks])
    assert [d.rule_id for d in cleaner.clean(text, input_format="text").decisions] == expected
    assert [d.rule_id for d in cleaner.clean_blocks(blocks, lang="any").decisions] == expected


def test_the_reference_sees_matches():
    """The property above is only as good as its reference: here it must find a match."""
    rules = [{"id": "REF000", "whole_block": False, "match": {"phrase": ["read more"]}},
             {"id": "REF001", "whole_block": True, "match": {"phrase": ["don’t"]}}]  # fmt: skip
    assert reference_decisions(rules, ["Please READ\u00a0more.", "unread more", "— Don't! —", "don't go"]) == ["REF000", None, "REF001", None]
    assert reference_decisions([{"id": "REF002", "match": {"phrase": ["news"]}}], ["newsletter", "the news."]) == [None, "REF002"]


def _seedable(rule: Rule) -> bool:
    """Rules whose remove examples must go wherever they stand in a generic page (site rules
    need their site's address, and range rules need words around them)."""
    return rule.scope.is_generic and rule.first_blocks is None and rule.last_blocks is None and (
        rule.is_dom or rule.action in ("drop_block", "strip_span"))  # fmt: skip


SEEDS = [(rule, example) for rule in BUILTIN.rules.rules if _seedable(rule) for example in rule.remove_examples]
TEXT_SEEDS = [(r, e) for r, e in SEEDS if not r.is_dom]
DOM_SEEDS = [(r, e) for r, e in SEEDS if r.is_dom]


@PROPERTY
@given(seed=st.sampled_from(TEXT_SEEDS), text=plain_texts(), where=st.integers(0, 8))
def test_seeded_clutter_is_removed_from_a_generated_document(seed, text, where):
    rule, example = seed
    body = split_text(text)
    clutter = Block(0, example.kind or (sorted(rule.kinds)[0] if rule.kinds else "paragraph"), example.text,
                    len(example.text.split()), rule.min_link_density or 0.0, tags=example.tags or rule.tags or frozenset())  # fmt: skip
    where = min(where, len(body))
    blocks = [replace(b, index=i) for i, b in enumerate(body[:where] + [clutter] + body[where:])]
    decision = BUILTIN.clean_blocks(blocks).decisions[where]
    assert decision.rule_id is not None and (not decision.kept or decision.text != example.text), (rule.id, example.text)


BODY = "<p>" + "The council met on Tuesday to discuss the new bridge over the river. " * 12 + "</p>"


@HTML_PROPERTY
@given(seed=st.sampled_from(DOM_SEEDS), nodes=st.lists(node, max_size=4), where=st.integers(0, 4))
def test_seeded_dom_clutter_is_removed_from_a_generated_page(seed, nodes, where):
    rule, example = seed
    # the generated markup without its class and role attributes, and its page-chrome tags
    # (nav, footer, aside) made divs, so that no DOM rule takes any of it: every removal is
    # then the seed's (the page text, and so the DOM guard's share, is the same either way)
    nodes = [re.sub(r"<(/?)(?:nav|footer|aside)\b", r"<\1div", re.sub(r' (?:class|role)="[^"]*"', "", n)) for n in nodes]
    where = min(where, len(nodes))
    around = [f"<html><body>{''.join(nodes[:where])}", f"{''.join(nodes[where:])}{BODY}</body></html>"]
    assert BUILTIN.clean("".join(around), input_format="html").dom_removals == ()
    assert BUILTIN.clean(example.text.join(around), input_format="html").dom_removals, (rule.id, example.text)
