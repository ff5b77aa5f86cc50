"""What a click on a chart mark means: one typed event per kind of mark.

Every clickable mark's `customdata` starts with its kind, written by `mark` in the figure
builders, and `parse` turns what the browser sends back into one of the events below. A page
reads the event's fields by name; it never guesses a mark's meaning from the length of a list.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class LabelClick:
    """A label group's segment or bar: `row` is an article id, or an outlet group's name."""

    row: str
    group: str
    target: str


@dataclass(frozen=True)
class ArticleClick:
    """A mark that stands for one article (or outlet group) as a whole."""

    row: str


@dataclass(frozen=True)
class PairClick:
    """Two articles: a similarity cell, a strongest-overlap bar."""

    a: str
    b: str


@dataclass(frozen=True)
class SentenceClick:
    article: str
    sentence: int


@dataclass(frozen=True)
class CategoryClick:
    """A loaded-language category's bar in one row."""

    row: str
    category: str


@dataclass(frozen=True)
class SourceClick:
    article: str
    source: str


@dataclass(frozen=True)
class PeriodClick:
    """One outlet in one period over time: `bucket` is the key `ui.timeline.buckets` gives it."""

    bucket: str


@dataclass(frozen=True)
class GroupClick:
    """A group's mark on a chart of groups (Compare, Search): `group` as the chart names it."""

    group: str


@dataclass(frozen=True)
class FormulaClick:
    row: str
    formula: str


Click = (
    LabelClick
    | ArticleClick
    | PairClick
    | SentenceClick
    | CategoryClick
    | SourceClick
    | PeriodClick
    | GroupClick
    | FormulaClick
)
KINDS: dict[str, type] = {
    "label": LabelClick,
    "article": ArticleClick,
    "pair": PairClick,
    "sentence": SentenceClick,
    "category": CategoryClick,
    "source": SourceClick,
    "period": PeriodClick,
    "group": GroupClick,
    "formula": FormulaClick,
}
NAMES = {kind: name for name, kind in KINDS.items()}


def mark(event: Click, *shown: Any) -> list[Any]:
    """A mark's `customdata`: its kind, the event's fields in order, then any values only its
    hover text shows (a count, a period's name)."""
    return [NAMES[type(event)], *event.__dict__.values(), *shown]


def parse(data: Any) -> Click | None:
    """The event a mark's `customdata` stands for; None for a mark that stands for nothing (a gap
    in a line over time) or data of another shape."""
    if not isinstance(data, list | tuple) or not data or data[0] not in KINDS:
        return None
    kind = KINDS[data[0]]
    names = [f.name for f in fields(kind)]
    values = list(data[1 : 1 + len(names)])
    if len(values) != len(names):
        return None
    if kind is SentenceClick:
        values[1] = int(values[1])
    return kind(*values)
