"""A fast path for the commonest DOM-rule selectors: whole class and id tokens.

``[class~="share-bar"], .share-bar, #cookie-notice`` compiled by cssselect becomes an XPath
that rebuilds ``concat(' ', normalize-space(@class), ' ')`` for every element and every
alternative: about ten document scans per rule, tens of milliseconds per page. Here the token
tests of all rules are answered together (:class:`TokenIndex`), giving the same elements in
the same (document) order as cssselect; a property test on generated pages holds them to
it. Parts of a selector list that are not plain token tests still go to cssselect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from .automaton import build_matcher

_TOKEN_TERM = re.compile(
    r"""^\s*(?:\[\s*(class|id)\s*~=\s*(["'])([^"'\s]+)\2\s*\]|#([A-Za-z_][\w-]*)|\.(-?[A-Za-z_][\w-]*))\s*$"""
)
#: ``[id^="div-gpt-ad"]``: the id starts with a prefix (ad slots number their ids).
_ID_PREFIX = re.compile(r"""^\s*\[\s*id\s*\^=\s*(["'])([^"']+)\1\s*\]\s*$""")

#: The page's class and id values as plain strings: no element objects, no back references.
_CLASS_VALUES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)
_ID_VALUES = etree.XPath("descendant-or-self::*/@id", smart_strings=False)

Matcher = Callable[[etree._Element], list[etree._Element]]


@dataclass(frozen=True)
class TokenTerms:
    classes: frozenset[str]
    #: ``[id~="x"]``: one of the id's space-separated tokens.
    ids: frozenset[str]
    rest: tuple[str, ...]
    id_prefixes: frozenset[str] = frozenset()
    #: ``#x``: the whole id.
    exact_ids: frozenset[str] = frozenset()


#: What XPath's ``normalize-space`` (and so cssselect's ``~=``) splits on; ``str.split()``
#: splits on more (no-break and other Unicode spaces, some control characters).
_XML_SPACES = re.compile(r"[ \t\n\r]+")


def _tokens(value: str) -> list[str]:
    """The space-separated tokens of an attribute value, as cssselect's ``~=`` sees them."""
    if value.isprintable():  # then " " is its only space
        return value.split()
    return [token for token in _XML_SPACES.split(value) if token]


class _Presence:
    """Which of some tokens stand whole among a page's attribute values (and which id
    prefixes open one): one automaton scan of all values joined, no token list.

    A token is a maximal run of characters other than XML whitespace (``_tokens``), so with
    the values joined by spaces, padded and their tabs and line ends made spaces, token ``t``
    stands whole exactly where `` t `` occurs. An id prefix ``p`` is looked for as `` p``.
    A page carries hundreds of class and id values: splitting them into tokens would cost
    more than the scan."""

    def __init__(self, tokens: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        self._names = [*tokens, *prefixes]
        patterns = [f" {t} " for t in tokens] + [f" {_spaced(p)}" for p in prefixes]
        self._matcher = build_matcher(patterns) if patterns else None

    def __call__(self, values: list[str]) -> set[str]:
        if self._matcher is None or not values:
            return set()
        text = _spaced(" " + " ".join(values) + " ")
        return {self._names[k] for k in self._matcher.found([text]).get(0, ())}


def _spaced(text: str) -> str:
    """``text`` with XML whitespace as plain spaces."""
    for char in "\t\n\r":
        if char in text:
            text = text.replace(char, " ")
    return text


def _comma_in_quotes(selector: str) -> bool:
    """Whether a comma stands inside a quoted value (``[aria-label="a, b"]``), where it does
    not separate two selectors."""
    quote = ""
    for ch in selector:
        if quote:
            if ch == quote:
                quote = ""
            elif ch == ",":
                return True
        elif ch in "\"'":
            quote = ch
    return False


def split_selector(selector: str) -> TokenTerms | None:
    """The selector list's plain class/id token tests, and the parts that are something else;
    ``None`` when there is no token test (or a comma inside a part makes splitting unsafe)."""
    if any(c in selector for c in "()") or _comma_in_quotes(selector):
        return None
    classes: set[str] = set()
    ids: set[str] = set()
    exact: set[str] = set()
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
            exact.add(m.group(4))
        elif m.group(5):
            classes.add(m.group(5))
        elif m.group(1) == "class":
            classes.add(m.group(3))
        else:
            ids.add(m.group(3))
    if not classes and not ids and not prefixes and not exact:
        return None
    return TokenTerms(frozenset(classes), frozenset(ids), tuple(rest), frozenset(prefixes), frozenset(exact))


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


class TokenIndex:
    """The token tests of several selectors, answered together: token (or id prefix) →
    positions of the token selectors that test it. Built once per rule selection."""

    def __init__(self, selectors: Sequence[object]) -> None:
        self.positions = tuple(k for k, s in enumerate(selectors) if isinstance(s, TokenSelector))
        chosen: list[TokenSelector] = [selectors[k] for k in self.positions]  # type: ignore[misc]
        self.by_class: Index = {}
        self.by_id: Index = {}
        self.by_prefix: Index = {}
        self.by_exact_id: Index = {}
        for k, selector in enumerate(chosen):
            for index, tokens in (
                (self.by_class, selector.terms.classes),
                (self.by_id, selector.terms.ids),
                (self.by_prefix, selector.terms.id_prefixes),
                (self.by_exact_id, selector.terms.exact_ids),
            ):
                for token in tokens:
                    index.setdefault(token, []).append(k)
        self._prefixes = tuple(self.by_prefix)
        self._classes_present = _Presence(self.by_class)
        # an exact id stands whole as a token too: looking for it so finds a superset
        self._ids_present = _Presence(self.by_id.keys() | self.by_exact_id.keys(), self._prefixes)

    def scan(self, root: etree._Element) -> dict[int, list[etree._Element]]:
        """Position in the selector list → the elements its token tests select, in document
        order.

        The page's class and id values are read first as plain strings, which costs two
        passes in C and no element objects; most pages carry none of the tokens, or a few.
        Only the elements whose class or id holds one of those are then fetched (one more
        pass) and tested token by token, so that no lxml element object is made for the
        elements that carry no token of interest."""
        if not self.positions:
            return {}
        classes, ids = self._present(root)
        elements = _finder(classes, ids)(root) if classes or ids else []
        return dict(zip(self.positions, self._assign(elements)))

    def _present(self, root: etree._Element) -> tuple[frozenset[str], frozenset[str]]:
        """The class tokens, and the id tokens, whole ids and id prefixes, of the index that
        the page's class and id values hold (whole ids and prefixes: a superset, which
        :meth:`_assign` narrows)."""
        classes = self._classes_present(_CLASS_VALUES(root)) if self.by_class else set()
        ids = self._ids_present(_ID_VALUES(root)) if self.by_id or self.by_exact_id or self._prefixes else set()
        return frozenset(classes), frozenset(ids)

    def _assign(self, elements: Iterable[etree._Element]) -> list[list[etree._Element]]:
        """The exact token tests, on candidate elements in document order."""
        by_class, by_id, by_prefix, prefixes = self.by_class, self.by_id, self.by_prefix, self._prefixes
        exact = self.by_exact_id
        found: list[list[etree._Element]] = [[] for _ in self.positions]

        def hit(ks: Sequence[int], el: etree._Element) -> None:
            for k in ks:
                hits = found[k]
                if not hits or hits[-1] is not el:  # two of its tokens: still one hit
                    hits.append(el)

        for el in elements:
            cls = el.get("class")
            if cls and by_class:
                for token in _tokens(cls):
                    if token in by_class:
                        hit(by_class[token], el)
            ident = el.get("id")
            if ident:
                if ident in exact:
                    hit(exact[ident], el)
                if by_id:
                    for token in _tokens(ident):
                        if token in by_id:
                            hit(by_id[token], el)
                if prefixes and ident.startswith(prefixes):
                    for prefix in prefixes:
                        if ident.startswith(prefix):
                            hit(by_prefix[prefix], el)
        return found


@lru_cache(maxsize=512)
def _finder(classes: frozenset[str], ids: frozenset[str]) -> etree.XPath:
    """The elements whose class or id contains one of these strings (``ids`` holds the id
    tokens, whole ids and prefixes found on the page): a superset of those that the token
    tests select, which :meth:`TokenIndex._assign` then picks out. Tokens and prefixes never
    hold a quote (see the patterns above), so they are safe inside ``'…'``."""
    paths = []
    if classes:
        tests = " or ".join(f"contains(., '{t}')" for t in sorted(classes))
        paths.append(f"descendant-or-self::*/@class[{tests}]/..")
    if ids:
        tests = " or ".join(f"contains(., '{t}')" for t in sorted(ids))
        paths.append(f"descendant-or-self::*/@id[{tests}]/..")
    return etree.XPath(" | ".join(paths))


def scan_tokens(root: etree._Element, selectors: Sequence[object]) -> dict[int, list[etree._Element]]:
    """Answer the token tests (and id prefixes) of every token selector among ``selectors`` in
    one walk over the page: position in ``selectors`` → the elements its token tests select,
    in document order. A selector's other parts are added by :meth:`TokenSelector.merge` when
    its rule runs (an earlier rule's removals can change what they select). Running each
    selector on its own walks the page once per rule."""
    return TokenIndex(selectors).scan(root)
