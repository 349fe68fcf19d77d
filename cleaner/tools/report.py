"""``cleaner explain -o report.html``: one self-contained HTML page that shows a rule author what
every rule did to a page.

The page has no scripts and no external assets (inline CSS only), so it opens the same from a
mail attachment, a CI artifact or a file system without a network. Every piece of page text
goes through :func:`html.escape`: the page being explained is untrusted input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..model import Block, Decision, Result
from ..rules.loader import CATEGORIES

#: Tint of removed blocks, by category: light, distinct, solid (no transparency), so that a
#: screenshot shows exactly these colours (the browser test looks for them).
TINTS: dict[str, str] = dict(
    zip(
        CATEGORIES,
        (
            "#ffd6d6", "#d2e8ff", "#dff5c8", "#fff3b0", "#c8f0e8", "#ffe8c2", "#e2dcff",
            "#f5d5f0", "#ffd9e8", "#e8e0d0", "#d8eef8", "#dcdcdc", "#f0e0c8", "#e6f0d0",
            "#d0f0d8", "#f8e4d8", "#e4e4f4", "#f4f0b8",
        ),  # fmt: skip
    )
)
#: Background of the matched text inside a removed block.
MARK = "#ffb000"

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd}
.meta{color:#555;margin:0 0 1rem}.meta code{word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.2rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;padding:0;list-style:none}
.legend li{padding:.1rem .5rem;border:1px solid #bbb;border-radius:.2rem;font-size:.85rem}
.block{margin:.35rem 0;padding:.35rem .6rem;border-left:4px solid #cfcfcf;white-space:pre-wrap}
.block.removed{border-left-color:#b00020}
.block.removed .text{text-decoration:line-through;text-decoration-color:#b00020;color:#444}
.block.stripped{border-left-color:#e07000}
.block .idx{color:#888;font-size:.8rem;margin-right:.4rem;font-family:ui-monospace,monospace}
.block .kind{color:#888;font-size:.8rem;margin-right:.4rem}
.label{display:block;font-size:.82rem;margin-top:.2rem;color:#222;text-decoration:none;white-space:normal}
.label b{font-family:ui-monospace,monospace}
mark{background:MARK;color:#000}
del.cut{text-decoration:line-through;text-decoration-color:#b00020}
code,.sel{font-family:ui-monospace,monospace;font-size:.85rem}
.snippet{color:#555}
""".replace("MARK", MARK)


@dataclass(frozen=True)
class RuleTally:
    rule_id: str
    category: str
    message: str
    blocks: int = 0
    chars: int = 0


def explain_html(result: Result, title: str = "page", url: str | None = None) -> str:
    """The report for one cleaned page; ``title`` names the input (a file name, usually)."""
    cats = sorted({d.category for d in result.decisions if d.category} | {r.category for r in result.dom_removals if r.category})
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>cleaner explain: {escape(title)}</title>",
        f"<style>{_CSS}{_tint_css(cats)}</style>",
        "</head><body><main>",
        f"<h1>cleaner explain: {escape(title)}</h1>",
        _meta(result, url),
        _legend(cats),
        _summary(result),
        _dom_section(result),
        _guard_section(result),
        '<h2 id="blocks">Blocks, in page order</h2>',
        '<div class="blocks">',
        *(_block(b, d) for b, d in zip(result.blocks, result.decisions)),
        "</div>",
        "</main></body></html>",
    ]
    return "\n".join(p for p in parts if p)


def _tint_css(cats: Sequence[str]) -> str:
    return "".join(f".cat-{c}{{background:{TINTS.get(c, '#eeeeee')}}}" for c in cats)


def _meta(result: Result, url: str | None) -> str:
    page_url = url or result.metadata.url
    kept = sum(len(d.text) for d in result.decisions if d.kept)
    total = sum(len(b.text) for b in result.blocks)
    bits = [
        f"URL: <code>{escape(page_url)}</code>" if page_url else "URL: none (site rules not applied)",
        f"language: {escape(result.metadata.language or 'unknown')}",
        f"input: {escape(result.input_format)}",
        f"{len(result.kept)} of {len(result.blocks)} blocks kept, {kept} of {total} characters",
    ]
    return f'<p class="meta">{" · ".join(bits)}</p>'


def _legend(cats: Sequence[str]) -> str:
    if not cats:
        return "<p>No rule removed anything from this page.</p>"
    items = "".join(f'<li class="cat-{escape(c)}">{escape(c)}</li>' for c in cats)
    return f'<h2>Legend</h2><ul class="legend"><li>kept</li>{items}<li><mark>matched text</mark></li></ul>'


def tally(result: Result) -> list[RuleTally]:
    """Blocks and characters removed per rule (text and DOM rules), most characters first."""
    out: dict[str, RuleTally] = {}
    for block, d in zip(result.blocks, result.decisions):
        if d.rule_id is None:
            continue
        t = out.get(d.rule_id) or RuleTally(d.rule_id, d.category or "", d.message or "")
        out[d.rule_id] = RuleTally(t.rule_id, t.category, t.message, t.blocks + (not d.kept), t.chars + len(block.text) - len(d.text))
    for r in result.dom_removals:
        t = out.get(r.rule_id) or RuleTally(r.rule_id, r.category, r.message)
        out[r.rule_id] = RuleTally(t.rule_id, t.category, t.message, t.blocks, t.chars + r.chars)
    return sorted(out.values(), key=lambda t: (-t.chars, t.rule_id))


def _summary(result: Result) -> str:
    rows = []
    for t in tally(result):
        rows.append(
            f'<tr><td class="cat-{escape(t.category)}"><b>{escape(t.rule_id)}</b></td><td>{escape(t.category)}</td>'
            f'<td>{escape(t.message)}</td><td class="n">{t.blocks}</td><td class="n">{t.chars}</td></tr>'
        )
    kept = [d for d in result.decisions if d.kept]
    rows.append(
        f'<tr><td>kept</td><td></td><td>body text</td><td class="n">{len(kept)}</td>'
        f'<td class="n">{sum(len(d.text) for d in kept)}</td></tr>'
    )
    head = '<tr><th>rule</th><th>category</th><th>message</th><th class="n">text blocks removed</th><th class="n">characters removed (text and DOM)</th></tr>'
    return f"<h2>Summary</h2><table>{head}{''.join(rows)}</table>"


def _dom_section(result: Result) -> str:
    if not result.dom_removals:
        return ""
    rows = "".join(
        f'<tr><td class="cat-{escape(r.category)}"><b>{escape(r.rule_id)}</b></td><td class="sel">{escape(r.selector)}</td>'
        f"<td><code>&lt;{escape(r.tag)}&gt;</code></td><td class=\"n\">{r.chars}</td>"
        f'<td>{escape(r.message)}<br><span class="snippet">{escape(r.snippet)}</span></td></tr>'
        for r in result.dom_removals
    )
    head = "<tr><th>rule</th><th>selector</th><th>element</th><th class=\"n\">characters</th><th>message and text</th></tr>"
    return f'<h2 id="dom">Removed before extraction (DOM rules)</h2><table>{head}{rows}</table>'


def _guard_section(result: Result) -> str:
    if not result.guards:
        return ""
    items = "".join(
        f"<li><b>{escape(g.rule_id)}</b>{f' on block #{g.index}' if g.index is not None else ''}: "
        f"{escape(g.guard)}: {escape(g.detail)}</li>"
        for g in result.guards
    )
    return f'<h2 id="guards">Guard stops (a rule matched, a guard kept the text)</h2><ul>{items}</ul>'


def _block(block: Block, d: Decision) -> str:
    head = f'<span class="idx">#{block.index}</span><span class="kind">{escape(block.kind)}</span>'
    if d.rule_id is None:
        return f'<div class="block kept">{head}<span class="text">{escape(block.text)}</span></div>'
    via = f" (from block #{d.trigger})" if d.trigger is not None else ""
    label = (
        f'<span class="label"><b>{escape(d.rule_id)}</b> {escape(d.action or "")}{via} · '
        f"{escape(d.category or '')}: {escape(d.message or '')}</span>"
    )
    cat = escape(d.category or "other")
    if d.kept:  # strip_span: only the marked text went
        text = _marked(block.text, d.spans, "del")
        return f'<div class="block stripped">{head}<span class="text">{text}</span>{label}</div>'
    return f'<div class="block removed cat-{cat}">{head}<span class="text">{_marked(block.text, d.spans)}</span>{label}</div>'


def _marked(text: str, spans: Sequence[tuple[int, int]], cut: str = "") -> str:
    """``text`` escaped, with the matched spans in ``<mark>`` (inside ``<del>`` when cut)."""
    out, last = [], 0
    for a, b in _merge(spans, len(text)):
        out.append(escape(text[last:a]))
        inner = f"<mark>{escape(text[a:b])}</mark>"
        out.append(f'<del class="cut">{inner}</del>' if cut else inner)
        last = b
    out.append(escape(text[last:]))
    return "".join(out)


def _merge(spans: Sequence[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted((max(0, a), min(n, b)) for a, b in spans):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
