"""Which multi-literal matcher should the prefilter use? Measured, not guessed.

Compares pyahocorasick, ahocorasick_rs, hyperscan and the built-in pure-Python fallback on
the job the prefilter does: build an automaton from N folded literals, then find which
literals occur in each block of real text (overlapping matches, every literal counted once per
block). Literals are word n-grams and word fragments drawn from the text's own vocabulary,
so that a realistic share of them hits.

    python benchmarks/ac_libraries.py [../shared/bench/scrapinghub-dev/ground-truth.json]

Prints one table: build time and scan speed for each library and literal count.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.matching.index import PurePythonAutomaton  # noqa: E402
from cleaner.matching.normalize import fold  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared/bench/scrapinghub-dev/ground-truth.json"
SEP = "\n"

Scan = Callable[[list[str]], list[set[int]]]


def load_blocks(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = []
    for page in data.values():
        blocks.extend(fold(p) for p in page["articleBody"].split("\n") if p.strip())
    return blocks


def make_literals(blocks: list[str], n: int, rng: random.Random) -> list[str]:
    words = " ".join(blocks).split()
    out: set[str] = set()
    while len(out) < n:
        if rng.random() < 0.03:  # a single word, as derived from a regex
            lit = rng.choice(words)
            if len(lit) < 5:
                continue
        else:  # a phrase of 2 to 6 words; most never occur in ordinary text
            k = rng.randint(2, 6)
            i = rng.randrange(len(words) - k)
            lit = " ".join(words[i : i + k])
            if rng.random() < 0.9:
                lit += " " + rng.choice(["zqx", "newsletter", "subscribe", "donate", "inbox"])
        if len(lit) >= 3:
            out.add(lit)
    return sorted(out)


def build_pyahocorasick(literals: list[str]) -> Scan:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for i, lit in enumerate(literals):
        auto.add_word(lit, i)
    auto.make_automaton()

    def scan(blocks: list[str]) -> list[set[int]]:
        return [{v for _, v in auto.iter(b)} for b in blocks]

    return scan


def build_pyahocorasick_joined(literals: list[str]) -> Scan:
    from bisect import bisect_right

    import ahocorasick

    auto = ahocorasick.Automaton()
    for i, lit in enumerate(literals):
        auto.add_word(lit, i)
    auto.make_automaton()

    def scan(blocks: list[str]) -> list[set[int]]:
        starts, pos = [], 0
        for b in blocks:
            starts.append(pos)
            pos += len(b) + 1
        out: list[set[int]] = [set() for _ in blocks]
        for end, v in auto.iter(SEP.join(blocks)):
            out[bisect_right(starts, end) - 1].add(v)
        return out

    return scan


def build_ahocorasick_rs(literals: list[str]) -> Scan:
    import ahocorasick_rs

    auto = ahocorasick_rs.AhoCorasick(literals)

    def scan(blocks: list[str]) -> list[set[int]]:
        return [{m[0] for m in auto.find_matches_as_indexes(b, overlapping=True)} for b in blocks]

    return scan


def build_ahocorasick_rs_joined(literals: list[str]) -> Scan:
    from bisect import bisect_right

    import ahocorasick_rs

    auto = ahocorasick_rs.AhoCorasick(literals)

    def scan(blocks: list[str]) -> list[set[int]]:
        starts, pos = [], 0
        for b in blocks:
            starts.append(pos)
            pos += len(b) + 1
        out: list[set[int]] = [set() for _ in blocks]
        for v, a, _ in auto.find_matches_as_indexes(SEP.join(blocks), overlapping=True):
            out[bisect_right(starts, a) - 1].add(v)
        return out

    return scan


def build_hyperscan(literals: list[str]) -> Scan:
    import hyperscan

    db = hyperscan.Database()
    n = len(literals)
    db.compile(
        expressions=[lit.encode("utf-8") for lit in literals],
        ids=list(range(n)),
        elements=n,
        flags=hyperscan.HS_FLAG_SINGLEMATCH,
        literal=True,
    )

    def scan(blocks: list[str]) -> list[set[int]]:
        out = []
        for b in blocks:
            found: set[int] = set()
            db.scan(b.encode("utf-8"), match_event_handler=lambda i, a, e, f, c: found.add(i))
            out.append(found)
        return out

    return scan


def build_pure(literals: list[str]) -> Scan:
    auto = PurePythonAutomaton(literals)

    def scan(blocks: list[str]) -> list[set[int]]:
        return [{m[0] for m in auto.find_matches_as_indexes(b)} for b in blocks]

    return scan


LIBS: dict[str, Callable[[list[str]], Scan]] = {
    "pyahocorasick/block": build_pyahocorasick,
    "pyahocorasick/joined": build_pyahocorasick_joined,
    "ahocorasick_rs/block": build_ahocorasick_rs,
    "ahocorasick_rs/joined": build_ahocorasick_rs_joined,
    "hyperscan/block": build_hyperscan,
    "pure-python": build_pure,
}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    if not path.exists():
        sys.exit(f"no benchmark data at {path} (pass the ground-truth.json path)")
    blocks = load_blocks(path)
    mb = sum(len(b.encode("utf-8")) + 1 for b in blocks) / 1e6
    rng = random.Random(6)
    print(f"text: {len(blocks)} blocks, {mb:.2f} MB")
    print(f"{'library':24} {'literals':>9} {'build ms':>9} {'scan MB/s':>10} {'hits':>8}")
    reference: dict[int, list[set[int]]] = {}
    for n in (100, 1_000, 10_000, 100_000):
        literals = make_literals(blocks, n, rng)
        for name, build in LIBS.items():
            if (name == "pure-python" and n > 10_000) or (name.startswith("hyperscan") and n > 10_000):
                continue  # minutes of build time; the trend is clear from the smaller sets
            try:
                t0 = time.process_time()
                scan = build(literals)
                t1 = time.process_time()
            except ImportError:
                print(f"{name:24} {n:>9} {'not installed':>20}")
                continue
            t2 = time.process_time()
            found = scan(blocks)
            t3 = time.process_time()
            ref = reference.setdefault(n, found)
            same = "" if found == ref else "  (DIFFERENT RESULT)"
            hits = sum(len(f) for f in found)
            print(f"{name:24} {n:>9} {(t1 - t0) * 1e3:>9.1f} {mb / (t3 - t2):>10.1f} {hits:>8}{same}")


if __name__ == "__main__":
    main()
