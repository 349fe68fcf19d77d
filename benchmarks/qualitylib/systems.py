"""The systems scored beside cleaner, and trafilatura called with cleaner's own options.

Every peer gets the page as bytes and decodes it itself, as it would in use. A peer is a
function ``(html, url, settings) -> text``; ``settings`` are cleaner's, which only
``trafilatura, cleaner's options`` reads.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from cleaner import Settings


def trafilatura_kwargs(settings: Settings, url: str | None) -> dict[str, Any]:
    """The ``trafilatura.extract`` keyword arguments that extract a page as cleaner does.

    This mirrors cleaner's one call to ``trafilatura.bare_extraction`` (cleaner/stages/extract.py):
    keep the two in step (``tests/test_quality_parts.py`` checks them against that call).
    """
    return {
        "url": url if settings.with_metadata else None,
        "favor_precision": settings.favor == "precision",
        "favor_recall": settings.favor == "recall",
        "include_comments": settings.include_comments,
        "include_tables": settings.include_tables,
        "include_links": False,
        "with_metadata": settings.with_metadata,
        "fast": not settings.fallback,
    }


#: Inline elements: no line break around them. Every other element is a block.
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code del dfn em font hi i ins kbd mark q ref s samp small span strike strong sub sup time tt u var".split()
)


def markup_to_text(markup: str, *, html: bool = False) -> str:
    """The text of an XML document (``html``: an HTML fragment), with a line break around each
    block element, so that the words of two blocks never run together and those of one never
    come apart."""
    if not markup.strip():
        return ""
    if html:
        from lxml import html as lxml_html

        root = lxml_html.fromstring(markup)
    else:
        root = etree.fromstring(markup.encode("utf-8"), etree.XMLParser(huge_tree=True))
    out: list[str] = []
    for event, node in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            if node.tail:
                out.append(node.tail)  # only their tail is text
            continue
        block = node.tag not in _INLINE
        if event == "start":
            if block:
                out.append("\n")
            if node.text:
                out.append(node.text)
        else:
            if block:
                out.append("\n")
            if node is not root and node.tail:
                if node.tag == "ref" and out and out[-1][-1:].isalnum() and node.tail[0].isalnum():
                    out.append(" ")  # trafilatura's link mode drops the space after a link, as cleaner knows
                out.append(node.tail)
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura(**options: Any) -> Callable[[bytes, str | None, Settings], str]:
    def run(html: bytes, url: str | None, settings: Settings) -> str:
        import trafilatura

        return trafilatura.extract(html, url=url, **options) or ""

    return run


def _trafilatura_as_cleaner(html: bytes, url: str | None, settings: Settings) -> str:
    import trafilatura

    # XML, not text: with include_links the text output writes each link as [text](target),
    # whose target tokens would count against the page
    return markup_to_text(trafilatura.extract(html, output_format="xml", **trafilatura_kwargs(settings, url)) or "")


def _readability(html: bytes, url: str | None, settings: Settings) -> str:
    from readability import Document

    # it logs a traceback before raising on a page it cannot read; the runner records the error
    logging.getLogger("readability").setLevel(logging.CRITICAL)

    return markup_to_text(Document(html, url=url).summary(html_partial=True), html=True)


@dataclass(frozen=True)
class Peer:
    key: str
    label: str
    #: Column heading in the per-language table.
    short: str
    run: Callable[[bytes, str | None, Settings], str]
    #: Module the peer needs that the core install lacks (``None``: always there).
    needs: str | None = None

    def available(self) -> bool:
        return self.needs is None or importlib.util.find_spec(self.needs) is not None


#: The peer extractors ``--systems`` picks from.
PEERS = {
    p.key: p
    for p in (
        Peer("trafilatura", "trafilatura", "traf", _trafilatura()),
        Peer("trafilatura-nc", "trafilatura, no comments", "traf nc", _trafilatura(include_comments=False)),
        Peer("trafilatura-precision", "trafilatura, favor_precision", "traf prec", _trafilatura(favor_precision=True)),
        Peer("readability", "readability-lxml", "readabil", _readability, needs="readability"),
        Peer("trafilatura-fast", "trafilatura, no comm., fast", "traf fast", _trafilatura(include_comments=False, fast=True)),
    )
}
DEFAULT_PEERS = ("trafilatura", "trafilatura-nc", "trafilatura-precision", "readability")
#: Always run: the other half of the no-page-lost check.
TRAF_AS_CLEANER = Peer("trafilatura-cleaner", "trafilatura, cleaner's options", "traf cl", _trafilatura_as_cleaner)
#: The peer that pages are called better or worse against.
REFERENCE = "trafilatura-nc"

#: cleaner as scored, with no rules at all (``--no-default-rules``), and with ``--fallback``.
CLEANER, NO_RULES, CLEANER_FALLBACK = "cleaner", "cleaner-norules", "cleaner-fallback"
#: Table label and per-language column heading of every system.
LABELS = {
    CLEANER: ("cleaner", "cleaner"),
    NO_RULES: ("cleaner, no rules", "no rules"),
    CLEANER_FALLBACK: ("cleaner, --fallback", "cl fallb"),
    TRAF_AS_CLEANER.key: (TRAF_AS_CLEANER.label, TRAF_AS_CLEANER.short),
    **{p.key: (p.label, p.short) for p in PEERS.values()},
}
#: What ``--systems`` may name.
CHOICES = (*PEERS, CLEANER_FALLBACK)
