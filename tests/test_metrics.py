"""The benchmark metric on tiny cases worked out by hand."""

from __future__ import annotations

import pytest

from benchmarks.metrics import score_page, shingles, summarize, tokens


def test_tokens_are_word_runs_with_case_kept():
    assert tokens("Don't stop—Café 3.5!") == ["Don", "t", "stop", "Café", "3", "5"]
    assert tokens(None) == []


def test_short_text_is_one_shingle_and_empty_text_none():
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}
    assert shingles(list("abcde")) == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_missing_tail_costs_recall_only():
    # truth shingles abcd, bcde; predicted abcd: TP 1, FN 1 → 1/2, 0, 1/2
    s = score_page("a b c d e", "a b c d")
    assert (s.tp, s.fp, s.fn) == (0.5, 0.0, 0.5)
    assert s.precision == 1.0 and s.recall == 0.5 and not s.exact


def test_extra_tail_costs_precision_only():
    s = score_page("a b c d", "a b c d x")
    assert s.precision == 0.5 and s.recall == 1.0


def test_repeated_shingles_are_counted():
    # truth: abcd twice, bcda, cdab, dabc (5); predicted abcd once → TP 1, FN 4
    s = score_page("a b c d a b c d", "a b c d")
    assert s.recall == pytest.approx(0.2)
    assert s.precision == 1.0


def test_empty_prediction_has_no_precision_and_zero_recall():
    s = score_page("a b c d", "")
    assert s.precision is None and s.recall == 0.0


def test_both_empty_counts_for_neither_mean_but_is_exact():
    s = score_page("", "  ")
    assert s.precision is None and s.recall is None and s.exact


def test_short_texts_that_differ_share_nothing():
    s = score_page("a b", "a b c")
    assert s.precision == 0.0 and s.recall == 0.0


def test_exact_ignores_punctuation_and_spacing_but_not_case():
    assert score_page("Hello, world!", "Hello world").exact
    assert not score_page("Hello world", "hello world").exact


def test_summary_means_over_defined_pages_and_f1_of_means():
    pages = [score_page("a b c d e", "a b c d"), score_page("a b c d", "a b c d x"), score_page("a b c d", "")]
    summary = summarize(pages)
    # precision over the first two pages only: (1 + 0.5) / 2; recall over all three: (0.5 + 1 + 0) / 3
    assert summary.precision == pytest.approx(0.75)
    assert summary.recall == pytest.approx(0.5)
    assert summary.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert summary.accuracy == 0.0 and summary.pages == 3


def test_accuracy_is_share_of_exact_pages():
    assert summarize([score_page("a b", "a b"), score_page("a b", "a c")]).accuracy == 0.5
