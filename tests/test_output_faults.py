"""Output that cannot be written: a reader that goes away (``| head``), a full disk, a folder
that is not there. One line, a documented exit code, no worker left, and the ``.partial``
output kept so that ``--resume`` finishes the job as an uninterrupted run would have."""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from .faults import (
    HAS_PROC,
    PAGES,
    RECORDS,
    by_cmdline,
    children,
    cleaner_cmd,
    complete_lines,
    kill_all,
    run_cli,
    spawn,
    wait_gone,
)

pytestmark = pytest.mark.skipif(not HAS_PROC, reason="needs Linux /proc to find the workers")


def _file_size_limit(limit: int):  # type: ignore[no-untyped-def]
    """For ``preexec_fn``: writes past ``limit`` bytes fail with EFBIG (SIGXFSZ ignored, so
    the write returns the error instead of killing the process), as on a disk that fills."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _one_line(stderr: bytes) -> str:
    lines = stderr.decode().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_reader_that_goes_away_ends_the_run_quietly(crawl):
    """`cleaner clean crawl.jsonl --jobs 2 | head -c 200`"""
    src, _ = crawl
    proc = spawn(str(src), "--jobs", "2", stdout=subprocess.PIPE)
    workers: set[tuple[int, int]] = set()
    try:
        head = proc.stdout.read(200)  # type: ignore[union-attr]
        workers |= children(proc.pid)
        proc.stdout.close()  # type: ignore[union-attr]
        assert proc.wait(timeout=30) == 141
        assert len(head) == 200 and proc.stderr.read() == b""  # type: ignore[union-attr]
        workers |= by_cmdline(str(src))
        assert len(workers) >= 2 and wait_gone(workers, 5) == []
    finally:
        kill_all(workers | by_cmdline(str(src)))
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_standard_output_on_a_full_device(crawl):
    """`cleaner clean crawl.jsonl --jobs 2 > /dev/full`"""
    src, _ = crawl
    with open("/dev/full", "wb") as full:
        done = subprocess.run(cleaner_cmd(str(src), "--jobs", "2"), stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 1
    assert _one_line(done.stderr) == "cleaner: error: cannot write standard output: No space left on device"
    assert wait_gone(by_cmdline(str(src)), 5) == []


def test_a_file_that_cannot_grow_keeps_the_partial_output_for_resume(tmp_path, crawl):
    src, reference = crawl
    out = tmp_path / "out.jsonl"
    limit = len(reference) // 4
    done = run_cli(str(src), "--jobs", "2", "-o", str(out), preexec_fn=_file_size_limit(limit), restore_signals=False)
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert line.startswith(f"cleaner: error: cannot write '{out}.partial': File too large; ")
    assert "--resume" in line
    assert wait_gone(by_cmdline(str(src)), 5) == []
    assert not out.exists() and 0 < complete_lines(Path(f"{out}.partial")) < RECORDS
    resumed = run_cli(str(src), "--jobs", "2", "-o", str(out), "--resume", "-q")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1)")
def test_a_full_file_system(tmp_path, crawl):
    """A real ENOSPC: a 64 KiB tmpfs mounted in a private mount namespace (no trace left)."""
    src, _ = crawl
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = 'mount -t tmpfs -o size=64k tmpfs "$1" || exit 99; shift; "$@"; code=$?; ls "$0"; exit $code'
    cmd = ["unshare", "-rm", "sh", "-c", script, str(mnt), str(mnt),
           *cleaner_cmd(str(src), "--jobs", "2", "-o", str(mnt / "out.jsonl"))]
    done = subprocess.run(cmd, capture_output=True, timeout=120)
    if done.returncode == 99 or b"unshare:" in done.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert line.startswith(f"cleaner: error: cannot write '{mnt}/out.jsonl.partial': No space left on device; ")
    assert done.stdout.decode().split() == ["out.jsonl.partial"]
    assert wait_gone(by_cmdline(str(src)), 5) == []


def test_an_output_folder_that_is_not_there(tmp_path, crawl):
    src, _ = crawl
    out = tmp_path / "missing" / "out.jsonl"
    done = run_cli(str(src), "--jobs", "2", "-o", str(out))
    assert done.returncode == 1
    assert _one_line(done.stderr) == f"cleaner: error: cannot write '{out}.partial': No such file or directory"
    (tmp_path / "a-file").write_text("")
    done = run_cli(str(PAGES[0]), str(PAGES[1]), "--out-dir", str(tmp_path / "a-file" / "out"))
    assert done.returncode == 1
    assert _one_line(done.stderr).startswith(f"cleaner: error: cannot create the output folder '{tmp_path / 'a-file' / 'out'}': ")


def test_out_dir_on_a_full_disk_keeps_whole_files_only_and_resume_finishes(tmp_path):
    pages = tmp_path / "in"
    for copy in range(3):
        (pages / str(copy)).mkdir(parents=True)
        for page in PAGES:
            shutil.copy(page, pages / str(copy) / f"{page.parent.name}-{page.name}")
    reference = run_cli(str(pages), "--out-dir", str(tmp_path / "reference"), "-q", "--jobs", "2")
    assert reference.returncode == 0, reference.stderr
    want = {p.relative_to(tmp_path / "reference"): p.read_bytes() for p in (tmp_path / "reference").rglob("*.txt")}
    largest = max(len(text) for text in want.values())
    out = tmp_path / "out"
    done = run_cli(str(pages), "--out-dir", str(out), "--jobs", "2",
                   preexec_fn=_file_size_limit(largest - 1), restore_signals=False)
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert line.startswith(f"cleaner: error: cannot write '{out}/0/") and ": File too large; " in line
    assert wait_gone(by_cmdline(str(pages)), 5) == []
    written = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written and all(want[rel] == text for rel, text in written.items()), "no half-written file may remain"
    resumed = run_cli(str(pages), "--out-dir", str(out), "--resume", "-q", "--jobs", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == want


def test_single_document_output_errors_are_one_line(tmp_path):
    with open("/dev/full", "wb") as full:
        done = subprocess.run(cleaner_cmd(str(PAGES[0])), stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 1
    assert _one_line(done.stderr) == "cleaner: error: cannot write standard output: No space left on device"
    target = tmp_path / "missing" / "page.txt"
    done = run_cli(str(PAGES[0]), "-o", str(target))
    assert done.returncode == 1
    assert _one_line(done.stderr) == f"cleaner: error: cannot write '{target}': No such file or directory"


def test_a_closed_pipe_ends_a_single_document_quietly(tmp_path):
    """Output larger than a pipe's buffer, its reader gone after the first bytes: exit 141,
    nothing on stderr. (A text stream reports such a write as done, and the run ended 0.)"""
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"Paragraph {i} of a long body text that goes on and on." for i in range(20000)))
    proc = spawn(str(big), "--no-default-rules", "--input-format", "text", stdout=subprocess.PIPE)
    try:
        assert proc.stdout.read(1)  # type: ignore[union-attr]
        proc.stdout.close()  # type: ignore[union-attr]
        assert proc.wait(timeout=60) == 141
        assert proc.stderr.read() == b""  # type: ignore[union-attr]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_single_document_too_large_for_the_disk(tmp_path):
    """The disk takes part of the text and then refuses: exit 1, naming the file."""
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"Paragraph {i} of a long body text that goes on and on." for i in range(20000)))
    target = tmp_path / "clean.txt"
    done = run_cli(str(big), "--no-default-rules", "--input-format", "text", "-o", str(target),
                   preexec_fn=_file_size_limit(100_000), restore_signals=False)
    assert done.returncode == 1
    assert _one_line(done.stderr) == f"cleaner: error: cannot write '{target}': File too large"
