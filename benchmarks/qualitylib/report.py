"""The benchmark's printed report: tables per corpus and per language, page lists, diffs."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.metrics import summarize, tokens

from .corpus import Page
from .runner import PageRun
from .systems import CLEANER, LABELS, NO_RULES, TRAF_AS_CLEANER

Out = Callable[[str], None]
#: How much less gold text cleaner without rules may keep than trafilatura with its options.
LOST_MARGIN = 0.02


def print_corpus_table(corpus: str, pages: Sequence[Page], runs: Sequence[PageRun], systems: Sequence[str], out: Out) -> None:
    out(f"\n== {corpus}: {len(pages)} pages")
    out(f"{'system':<31} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>8} {'ms/page':>8}")
    for key in systems:
        s = summarize([r.scores[key] for r in runs])
        ms = 1000 * sum(r.seconds[key] for r in runs) / max(1, len(runs))
        failed = [r for r in runs if key in r.errors]
        note = f"  ({len(failed)} failed: {failed[0].errors[key][:60]})" if failed else ""
        out(f"{LABELS[key][0]:<31} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f} {s.accuracy:>8.4f} {ms:>8.1f}{note}")


def print_language_table(pages: Sequence[Page], runs: Sequence[PageRun], systems: Sequence[str], out: Out) -> None:
    """F1 of each system over the pages of each language, all corpora together."""
    langs: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        langs.setdefault(page.lang, []).append(i)
    out("\n== F1 per language (all corpora)")
    out(f"{'lang':<5} {'pages':>5}" + "".join(f" {LABELS[k][1]:>9}" for k in systems))
    for lang, where in sorted(langs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        cells = "".join(f" {summarize([runs[i].scores[k] for i in where]).f1:>9.4f}" for k in systems)
        out(f"{lang:<5} {len(where):>5}{cells}")


@dataclass(frozen=True)
class Change:
    page: Page
    ours: float
    theirs: float


def changes(pages: Sequence[Page], runs: Sequence[PageRun], against: str) -> tuple[list[Change], list[Change]]:
    """Pages where cleaner's F1 is above, and below, ``against``'s; biggest change first."""
    better, worse = [], []
    for page, run in zip(pages, runs):
        ours, theirs = run.scores[CLEANER].f1, run.scores[against].f1
        if ours > theirs + 1e-9:
            better.append(Change(page, ours, theirs))
        elif ours < theirs - 1e-9:
            worse.append(Change(page, ours, theirs))
    key = lambda c: (-abs(c.ours - c.theirs), c.page.id)  # noqa: E731
    return sorted(better, key=key), sorted(worse, key=key)


def print_changes(pages: Sequence[Page], runs: Sequence[PageRun], against: str, out: Out) -> None:
    better, worse = changes(pages, runs, against)
    same = len(pages) - len(better) - len(worse)
    out(f"vs {LABELS[against][0]}: {len(better)} pages better, {len(worse)} worse, {same} the same (per-page F1)")
    for sign, listed in (("+", better), ("-", worse)):
        for c in listed:
            out(f"  {sign} {c.page.id}  {c.theirs:.3f} -> {c.ours:.3f}")


@dataclass(frozen=True)
class Lost:
    page: Page
    ours: float
    theirs: float


def lost_pages(pages: Sequence[Page], runs: Sequence[PageRun], margin: float = LOST_MARGIN) -> list[Lost]:
    """Pages where cleaner without rules keeps less gold text (recall) than trafilatura with
    cleaner's extraction options, by more than ``margin``."""
    lost = []
    for page, run in zip(pages, runs):
        ours, theirs = run.scores[NO_RULES].recall, run.scores[TRAF_AS_CLEANER.key].recall
        if ours is not None and theirs is not None and ours < theirs - margin:
            lost.append(Lost(page, ours, theirs))
    return lost


def print_lost(pages: Sequence[Page], runs: Sequence[PageRun], out: Out) -> None:
    lost = lost_pages(pages, runs)
    out("\n== No page lost: pages where cleaner without rules keeps less gold text than trafilatura.extract")
    out(f"with cleaner's extraction options (recall lower by more than {LOST_MARGIN})")
    if not lost:
        out(f"none, on {len(pages)} pages")
    for item in lost:
        out(f"  {item.page.corpus} {item.page.id}  recall {item.ours:.3f} vs {item.theirs:.3f}  {item.page.url}")


def token_diff(truth: str, predicted: str, context: int = 6) -> list[str]:
    """Runs of tokens missing from the prediction (-) or extra in it (+), with context."""
    t, p = tokens(truth), tokens(predicted)
    lines = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, t, p, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before = " ".join(t[max(0, a1 - context) : a1])
        if a2 > a1:
            lines.append(f"  - …{before} [{' '.join(t[a1:a2])}]")
        if b2 > b1:
            lines.append(f"  + …{before} [{' '.join(p[b1:b2])}]")
    return lines


def show_page(page: Page, run: PageRun, systems: Sequence[str], out: Out) -> None:
    """One page: every system's scores, the rules that fired, cleaner's token diff."""
    out(f"\n== {page.corpus} {page.id} ({page.lang})  {page.url}")
    for key in systems:
        s = run.scores[key]
        failed = f"  failed: {run.errors[key]}" if key in run.errors else ""
        out(f"   {LABELS[key][0]:<31} P {s.precision or 0:.3f} R {s.recall or 0:.3f} F1 {s.f1:.3f}{failed}")
    fired = ", ".join(f"{r.rule_id}{'(dom)' if r.dom else ''}{'!' if r.gold else ''}" for r in run.removals)
    out(f"   rules: {fired}   (! = removed gold text)" if fired else "   rules: none fired")
    for line in token_diff(page.truth, run.outputs[CLEANER]):
        out(line[:400])
