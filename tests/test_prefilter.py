"""The prefilter may only skip work, never change a decision.

Hypothesis generates documents and rule sets (phrases with quotes, odd spaces and case
variants; regexes whose literals can be derived; any/all/not; whole-block rules; guards) and
runs the plain index, which offers every rule to every block, and the automaton index, with
both the compiled and the pure-Python automaton, on them. Every decision must be the same.
"""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.matching.expr import AllOf, AnyOf, Expr, Not, compile_phrases, compile_regex
from cleaner.matching.index import AutomatonIndex, PurePythonAutomaton, RuleIndex
from cleaner.matching.normalize import normalize, word_count
from cleaner.model import KINDS, Block
from cleaner.rules.rule import Rule
from cleaner.stages.textstage import apply_text_rules

WORDS = [
    "sign", "up", "Sign Up", "SIGN", "newsletter", "News", "letter", "we're", "We\u2019re",
    "don\u2019t", "don't", "miss", "Stra\u00dfe", "STRASSE", "strasse", "\u0130stanbul",
    "istanbul", "ISTANBUL", "\u0131i", "caf\u00e9", "CAF\u00c9", "donate", "today", "\u2014",
    "-", "read", "more", "the", "x", "\u212aelvin", "kelvin", "\u017fign", "\u03c3\u03c2",
    "\u03a3", "\ufb01nd", "find", "inbox", "e-mail", "email", "(", "\u00ab", "ad", "Ads",
]
GAPS = [" ", " ", " ", "  ", "\u00a0", "\t", "\n", "\u200b", "\x85", "\x1c", "", ", ", ": "]

words = st.sampled_from(WORDS)
gaps = st.sampled_from(GAPS)


@st.composite
def texts(draw: st.DrawFn, max_words: int = 8) -> str:
    parts = draw(st.lists(st.tuples(words, gaps), min_size=1, max_size=max_words))
    return "".join(w + g for w, g in parts).strip(" ") or "x"


@st.composite
def regex_sources(draw: st.DrawFn) -> str:
    piece = st.one_of(
        words.map(regex.escape),
        st.lists(words.map(regex.escape), min_size=2, max_size=3).map(lambda ws: "(?:" + "|".join(ws) + ")"),
        words.map(lambda w: "(?:" + regex.escape(w) + " )?"),
        st.sampled_from([r"\s+", r"\s", " ", r"\b", r"^\W*", r"\W*$", r"\w+", r"(?:\w+ ){0,2}", "[\u2019']", "s?", ".", "[a-c]", r"\d*",
                         r"(?-i:\p{Lu})", r"[\p{L}@]", r"[^\p{Ll}]*", "[:|]"]),
    )
    pieces = draw(st.lists(piece, min_size=1, max_size=5))
    source = "".join(pieces)
    if draw(st.booleans()):
        source += "|" + "".join(draw(st.lists(piece, min_size=1, max_size=3)))
    return source


@st.composite
def leaves(draw: st.DrawFn, whole: bool) -> Expr:
    if draw(st.booleans()):
        return compile_phrases(draw(st.lists(texts(max_words=3), min_size=1, max_size=3)), whole)
    return compile_regex(draw(regex_sources()), whole)


@st.composite
def expressions(draw: st.DrawFn, whole: bool, depth: int = 0) -> Expr:
    if depth >= 2 or draw(st.integers(0, 2)) == 0:
        return draw(leaves(whole))
    kind = draw(st.sampled_from(["any", "all", "all-not"]))
    kids = tuple(draw(st.lists(expressions(whole, depth + 1), min_size=1, max_size=3)))
    if kind == "any":
        return AnyOf(kids)
    if kind == "all":
        return AllOf(kids)
    return AllOf(kids + (Not(draw(leaves(whole))),))


@st.composite
def rules(draw: st.DrawFn, index: int) -> Rule:
    whole = draw(st.booleans())
    optional_int = st.one_of(st.none(), st.integers(1, 12))
    return Rule(
        id=f"T{index:03d}",
        name=f"rule-{index}",
        category="other",
        message="generated",
        action=draw(st.sampled_from(["drop_block", "drop_block", "strip_span", "drop_from_here", "drop_up_to_here"])),
        path="generated.yaml",
        line=index + 1,
        expr=draw(expressions(whole)),
        whole_block=whole,
        max_words=draw(optional_int),
        min_words=draw(st.one_of(st.none(), st.integers(1, 3))),
        first_blocks=draw(optional_int),
        last_blocks=draw(optional_int),
        kinds=draw(st.one_of(st.none(), st.sets(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3).map(frozenset))),
        min_words_before=draw(st.one_of(st.none(), st.integers(0, 5))),
        min_words_after=draw(st.one_of(st.none(), st.integers(0, 5))),
    )


@st.composite
def documents(draw: st.DrawFn) -> list[Block]:
    bodies = draw(st.lists(texts(), min_size=1, max_size=8))
    return [
        Block(i, draw(st.sampled_from(sorted(KINDS))), body, word_count(body), draw(st.sampled_from([0.0, 0.5, 1.0])))
        for i, body in enumerate(bodies)
    ]


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Rule]:
    return [draw(rules(i)) for i in range(draw(st.integers(1, 8)))]


class _PurePython(PurePythonAutomaton):
    pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), rule_sets())
def test_automaton_index_decides_exactly_like_the_plain_index(blocks: list[Block], ruleset: list[Rule]) -> None:
    plain = apply_text_rules(blocks, RuleIndex(ruleset), None)
    assert apply_text_rules(blocks, AutomatonIndex(ruleset), None) == plain
    assert apply_text_rules(blocks, AutomatonIndex(ruleset, _PurePython), None) == plain


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), rule_sets())
def test_every_rule_that_matches_a_block_is_a_candidate(blocks: list[Block], ruleset: list[Rule]) -> None:
    texts = [b.text for b in blocks]
    for index in (AutomatonIndex(ruleset), AutomatonIndex(ruleset, _PurePython)):
        candidates = index.candidates(texts)
        for b, text in enumerate(texts):
            for r, rule in enumerate(ruleset):
                if rule.find(normalize(text), None) is not None:
                    assert r in candidates[b], (rule.id, text)


def test_candidates_keep_precedence_order_and_skip_blocks_without_literals() -> None:
    ruleset = [
        Rule("A001", "a", "other", "m", "drop_block", "f", 1, expr=compile_phrases(["sign up"], False)),
        Rule("A002", "b", "other", "m", "drop_block", "f", 2, expr=compile_regex(r"^\W*$", False)),
        Rule("A003", "c", "other", "m", "drop_block", "f", 3, expr=compile_phrases(["newsletter", "sign"], False)),
    ]
    index = AutomatonIndex(ruleset)
    assert index.unfiltered == (1,)
    found = index.candidates(["Please SIGN\u00a0up for the newsletter", "nothing here"])
    assert list(found[0]) == [0, 1, 2]
    assert list(found[1]) == [1]


def test_falls_back_to_the_pure_python_automaton_without_the_compiled_one(monkeypatch) -> None:
    import sys

    from cleaner.matching.index import build_matcher

    monkeypatch.setitem(sys.modules, "ahocorasick_rs", None)  # import now raises ImportError
    matcher = build_matcher(["sign up", "up for", "newsletter"])
    assert isinstance(matcher, PurePythonAutomaton)
    hits = matcher.find_matches_as_indexes("please sign up for the newsletter", overlapping=True)
    assert sorted((i, a, b) for i, a, b in hits) == [(0, 7, 14), (1, 12, 18), (2, 23, 33)]
