"""Context tags, and rules that act on them."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.features import annotate, tag_lead_headings, tag_link_lists
from cleaner.model import Block
from cleaner.sources import RuleSource


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
