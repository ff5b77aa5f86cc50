"""Articles as a researcher edited them in a table of their fields (the Corpus page)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

import pandas as pd

from analysis.corpus import Article, parse_date

URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
FIXED_COLUMNS = ["id", "title", "outlet", "author", "date", "url"]


def fields_frame(articles: list[Article], extra: list[str]) -> pd.DataFrame:
    """One row per article: its named fields, then each of the `extra` stated fields."""
    return pd.DataFrame(
        [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet or "",
                "author": a.author or "",
                "date": a.published.isoformat() if a.published else "",
                "url": a.url or "",
                **{k: dict(a.metadata).get(k, "") for k in extra},
            }
            for a in articles
        ],
        columns=[*FIXED_COLUMNS, *extra],
    )


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def edited_articles(
    before: pd.DataFrame, after: pd.DataFrame, extra: list[str], stored: Callable[[], Mapping[str, Article]]
) -> tuple[list[Article], list[str]]:
    """The articles whose fields differ in `after` (the table `fields_frame` made, as edited),
    and a reason for each edited row that cannot be saved (a date or address that is not one, an
    empty title). Only the rows that differ from `before` are read, so a table of 100,000 rows
    costs one comparison; `stored` (id -> the article as stored, its text included) is asked
    only when some row differs. Stated fields count as a mapping: their order is not an edit."""
    differs = after.astype(str).ne(before.astype(str)).any(axis=1)
    if not differs.any():
        return [], []
    originals = stored()
    updated, problems = [], []
    for row in after[differs].to_dict("records"):
        row_id, date_text, url_text, title = row["id"], _text(row["date"]), _text(row["url"]), _text(row["title"])
        published = parse_date(date_text) if date_text else None
        if date_text and published is None:
            problems.append(f"{row_id}: \u201c{date_text}\u201d is not a date (use YYYY-MM-DD)")
        elif url_text and not URL_RE.match(url_text):
            problems.append(f"{row_id}: \u201c{url_text}\u201d is not a web address")
        elif not title:
            problems.append(f"{row_id}: a title cannot be empty")
        else:
            original = originals[row_id]
            metadata = tuple((k, _text(row[k])) for k in extra if _text(row[k]))
            article = replace(
                original,
                title=title,
                outlet=_text(row["outlet"]) or None,
                author=_text(row["author"]) or None,
                published=published,
                url=url_text or None,
                metadata=metadata,
            )
            if replace(article, metadata=()) != replace(original, metadata=()) or dict(metadata) != dict(
                original.metadata
            ):
                updated.append(article)
    return updated, problems
