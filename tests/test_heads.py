"""Block heads: a whole-block rule too short for a literal (``ad``, ``ap``) is tried only on
blocks that open with one of its starts. A head that a matching block does not open with
would make the rule miss, so soundness is checked on every character the whole-block pattern
may skip, and on texts generated to match each pattern."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner.matching.expr import (
    FLAGS,
    AllOf,
    AnyOf,
    Not,
    block_heads,
    compile_phrases,
    compile_regex,
    wrap_whole,
)
from cleaner.matching.literals import derive_heads
from cleaner.matching.normalize import block_head, normalize

_EDGE = regex.compile(r"[\s\p{P}\p{S}]", FLAGS)


def test_every_character_a_whole_block_match_may_skip_is_skipped() -> None:
    # the pattern runs on normalize(text), the head is taken from fold_text(text): the two
    # must agree for every code point, those this Python's tables do not know included
    missed = [
        hex(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF
        and _EDGE.match(normalize(chr(cp)))
        and block_head(chr(cp) + "ab") != "ab"
    ]
    assert missed == []


def test_block_head_skips_mixed_runs_of_edges() -> None:
    assert block_head("  \u2022 (\u00bb Ad \u00ab)") == "ad \")"  # folded: « is a quote
    assert block_head("\u2022-\u2022 \u2605\u00a0AP/Jane") == "ap/jane"
    assert block_head("\u2022" * 100_000 + "x") == "x"
    assert block_head("\u2022\u00a0 ") == ""


def test_heads_of_short_alternatives() -> None:
    assert derive_heads(r"(?:ap|afp|getty images)(?:\s*/\s*[\w.\- ]{1,30})?") == ("afp", "ap", "getty images")
    # a head that another head starts is not needed
    assert derive_heads(r"ad|ads|advertisement|sponsored(?: content)?") == ("ad", "sponsored")
    assert derive_heads(r"x?yz") == ("xyz", "yz")
    assert derive_heads(r"(?:ab|cd)+ef") == ("ab", "cd")
    # punctuation the block opens with is not part of the head
    assert derive_heads(r"\(c\) \d{4}") == ("c) ",)


def test_no_heads_when_a_match_can_open_with_anything() -> None:
    for source in [r"\W*foo", r"\w+ ads", r"©\s*\d+", r"(?:foo|\w+)bar", r"(?:ad)?", r"[^x]ad"]:
        assert derive_heads(source) == (), source


def test_only_whole_block_expressions_have_heads() -> None:
    ad = compile_regex(r"ads?", True)
    assert block_heads(ad) == ("ad",)
    assert block_heads(compile_regex(r"ads?", False)) is None
    assert block_heads(compile_phrases(["AP", "(Reuters)"], True)) == ("ap", "reuters)")
    # any: every child needs heads; all: one child's are enough; not: none
    assert block_heads(AnyOf((ad, compile_phrases(["promo"], True)))) == ("ad", "promo")
    assert block_heads(AnyOf((ad, compile_regex(r"\w+", True)))) is None
    assert block_heads(AllOf((compile_regex(r"\w+", True), ad))) == ("ad",)
    assert block_heads(Not(ad)) is None


SOURCES = [
    r"(?:getty images|afp|ap photo|ap|reuters|pa)(?:\s*/\s*[\w.\- ]{1,30})?",
    r"(?:advertisement|advert|ad|ads|sponsored|paid (?:content|post))",
    r"(?:story|article) continues below(?: (?:this )?(?:advertisement|ad))?",
    r"\(c\) \d{4}",
    r"[\"“]?ad[\"”]?",
    r"(?:ab|cd)+ef",
    r"x?yz\d*",
]
#: Characters a block may open or close with around a whole-block match.
_EDGES = st.text(alphabet=list(" \t\u00a0\u200b([{«»\"'“”‘’—–-•|:;,.!?©®™$€_*#/\\"), max_size=4)


def _scramble(text: str, seed: int) -> str:
    return "".join(c.upper() if (i * 5 + seed) % 3 == 0 else c for i, c in enumerate(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    st.sampled_from(SOURCES).flatmap(
        lambda s: st.tuples(st.just(s), st.from_regex(s, fullmatch=True), _EDGES, _EDGES, st.integers(0, 2))
    )
)
def test_every_matching_block_opens_with_a_head(case: tuple[str, str, str, str, int]) -> None:
    source, body, before, after, seed = case
    text = before + _scramble(body, seed) + after
    assume(regex.search(wrap_whole(source), normalize(text), FLAGS))
    heads = derive_heads(source)
    assert heads, source
    assert block_head(text).startswith(heads), (source, text, heads)
