"""The figure of a group comparison: each group's mean with its 95% interval."""

from __future__ import annotations

import plotly.graph_objects as go

from analysis.statistics import Comparison
from ui.clicks import GroupClick, mark
from ui.style import bar_height, finish, safe


def intervals(
    rows: list[tuple[str, float | None, float | None, float | None, str]],
    title: str,
    sub: str,
    x_title: str,
    x_range: tuple[float, float] | None = None,
) -> go.Figure:
    """One row per (name, estimate, low, high, key), top to bottom: the estimate as a point and
    its interval as a bar; a row without an estimate keeps its name and shows no point. `key`
    is the row's click evidence."""
    rows = list(reversed(rows))  # plotly draws categories bottom-up
    names = [name for name, *_ in rows]
    # A point and its bar need all three numbers.
    shown = [(n, e, lo, hi, k) for n, e, lo, hi, k in rows if e is not None and lo is not None and hi is not None]
    fig = go.Figure()
    fig.add_scatter(
        x=[r[1] for r in shown],
        y=[r[0] for r in shown],
        mode="markers",
        marker={"size": 11, "color": "#1f4e79"},
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [r[3] - r[1] for r in shown],
            "arrayminus": [r[1] - r[2] for r in shown],
            "thickness": 2.5,
            "width": 6,
            "color": "#1f4e79",
        },
        customdata=[mark(GroupClick(r[4])) for r in shown],
        hovertemplate="%{y}<br>%{x:.2f}<extra></extra>",
        showlegend=False,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=names)
    if x_range:
        fig.update_xaxes(range=list(x_range))
    return finish(fig, title, sub, x_title=x_title, height=bar_height(len(names)))


def group_intervals(
    comparison: Comparison, label: str, corpus: str, by: str, direction: str = "", within: str | None = None
) -> go.Figure:
    """One row per group: the mean as a point, its bootstrap interval as a bar; groups too small
    for an estimate are named with their count and no point. The subtitle counts the articles
    compared and those left out; the axis says which way is more."""
    rows = [
        (f"{safe(g.group)} (n = {g.articles})", g.estimate, g.ci_low, g.ci_high, g.group) for g in comparison.groups
    ]
    compared = sum(g.articles for g in comparison.groups)
    left_out = f", {comparison.left_out:,} left out (no {by} or no value)" if comparison.left_out else ""
    resampled = f"articles, whole {safe(within)}s resampled" if within else "articles"
    return intervals(
        rows,
        f"{label} by {by}",
        f"mean per {by} with its 95% bootstrap interval over {resampled}<br>{corpus} \u00b7 "
        f"{compared:,} articles compared{left_out}",
        f"{label} ({direction})" if direction else label,
    )
