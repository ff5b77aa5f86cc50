"""Figures sized for print: a journal column or a page, at 300 dpi, no text under 7 pt.

A figure is laid out at two CSS pixels per printed point, so its width in pixels is twice the
column's width in points, and every text is at least 14 px (7 pt) there. Titles, subtitles and
the source note are wrapped again to the narrower width, and a legend beside a narrow plot moves
under it. The PNG is rendered at the scale that gives 300 dots per inch at the printed width;
the SVG keeps the layout width, so it prints at the same size when scaled to the column.
"""

from __future__ import annotations

import copy
import math
import re
import textwrap

import plotly.graph_objects as go

from ui.style import NOTE_OFFSET, add_note, slanted_depth

PX_PER_PT = 2.0
MIN_PT = 7.0
DPI = 300
# Widths researchers are asked for: one column of a two-column journal page, and the full page.
PRINT_WIDTHS_CM = {"column": 8.5, "page": 17.5}
MIN_PX = MIN_PT * PX_PER_PT
BODY_PX = 16.0  # 8 pt: tick labels and legends may not be smaller than MIN_PX, the rest reads at this
TITLE_PX = 20.0  # 10 pt
CHAR_WIDTH = 0.55  # a character's mean width over the font size, for wrapping in Inter and Arial
LINE = 1.3  # line height over font size
ROW_LABEL_SHARE = 0.36  # of the width, at most, for the labels left of the plot
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


# A figure of more side-by-side panels than this is laid out for a page, whatever was asked:
# six panels in a column's width leave each a centimetre.
MAX_PANELS_IN_A_COLUMN = 3


def print_width(figure: go.Figure, width_cm: float) -> float:
    """The printed width a figure is laid out for: `width_cm`, or a page's for many panels."""
    panels = sum(1 for name in figure.layout if name.startswith("xaxis"))
    if panels > MAX_PANELS_IN_A_COLUMN:
        return max(width_cm, PRINT_WIDTHS_CM["page"])
    return width_cm


def layout_width(width_cm: float) -> int:
    """The figure's width in CSS pixels for a printed width in centimetres."""
    return math.floor(width_cm / 2.54 * 72 * PX_PER_PT)  # down: text never under MIN_PT


def png_scale(width_cm: float) -> float:
    """The PNG scale factor that gives 300 dpi at the printed width."""
    return width_cm / 2.54 * DPI / layout_width(width_cm)


def _at_least(size: float | None, floor: float) -> float:
    return max(float(size or 0), floor)


def _larger_inline(text):
    """Inline `font-size:Npx` styles in a label raised to the minimum."""
    if isinstance(text, str):
        return _FONT_SIZE.sub(lambda m: f"font-size:{max(float(m.group(1)), MIN_PX):g}px", text)
    if isinstance(text, list | tuple):
        return [_larger_inline(t) for t in text]
    return text


def _rewrap(text: str, size: float, width_px: float) -> tuple[str, int]:
    """`text` (lines split by <br>) wrapped to `width_px` at `size`; with its number of lines."""
    chars = max(12, int(width_px / (CHAR_WIDTH * size)))
    lines = [part for line in text.split("<br>") for part in (textwrap.wrap(line, chars) or [""])]
    return "<br>".join(lines), len(lines)


def _legend_rows(figure: go.Figure, width_px: float, size: float) -> int:
    """How many rows a horizontal legend of `figure` takes at `width_px`: plotly sets its entries
    in columns as wide as the widest entry."""
    names = {(t.legendgroup or "", t.name) for t in figure.data if t.showlegend is not False and t.name}
    if not names:
        return 0
    widest = max(40 + CHAR_WIDTH * size * len(re.sub(r"<[^>]+>", "", str(name))) for _, name in names)
    title = CHAR_WIDTH * size * len(figure.layout.legend.title.text or "") + 10
    columns = max(1, int((width_px - title) // widest))
    return math.ceil(len(names) / columns)


def _row_labels(figure: go.Figure) -> list:
    axis = figure.layout.yaxis
    if axis.ticktext:
        return list(axis.ticktext)
    return list(
        dict.fromkeys(
            v for t in figure.data if (getattr(t, "yaxis", None) or "y") == "y" for v in (getattr(t, "y", None) or [])
        )
    )


def _shorten_row_labels(figure: go.Figure, room_px: float, size: float) -> None:
    """Row labels (the first y-axis's text categories) cut to `room_px`, each line ending in an
    ellipsis where cut: at a column's width long article names would leave the plot no room."""
    labels = _row_labels(figure)
    if not labels or not all(isinstance(v, str) for v in labels):
        return
    chars = max(8, int((room_px - 12) / (CHAR_WIDTH * size)))

    def cut(label: str) -> str:
        lines = label.split("<br>")
        return "<br>".join(line if len(line) <= chars else line[: chars - 1].rstrip() + "\u2026" for line in lines)

    short = [cut(v) for v in labels]
    if short != labels:
        tickvals = list(figure.layout.yaxis.tickvals or labels)
        figure.layout.yaxis.update(tickmode="array", tickvals=tickvals, ticktext=short)


def _left_labels_px(figure: go.Figure, size: float) -> float:
    """About how wide the first y-axis's tick labels and title are at `size` px."""
    axis = figure.layout.yaxis
    labels = _row_labels(figure)
    lines = [line for label in labels if isinstance(label, str) for line in re.sub(r"<[^>]+>", "\n", label).split("\n")]
    longest = max((len(line) for line in lines), default=4)
    title = LINE * size + 6 if axis.title.text else 0
    return CHAR_WIDTH * size * longest + 12 + title


def for_print(figure: go.Figure, width_cm: float, note: str = "") -> go.Figure:
    """A copy of `figure` laid out for a printed width (see the module), with `note` under it."""
    out = copy.deepcopy(figure)
    width = layout_width(width_cm)
    layout = out.layout
    layout.font.size = BODY_PX
    layout.legend.font.size = _at_least(layout.legend.font.size, MIN_PX)
    layout.hoverlabel.font.size = _at_least(layout.hoverlabel.font.size, MIN_PX)  # not printed; kept alike
    layout.legend.title.font.size = _at_least(layout.legend.title.font.size, MIN_PX)
    # A title on one line where it fits at 8 pt or more: plotly draws a wrapped title over its own top.
    plain_title = re.sub(r"<[^>]+>", "", layout.title.text or "")
    title_px = min(TITLE_PX, max(MIN_PX + 2, (width - 20) / (CHAR_WIDTH * max(1, len(plain_title)))))
    title, title_lines = _rewrap(layout.title.text or "", title_px, width - 20)
    layout.title.text = title
    layout.title.font.size = title_px
    layout.title.pad.t = 14 + LINE * title_px * (title_lines - 1)
    subtitle, sub_lines = _rewrap(layout.title.subtitle.text or "", MIN_PX, width - 20)
    layout.title.subtitle.text = subtitle
    layout.title.subtitle.font.size = MIN_PX
    top = 14 + LINE * (title_px * title_lines + MIN_PX * sub_lines) + 16
    panel_titles = 0.0  # subplot titles sit just above the plot, under the legend
    for name in layout:
        if name.startswith(("xaxis", "yaxis")):
            axis = layout[name]
            axis.tickfont.size = _at_least(axis.tickfont.size, MIN_PX)
            axis.title.font.size = _at_least(axis.title.font.size, MIN_PX)
            if axis.ticktext:
                axis.ticktext = _larger_inline(list(axis.ticktext))
    if layout.annotations:  # subplot titles and notes in the plot
        for annotation in layout.annotations:
            annotation.font.size = _at_least(annotation.font.size, MIN_PX)
            annotation.text = _larger_inline(annotation.text)
        lines = max((a.text or "").count("<br>") + 1 for a in layout.annotations if a.yref == "paper")
        panel_titles = LINE * MIN_PX * lines + 8
        top += panel_titles
    for trace in out.data:
        if getattr(trace, "text", None) is not None:
            trace.text = _larger_inline(trace.text)
        if hasattr(trace, "textfont"):
            trace.textfont.size = _at_least(trace.textfont.size, MIN_PX)
        # Only a scale that is drawn: touching a bar's colour bar would draw one.
        for holder in (trace, getattr(trace, "marker", None)):
            if holder is None:
                continue
            drawn = getattr(holder, "showscale", None) is not False and "colorscale" in holder
            if drawn and holder.colorscale is not None and getattr(holder, "colorbar", None) is not None:
                holder.colorbar.tickfont.size = _at_least(holder.colorbar.tickfont.size, MIN_PX)
                holder.colorbar.title.font.size = _at_least(holder.colorbar.title.font.size, MIN_PX)
    _shorten_row_labels(out, width * ROW_LABEL_SHARE, MIN_PX)
    # The labels left of the plot get a fixed margin, so the note and legend can start at the figure's edge.
    left = _left_labels_px(out, MIN_PX)
    legend_height = 0.0
    if width < 700 or layout.legend.orientation == "h":
        # Beside a narrow plot a legend leaves it no room: it goes on top, under the subtitle.
        rows = _legend_rows(out, width, MIN_PX)
        legend_height = rows * LINE * MIN_PX * 1.3 + (10 if rows else 0)
    note_text, note_lines = _rewrap(note, MIN_PX, width - 20)
    offset = NOTE_OFFSET + slanted_depth(out, MIN_PX * CHAR_WIDTH)
    bottom = offset + (note_lines * LINE * MIN_PX + 12 if note else 0)
    height = (layout.height or 500) - (layout.margin.t or 0) + top + legend_height + bottom
    layout.margin.update(t=top + legend_height, b=bottom, r=20, l=left + 10)
    if legend_height:
        # In paper units: from the plot's left edge back to the figure's, and above the plot.
        # (Placed in container units, plotly draws a horizontal legend as one column.)
        plot_width = width - (left + 10) - 20
        plot_height = height - top - legend_height - bottom
        layout.legend.update(
            orientation="h",
            x=-left / plot_width,
            xanchor="left",
            y=1 + (legend_height + panel_titles) / plot_height,
            yanchor="top",
        )
    if note:
        add_note(out, note_text, offset, MIN_PX)
        out.layout.annotations[-1].xshift = -left
    out.update_layout(width=width, height=round(height))
    return out
