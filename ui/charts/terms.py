"""How often a searched word or phrase is used in each outlet, with intervals."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts.common import error_bars
from ui.clicks import GroupClick, mark
from ui.style import bar_height, counted, finish, safe


def term_rates(rates: pd.DataFrame, query: str, corpus: str, articles: int) -> go.Figure:
    """One dot per group (outlet or metadata value): `rates` has group, articles, hits, estimate,
    ci_low, ci_high; groups too small for an estimate are listed without a dot."""
    rows = rates.iloc[::-1]  # plotly draws categories bottom-up
    labels = [f"{safe(g)} ({counted(a, 'article')})" for g, a in zip(rows["group"], rows["articles"], strict=True)]
    fig = go.Figure(
        go.Scatter(
            x=rows["estimate"],
            y=labels,
            mode="markers+text",
            marker={"size": 11, "color": "#1f4e79"},
            text=[
                counted(h, "use") if e == e else f"{counted(h, 'use')}, too few articles"
                for h, e in zip(rows["hits"], rows["estimate"], strict=True)
            ],
            textposition="top center",
            textfont={"size": 11, "color": "#6b7280"},
            cliponaxis=False,
            customdata=[mark(GroupClick(g)) for g in rows["group"]],
            hovertemplate="%{y}<br>%{x:.2f} per 1,000 words<extra></extra>",
            **error_bars(rows["estimate"], rows.set_index(rows.index)),
        )
    )
    fig.update_xaxes(rangemode="tozero")
    return finish(
        fig,
        f"\u201c{query}\u201d per 1,000 words",
        f"mean of the articles' rates in each group, with 95% bootstrap intervals over its articles"
        f"<br>{corpus} \u00b7 {articles:,} articles",
        x_title="Uses per 1,000 words",
        height=bar_height(len(rows), per_row=44, minimum=260),
    )
