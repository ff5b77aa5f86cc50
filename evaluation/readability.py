"""Readability formulas against human judgements.

CLEAR (Crossley et al. 2023): Pearson r of each formula with BT_easiness, the teachers'
pairwise-comparison easiness of 4,724 excerpts (dev half: even ID). OneStopEnglish (Vajjala
& Lucic 2018): the share of articles whose elementary, intermediate and advanced versions a
formula puts in the right order (dev half: names sorting into the first half).
"""

from __future__ import annotations

import csv
from pathlib import Path

from scipy.stats import pearsonr

from analysis.corpus import decode
from analysis.readability import FORMULAS, readability
from evaluation.data import MissingData

PUBLISHED_CLEAR = {
    "flesch_reading_ease": 0.55,
    "flesch_kincaid_grade": -0.52,
    "smog_index": -0.56,
    "dale_chall_readability_score": -0.56,
}
LEVELS = ("Ele", "Int", "Adv")


def load_clear(root: Path, limit: int | None = None) -> list[tuple[int, float, str]]:
    path = root / "clear" / "CLEAR_corpus_final.csv"
    if not path.exists():
        raise MissingData(f"{path} not found")
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = [(int(r["ID"]), float(r["BT_easiness"]), r["Excerpt"]) for r in csv.DictReader(handle)]
    return rows[:limit]


def clear_metrics(rows: list[tuple[int, float, dict]]) -> dict[str, float]:
    """Pearson r of each formula with BT_easiness; rows are (id, easiness, formula scores)."""
    scores = [r[2] for r in rows]
    easiness = [r[1] for r in rows]
    result: dict[str, float] = {"n": len(rows)}
    for formula in FORMULAS:
        result[formula] = round(float(pearsonr([s[formula] for s in scores], easiness).statistic), 4)
    return result


def load_onestop(root: Path, limit: int | None = None) -> dict[str, dict[str, str]]:
    folder = root / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    if not folder.exists():
        raise MissingData(f"{folder} not found")
    articles: dict[str, dict[str, str]] = {}
    for level in LEVELS:
        for path in sorted((folder / f"{level}-Txt").glob("*.txt")):
            name = path.stem.rsplit("-", 1)[0]
            articles.setdefault(name, {})[level] = decode(path.read_bytes())
    complete = {name: v for name, v in sorted(articles.items()) if len(v) == 3}
    return dict(list(complete.items())[:limit])


def onestop_metrics(articles: dict[str, dict[str, str]]) -> dict[str, float]:
    result: dict[str, float] = {"n": len(articles)}
    scored = {
        name: {lv: readability(text).as_dict() for lv, text in versions.items()} for name, versions in articles.items()
    }
    for formula in FORMULAS:
        sign = -1 if formula == "flesch_reading_ease" else 1  # higher ease means easier
        right = sum(
            sign * s["Ele"][formula] < sign * s["Int"][formula] < sign * s["Adv"][formula] for s in scored.values()
        )
        result[formula] = round(right / len(scored), 4) if scored else 0.0
    return result


def evaluate(root: Path, limit: int | None = None) -> dict:
    clear = [(i, easiness, readability(text).as_dict()) for i, easiness, text in load_clear(root, limit)]
    onestop = load_onestop(root, limit and max(4, limit // 10))
    names = list(onestop)
    half = (len(names) + 1) // 2
    return {
        "dataset": "clear, onestopenglish",
        "score": "textstat formulas (analysis.readability)",
        "reference": {"clear_pearson_r": PUBLISHED_CLEAR},
        "whole_clear_pearson_r": clear_metrics(clear),
        "halves": {
            "dev": {
                "clear_pearson_r": clear_metrics([r for r in clear if r[0] % 2 == 0]),
                "onestop_ordered": onestop_metrics({n: onestop[n] for n in names[:half]}),
            },
            "held_out": {
                "clear_pearson_r": clear_metrics([r for r in clear if r[0] % 2 == 1]),
                "onestop_ordered": onestop_metrics({n: onestop[n] for n in names[half:]}),
            },
        },
    }
