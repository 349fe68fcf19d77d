"""A fast path for the commonest DOM-rule selectors: whole class and id tokens.

``[class~="share-bar"], #cookie-notice`` compiled by cssselect becomes an XPath that rebuilds
``concat(' ', normalize-space(@class), ' ')`` for every element and every alternative: about
ten document scans per rule, tens of milliseconds per page. Matching the tokens in one Python
pass over the elements gives the same elements in the same (document) order. Parts of a
selector list that are not plain token tests still go to cssselect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

_TOKEN_TERM = re.compile(r"""^\s*(?:\[\s*(class|id)\s*~=\s*(["'])([^"'\s]+)\2\s*\]|#([A-Za-z_][\w-]*))\s*$""")
#: ``[id^="div-gpt-ad"]``: the id starts with a prefix (ad slots number their ids).
_ID_PREFIX = re.compile(r"""^\s*\[\s*id\s*\^=\s*(["'])([^"']+)\1\s*\]\s*$""")

_WITH_CLASS_OR_ID = etree.XPath("descendant-or-self::*[@class or @id]")

Matcher = Callable[[etree._Element], list[etree._Element]]


@dataclass(frozen=True)
class TokenTerms:
    classes: frozenset[str]
    ids: frozenset[str]
    rest: tuple[str, ...]
    id_prefixes: frozenset[str] = frozenset()


def split_selector(selector: str) -> TokenTerms | None:
    """The selector list's plain class/id token tests, and the parts that are something else;
    ``None`` when there is no token test (or a comma inside a part makes splitting unsafe)."""
    if any(c in selector for c in "()"):
        return None
    classes: set[str] = set()
    ids: set[str] = set()
    prefixes: set[str] = set()
    rest: list[str] = []
    for part in selector.split(","):
        m = _TOKEN_TERM.match(part)
        if m is None:
            p = _ID_PREFIX.match(part)
            if p is not None:
                prefixes.add(p.group(2))
            else:
                rest.append(part.strip())
        elif m.group(4):
            ids.add(m.group(4))
        elif m.group(1) == "class":
            classes.add(m.group(3))
        else:
            ids.add(m.group(3))
    if not classes and not ids and not prefixes:
        return None
    return TokenTerms(frozenset(classes), frozenset(ids), tuple(rest), frozenset(prefixes))


class TokenSelector:
    """Called like a compiled XPath: ``selector(root)`` gives the matching elements."""

    def __init__(self, terms: TokenTerms, rest: Matcher | None) -> None:
        self.terms = terms
        self.rest = rest

    def __call__(self, root: etree._Element) -> list[etree._Element]:
        return self.merge(root, scan_tokens(root, [self])[0])

    def merge(self, root: etree._Element, found: list[etree._Element]) -> list[etree._Element]:
        """Add what the selector's other (non-token) parts select to ``found``, the elements
        its token tests select, keeping document order and each element once."""
        others = self.rest(root) if self.rest is not None else []
        if not others:
            return found
        if not found:
            return others
        wanted = set(found).union(others)
        return [el for el in root.iter(etree.Element) if el in wanted]


Index = dict[str, list[int]]


def _token_index(selectors: Sequence[TokenSelector]) -> tuple[Index, Index, Index]:
    """Token (or id prefix) → positions of the selectors that test it: class tokens, id
    tokens, id prefixes."""
    by_class: Index = {}
    by_id: Index = {}
    by_prefix: Index = {}
    for k, selector in enumerate(selectors):
        for index, tokens in (
            (by_class, selector.terms.classes),
            (by_id, selector.terms.ids),
            (by_prefix, selector.terms.id_prefixes),
        ):
            for token in tokens:
                index.setdefault(token, []).append(k)
    return by_class, by_id, by_prefix


def scan_tokens(root: etree._Element, selectors: Sequence[object]) -> dict[int, list[etree._Element]]:
    """Answer the token tests (and id prefixes) of every token selector among ``selectors`` in
    one walk over the page: position in ``selectors`` → the elements its token tests select, in document order.
    A selector's other parts are added by :meth:`TokenSelector.merge` when its rule runs (an
    earlier rule's removals can change what they select). Running each selector on its own
    walks the page once per rule; here the cost per element is one look-up per class or id
    token it carries, however many rules there are."""
    positions = [k for k, s in enumerate(selectors) if isinstance(s, TokenSelector)]
    if not positions:
        return {}
    chosen: list[TokenSelector] = [selectors[k] for k in positions]  # type: ignore[misc]
    by_class, by_id, by_prefix = _token_index(chosen)
    prefixes = tuple(by_prefix)
    found: list[list[etree._Element]] = [[] for _ in chosen]

    def hit(ks: Sequence[int], el: etree._Element) -> None:
        for k in ks:
            hits = found[k]
            if not hits or hits[-1] is not el:  # two of its tokens: still one hit
                hits.append(el)

    for el in _WITH_CLASS_OR_ID(root):
        cls = el.get("class")
        if cls and by_class:
            for token in cls.split():
                if token in by_class:
                    hit(by_class[token], el)
        ident = el.get("id")
        if ident:
            if by_id:
                for token in ident.split():
                    if token in by_id:
                        hit(by_id[token], el)
            if prefixes and ident.startswith(prefixes):
                for prefix in prefixes:
                    if ident.startswith(prefix):
                        hit(by_prefix[prefix], el)
    return dict(zip(positions, found))
