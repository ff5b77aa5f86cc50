"""Narrowing a selection by outlet, date range and any metadata column, kept in the address.

Pure: a `Filters` value is read from and written to query parameters and applied to the
articles table, so a copied link reproduces the same articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

NOT_STATED = "(not stated)"


@dataclass(frozen=True)
class Filters:
    outlets: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    column: str = ""  # a metadata column ("lean", "section"), with the values kept
    values: tuple[str, ...] = field(default=())

    @property
    def active(self) -> bool:
        return bool(self.outlets or self.start or self.end or (self.column and self.values))

    def describe(self) -> str:
        """The filters in words, for a source note: "outlets A, B; 2024-01-01 to 2024-06-30; lean: left"."""
        parts = []
        if self.outlets:
            parts.append(f"outlet{'s' if len(self.outlets) > 1 else ''} {', '.join(self.outlets)}")
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        if self.column and self.values:
            parts.append(f"{self.column}: {', '.join(self.values)}")
        return "; ".join(parts)

    def to_query(self) -> dict[str, str]:
        query = {}
        if self.outlets:
            query["outlet"] = ",".join(self.outlets)
        if self.start:
            query["from"] = self.start.isoformat()
        if self.end:
            query["to"] = self.end.isoformat()
        if self.column and self.values:
            query["where"] = self.column
            query["is"] = ",".join(self.values)
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        return cls(
            outlets=tuple(v for v in query.get("outlet", "").split(",") if v),
            start=_date(query.get("from")),
            end=_date(query.get("to")),
            column=query.get("where", ""),
            values=tuple(v for v in query.get("is", "").split(",") if v),
        )


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def outlet_of(articles: pd.DataFrame) -> pd.Series:
    return articles["outlet"].where(articles["outlet"].notna() & (articles["outlet"] != ""), NOT_STATED)


def published_dates(articles: pd.DataFrame) -> pd.Series:
    """Each article's publication day (NaT when it states none)."""
    return pd.to_datetime(articles["published"], errors="coerce", utc=True, format="ISO8601").dt.tz_localize(None)


def metadata_columns(articles: pd.DataFrame) -> dict[str, list[str]]:
    """Every metadata column some selected article states, with its values (most frequent first)."""
    found: dict[str, dict[str, int]] = {}
    for record in articles["metadata"]:
        for key, value in (record or {}).items():
            counts = found.setdefault(key, {})
            counts[str(value)] = counts.get(str(value), 0) + 1
    return {key: sorted(values, key=lambda v: (-values[v], v)) for key, values in sorted(found.items())}


def apply(filters: Filters, articles: pd.DataFrame) -> tuple[list[str], int]:
    """The ids of `articles` the filters keep, and how many were left out only for stating no date."""
    keep = pd.Series(True, index=articles.index)
    if filters.outlets:
        keep &= outlet_of(articles).isin(filters.outlets)
    undated = 0
    if filters.start or filters.end:
        days = published_dates(articles).dt.normalize()
        in_range = days.notna()
        if filters.start:
            in_range &= days >= pd.Timestamp(filters.start)
        if filters.end:
            in_range &= days <= pd.Timestamp(filters.end)
        undated = int((keep & days.isna()).sum())
        keep &= in_range
    if filters.column and filters.values:
        values = articles["metadata"].map(lambda m: str((m or {}).get(filters.column, NOT_STATED)))
        keep &= values.isin(filters.values)
    return articles.loc[keep, "id"].tolist(), undated
