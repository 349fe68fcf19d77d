"""Context tags, and rules that act on them."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.model import Block
from cleaner.rules.sources import RuleSource
from cleaner.stages.features import annotate, tag_link_lists


def block(i: int, text: str, kind: str = "paragraph", density: float = 0.0) -> Block:
    return Block(i, kind, text, len(text.split()), density)


def test_link_runs_inside_need_three_at_the_edges_two():
    body = [block(i, f"Body sentence number {i} here.") for i in range(3)]
    links = [block(0, f"Other story {k}", density=0.8) for k in range(2)]
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
    name: title
    category: title
    message: title line
    tags: [page_title]
"""
    cleaner = Cleaner([RuleSource("t.yaml", rules)])
    blocks = annotate([block(0, "Title of it", "heading"), block(1, "Body text."), block(2, "Title of it", "heading")], ["Title of it"], tag_title=True)
    result = cleaner.clean_blocks(blocks, lang="any")
    assert [d.rule_id for d in result.decisions] == ["TS100", None, None]


def _tagged(blocks: list[Block]) -> list[tuple[str, set[str]]]:
    return [(b.text, set(b.tags)) for b in blocks]


def test_only_the_title_line_of_a_block_is_split_off_and_tagged():
    body = "Earlier this month, the council approved the plan after a long debate about its cost."
    opening = block(0, f"A new plan for the old harbour\nby Jane Roe\n{body}")
    out = annotate([opening], ["A New Plan for the Old Harbour | The Example Times"], tag_title=True)
    assert _tagged(out) == [
        ("A new plan for the old harbour", {"page_title"}),
        (f"by Jane Roe\n{body}", set()),
    ]
    assert [b.index for b in out] == [0, 1] and out[1].words == len(f"by Jane Roe {body}".split())
    assert out[1].sep == "\n"  # the rest reads as it did when the title line is kept


def test_a_kicker_before_the_title_stays_and_only_the_first_title_line_is_tagged():
    blocks = [block(0, "Review"), block(1, "The new laptop: worth the wait", "heading"), block(2, "The new laptop: worth the wait")]
    out = annotate(blocks, ["The New Laptop - worth the wait"], tag_title=True)
    assert [t for _, t in _tagged(out)] == [set(), {"page_title"}, set()]


def test_title_line_is_tagged_only_when_asked():
    blocks = [block(0, "Dog found in the park", "heading"), block(1, "A dog was found.")]
    assert all(not b.tags for b in annotate(blocks, ["Dog found in the park"]))


def test_headings_that_open_the_body_are_not_tagged_for_their_place():
    blocks = [block(0, "Künstlerischer Lebenslauf", "heading"), block(1, "A standfirst that is a heading", "heading"), block(2, "Body.")]
    assert all(not b.tags for b in annotate(blocks, ["Ein Maler und sein Werk"], tag_title=True))


def test_a_lone_title_part_of_one_word_is_not_the_title():
    blocks = [block(0, "News", "heading"), block(1, "Body text here.")]
    assert all(not b.tags for b in annotate(blocks, ["Dog found in the park | News"], tag_title=True))


def test_body_that_does_not_open_with_the_title_is_untouched():
    blocks = [block(0, "A dog was found in the park, officials said."), block(1, "Body"), block(2, "More"), block(3, "Dog found in the park")]
    assert all(not b.tags for b in annotate(blocks, ["Dog found in the park"], tag_title=True))


def test_link_runs_after_the_title_count_as_the_body_edge():
    blocks = [block(0, "Title of it", "heading"), block(1, "Other story", density=1.0), block(2, "Another story", density=1.0), block(3, "Body text here.")]
    tagged = annotate(blocks, ["Title of it"], tag_title=True)
    assert [t for _, t in _tagged(tagged)] == [{"page_title"}, {"link_list"}, {"link_list"}, set()]


PAGE = (
    "<html><head><title>Dog found in the park | Example</title></head><body><article>"
    "<h1>Dog found in the park</h1><p>A dog was found in the park on Monday by a jogger who called the police at once.</p>"
    "<p>Officials said the dog was healthy and would be returned to its owner soon after the checks.</p>"
    "</article></body></html>"
)


def test_the_headline_is_kept_by_default_and_only_it_goes_with_title_false():
    from cleaner import Settings

    kept = Cleaner.default().clean(PAGE)
    assert kept.text.startswith("Dog found in the park\n\nA dog was found")
    trimmed = Cleaner.default(Settings(title=False)).clean(PAGE)
    assert trimmed.text == kept.text.removeprefix("Dog found in the park\n\n")
    assert [d.rule_id for d in trimmed.removed] == ["TT001"]


def test_text_input_keeps_its_first_line_with_title_false():
    from cleaner import Settings

    text = "Dog found in the park\n\nA dog was found in the park on Monday by a jogger."
    assert Cleaner.default(Settings(title=False)).clean(text, input_format="text").text == text


def test_runs_of_mostly_linked_headlines_are_tagged_headings_included():
    body = [block(i, f"Body sentence number {i} here.") for i in range(4)]
    teasers = [block(0, f"Kicker: other story {k}", "heading", density=0.6) for k in range(3)]
    tagged = tag_link_lists(body[:2] + teasers + body[2:])
    assert [bool(b.tags) for b in tagged] == [False, False, True, True, True, False, False]
    # less than half linked: body text that cites its sources, not a list of stories
    cited = [block(0, f"As reported by the other story {k}", density=0.4) for k in range(3)]
    assert not any(b.tags for b in tag_link_lists(body[:2] + cited + body[2:]))


def test_a_long_block_that_is_nearly_all_link_text_is_tagged_alone():
    teaser = block(0, " ".join(["word"] * 40), density=0.85)
    paragraph = block(1, " ".join(["word"] * 40), density=0.3)
    headline = block(2, "A short linked headline", density=1.0)
    tags = [b.tags for b in annotate([teaser, paragraph, headline])]
    assert tags == [{"linked_block"}, set(), set()]


def test_a_title_line_with_a_kicker_or_the_site_name_is_the_title_line():
    title = ["Warum Putin vor einer Zerschlagung Russlands warnt"]
    kicker = [block(0, 'Angebliche "Dekolonisierung" :Warum Putin vor einer "Zerschlagung Russlands" warnt', "heading"), block(1, "Body.")]
    assert [b.tags for b in annotate(kicker, title, tag_title=True)] == [{"page_title"}, set()]
    site = [block(0, "Warum Putin vor einer Zerschlagung Russlands warnt | wdr aktuell", "heading"), block(1, "Body.")]
    assert [b.tags for b in annotate(site, title, tag_title=True)] == [{"page_title"}, set()]
    # a sentence that merely opens with the title's words goes on too long to be its line
    sentence = [block(0, "Warum Putin vor einer Zerschlagung Russlands warnt, erklärt unser Korrespondent heute in einer langen Analyse.")]
    assert not annotate(sentence, title, tag_title=True)[0].tags


def test_a_pair_of_wholly_linked_headlines_inside_the_body_is_a_list_of_stories():
    body = [block(i, f"Body sentence number {i} here.") for i in range(4)]
    pair = [block(0, f"Another story {k}", "heading", density=1.0) for k in range(2)]
    assert [bool(b.tags) for b in tag_link_lists(body[:2] + pair + body[2:])] == [False, False, True, True, False, False]
    half = [block(0, f"Kicker: another story {k}", density=0.6) for k in range(2)]
    assert not any(b.tags for b in tag_link_lists(body[:2] + half + body[2:]))
