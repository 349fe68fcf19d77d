"""Batch runs as a user starts them: ``cleaner clean FILE.jsonl --jobs N`` against a
hand-written pool around trafilatura.extract, each its own process tree, timed wall-clock
with the peak RSS of the whole tree (psutil)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .pages import Page


@dataclass
class Run:
    label: str
    docs: int
    seconds: float
    peak_rss_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds


def write_jsonl(pages: Sequence[Page], docs: int, path: Path) -> None:
    """``docs`` records cycling through the pages (each record a distinct id and URL)."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(docs):
            page = pages[i % len(pages)]
            html = page.html.decode("utf-8", "replace")
            out.write(json.dumps({"id": f"d{i}", "url": page.url, "html": html}) + "\n")


def cleaner_cmd(path: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", str(path), "--jsonl", "--jobs", str(jobs), "-q", "--timeout", "0"]


def baseline_cmd(script: Path, path: Path, jobs: int) -> list[str]:
    return [sys.executable, str(script), "--baseline-worker", str(path), "--jobs", str(jobs)]


def baseline(path: str, jobs: int) -> None:
    """trafilatura alone, as one would write it: a multiprocessing pool over the lines."""
    import multiprocessing

    with open(path, "rb") as f, multiprocessing.Pool(jobs) as pool:
        for line in pool.imap(_extract_line, f, chunksize=4):
            sys.stdout.write(line + "\n")


def _extract_line(raw: bytes) -> str:
    import trafilatura

    rec = json.loads(raw)
    text = trafilatura.extract(rec.pop("html"), url=rec.get("url"), include_comments=False) or ""
    return json.dumps({**rec, "text": text}, ensure_ascii=False)


def measure(label: str, cmd: list[str], docs: int) -> Run:
    import psutil

    start = time.monotonic()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss(proc))
        time.sleep(0.05)
    seconds = time.monotonic() - start
    if child.returncode != 0:
        err = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"throughput: {label} failed ({child.returncode}): {err.strip()[-300:]}")
    print(f"  {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return Run(label, docs, seconds, peak / 2**20)


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
