"""The article-extraction benchmark's metric, so that our figures compare with published ones.

It follows the definition of the Zyte/scrapinghub article-extraction benchmark (see
``../shared/bench/README.md``): texts become ``\\w+`` tokens, tokens become 4-token shingles,
each page gets TP/FP/FN from shingle counts, normalised so that every page weighs the same, and
precision and recall are averaged over the pages where they are defined. Accuracy is the share
of pages whose token list equals the truth exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


def tokens(text: str | None) -> list[str]:
    """Every match of ``\\w+``, case kept."""
    return _TOKEN.findall(text or "")


def shingles(toks: Sequence[str], n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Counts of runs of ``n`` consecutive tokens; a shorter text is one shingle of all its
    tokens, an empty one has none."""
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class PageScore:
    """One page's TP, FP and FN as shares of their sum (all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """``None`` where the page does not count towards the precision mean (TP+FP = 0)."""
        if self.tp + self.fp == 0:
            return None
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """``None`` where the page does not count towards the recall mean (TP+FN = 0)."""
        if self.tp + self.fn == 0:
            return None
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Per-page F1, used only to say which pages got better or worse."""
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(truth: str | None, predicted: str | None) -> PageScore:
    true_toks, pred_toks = tokens(truth), tokens(predicted)
    true_sh, pred_sh = shingles(true_toks), shingles(pred_toks)
    tp = fp = fn = 0
    for key in true_sh.keys() | pred_sh.keys():
        t, p = true_sh.get(key, 0), pred_sh.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total:
        return PageScore(tp / total, fp / total, fn / total, true_toks == pred_toks)
    return PageScore(0.0, 0.0, 0.0, true_toks == pred_toks)


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def _mean(values: Iterable[float | None]) -> float:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else 0.0


def summarize(scores: Sequence[PageScore]) -> Summary:
    """Precision and recall means over the pages where each is defined; F1 of the two means."""
    p = _mean(s.precision for s in scores)
    r = _mean(s.recall for s in scores)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(p, r, f1, accuracy, len(scores))
