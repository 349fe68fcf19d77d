"""Which WARC library batch mode should use: FastWARC against warcio, side by side.

    python benchmarks/warc_readers.py [PAGES_DIR] [--copies 10] [--rounds 3]

Writes one gzip-per-record WARC of the benchmark pages (each an HTTP response with a request
record before it, as crawlers write them), then times each library taking out every HTML
response's target URI, record id and payload, which is all batch mode needs. Best of
``--rounds`` per library, alternating, so that both see the same machine load.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ROOT.parent / "shared" / "bench" / "scrapinghub-dev" / "html"


def _record(kind: str, uri: str, rid: int, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{rid:012d}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=1)


def write_warc(pages: list[bytes], copies: int, path: Path) -> int:
    n = 0
    with open(path, "wb") as f:
        for c in range(copies):
            for i, body in enumerate(pages):
                uri = f"https://example.org/{c}/{i}"
                f.write(_record("request", uri, 2 * n, f"GET /{c}/{i} HTTP/1.1\r\n\r\n".encode()))
                http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
                f.write(_record("response", uri, 2 * n + 1, http.encode() + body))
                n += 1
    return n


def read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    for rec in ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True, fsspec_args=False):
        if "html" in (rec.http_content_type or ""):
            _ = (rec.headers.get("WARC-Target-URI"), rec.record_id, rec.reader.read())
            count += 1
    return count


def read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response":
                continue
            if "html" in (rec.http_headers.get_header("Content-Type") or ""):
                _ = (rec.rec_headers.get_header("WARC-Target-URI"), rec.rec_headers.get_header("WARC-Record-ID"), rec.content_stream().read())
                count += 1
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", nargs="?", default=str(DEFAULT_PAGES))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    pages = [gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes() for p in sorted(Path(args.pages).glob("*.html*"))]
    readers = {"fastwarc": read_fastwarc, "warcio": read_warcio}
    best = {name: float("inf") for name in readers}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        n = write_warc(pages, args.copies, path)
        size = path.stat().st_size / 1e6
        for _ in range(args.rounds):
            for name, read in readers.items():
                start = time.perf_counter()
                got = read(path)
                best[name] = min(best[name], time.perf_counter() - start)
                if got != n:
                    sys.exit(f"{name} found {got} HTML responses, expected {n}")
    print(f"{n} HTML responses, {size:.1f} MB gzipped WARC, best of {args.rounds}\n")
    print(f"{'library':<10} {'seconds':>8} {'records/s':>10} {'vs warcio':>10}")
    for name, secs in best.items():
        print(f"{name:<10} {secs:>8.3f} {n / secs:>10.0f} {best['warcio'] / secs:>10.2f}")


if __name__ == "__main__":
    main()
