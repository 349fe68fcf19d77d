"""What language detection costs next to cleaning, on the benchmark pages.

Usage: python benchmarks/lang_detect.py [BENCH_DIR] [--pages N]

For every page: clean it once with the default Cleaner (which extracts the blocks), then time
``detect_language`` and ``resolve_language`` on those blocks and the text stage alone with the
rules of the detected language and with every language's rules (``--lang any``). All figures
come from the same run, so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.stages.lang import detect_language, resolve_language  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "bench" / "scrapinghub-dev"


def _time(fn: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    pages = sorted(Path(args.bench_dir, "html").glob("*.html.gz"))[: args.pages]
    if not pages:
        print(f"no pages under {args.bench_dir}/html", file=sys.stderr)
        return 1
    cleaner = Cleaner.default()
    everything = cleaner.with_settings(lang="any")
    totals = {"clean (whole page)": 0.0, "detect_language": 0.0, "resolve_language": 0.0,
              "text rules, page's language": 0.0, "text rules, all languages": 0.0}  # fmt: skip
    for page in pages:
        html = gzip.decompress(page.read_bytes())
        start = time.perf_counter()
        result = cleaner.clean(html)
        totals["clean (whole page)"] += time.perf_counter() - start
        texts = [b.text for b in result.blocks]
        lang = result.metadata.language
        totals["detect_language"] += _time(lambda: detect_language(texts), args.repeat)
        totals["resolve_language"] += _time(lambda: resolve_language(lang, texts), args.repeat)
        totals["text rules, page's language"] += _time(lambda: cleaner.clean_blocks(result.blocks, lang=lang), args.repeat)
        totals["text rules, all languages"] += _time(lambda: everything.clean_blocks(result.blocks), args.repeat)
    base = totals["clean (whole page)"]
    print(f"{len(pages)} pages, {len(cleaner.rules)} rules loaded")
    print(f"{'step':<30} {'ms/page':>9} {'% of clean':>11}")
    for name, total in totals.items():
        print(f"{name:<30} {1000 * total / len(pages):>9.3f} {100 * total / base:>10.2f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
