"""The rule ledger: what each rule removed, how much of it was gold, and what it does to F1.

For every rule that fired: the blocks (text rules) or elements (DOM rules) it removed over all
pages, how many of those were gold text, and, per corpus, the corpus F1 with the rule minus the
corpus F1 with the rule disabled. Only the pages where a rule fired are re-cleaned without it
(by the runner); every other page keeps its score, and each corpus's F1 is recomputed from
those page scores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from benchmarks.metrics import shingles, summarize, tokens

if TYPE_CHECKING:
    from .corpus import Page
    from .runner import PageRun


@dataclass(frozen=True)
class Removal:
    """One block or element a rule removed, and whether it was gold text."""

    rule_id: str
    dom: bool
    gold: bool


def in_gold(removed: str, truth_shingles: Counter[tuple[str, ...]]) -> bool:
    """Most of the removed text's 4-token shingles occur in the gold body's shingles.

    A DOM removal is judged by its snippet (the first 160 characters of the element's text).
    """
    sh = shingles(tokens(removed))
    if not sh:
        return False
    return sum(min(c, truth_shingles.get(k, 0)) for k, c in sh.items()) * 2 > sum(sh.values())


@dataclass
class LedgerRow:
    rule_id: str
    dom: bool
    #: Pages where the rule removed something.
    pages: int = 0
    removed: int = 0
    gold: int = 0
    #: Per corpus: its F1 with the rule minus its F1 with the rule disabled (``None``: the
    #: rule never fired on that corpus, or the ledger's re-cleaning was not run).
    delta: dict[str, float | None] = field(default_factory=dict)

    @property
    def clutter(self) -> int:
        return self.removed - self.gold

    @property
    def flagged(self) -> bool:
        """It removed more gold text than clutter."""
        return self.gold > self.clutter


def build_ledger(pages: Sequence[Page], runs: Sequence[PageRun], scored: str = "cleaner") -> list[LedgerRow]:
    """One row per rule that fired, most removals first."""
    rows: dict[str, LedgerRow] = {}
    fired_on: dict[str, dict[str, list[int]]] = {}  # rule -> corpus -> page positions
    for i, run in enumerate(runs):
        for removal in run.removals:
            row = rows.setdefault(removal.rule_id, LedgerRow(removal.rule_id, removal.dom))
            row.removed += 1
            row.gold += removal.gold
            at = fired_on.setdefault(removal.rule_id, {}).setdefault(run.corpus, [])
            if not at or at[-1] != i:
                at.append(i)
                row.pages += 1
    corpora = list(dict.fromkeys(p.corpus for p in pages))
    members = {c: [i for i, p in enumerate(pages) if p.corpus == c] for c in corpora}
    base = {c: summarize([runs[i].scores[scored] for i in members[c]]).f1 for c in corpora}
    for rule_id, row in rows.items():
        for corpus in corpora:
            where = set(fired_on[rule_id].get(corpus, ()))
            if not where or any(rule_id not in runs[i].without for i in where):
                row.delta[corpus] = None
                continue
            scores = [runs[i].without[rule_id] if i in where else runs[i].scores[scored] for i in members[corpus]]
            row.delta[corpus] = base[corpus] - summarize(scores).f1
    return sorted(rows.values(), key=lambda r: (-r.removed, r.rule_id))


def print_ledger(
    rows: Sequence[LedgerRow], loaded: Sequence[str], corpora: Sequence[str], out: Callable[[str], None]
) -> None:
    out("\n== Rule ledger: every rule that fired, over all corpora")
    out("removed: blocks (text rules) or elements (DOM rules); gold: those whose 4-token shingles are")
    out("mostly gold text (DOM: judged on the element's first 160 characters); ΔF1 <corpus>: the")
    out("corpus F1 with the rule minus with it disabled (> 0: the rule helps; '·': never fired there);")
    out("! = removed more gold than clutter")
    width = max(10, *(len(c) + 4 for c in corpora))
    out(f"{'rule':<10} {'kind':<4} {'pages':>5} {'removed':>7} {'gold':>5}" + "".join(f" {'ΔF1 ' + c:>{width}}" for c in corpora))
    for row in rows:
        cells = "".join(f" {_delta(row.delta.get(c)):>{width}}" for c in corpora)
        flag = "  !" if row.flagged else ""
        out(f"{row.rule_id:<10} {'dom' if row.dom else 'text':<4} {row.pages:>5} {row.removed:>7} {row.gold:>5}{cells}{flag}")
    removed, gold = sum(r.removed for r in rows), sum(r.gold for r in rows)
    out(f"{'all rules':<10} {'':<4} {'':>5} {removed:>7} {gold:>5}")
    flagged = [r.rule_id for r in rows if r.flagged]
    out("removed more gold than clutter: " + (", ".join(flagged) if flagged else "none"))
    costly = [f"{r.rule_id} ({c} {d:+.5f})" for r in rows for c in corpora if (d := r.delta.get(c)) is not None and d < 0]
    out("lower a corpus's F1: " + (", ".join(costly) if costly else "none"))
    fired = {r.rule_id for r in rows}
    never = [rid for rid in dict.fromkeys(loaded) if rid not in fired]
    out(f"{len(fired)} of {len(set(loaded))} loaded rules fired; {len(never)} never fired on these pages")


def _delta(value: float | None) -> str:
    return "·" if value is None else f"{value:+.5f}"
