"""Every measure of an article, defined once.

A measure has three names in Framelens: its dotted key in the score JSON (`tone.loaded_per_1k`,
what `compare --measure` takes), its flat column in the scores table, CSV and Parquet
(`loaded_per_1k`), and its label for people. This module holds each measure's names, unit,
direction, what it counts, the unit its intervals resample and where it is offered, beside the
function that computes it from an article's scores. The score record, the scores table, the
command line's table, the intervals, Compare's and Over time's choices, the Overview's
scorecard, the Methods page and the method record all read it: a new measure is one entry here
and its computation.

Per-actor measures (legitimacy, main label) are templates: `for_actor` makes an actor's entry.
The readability formulas are defined in `analysis.readability.FORMULAS` and listed here from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from analysis.readability import FORMULAS
from analysis.scoring import ArticleScores

# Figures in records are rounded to this many decimals.
DECIMALS = 4


def number(value: float | None) -> float | None:
    """A figure as a record holds it: rounded, or None."""
    return None if value is None else round(float(value), DECIMALS)


def _voice(voice) -> dict[str, Any]:
    """The tone of the sentences in one voice (the outlet's own, or quoted)."""
    return {
        "mean": number(voice.mean),
        "negative_share": number(voice.negative_share),
        "positive_share": number(voice.positive_share),
        "sentences": voice.n,
    }


@dataclass(frozen=True)
class Measure:
    """One figure of an article, or one field of its score record (`value` set, no `label`)."""

    path: str  # dotted key of the score JSON: `python -m analysis compare --measure PATH`
    value: Callable[[ArticleScores], Any] | None = None  # from the scores; None: read from the record at `path`
    column: str | None = None  # flat column of the scores table, CSV and Parquet; None: not flattened
    label: str = ""  # for people: chart titles and axes, Compare's choices
    short: str = ""  # in narrow tables (the Overview's scorecard, `score --format table`)
    unit: str = ""  # what a value is in
    direction: str = ""  # which way is more of what it measures
    counts: str = ""  # what it counts, in a sentence (the Methods page and the documentation)
    interval_unit: str | None = None  # what its 95% interval resamples within an article; None: no interval
    comparable: bool = False  # offered by Compare
    over_time: bool = False  # offered by Over time
    scorecard: bool = False  # a column of the Overview's scorecard
    table: bool = False  # a column of `score --format table`
    help: str = ""  # one line under a scorecard column's name
    format: str = "%.2f"  # how a table shows a value (printf style, as Streamlit's column formats)

    @property
    def flat(self) -> str:
        """The flat column of a measure that has one (ValueError for one that is not flattened)."""
        if self.column is None:
            raise ValueError(f"{self.path} has no flat column")
        return self.column

    @property
    def key(self) -> str:
        return self.path

    @property
    def leaf(self) -> str:
        return self.path.rsplit(".", 1)[-1]


SENTENCE_TONE = Measure(
    "tone.sentence_mean",
    lambda s: number(s.tone.body.mean),
    "tone_sentence_mean",
    "Mean sentence tone",
    short="Sentence tone",
    unit="VADER compound, -1 to +1",
    direction="higher is more positive",
    counts="the mean VADER compound score of the article's body sentences",
    interval_unit="sentences",
    comparable=True,
    over_time=True,
    scorecard=True,
    table=True,
    help="mean tone of body sentences",
    format="%+.2f",
)
LOADED = Measure(
    "tone.loaded_per_1k",
    lambda s: s.tone.loaded_per_1k,
    "loaded_per_1k",
    "Loaded terms per 1,000 words (own voice)",
    short="Loaded / 1k",
    unit="terms per 1,000 words",
    direction="higher is more loaded",
    counts="loaded-language hits in the outlet's own voice (quotations left out), per 1,000 words",
    interval_unit="words",
    comparable=True,
    over_time=True,
    scorecard=True,
    table=True,
    help="loaded terms per 1,000 words, own voice",
    format="%.1f",
)
HEADLINE_TONE = Measure(
    "tone.headline",
    lambda s: number(s.tone.headline_compound),
    "tone_headline",
    "Headline tone",
    short="Headline tone",
    unit="VADER compound, -1 to +1",
    direction="higher is more positive",
    counts="the VADER compound score of the headline",
    comparable=True,
    scorecard=True,
    help="tone of the headline",
)

# The tone block of the score record, in its order: measures and the fields beside them.
TONE = (
    SENTENCE_TONE,
    Measure(
        "tone.negative_share",
        lambda s: number(s.tone.body.negative_share),
        "tone_negative_share",
        "Share of negative sentences",
        unit="share of body sentences",
        direction="higher is more negative",
        counts="body sentences whose tone is at or below the negative threshold",
    ),
    Measure(
        "tone.positive_share",
        lambda s: number(s.tone.body.positive_share),
        "tone_positive_share",
        "Share of positive sentences",
        unit="share of body sentences",
        direction="higher is more positive",
        counts="body sentences whose tone is at or above the positive threshold",
    ),
    Measure("tone.own_voice", lambda s: _voice(s.tone.own_voice)),
    Measure(
        "tone.own_voice.mean",
        column="tone_own_voice_mean",
        label="Mean tone of own-voice sentences",
        unit="VADER compound, -1 to +1",
        direction="higher is more positive",
        counts="the mean tone of the sentences in the outlet's own words",
    ),
    Measure("tone.quoted", lambda s: _voice(s.tone.quoted)),
    Measure(
        "tone.quoted.mean",
        column="tone_quoted_mean",
        label="Mean tone of quoted sentences",
        unit="VADER compound, -1 to +1",
        direction="higher is more positive",
        counts="the mean tone of the sentences inside quotations",
    ),
    HEADLINE_TONE,
    LOADED,
    LOADED_QUOTED := Measure(
        "tone.loaded_quoted_per_1k",
        lambda s: s.tone.loaded_quoted_per_1k,
        "loaded_quoted_per_1k",
        "Loaded terms per 1,000 words (quotations)",
        unit="terms per 1,000 words",
        direction="higher is more loaded",
        counts="loaded-language hits inside quotations, per 1,000 words",
        comparable=True,
    ),
    Measure("tone.loaded_by_category", lambda s: s.tone.loaded_by_category),
)

FK_GRADE = "flesch_kincaid_grade"
READABILITY = (
    *(
        Measure(
            f"readability.{formula.key}",
            column=formula.key,
            label=formula.title,
            short={FK_GRADE: "FK grade", "flesch_reading_ease": "Flesch"}.get(formula.key, ""),
            unit=formula.scale,
            counts="textstat's formula on the article's content (headline and front matter left out)",
            interval_unit="sentences" if formula.key == FK_GRADE else None,
            comparable=True,
            scorecard=formula.key == FK_GRADE,
            table=formula.key in (FK_GRADE, "flesch_reading_ease"),
            help="Flesch-Kincaid US school grade" if formula.key == FK_GRADE else "",
            format="%.1f",
        )
        for formula in FORMULAS.values()
    ),
    Measure(
        "readability.words_per_sentence",
        column="words_per_sentence",
        label="Words per sentence",
        unit="words",
        direction="higher is harder to read",
        counts="the content's words over its sentences, as textstat counts them",
        comparable=True,
    ),
)
WORDS = Measure(
    "words", lambda s: s.words, "words", "Words", unit="words", counts="the article's words", comparable=True
)

# Per actor: templates whose `path` and `column` take the actor's id.
LEGITIMACY = Measure(
    "legitimacy.{actor}",
    column="legitimacy_{actor}",
    label="Legitimacy index of the {label}",
    short="Legitimacy",
    unit="-1 to +1",
    direction="higher is more legitimising",
    counts="the mean scale position of the actor's own-voice label mentions",
    interval_unit="mentions",
    comparable=True,
    over_time=True,
    help="-1 delegitimising to +1 legitimising",
    format="%+.2f",
)

# Per actor and label group: what share of the outlet's own labels for the actor are this group,
# and how often the group is used at all. Computed in the score record (`labels`).
LABEL_SHARE = Measure(
    "labels.{actor}.{group}.own_share",
    column="label_share_{actor}_{group}",
    label='Share of "{group}" among labels of the {label}',
    short="Label share",
    unit="share of own-voice label mentions, 0 to 1",
    direction="higher is more of this label",
    counts="the label group's own-voice mentions of the actor over all its own-voice label mentions",
    interval_unit="mentions",
    comparable=True,
    over_time=True,
    format="%.2f",
)
LABEL_RATE = Measure(
    "labels.{actor}.{group}.per_1k",
    column="label_per_1k_{actor}_{group}",
    label='"{group}" for the {label} per 1,000 words',
    short="Label rate",
    unit="mentions per 1,000 words",
    direction="higher is more of this label",
    counts="the label group's mentions of the actor in every voice, per 1,000 words",
    comparable=True,
    format="%.2f",
)

MEASURES: tuple[Measure, ...] = (*TONE, *READABILITY, WORDS)
TEMPLATES = (LEGITIMACY, LABEL_SHARE, LABEL_RATE)


def for_actor(template: Measure, actor: str, label: str, group: str = "") -> Measure:
    """A per-actor (or per-actor-and-group) template's entry for one actor (id and display name)."""
    name = group.replace("_", " ")
    return replace(
        template,
        path=template.path.format(actor=actor, group=group),
        column=(template.column or "").format(actor=actor, group=group) or None,
        label=template.label.format(label=label.lower(), group=name),
    )


def comparable(actors: dict[str, str], groups: dict[str, list[str]] | None = None) -> list[Measure]:
    """Every measure groups can be compared on: the fixed ones, each actor's legitimacy index
    (actor id -> label), then each label group's share and rate (actor id -> its groups)."""
    fixed = [m for m in dict.fromkeys((LOADED, LOADED_QUOTED, SENTENCE_TONE, HEADLINE_TONE, *MEASURES)) if m.comparable]
    per_label = [
        for_actor(template, actor, actors[actor], group)
        for actor in actors
        for template in (LABEL_SHARE, LABEL_RATE)
        for group in (groups or {}).get(actor, [])
    ]
    return [*fixed, *(for_actor(LEGITIMACY, a, label) for a, label in actors.items()), *per_label]


def label_values(labels, measure: Measure):
    """A label measure's value per article id, from the labels table (`analysis.tables.labels_frame`):
    the group's share of the actor's own-voice mentions (None without any), or its rate."""
    _, actor, group, field = measure.path.split(".")
    rows = labels[labels["target"] == actor]
    if field == "per_1k":
        return rows[rows["group"] == group].set_index("id")["per_1k"]
    own = rows.groupby("id")["own_voice"].sum()
    mine = rows[rows["group"] == group].set_index("id")["own_voice"].reindex(own.index).fillna(0)
    return (mine / own.where(own > 0)).round(DECIMALS)


def tone_record(scores: ArticleScores) -> dict[str, Any]:
    """The tone block of an article's score record."""
    return {m.leaf: m.value(scores) for m in TONE if m.value is not None}


def at_path(record: dict, path: str) -> Any:
    """The value at a dotted `path` of a score record."""
    value: Any = record
    for part in path.split("."):
        value = value[part]
    return value


def flat_tone(record: dict) -> dict[str, Any]:
    """The tone block's flat columns, from a score record."""
    return {m.column: at_path(record, m.path) for m in TONE if m.column}


def chosen(flag: str, measures: Iterable[Measure] | None = None) -> list[Measure]:
    """The measures with `flag` set ("scorecard", "table", "over_time", ...), in registry order."""
    return [m for m in (MEASURES if measures is None else measures) if getattr(m, flag)]


def by_column(column: str) -> Measure:
    """The measure of a flat column."""
    for measure in MEASURES:
        if measure.column == column:
            return measure
    raise KeyError(column)


def measures_table() -> list[dict[str, str]]:
    """The registry as rows for people (the Methods page, the documentation): every measure with
    a label, and each actor's legitimacy index as its template."""
    return [
        {
            "measure": m.label.replace("{label}", "actor").replace("{group}", "GROUP"),
            "JSON key": m.path.replace("{actor}", "ACTOR").replace("{group}", "GROUP"),
            "column": (m.column or "").replace("{actor}", "ACTOR").replace("{group}", "GROUP"),
            "unit": m.unit,
            "direction": m.direction,
            "what it counts": m.counts,
            "interval resamples": m.interval_unit or "",
        }
        for m in (*MEASURES, *TEMPLATES)
        if m.label
    ]
