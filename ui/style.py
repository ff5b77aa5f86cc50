"""One look for every chart: colours that mean the same everywhere, type readable on a slide."""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

# Every figure's template: set as plotly's default, since assigning a template to each figure
# validates the whole template again (some 15 ms a figure, a tenth of a second a page).
pio.templates.default = "simple_white"

FONT = "Inter, 'Helvetica Neue', Arial, sans-serif"
INK = "#1b1f24"
MUTED = "#5f6b7a"
GRID = "#e3e7ec"
# Delegitimising (-1) to legitimising (+1): red through neutral grey to blue, dark enough at
# both ends and in the middle to read on white and in greyscale print.
SCALE = [[0.0, "#67001f"], [0.25, "#d6604d"], [0.5, "#8c8c8c"], [0.75, "#4393c3"], [1.0, "#053061"]]
VOICE_COLORS = {"own": "#1f4e79", "quoted": "#d9822b", "mixed": "#8c8c8c"}
VOICE_NAMES = {"own": "Outlet's own voice", "quoted": "Inside quotations", "mixed": "Both in one sentence"}
ACTOR_COLORS = ["#b35806", "#542788", "#1b7837", "#8c510a"]
# Lines of outlets over time: the Okabe-Ito palette, told apart by people with colour-blindness.
OUTLET_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
# Paul Tol's "muted" scheme (nine colours and a pale grey, made to stay apart with the common
# colour-vision deficiencies), then black and Okabe-Ito's orange: twelve colours, one for each
# loaded-language category and mark, none repeated in a chart. Past twelve, colours repeat with a
# hatching, so no two series of a chart ever look the same.
CATEGORY_COLORS = [
    "#332288",
    "#CC6677",
    "#117733",
    "#DDCC77",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#DDDDDD",
    "#000000",
    "#E69F00",
]
CATEGORY_PATTERNS = ["", "/", "x", ".", "+", "-", "|"]
SOURCE_TYPE_COLORS = {
    "government_military": "#542788",
    "armed_opposition": "#b35806",
    "monitor_ngo": "#1b7837",
    "analyst_expert": "#0072B2",
    "media": "#CC79A7",
    "social_media": "#56B4E9",
    "unnamed": "#8c8c8c",
    "other": "#bdbdbd",
}
EXPORT_SCALE = 3


@lru_cache(maxsize=8192)  # a tone chart colours every sentence; plotly's sampling is slow per call
def position_color(position: float) -> str:
    """The colour of a scale position in [-1, 1], as #rrggbb."""
    return _shade(sample_colorscale(SCALE, [(min(1.0, max(-1.0, position)) + 1) / 2])[0], 0.0)


def _shade(color: str, amount: float) -> str:
    """`color` mixed with white (amount > 0) or black (amount < 0)."""
    rgb = (
        [int(v) for v in color[color.index("(") + 1 : -1].split(",")]
        if color.startswith("rgb")
        else [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    )
    target = 255 if amount > 0 else 0
    mixed = [round(v + (target - v) * abs(amount)) for v in rgb]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a #rrggbb colour."""

    def linear(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def color_distance(a: str, b: str) -> float:
    """CIE76 colour difference (Delta E) of two #rrggbb colours: about 2 is just noticeable, over
    15 tells two chart series apart at a glance."""
    return math.dist(_lab(a), _lab(b))


# Label groups of one target are at least this far apart in colour (Delta E).
MIN_GROUP_DISTANCE = 15.0
SHADES = [0.0, 0.45, -0.35, 0.7, -0.55, 0.25, -0.2, 0.85]


def group_colors(lexicon: pd.DataFrame, target: str) -> dict[str, str]:
    """A fixed colour per label group of `target`, from its place on the legitimacy scale.

    A group whose colour would be hard to tell from one already given (groups at or near the same
    position: "captured" and "fell" are both neutral, "rebel" and "opposition" both light blues)
    gets the first lighter or darker shade of its own colour that is `MIN_GROUP_DISTANCE` away
    from all of them (then of the colours of nearby positions), or the most distinct when none is.
    """
    rows = lexicon[lexicon["target"] == target]
    colors: dict[str, str] = {}
    for row in rows.itertuples():
        # Its own colour's shades first; when a crowd of groups has used those, the shades of
        # neighbouring places on the scale, nearest first.
        shades = [
            _shade(position_color(row.position + offset), amount)
            for offset in (0.0, 0.12, -0.12, 0.24, -0.24)
            for amount in SHADES
        ]

        def nearest(color: str) -> float:
            return min((color_distance(color, c) for c in colors.values()), default=math.inf)

        chosen = next((c for c in shades if nearest(c) >= MIN_GROUP_DISTANCE), None)
        colors[row.group] = chosen or max(shades, key=nearest)
    return colors


def category_colors(categories: list[str]) -> dict[str, str]:
    return {c: CATEGORY_COLORS[i % len(CATEGORY_COLORS)] for i, c in enumerate(categories)}


def category_patterns(categories: list[str]) -> dict[str, str]:
    """A hatching for each category past the palette's length ("" for the first twelve)."""
    return {
        c: CATEGORY_PATTERNS[(i // len(CATEGORY_COLORS)) % len(CATEGORY_PATTERNS)] for i, c in enumerate(categories)
    }


def safe(text: str) -> str:
    """Text from an article, escaped for plotly's HTML-like labels."""
    return html.escape(str(text), quote=False)


def _fill(text: str, width: int) -> list[str]:
    """Words of `text` in lines of at most `width` characters (a longer word keeps its own line)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def wrap_lines(text: str, width: int = 105) -> str:
    """A long subtitle line broken at "; " (else at spaces) into lines of about `width` characters:
    plotly cuts a subtitle at the chart's edge instead of wrapping it."""
    lines: list[str] = []
    for part in text.split("; "):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += f"; {part}"
            continue
        if lines:
            lines[-1] += ";"
        lines += _fill(part, width)
    return "<br>".join(lines)


def wrap(label: str, width: int = 24) -> str:
    """An escaped axis label on at most two lines, so charts keep room for their data."""
    lines = _fill(label, width)
    if len(lines) > 2:
        lines = [lines[0], lines[1].rstrip("\u2026") + "\u2026"]
    return "<br>".join(safe(part) for part in lines)


def pretty(name: str) -> str:
    """`war_metaphor` -> `War metaphor`."""
    return name.replace("_", " ").capitalize()


def subtitle(corpus: str, articles: pd.DataFrame, measure: str) -> str:
    """Two short lines under the title: the measure, then the corpus and what each row is (an
    article, or an outlet's articles taken together)."""
    rows = len(articles)
    if "articles" in articles:  # grouped by outlet
        total = int(articles["articles"].sum())
        who = f"{total:,} article{'s' if total != 1 else ''} in {rows} outlet group{'s' if rows != 1 else ''}"
    elif articles.attrs.get("of"):  # a sample of a larger selection
        outlets = articles["outlet"].nunique() if "outlet" in articles else 0
        how = "evenly across outlets" if outlets > 1 else "at random"
        who = f"a sample of {rows:,} of {articles.attrs['of']:,} articles, drawn {how}"
    else:
        who = f"{rows:,} article{'s' if rows != 1 else ''}"
    return f"{wrap_lines(measure)}<br>{corpus} \u00b7 {who}"


def finish(
    fig: go.Figure,
    title: str,
    sub: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int | None = None,
    legend_title: str | None = None,
    legend: str = "right",
) -> go.Figure:
    """Title and subtitle, labelled axes, legend and type sized for reports and slides.

    `legend`: "right" (beside the plot) or "bottom" (under it, for charts without an x-axis title).
    """
    fig.update_layout(
        font={"family": FONT, "size": 14, "color": INK},
        title={
            "text": safe(title),
            "subtitle": {"text": safe(sub).replace("&lt;br&gt;", "<br>"), "font": {"size": 13, "color": MUTED}},
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            # Pinned to the top: left to plotly, a title sits in the middle of the top margin, so a
            # margin grown for subplot titles pushed the subtitle down onto them.
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"l": 10, "t": 14},
            "font": {"size": 19},
        },
        margin={"l": 10, "r": 20, "t": 110, "b": 10},
        legend={
            "title": {"text": f"{legend_title}  " if legend_title else ""},
            "orientation": "v",
            "yanchor": "top",
            "y": 1,
            "x": 1.02,
            "xanchor": "left",
            "tracegroupgap": 2,
            "traceorder": "normal",
            "font": {"size": 13},
        },
        hoverlabel={"font": {"family": FONT, "size": 13}},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    sub_lines = fig.layout.title.subtitle.text.count("<br>") + 1
    top = 110 + 18 * max(0, sub_lines - 2)  # each subtitle line past two pushes the plot down
    fig.update_layout(margin={"t": top})
    if fig.layout.annotations:  # subplot titles need room under the subtitle, a line of it per line
        lines = max((a.text or "").count("<br>") + 1 for a in fig.layout.annotations)
        fig.update_layout(margin={"t": top + 12 + 18 * lines})
        fig.update_annotations(yshift=4)
    if legend == "bottom":
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top"})
    elif height:
        # A legend taller than the plot scrolls inside itself and hides entries: make room for all.
        entries = len({(t.legendgroup or "", t.name) for t in fig.data if t.showlegend is not False and t.name})
        height = max(height, top + 100 + 24 * entries)
    if height:
        fig.update_layout(height=height)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(showgrid=True, gridcolor=GRID, automargin=True, title_font={"size": 14})
    fig.update_yaxes(automargin=True, title_font={"size": 14})
    return fig


NOTE_OFFSET = 72  # pixels below the plot area that clear tick labels and axis titles (more if slanted)


def slanted_depth(figure: go.Figure, char_px: float = 6.5) -> float:
    """How far slanted x tick labels reach below the plot (px): the longest label's length along
    its angle, at `char_px` a character, so that a note under the plot clears it."""
    depth = 0.0
    for name in figure.layout:
        if not name.startswith("xaxis") or not figure.layout[name].tickangle:
            continue
        axis = figure.layout[name]
        labels = list(axis.ticktext or []) or [v for t in figure.data for v in (getattr(t, "x", None) or [])]
        longest = max((len(str(v)) for v in labels), default=0)
        depth = max(depth, char_px * longest * abs(math.sin(math.radians(axis.tickangle))))
    return depth


def add_note(figure: go.Figure, text: str, offset: float, size: float) -> None:
    """The source note (HTML-safe `text`) `offset` px under the plot area, left-aligned."""
    figure.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-offset,
        showarrow=False,
        align="left",
        font={"family": FONT, "size": size, "color": MUTED},
    )


def file_name(title: str) -> str:
    """A download file name from a chart title."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "framelens-chart"


def toolbar_config(title: str) -> dict:
    """The plotly toolbar, without its camera: that PNG is the on-screen layout without the source
    note, so the one PNG offered is the button under the chart (the same file as the SVG and ZIP)."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": EXPORT_SCALE, "filename": file_name(title)},
        "modeBarButtonsToRemove": ["lasso2d", "autoScale2d", "toImage"],
    }


def bar_height(rows: int, per_row: int = 48, minimum: int = 340) -> int:
    """Enough height for one readable bar per article."""
    return max(minimum, 150 + per_row * rows)


def coded_wrong(labels: int, loaded: int) -> str:
    """ "3 label hits and 1 loaded-language hit": what coders judged wrong and the counts leave out."""
    parts = [counted(labels, "label hit") if labels else "", counted(loaded, "loaded-language hit") if loaded else ""]
    return " and ".join(p for p in parts if p)


def a_or_an(word: str) -> str:
    """ "an outlet", "a lean": the indefinite article a column's name takes (by its first letter)."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def counted(n: float, noun: str) -> str:
    """ "1 shared passage", "3 shared passages", "1,204 mentions"; a grouped outlet's mean keeps one decimal."""
    number = f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"
    return f"{number} {noun}{'' if float(n) == 1 else 's'}"
