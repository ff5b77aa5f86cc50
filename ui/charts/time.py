"""A measure per outlet over time, each point with its 95% interval."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts.common import error_bars
from ui.clicks import PeriodClick, mark
from ui.style import OUTLET_COLORS, counted, finish, safe
from ui.timeline import PERIODS, period_name, with_gaps

TICK_FORMATS = {"day": "%-d %b %Y", "week": "%-d %b %Y", "month": "%b %Y", "quarter": "%b %Y", "year": "%Y"}


def over_time(points: pd.DataFrame, measure_label: str, period: str, corpus: str, articles: int) -> go.Figure:
    """One line per outlet: `points` has outlet, start, estimate, ci_low, ci_high, n and key (what a
    click on the point names); points without an estimate (too few articles) are left out."""
    fig = go.Figure()
    drawn = points[points["estimate"].notna()]
    outlets = drawn.groupby("outlet", sort=True)
    # Each outlet's points moved a little sideways, so that intervals of one period do not hide each other.
    step = pd.Timedelta({"day": "2h", "week": "14h", "month": "2D", "quarter": "6D", "year": "20D"}.get(period, "14h"))
    code = {word: code for code, word in PERIODS.items()}.get(period, "W")
    for k, (color, (outlet, part)) in enumerate(zip(OUTLET_COLORS * 4, outlets, strict=False)):
        part = with_gaps(part.sort_values("start"), code)  # a line never joins points across empty periods
        gap = part["estimate"].isna()
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
                ["", "", ""] if blank else mark(PeriodClick(key), period_name(start, code))
                for key, start, blank in zip(part["key"], part["start"], gap, strict=True)
            ],
            text=[
                "" if blank else f"{safe(outlet)} \u00b7 {counted(int(n), 'article')}"
                for n, blank in zip(part["n"], gap, strict=True)
            ],
            hovertext=[
                "" if blank else f"95% interval [{lo:.2f}, {hi:.2f}]"
                for lo, hi, blank in zip(part["ci_low"], part["ci_high"], gap, strict=True)
            ],
            hovertemplate="%{text}<br>%{customdata[2]}: %{y:.2f}<br>%{hovertext}<extra></extra>",
            **bars,
        )
    # The axis reads in periods, never in hours: each period named when there are few, else dates
    # in the period's own grain.
    starts = sorted(drawn["start"].unique())
    if 0 < len(starts) <= 12:
        fig.update_xaxes(
            tickmode="array", tickvals=starts, ticktext=[period_name(pd.Timestamp(s), code) for s in starts]
        )
    else:
        fig.update_xaxes(tickformat=TICK_FORMATS.get(period, "%-d %b %Y"))
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
