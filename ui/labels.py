"""Short, unique labels for articles on charts and in pickers."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.tables import CorpusTables


def short_label(title: str, limit: int = 42) -> str:
    """A readable chart label: the title cut at a word boundary."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:.-") + "\u2026"


def article_labels(articles: pd.DataFrame) -> list[str]:
    """One label per article: its outlet and short title, made unique with a number."""
    labels, seen = [], set()
    for title, outlet in zip(articles["title"], articles["outlet"], strict=True):
        label = f"{outlet}: {short_label(title, 32)}" if isinstance(outlet, str) and outlet else short_label(title)
        base, n = label, 2
        while label in seen:
            label, n = f"{base} ({n})", n + 1
        seen.add(label)
        labels.append(label)
    return labels


def labelled(tables: CorpusTables) -> CorpusTables:
    """The tables with a `label` column beside each article's id (unchanged if they have one)."""
    if "label" in tables.articles.columns:
        return tables
    articles = tables.articles.copy()
    articles.insert(1, "label", article_labels(articles))
    return replace(tables, articles=articles)
