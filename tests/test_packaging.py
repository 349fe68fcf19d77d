"""The built-in rules must ship inside the wheel, so `pip install .` finds them anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def _has_backend() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree")
@pytest.mark.skipif(not _has_backend(), reason="the build backend (hatchling, in the 'test' extra) is not installed")
def test_wheel_contains_builtin_rules(tmp_path: Path):
    # --no-build-isolation: build with the installed backend, never fetch one from an index
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    wheel = next(tmp_path.glob("cleaner-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("builtin_rules/", 1)[1] for n in names if "cleaner/builtin_rules/" in n}
    in_repo = {str(p.relative_to(ROOT / "rules")) for p in (ROOT / "rules").rglob("*.yaml")}
    assert in_repo and in_repo <= shipped
    assert "cleaner/py.typed" in names
