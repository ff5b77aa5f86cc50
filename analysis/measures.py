"""The measures groups can be compared on: one name for the command line (a dotted key of the
score JSON) and for the tables (a column of the scores table), with a label for people."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.readability import FORMULAS


@dataclass(frozen=True)
class Measure:
    key: str  # dotted key of the score JSON: `python -m analysis compare --measure KEY`
    column: str  # column of the scores table
    label: str


FIXED = (
    Measure("tone.loaded_per_1k", "loaded_per_1k", "Loaded terms per 1,000 words (own voice)"),
    Measure("tone.loaded_quoted_per_1k", "loaded_quoted_per_1k", "Loaded terms per 1,000 words (quotations)"),
    Measure("tone.sentence_mean", "tone_sentence_mean", "Mean sentence tone"),
    Measure("tone.headline", "tone_headline", "Headline tone"),
    *(Measure(f"readability.{f.key}", f.key, f.title) for f in FORMULAS.values()),
    Measure("readability.words_per_sentence", "words_per_sentence", "Words per sentence"),
    Measure("words", "words", "Words"),
)


def measures(actors: dict[str, str]) -> list[Measure]:
    """Every comparable measure: the fixed ones, then each actor's legitimacy index (actor id -> label)."""
    legitimacy = [
        Measure(f"legitimacy.{a}", f"legitimacy_{a}", f"Legitimacy index of the {label.lower()}")
        for a, label in actors.items()
    ]
    return [*FIXED, *legitimacy]
