"""Articles bucketed by outlet and period (day, week, month, quarter or year), for charts over time."""

from __future__ import annotations

import pandas as pd

from ui.filters import outlet_of, published_dates

PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# pandas' period codes (weeks run Monday to Sunday).
FREQUENCIES = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}
# A point needs this many articles of one outlet in one period (`analysis.intervals.MIN_UNITS`).
POINT_ARTICLES = 3
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
    dated["start"] = dated["day"].dt.to_period(FREQUENCIES[period]).dt.start_time
    members: dict[str, list[str]] = {}
    rows = []
    for (outlet, start), frame in dated.groupby(["outlet_name", "start"], sort=True):
        key = f"{outlet}{SEPARATOR}{start.date().isoformat()}"
        members[key] = frame["id"].tolist()
        rows.append({"key": key, "outlet": outlet, "start": start, "articles": len(frame)})
    table = pd.DataFrame(rows, columns=["key", "outlet", "start", "articles"])
    return members, table, int(days.isna().sum())


def period_for(articles: pd.DataFrame) -> str:
    """The shortest period in which most dated articles fall in points that can be drawn (an
    outlet with three or more articles in the period) over three periods or more: days for a
    dense week of coverage, years for a thin decade; a week when nothing is dated."""
    days = published_dates(articles)
    dated = pd.DataFrame({"day": days, "outlet": outlet_of(articles)})[days.notna()]
    if dated.empty:
        return "W"
    for period, code in FREQUENCIES.items():
        start = dated["day"].dt.to_period(code)
        sizes = dated.groupby([dated["outlet"], start]).size()
        drawn = sizes[sizes >= POINT_ARTICLES]
        if drawn.sum() >= 0.5 * len(dated) and drawn.index.get_level_values(1).nunique() >= 3:
            return period
    return "Y"


def period_name(start: pd.Timestamp, period: str) -> str:
    """A period in words: "5 Dec 2024", "week of 2 Dec 2024", "Dec 2024", "Q4 2024", "2024"."""
    start = pd.Timestamp(start)
    return {
        "D": f"{start.day} {start:%b %Y}",
        "W": f"week of {start.day} {start:%b %Y}",
        "M": f"{start:%b %Y}",
        "Q": f"Q{start.quarter} {start.year}",
        "Y": f"{start.year}",
    }[period]


def with_gaps(part: pd.DataFrame, period: str) -> pd.DataFrame:
    """One outlet's points with an empty row in each run of periods that has no point, so that a
    line is broken there instead of joining points months or years apart."""
    if len(part) < 2:
        return part
    code = FREQUENCIES[period]
    periods = part["start"].dt.to_period(code)
    follows = periods.diff().map(lambda step: getattr(step, "n", 1) if step is not None else 1)
    gaps = part.loc[follows.fillna(1).astype(int) > 1, "start"]
    blanks = pd.DataFrame({"start": gaps - pd.Timedelta(seconds=1)})
    return pd.concat([part, blanks], ignore_index=True).sort_values("start", kind="stable")
