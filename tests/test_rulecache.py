"""The rule cache may only save time: a cached load must give the same rules as a parse,
and a missing, corrupt, foreign or switched-off cache must fall back to parsing."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules.cache import _key, cache_dir, load_rule_file
from cleaner.rules.loader import parse_rule_file
from cleaner.rules.sources import RuleSource
from cleaner.settings import Settings

RULES = """version: 1
rules:
  - id: CC001
    name: newsletter
    category: newsletter
    message: Newsletter pitch
    match:
      regex: '^\\W*sign up for our (?:daily|weekly) newsletter\\b'
  - id: CC002
    name: follow
    category: share
    message: Follow line
    action: strip_span
    match:
      phrase: [follow us on twitter]
"""
DOC = "Body text of the story, long enough to stay.\n\nSign up for our daily newsletter!\n\nMore body. Follow us on Twitter."


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    where = cache_dir()
    assert where is not None
    return where


def _clean(text: str = RULES) -> list[tuple[bool, str | None, str]]:
    cleaner = Cleaner([RuleSource("cc.yaml", text)], Settings(lang="en", input_format="text"))
    return [(d.kept, d.rule_id, d.text) for d in cleaner.clean(DOC).decisions]


def test_a_warm_load_gives_the_rules_and_decisions_of_a_parse(cache: Path) -> None:
    cold = _clean()
    assert len(list(cache.glob("*.pickle"))) == 1
    assert _clean() == cold
    assert load_rule_file(RULES, "cc.yaml") == parse_rule_file(RULES, "cc.yaml")
    assert [d[1] for d in cold] == [None, "CC001", "CC002"]


def test_changed_rules_are_parsed_again(cache: Path) -> None:
    _clean()
    changed = RULES.replace("daily|weekly", "monthly")
    assert [d[1] for d in _clean(changed)] == [None, None, "CC002"]
    assert len(list(cache.glob("*.pickle"))) == 2


def test_a_corrupt_entry_is_ignored_and_rewritten(cache: Path) -> None:
    _clean()
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert [d[1] for d in _clean()] == [None, "CC001", "CC002"]
    assert isinstance(pickle.loads(entry.read_bytes()), type(parse_rule_file(RULES, "cc.yaml")))


def test_entries_are_not_read_from_a_folder_others_can_write(cache: Path) -> None:
    _clean()
    entry = cache / f"{_key(RULES, 'cc.yaml')}.pickle"
    other = parse_rule_file(RULES.replace("CC001", "XX001"), "cc.yaml")
    entry.write_bytes(pickle.dumps(other))
    assert load_rule_file(RULES, "cc.yaml").rules[0].id == "XX001"  # private folder: read
    os.chmod(cache, 0o777)
    assert load_rule_file(RULES, "cc.yaml").rules[0].id == "CC001"  # shared folder: parsed


def test_the_cache_can_be_switched_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    assert cache_dir() is None
    _clean()
    assert not cache.exists()
