"""Article text as HTML with highlighted spans. Every piece of article text is escaped first."""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

# How each layer looks; overlapping layers combine (a loaded term inside a quotation is both).
LAYER_STYLES = {
    "passage": "background:#fff2a8;",
    "shared_quote": "background:#eadcf5;",  # a quotation two articles share: not copied text
    "aligned": "background:#e4f0fb;",
    "quote": "font-style:italic;color:#7a4a12;",
    "source": "border-bottom:2px dotted #542788;",
    "loaded": "text-decoration:underline wavy #D55E00;text-underline-offset:3px;",
    # A sentence the trained model flags, as a highlighter's stroke; its evidence words in bold.
    "model": "box-shadow:inset 0 -0.5em 0 #fde2c8;",
    "model_word": "font-weight:600;",
    "focus": "outline:2px solid #1b1f24;border-radius:2px;",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    layer: str
    title: str = ""
    color: str | None = None  # a label group's colour, drawn as a tinted background


# Later layers are drawn over earlier ones where two set the same property.
LAYER_ORDER = [
    "model",
    "aligned",
    "label",
    "shared_quote",
    "passage",
    "quote",
    "source",
    "loaded",
    "model_word",
    "focus",
]


def _style(marks: list[Mark]) -> str:
    parts = []
    for mark in sorted(marks, key=lambda m: LAYER_ORDER.index(m.layer) if m.layer in LAYER_ORDER else 0):
        if mark.color:
            parts.append(f"background:{mark.color}33;box-shadow:inset 0 -2px 0 {mark.color};")
        parts.append(LAYER_STYLES.get(mark.layer, ""))
    return "".join(parts)


def highlight(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> str:
    """`text[start:end]` as escaped HTML, each span wrapped in the styles of the marks covering it."""
    end = len(text) if end is None else end
    marks = [m for m in marks if m.end > start and m.start < end and m.end > m.start]
    newlines = [i for i in range(start, end) if text[i] == "\n"]
    cuts = {start, end, *newlines, *(i + 1 for i in newlines)}
    cuts |= {max(start, m.start) for m in marks} | {min(end, m.end) for m in marks}
    pieces = []
    for left, right in itertools.pairwise(sorted(cuts)):
        covering = [m for m in marks if m.start <= left and right <= m.end]
        chunk = html.escape(text[left:right]).replace("\n", "<br>")
        if covering and chunk != "<br>":
            titles = " \u00b7 ".join(dict.fromkeys(m.title for m in covering if m.title))
            pieces.append(f'<span style="{_style(covering)}" title="{html.escape(titles)}">{chunk}</span>')
        else:
            pieces.append(chunk)
    return "".join(pieces)


def article_html(text: str, marks: Iterable[Mark], start: int = 0) -> str:
    """A whole article as readable paragraphs."""
    body = highlight(text, marks, start)
    paragraphs = [p for p in body.split("<br>") if p.strip()]
    return "".join(f'<p style="margin:0 0 0.8em 0;line-height:1.6">{p}</p>' for p in paragraphs)


def legend_html(entries: Iterable[tuple[str, str]], title: str = "") -> str:
    """A row of sample swatches: (layer or colour, label), after an optional title."""
    heading = f'<span style="color:#5f6b7a;margin-right:8px;white-space:nowrap">{html.escape(title)}:</span>'
    items = [heading] if title else []
    for key, label in entries:
        style = LAYER_STYLES.get(key) or f"background:{key}33;box-shadow:inset 0 -2px 0 {key};"
        items.append(f'<span style="{style}padding:0 4px;margin-right:12px">{html.escape(label)}</span>')
    return f'<div style="font-size:0.9em;margin-bottom:0.6em">{"".join(items)}</div>'
