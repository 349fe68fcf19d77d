"""Batch mode: many documents from files, folders, JSONL, WARC or stdin, cleaned on all cores
in input order, every input record giving exactly one output record."""

from __future__ import annotations

from .many import clean_many
from .run import BatchOptions, run_batch

__all__ = ["BatchOptions", "clean_many", "run_batch"]
