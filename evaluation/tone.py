"""Sentence tone against the VADER New York Times sentences (Hutto & Gilbert 2014).

5,190 sentences from opinion articles, each the mean of 20 ratings on -4..+4. Pearson r of
the project's sentence tone and of plain VADER with the mean rating; 3-class macro F1 with
the human class positive above +0.5, negative below -0.5 (this reproduces the published
F1 of 0.55 for VADER) and the score's class at VADER's +-0.05. Dev half: even article numbers.
"""

from __future__ import annotations

from pathlib import Path

from scipy.stats import pearsonr
from sklearn.metrics import f1_score

from analysis.tone import sentiment, vader_sentiment
from evaluation.data import MissingData

PUBLISHED = {"pearson_r": 0.492, "f1_3class": 0.55}
HUMAN_NEUTRAL = 0.5
SCORE_NEUTRAL = 0.05


def load(root: Path, limit: int | None = None) -> list[tuple[str, float, str]]:
    path = root / "vader-nyt" / "nytEditorialSnippets_GroundTruth.txt"
    if not path.exists():
        raise MissingData(f"{path} not found")
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[0], float(parts[1]), parts[2]))
    return rows[:limit]


def _classes(values: list[float], neutral: float) -> list[int]:
    return [1 if v > neutral else -1 if v < -neutral else 0 for v in values]


def metrics(rows: list[tuple[str, float, str]]) -> dict[str, float]:
    human = [r[1] for r in rows]
    result: dict[str, float] = {"n": len(rows)}
    for name, score in (("framelens", sentiment), ("vader", vader_sentiment)):
        values = [score(r[2]) for r in rows]
        result[f"{name}_pearson_r"] = round(float(pearsonr(values, human).statistic), 4)
        predicted = _classes(values, SCORE_NEUTRAL - 1e-9)
        result[f"{name}_f1_3class"] = round(
            float(f1_score(_classes(human, HUMAN_NEUTRAL), predicted, average="macro")), 4
        )
    return result


def evaluate(root: Path, limit: int | None = None) -> dict:
    rows = load(root, limit)
    dev = [r for r in rows if int(r[0].split("_")[0]) % 2 == 0]
    held = [r for r in rows if int(r[0].split("_")[0]) % 2 == 1]
    return {
        "dataset": "vader-nyt",
        "score": "sentence tone (analysis.tone.sentiment) and plain VADER",
        "reference": PUBLISHED,
        "halves": {name: metrics(half) for name, half in (("dev", dev), ("held_out", held)) if len(half) > 2},
    }
