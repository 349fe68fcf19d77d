"""The quality benchmark's parts (benchmarks/qualitylib), on cases small enough to check by hand."""

from __future__ import annotations

import subprocess
import sys

import pytest
import trafilatura
from trafilatura.settings import Extractor

from benchmarks import quality
from benchmarks.metrics import PageScore, shingles, summarize, tokens
from benchmarks.qualitylib import corpus
from benchmarks.qualitylib.corpus import Page, find_datasets
from benchmarks.qualitylib.ledger import Removal, build_ledger, in_gold
from benchmarks.qualitylib.report import lost_pages
from benchmarks.qualitylib.runner import PageRun
from benchmarks.qualitylib.systems import (
    NO_RULES,
    TRAF_AS_CLEANER,
    markup_to_text,
    trafilatura_kwargs,
)
from cleaner import Cleaner, Settings

URL = "https://example.com/news/a-new-plan"
PAGE = (
    "<html><head><title>A new plan for the old harbour</title></head><body><article>"
    "<h1>A new plan for the old harbour</h1>"
    + "".join(f"<p>The council met on day {i} and talked about the old harbour and its <a href='/x'>plan</a> again.</p>" for i in range(8))
    + "</article><div class='comments'><p>A reader wrote that the plan is far too expensive for the town.</p></div></body></html>"
)


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(favor="precision", fallback=True),
        Settings(favor="recall", include_comments=True, include_tables=False, with_metadata=False),
    ],
)
def test_trafilatura_kwargs_are_the_ones_cleaner_extracts_with(settings, monkeypatch):
    """If cleaner changes its call to trafilatura, this fails until the mapping follows."""
    calls: list[dict[str, object]] = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    # cleaner calls trafilatura's cascade itself when no metadata is asked for, with the same
    # options (tests/test_extract.py holds the two paths to the same blocks): take bare_extraction
    monkeypatch.setattr("cleaner.stages.extract._sequence", lambda: None)
    Cleaner.from_paths([], settings).clean(PAGE, URL)
    assert len(calls) == 1
    # cleaner hands trafilatura its options made once; they must be those the kwargs make
    kwargs = trafilatura_kwargs(settings, URL)
    assert calls[0]["url"] == kwargs["url"]
    made = Extractor(
        output_format="txt",
        fast=kwargs["fast"],
        precision=kwargs["favor_precision"],
        recall=kwargs["favor_recall"],
        comments=kwargs["include_comments"],
        tables=kwargs["include_tables"],
        links=kwargs["include_links"],
        with_metadata=kwargs["with_metadata"],
    )
    fields = [f for f in Extractor.__slots__ if f not in ("config", "date_params")]
    assert [getattr(calls[0]["options"], f) for f in fields] == [getattr(made, f) for f in fields]


def test_trafilatura_with_cleaners_options_reads_like_cleaner_without_rules():
    kwargs = trafilatura_kwargs(Settings(), URL)
    text = markup_to_text(trafilatura.extract(PAGE, output_format="xml", **kwargs))
    assert "[plan](" not in text and "/x" not in text  # link targets are not text
    assert tokens(text) == tokens(Cleaner.from_paths([], Settings()).clean(PAGE, URL).text)


def test_a_page_readability_cannot_read_fails_without_a_traceback_on_stderr():
    """The run records the error in its table; readability's own log would flood stderr."""
    pytest.importorskip("readability")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from benchmarks.qualitylib.systems import PEERS\n"
        "from cleaner import Settings\n"
        "bad = b'<html><head><meta charset=\"utf-8,%3csvg width=\"></head><body><p>Some text.</p></body></html>'\n"
        "try:\n    PEERS['readability'].run(bad, None, Settings())\n"
        "except Exception as exc:\n    print(type(exc).__name__, exc)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(quality.ROOT)], capture_output=True, text=True, check=True)
    assert "unknown encoding" in run.stdout and run.stderr == ""


def test_markup_to_text_breaks_lines_at_blocks_only():
    xml = '<doc title="T"><main><head>Head</head><p>one <ref target="u">two</ref>three <hi>fo</hi>ur</p><list><item>a</item><item>b</item></list></main></doc>'
    assert markup_to_text(xml) == "Head\none two three four\na\nb"
    assert tokens(markup_to_text("<div><p>foo&nbsp;bar<b>b</b>az</p><p>next</p></div>", html=True)) == ["foo", "barbaz", "next"]
    assert markup_to_text("") == ""


def test_cleaner_settings_leave_the_title_out():
    settings, line = quality.cleaner_settings()
    assert settings.title is False and line.endswith("both gold sets leave titles out")
    text = Cleaner.from_paths([quality.ROOT / "rules" / "generic"], settings).clean(PAGE, URL).text
    assert "A new plan for the old harbour" not in text and "The council met on day 0" in text


def test_removed_text_is_gold_when_most_of_its_shingles_are():
    gold = shingles(tokens("the council met on monday and talked about the old harbour"))
    assert in_gold("the council met on monday and talked", gold)
    assert not in_gold("the council met on monday to sign up for our newsletter today", gold)
    assert not in_gold("Subscribe", gold) and not in_gold("", gold)


def _page(corpus_name: str, page_id: str) -> Page:
    return Page(corpus_name, page_id, "", "gold", b"", "en")


def _run(page: Page, score: PageScore, removals=(), without=None, **others: PageScore) -> PageRun:
    return PageRun(page.corpus, page.id, {}, {}, {"cleaner": score, **others}, removals=list(removals), without=without or {})


def test_ledger_counts_removals_and_recomputes_only_the_pages_where_a_rule_fired():
    good, fair, poor = PageScore(0.9, 0.05, 0.05, False), PageScore(0.8, 0.1, 0.1, False), PageScore(0.5, 0.25, 0.25, False)
    pages = [_page("a", "a1"), _page("a", "a2"), _page("b", "b1")]
    runs = [
        _run(pages[0], good, [Removal("R1", False, True), Removal("R1", False, False), Removal("D1", True, False)],
             {"R1": fair, "D1": good}),
        _run(pages[1], fair),
        _run(pages[2], good, [Removal("R2", False, True), Removal("R2", False, True), Removal("R2", False, False)], {"R2": poor}),
    ]
    rows = {row.rule_id: row for row in build_ledger(pages, runs)}
    r1, r2, d1 = rows["R1"], rows["R2"], rows["D1"]
    assert (r1.pages, r1.removed, r1.gold, r1.dom, r1.flagged) == (1, 2, 1, False, False)  # as much gold as clutter
    assert r1.delta["a"] == pytest.approx(summarize([good, fair]).f1 - summarize([fair, fair]).f1)
    assert r1.delta["a"] > 0 and r1.delta["b"] is None
    assert (r2.removed, r2.gold, r2.flagged) == (3, 2, True)
    assert r2.delta["b"] == pytest.approx(summarize([good]).f1 - summarize([poor]).f1) and r2.delta["a"] is None
    assert d1.dom and d1.delta["a"] == 0.0
    assert [row.rule_id for row in build_ledger(pages, runs)] == ["R2", "R1", "D1"]  # most removals first


def test_ledger_without_recleaning_has_no_f1_effect():
    page = _page("a", "a1")
    rows = build_ledger([page], [_run(page, PageScore(1, 0, 0, True), [Removal("R1", False, False)])])
    assert rows[0].delta == {"a": None} and rows[0].removed == 1


def test_a_page_is_lost_when_cleaner_without_rules_keeps_less_gold_than_trafilatura():
    def recall(r: float) -> PageScore:
        return PageScore(r, 0.0, 1 - r, False)

    pages = [_page("a", "lost"), _page("a", "close"), _page("a", "empty")]
    runs = [
        _run(pages[0], recall(0.9), **{NO_RULES: recall(0.90), TRAF_AS_CLEANER.key: recall(0.93)}),
        _run(pages[1], recall(0.9), **{NO_RULES: recall(0.92), TRAF_AS_CLEANER.key: recall(0.93)}),
        _run(pages[2], recall(0.9), **{NO_RULES: PageScore(0, 0, 0, True), TRAF_AS_CLEANER.key: recall(0.93)}),
    ]
    lost = lost_pages(pages, runs)
    assert [(item.page.id, item.ours, item.theirs) for item in lost] == [("lost", 0.9, 0.93)]


def test_page_language_is_the_gold_texts_by_py3langid_else_the_declared_one(monkeypatch):
    german = "Der Gemeinderat hat am Montag beschlossen, die alte Brücke über den Fluss bis zum Sommer zu erneuern."
    html = b'<!doctype html><html class="x" lang="fr-FR"><body></body></html>'
    if corpus._langid is not None:
        assert corpus.page_language(german, html) == "de"
        assert corpus.page_language("  ", html) == "und"
    monkeypatch.setattr(corpus, "_langid", None)
    assert corpus.page_language(german, html) == "fr"
    assert corpus.page_language(german, b"<html><body></body></html>") == "und"


def test_datasets_are_the_folders_with_a_ground_truth(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "ground-truth.json").write_text("{}")
    (tmp_path / "a-notes").mkdir()
    assert find_datasets(tmp_path) == [tmp_path / "b"]
    with pytest.raises(SystemExit, match="^quality: no dataset"):
        find_datasets(tmp_path / "a-notes")
