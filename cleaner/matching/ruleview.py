"""What the matching machinery reads of a rule.

Matching sits below the rule format: it never imports :mod:`cleaner.rules`, so the rule model
can be changed or replaced without touching the automata. Any object with these attributes
(:class:`cleaner.rules.rule.Rule` is the one in use) can be indexed and matched.
"""

from __future__ import annotations

from typing import Protocol

from ..model import Block
from .expr import Expr, Span


class MatchRule(Protocol):
    """A text rule as :class:`~cleaner.matching.index.RuleIndex` and the gate see it."""

    @property
    def id(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def expr(self) -> Expr | None: ...
    @property
    def min_words(self) -> int | None: ...
    @property
    def max_words(self) -> int | None: ...
    @property
    def min_link_density(self) -> float | None: ...
    @property
    def max_link_density(self) -> float | None: ...

    def fits(self, block: Block) -> bool:
        """Kind, tags and link density admit the block."""
        ...

    def selection_guard(self, block: Block, n_blocks: int) -> bool:
        """All cheap guards (position and size too) admit the block."""
        ...

    def find(self, norm_text: str, timeout: float | None) -> list[Span] | None: ...


class SelectorRule(Protocol):
    """A DOM rule as :class:`~cleaner.matching.selectors.DomRules` holds it."""

    @property
    def id(self) -> str: ...
    @property
    def selector(self) -> str | None: ...
