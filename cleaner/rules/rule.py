"""The rule model: one dataclass per rule, built by the loader, read by the stages.

A rule is data: where it applies (scope, languages, block kinds, position, size), what it
matches (a match expression or a DOM selector) and what it does (an action). The stages never
branch on a rule's id or file.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..matching.expr import Expr, Span

if TYPE_CHECKING:
    from ..model import Block

#: A drop rule without an explicit ``max_words`` does not fire on a block longer than this:
#: clutter is short, and a long paragraph that mentions "newsletter" is most likely body.
LONG_BLOCK_WORDS = 80
#: A truncating action needs this much kept body before (``drop_from_here``) or after
#: (``drop_up_to_here``) it unless the rule says otherwise.
DEFAULT_MIN_BODY_WORDS = 30


@dataclass(frozen=True)
class Scope:
    """Which pages a file or rule applies to: domains (with subdomains), optional URL path
    globs, and ``~domain`` exclusions. An empty scope means every site."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def is_generic(self) -> bool:
        return not self.include

    def matches(self, host: str | None, path: str | None) -> bool:
        host = bare_host(host)
        path = path or "/"
        if any(pattern_matches(p, host, path) for p in self.exclude):
            return False
        if not self.include:
            return True
        return any(pattern_matches(p, host, path) for p in self.include)

    def describe(self) -> str:
        if not self.include and not self.exclude:
            return "all sites"
        return ", ".join(list(self.include) + ["~" + e for e in self.exclude])


def bare_host(host: str | None) -> str:
    """The host as scopes compare it: lower case, no trailing dot, no ``www.``."""
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def pattern_domain(domain: str) -> str | None:
    """The domain part of a scope pattern as hosts are compared with it (lower case, no
    ``www.``); ``None`` for ``*`` or nothing, which stand for any host."""
    domain = domain.lower()
    if domain in ("", "*"):
        return None
    return domain.removeprefix("www.")


def pattern_matches(pattern: str, host: str, path: str) -> bool:
    """Does one scope pattern (``domain``, ``domain/path-glob``, ``*/glob``) cover the page?
    ``host`` is already :func:`bare_host`."""
    part, _, glob = pattern.partition("/")
    domain = pattern_domain(part)
    if domain is not None and not (host == domain or host.endswith("." + domain)):
        return False
    if glob:
        return fnmatch.fnmatchcase(path, "/" + glob)
    return True


@dataclass(frozen=True)
class Example:
    text: str
    line: int | None = None
    kind: str | None = None
    tags: frozenset[str] | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    message: str
    action: str
    path: str
    line: int
    #: Text rules have ``expr``; DOM rules have ``selector`` (and ``selector_type``).
    expr: Expr | None = None
    selector: str | None = None
    selector_type: str | None = None  # "css" or "xpath"
    whole_block: bool = False
    max_words: int | None = None
    min_words: int | None = None
    first_blocks: int | None = None
    last_blocks: int | None = None
    kinds: frozenset[str] | None = None
    #: Context tags the block must carry (all of them).
    tags: frozenset[str] | None = None
    min_words_before: int | None = None
    min_words_after: int | None = None
    min_link_density: float | None = None
    max_link_density: float | None = None
    languages: frozenset[str] | None = None
    scope: Scope = field(default_factory=Scope)
    remove_examples: tuple[Example, ...] = ()
    keep_examples: tuple[Example, ...] = ()
    doc: str = ""
    #: Literals declared with ``requires:`` (folded).
    requires: tuple[str, ...] = ()
    #: The file the rule came from is a site file (its scope names domains).
    site_file: bool = False

    @property
    def is_dom(self) -> bool:
        return self.selector is not None

    def applies_to_language(self, lang: str | None) -> bool:
        """``lang`` is a language code, ``"any"``, or ``None`` (unknown)."""
        if self.languages is None or lang == "any":
            return True
        if lang is None:
            return False
        return lang in self.languages

    def fits(self, block: Block) -> bool:
        """The block's kind, tags and link density are what the rule asks for: what a block
        is, whatever its place and length (the text stage remembers the answer per kind,
        tags and density)."""
        return (
            (self.kinds is None or block.kind in self.kinds)
            and (self.tags is None or self.tags <= block.tags)
            and (self.min_link_density is None or block.link_density >= self.min_link_density)
            and (self.max_link_density is None or block.link_density <= self.max_link_density)
        )

    def selection_guard(self, block: Block, n_blocks: int) -> bool:
        """Cheap checks that decide whether the rule is looked at for this block at all."""
        if not self.fits(block):
            return False
        if self.first_blocks is not None or self.last_blocks is not None:
            in_first = self.first_blocks is not None and block.index < self.first_blocks
            in_last = self.last_blocks is not None and block.index >= n_blocks - self.last_blocks
            if not (in_first or in_last):
                return False
        if self.max_words is not None and block.words > self.max_words:
            return False
        if self.min_words is not None and block.words < self.min_words:
            return False
        return True

    def find(self, norm_text: str, timeout: float | None) -> list[Span] | None:
        if self.expr is None:  # a rule on tags alone matches the whole block
            return []
        return self.expr.find(norm_text, timeout)

    def safety_guard(self, block: Block, words_before: int, words_after: int) -> str | None:
        """Guards against over-removal, checked after a match; returns the guard's name."""
        if self.action != "strip_span" and self.max_words is None and block.words > LONG_BLOCK_WORDS:
            return "long_block"
        if self.action == "drop_from_here":
            need = self.min_words_before if self.min_words_before is not None else DEFAULT_MIN_BODY_WORDS
            if words_before < need:
                return "min_words_before"
        if self.action == "drop_up_to_here":
            need = self.min_words_after if self.min_words_after is not None else DEFAULT_MIN_BODY_WORDS
            if words_after < need:
                return "min_words_after"
        return None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "scope": self.scope.describe(),
            "languages": sorted(self.languages) if self.languages else ["*"],
            "action": self.action,
            "type": "dom" if self.is_dom else "text",
            "file": f"{self.path}:{self.line}",
            "message": self.message,
        }
