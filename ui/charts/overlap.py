"""Figures of what articles share: the similarity matrix and the sources they cite."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.tables.overlap import SimilarityMatrix
from ui.charts.common import label_map
from ui.charts.compare import intervals
from ui.clicks import PairClick, SourceClick, mark
from ui.style import finish, safe, subtitle, wrap

MAX_SOURCES = 30  # columns of the sources matrix: past a few dozen the names cannot be read
FAINT_SIMILARITY = 0.05  # cells of the similarity matrix below this show no number
# Past this many articles a matrix row's label is one line (number and a short name) and its
# cells show no numbers (they are in the hover and the CSV): fifty rows stay legible on a page.
COMPACT_ROWS = 15
NUMBERED_CELLS = 20


def numbered(articles: pd.DataFrame, ids: list[str]) -> tuple[list[str], list[str], int]:
    """Matrix labels: rows "N  name" (one short line when there are many), columns "N"; and the
    height of a row in px."""
    compact = len(ids) > COMPACT_ROWS
    names = {row.id: row.label for row in articles.itertuples()}
    rows = []
    for number, article_id in enumerate(ids, start=1):
        name = str(names[article_id])
        if compact:
            name = name if len(name) <= 34 else name[:33].rstrip() + "\u2026"
            rows.append(f"{number}  {safe(name)}")
        else:
            rows.append(f"{number}  {wrap(name)}")
    return rows, [str(n) for n in range(1, len(ids) + 1)], 24 if compact else 48


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


def similarity_heatmap(similarity: SimilarityMatrix, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """The pairwise similarity matrix, rows and columns numbered alike; a cell opens that pair."""
    names = label_map(articles)
    held = set(similarity.ids)
    ids = [i for i in names if i in held]
    matrix = similarity.frame(ids).to_numpy()
    rows, columns, row_height = numbered(articles, ids)
    grouped = "articles" in articles  # an outlet's diagonal is the mean within it, an article's always 1
    numbers = len(ids) <= NUMBERED_CELLS
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=columns,
            y=rows,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            colorbar={"title": {"text": "Similarity"}, "thickness": 14},
            text=[
                [_cell_text(v, a == b and not grouped) if numbers else "" for b, v in enumerate(row)]
                for a, row in enumerate(matrix)
            ],
            texttemplate="%{text}",
            hoverinfo="skip",
        )
    )
    full = [names[i] for i in ids]
    hover = [
        [f"{y}<br>{x}<br>similarity {v:.2f}" for x, v in zip(full, row, strict=True)]
        for y, row in zip(full, matrix, strict=True)
    ]
    fig.add_trace(cell_targets(columns, rows, [[mark(PairClick(a, b)) for b in ids] for a in ids], hover))
    # The ranges end at the cells (the invisible click targets would pad them).
    fig.update_yaxes(type="category", range=[len(ids) - 0.5, -0.5])
    fig.update_xaxes(showgrid=False, type="category", title_text="numbered as the rows", range=[-0.5, len(ids) - 0.5])
    what = "outlets" if grouped else "articles"
    return finish(
        fig,
        "How similar the articles are",
        subtitle(
            corpus,
            articles,
            f"TF-IDF cosine similarity of the {what}' own text (quotations left out)"
            + ("; mean over compared article pairs, the diagonal within one outlet" if grouped else "")
            + (f"; blank: under {FAINT_SIMILARITY}" if numbers else "; values in the hover and the CSV"),
        ),
        height=max(420, 240 + row_height * len(ids)),
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
    rows, _, row_height = numbered(articles, ids)
    fig = go.Figure(
        go.Heatmap(
            z=part.to_numpy(),
            x=[safe(c) for c in part.columns],
            y=rows,
            colorscale=[[0, "#ffffff"], [0.0001, "#d1e5f0"], [1, "#053061"]],
            colorbar={"title": {"text": "Citations"}, "thickness": 14},
            text=[[str(v) if v else "" for v in row] for row in part.to_numpy()],
            texttemplate="%{text}",
            xgap=2,
            ygap=2,
            hoverinfo="skip",
        )
    )
    xs, ys = [safe(c) for c in part.columns], rows
    hover = [
        [
            f"{y}<br>{x} ({safe(types.get(c, 'other')).replace('_', ' ')}): {int(v)} citations"
            for x, c, v in zip(xs, part.columns, row, strict=True)
        ]
        for y, row in zip(ys, part.to_numpy(), strict=True)
    ]
    fig.add_trace(cell_targets(xs, ys, [[mark(SourceClick(i, c)) for c in part.columns] for i in ids], hover))
    fig.update_yaxes(type="category", range=[len(ids) - 0.5, -0.5])
    # Every source named, upright when there are many (slanted names overlap past a dozen).
    fig.update_xaxes(tickangle=-90 if len(xs) > 12 else -35, tickmode="array", tickvals=xs, type="category")
    fig.update_xaxes(range=[-0.5, len(xs) - 0.5])
    return finish(
        fig,
        "Who each article cites",
        subtitle(corpus, articles, f"citations of {shown} (quotes, reported speech, posts)"),
        height=max(380, 260 + min(40, row_height) * len(ids)),
    )


def reprinted_by_outlet(data: pd.DataFrame, corpus: str) -> go.Figure:
    """Churnalism per outlet: the mean share of its articles' own words found in an earlier
    article of another outlet, with the 95% interval over its articles; a row opens its articles."""
    rows = [
        (f"{safe(r.outlet)} (n = {r.articles})", r.reprinted_share, r.ci_low, r.ci_high, r.outlet)
        for r in data.itertuples()
    ]
    compared = int(data["articles"].sum()) if len(data) else 0
    figure = intervals(
        rows,
        "Own text reprinted from another outlet",
        "mean share of an article's own words (quotations left out) also in an earlier article of another outlet"
        "<br>95% bootstrap interval over the outlet's articles (none under three)"
        f"<br>{corpus} \u00b7 {compared:,} articles",
        "share of own words reprinted",
        (0.0, 1.0),
    )
    figure.update_xaxes(tickformat=".0%")
    figure.update_traces(hovertemplate="%{y}<br>%{x:.1%}<extra></extra>")
    return figure
