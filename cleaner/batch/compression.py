"""Reading files that may be compressed, chosen by their suffix, so that callers never care.

``.gz`` is read with the standard library; ``.zst`` needs the ``zstandard`` package (the
``cleaner[batch]`` extra), and says so in one line when it is missing.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, UsageError

COMPRESSED_SUFFIXES = (".gz", ".zst", ".zstd")


def strip_compression(name: str) -> str:
    """``page.html.gz`` → ``page.html``: the name the content goes by."""
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def open_binary(path: str | Path) -> BinaryIO:
    """Open a file for reading, decompressing ``.gz`` and ``.zst`` on the fly."""
    name = str(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    except FileNotFoundError:
        raise InputError(f"cannot read '{name}': no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read '{name}': it is a folder") from None
    except OSError as exc:
        raise InputError(f"cannot read '{name}': {exc.strerror}") from None
    if name.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if name.endswith((".zst", ".zstd")):
        return _zstd_reader(raw, name)
    return raw


def _zstd_reader(raw: BinaryIO, name: str) -> BinaryIO:
    try:
        import zstandard
    except ImportError:
        raw.close()
        raise UsageError(f"reading '{name}' needs the zstandard package: pip install 'cleaner[batch]'") from None
    reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
    return io.BufferedReader(reader)  # type: ignore[arg-type, return-value]


def read_bytes(path: str | Path) -> bytes:
    """The whole (decompressed) content of a file; damaged archives are input errors."""
    with open_binary(path) as f:
        try:
            return f.read()
        except (OSError, EOFError, ValueError) as exc:  # gzip.BadGzipFile is an OSError
            raise InputError(f"cannot decompress '{path}': {exc}") from None
