"""Figures of the readability formulas and sentence lengths, with US grade bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.readability import FORMULAS
from ui.charts.common import error_bars, interval_text, intervals_of, label_map, label_order
from ui.clicks import FormulaClick, SentenceClick, mark
from ui.style import (
    bar_height,
    finish,
    pretty,
    safe,
    subtitle,
)

READING_BANDS = [  # US grade bands shaded behind grade-level charts, named in the legend
    (0, 6, "Elementary", "#d9ecd6"),
    (6, 9, "Middle school", "#e9eecb"),
    (9, 13, "High school", "#f5e4c3"),
    (13, 17, "College", "#f2d0cc"),
    (17, 40, "Graduate", "#e6c8d6"),
]


def _reading_bands(fig: go.Figure, row: int, col: int, top: float) -> list[dict]:
    """The shaded reading levels behind one grade panel, and a dotted line where each begins over
    the bars, as shapes (add_vrect per panel is slow)."""
    panel = fig.get_subplot(row, col)
    xref = panel.xaxis.plotly_name.replace("axis", "")
    yref = panel.yaxis.plotly_name.replace("axis", "") + " domain"
    shaded = [
        {"type": "rect", "xref": xref, "yref": yref, "x0": low, "x1": min(high, top), "y0": 0, "y1": 1}
        | {"fillcolor": color, "line": {"width": 0}, "layer": "below", "opacity": 1}  # the template fades shapes
        for low, high, _, color in READING_BANDS
        if low < top
    ]
    edges = [
        {"type": "line", "xref": xref, "yref": yref, "x0": low, "x1": low, "y0": 0, "y1": 1}
        | {"line": {"color": "rgba(255,255,255,0.8)", "width": 1, "dash": "dot"}, "layer": "above", "opacity": 1}
        for low, _, _, _ in READING_BANDS[1:]
        if low < top
    ]
    return shaded + edges


def _band_legend(fig: go.Figure) -> None:
    """A legend entry per reading level: the shading says nothing unless it is named."""
    for low, high, name, color in READING_BANDS:
        grades = f"{low}-{high}" if low and high < 40 else (f"below {high}" if not low else f"{low} and above")
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": color, "line": {"color": "#9aa4b1", "width": 1}},
            name=f"{name} ({grades})",
            legendgroup="levels",
            hoverinfo="skip",
            row=1,
            col=2,
        )


def readability_panels(
    scores: pd.DataFrame,
    articles: pd.DataFrame,
    formulas: list[str],
    corpus: str,
    intervals: pd.DataFrame | None = None,
) -> go.Figure:
    """Every formula side by side, one panel each, grade panels shaded by reading level; with
    `intervals`, the Flesch-Kincaid grade carries its 95% interval and count."""
    names = label_map(articles)
    rows = scores[scores["id"].isin(names)].set_index("id").reindex(list(names))
    cols = 2
    nrows = (len(formulas) + cols - 1) // cols
    fig = make_subplots(
        rows=nrows,
        cols=cols,
        subplot_titles=[FORMULAS[f].title if f in FORMULAS else pretty(f) for f in formulas],
        shared_yaxes=True,
        horizontal_spacing=0.06,
        vertical_spacing=0.32 / max(1, nrows - 1) if nrows > 1 else 0.1,
    )
    bands = []
    for index, formula in enumerate(formulas):
        row, col = index // cols + 1, index % cols + 1
        values = rows[formula]
        bounds = intervals_of(intervals, list(rows.index), formula)
        with_interval = intervals is not None and bounds["estimate"].notna().any()
        fig.add_bar(
            y=[names[i] for i in rows.index],
            x=values,
            orientation="h",
            marker={"color": "#1f4e79" if formula != "flesch_reading_ease" else "#1b7837"},
            text=[
                f"{v:.1f} \u00b7 n {int(n)}" if with_interval and n == n else f"{v:.1f}"
                for v, n in zip(values, bounds["n"].astype(float), strict=True)
            ],
            textposition="inside" if with_interval else "outside",
            insidetextanchor="start",
            textfont={"color": "white"} if with_interval else None,
            cliponaxis=False,
            customdata=[mark(FormulaClick(i, formula)) for i in rows.index],
            hovertext=interval_text(bounds, "{:.1f}") if with_interval else None,
            **(error_bars(values, bounds) if with_interval else {}),
            hovertemplate="%{y}<br>%{x:.2f}"
            + ("<br>%{hovertext}" if with_interval else "")
            + "<extra>"
            + (FORMULAS[formula].title if formula in FORMULAS else formula)
            + "</extra>",
            showlegend=False,
            row=row,
            col=col,
        )
        top = 100 if formula == "flesch_reading_ease" else max(20, float(np.nanmax(values)) * 1.25)
        fig.update_xaxes(range=[0, top], row=row, col=col)
        if formula in FORMULAS and FORMULAS[formula].grade:
            bands += _reading_bands(fig, row, col, top)
    fig.update_layout(shapes=bands)
    if bands:
        _band_legend(fig)
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
    fig.update_annotations(font={"size": 14}, yshift=4)
    finish(
        fig,
        "How hard each article is to read",
        subtitle(
            corpus,
            articles,
            "textstat readability formulas; grades are US school years, shaded by level"
            + ("; Flesch-Kincaid with its 95% bootstrap interval, n sentences" if intervals is not None else ""),
        ),
        height=max(480, 160 + nrows * (80 + 44 * len(names))),
        legend_title="Reading level" if bands else None,
    )
    fig.update_layout(margin={"t": 140})
    return fig


def sentence_lengths(sentences: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """The distribution of sentence length in words, one box per article."""
    names = label_map(articles)
    fig = go.Figure()
    for article_id, label in names.items():
        part = sentences[(sentences["id"] == article_id) & ~sentences["heading"] & (sentences["words"] > 0)]
        fig.add_box(
            name=label,
            x=part["words"],
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker={"color": "#1f4e79", "size": 5, "opacity": 0.6},
            line={"color": "#1f4e79"},
            fillcolor="rgba(31,78,121,0.12)",
            customdata=[mark(SentenceClick(i, int(n))) for i, n in zip(part["id"], part["sentence"], strict=True)],
            text=[safe(t[:120]) for t in part["text"]],
            hovertemplate="%{text}<br>%{x} words<extra></extra>",
            orientation="h",
            showlegend=False,
        )
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
    fig.update_xaxes(rangemode="tozero")
    return finish(
        fig,
        "Sentence length",
        subtitle(corpus, articles, "words per sentence, one point per sentence"),
        x_title="Words per sentence",
        height=bar_height(len(names), per_row=50),
    )
