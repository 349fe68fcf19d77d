"""How much of an HTML page's cleaning time do the rules take, next to trafilatura?

For every page of the dev benchmark, in one run: the DOM stage (rule selection for the page
and the DOM rules), the text stage (text rules on the extracted blocks, and the output
text), and trafilatura's extraction, each timed as the fastest of a few runs in CPU time.

trafilatura is timed twice. On its own, on a freshly parsed page: the time trafilatura
takes, which the rule stages are measured against (target: at most 5 %). And inside
cleaner, after the DOM rules: there it runs on a page that the DOM stage has already read
once (the first pass over a freshly parsed page costs the most, whoever makes it) and that
has lost its clutter. The last line gives what cleaner adds to trafilatura end to end: DOM
rules + extraction after them + text rules - extraction alone.

    python benchmarks/rule_stages_share.py [../shared/bench/scrapinghub-dev] [--pages N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner import Cleaner  # noqa: E402
from cleaner.settings import Settings  # noqa: E402
from cleaner.stages.domstage import apply_dom_rules  # noqa: E402
from cleaner.stages.extract import extract  # noqa: E402
from cleaner.stages.features import annotate  # noqa: E402
from cleaner.stages.gcpause import gc_paused  # noqa: E402
from cleaner.stages.htmlpage import page_url, parse_html  # noqa: E402
from cleaner.stages.lang import declared_language  # noqa: E402
from cleaner.stages.render import join_blocks  # noqa: E402
from cleaner.stages.textstage import apply_text_rules  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared/bench/scrapinghub-dev"


def alone(cleaner: Cleaner, html: str, url: str | None) -> float:
    """trafilatura's extraction on a freshly parsed page (the parse belongs to neither side)."""
    root = parse_html(html)
    t0 = time.process_time()
    extract(root, url, cleaner.settings)
    return time.process_time() - t0


def inside(cleaner: Cleaner, html: str, url: str | None) -> tuple[float, float, float]:
    """cleaner's own order, timed stage by stage: DOM rules, extraction, text rules (the block
    features in between are not timed: they are neither rules nor trafilatura)."""
    root = parse_html(html)
    t0 = time.process_time()
    selection = cleaner.rules.select(url or page_url(root), declared_language(root) or "en")
    apply_dom_rules(root, selection.dom)
    t1 = time.process_time()
    extraction = extract(root, url, cleaner.settings)
    t2 = time.process_time()
    blocks = annotate(extraction.blocks, extraction.metadata.title)
    t3 = time.process_time()
    with gc_paused():  # as Cleaner runs the text stage
        selection = cleaner.rules.select(url, "en")
        decisions, _ = apply_text_rules(blocks, selection.text, cleaner.settings.regex_timeout)
        join_blocks(blocks, decisions)
    return t1 - t0, t2 - t1, time.process_time() - t3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages")
    args = parser.parse_args()
    data, limit = args.data, args.pages
    truth_path = data / "ground-truth.json"
    if not truth_path.exists():
        sys.exit(f"no benchmark data at {data} (pass the scrapinghub-dev folder)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    cleaner = Cleaner.default(Settings(lang="en"))
    ids = sorted(truth)[:limit]
    dom_t = alone_t = inside_t = text_t = 0.0
    for page_id in ids:
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        url = truth[page_id].get("url")
        # taking turns, so that both sides meet the same state of a shared machine
        runs = [(alone(cleaner, html, url), *inside(cleaner, html, url)) for _ in range(3)]
        alone_t += min(r[0] for r in runs)
        dom_t += min(r[1] for r in runs)
        inside_t += min(r[2] for r in runs)
        text_t += min(r[3] for r in runs)
    n = len(ids)
    print(f"{n} pages, CPU time, fastest of 3 runs per page")
    print(f"{'stage':40} {'total ms':>9} {'ms/page':>8} {'share of trafilatura':>21}")
    rows = [
        ("DOM rules", dom_t),
        ("text rules (+ output)", text_t),
        ("rule stages together", dom_t + text_t),
        ("trafilatura alone (freshly parsed page)", alone_t),
        ("trafilatura in cleaner, after DOM rules", inside_t),
    ]
    for name, t in rows:
        print(f"{name:40} {t * 1e3:>9.1f} {t * 1e3 / n:>8.2f} {100 * t / alone_t:>20.1f}%")
    added = dom_t + inside_t + text_t - alone_t
    print(f"cleaner end to end minus trafilatura alone: {added * 1e3 / n:.2f} ms/page, {100 * added / alone_t:.1f}%")


if __name__ == "__main__":
    main()
