"""Figures of what articles share: the similarity matrix and the sources they cite."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.common import label_map
from ui.style import finish, safe, subtitle

MAX_SOURCES = 30  # columns of the sources matrix: past a few dozen the names cannot be read
FAINT_SIMILARITY = 0.05  # cells of the similarity matrix below this show no number


def cell_targets(xs: list[str], ys: list[str], custom: list[list], hover: list[list[str]]) -> go.Scatter:
    """Invisible points at the centre of every heatmap cell: plotly reports clicks and box selections
    on points, never on heatmap cells, so these carry each cell's `customdata` and hover text."""
    cells = [(x, y, custom[r][c], hover[r][c]) for r, y in enumerate(ys) for c, x in enumerate(xs)]
    hidden = {"marker": {"opacity": 0}}
    return go.Scatter(
        x=[cell[0] for cell in cells],
        y=[cell[1] for cell in cells],
        customdata=[cell[2] for cell in cells],
        hovertext=[cell[3] for cell in cells],
        hovertemplate="%{hovertext}<extra></extra>",
        mode="markers",
        marker={"size": 28, "symbol": "square", "opacity": 0},
        selected=hidden,
        unselected=hidden,
        showlegend=False,
    )


def _cell_text(value: float, diagonal: bool) -> str:
    """A cell's number, left out where it says nothing: an article against itself, or a faint
    similarity (forty rows of "0.00" hide the few pairs worth reading)."""
    if np.isnan(value) or diagonal or value < FAINT_SIMILARITY:
        return ""
    return f"{value:.2f}"


def similarity_heatmap(similarity: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """The pairwise similarity matrix; a cell opens that pair."""
    names = label_map(articles)
    ids = [i for i in names if i in similarity.index]
    matrix = similarity.loc[ids, ids].to_numpy()
    labels = [names[i] for i in ids]
    grouped = "articles" in articles  # an outlet's diagonal is the mean within it, an article's always 1
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=labels,
            y=labels,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            colorbar={"title": {"text": "Similarity"}, "thickness": 14},
            text=[[_cell_text(v, a == b and not grouped) for b, v in enumerate(row)] for a, row in enumerate(matrix)],
            texttemplate="%{text}",
            hoverinfo="skip",
        )
    )
    hover = [
        [f"{y}<br>{x}<br>similarity {v:.2f}" for x, v in zip(labels, row, strict=True)]
        for y, row in zip(labels, matrix, strict=True)
    ]
    fig.add_trace(cell_targets(labels, labels, [[[a, b] for b in ids] for a in ids], hover))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30, showgrid=False)
    return finish(
        fig,
        "How similar the articles are",
        subtitle(
            corpus,
            articles,
            f"TF-IDF cosine similarity of the {'outlets' if grouped else 'articles'}' own text (quotations left out)"
            + ("; mean over compared article pairs, the diagonal within one outlet" if grouped else "")
            + f"; blank: under {FAINT_SIMILARITY}",
        ),
        height=max(420, 220 + 48 * len(ids)),
    )


def source_matrix(matrix: pd.DataFrame, types: dict[str, str], articles: pd.DataFrame, corpus: str) -> go.Figure:
    """Articles by named sources: how often each article cites each source."""
    names = label_map(articles)
    ids = [i for i in names if i in matrix.index]
    part = matrix.loc[ids]
    part = part.loc[:, part.sum(axis=0) > 0]
    cited_by = part.astype(bool).sum(axis=0)
    order = pd.DataFrame({"articles": cited_by, "citations": part.sum(axis=0)}).sort_values(
        ["articles", "citations"], ascending=False, kind="stable"
    )
    part = part[order.index[:MAX_SOURCES]]
    shown = (
        f"the {MAX_SOURCES} sources cited in most articles, of {len(order):,}"
        if len(order) > MAX_SOURCES
        else "named sources"
    )
    fig = go.Figure(
        go.Heatmap(
            z=part.to_numpy(),
            x=[safe(c) for c in part.columns],
            y=[names[i] for i in ids],
            colorscale=[[0, "#ffffff"], [0.0001, "#d1e5f0"], [1, "#053061"]],
            colorbar={"title": {"text": "Citations"}, "thickness": 14},
            text=[[str(v) if v else "" for v in row] for row in part.to_numpy()],
            texttemplate="%{text}",
            xgap=2,
            ygap=2,
            hoverinfo="skip",
        )
    )
    xs, ys = [safe(c) for c in part.columns], [names[i] for i in ids]
    hover = [
        [
            f"{y}<br>{x} ({safe(types.get(c, 'other')).replace('_', ' ')}): {int(v)} citations"
            for x, c, v in zip(xs, part.columns, row, strict=True)
        ]
        for y, row in zip(ys, part.to_numpy(), strict=True)
    ]
    fig.add_trace(cell_targets(xs, ys, [[[i, c] for c in part.columns] for i in ids], hover))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-35)
    return finish(
        fig,
        "Who each article cites",
        subtitle(corpus, articles, f"citations of {shown} (quotes, reported speech, posts)"),
        height=max(380, 260 + 40 * len(ids)),
    )
