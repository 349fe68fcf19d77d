from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _private_rule_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Parsed rule files are cached in a folder of the test session, not the user's
    ~/.cache (child processes of the CLI tests inherit the variable)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
        patch.delenv("CLEANER_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def default_cleaner() -> Cleaner:
    return Cleaner.default()


def write_rules(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The fault tests' input (real pages as JSONL), and the output of an uninterrupted run
    of it: made once for all of them, which only read it."""
    from .faults import RECORDS, crawl_with_reference

    return crawl_with_reference(tmp_path_factory.mktemp("crawl"), RECORDS)
