"""Loaded language and labels against the Propaganda Techniques Corpus (SemEval-2020 Task 11).

Gold spans of `Loaded_Language` and `Name_Calling,Labeling`. Sentence level: a sentence
(one line of an article file) is positive when a gold span overlaps it, predicted positive when
a hit does. Span level: the task's official partial-overlap measure (Da San Martino et al.
2019): precision = sum over predicted spans s and gold spans t of |s & t| / |s|, over the
number of predicted spans; recall the same over gold spans. Dev half: even article ids.

A word list is compared here with what trained models were measured on; the published
figures (test set, transformers) are for orientation only.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from analysis.framing import find_hits
from analysis.lexicon import load_lexicon
from analysis.text import prepare
from analysis.tone import find_loaded, load_loaded_words
from evaluation.common import prf
from evaluation.data import MissingData

LOADED_CATEGORIES = {"intensifier", "emotive", "hyperbole", "war_metaphor", "pejorative"}
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


def predict(texts: dict[str, str]) -> dict[str, dict[str, list[Span]]]:
    lexicon, words = load_lexicon(), load_loaded_words()
    predicted: dict[str, dict[str, list[Span]]] = {key: {} for key in TECHNIQUES}
    for article, text in texts.items():
        prepared = prepare(text)
        hits = find_loaded(prepared, words)
        predicted["loaded"][article] = [(h.start, h.end) for h in hits if h.category in LOADED_CATEGORIES]
        predicted["labels"][article] = [(h.start, h.end) for t in lexicon.actors for h in find_hits(prepared, t)]
    return predicted


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _lines(text: str) -> list[Span]:
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def sentence_level(texts: dict[str, str], gold: dict[str, list[Span]], predicted: dict[str, list[Span]]) -> dict:
    tp = predicted_n = actual_n = 0
    for article, text in texts.items():
        for line in _lines(text):
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
    predicted = predict(texts)
    halves = {
        "dev": {a: t for a, t in texts.items() if int(a) % 2 == 0},
        "held_out": {a: t for a, t in texts.items() if int(a) % 2 == 1},
    }
    result = {
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
            figures[f"{key}_sentence"] = sentence_level(subset, gold[key], predicted[key])
            figures[f"{key}_span"] = span_level(subset, gold[key], predicted[key])
        result["halves"][half] = figures
    return result
