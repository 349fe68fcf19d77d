"""Turning a result into output: plain text, Markdown, JSON, or an explain listing."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Block, Decision, Result

_MD_PREFIX = {"heading": "## ", "list_item": "- ", "quote": "> "}


def join_blocks(blocks: Sequence[Block], decisions: Sequence[Decision], markdown: bool = False) -> str:
    """Join kept blocks with their separators. A block's own separator (newline inside a list,
    `` | `` inside a table row) only holds when its neighbour was kept too; otherwise blocks are
    set apart by a blank line (a newline in text that had one paragraph per line)."""
    out: list[str] = []
    prev = -2
    # text written one paragraph per line (no blank line anywhere) stays so: a blank line
    # where a block was removed would make the output read differently the next time
    gap = "\n" if blocks and all(b.sep == "\n" for b in blocks) else "\n\n"
    for block, decision in zip(blocks, decisions):
        if not decision.kept:
            continue
        text = decision.text
        if markdown:
            text = _markdown(block, text)
        if out:
            out.append(block.sep if block.index == prev + 1 else gap)
        out.append(text)
        prev = block.index
    return "".join(out)


def _markdown(block: Block, text: str) -> str:
    prefix = _MD_PREFIX.get(block.kind)
    if prefix is None:
        return text
    if block.kind == "quote":
        return "\n".join("> " + line for line in text.split("\n"))
    return prefix + text


def to_markdown(result: Result) -> str:
    return join_blocks(result.blocks, result.decisions, markdown=True)


def to_json(result: Result, *, blocks: bool = False) -> str:
    return json.dumps(result.to_dict(blocks=blocks), ensure_ascii=False, indent=2)


def explain_lines(result: Result, color: bool = False, width: int = 100) -> list[str]:
    """Every block in order, KEEP or DROP with the rule that decided."""
    red, green, dim, reset = ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m") if color else ("", "", "", "")
    lines = []
    for removal in result.dom_removals:
        lines.append(f"{red}DOM {removal.rule_id}{reset} <{removal.tag}> {removal.selector}: {removal.message} {dim}{_short(removal.snippet, width)}{reset}")
    for block, d in zip(result.blocks, result.decisions):
        where = f"#{block.index:<3} {block.kind:<10}"
        text = _short(block.text, width)
        if d.rule_id is None:
            lines.append(f"{green}KEEP{reset} {where} {text}")
        elif d.kept:
            lines.append(f"{green}KEEP{reset} {where} {text}\n     {red}↳ {d.rule_id} {d.action}{reset}: {d.message}")
        else:
            via = f" (from block #{d.trigger})" if d.trigger is not None else ""
            lines.append(f"{red}DROP{reset} {where} {dim}{text}{reset}\n     {red}↳ {d.rule_id} {d.action}{via}{reset}: {d.message}")
    for g in result.guards:
        at = f" block #{g.index}" if g.index is not None else ""
        lines.append(f"{dim}GUARD {g.rule_id}{at}: {g.guard}: {g.detail}{reset}")
    return lines


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
