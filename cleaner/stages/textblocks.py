"""Plain text → blocks: paragraphs are separated by blank lines.

Text without any blank line (one paragraph per line, as many scrapers write it) is split on
lines instead. Bulleted lines become list items so that list rules can see them.
"""

from __future__ import annotations

import re

from ..matching.normalize import word_count
from ..model import Block

_BLANK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦]|\d{1,3}[.)])\s+\S")


def split_text(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if _BLANK.search(text):
        parts, sep = _BLANK.split(text), "\n\n"
    else:
        parts, sep = text.split("\n"), "\n"
    blocks: list[Block] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        kind = "list_item" if _BULLET.match(part) and "\n" not in part else "paragraph"
        blocks.append(Block(len(blocks), kind, part, word_count(part), sep=sep))
    return blocks
