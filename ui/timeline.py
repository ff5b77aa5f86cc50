"""Articles bucketed by outlet and period (day, week or month), for charts over time."""

from __future__ import annotations

import pandas as pd

from ui.filters import outlet_of, published_dates

PERIODS = {"D": "day", "W": "week", "M": "month"}
MOST_OUTLETS = 6  # lines a time chart can tell apart; the rest are drawn as "Other outlets"
OTHERS = "Other outlets"
SEPARATOR = "\u241f"  # joins outlet and period in a bucket's key; never in an outlet's name


def buckets(articles: pd.DataFrame, period: str) -> tuple[dict[str, list[str]], pd.DataFrame, int]:
    """The dated articles grouped by outlet and period: each bucket's article ids, a table of the
    buckets (key, outlet, start of the period, articles) and how many articles state no date."""
    days = published_dates(articles)
    dated = articles.assign(day=days, outlet_name=outlet_of(articles))[days.notna()]
    sizes = dated["outlet_name"].value_counts()
    if len(sizes) > MOST_OUTLETS:
        kept = set(sizes.index[: MOST_OUTLETS - 1])
        dated["outlet_name"] = dated["outlet_name"].where(dated["outlet_name"].isin(kept), OTHERS)
    freq = {"D": "D", "W": "W-SUN", "M": "M"}[period]  # weeks run Monday to Sunday
    dated["start"] = dated["day"].dt.to_period(freq).dt.start_time
    members: dict[str, list[str]] = {}
    rows = []
    for (outlet, start), frame in dated.groupby(["outlet_name", "start"], sort=True):
        key = f"{outlet}{SEPARATOR}{start.date().isoformat()}"
        members[key] = frame["id"].tolist()
        rows.append({"key": key, "outlet": outlet, "start": start, "articles": len(frame)})
    table = pd.DataFrame(rows, columns=["key", "outlet", "start", "articles"])
    return members, table, int(days.isna().sum())
