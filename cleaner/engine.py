"""The engine: one :class:`Cleaner`, built once, cleans any number of documents.

Data flows one way: bytes → decode → (HTML: parse → DOM rules → trafilatura → blocks) or
(text: blocks) → text rules → result. No I/O happens here: rule files are read by the
constructors in :mod:`cleaner.rules.sources` before the engine sees them, and ``clean`` takes the
document's content, not a path. The object holds no per-document state, so it can be shared by
threads; it pickles as its rule sources and settings and recompiles on arrival, so it can be
shipped to worker processes and cluster executors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError, UsageError
from .model import Block, Decision, DomRemoval, GuardEvent, Metadata, Result
from .rules.ruleset import RuleSet
from .rules.sources import RuleSource, builtin_sources, read_sources
from .settings import Settings
from .stages.decode import check_binary, decode, scrub, sniff_is_html
from .stages.domstage import apply_dom_rules
from .stages.extract import read_page, run_trafilatura, to_extraction
from .stages.features import annotate
from .stages.gcpause import gc_paused
from .stages.htmlpage import (
    CODE,
    DATA,
    UNREAD,
    check_element_count,
    drop_unseen,
    page_url,
    parse_html,
)
from .stages.lang import declared_language, normalize_code, resolve_language
from .stages.lang import warm as warm_language_model
from .stages.render import join_blocks
from .stages.textblocks import split_text
from .stages.textstage import apply_text_rules
from .stages.timing import NO_TIMES, StageTimes


class Cleaner:
    """Cleans documents with a fixed set of rules and settings."""

    def __init__(self, sources: Sequence[RuleSource], settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.sources = tuple(sources)
        self.rules = RuleSet(self.sources, disable=self.settings.disable)

    # -- construction -------------------------------------------------------------------

    @classmethod
    def default(cls, settings: Settings | None = None, extra: Iterable[str | Path] = ()) -> Cleaner:
        """The built-in rules, plus rule files or folders from ``extra`` on top."""
        return cls(builtin_sources() + read_sources(list(extra)), settings)

    @classmethod
    def from_paths(
        cls,
        paths: Iterable[str | Path],
        settings: Settings | None = None,
        *,
        include_builtin: bool = False,
    ) -> Cleaner:
        """Rules from these files or folders only (plus the built-ins if asked)."""
        base = builtin_sources() if include_builtin else []
        return cls(base + read_sources(list(paths)), settings)

    def with_settings(self, **changes: object) -> Cleaner:
        return Cleaner(self.sources, self.settings.replace(**changes))

    def warm(self) -> None:
        """Import and load now what cleaning will need (the extractor, the language model),
        rather than during the first document: in a parent before it forks workers, they
        all share it."""
        import trafilatura  # noqa: F401

        if self.settings.lang is None and (self.rules.by_language or self.settings.with_metadata):
            warm_language_model()

    def __getstate__(self) -> dict[str, object]:
        return {"sources": self.sources, "settings": self.settings}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["sources"], state["settings"])  # type: ignore[misc, arg-type]

    # -- cleaning -----------------------------------------------------------------------

    @gc_paused()  # see cleaner/stages/gcpause.py
    def clean(
        self,
        data: bytes | str,
        url: str | None = None,
        *,
        input_format: str | None = None,
        times: StageTimes | None = None,
    ) -> Result:
        """Clean one document given as bytes (decoded here) or text.

        ``input_format`` overrides the settings (``auto``, ``html`` or ``text``); ``url`` is
        the page's address, used to pick site rules (the page's canonical URL otherwise).
        ``times``, if given, gets each stage's CPU time added (a profiling aid).
        """
        times = times or NO_TIMES
        times.start()
        fmt = input_format or self.settings.input_format
        if fmt not in ("auto", "html", "text"):
            raise UsageError(f"unknown input format '{fmt}' (expected auto, html or text)")
        text = self._decode(data, fmt)
        is_html = fmt == "html" or (fmt == "auto" and sniff_is_html(text))
        times.lap("decode")
        if is_html:
            return self._clean_html(text, url, times)
        return self._clean_text(text, url, None, times)

    def _decode(self, data: bytes | str, fmt: str) -> str:
        size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
        if size > self.settings.max_bytes:
            limit = self.settings.max_bytes
            raise InputError(
                f"input is {size:,} bytes ({size / 2**20:.1f} MiB), over the limit of {limit:,} bytes"
                f" ({limit / 2**20:.4g} MiB); raise it with --max-bytes"
            )
        if isinstance(data, str):
            return scrub(data)
        check_binary(data)
        return scrub(decode(data, html=None if fmt == "auto" else fmt == "html"), surrogates=False)

    def clean_text(self, text: str, url: str | None = None, lang: str | None = None) -> Result:
        """Clean plain text, already decoded: blocks are split on blank lines."""
        return self._clean_text(text, url, lang, NO_TIMES)

    @gc_paused()
    def _clean_text(self, text: str, url: str | None, lang: str | None, times: StageTimes) -> Result:
        blocks = split_text(text)
        times.lap("blocks")
        lang = self._language(lang, [b.text for b in blocks])
        times.lap("language")
        return self._finish(blocks, url, lang, Metadata(url=url, language=lang), "text", times)

    def clean_blocks(self, blocks: Sequence[Block], url: str | None = None, lang: str | None = None) -> Result:
        """Apply the text rules to blocks made elsewhere (another extractor, a test)."""
        lang = self._language(lang, [b.text for b in blocks])
        return self._finish(list(blocks), url, lang, Metadata(url=url, language=lang), "blocks", NO_TIMES)

    def _clean_html(self, text: str, url: str | None, times: StageTimes) -> Result:
        check_element_count(text, self.settings.max_elements)
        root = parse_html(text)
        url = url or page_url(root)
        declared = declared_language(root)
        lean = not self.settings.with_metadata  # metadata is read from scripts too
        if lean:
            drop_unseen(root, CODE)
        times.lap("parse")
        dom_removals, guards = [], []
        if self.settings.dom_rules:
            # the DOM stage runs before the text is known, so it uses the declared language only
            selection = self.rules.select(url, self._language(declared, ()))
            dom_removals, guards = apply_dom_rules(root, selection.dom)
        times.lap("dom rules")
        titles = not self.settings.title or self.settings.with_metadata
        if lean:  # after the DOM rules, whose selectors may name these (a form's e-mail field)
            drop_unseen(root, UNREAD if titles else UNREAD + DATA)  # og:title is a meta
        times.lap("parse")
        # before trafilatura prunes the page; the titles only where something shows them
        facts = read_page(root, titles=titles)
        times.lap("blocks")
        doc = run_trafilatura(root, url, self.settings)
        times.lap("extraction")
        extraction = to_extraction(doc, facts, root, url, self.settings)
        metadata = extraction.metadata
        blocks = annotate(extraction.blocks, extraction.titles, tag_title=not self.settings.title)
        times.lap("blocks")
        lang = self._language(declared, [b.text for b in blocks])
        if metadata.language != lang:
            metadata = Metadata(**{**_fields(metadata), "language": lang})
        times.lap("language")
        return self._finish(blocks, url, lang, metadata, "html", times, dom_removals, guards)

    def _language(self, declared: str | None, texts: Iterable[str]) -> str | None:
        if self.settings.lang is not None:
            return self.settings.lang
        if not self.rules.by_language and not self.settings.with_metadata:
            # no rule depends on it and no output shows it: the declaration, undetected
            return normalize_code(declared)
        return resolve_language(declared, texts)

    @gc_paused()
    def _finish(
        self,
        blocks: list[Block],
        url: str | None,
        lang: str | None,
        metadata: Metadata,
        fmt: str,
        times: StageTimes,
        dom_removals: Sequence[DomRemoval] = (),
        dom_guards: Sequence[GuardEvent] = (),
    ) -> Result:
        selection = self.rules.select(url, lang)
        decisions, guards = apply_text_rules(blocks, selection.text, self.settings.regex_timeout)
        times.lap("text rules")
        result = Result(
            text=join_blocks(blocks, decisions),
            blocks=tuple(blocks),
            decisions=tuple(decisions),
            metadata=metadata,
            input_format=fmt,
            dom_removals=tuple(dom_removals),
            guards=(*dom_guards, *guards),
        )
        times.lap("output")
        return result


def _fields(meta: Metadata) -> dict[str, object]:
    return {name: getattr(meta, name) for name in meta.__dataclass_fields__}


__all__ = ["Cleaner", "Decision"]
