"""Short, unique labels for articles on charts and in pickers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from analysis.tables import CorpusTables


def short_label(title: str, limit: int = 42) -> str:
    """A readable chart label: the title cut at a word boundary."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:.-") + "\u2026"


LABEL_STYLES = {"headline": "Outlet and headline", "outlet_date": "Outlet and date"}


def _outlet_date(title: str, outlet: object, published: object) -> str:
    """ "Reuters, 5 Dec 2024"; what is missing is made up from the headline."""
    day = pd.Timestamp(published) if published is not None and not pd.isna(published) else None
    when = f"{day.day} {day:%b %Y}" if day is not None else ""
    if isinstance(outlet, str) and outlet and when:
        return f"{outlet}, {when}"
    if isinstance(outlet, str) and outlet:
        return f"{outlet}: {short_label(title, 24)}"
    return f"{when}: {short_label(title, 28)}" if when else short_label(title)


def picker_labels(articles: pd.DataFrame) -> dict[str, str]:
    """Each article as a picker lists it, findable by what either naming style shows: its outlet
    and date, then its headline ("Reuters, 5 Dec 2024 · Rebels take Hama"); the id where two
    would read alike."""
    labels: dict[str, str] = {}
    seen: set[str] = set()
    for article_id, title, outlet, published in zip(
        articles["id"], articles["title"], articles["outlet"], articles["published"], strict=True
    ):
        stated = (isinstance(outlet, str) and outlet) or (published is not None and not pd.isna(published))
        label = f"{_outlet_date(title, outlet, published)} \u00b7 {short_label(title, 60)}" if stated else title
        label = label if label not in seen else f"{label} ({article_id})"
        seen.add(label)
        labels[article_id] = label
    return labels


def article_labels(articles: pd.DataFrame, style: str = "headline") -> list[str]:
    """One label per article, made unique with a number: its outlet and short headline, or (style
    `outlet_date`) its outlet and publication date, which stay short however long the headline."""
    labels, seen = [], set()
    for title, outlet, published in zip(articles["title"], articles["outlet"], articles["published"], strict=True):
        if style == "outlet_date":
            label = _outlet_date(title, outlet, published)
        elif isinstance(outlet, str) and outlet:
            label = f"{outlet}: {short_label(title, 32)}"
        else:
            label = short_label(title)
        base, n = label, 2
        while label in seen:
            label, n = f"{base} ({n})", n + 1
        seen.add(label)
        labels.append(label)
    return labels


def labelled(tables: CorpusTables, style: str | None = None) -> CorpusTables:
    """The tables with a `label` column beside each article's id: kept if they have one and no
    style is asked for, else made in `style` (headline by default)."""
    if "label" in tables.articles.columns and style is None:
        return tables
    articles = tables.articles.drop(columns="label", errors="ignore")
    articles.insert(1, "label", article_labels(articles, style or "headline"))
    return replace(tables, articles=articles)


def named(names: Mapping[Any, str]) -> Callable[[Any], str]:
    """A widget's `format_func` showing each option under its name in `names` (else as itself)."""
    return lambda key: str(names.get(key, key))
