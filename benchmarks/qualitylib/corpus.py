"""The dev corpora: where they are, their pages, and the language of each page.

A corpus is a folder with ``ground-truth.json`` (``{id: {"articleBody", "url", ...}}``) and
``html/<id>.html.gz`` (see ``../shared/bench/README.md``). Errors that stop the benchmark are
one-line :class:`SystemExit` messages starting with ``quality:``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
#: Where the dev corpora live, next to the repository.
BENCH_DIR = ROOT.parent / "shared" / "bench"


@dataclass(frozen=True)
class Page:
    corpus: str
    id: str
    url: str
    truth: str
    #: The page as crawled, still encoded: every system decodes it its own way.
    html: bytes
    #: ISO 639-1 code of the gold text's language (see :func:`page_language`), ``"und"`` if unknown.
    lang: str


def find_datasets(bench_dir: Path = BENCH_DIR) -> list[Path]:
    """Every folder directly under ``bench_dir`` that holds a ``ground-truth.json``."""
    found = sorted(p for p in bench_dir.iterdir() if (p / "ground-truth.json").is_file()) if bench_dir.is_dir() else []
    if not found:
        raise SystemExit(f"quality: no dataset (a folder with ground-truth.json) under {bench_dir}; name dataset folders as arguments")
    return found


def load_corpus(dataset: Path, only: Sequence[str] = ()) -> list[Page]:
    """The corpus's pages in id order (only those named in ``only``, if given)."""
    truth_file = dataset / "ground-truth.json"
    if not truth_file.is_file():
        raise SystemExit(f"quality: no ground-truth.json in {dataset}")
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"quality: cannot read {truth_file}: {exc}") from None
    pages = []
    for page_id in sorted(truth):
        if only and page_id not in only:
            continue
        try:
            html = gzip.decompress((dataset / "html" / f"{page_id}.html.gz").read_bytes())
        except (OSError, EOFError) as exc:
            raise SystemExit(f"quality: cannot read page {page_id} of {dataset.name}: {exc}") from None
        entry = truth[page_id]
        body = entry.get("articleBody") or ""
        pages.append(Page(dataset.name, page_id, entry.get("url") or "", body, html, page_language(body, html)))
    return pages


try:
    import py3langid as _langid
except ImportError:  # the bench extra is not installed
    _langid = None

#: How :func:`page_language` decides, for the report's header.
LANGUAGE_SOURCE = (
    "py3langid on the gold text"
    if _langid is not None
    else "the page's <html lang> (py3langid is not installed: pip install -e '.[bench]')"
)

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


def page_language(truth: str, html: bytes) -> str:
    """The gold text's language by py3langid, the detector trafilatura itself uses.

    Checked on both dev corpora against the pages' ``<html lang>``: where the two disagree,
    the declaration was the one that was wrong (Swahili, Xhosa and Zulu pages declaring
    ``en``, German ones declaring ``en``) or missing (most of scrapinghub-dev), so the gold
    text decides. Without py3langid, the declared primary subtag is used.
    """
    if _langid is not None:
        return _langid.classify(truth)[0] if truth.strip() else "und"
    match = _HTML_LANG.search(html[:20_000])
    return match.group(1).decode("ascii").lower() if match else "und"
