"""Time and peak memory of ``Cleaner.clean`` on hostile pages, one fresh process per page.

    python benchmarks/hostile.py            # every page
    python benchmarks/hostile.py nest-100k  # some of them

Pages are generated, not read from disk. Each runs in its own process so that its peak RSS
is its own; the ``empty`` row is the baseline (interpreter, trafilatura, built-in rules).
Limits in force are the defaults of ``Settings`` (50 MiB, 200,000 elements).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

#: name -> Python expression building the page (bytes), evaluated in the child.
PAGES: dict[str, str] = {
    "empty": "b''",
    "png": "b'\\x89PNG\\r\\n\\x1a\\n' + bytes(range(256)) * 64",
    "utf16-no-bom": "('<html><body><p>' + 'Grüße aus Köln. ' * 2000 + '</p></body></html>').encode('utf-16-le')",
    "scripts-only": "b'<html><body>' + b'<script>var x = 1;</script><style>.a{}</style>' * 20000 + b'</body></html>'",
    "line-20mb-text": "b'word ' * (4 * 1024 * 1024)",
    "line-20mb-html": "b'<html><body><p>' + b'word ' * (4 * 1024 * 1024) + b'</p></body></html>'",
    "nest-2000": "b'<html><body>' + b'<div>' * 2000 + b'deep text ' * 20 + b'</div>' * 2000 + b'</body></html>'",
    "nest-100k": "b'<html><body>' + b'<div>' * 100000 + b'deep' + b'</div>' * 100000 + b'</body></html>'",
    "elements-100k": "b'<html><body>' + b'<p>Lorem ipsum dolor sit amet, consectetur.</p>' * 100000 + b'</body></html>'",
    "elements-200k": "b'<html><body>' + b'<b>x</b>' * 199000 + b'</body></html>'",
    "elements-1m": "b'<html><body>' + b'<b>x</b>' * 1000000 + b'</body></html>'",
    "html-50mb-many": "b'<html><body>' + b'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>' * 780000 + b'</body></html>'",
    "html-48mb-few": "b'<html><body><article>' + (b'<p>' + b'Lorem ipsum dolor sit amet, consectetur. ' * 1200 + b'</p>') * 950 + b'</article></body></html>'",
    "text-1m-lines": "b'A short line of text here.\\n' * 1000000",
    "over-max-bytes": "b'x' * (50 * 1024 * 1024 + 1)",
}

CHILD = """
import json, resource, sys, time
from cleaner import Cleaner
from cleaner.errors import CleanerError
cleaner = Cleaner.default()
cleaner.clean(b'<html><body><p>warm up</p></body></html>')
data = eval(sys.argv[1])
start = time.perf_counter()
try:
    outcome = f"ok, {len(cleaner.clean(data).text):,} chars"
except CleanerError as exc:
    outcome = f"exit {exc.exit_code}: {str(exc)[:60]}"
seconds = time.perf_counter() - start
print(json.dumps({"bytes": len(data), "seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""


def run(name: str) -> dict[str, object]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, PAGES[name]], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        return {"bytes": 0, "seconds": time.perf_counter() - start, "peak_mb": 0, "outcome": f"CRASH {proc.stderr.strip()[-80:]}"}
    return json.loads(proc.stdout)


def main(names: list[str]) -> None:
    names = names or list(PAGES)
    print(f"{'page':<16} {'size':>11} {'clean s':>8} {'peak MB':>8}  outcome")
    for name in names:
        row = run(name)
        print(f"{name:<16} {row['bytes']:>11,} {row['seconds']:>8.2f} {row['peak_mb']:>8.0f}  {row['outcome']}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
