"""A measure per outlet over time, each point with its 95% interval."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts.common import error_bars
from ui.style import OUTLET_COLORS, finish, safe


def over_time(points: pd.DataFrame, measure_label: str, period: str, corpus: str, articles: int) -> go.Figure:
    """One line per outlet: `points` has outlet, start, estimate, ci_low, ci_high, n and key (what a
    click on the point names); points without an estimate (too few articles) are left out."""
    fig = go.Figure()
    drawn = points[points["estimate"].notna()]
    outlets = drawn.groupby("outlet", sort=True)
    # Each outlet's points moved a little sideways, so that intervals of one period do not hide each other.
    step = pd.Timedelta({"day": "2h", "week": "14h", "month": "2D"}.get(period, "14h"))
    for k, (color, (outlet, part)) in enumerate(zip(OUTLET_COLORS * 4, outlets, strict=False)):
        part = part.sort_values("start")
        offset = step * (k - (outlets.ngroups - 1) / 2)
        bars = error_bars(part["estimate"], part, horizontal=False)
        bars["error_y"]["color"] = color
        fig.add_scatter(
            name=safe(outlet),
            x=part["start"] + offset,
            y=part["estimate"],
            mode="lines+markers",
            line={"color": color, "width": 2},
            marker={"color": color, "size": 8},
            customdata=[
                [key, start.strftime("%d %b %Y")] for key, start in zip(part["key"], part["start"], strict=True)
            ],
            text=[f"{safe(outlet)} \u00b7 {int(n)} articles" for n in part["n"]],
            hovertext=[
                f"95% interval [{lo:.2f}, {hi:.2f}]" for lo, hi in zip(part["ci_low"], part["ci_high"], strict=True)
            ],
            hovertemplate="%{text}<br>%{customdata[1]}: %{y:.2f}<br>%{hovertext}<extra></extra>",
            **bars,
        )
    left_out = int(points["estimate"].isna().sum())
    note = f"; {left_out} outlet-{period}s with fewer than 3 articles not drawn" if left_out else ""
    return finish(
        fig,
        f"{measure_label} per {period}",
        f"mean of the articles of each outlet and {period}, with 95% bootstrap intervals over its articles{note}"
        f"<br>{corpus} \u00b7 {articles:,} dated articles",
        x_title=period.capitalize(),
        y_title=measure_label,
        height=460,
        legend_title="Outlet",
    )
