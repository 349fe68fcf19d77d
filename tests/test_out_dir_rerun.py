"""``--out-dir`` run again without ``--resume`` cleans every page again: a .txt left by an
earlier run is no reason to skip its page (only ``--resume`` says so)."""

from __future__ import annotations

import subprocess
import sys


def test_a_second_run_without_resume_replaces_the_texts(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    page = src / "note.txt"
    page.write_text("The first version of the note.")
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "--out-dir", str(out), "-q"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (out / "note.txt").read_text() == "The first version of the note.\n"
    page.write_text("The second version of the note.")
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert (out / "note.txt").read_text() == "The second version of the note.\n"
