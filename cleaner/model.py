"""The data model: what the engine reads (blocks) and what it returns (a result with decisions).

Everything here is a plain dataclass so that results can be pickled across processes and
turned into JSON without surprises. Treat all of it as read-only. ``Block`` and ``Decision``
are not declared frozen only because there is one of each per block of every document, and a
frozen dataclass sets each field through ``object.__setattr__``, several times dearer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Block kinds a rule can be restricted to with ``kinds:``.
KINDS = frozenset(
    {"heading", "paragraph", "list_item", "quote", "table_cell", "caption", "code", "comment"}
)

#: Context tags that :mod:`cleaner.stages.features` puts on blocks, which a rule can require with
#: ``tags:``. They describe a block's place in the page, which its text alone does not show.
TAGS = {
    "page_title": "the line that is the page's title (tagged only when the title is left out: title=False)",
    "link_list": "one of a run of short blocks that are mostly link text (a list of other stories)",
    "linked_block": "a block longer than a headline that is nearly all link text (a teaser with its summary, tags)",
}

#: What a rule does when it matches a block.
ACTIONS = ("drop_block", "drop_from_here", "drop_up_to_here", "strip_span")


@dataclass(slots=True)
class Block:
    """One unit of body text, as the rules see it.

    ``sep`` is what stands between this block and the previous one in the output: a blank line
    between paragraphs, a newline between items of one list, `` | `` between cells of a row.
    """

    index: int
    kind: str
    text: str
    words: int
    link_density: float = 0.0
    sep: str = "\n\n"
    #: Where the block came from: ``"body"`` or ``"comments"``.
    source: str = "body"
    #: Context tags (see ``TAGS``).
    tags: frozenset[str] = frozenset()


@dataclass(slots=True)
class Decision:
    """What happened to one block, and why."""

    index: int
    kept: bool
    text: str
    """The text that is output for this block (shortened by ``strip_span``, empty if dropped)."""
    rule_id: str | None = None
    action: str | None = None
    category: str | None = None
    message: str | None = None
    #: Character spans, in the block's text, of what the rule matched.
    spans: tuple[tuple[int, int], ...] = ()
    #: For range actions, the block whose match removed this one.
    trigger: int | None = None


@dataclass(frozen=True, slots=True)
class GuardEvent:
    """A rule matched but a guard stopped it: reported so that rule authors see near misses."""

    rule_id: str
    index: int | None
    guard: str
    detail: str


@dataclass(frozen=True, slots=True)
class DomRemoval:
    """An element removed from the HTML before extraction."""

    rule_id: str
    selector: str
    tag: str
    chars: int
    snippet: str
    category: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    hostname: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """Everything :meth:`Cleaner.clean` decided about one document."""

    text: str
    blocks: tuple[Block, ...]
    decisions: tuple[Decision, ...]
    metadata: Metadata = field(default_factory=Metadata)
    input_format: str = "text"
    dom_removals: tuple[DomRemoval, ...] = ()
    guards: tuple[GuardEvent, ...] = ()

    @property
    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if d.kept]

    @property
    def removed(self) -> list[Decision]:
        return [d for d in self.decisions if not d.kept]

    def removed_summary(self) -> list[dict[str, Any]]:
        """Removed blocks, one entry each: rule id, action, category, characters."""
        out = []
        for d in self.decisions:
            if d.rule_id is None:
                continue
            block = self.blocks[d.index]
            out.append(
                {
                    "index": d.index,
                    "rule": d.rule_id,
                    "action": d.action,
                    "category": d.category,
                    "message": d.message,
                    "chars": len(block.text) - len(d.text),
                    "text": block.text if not d.kept else " … ".join(block.text[a:b] for a, b in d.spans),
                }
            )
        return out

    def to_dict(self, *, blocks: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "input_format": self.input_format,
            "removed": self.removed_summary(),
            "dom_removed": [asdict(r) for r in self.dom_removals],
            "guards": [asdict(g) for g in self.guards],
            "metadata": asdict(self.metadata),
        }
        if blocks:
            data["blocks"] = [
                {**asdict(b), "decision": asdict(d)} for b, d in zip(self.blocks, self.decisions)
            ]
        return data
