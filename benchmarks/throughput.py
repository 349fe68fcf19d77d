"""Speed and memory: cleaner against trafilatura alone, on the same pages, in one run.

    python benchmarks/throughput.py [BENCH_DIR] [--rounds 2] [--profile]
                                    [--jobs 1,2] [--docs 1000] [--rss-docs 2000,20000]

BENCH_DIR holds the dev corpora (default ``../shared/bench`` beside the repository; every
folder with a ground-truth.json). Sections, all measured in this one invocation:

1. One process, taking turns page by page (CPU time, ``--rounds`` passes, the contenders'
   order alternating): ``trafilatura.extract(html, url=url)`` with its defaults;
   ``trafilatura.extract(html, url=url, include_comments=False)``, the same extraction
   options as cleaner's default; ``Cleaner.default().clean(html, url=url).text``. Per
   corpus and over both, with cleaner's speed as a ratio of the second.
2. ``--profile``: where cleaner's time goes, per stage, as a share of the whole.
3. Text input: ``Cleaner.default().clean_text`` on the corpora's gold texts, MB/s per core.
4. Batch (``--jobs``, ``--docs``; needs psutil, ``pip install 'cleaner[bench]'``):
   ``cleaner clean FILE.jsonl --jobs N`` against a hand-written multiprocessing pool around
   trafilatura.extract, docs/s wall-clock, and the speed-up of the last job count over the
   first. ``--jobs ''`` skips it.
5. Memory (``--rss-docs``): the peak RSS of cleaner's whole process tree at ``--jobs 2`` on
   inputs of those sizes; memory must not grow with the input. ``--rss-docs ''`` skips it.

The machine may be shared and run the same code at two speeds: compare the ratios measured
side by side here, not absolute figures across runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.throughputlib import batch, pages, turns  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
TRAF = "trafilatura.extract, defaults"
TRAF_SAME = "trafilatura.extract, cleaner's options"
CLEANER = "cleaner, default"


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r) for r in rows)])


def in_process(all_pages: list[pages.Page], rounds: int, profile: bool) -> None:
    import trafilatura

    from cleaner import Cleaner
    from cleaner.stages.timing import StageTimes

    cleaner = Cleaner.default()
    cleaner.warm()
    times = StageTimes()
    contenders = {
        TRAF: lambda p: trafilatura.extract(p.html, url=p.url),
        TRAF_SAME: lambda p: trafilatura.extract(p.html, url=p.url, include_comments=False),
        CLEANER: lambda p: cleaner.clean(p.html, url=p.url, times=times).text,
    }
    warm = [contenders[TRAF], contenders[TRAF_SAME], lambda p: cleaner.clean(p.html, url=p.url)]
    tally = turns.take_turns(all_pages, contenders, rounds, warm)
    corpora = list(tally.pages)
    rows = []
    for name in contenders:
        row = [name]
        for corpus in [*corpora, None]:
            ms = tally.ms_per_page(name, corpus)
            ratio = tally.ms_per_page(TRAF_SAME, corpus) / ms
            row += [f"{ms:.1f}", f"{ratio:.3f}"]
        rows.append(row)
    head = ["one process, CPU time"] + [h for c in [*corpora, "all pages"] for h in (f"{c} ms/page", "speed")]
    print(f"\n{len(all_pages)} pages x {rounds} rounds, taking turns; speed = docs/s relative to {TRAF_SAME!r}")
    print(table(rows, head))
    if profile:
        total = sum(times.seconds.values())
        prows = [[stage, f"{1000 * s / times.documents:.2f}", f"{100 * s / total:.1f}%"] for stage, s in times.seconds.items()]
        prows.append(["all stages", f"{1000 * total / times.documents:.2f}", "100.0%"])
        print(f"\nwhere cleaner's time goes ({times.documents} cleans, CPU time)")
        print(table(prows, ["stage", "ms/page", "share"]))
    text_mbs = turns.text_speed(all_pages, lambda t: cleaner.clean(t, input_format="text").text, rounds)
    print(f"\ntext input (the gold texts, {sum(1 for p in all_pages if p.text)} documents): {text_mbs:.1f} MB/s per core")


def batch_runs(all_pages: list[pages.Page], jobs_list: list[int], docs: int, rss_docs: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="cleaner-throughput-") as tmp:
        folder = Path(tmp)
        if jobs_list:
            path = folder / f"pages-{docs}.jsonl"
            batch.write_jsonl(all_pages, docs, path)
            runs = {}
            for jobs in jobs_list:
                runs["trafilatura", jobs] = batch.measure(f"trafilatura pool, jobs {jobs}", batch.baseline_cmd(Path(__file__), path, jobs), docs)
                runs["cleaner", jobs] = batch.measure(f"cleaner, jobs {jobs}", batch.cleaner_cmd(path, jobs), docs)
            rows = [[who, str(jobs), f"{r.docs_per_s:.1f}", f"{r.docs_per_s / runs['trafilatura', jobs].docs_per_s:.3f}", f"{r.peak_rss_mb:.0f}"]
                    for (who, jobs), r in runs.items()]
            print(f"\nbatch, {docs} JSONL records, wall clock")
            print(table(rows, ["batch", "jobs", "docs/s", "vs trafilatura", "peak RSS MB"]))
            if len(jobs_list) > 1:
                first, last = jobs_list[0], jobs_list[-1]
                print(table([[who, f"{runs[who, last].docs_per_s / runs[who, first].docs_per_s:.2f}"] for who in ("trafilatura", "cleaner")],
                            [f"speed-up, jobs {last} / jobs {first}", "ratio"]))
        rss = []
        for size in rss_docs:
            path = folder / f"rss-{size}.jsonl"
            batch.write_jsonl(all_pages, size, path)
            rss.append(batch.measure(f"cleaner, jobs 2, {size} docs", batch.cleaner_cmd(path, 2), size))
            path.unlink()
        if rss:
            rows = [[str(r.docs), f"{r.docs_per_s:.1f}", f"{r.peak_rss_mb:.0f}", f"{r.peak_rss_mb / rss[0].peak_rss_mb:.3f}"] for r in rss]
            print("\nmemory: peak RSS of cleaner's process tree, jobs 2")
            print(table(rows, ["documents", "docs/s", "peak RSS MB", f"vs {rss[0].docs}"]))


def _ints(value: str) -> list[int]:
    return [int(x) for x in value.split(",") if x.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bench", nargs="?", default=str(DEFAULT_BENCH), help="folder of dev corpora (default ../shared/bench)")
    ap.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    ap.add_argument("--every", type=int, default=1, help="take every Nth page of each corpus (default 1)")
    ap.add_argument("--rounds", type=int, default=2, help="passes over the pages in the in-process turns (default 2)")
    ap.add_argument("--profile", action="store_true", help="where cleaner's time goes, per stage")
    ap.add_argument("--jobs", default="1,2", help="job counts of the batch runs ('' to skip; default 1,2)")
    ap.add_argument("--docs", type=int, default=1000, help="records in the batch runs (default 1000)")
    ap.add_argument("--rss-docs", default="", help="sizes for the memory runs, e.g. 2000,20000 ('' to skip, the default)")
    ap.add_argument("--baseline-worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline_worker:
        batch.baseline(args.baseline_worker, _ints(args.jobs)[0])
        return
    all_pages = [p for folder in pages.corpora(Path(args.bench), args.corpus) for p in pages.load(folder, args.every)]
    load = os.getloadavg()[0]
    in_process(all_pages, args.rounds, args.profile)
    batch_runs(all_pages, _ints(args.jobs), args.docs, _ints(args.rss_docs))
    print(f"\nload average {load:.2f} before, {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
