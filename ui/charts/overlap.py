"""Figures of what articles share: the similarity matrix and the sources they cite."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.common import label_map
from ui.style import (
    finish,
    safe,
    subtitle,
)


def similarity_heatmap(similarity: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """The pairwise similarity matrix; a cell opens that pair."""
    names = label_map(articles)
    ids = [i for i in names if i in similarity.index]
    matrix = similarity.loc[ids, ids].to_numpy()
    labels = [names[i] for i in ids]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=labels,
            y=labels,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            colorbar={"title": {"text": "Similarity"}, "thickness": 14},
            text=[["" if np.isnan(v) else f"{v:.2f}" for v in row] for row in matrix],
            texttemplate="%{text}",
            customdata=[[[a, b] for b in ids] for a in ids],
            hovertemplate="%{y}<br>%{x}<br>similarity %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30, showgrid=False)
    return finish(
        fig,
        "How similar the articles are",
        subtitle(
            corpus,
            articles,
            "TF-IDF cosine similarity of whole texts"
            + ("; mean over compared article pairs, the diagonal within one outlet" if "articles" in articles else ""),
        ),
        height=max(420, 220 + 48 * len(ids)),
    )


def source_matrix(matrix: pd.DataFrame, types: dict[str, str], articles: pd.DataFrame, corpus: str) -> go.Figure:
    """Articles by named sources: how often each article cites each source."""
    names = label_map(articles)
    ids = [i for i in names if i in matrix.index]
    part = matrix.loc[ids]
    part = part.loc[:, part.sum(axis=0) > 0]
    order = part.astype(bool).sum(axis=0).sort_values(ascending=False).index
    part = part[order]
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
            customdata=[[[i, c] for c in part.columns] for i in ids],
            hovertemplate="%{y}<br>%{x}: %{z} citations<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-35)
    kinds = [[safe(types.get(c, "other")).replace("_", " ") for c in part.columns] for _ in ids]
    fig.update_traces(hovertext=kinds, hovertemplate="%{y}<br>%{x} (%{hovertext}): %{z} citations<extra></extra>")
    return finish(
        fig,
        "Who each article cites",
        subtitle(corpus, articles, "citations of named sources (quotes, reported speech, posts)"),
        height=max(380, 260 + 40 * len(ids)),
    )
