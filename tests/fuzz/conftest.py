"""The fuzz targets are not part of the default test run: they run for as long as they are
allowed to. ``CLEANER_FUZZ=1 python -m pytest tests/fuzz`` runs them (see README)."""

from __future__ import annotations

import os

if not os.environ.get("CLEANER_FUZZ"):
    collect_ignore_glob = ["test_*.py"]
