"""Instructions per pass of the text stage and per page of the DOM stage, counted by cachegrind.

Wall and CPU time on a shared machine move by a third from one process to the next; the
number of instructions does not. Each stage is run in a child process under
``valgrind --tool=cachegrind`` once with one pass and once with four, and the difference is
divided by three, so start-up, imports and rule loading cancel out. Instructions are not
time (a pass over a large lxml tree waits on memory more than it computes), so use this to
compare two versions of the code, and the timing benchmarks for the figures themselves.

    python benchmarks/stage_instructions.py [../shared/bench/scrapinghub-dev] [--pages N]

Needs valgrind (Debian: ``apt install valgrind``).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared/bench/scrapinghub-dev"
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def run_stage(stage: str, data: Path, pages: int, passes: int) -> None:
    """The child: load, warm up once, then ``passes`` passes of one stage."""
    sys.path.insert(0, str(ROOT))
    from cleaner import Cleaner
    from cleaner.settings import Settings
    from cleaner.stages.domstage import apply_dom_rules
    from cleaner.stages.htmlpage import parse_html
    from cleaner.stages.lang import declared_language
    from cleaner.stages.render import join_blocks
    from cleaner.stages.textblocks import split_text
    from cleaner.stages.textstage import apply_text_rules

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    cleaner = Cleaner.default(Settings(lang="en"))
    if stage == "text":
        paragraphs = [p.strip() for page in truth.values() for p in page["articleBody"].split("\n") if p.strip()]
        blocks = split_text("\n\n".join(paragraphs))
        index = cleaner.rules.select("https://example.com/a", "en").text
        for _ in range(1 + passes):
            join_blocks(blocks, apply_text_rules(blocks, index, 1.0)[0])
        return
    ids = sorted(truth)[:pages]
    trees = [
        (parse_html(gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace")), truth[i].get("url"))
        for i in ids
    ]
    # every pass works on fresh copies (the stage removes elements); the copies of the
    # passes not run are made too, so that copying cancels out
    for k in range(1 + 4):
        for root, url in trees:
            tree = copy.deepcopy(root)
            if k <= passes:
                selection = cleaner.rules.select(url, declared_language(tree) or "en")
                apply_dom_rules(tree, selection.dom)


def count(stage: str, data: Path, pages: int, passes: int) -> int:
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, __file__, str(data), "--child", stage, "--pages", str(pages), "--passes", str(passes),
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    found = _REFS.search(out)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=60, help="dev pages for the DOM stage (default 60)")
    parser.add_argument("--child", choices=["text", "dom"], help=argparse.SUPPRESS)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_stage(args.child, args.data, args.pages, args.passes)
        return
    if not (args.data / "ground-truth.json").exists():
        sys.exit(f"no benchmark data at {args.data} (pass the scrapinghub-dev folder)")
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    # the rule cache is filled first, so that neither counted run compiles the rules
    subprocess.run([sys.executable, __file__, str(args.data), "--child", "text", "--passes", "0"], check=True)
    print(f"{'stage':34} {'instructions':>14}")
    per_pass = (count("text", args.data, 0, 4) - count("text", args.data, 0, 1)) / 3
    print(f"{'text stage, one pass (gold texts)':34} {per_pass / 1e6:>12.1f} M")
    per_page = (count("dom", args.data, args.pages, 4) - count("dom", args.data, args.pages, 1)) / 3 / args.pages
    print(f"{f'DOM stage, per page ({args.pages} pages)':34} {per_page / 1e6:>12.2f} M")


if __name__ == "__main__":
    main()
