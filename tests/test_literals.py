"""Derived literals: what a regex cannot match without. A literal that is not really required
makes the prefilter skip a rule that would fire, so soundness is checked on texts generated
to match each regex, with their case scrambled (rules match case-insensitively)."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner.matching.expr import (
    FLAGS,
    AllOf,
    AnyOf,
    Not,
    compile_phrases,
    compile_regex,
    required_literals,
)
from cleaner.matching.literals import derive_literals
from cleaner.matching.normalize import fold_text, normalize

SOURCES = [
    r"^\W*(?:sign up|subscribe) (?:for|to) (?:our|the) (?:\w+ ){0,3}(?:newsletters?|e-?mails?)\b",
    r"\b(?:recurring|one-time|monthly) (?:donation|gift)s?\b|\bdonation of any (?:amount|size)\b",
    r"\byou(?:'re| are)? (?:helping|help|can help|support)\b",
    r"colou?r(?:ed)? scheme",
    r"(?:was|did) this\s+(?:help|answer your question)",
    r"(?i)read\s*more:",
    r"don[’']t miss",
    r"(?:ab){2}c[xyz]",
    r"(?=\w)news(?!paper)letter",
    r"a+bcd",
    r"abc(?:yes|no)*xyz",
    r"\bsign\s*up\s+now",
    r"(?:\d+\s+){1,3}by [A-Z]\w+",  # a space at the literal's edge
    r"\s+daily\s+newsletter",
]


def _case_variants(text: str, seed: int) -> str:
    return "".join(c.upper() if (i * 7 + seed) % 3 == 0 else c for i, c in enumerate(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(SOURCES).flatmap(lambda s: st.tuples(st.just(s), st.from_regex(s), st.integers(0, 2))))
def test_every_match_contains_a_derived_literal(case: tuple[str, str, int]) -> None:
    source, text, seed = case
    text = _case_variants(text, seed)
    assume(regex.search(source, normalize(text), FLAGS))
    literals = derive_literals(source)
    assert literals, source
    folded = fold_text(text)  # what the prefilter scans
    assert any(lit in folded for lit in literals), (source, text, literals)


def test_alternatives_are_glued_to_their_neighbours() -> None:
    assert set(derive_literals(r"\b(?:sign up|subscribe) (?:for|to)\b")) == {
        "sign up for", "sign up to", "subscribe for", "subscribe to"
    }
    # an optional piece either appears or not; "newsletter" is enough for both
    assert derive_literals(r"newsletters?") == ("newsletter",)
    # a space every match has at the edge is kept: the block has one there too
    assert derive_literals(r"\s+daily\s+newsletter") == (" daily newsletter",)
    assert derive_literals(r"^\W*(?:\d+\s+){1,3}by (?-i:\p{Lu})") == ("by ",)


def test_no_literal_when_the_regex_can_match_without_one() -> None:
    for source in [r"^\W*$", r"\w+ \w+", r"(?:newsletter)?", r"ab|c", r"news|\d+", r"(?:xyz){0,3}", r"[^abc]+"]:
        assert derive_literals(source) == (), source


def test_syntax_the_re_parser_reads_differently_gives_no_literal() -> None:
    # fuzzy matching, POSIX classes and version flags belong to `regex`
    for source in [r"(?:newsletter){e<=1}", r"[[:alpha:]]newsletter", r"(?f)newsletter"]:
        assert regex.compile(source, FLAGS)
        assert derive_literals(source) == (), source


def test_unicode_properties_are_unknown_characters_around_the_literal() -> None:
    cases = {
        r"\p{L}newsletter": "Xnewsletter",
        r"reporting by (?-i:\p{Lu})": "Reporting by Ann",
        r"[\p{Lu}@]\w+ on twitter": "@ann on Twitter",
        r"^(?-i:[^\p{Ll}]*\p{Lu})xyz": "ABxyz",
        r"[:|>]\s*more": "| more",
    }
    for source, text in cases.items():
        assert regex.search(source, normalize(text), FLAGS), source
        literals = derive_literals(source)
        assert literals, source
        assert any(lit in fold_text(text) for lit in literals), (source, literals)
        # a property is never part of a literal, inside or outside brackets
        assert not any("p{" in lit or "lu" == lit for lit in literals), literals
    # an escaped backslash before "p" is a backslash and a "p", not a property
    assert derive_literals(r"a\\pbc") == ("a\\pbc",)


def test_required_literals_combine_expressions() -> None:
    sign = compile_phrases(["sign up"], False)
    news = compile_regex(r"\bnewsletters?\b", False)
    vague = compile_regex(r"^\W*\w+$", False)
    # of two required literals, the one of several words is the rarer
    assert required_literals(AllOf((sign, news))) == ["sign up"]
    assert sorted(required_literals(AnyOf((sign, news))) or []) == ["newsletter", "sign up"]
    assert required_literals(AnyOf((sign, vague))) is None
    assert required_literals(AllOf((vague, Not(news)))) is None
    # a declared literal wins over the derived one
    assert required_literals(compile_regex(r"\w+ly yours", False, ("sincerely",))) == ["sincerely"]


def test_short_literals_are_not_worth_filtering_on() -> None:
    assert required_literals(compile_phrases(["ok", "no"], False)) is None
    assert required_literals(compile_phrases(["ok", "not now"], False)) is None
