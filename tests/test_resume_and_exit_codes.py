"""What ``--resume`` must skip, and the exit codes that scripts rely on (issue #18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .faults import PAGES, by_cmdline, run_cli, wait_gone

ROOT = Path(__file__).resolve().parent.parent


def test_out_dir_resume_leaves_finished_files_alone(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    for page in PAGES[:3]:
        (pages / f"{page.parent.name}.html").write_bytes(page.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    finished = out / f"{PAGES[0].parent.name}.txt"
    finished.write_text("EARLIER\n")  # what an earlier, interrupted run wrote
    done = run_cli(str(pages), "--out-dir", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    assert finished.read_text() == "EARLIER\n", "--resume cleaned a finished file again"
    assert "1 already done (--resume)" in done.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.parent.name}.txt" for p in PAGES[:3])


def test_jsonl_resume_starts_from_a_finished_output(tmp_path):
    """No FILE.partial, only FILE from a finished run: its records are kept, not redone."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Body paragraph {i}."}) + "\n" for i in range(4)))
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps({"id": f"r{i}", "text": "EARLIER", "error": None}) + "\n" for i in range(2)))
    done = run_cli(str(src), "-o", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [
        ("r0", "EARLIER"), ("r1", "EARLIER"), ("r2", "Body paragraph 2."), ("r3", "Body paragraph 3.")]
    assert "2 already done (--resume)" in done.stderr.decode()


def test_jsonl_resume_redoes_a_last_record_whose_line_was_cut_before_its_newline(tmp_path):
    """A run killed while writing can leave a last line that is whole JSON but lacks its line
    end: it is not done, and the record after it must not be glued onto it."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Body paragraph {i}."}) + "\n" for i in range(4)))
    partial = tmp_path / "out.jsonl.partial"
    lines = [json.dumps({"id": f"r{i}", "text": "EARLIER", "error": None}) for i in range(3)]
    partial.write_text("\n".join(lines))  # r2's line has no newline
    done = run_cli(str(src), "-o", str(tmp_path / "out.jsonl"), "--resume")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [
        ("r0", "EARLIER"), ("r1", "EARLIER"), ("r2", "Body paragraph 2."), ("r3", "Body paragraph 3.")]


#: The command line with a bug planted: in the cleaning itself (which runs in a worker
#: process) or in the parent's writing of batch records.
BUGGY_CLI = textwrap.dedent("""
    import sys
    import cleaner.batch.writers, cleaner.engine

    def bug(*args, **kwargs):
        raise RuntimeError("a planted bug")

    if sys.argv[1] == "clean":
        cleaner.engine.Cleaner.clean = bug
    else:
        cleaner.batch.writers.JsonlSink.write = bug
    from cleaner.cli import main
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize("where, args", [
    ("clean", ["clean", str(PAGES[0])]),
    ("writer", ["clean", *map(str, PAGES), "--jobs", "2"]),
], ids=["single-document", "batch"])
def test_an_internal_error_exits_3_in_one_line(where, args):
    done = subprocess.run([sys.executable, "-c", BUGGY_CLI, where, *args], cwd=ROOT, capture_output=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "CLEANER_DEBUG"})
    assert done.returncode == 3
    assert done.stderr.decode().splitlines() == [
        "cleaner: internal error: RuntimeError: a planted bug (set CLEANER_DEBUG=1 for details)"]
    if Path("/proc/self").exists():
        assert wait_gone(by_cmdline(BUGGY_CLI[:40]), 5) == []


def test_cleaner_debug_shows_the_workers_traceback():
    """The bug happened in the worker: the traceback must show where, not only the parent."""
    done = subprocess.run([sys.executable, "-c", BUGGY_CLI, "clean", "clean", str(PAGES[0])], cwd=ROOT,
                          capture_output=True, timeout=120, env={**os.environ, "CLEANER_DEBUG": "1"})
    assert done.returncode != 0
    err = done.stderr.decode()
    assert "RemoteTraceback" in err and "in bug" in err and "RuntimeError: a planted bug" in err
