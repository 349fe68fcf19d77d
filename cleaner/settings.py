"""One settings object instead of global flags, in the manner of trafilatura's ``Extractor``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

InputFormat = Literal["auto", "html", "text"]
Favor = Literal["balanced", "precision", "recall"]

#: Pages larger than this are refused with a clear message unless the limit is raised.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Pages with more elements than this are refused: extraction time grows faster than the
#: element count (real article pages have a few thousand; see benchmarks/hostile.py).
DEFAULT_MAX_ELEMENTS = 200_000


@dataclass(frozen=True)
class Settings:
    """How a :class:`~cleaner.Cleaner` reads, extracts and cleans documents.

    Frozen so that one object can be shared by threads and shipped to worker processes.
    """

    input_format: InputFormat = "auto"
    #: trafilatura's precision/recall bias.
    favor: Favor = "balanced"
    #: Keep the page's comment section (trafilatura ``include_comments``). Off by default:
    #: cleaner's job is the body text.
    include_comments: bool = False
    include_tables: bool = True
    #: Also run trafilatura's fallback extractors (readability, jusText) and keep whichever
    #: output it judges best, as ``trafilatura.extract`` does by default. Without them whole
    #: articles are sometimes cut to a paragraph; ``False`` is faster.
    fallback: bool = True
    #: Extract trafilatura's metadata (author, date, site name, its own title) as well. Off by
    #: default, since text output never shows it and it is a large share of trafilatura's
    #: time; JSON output and batch ``--metadata`` switch it on. The page's address and
    #: language are filled in either way, its title (read cheaply from its markup) when
    #: ``title`` is ``False``.
    with_metadata: bool = False
    #: ``None``: detect the document language and pick rules for it; ``"any"``: run the rules
    #: of every language; a code such as ``"de"``: treat every document as that language.
    lang: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_elements: int = DEFAULT_MAX_ELEMENTS
    #: Time limit, in seconds, for one regular expression on one block (hostile rules).
    regex_timeout: float = 1.0
    #: Apply DOM rules before extraction.
    dom_rules: bool = True
    #: Rule ids switched off everywhere (``--disable``).
    disable: tuple[str, ...] = ()
    #: Keep the line that is the page's title (the headline is body text). ``False`` leaves
    #: that line out, and only that line (``--no-title``); plain-text input has no page title
    #: and keeps its first line either way.
    title: bool = True

    def replace(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
