"""Context tags, and rules that act on them."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.model import Block
from cleaner.rules.sources import RuleSource
from cleaner.stages.features import annotate, tag_lead_headings, tag_link_lists


def block(i: int, text: str, kind: str = "paragraph", density: float = 0.0) -> Block:
    return Block(i, kind, text, len(text.split()), density)


def test_lead_headings_are_tagged_until_the_first_paragraph():
    blocks = [block(0, "Title", "heading"), block(1, "Standfirst here", "heading"), block(2, "Body."), block(3, "Sub", "heading")]
    tags = [b.tags for b in tag_lead_headings(blocks)]
    assert tags == [{"lead_heading"}, {"lead_heading"}, set(), set()]


def test_a_body_of_headings_only_is_not_tagged():
    blocks = [block(0, "A", "heading"), block(1, "B", "heading")]
    assert all(not b.tags for b in tag_lead_headings(blocks))


def test_link_runs_inside_need_three_at_the_edges_two():
    body = [block(i, f"Body sentence number {i} here.") for i in range(3)]
    links = [block(0, f"Other story {k}", density=1.0) for k in range(2)]
    inside = body[:2] + links + body[2:]
    assert not any(b.tags for b in tag_link_lists(inside))
    at_end = body + links
    assert [bool(b.tags) for b in tag_link_lists(at_end)] == [False] * 3 + [True] * 2
    lone = body + links[:1]
    assert not any(b.tags for b in tag_link_lists(lone))


def test_annotate_never_changes_text():
    blocks = [block(0, "Title", "heading"), block(1, "Body."), block(2, "x y", density=1.0), block(3, "z", density=1.0)]
    assert [b.text for b in annotate(blocks)] == [b.text for b in blocks]


def test_rule_on_tags_alone():
    rules = """
rules:
  - id: TS100
    name: lead
    category: title
    message: lead heading
    tags: [lead_heading]
"""
    cleaner = Cleaner([RuleSource("t.yaml", rules)])
    blocks = tag_lead_headings([block(0, "Title", "heading"), block(1, "Body text."), block(2, "Title", "heading")])
    result = cleaner.clean_blocks(blocks, lang="any")
    assert [d.rule_id for d in result.decisions] == ["TS100", None, None]


def _tagged(blocks: list[Block]) -> list[tuple[str, set[str]]]:
    return [(b.text, set(b.tags)) for b in blocks]


def test_title_and_header_lines_opening_a_block_are_split_off_and_tagged():
    body = "Earlier this month, the council approved the plan after a long debate about its cost."
    opening = block(0, f"A new plan for the old harbour\nby Jane Roe\nMonday, March 1, 2021\n{body}")
    out = annotate([opening], "A New Plan for the Old Harbour | The Example Times")
    assert _tagged(out) == [
        ("A new plan for the old harbour\nby Jane Roe\nMonday, March 1, 2021", {"title_repeat"}),
        (body, set()),
    ]
    assert [b.index for b in out] == [0, 1] and out[1].words == len(body.split())


def test_url_line_and_section_label_before_the_title_go_with_it():
    blocks = [block(0, "https://example.com/news/dog-found"), block(1, "Dog found in the park", "heading"), block(2, "A dog was found.")]
    assert [t for _, t in _tagged(annotate(blocks, "Dog found in the park"))] == [{"title_repeat"}, {"title_repeat"}, set()]
    review = [block(0, "Review"), block(1, "The new laptop: worth the wait", "heading"), block(2, "Welcome to the new laptop.")]
    assert [t for _, t in _tagged(annotate(review, "The new laptop: worth the wait"))] == [{"title_repeat"}, {"title_repeat"}, set()]


def test_body_that_does_not_open_with_the_title_is_untouched():
    blocks = [block(0, "A dog was found in the park, officials said."), block(1, "Dog found in the park")]
    assert all(not b.tags for b in annotate(blocks, "Dog found in the park"))


def test_link_runs_after_the_title_count_as_the_body_edge():
    blocks = [block(0, "Title", "heading"), block(1, "Other story", density=1.0), block(2, "Another story", density=1.0), block(3, "Body text here.")]
    assert [t for _, t in _tagged(annotate(blocks))] == [{"lead_heading"}, {"link_list"}, {"link_list"}, set()]


def test_tagged_page_comes_out_like_the_original_when_the_rules_are_off():
    page = (
        "<html><head><title>Dog found in the park | Example</title></head><body><article>"
        "<h1>Dog found in the park</h1><p>A dog was found in the park on Monday by a jogger who called the police at once.</p>"
        "<p>Officials said the dog was healthy and would be returned to its owner soon after the checks.</p>"
        "</article></body></html>"
    )
    from cleaner import Settings

    trimmed = Cleaner.default().clean(page)
    kept = Cleaner.default(Settings(disable=("TT001", "TT002"))).clean(page)
    assert not trimmed.text.startswith("Dog found") and kept.text.startswith("Dog found in the park\n\n")
    assert {d.rule_id for d in trimmed.removed} >= {"TT001"} or {d.rule_id for d in trimmed.removed} >= {"TT002"}
