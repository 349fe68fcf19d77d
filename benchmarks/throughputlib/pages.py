"""The dev corpora's pages and gold texts, as the throughput runs use them."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    corpus: str
    id: str
    url: str | None
    html: bytes
    #: The gold article text: the text-input case (already extracted text).
    text: str


def corpora(bench: Path, names: list[str] | None = None) -> list[Path]:
    """Every folder under ``bench`` with a ground-truth.json (or the named ones)."""
    found = [p for p in sorted(bench.iterdir()) if (p / "ground-truth.json").is_file()] if bench.is_dir() else []
    if names:
        found = [p for p in found if p.name in names]
    if not found:
        raise SystemExit(f"throughput: no corpus (a folder with ground-truth.json) under {bench}")
    return found


def load(folder: Path, every: int = 1) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[::every]:
        path = folder / "html" / f"{page_id}.html.gz"
        if path.is_file():
            entry = truth[page_id]
            pages.append(Page(folder.name, page_id, entry.get("url"), gzip.decompress(path.read_bytes()), entry.get("articleBody", "")))
    return pages
