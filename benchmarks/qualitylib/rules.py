"""Which rule files cleaner is scored with, and the ids of the rules they define.

The built-in rules are read from the repository's ``rules/`` folder, next to this benchmark,
through the public ``Cleaner.from_paths``: no import of cleaner's internals is needed, and the
rules measured are the ones in the working tree.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .corpus import ROOT

RULES_DIR = ROOT / "rules"


def rule_paths(site_rules: bool) -> list[Path]:
    """The generic built-in rules, plus the site rules when asked.

    By default cleaner runs with the generic rules only: some site rules were written for
    sites that have pages in the dev corpora, so with them the figures would say less about
    how the rules do on sites nobody wrote rules for.
    """
    return [RULES_DIR] if site_rules else [RULES_DIR / "generic"]


def rule_ids(paths: list[Path]) -> list[str]:
    """The id of every rule defined in the ``*.yaml``/``*.yml`` files under ``paths``."""
    ids: list[str] = []
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml"))
        for file in files:
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            ids += [str(rule["id"]) for rule in data.get("rules") or () if isinstance(rule, dict) and "id" in rule]
    return ids
