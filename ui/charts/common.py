"""Shared pieces of the figure builders: target names and article labels in chart order."""

from __future__ import annotations

import pandas as pd

from ui.style import (
    safe,
    wrap,
)


def target_name(lexicon: pd.DataFrame, target: str) -> str:
    """The target's label for a title: lower case, without a leading article ("the army's withdrawal")."""
    label = str(lexicon.loc[lexicon["target"] == target, "target_label"].iloc[0])
    return safe(label[4:] if label.lower().startswith("the ") else label).lower()


def label_map(articles: pd.DataFrame) -> dict[str, str]:
    return {row.id: wrap(row.label) for row in articles.itertuples()}


def label_order(articles: pd.DataFrame) -> list[str]:
    """Article labels top to bottom in corpus order (plotly draws categories bottom-up)."""
    return list(reversed([wrap(label) for label in articles["label"]]))
