"""The rule registry: files in precedence order, disables, and per-page rule selection.

Precedence, lowest first: built-in generic < built-in site < user generic < user site (files
of one rank keep the order they were given in). Rules of higher precedence are tried first on a
block (so the most specific rule is credited), and a file may switch off rules of the files
before it in that order by id with ``disable:``, for the pages its scope covers. A file cannot
switch off its own rules or those of a later file: a user's rules are never silenced by a
built-in site file.
Selection by host and language is cached: a crawl visits few hosts many times.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import RuleError, UsageError
from ..matching.index import AutomatonIndex, RuleIndex
from ..matching.selectors import DomRules, Selector, compile_selector
from .cache import load_rule_file
from .loader import RuleFile
from .rule import Rule, bare_host, pattern_matches
from .scopeindex import ScopeIndex
from .sources import RuleSource

_CACHE_LIMIT = 4096


@dataclass(frozen=True)
class Selection:
    """The rules that apply to one page, ready to run."""

    text: RuleIndex[Rule]
    dom: DomRules[Rule]


def precedence_rank(source: RuleSource, rule_file: RuleFile) -> int:
    """0 built-in generic, 1 built-in site, 2 user generic, 3 user site: higher wins."""
    return (0 if source.builtin else 2) + (0 if rule_file.scope.is_generic else 1)


def split_url(url: str | None) -> tuple[str | None, str | None]:
    if not url:
        return None, None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        return parts.hostname, parts.path or "/"
    except ValueError:
        return None, None


class RuleSet:
    """All loaded rules. Immutable once built, apart from its selection cache."""

    def __init__(
        self,
        sources: Sequence[RuleSource],
        index_factory: type[RuleIndex[Rule]] | None = None,
        disable: Sequence[str] = (),
    ) -> None:
        parsed = [(s, load_rule_file(s.text, s.path)) for s in sources]
        # stable sort: within one rank, files keep the order they were given in
        parsed.sort(key=lambda pair: precedence_rank(*pair))
        self.files: tuple[RuleFile, ...] = tuple(f for _, f in parsed)
        seen: dict[str, Rule] = {}
        for rule_file in self.files:
            for rule in rule_file.rules:
                if rule.id in seen:
                    first = seen[rule.id]
                    raise RuleError(
                        f"duplicate rule id (also defined at {first.path}:{first.line})", rule.path, rule.line, rule.id
                    )
                seen[rule.id] = rule
        self.by_id = seen
        #: Whether any rule is for some languages only: else a page's language picks nothing.
        self.by_language = any(r.languages is not None for r in seen.values())
        unknown = [rid for rid in disable if rid not in seen]
        if unknown:
            raise UsageError(f"cannot disable unknown rule id {', '.join(unknown)} (see 'cleaner rules list')")
        #: Switched off everywhere by the user (``--disable``).
        self.disabled = frozenset(disable)
        #: Position, in precedence order, of the file that defines each rule.
        self.file_of: dict[str, int] = {r.id: i for i, f in enumerate(self.files) for r in f.rules}
        # tried first: highest precedence; within a file, in file order
        self.rules: tuple[Rule, ...] = tuple(r for f in reversed(self.files) for r in f.rules)
        self._selectors = {r.id: _selector(r) for r in self.rules if r.is_dom}
        self._index_factory = index_factory or AutomatonIndex
        self._cache: dict[tuple[str | None, str | None, tuple[bool, ...]], Selection] = {}
        #: The selection of a new host: its language, the rules for particular sites that
        #: cover it, and what is switched off there, decide it.
        self._by_scope: dict[tuple[str | None, tuple[int, ...], frozenset[str]], Selection] = {}
        self._by_rules: dict[tuple[str, ...], Selection] = {}
        self._scopes = ScopeIndex([r.scope for r in self.rules])
        self._disabling = tuple((position, f) for position, f in enumerate(self.files) if f.disable)
        self._lock = threading.Lock()
        #: Domain/path patterns with a path glob: a page's path matters only through them.
        self._path_patterns = tuple(
            dict.fromkeys(
                p
                for scope in [r.scope for r in self.rules] + [f.scope for f in self.files]
                for p in scope.include + scope.exclude
                if "/" in p
            )
        )

    def __len__(self) -> int:
        return len(self.rules)

    def disabled_for(self, host: str | None, path: str | None) -> set[str]:
        """Ids switched off on this page: named by the user, or in a ``disable:`` of a file that
        covers the page and comes after the file defining the rule."""
        off: set[str] = set(self.disabled)
        for position, rule_file in self._disabling:
            if rule_file.scope.matches(host, path):
                off.update(i for i in rule_file.disable if self.file_of.get(i, position) < position)
        return off

    def select(self, url: str | None, lang: str | None) -> Selection:
        """The rules for a page at ``url`` in language ``lang`` (``None`` unknown, ``"any"``)."""
        host, path = split_url(url)
        # pages of one site share their selection unless a path glob tells them apart
        bare, page_path = bare_host(host), path or "/"
        key = (host, lang, tuple(pattern_matches(p, bare, page_path) for p in self._path_patterns))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        off = frozenset(self.disabled_for(host, path))
        specific = self._scopes.specific(host, path)
        scope_key = (lang, specific, off)
        selection = self._by_scope.get(scope_key)
        if selection is None:
            rules = self.rules
            chosen = [
                r
                for r in (rules[i] for i in sorted(self._scopes.everywhere + specific))
                if r.id not in off and r.applies_to_language(lang)
            ]
            # pages with different URLs often select the same rules: build each automaton once
            ids = tuple(r.id for r in chosen)
            selection = self._by_rules.get(ids)
            if selection is None:
                selection = Selection(
                    text=self._index_factory([r for r in chosen if not r.is_dom]),
                    dom=DomRules([(r, self._selectors[r.id]) for r in chosen if r.is_dom]),
                )
            with self._lock:
                if len(self._by_rules) >= _CACHE_LIMIT:
                    self._by_rules.clear()
                if len(self._by_scope) >= _CACHE_LIMIT:
                    self._by_scope.clear()
                self._by_rules[ids] = selection
                self._by_scope[scope_key] = selection
        with self._lock:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()  # many sites: start over, keeping the compiled selections
            self._cache[key] = selection
        return selection


def _selector(rule: Rule) -> Selector:
    assert rule.selector and rule.selector_type
    return compile_selector(rule.selector, rule.selector_type)
