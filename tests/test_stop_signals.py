"""A batch run stopped by what shells and clusters send it: SIGTERM (Slurm, Kubernetes,
systemd), SIGHUP (a closed terminal), SIGINT (Ctrl-C) and SIGKILL (the OOM killer).

Each test runs the real CLI with two workers on a JSONL of real pages, records the workers'
process ids, stops the run half-way and checks: the exit code, the one line on stderr, that
no worker is left, and that ``--resume`` then gives exactly the output of an uninterrupted run.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from .faults import (
    HAS_PROC,
    RECORDS,
    children,
    cleaner_cmd,
    complete_lines,
    kill_all,
    run_cli,
    spawn,
    wait_for,
    wait_gone,
)

pytestmark = pytest.mark.skipif(not HAS_PROC, reason="needs Linux /proc to find the workers")


def stop_half_way(src: Path, out: Path, sig: int) -> tuple[subprocess.Popen[bytes], bytes]:
    """Start a run, wait for its workers and first records, send ``sig``; returns the ended
    process and its stderr, after checking that no worker outlived it by 5 s."""
    proc = spawn(str(src), "--jobs", "2", "-o", str(out))
    workers: set[tuple[int, int]] = set()
    partial = out.with_name(out.name + ".partial")

    def started() -> bool:
        workers.update(children(proc.pid))
        return len(workers) >= 2 and complete_lines(partial) >= 3

    try:
        wait_for(started, 60, "two workers and three records", proc=proc)
        assert complete_lines(partial) < RECORDS // 2, "the run went too fast to be stopped half-way"
        proc.send_signal(sig)
        proc.wait(timeout=30)
        stderr = proc.stderr.read()  # type: ignore[union-attr]
        left = wait_gone(workers, 5)
        assert not left, f"workers {left} outlived the run"
    finally:
        kill_all(workers)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc, stderr


def assert_resume_completes(src: Path, out: Path, reference: bytes) -> None:
    partial = out.with_name(out.name + ".partial")
    assert partial.exists() and not out.exists(), "the .partial file is what --resume goes on from"
    done = run_cli(str(src), "--jobs", "2", "-o", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    assert "already done (--resume)" in done.stderr.decode()
    assert out.read_bytes() == reference, "resumed output differs from an uninterrupted run"
    assert not partial.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_stop_signal_ends_the_run_cleanly_and_resume_finishes_it(tmp_path, crawl, sig):
    src, reference = crawl
    out = tmp_path / "out.jsonl"
    proc, stderr = stop_half_way(src, out, sig)
    assert proc.returncode == 128 + sig, stderr  # 143, 129, 130, as shells report them
    lines = stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"cleaner: stopped by {sig.name}; ")
    assert f"'{out}.partial'" in lines[0] and "--resume" in lines[0]
    assert_resume_completes(src, out, reference)


def test_sigkill_of_the_parent_leaves_no_worker_and_resume_finishes(tmp_path, crawl):
    src, reference = crawl
    out = tmp_path / "out.jsonl"
    proc, stderr = stop_half_way(src, out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL and stderr == b""
    assert_resume_completes(src, out, reference)


def test_a_run_started_with_sighup_ignored_keeps_ignoring_it(tmp_path, crawl):
    """``nohup cleaner clean …``: the user asked for SIGHUP to be ignored, and it is."""
    src, reference = crawl
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        ["nohup", *cleaner_cmd(str(src), "--jobs", "2", "-q", "-o", str(out))],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, cwd=tmp_path)
    try:
        wait_for(lambda: complete_lines(out.with_name(out.name + ".partial")) >= 3, 60, "first records", proc=proc)
        proc.send_signal(signal.SIGHUP)
        assert proc.wait(timeout=120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert out.read_bytes() == reference
