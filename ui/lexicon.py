"""The Lexicon page's tables: a lexicon's ignore lists as rows to edit, and back. Pure: no streamlit."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.lexicon import Lexicon
from analysis.suggest import Suggestion
from analysis.terms import CONTEXT_CHARS, around


def ignore_frame(lexicon: Lexicon) -> pd.DataFrame:
    """One row per ignored phrase: the target it belongs to and the phrase."""
    rows = [{"target": t.id, "phrase": phrase} for t in lexicon.targets for phrase in t.ignore]
    return pd.DataFrame(rows, columns=["target", "phrase"])


def ignore_lists(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The edited rows as each target's ignore list (empty rows dropped, order kept)."""
    lists: dict[str, list[str]] = {}
    for row in frame.itertuples(index=False):
        target, phrase = (str(v).strip() if pd.notna(v) else "" for v in (row.target, row.phrase))
        if target and phrase and phrase not in lists.get(target, []):
            lists.setdefault(target, []).append(phrase)
    return lists


def suggestions_frame(suggestions: Sequence[Suggestion]) -> pd.DataFrame:
    """One row per suggested term: its score, uses, articles, uses per outlet and shared slots."""
    return pd.DataFrame(
        {
            "term": [s.term for s in suggestions],
            "score": [s.score for s in suggestions],
            "uses": [s.count for s in suggestions],
            "articles": [s.articles for s in suggestions],
            "per outlet": [" \u00b7 ".join(f"{o} {n}" for o, n in s.per_outlet.items()) for s in suggestions],
            "used like the forms in": [", ".join(s.slots) for s in suggestions],
        }
    )


def in_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """A use with `width` characters of its text either side, for a keyword-in-context row, with
    an ellipsis where the text goes on."""
    before, term, after = around(text, start, end, width)
    before = "\u2026" + before if start > width else before
    after = after + "\u2026" if end + width < len(text) else after
    return before, term, after


def set_aside_summary(
    set_aside: pd.DataFrame, ids: Sequence[str], labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Per ignore phrase, in the chosen articles: the forms it set aside, how often, in how many
    articles; the phrases that set the most aside first. `labels` names the actors and events."""
    mine = set_aside[set_aside["id"].isin(ids)]
    labels = labels or {}
    rows = [
        {
            "phrase": rule,
            "target": labels.get(target, target),
            "set aside": len(found),
            "articles": found["id"].nunique(),
            "forms": ", ".join(found["term"].str.lower().value_counts().index[:5]),
        }
        for (target, rule), found in mine.groupby(["target", "rule"], sort=False)
    ]
    frame = pd.DataFrame(rows, columns=["phrase", "target", "set aside", "articles", "forms"])
    return frame.sort_values(["set aside", "phrase"], ascending=[False, True], ignore_index=True)
