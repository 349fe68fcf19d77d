"""What the text stage offers a block: the memo of rules by block kind, tags and links.

``RuleIndex.admitted`` remembers, per offered rules, kind, tags and link density, which rules
pass those guards. A memo keyed on too little would hand one block the rules of another; these tests
run one index over many blocks in a row, so every answer after the first comes from it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.matching.expr import compile_phrases
from cleaner.matching.index import RuleIndex
from cleaner.model import KINDS, TAGS, Block
from cleaner.rules.rule import Rule

TAG_NAMES = sorted(TAGS)


def _rule(
    i: int,
    kinds: frozenset[str] | None,
    tags: frozenset[str] | None,
    low: int | None,
    high: int | None,
    min_links: float | None = None,
    max_links: float | None = None,
) -> Rule:
    expr = compile_phrases(["sign up"], False)
    return Rule(f"T{i:03d}", f"t{i}", "other", "m", "drop_block", "t.yaml", i, expr=expr, kinds=kinds, tags=tags,
                min_words=low, max_words=high, min_link_density=min_links, max_link_density=max_links)  # fmt: skip


DENSITIES = [0.0, 0.25, 0.5, 0.8, 1.0]
rules_strategy = st.lists(
    st.tuples(
        st.none() | st.frozensets(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3),
        st.none() | st.frozensets(st.sampled_from(TAG_NAMES), min_size=1, max_size=2),
        st.none() | st.integers(0, 6),
        st.none() | st.integers(3, 12),
        st.none() | st.sampled_from(DENSITIES),
        st.none() | st.sampled_from(DENSITIES),
    ),
    min_size=1,
    max_size=8,
)
blocks_strategy = st.lists(
    st.tuples(
        st.sampled_from(sorted(KINDS)),
        st.frozensets(st.sampled_from(TAG_NAMES), max_size=3),
        st.integers(0, 15),
        # on the rules' limits and between them: the memo keys a density by its place among them
        st.sampled_from(DENSITIES) | st.floats(0.0, 1.0),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(rules_strategy, blocks_strategy, st.data())
def test_admitted_keeps_every_rule_whose_kind_tags_and_words_fit(specs, blocks, data) -> None:
    rules = [_rule(i, *spec) for i, spec in enumerate(specs)]
    index = RuleIndex(rules)
    for n, (kind, tags, words, links) in enumerate(blocks):
        block = Block(n, kind, "x " * words, words, links, tags=tags)
        offered = tuple(sorted(data.draw(st.sets(st.integers(0, len(rules) - 1)))))
        admitted = index.admitted(offered, block)
        fits = [
            r
            for r in offered
            if (rules[r].kinds is None or kind in rules[r].kinds)
            and (rules[r].tags is None or rules[r].tags <= tags)
            and (rules[r].min_link_density is None or links >= rules[r].min_link_density)
            and (rules[r].max_link_density is None or links <= rules[r].max_link_density)
            and index.word_limits[r][0] <= words <= index.word_limits[r][1]
        ]
        # every rule that fits is offered, in precedence order; nothing of another kind or tags
        assert [r for r in admitted if r in fits] == fits
        assert list(admitted) == sorted(admitted)
        for r in admitted:
            assert rules[r].kinds is None or kind in rules[r].kinds
            assert rules[r].tags is None or rules[r].tags <= tags
            assert rules[r].min_link_density is None or links >= rules[r].min_link_density


def test_one_offer_gives_different_rules_to_blocks_of_other_kinds_and_tags() -> None:
    rules = [
        _rule(0, frozenset({"heading"}), None, None, None),
        _rule(1, None, frozenset({"link_list"}), None, None),
        _rule(2, None, None, None, 3),
    ]
    index = RuleIndex(rules)
    offered = (0, 1, 2)
    heading = Block(0, "heading", "a b", 2)
    listed = Block(1, "paragraph", "a b", 2, tags=frozenset({"link_list"}))
    long_plain = Block(2, "paragraph", "a b c d e f", 6)
    assert index.admitted(offered, heading) == (0, 2)
    assert index.admitted(offered, listed) == (1, 2)
    assert index.admitted(offered, long_plain) == ()  # past the only rule's word limit
    assert index.admitted(offered, heading) == (0, 2)  # from the memo, still its own answer
    linked = _rule(3, None, None, None, None, min_links=0.8)
    index = RuleIndex([linked])
    assert index.admitted((0,), Block(0, "paragraph", "a b", 2, 1.0)) == (0,)
    assert index.admitted((0,), Block(1, "paragraph", "a b", 2, 0.5)) == ()


@settings(max_examples=200, deadline=None)
@given(rules_strategy, st.lists(st.sampled_from(DENSITIES) | st.floats(0.0, 1.0), min_size=1, max_size=20))
def test_blocks_alike_but_for_their_link_density_get_their_own_answer(specs, densities) -> None:
    # one offer, kind and tags for every block: only the density tells the memo's keys apart
    rules = [_rule(i, None, None, None, None, *spec[4:]) for i, spec in enumerate(specs)]
    index = RuleIndex(rules)
    offered = tuple(range(len(rules)))
    for n, links in enumerate(densities):
        fits = tuple(
            r
            for r in offered
            if (rules[r].min_link_density is None or links >= rules[r].min_link_density)
            and (rules[r].max_link_density is None or links <= rules[r].max_link_density)
        )
        assert index.admitted(offered, Block(n, "paragraph", "a b", 2, links)) == fits


def test_a_density_on_a_limit_is_told_from_one_past_it() -> None:
    index = RuleIndex([_rule(0, None, None, None, None, max_links=0.5), _rule(1, None, None, None, None, min_links=0.5)])
    at, past, below = (Block(n, "paragraph", "a b", 2, d) for n, d in enumerate([0.5, 0.6, 0.4]))
    assert [index.admitted((0, 1), b) for b in (at, past, below, at)] == [(0, 1), (1,), (0,), (0, 1)]
