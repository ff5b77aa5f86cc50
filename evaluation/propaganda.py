"""Loaded language and labels against the Propaganda Techniques Corpus (SemEval-2020 Task 11).

Gold spans of `Loaded_Language` and `Name_Calling,Labeling`. Sentence level: a sentence (as
`python -m analysis score` reads the article: headline, then sentences split by
`analysis.text`) is positive when a gold span overlaps it; it is predicted positive when its
loaded-language score reaches the word list's `flag_at` (labels: when a label hit lies in it).
Span level: the task's official partial-overlap measure (Da San Martino et al. 2019):
precision = sum over predicted spans s and gold spans t of |s & t| / |s|, over the number of
predicted spans; recall the same over gold spans. Dev half: even article ids.

A word list is compared here with what trained models were measured on; the published
figures (test set, transformers) are for orientation only.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from analysis.framing import find_hits
from analysis.lexicon import load_lexicon
from analysis.text import prepare
from analysis.tone import find_loaded, load_loaded_words, loaded_score
from evaluation.common import prf
from evaluation.data import MissingData

# Every word category of the loaded-language list but direct address of the reader, which the
# corpus's Loaded_Language class does not cover.
NOT_LOADED = {"direct_address", "exclamation", "rhetorical_question"}
TECHNIQUES = {"loaded": "Loaded_Language", "labels": "Name_Calling,Labeling"}
PUBLISHED = {"span_f1_best_system_all_techniques": 0.516, "loaded_technique_f1": 0.77, "labeling_technique_f1": 0.70}

Span = tuple[int, int]


def load(root: Path, limit: int | None = None) -> tuple[dict[str, str], dict[str, dict[str, list[Span]]]]:
    folder = root / "ptc-train"
    labels = folder / "train-task2-TC.labels"
    if not labels.exists():
        raise MissingData(f"{labels} not found")
    paths = sorted((folder / "train-articles").glob("article*.txt"))[:limit]
    texts = {p.stem.removeprefix("article"): p.read_bytes().decode("utf-8") for p in paths}
    gold: dict[str, dict[str, list[Span]]] = {key: defaultdict(list) for key in TECHNIQUES}
    for line in labels.read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        for key, name in TECHNIQUES.items():
            if technique == name and article in texts:
                gold[key][article].append((int(start), int(end)))
    return texts, gold


def predict(texts: dict[str, str]) -> tuple[dict[str, dict[str, list[Span]]], dict[str, list[Span]]]:
    """Predicted spans of each technique, and the sentences the loaded-language score flags."""
    lexicon, words = load_lexicon(), load_loaded_words()
    predicted: dict[str, dict[str, list[Span]]] = {key: {} for key in TECHNIQUES}
    flagged: dict[str, list[Span]] = {}
    for article, text in texts.items():
        prepared = prepare(text)
        hits = [h for h in find_loaded(prepared, words) if h.category not in NOT_LOADED]
        predicted["loaded"][article] = [(h.start, h.end) for h in hits]
        flagged[article] = [
            (s.start, s.end)
            for s in prepared.sentences
            if loaded_score([h for h in hits if h.sentence == s.index], words) >= words.flag_at
        ]
        predicted["labels"][article] = [(h.start, h.end) for t in lexicon.actors for h in find_hits(prepared, t)]
    return predicted, flagged


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _sentences(text: str) -> list[Span]:
    """The sentences of `text` as the score command reads it."""
    return [(s.start, s.end) for s in prepare(text).sentences]


def sentence_level(texts: dict[str, str], gold: dict[str, list[Span]], predicted: dict[str, list[Span]]) -> dict:
    tp = predicted_n = actual_n = 0
    for article, text in texts.items():
        for line in _sentences(text):
            is_gold = any(_overlap(line, span) for span in gold.get(article, []))
            is_predicted = any(_overlap(line, span) for span in predicted.get(article, []))
            tp += is_gold and is_predicted
            predicted_n += is_predicted
            actual_n += is_gold
    return prf(tp, predicted_n, actual_n)


def span_level(texts: dict[str, str], gold: dict[str, list[Span]], predicted: dict[str, list[Span]]) -> dict:
    precision_sum = recall_sum = 0.0
    predicted_n = sum(len(predicted.get(a, [])) for a in texts)
    gold_n = sum(len(gold.get(a, [])) for a in texts)
    for article in texts:
        for s in predicted.get(article, []):
            precision_sum += sum(_overlap(s, t) for t in gold.get(article, [])) / max(1, s[1] - s[0])
        for t in gold.get(article, []):
            recall_sum += sum(_overlap(s, t) for s in predicted.get(article, [])) / max(1, t[1] - t[0])
    precision = precision_sum / predicted_n if predicted_n else 0.0
    recall = recall_sum / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(root: Path, limit: int | None = None) -> dict:
    texts, gold = load(root, limit)
    predicted, flagged = predict(texts)
    halves = {
        "dev": {a: t for a, t in texts.items() if int(a) % 2 == 0},
        "held_out": {a: t for a, t in texts.items() if int(a) % 2 == 1},
    }
    result: dict[str, Any] = {
        "dataset": "ptc-train",
        "score": "loaded-language word list and framing label lexicon",
        "reference": PUBLISHED,
        "halves": {},
    }
    for half, subset in halves.items():
        if not subset:
            continue
        figures: dict[str, object] = {"articles": len(subset)}
        for key in TECHNIQUES:
            # loaded language: the sentences whose score reaches the flag; labels: any label hit
            sentences = flagged if key == "loaded" else predicted[key]
            figures[f"{key}_sentence"] = sentence_level(subset, gold[key], sentences)
            figures[f"{key}_span"] = span_level(subset, gold[key], predicted[key])
        result["halves"][half] = figures
    return result
