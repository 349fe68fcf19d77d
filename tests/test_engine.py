"""Engine behaviour: actions, guards, selection, and the promises of the API."""

from __future__ import annotations

import pickle
import threading

import pytest

from cleaner import Cleaner, RuleTimeoutError, Settings
from cleaner.rules.sources import RuleSource

BODY = "This paragraph is ordinary body text about the city council and its long budget meeting on Tuesday night."


def make(rules: str, **settings) -> Cleaner:
    return Cleaner([RuleSource("test.yaml", rules)], Settings(**settings) if settings else None)


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks)


RULES = """
version: 1
languages: [en]
rules:
  - id: TS001
    name: lone-related
    category: related
    message: related heading
    whole_block: true
    match: {phrase: related}
  - id: TS002
    name: comments-cut
    category: comments
    message: comment section starts
    action: drop_from_here
    whole_block: true
    match: {regex: '\\d+ comments'}
  - id: TS003
    name: breadcrumb-cut
    category: navigation
    message: everything before the breadcrumb end is chrome
    action: drop_up_to_here
    whole_block: true
    match: {phrase: end of navigation}
  - id: TS004
    name: credit-strip
    category: media-credit
    message: photo credit
    action: strip_span
    match: {regex: '\\(Photo: [^)]*\\)'}
"""


def test_drop_block_only_removes_the_whole_block_match():
    result = make(RULES).clean(doc(BODY, "Related", "The related cases were heard together."))
    assert [d.rule_id for d in result.decisions] == [None, "TS001", None]
    assert "Related\n" not in result.text and "related cases" in result.text
    # the decision points at what matched (reports highlight it), found once, not lost
    assert result.decisions[1].spans == ((0, len("Related")),)


def test_drop_from_here_removes_the_rest_and_names_the_trigger():
    text = doc(BODY, BODY, "12 comments", "Great article!", "I disagree.")
    result = make(RULES).clean(text)
    assert result.text == doc(BODY, BODY)
    assert [d.trigger for d in result.decisions[3:]] == [2, 2]
    assert all(d.rule_id == "TS002" for d in result.removed)


def test_drop_from_here_needs_body_before_it():
    result = make(RULES).clean(doc("12 comments", BODY, BODY))
    assert result.text.startswith("12 comments")
    assert [g.guard for g in result.guards] == ["min_words_before"]


def test_drop_up_to_here():
    result = make(RULES).clean(doc("Home", "News", "End of navigation", BODY, BODY))
    assert result.text == doc(BODY, BODY)
    assert result.decisions[0].trigger == 2


def test_strip_span_cuts_only_the_match():
    result = make(RULES).clean(doc(BODY, "The mayor spoke (Photo: John Doe/Reuters) to reporters."))
    assert result.text.endswith("The mayor spoke to reporters.")
    strip = result.decisions[1]
    assert strip.kept and strip.rule_id == "TS004" and strip.action == "strip_span"


def test_strip_span_that_leaves_only_punctuation_drops_the_block():
    result = make(RULES).clean(doc(BODY, "(Photo: John Doe/Reuters)."))
    assert result.text == BODY
    assert result.decisions[1].kept is False


def test_a_phrase_matches_whole_words_only():
    rules = """
rules:
  - {id: PH001, name: p, category: other, message: m, max_words: 10, match: {phrase: news}}
"""
    result = make(rules).clean(doc(BODY, "Our newsletter is out.", "Read the bad-news digest.", "Goodnews today.", "The news, briefly."))
    # only the last block holds "news" as a word; the others hold it inside a longer one
    assert [d.rule_id for d in result.decisions] == [None, None, "PH001", None, "PH001"]


def test_bulleted_lines_of_text_are_list_items():
    rules = """
rules:
  - {id: LI001, name: l, category: other, message: m, kinds: [list_item], match: {phrase: item}}
"""
    result = make(rules).clean("An intro line about the item.\n- first item\n• second item\n1. third item")
    # the intro line is a paragraph, so the rule on list items leaves it
    assert [d.rule_id for d in result.decisions] == [None, "LI001", "LI001", "LI001"]


def test_max_words_is_exact():
    rules = """
rules:
  - {id: MW001, name: m, category: other, message: m, max_words: 4, match: {phrase: sponsored}}
"""
    result = make(rules).clean(doc(BODY, "Sponsored by the council", "Sponsored by the city council"))
    # four words: at the limit, dropped; five: one over, kept
    assert [d.rule_id for d in result.decisions] == [None, "MW001", None]


def test_long_block_guard_stops_rules_without_max_words():
    long_text = "Related " + " ".join(["word"] * 100)
    rules = RULES.replace("whole_block: true\n    match: {phrase: related}", "match: {phrase: related}")
    result = make(rules, lang="en").clean(doc(BODY, long_text))
    assert result.decisions[1].kept
    assert result.guards and result.guards[0].guard == "long_block"


def test_language_selection():
    cleaner = make(RULES)
    german = doc("Der Rat und die Stadt haben sich nicht auf den Haushalt geeinigt, der auch für die Schulen wichtig ist.", "Related")
    assert "Related" in cleaner.clean(german).text  # en rules do not run on German
    assert "Related" not in cleaner.with_settings(lang="any").clean(german).text
    assert "Related" not in cleaner.with_settings(lang="en").clean(german).text


def test_site_scope_and_disable():
    site = """
version: 1
sites: [example.com, ~blog.example.com]
disable: [TS001]
rules:
  - id: EX001
    name: site-footer
    category: legal
    message: site footer
    whole_block: true
    match: {phrase: example footer}
"""
    cleaner = Cleaner([RuleSource("test.yaml", RULES), RuleSource("example.yaml", site)])
    text = doc(BODY, "Related", "Example footer")
    on_site = cleaner.clean(text, url="https://www.news.example.com/a/b")
    assert on_site.text == doc(BODY, "Related")  # TS001 disabled here, EX001 active
    off_site = cleaner.clean(text, url="https://other.org/")
    assert off_site.text == doc(BODY, "Example footer")
    excluded = cleaner.clean(text, url="https://blog.example.com/x")
    assert excluded.text == doc(BODY, "Example footer")


def test_kept_plus_removed_is_all_blocks(default_cleaner):
    result = default_cleaner.clean(doc(BODY, "Recommended", BODY, "Was this article helpful?"))
    assert len(result.kept) + len(result.removed) == len(result.blocks) == 4
    # which blocks went, and on whose account: a cleaner that removes nothing fails here
    assert [(d.kept, d.rule_id) for d in result.decisions] == [(True, None), (False, "RL001"), (True, None), (False, "FB001")]
    assert result.text == doc(BODY, BODY)


def test_pickle_round_trip_keeps_behaviour(default_cleaner):
    clone = pickle.loads(pickle.dumps(default_cleaner))
    text = doc(BODY, "Recommended", BODY, "Was this article helpful?")
    assert clone.clean(text).text == default_cleaner.clean(text).text == doc(BODY, BODY)
    assert clone.settings == default_cleaner.settings
    assert len(clone.rules) == len(default_cleaner.rules)


def test_thread_safety(default_cleaner):
    texts = [doc(BODY + f" {i}", "Recommended", "We're sorry to hear that.") for i in range(40)]
    # written out, not computed by the cleaner under test: each thread must give the body alone
    expected = [BODY + f" {i}" for i in range(40)]
    results: list[str | None] = [None] * len(texts)

    def work(k: int) -> None:
        for i in range(k, len(texts), 4):
            results[i] = default_cleaner.clean(texts[i]).text

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def test_catastrophic_regex_times_out_with_the_rule_named():
    rules = """
rules:
  - id: BAD001
    name: catastrophic
    category: other
    message: slow
    max_words: 1000
    match: {regex: '(a|aa)+$'}
"""
    cleaner = make(rules, regex_timeout=0.2)
    with pytest.raises(RuleTimeoutError, match="BAD001"):
        cleaner.clean("a" * 40 + "!")


def test_builtin_switch_and_extra_rules(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(RULES)
    both = Cleaner.default(extra=[extra])
    only = Cleaner.from_paths([extra])
    assert len(both.rules) > len(only.rules) == 4
    assert Cleaner.from_paths([extra], include_builtin=True).rules.by_id.keys() == both.rules.by_id.keys()


DATED_PAGE = (
    "<html><head><title>Harbour plan approved</title><meta name='author' content='Jane Roe'>"
    "<meta property='article:published_time' content='2024-03-01T10:00:00Z'></head><body><article>"
    "<h1>Harbour plan approved</h1>"
    + "<p>The council approved the harbour plan on Monday after a debate that ran late into the night.</p>" * 4
    + "</article></body></html>"
)


def test_metadata_is_extracted_only_when_asked_for():
    """Text output never shows trafilatura's metadata, so by default it is not paid for; the
    address and the language are there either way, the cheap title when --no-title needs it."""
    plain = Cleaner.default().clean(DATED_PAGE, url="https://example.com/a")
    assert (plain.metadata.author, plain.metadata.date, plain.metadata.title) == (None, None, None)
    assert plain.metadata.url == "https://example.com/a" and plain.metadata.language == "en"
    no_title = Cleaner.default(Settings(title=False)).clean(DATED_PAGE, url="https://example.com/a")
    assert no_title.metadata.title == "Harbour plan approved" and no_title.metadata.author is None
    full = Cleaner.default(Settings(with_metadata=True)).clean(DATED_PAGE, url="https://example.com/a")
    assert full.metadata.author == "Jane Roe" and full.metadata.date == "2024-03-01"
    assert full.text == plain.text


def test_the_language_is_detected_only_when_rules_or_the_output_need_it(monkeypatch):
    import cleaner.stages.lang as lang

    calls = []
    real = lang.language_probabilities
    monkeypatch.setattr(lang, "language_probabilities", lambda text: calls.append(text) or real(text))
    text = "Der Rat hat die Pläne am Montag nicht gebilligt, sagte der Bürgermeister der Stadt. " * 4
    rules = "languages: '*'\nrules:\n  - {id: GEN001, name: n, category: other, message: m, match: {phrase: subscribe}}\n"
    neutral = Cleaner([RuleSource("n.yaml", rules)])
    assert neutral.clean_text(text).metadata.language is None and not calls
    assert Cleaner.default().clean_text(text).metadata.language == "de" and calls
