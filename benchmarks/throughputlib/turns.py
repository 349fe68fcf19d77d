"""One process, taking turns page by page: cleaner against trafilatura.extract on each page,
so that whatever the machine does meanwhile touches all contenders alike."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .pages import Page

Contender = Callable[[Page], object]


@dataclass
class Tally:
    """CPU seconds per contender and corpus."""

    seconds: dict[tuple[str, str], float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, corpus: str, seconds: float) -> None:
        self.seconds[name, corpus] = self.seconds.get((name, corpus), 0.0) + seconds

    def ms_per_page(self, name: str, corpus: str | None = None) -> float:
        corpora = [corpus] if corpus else list(self.pages)
        total = sum(self.seconds.get((name, c), 0.0) for c in corpora)
        return 1000 * total / sum(self.pages[c] for c in corpora)


def take_turns(
    pages: Sequence[Page], contenders: dict[str, Contender], rounds: int, warm: Sequence[Contender] = ()
) -> Tally:
    """Each page goes to every contender in turn, ``rounds`` times; the order of the
    contenders alternates between rounds, so none always runs right after another's cache
    misses. Each of ``warm`` sees every page once first, untimed, so that imports and
    first uses are out of the figures (cleaner compiles a rule's regex on its first use, a
    cost a long run pays once per rule, not once per page)."""
    for run in warm:
        for page in pages:
            run(page)
    tally = Tally()
    names = list(contenders)
    for r in range(rounds):
        order = names if r % 2 == 0 else names[::-1]
        for page in pages:
            for name in order:
                start = time.process_time()
                contenders[name](page)
                tally.add(name, page.corpus, time.process_time() - start)
    for page in pages:
        tally.pages[page.corpus] = tally.pages.get(page.corpus, 0) + rounds
    return tally


def text_speed(pages: Sequence[Page], clean_text: Callable[[str], object], rounds: int) -> float:
    """MB/s (CPU time) of cleaning already extracted text: the gold texts of the pages."""
    texts = [p.text for p in pages if p.text]
    for text in texts[:3]:
        clean_text(text)
    size = sum(len(t.encode("utf-8")) for t in texts) * rounds
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            clean_text(text)
    return size / 1e6 / (time.process_time() - start)
