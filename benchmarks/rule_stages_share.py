"""How much of an HTML page's cleaning time do the rules take, next to trafilatura?

For every page of the dev benchmark, in one run: the DOM stage (rule selection for the page
and the DOM rules), trafilatura's extraction, and the text stage (text rules on the
extracted blocks, and the output text), each timed as the fastest of a few runs in CPU time.
Prints totals over all pages and the rule stages' share of the extraction time (target: at
most 5 %).

    python benchmarks/rule_stages_share.py [../shared/bench/scrapinghub-dev] [--pages N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner import Cleaner  # noqa: E402
from cleaner.domstage import apply_dom_rules  # noqa: E402
from cleaner.extract import extract  # noqa: E402
from cleaner.features import annotate  # noqa: E402
from cleaner.htmlpage import page_url, parse_html  # noqa: E402
from cleaner.lang import declared_language  # noqa: E402
from cleaner.settings import Settings  # noqa: E402
from cleaner.textstage import apply_text_rules  # noqa: E402
from cleaner.render import join_blocks  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared/bench/scrapinghub-dev"
T = TypeVar("T")


def fastest(fn: Callable[[], T], runs: int = 3) -> tuple[float, T]:
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t0)
    return best, out  # type: ignore[return-value]



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
    dom_t = extract_t = text_t = 0.0
    for page_id in ids:
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        url = truth[page_id].get("url")

        def dom_stage() -> tuple[float, object]:
            root = parse_html(html)  # the parse belongs to neither side: not timed
            t0 = time.process_time()
            selection = cleaner.rules.select(url or page_url(root), declared_language(root) or "en")
            apply_dom_rules(root, selection.dom)
            return time.process_time() - t0, root

        def extract_stage() -> tuple[float, object]:
            _, root = dom_stage()  # trafilatura changes the tree: a fresh one each run
            t0 = time.process_time()
            extraction = extract(root, url, cleaner.settings)
            return time.process_time() - t0, extraction

        d = min(dom_stage()[0] for _ in range(3))
        t_extract, extraction = min((extract_stage() for _ in range(3)), key=lambda pair: pair[0])
        blocks = annotate(extraction.blocks, extraction.metadata.title)

        def text_stage() -> str:
            selection = cleaner.rules.select(url, "en")
            decisions, _ = apply_text_rules(blocks, selection.text, cleaner.settings.regex_timeout)
            return join_blocks(blocks, decisions)

        t_text, _ = fastest(text_stage)
        dom_t += d
        extract_t += t_extract
        text_t += t_text
    print(f"{len(ids)} pages, CPU time, fastest of 3 runs per page")
    print(f"{'stage':28} {'total ms':>9} {'ms/page':>8} {'share of trafilatura':>21}")
    for name, t in [("DOM rules", dom_t), ("text rules (+ output)", text_t), ("rule stages together", dom_t + text_t), ("trafilatura extraction", extract_t)]:
        print(f"{name:28} {t * 1e3:>9.1f} {t * 1e3 / len(ids):>8.2f} {100 * t / extract_t:>20.1f}%")


if __name__ == "__main__":
    main()
