"""The figure of a group comparison: each group's mean with its 95% interval."""

from __future__ import annotations

import plotly.graph_objects as go

from analysis.statistics import Comparison
from ui.style import bar_height, finish, safe


def group_intervals(comparison: Comparison, label: str, corpus: str, by: str) -> go.Figure:
    """One row per group: the mean as a point, its bootstrap interval as a bar; groups too small
    for an estimate are named with their count and no point."""
    groups = list(reversed(comparison.groups))  # plotly draws categories bottom-up
    names = [f"{safe(g.group)} (n = {g.articles})" for g in groups]
    shown = [g for g in groups if g.estimate is not None]
    fig = go.Figure()
    fig.add_scatter(
        x=[g.estimate for g in shown],
        y=[f"{safe(g.group)} (n = {g.articles})" for g in shown],
        mode="markers",
        marker={"size": 11, "color": "#1f4e79"},
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [g.ci_high - g.estimate for g in shown],
            "arrayminus": [g.estimate - g.ci_low for g in shown],
            "thickness": 2.5,
            "width": 6,
            "color": "#1f4e79",
        },
        customdata=[[g.group] for g in shown],
        hovertemplate="%{y}<br>mean %{x:.2f}<extra></extra>",
        showlegend=False,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=names)
    return finish(
        fig,
        f"{label} by {by}",
        f"mean per {by} with its 95% bootstrap interval over articles<br>{corpus} \u00b7 "
        f"{sum(g.articles for g in comparison.groups):,} articles",
        x_title=label,
        height=bar_height(len(names)),
    )
