"""Which rules' scopes cover a page, without testing every rule's scope.

A crawl meets a new site on most pages, and a rule library grows by site files: testing each
rule's scope against each new host would cost time in proportion to the rules. Most scopes
are "all sites" or a list of plain domains, so they are looked up instead: a plain domain covers a host exactly when it is one of the host's
dot-separated suffixes (``example.com`` covers ``news.example.com``), so a host is looked up
once per suffix. Scopes with path globs, ``*`` or exclusions are still tested one by one;
they are few. A property test holds the index to :meth:`cleaner.rules.rule.Scope.matches`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .rule import Scope, bare_host, pattern_domain


def _domain_key(pattern: str) -> str | None:
    """The host suffix a scope pattern stands for, as :func:`cleaner.rules.rule.pattern_matches`
    compares it; ``None`` if the pattern is not a plain domain (a path glob, ``*``, empty)."""
    return None if "/" in pattern else pattern_domain(pattern)


def host_suffixes(host: str) -> list[str]:
    """``a.b.com`` → ``a.b.com``, ``b.com``, ``com``: the domains that cover the host."""
    out = [host]
    at = host.find(".")
    while at >= 0:
        out.append(host[at + 1 :])
        at = host.find(".", at + 1)
    return out


class ScopeIndex:
    """Answers, for many scopes at once, which of them cover a page."""

    def __init__(self, scopes: Sequence[Scope]) -> None:
        everywhere: list[int] = []
        self._by_domain: dict[str, list[int]] = {}
        tested: list[tuple[int, Scope]] = []
        for position, scope in enumerate(scopes):
            if not scope.include and not scope.exclude:
                everywhere.append(position)
                continue
            keys = [_domain_key(p) for p in scope.include]
            if scope.exclude or None in keys:
                tested.append((position, scope))
                continue
            for key in dict.fromkeys(keys):
                self._by_domain.setdefault(key, []).append(position)  # type: ignore[arg-type]
        #: The scopes for all sites.
        self.everywhere = tuple(everywhere)
        self._tested = tuple(tested)

    def specific(self, host: str | None, path: str | None) -> tuple[int, ...]:
        """The positions, in order, of the scopes other than "all sites" that cover the page."""
        bare = bare_host(host)
        found = {p for suffix in host_suffixes(bare) for p in self._by_domain.get(suffix, ())}
        found.update(p for p, scope in self._tested if scope.matches(host, path))
        return tuple(sorted(found))
