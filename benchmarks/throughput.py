"""Batch throughput and memory: cleaner against trafilatura alone, side by side in one run.

    python benchmarks/throughput.py [PAGES_DIR] [--docs 2000] [--jobs 1,2] [--rss-docs 2000,20000]

The dev benchmark pages are repeated to ``--docs`` JSONL records. Each contender runs as its
own process tree on the same file, one after the other, and is timed wall-clock; peak RSS is
the largest sum over the whole tree (parent and workers), sampled every 50 ms with psutil.

- trafilatura alone: ``multiprocessing.Pool(jobs).imap`` over the lines, each worker parsing
  the JSON, calling ``trafilatura.extract`` with cleaner's extraction settings (no metadata,
  no comment section) and dumping a record: what one would write by hand.
- cleaner: ``cleaner clean FILE.jsonl --jobs N -q`` with the built-in rules (batch mode
  extracts no metadata unless ``--metadata``, like ``trafilatura.extract``). cleaner runs
  trafilatura without its fallback extractors (see the README's quality section);
  ``--like-for-like`` adds ``cleaner --fallback``, which extracts exactly as the baseline does.
- text mode: the same pages as ``text`` fields (trafilatura's output), cleaned by cleaner.
- RSS scaling: cleaner at ``--jobs 2`` on ``--rss-docs`` sizes; memory must not grow with input.

The machine may be shared: the load average before and after is printed, and every ratio
compares runs made minutes apart in this one invocation.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ROOT.parent / "shared" / "bench" / "scrapinghub-dev" / "html"


@dataclass
class Run:
    label: str
    docs: int
    mb: float
    seconds: float
    peak_rss_mb: float
    #: CPU seconds of the whole process tree (user + system): what a loaded machine disturbs least.
    cpu: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds

    @property
    def docs_per_cpu_s(self) -> float:
        return self.docs / self.cpu


def _baseline(path: str, jobs: int) -> None:
    """trafilatura alone, as a hand-written multiprocessing loop (run in a child process)."""
    import multiprocessing

    with open(path, "rb") as f, multiprocessing.Pool(jobs) as pool:
        out = sys.stdout
        for line in pool.imap(_extract_line, f, chunksize=4):
            out.write(line + "\n")


def _extract_line(raw: bytes) -> str:
    import trafilatura

    rec = json.loads(raw)
    # cleaner's extraction settings: no metadata (extract's default), no comment section
    # (extract keeps comments by default; cleaner does not, so the baseline must not either)
    text = trafilatura.extract(rec.pop("html"), url=rec.get("url"), include_comments=False) or ""
    return json.dumps({**rec, "text": text}, ensure_ascii=False)


def _tree_rss(proc) -> int:  # type: ignore[no-untyped-def]
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(label: str, cmd: list[str], docs: int, mb: float) -> Run:
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss(proc))
        time.sleep(0.05)
    seconds = time.monotonic() - start
    err = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{label} failed ({child.returncode}): {err.strip()[-500:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers are waited for, so they count
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    run = Run(label, docs, mb, seconds, peak / 2**20, cpu)
    print(f"  {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return run


def write_inputs(pages_dir: Path, docs: int, folder: Path) -> tuple[Path, Path, float, float]:
    """The HTML JSONL and the text JSONL (trafilatura's text of the same pages)."""
    import trafilatura

    pages = sorted(pages_dir.glob("*.html*"))
    if not pages:
        raise SystemExit(f"no pages in {pages_dir}")
    htmls = [(gzip.open(p) if p.suffix == ".gz" else open(p, "rb")).read().decode("utf-8", "replace") for p in pages]
    texts = [trafilatura.extract(h) or "" for h in htmls]
    html_path, text_path = folder / f"html-{docs}.jsonl", folder / f"text-{docs}.jsonl"
    html_mb = text_mb = 0.0
    with open(html_path, "w") as fh, open(text_path, "w") as ft:
        for i in range(docs):
            k = i % len(htmls)
            fh.write(json.dumps({"id": f"d{i}", "url": f"https://example.org/{pages[k].name}/{i}", "html": htmls[k]}) + "\n")
            ft.write(json.dumps({"id": f"d{i}", "text": texts[k]}) + "\n")
            html_mb += len(htmls[k].encode()) / 1e6
            text_mb += len(texts[k].encode()) / 1e6
    return html_path, text_path, html_mb, text_mb


def cleaner_cmd(path: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", str(path), "--jsonl", "--jobs", str(jobs), "-q", *extra]


def baseline_cmd(path: Path, jobs: int) -> list[str]:
    return [sys.executable, __file__, "--baseline-worker", str(path), "--jobs", str(jobs)]


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r) for r in rows)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", nargs="?", default=str(DEFAULT_PAGES), help="folder of benchmark pages (.html or .html.gz)")
    ap.add_argument("--docs", type=int, default=2000, help="documents in the throughput runs (default 2000)")
    ap.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    ap.add_argument("--rss-docs", default="2000,20000", help="sizes for the RSS scaling runs ('' to skip)")
    ap.add_argument("--like-for-like", action="store_true",
                    help="also run cleaner --fallback (trafilatura's full extraction, as the baseline)")
    ap.add_argument("--baseline-worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    if args.baseline_worker:
        _baseline(args.baseline_worker, jobs_list[0])
        return
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        folder = Path(tmp)
        html, text, html_mb, text_mb = write_inputs(Path(args.pages), args.docs, folder)
        runs: dict[tuple[str, int], Run] = {}
        for jobs in jobs_list:
            runs["trafilatura", jobs] = measure(f"trafilatura alone, jobs {jobs}", baseline_cmd(html, jobs), args.docs, html_mb)
            runs["cleaner", jobs] = measure(f"cleaner, jobs {jobs}", cleaner_cmd(html, jobs), args.docs, html_mb)
            if args.like_for_like:
                runs["cleaner --fallback", jobs] = measure(
                    f"cleaner --fallback, jobs {jobs}", cleaner_cmd(html, jobs, "--fallback"), args.docs, html_mb
                )
        for jobs in jobs_list:
            runs["text", jobs] = measure(f"cleaner text mode, jobs {jobs}", cleaner_cmd(text, jobs), args.docs, text_mb)
        rss: list[Run] = []
        for size in [int(s) for s in args.rss_docs.split(",") if s]:
            if size == args.docs and ("cleaner", 2) in runs:
                rss.append(runs["cleaner", 2])  # the same run: no need to make it twice
                continue
            path, text_file, mb, _ = write_inputs(Path(args.pages), size, folder)
            text_file.unlink()
            rss.append(measure(f"cleaner, jobs 2, {size} docs", cleaner_cmd(path, 2), size, mb))
            path.unlink()
    load_after = os.getloadavg()

    print(f"\n{args.docs} documents ({html_mb:.1f} MB of HTML, {text_mb:.1f} MB of text) from {args.pages}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} on {os.cpu_count()} cores\n")
    rows = []
    for (who, jobs), r in runs.items():
        if who == "text":
            continue
        base = runs["trafilatura", jobs]
        rows.append([f"{who}", str(jobs), f"{r.docs_per_s:.1f}", f"{r.mb_per_s:.2f}", f"{r.peak_rss_mb:.0f}",
                     f"{r.docs_per_s / base.docs_per_s:.3f}", f"{r.docs_per_cpu_s:.2f}", f"{r.docs_per_cpu_s / base.docs_per_cpu_s:.3f}"])
    print(table(rows, ["HTML", "jobs", "docs/s", "MB/s", "peak RSS MB", "vs trafilatura", "docs/CPU-s", "vs trafilatura (CPU)"]))
    print()
    scale = [[who, f"{runs[who, jobs_list[-1]].docs_per_s / runs[who, jobs_list[0]].docs_per_s:.2f}"]
             for who in ("trafilatura", "cleaner", "text")] if len(jobs_list) > 1 else []
    if scale:
        print(table(scale, [f"speed-up jobs {jobs_list[-1]} / jobs {jobs_list[0]}", "ratio"]))
        print()
    trows = [[str(j), f"{runs['text', j].docs_per_s:.0f}", f"{runs['text', j].mb_per_s:.2f}", f"{runs['text', j].peak_rss_mb:.0f}"] for j in jobs_list]
    print(table(trows, ["text mode jobs", "docs/s", "MB/s", "peak RSS MB"]))
    if rss:
        print()
        rrows = [[str(r.docs), f"{r.docs_per_s:.1f}", f"{r.peak_rss_mb:.0f}", f"{r.peak_rss_mb / rss[0].peak_rss_mb:.3f}"] for r in rss]
        print(table(rrows, ["RSS scaling docs (jobs 2)", "docs/s", "peak RSS MB", f"vs {rss[0].docs}"]))


if __name__ == "__main__":
    main()
