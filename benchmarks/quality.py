"""Extraction quality on the article-extraction benchmark: cleaner vs trafilatura alone.

    python benchmarks/quality.py [DATASET_DIR] [--jobs 2] [--worst 10] [--show-page ID]

DATASET_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` (``articleBody``, ``url``);
it defaults to ``../shared/bench/scrapinghub-dev`` next to the repository. cleaner runs with its
built-in generic rules only (no site rules), so the figures say how well the rules generalise.
All systems run on the same pages in the same run and are scored with :mod:`cleaner.metrics`.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metrics import PageScore, score_page, shingles, summarize, tokens  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.rules.sources import builtin_rules_dir  # noqa: E402
from cleaner.settings import Settings  # noqa: E402

DEFAULT_DATASET = ROOT.parent / "shared" / "bench" / "scrapinghub-dev"
CLEANER = "cleaner (generic rules)"
CLEANER_FB = "cleaner, --no-fallback"
TRAF = "trafilatura"
TRAF_NC = "trafilatura, no comments"
TRAF_FAST = "trafilatura, no comm., fast"
SYSTEMS = (CLEANER, CLEANER_FB, TRAF, TRAF_NC, TRAF_FAST)


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    truth: str
    html: bytes


@dataclass(frozen=True)
class Fired:
    """A rule that removed something, and whether what it removed was in the gold text."""

    rule_id: str
    in_truth: bool


@dataclass
class PageRun:
    id: str
    outputs: dict[str, str]
    #: Time each system took on the page (cleaner: decoding, DOM rules, extraction, text rules).
    seconds: dict[str, float]
    fired: list[Fired] = field(default_factory=list)


def load_pages(dataset: Path, only: Sequence[str] = ()) -> list[Page]:
    truth_file = dataset / "ground-truth.json"
    if not truth_file.is_file():
        raise SystemExit(f"quality: no ground-truth.json in {dataset}")
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"quality: cannot read {truth_file}: {exc}") from None
    pages = []
    for page_id in sorted(truth):
        if only and page_id not in only:
            continue
        try:
            html = gzip.decompress((dataset / "html" / f"{page_id}.html.gz").read_bytes())
        except (OSError, EOFError) as exc:
            raise SystemExit(f"quality: cannot read page {page_id}: {exc}") from None
        entry = truth[page_id]
        pages.append(Page(page_id, entry.get("url") or "", entry.get("articleBody") or "", html))
    return pages


def generic_cleaner(settings: Settings | None = None) -> Cleaner:
    """The built-in generic rule files only: no site rules."""
    return Cleaner.from_paths([builtin_rules_dir() / "generic"], settings)


_WORKER: Cleaner | None = None
_WORKER_FB: Cleaner | None = None


def _init(cleaner: Cleaner) -> None:
    global _WORKER, _WORKER_FB
    _WORKER = cleaner
    _WORKER_FB = cleaner.with_settings(fallback=False)


def _in_truth(removed: str, truth_shingles: Counter[tuple[str, ...]]) -> bool:
    """Most of the removed text's shingles occur in the gold body (a likely wrong removal)."""
    sh = shingles(tokens(removed))
    if not sh:
        return False
    return sum(min(c, truth_shingles.get(k, 0)) for k, c in sh.items()) * 2 > sum(sh.values())


def run_page(page: Page) -> PageRun:
    import trafilatura

    assert _WORKER is not None and _WORKER_FB is not None
    html = page.html.decode("utf-8", "replace")
    url = page.url or None
    outputs: dict[str, str] = {}
    seconds: dict[str, float] = {}

    def timed(name: str, run: Callable[[], str]) -> None:
        start = time.perf_counter()
        outputs[name] = run()
        seconds[name] = time.perf_counter() - start

    start = time.perf_counter()
    result = _WORKER.clean(page.html, url)
    seconds[CLEANER], outputs[CLEANER] = time.perf_counter() - start, result.text
    timed(CLEANER_FB, lambda: _WORKER_FB.clean(page.html, url).text)  # type: ignore[union-attr]
    timed(TRAF, lambda: trafilatura.extract(html, url=url) or "")
    timed(TRAF_NC, lambda: trafilatura.extract(html, url=url, include_comments=False) or "")
    timed(TRAF_FAST, lambda: trafilatura.extract(html, url=url, include_comments=False, fast=True) or "")
    truth_sh = shingles(tokens(page.truth))
    fired = [Fired(r["rule"], _in_truth(r["text"], truth_sh)) for r in result.removed_summary()]
    fired += [Fired(d.rule_id, _in_truth(d.snippet, truth_sh)) for d in result.dom_removals]
    return PageRun(page.id, outputs, seconds, fired)


def run_all(pages: Sequence[Page], cleaner: Cleaner, jobs: int) -> list[PageRun]:
    if jobs <= 1:
        _init(cleaner)
        return [run_page(p) for p in pages]
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(cleaner,)) as pool:
        return list(pool.map(run_page, pages, chunksize=4))


def print_table(scores: dict[str, list[PageScore]], runs: Sequence[PageRun], out: Callable[[str], None]) -> None:
    out(f"{'system':<28} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>8} {'pages':>5} {'ms/page':>8}")
    for name in SYSTEMS:
        s = summarize(scores[name])
        ms = 1000 * sum(r.seconds[name] for r in runs) / max(1, len(runs))
        out(f"{name:<28} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f} {s.accuracy:>8.4f} {s.pages:>5} {ms:>8.1f}")


def changes(runs: Sequence[PageRun], scores: dict[str, list[PageScore]], against: str) -> tuple[list[str], list[str]]:
    better, worse = [], []
    for run, ours, theirs in zip(runs, scores[CLEANER], scores[against]):
        if ours.f1 > theirs.f1 + 1e-9:
            better.append(run.id)
        elif ours.f1 < theirs.f1 - 1e-9:
            worse.append(run.id)
    return better, worse


def print_rules(runs: Sequence[PageRun], top: int, out: Callable[[str], None]) -> None:
    fired = Counter(f.rule_id for r in runs for f in r.fired)
    harmful = Counter(f.rule_id for r in runs for f in r.fired if f.in_truth)
    out(f"\n{'rule':<8} {'fired':>5} {'in gold':>7}   (blocks/elements removed; 'in gold': mostly gold text)")
    for rule_id, count in fired.most_common(top):
        out(f"{rule_id:<8} {count:>5} {harmful[rule_id]:>7}")
    bad = [(rid, n) for rid, n in harmful.most_common() if rid not in dict(fired.most_common(top))]
    if bad:
        out("other rules that removed gold text: " + ", ".join(f"{rid} ({n})" for rid, n in bad))


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


def show_page(run: PageRun, page: Page, scores: dict[str, PageScore], out: Callable[[str], None]) -> None:
    out(f"\n== {run.id}  {page.url}")
    for name in (CLEANER, TRAF):
        s = scores[name]
        out(f"   {name}: P {s.precision or 0:.3f} R {s.recall or 0:.3f} F1 {s.f1:.3f}")
    fired = ", ".join(f"{f.rule_id}{'!' if f.in_truth else ''}" for f in run.fired)
    if fired:
        out(f"   rules: {fired}   (! = removed gold text)")
    for line in token_diff(page.truth, run.outputs[CLEANER]):
        out(line[:400])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--favor", choices=("balanced", "precision", "recall"), default="balanced",
                        help="cleaner's trafilatura bias (default: balanced, cleaner's default)")
    parser.add_argument("--top", type=int, default=15, help="rules to list (default 15)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="show diffs of the N pages with the lowest cleaner F1")
    parser.add_argument("--show-page", action="append", default=[], metavar="ID", help="show the diff of one page (repeatable)")
    parser.add_argument("--worse", action="store_true", help="show diffs of pages where cleaner is worse than trafilatura")
    args = parser.parse_args(argv)
    pages = load_pages(args.dataset.resolve(), args.show_page)
    if not pages:
        raise SystemExit("quality: no pages to score")
    runs = run_all(pages, generic_cleaner(Settings(favor=args.favor, title=False)), args.jobs)
    scores = {name: [score_page(p.truth, r.outputs[name]) for p, r in zip(pages, runs)] for name in SYSTEMS}
    print(f"dataset: {args.dataset} ({len(pages)} pages)")
    print_table(scores, runs, print)
    for against in (TRAF, TRAF_NC):
        better, worse = changes(runs, scores, against)
        print(f"vs {against}: {len(better)} pages better, {len(worse)} worse (per-page F1)")
    print_rules(runs, args.top, print)
    picked: list[int] = []
    if args.show_page:
        picked = list(range(len(pages)))
    if args.worst:
        picked += sorted(range(len(pages)), key=lambda i: scores[CLEANER][i].f1)[: args.worst]
    if args.worse:
        worse = set(changes(runs, scores, TRAF)[1])
        picked += [i for i, r in enumerate(runs) if r.id in worse]
    for i in dict.fromkeys(picked):
        show_page(runs[i], pages[i], {name: scores[name][i] for name in SYSTEMS}, print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
