"""WARC files: each HTTP response record with an HTML content type is one document.

The target URI is the document's url and the WARC record id its id. Parsing uses FastWARC
(the ``cleaner[warc]`` extra), chosen over warcio by measurement: see
``benchmarks/warc_readers.py`` and docs/pipelines.md. Other records (requests, metadata,
images, PDFs) are not documents and yield nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import UsageError
from .records import DocTask

WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".warc.lz4")


def is_warc(name: str) -> bool:
    return name.endswith(WARC_SUFFIXES)


def warc_tasks(path: str) -> Iterator[DocTask]:
    """The HTML responses of one WARC file (plain or compressed), in file order.

    A file that cannot be read, or breaks off half-way, yields one error record for what
    could not be read, after the records read before the damage.
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        raise UsageError(f"reading '{path}' needs FastWARC: pip install 'cleaner[warc]'") from None
    count = 0
    try:
        records = ArchiveIterator(
            path, record_types=WarcRecordType.response, parse_http=True, auto_decode="all", fsspec_args=False
        )  # auto_decode: chunked or gzip-encoded HTTP bodies arrive as the page itself
        for record in records:
            content_type = (record.http_content_type or "").lower()
            if "html" not in content_type:
                continue
            count += 1
            headers = record.headers
            yield DocTask(
                id=record.record_id or f"{path}#{count}",
                url=headers.get("WARC-Target-URI"),
                payload=record.reader.read(),
                fields={"date": headers.get("WARC-Date")},
                input_format="html",
            )
    except OSError as exc:
        yield DocTask(id=f"{path}#{count + 1}", url=None, payload=None, error=f"cannot read WARC file '{path}': {exc}")
