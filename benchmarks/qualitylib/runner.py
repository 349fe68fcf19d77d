"""Every system on every page, in worker processes, and the re-cleaning the ledger needs.

A worker builds its cleaners once (:func:`_init`), then :func:`run_page` returns, per page,
each system's text, time and score, what cleaner's rules removed, and (for the ledger)
cleaner's score on the page with each rule that fired there disabled, one rule at a time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.metrics import PageScore, score_page, shingles, tokens
from cleaner import Cleaner, Result, Settings

from .corpus import Page
from .ledger import Removal, in_gold
from .systems import CLEANER, CLEANER_FALLBACK, NO_RULES, PEERS, TRAF_AS_CLEANER


@dataclass(frozen=True)
class RunConfig:
    settings: Settings
    rule_paths: tuple[Path, ...]
    #: Keys of :data:`~.systems.PEERS` to run, and possibly ``cleaner-fallback``.
    systems: tuple[str, ...]
    ledger: bool = True


@dataclass
class PageRun:
    corpus: str
    id: str
    outputs: dict[str, str]
    #: Time each system took on the page (cleaner: decoding, DOM rules, extraction, text rules).
    seconds: dict[str, float]
    scores: dict[str, PageScore]
    #: Systems that failed on the page (their output counts as empty), with the error.
    errors: dict[str, str] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    #: cleaner's score on this page with one rule disabled, for each rule that fired here.
    without: dict[str, PageScore] = field(default_factory=dict)
    #: Time the re-cleaning for the ledger took.
    ledger_seconds: float = 0.0


class _Worker:
    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.cleaner = Cleaner.from_paths(list(config.rule_paths), config.settings)
        self.no_rules = Cleaner.from_paths([], config.settings)
        self.fallback = self.cleaner.with_settings(fallback=True) if CLEANER_FALLBACK in config.systems else None
        self._without: dict[str, Cleaner] = {}

    def without(self, rule_id: str) -> Cleaner:
        """The scored cleaner with one more rule disabled (built once per worker)."""
        if rule_id not in self._without:
            disable = (*self.config.settings.disable, rule_id)
            self._without[rule_id] = self.cleaner.with_settings(disable=disable)
        return self._without[rule_id]


_WORKER: _Worker | None = None


#: A page every system is run on once, before timing, so that no page pays for their imports
#: and first-use setup.
_WARM_UP = Page("", "", "https://example.com/warm-up", "", (
    "<html><head><title>Warm-up</title></head><body><article>"
    + "".join(f"<p>Paragraph {i} of a page that every system reads once before the timed pages.</p>" for i in range(8))
    + "</article></body></html>"
).encode(), "und")


def _init(config: RunConfig) -> None:
    global _WORKER
    _WORKER = _Worker(config)
    run_page(_WARM_UP)


def run_page(page: Page) -> PageRun:
    worker = _WORKER
    assert worker is not None, "run_page needs _init first"
    settings = worker.config.settings
    url = page.url or None
    outputs: dict[str, str] = {}
    seconds: dict[str, float] = {}
    errors: dict[str, str] = {}

    def timed(key: str, run: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        try:
            value = run()
        except Exception as exc:  # noqa: BLE001 -- one system failing on one page must not stop the run
            value = None
            errors[key] = f"{type(exc).__name__}: {exc}"[:200]
        seconds[key] = time.perf_counter() - start
        return value

    result: Result | None = timed(CLEANER, lambda: worker.cleaner.clean(page.html, url))
    outputs[CLEANER] = result.text if result is not None else ""
    no_rules = timed(NO_RULES, lambda: worker.no_rules.clean(page.html, url))
    outputs[NO_RULES] = no_rules.text if no_rules is not None else ""
    if worker.fallback is not None:
        fallback = timed(CLEANER_FALLBACK, lambda: worker.fallback.clean(page.html, url))  # type: ignore[union-attr]
        outputs[CLEANER_FALLBACK] = fallback.text if fallback is not None else ""
    for peer in (TRAF_AS_CLEANER, *(PEERS[k] for k in worker.config.systems if k in PEERS)):
        outputs[peer.key] = timed(peer.key, lambda: peer.run(page.html, url, settings)) or ""  # noqa: B023
    run = PageRun(page.corpus, page.id, outputs, seconds, {k: score_page(page.truth, v) for k, v in outputs.items()}, errors)
    if result is not None:
        run.removals = removals(result, page.truth)
        if worker.config.ledger:
            start = time.perf_counter()
            run.without = _without_each_rule(worker, result, run.removals, page)
            run.ledger_seconds = time.perf_counter() - start
    return run


def removals(result: Result, truth: str) -> list[Removal]:
    """Every block (text rules) and element (DOM rules) removed, and whether it was gold."""
    truth_shingles = shingles(tokens(truth))
    out = [Removal(r["rule"], False, in_gold(r["text"], truth_shingles)) for r in result.removed_summary()]
    out += [Removal(d.rule_id, True, in_gold(d.snippet, truth_shingles)) for d in result.dom_removals]
    return out


def _without_each_rule(worker: _Worker, result: Result, removed: list[Removal], page: Page) -> dict[str, PageScore]:
    """cleaner's score on the page with each rule that fired on it disabled.

    A text rule cannot change what the DOM stage and trafilatura did, so without one the
    page's extracted blocks are only re-cleaned (``Cleaner.clean_blocks``), provided that doing
    so with every rule on gives back the page's text; a DOM rule means cleaning the page anew.
    """
    fired = {r.rule_id: r.dom for r in removed}
    if not fired:
        return {}
    url, lang = page.url or None, result.metadata.language
    reuse = worker.cleaner.clean_blocks(result.blocks, url, lang).text == result.text
    out = {}
    for rule_id, dom in fired.items():
        cleaner = worker.without(rule_id)
        try:
            text = cleaner.clean_blocks(result.blocks, url, lang).text if reuse and not dom else cleaner.clean(page.html, url).text
        except Exception:  # noqa: BLE001 -- counted as the page's text lost, as for the systems
            text = ""
        out[rule_id] = score_page(page.truth, text)
    return out


def run_all(pages: Sequence[Page], config: RunConfig, jobs: int) -> list[PageRun]:
    """Every page run, in the order given, in ``jobs`` worker processes (in this one if 1)."""
    progress = _Progress(len(pages))
    if jobs <= 1:
        _init(config)
        return [progress.step(run_page(p)) for p in pages]
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(config,)) as pool:
        return [progress.step(run) for run in pool.map(run_page, pages, chunksize=1)]


class _Progress:
    """A page count on stderr, when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.show = sys.stderr.isatty()

    def step(self, run: PageRun) -> PageRun:
        self.done += 1
        if self.show:
            end = "\n" if self.done == self.total else ""
            print(f"\rquality: {self.done}/{self.total} pages", end=end, file=sys.stderr, flush=True)
        return run
