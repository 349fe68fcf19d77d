"""Helpers for the fault tests: a JSONL of real pages, the CLI as a real process, and the
process ids of everything it started, watched through Linux's /proc."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from .conftest import FIXTURES

#: The real pages in the repository (news sites, a blog), cycled to make long inputs.
PAGES = sorted(FIXTURES.rglob("*.html"))
HAS_PROC = Path("/proc/self/task").exists()


def crawl_jsonl(path: Path, records: int) -> Path:
    """``records`` JSONL records of real pages, each with its own id and url."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(records):
            page = PAGES[i % len(PAGES)]
            url = f"https://{page.parent.name}/{page.stem}/{i}"
            f.write(json.dumps({"id": f"p{i:04d}", "url": url, "html": page.read_text(encoding="utf-8")}) + "\n")
    return path


def cleaner_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", *args]


def run_cli(*args: str, timeout: float = 120, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(cleaner_cmd(*args), capture_output=True, timeout=timeout, **kwargs)  # type: ignore[call-overload]


def spawn(*args: str, stdout: object = subprocess.DEVNULL, **kwargs: object) -> subprocess.Popen[bytes]:
    """The CLI in its own session, so that a signal sent to it reaches it alone (as ``kill``
    does) and not the test runner's process group."""
    return subprocess.Popen(cleaner_cmd(*args), stdout=stdout, stderr=subprocess.PIPE,  # type: ignore[call-overload]
                            start_new_session=True, **kwargs)


# -- processes --------------------------------------------------------------------------------

Ident = tuple[int, int]  # (pid, start time in clock ticks): a pid reused later is not ours


def _start_time(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"


def children(pid: int) -> set[Ident]:
    """The processes ``pid`` started, whichever of its threads started them."""
    out: set[Ident] = set()
    for tasks in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = [int(x) for x in tasks.read_text().split()]
        except OSError:
            continue
        for kid in kids:
            start = _start_time(kid)
            if start is not None:
                out.add((kid, start))
    return out


def descendants(pid: int) -> set[Ident]:
    found: set[Ident] = set()
    todo = [pid]
    while todo:
        for ident in children(todo.pop()):
            if ident not in found:
                found.add(ident)
                todo.append(ident[0])
    return found


def by_cmdline(marker: str) -> set[Ident]:
    """Every process whose command line mentions ``marker`` (a path unique to one test):
    forked workers share their parent's command line, so this finds them even after the
    parent is gone and they were adopted by another process."""
    out: set[Ident] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            start = _start_time(int(entry.name))
            if start is not None:
                out.add((int(entry.name), start))
    return out


def alive(idents: Iterable[Ident]) -> list[int]:
    """Those still running: not gone, not a zombie, not a new process under an old pid."""
    return [pid for pid, start in idents if _start_time(pid) == start and _state(pid) not in ("Z", "X")]


def wait_gone(idents: Iterable[Ident], seconds: float = 5.0) -> list[int]:
    """Poll until every process is gone or ``seconds`` have passed; returns the survivors."""
    idents = list(idents)
    deadline = time.monotonic() + seconds
    while (left := alive(idents)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def wait_for(condition: object, seconds: float, what: str, *, proc: subprocess.Popen[bytes] | None = None) -> None:
    """Poll ``condition()`` until true; fail saying ``what`` did not happen (and why, when the
    process ended first)."""
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: the process ended first (exit {proc.returncode}): {proc.stderr.read()!r}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds:g} s")
        time.sleep(0.05)


def complete_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return 0


def kill_all(idents: Iterable[Ident]) -> None:
    """Clean up after a failed test: end what it started, by pid, and nothing else."""
    for pid in alive(idents):
        try:
            os.kill(pid, 9)
        except OSError:
            pass


#: Records of the fault tests' crawl: enough that a run stopped after its first records is
#: still far from its end.
RECORDS = 150


def crawl_with_reference(folder: Path, records: int) -> tuple[Path, bytes]:
    """A JSONL input of real pages, and the output of an uninterrupted run of it."""
    src = crawl_jsonl(folder / "crawl.jsonl", records)
    done = run_cli(str(src), "--jobs", "2", "-q", "-o", str(folder / "reference.jsonl"))
    assert done.returncode == 0, done.stderr
    return src, (folder / "reference.jsonl").read_bytes()
