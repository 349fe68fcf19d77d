"""The rule-stage share benchmark end to end on the tiny dataset of the quality benchmark's
test (no ../shared needed): it runs, and its rows add up."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT
from .test_quality_benchmark import _dataset

SCRIPT = ROOT / "benchmarks" / "rule_stages_share.py"


def test_share_benchmark_rows_add_up(tmp_path):
    data = _dataset(tmp_path)
    out = subprocess.run([sys.executable, str(SCRIPT), str(data)], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"^(\S.*?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)%$", line)
        if m:
            rows[m.group(1)] = (float(m.group(2)), float(m.group(4)))
    assert set(rows) == {
        "DOM rules",
        "text rules (+ output)",
        "rule stages together",
        "trafilatura alone (freshly parsed page)",
        "trafilatura in cleaner, after DOM rules",
    }
    assert rows["trafilatura alone (freshly parsed page)"][1] == 100.0
    together = rows["DOM rules"][0] + rows["text rules (+ output)"][0]
    assert abs(rows["rule stages together"][0] - together) <= 0.11  # each printed to 0.1 ms
    assert re.search(r"^cleaner end to end minus trafilatura alone: -?[\d.]+ ms/page, -?[\d.]+%$", out, re.M)


def test_missing_dataset_is_a_one_line_error(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nope")], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.strip().startswith("no benchmark data at")
