"""Loaded language against expert-labelled biased wording in news sentences (BABE).

Sentence level: a sentence is predicted biased when its loaded-language score (the weights of
its hits in any voice, since BABE's annotators judged whole sentences) reaches the word list's
`flag_at`; the score itself gives the AUC. Word level: the share of the experts' biased words
the measure marks (recall), and the share of the words it marks that experts marked
(precision). Beside it, on the same rows: the baseline "always biased" and a VADER word list
(a word of VADER's lexicon with |valence| >= 2), whose continuous score is the sum of those
words' |valence|. The one "No agreement" row is left out. Dev half: first hex digit of
sha1(news_link) 0-7.
"""

from __future__ import annotations

import ast
import csv
import hashlib
from pathlib import Path
from typing import Any

from analysis.text import prepare
from analysis.tone import analyzer, find_loaded, load_loaded_words, loaded_score
from evaluation.common import auc, prf
from evaluation.data import MissingData

VADER_MIN_VALENCE = 2.0
PUBLISHED = {"babe_best_model_f1": 0.804}  # Spinde et al. 2021, RoBERTa with distant supervision


def load(root: Path, limit: int | None = None) -> list[dict]:
    path = root / "babe" / "babe_sg2.csv"
    if not path.exists():
        raise MissingData(f"{path} not found")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";") if r["label_bias"] in {"Biased", "Non-biased"}]
    for row in rows:
        row["half"] = "dev" if hashlib.sha1(row["news_link"].encode()).hexdigest()[0] in "01234567" else "held_out"
        row["biased"] = row["label_bias"] == "Biased"
        row["words"] = [w.lower() for w in ast.literal_eval(row["biased_words"] or "[]")]
    return rows[:limit]


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'()[]").lower() for w in text.split()]


def vader_words(text: str) -> dict[str, float]:
    """The words of `text` in VADER's lexicon with |valence| >= 2, and their |valence|."""
    lexicon = analyzer().lexicon
    return {w: abs(lexicon[w]) for w in _words(text) if abs(lexicon.get(w, 0.0)) >= VADER_MIN_VALENCE}


def framelens(text: str) -> tuple[set[str], float]:
    """The words the loaded-language measure marks in `text` when the sentence counts as loaded,
    and its continuous score."""
    words = load_loaded_words()
    hits = find_loaded(prepare(text), words)
    score = loaded_score(hits, words)
    marked = (
        {w for h in hits for w in _words(h.text) if any(c.isalpha() for c in w)} if score >= words.flag_at else set()
    )
    return marked, score


def _figures(rows: list[dict], marked: list[set[str]], scores: list[float]) -> dict:
    predicted = [bool(m) for m in marked]
    actual = [r["biased"] for r in rows]
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    figures = prf(tp, sum(predicted), sum(actual))
    figures["accuracy"] = round(sum(p == a for p, a in zip(predicted, actual, strict=True)) / len(rows), 4)
    figures["auc"] = round(auc(scores, actual), 4)
    gold_words = sum(len(set(r["words"])) for r in rows)
    found = sum(len(set(r["words"]) & m) for r, m in zip(rows, marked, strict=True))
    marked_n = sum(len(m) for m in marked)
    figures["biased_words_found"] = round(found / gold_words, 4) if gold_words else 0.0
    figures["marked_words_biased"] = round(found / marked_n, 4) if marked_n else 0.0
    return figures


def evaluate(root: Path, limit: int | None = None) -> dict:
    rows = load(root, limit)
    result: dict[str, Any] = {
        "dataset": "babe",
        "score": "loaded-language sentence score (its hits' weights; reaching flag_at counts as loaded)",
        "reference": PUBLISHED,
        "halves": {},
    }
    for half in ("dev", "held_out"):
        subset = [r for r in rows if r["half"] == half]
        if not subset:
            continue
        ours = [framelens(r["text"]) for r in subset]
        vader = [vader_words(r["text"]) for r in subset]
        result["halves"][half] = {
            "sentences": len(subset),
            "biased_share": round(sum(r["biased"] for r in subset) / len(subset), 4),
            "framelens": _figures(subset, [m for m, _ in ours], [s for _, s in ours]),
            "vader_word_list": _figures(subset, [set(v) for v in vader], [sum(v.values()) for v in vader]),
            "always_biased": {
                **prf(sum(r["biased"] for r in subset), len(subset), sum(r["biased"] for r in subset)),
                "accuracy": round(sum(r["biased"] for r in subset) / len(subset), 4),
                "auc": 0.5,
            },
        }
    return result
