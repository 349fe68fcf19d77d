"""The quality benchmark end to end on a tiny dataset made here (no ../shared needed)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "quality.py"
BODY = " ".join(f"Sentence number {i} of the story tells what happened in the town that week." for i in range(12))
PAGE = f"""<html><head><title>A town story</title></head><body>
<article><h1>A town story</h1><p>{BODY}</p><p>{BODY}</p>
<p>Sign up for our daily newsletter to get the best stories delivered to your inbox.</p></article>
</body></html>"""


def _dataset(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    truth = {"p1": {"articleBody": f"{BODY}\n\n{BODY}", "url": "https://example.com/a"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_benchmark_scores_cleaner_above_plain_trafilatura_on_clutter(tmp_path):
    data = _dataset(tmp_path)
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(data), "--jobs", "1", "--show-page", "p1"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    ).stdout
    header = next(line.split() for line in out.splitlines() if line.startswith("system"))
    at = header.index("precision") - len(header)  # counted from the right: names have spaces
    rows = {line[:28].strip(): line.split() for line in out.splitlines() if line.startswith(("cleaner", "trafilatura"))}
    cleaner_p = float(rows["cleaner (generic rules)"][at])
    trafilatura_p = float(rows["trafilatura"][at])
    assert cleaner_p == 1.0 and trafilatura_p < 1.0
    assert "NL003" in out or "NL002" in out  # the rule that removed the pitch is listed


def test_missing_dataset_is_a_one_line_error(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nope")], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.strip().startswith("quality: no ground-truth.json")
