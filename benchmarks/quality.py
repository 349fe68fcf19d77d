"""Extraction quality on the dev corpora: cleaner beside trafilatura and readability-lxml.

    python benchmarks/quality.py [DATASET_DIR ...] [--jobs 2] [--systems LIST] [--no-ledger]
                                 [--worst N] [--show-page ID] [--worse] [--site-rules] [--favor F]

Needs the bench extra (``pip install -e '.[bench]'``: readability-lxml, py3langid); without it
the readability peer is skipped and languages come from ``<html lang>``.

Data. Every folder under ``../shared/bench/`` (next to the repository) that holds a
``ground-truth.json`` is a corpus, or name corpus folders as arguments. A corpus has
``html/<id>.html.gz`` and ``ground-truth.json`` (``articleBody``, ``url``; see
``../shared/bench/README.md``). A missing corpus stops the run with a one-line message.

What runs. cleaner with the built-in generic rules (``--site-rules`` adds the site rules, left
out by default because some were written for sites that have pages in these corpora), scored
with the option that leaves the page title out, since both gold sets leave titles out (the
header says which option). Beside it, on the same pages in the same run: cleaner with no rules
at all (``cleaner clean --no-default-rules``); ``trafilatura.extract`` with cleaner's own
extraction options (``qualitylib.systems.trafilatura_kwargs``); and the peers chosen with
``--systems`` (comma-separated; default ``trafilatura,trafilatura-nc,trafilatura-precision,
readability``; also ``trafilatura-fast`` and ``cleaner-fallback``): trafilatura with its
default options, without comments, with ``favor_precision``, and readability-lxml. Every system
is scored with ``benchmarks/metrics.py``, the article-extraction benchmark's own metric.

What it prints.

- Per corpus: precision, recall, F1, accuracy and ms/page of every system, then the pages
  cleaner made better or worse than trafilatura without comments (per-page F1, old -> new).
- F1 per language, all corpora together. A page's language is that of its gold text by
  py3langid (the detector trafilatura uses): on these corpora it was right wherever it
  disagreed with ``<html lang>``, which is missing on most scrapinghub-dev pages.
- No page lost: every page where cleaner without rules keeps less gold text than
  ``trafilatura.extract`` with the same extraction options (recall lower by more than 0.02),
  i.e. where cleaner's own extraction path (decoding, blocks, repeat removal) loses text.
- The rule ledger (``--no-ledger`` skips it): for every rule that fired, the blocks or elements
  it removed, how many were gold text (most of their 4-token shingles are in the gold), and
  per corpus the F1 with the rule minus the F1 with it disabled; only pages where the rule
  fired are re-cleaned. Rules that removed more gold than clutter are flagged with ``!``;
  rules that never fired are counted.
- ``--worst N``: token diffs of the N pages with the lowest cleaner F1; ``--show-page ID``
  (repeatable): only that page, its scores, the rules that fired and its diff; ``--worse``:
  diffs of the pages worse than trafilatura without comments.

``--jobs N`` worker processes (default 2); timings are per system, in each worker.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.qualitylib.corpus import (  # noqa: E402
    BENCH_DIR,
    LANGUAGE_SOURCE,
    Page,
    find_datasets,
    load_corpus,
)
from benchmarks.qualitylib.ledger import build_ledger, print_ledger  # noqa: E402
from benchmarks.qualitylib.report import (  # noqa: E402
    changes,
    print_changes,
    print_corpus_table,
    print_language_table,
    print_lost,
    show_page,
)
from benchmarks.qualitylib.rules import rule_ids, rule_paths  # noqa: E402
from benchmarks.qualitylib.runner import RunConfig, run_all  # noqa: E402
from benchmarks.qualitylib.systems import (  # noqa: E402
    CHOICES,
    CLEANER,
    CLEANER_FALLBACK,
    DEFAULT_PEERS,
    NO_RULES,
    PEERS,
    REFERENCE,
    TRAF_AS_CLEANER,
)
from cleaner import Settings  # noqa: E402


def cleaner_settings(favor: str = "balanced") -> tuple[Settings, str]:
    """The one place the scored cleaner's Settings are made, and the header line saying how.
    Both gold sets leave the page title out, so cleaner leaves out the title line too."""
    return Settings(favor=favor, title=False), "cleaner scored with title=False: both gold sets leave titles out"


def _systems(value: str) -> tuple[str, ...]:
    keys = tuple(dict.fromkeys(k.strip() for k in value.split(",") if k.strip()))
    unknown = [k for k in keys if k not in CHOICES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown system {', '.join(unknown)} (choose from {', '.join(CHOICES)})")
    return keys


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", nargs="*", type=Path, help=f"corpus folders (default: every one under {BENCH_DIR})")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--systems", type=_systems, default=DEFAULT_PEERS, metavar="LIST",
                        help=f"peers to run beside cleaner, comma-separated (default {','.join(DEFAULT_PEERS)}; choices {','.join(CHOICES)})")
    parser.add_argument("--favor", choices=("balanced", "precision", "recall"), default="balanced",
                        help="cleaner's trafilatura bias (default: balanced, cleaner's default)")
    parser.add_argument("--site-rules", action="store_true", help="score cleaner with the built-in site rules too")
    parser.add_argument("--ledger", action=argparse.BooleanOptionalAction, default=True,
                        help="the rule ledger (default on; it re-cleans every page where a rule fired once per such rule)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="show diffs of the N pages with the lowest cleaner F1")
    parser.add_argument("--show-page", action="append", default=[], metavar="ID", help="score only this page and show its diff (repeatable)")
    parser.add_argument("--worse", action="store_true", help="show diffs of the pages worse than trafilatura without comments")
    args = parser.parse_args(argv)

    datasets = [d.resolve() for d in args.datasets] or find_datasets(BENCH_DIR)
    pages: list[Page] = [page for d in datasets for page in load_corpus(d, args.show_page)]
    if not pages:
        raise SystemExit(f"quality: no page {', '.join(args.show_page)} in {', '.join(d.name for d in datasets)}" if args.show_page else "quality: no pages to score")
    settings, title_line = cleaner_settings(args.favor)
    paths = rule_paths(args.site_rules)
    loaded = rule_ids(paths)
    skipped = [k for k in args.systems if k in PEERS and not PEERS[k].available()]
    peers = tuple(k for k in args.systems if k not in skipped)
    config = RunConfig(settings, tuple(paths), peers, args.ledger)
    runs = run_all(pages, config, args.jobs)
    systems = [CLEANER, NO_RULES, *([CLEANER_FALLBACK] if CLEANER_FALLBACK in peers else []), TRAF_AS_CLEANER.key,
               *(k for k in peers if k in PEERS)]

    corpora = list(dict.fromkeys(p.corpus for p in pages))
    out = print
    out("quality: " + ", ".join(f"{c} ({sum(p.corpus == c for p in pages)} pages)" for c in corpora) + f"; jobs {args.jobs}")
    which = "built-in generic and site rules" if args.site_rules else "built-in generic rules (site rules: --site-rules)"
    out(f"cleaner: {which}, {len(set(loaded))} rules; favor {settings.favor}; fallback {'on' if settings.fallback else 'off'}")
    out(title_line)
    out(f"language of a page: {LANGUAGE_SOURCE}")
    for key in skipped:
        out(f"skipped {key}: module '{PEERS[key].needs}' is not installed (pip install -e '.[bench]')")
    for corpus in corpora:
        where = [i for i, p in enumerate(pages) if p.corpus == corpus]
        c_pages, c_runs = [pages[i] for i in where], [runs[i] for i in where]
        print_corpus_table(corpus, c_pages, c_runs, systems, out)
        if REFERENCE in peers:
            print_changes(c_pages, c_runs, REFERENCE, out)
    print_language_table(pages, runs, systems, out)
    print_lost(pages, runs, out)
    if args.ledger:
        print_ledger(build_ledger(pages, runs), loaded, corpora, out)

    picked: list[int] = list(range(len(pages))) if args.show_page else []
    if args.worst:
        picked += sorted(range(len(pages)), key=lambda i: (runs[i].scores[CLEANER].f1, pages[i].id))[: args.worst]
    if args.worse and REFERENCE in peers:
        worse = {(c.page.corpus, c.page.id) for c in changes(pages, runs, REFERENCE)[1]}
        picked += [i for i, p in enumerate(pages) if (p.corpus, p.id) in worse]
    for i in dict.fromkeys(picked):
        show_page(pages[i], runs[i], systems, out)
    ledger_s = sum(r.ledger_seconds for r in runs)
    out(f"\ntime: {time.perf_counter() - started:.1f} s" + (f" (ledger re-cleaning: {ledger_s:.1f} s of worker time)" if args.ledger else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
