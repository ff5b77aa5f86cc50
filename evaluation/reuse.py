"""Text reuse against the Clough & Stevenson (2011) corpus of plagiarised short answers.

Each answer is compared with the Wikipedia source it was written from. Containment (the
share of the answer's stemmed word 5-grams found in the source) should order the categories
non < heavy < light < cut (Spearman) and separate reused answers from non-reused (AUC).
Dev half: tasks a, b, c; held-out half: tasks d, e.

Beside the shipped figure, `orders` gives the same two figures for stemmed word n-grams of every
order from 1 to 6 and for plain word 3-grams, the textbook measure the data set's curators
used, so the order can be seen chosen on the dev half and compared with the textbook one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from analysis.corpus import article_from_text, decode
from analysis.overlap import Document, containment
from analysis.text import prepare
from evaluation.data import MissingData

ORDER = {"non": 0, "heavy": 1, "light": 2, "cut": 3}
DEV_TASKS = frozenset("abc")
# Word 3-gram containment as measured by the data set's curators (its README).
REFERENCE = {"spearman": 0.78, "auc": 0.96}
ORDERS = range(1, 7)


@dataclass(frozen=True)
class Answer:
    file: str
    task: str
    category: str
    containment: float
    by_order: dict[str, float]  # "stemmed 1" .. "stemmed 6", "words 3": containment of those n-grams


def _document(path: Path) -> Document:
    article = article_from_text(decode(path.read_bytes()), path.name)
    return Document.from_prepared(article, prepare(article.text))


def load_answers(root: Path, limit: int | None = None) -> list[Answer]:
    folder = root / "clough-stevenson"
    listing = folder / "file_list.csv"
    if not listing.exists():
        raise MissingData(f"{listing} not found")
    corpus = folder / "corpus-20090418"
    with listing.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    sources = {task: _document(corpus / f"orig_task{task}.txt") for task in "abcde"}
    answers = []
    for row in rows:
        answer, source = _document(corpus / row["File"]), sources[row["Task"]]
        by_order = {f"stemmed {n}": containment(answer.stems, source.stems, n) for n in ORDERS}
        by_order["words 3"] = containment(answer.tokens, source.tokens, 3)
        answers.append(
            Answer(row["File"], row["Task"], row["Category"], containment(answer.stems, source.stems), by_order)
        )
    return answers


def metrics(answers: list[Answer], scores: list[float] | None = None) -> dict[str, float]:
    scores = scores if scores is not None else [a.containment for a in answers]
    spearman = spearmanr([ORDER[a.category] for a in answers], scores).statistic
    auc = roc_auc_score([a.category != "non" for a in answers], scores)
    return {"n": len(answers), "spearman": round(float(spearman), 4), "auc": round(float(auc), 4)}


def orders(answers: list[Answer]) -> dict[str, dict[str, float]]:
    """The two figures for every n-gram order tried (see the module)."""
    return {name: metrics(answers, [a.by_order[name] for a in answers]) for name in answers[0].by_order}


def evaluate(root: Path, limit: int | None = None) -> dict:
    answers = load_answers(root, limit)
    halves = {
        "dev": [a for a in answers if a.task in DEV_TASKS],
        "held_out": [a for a in answers if a.task not in DEV_TASKS],
    }
    return {
        "dataset": "clough-stevenson",
        "score": "containment of stemmed word 5-grams (analysis.overlap.containment)",
        "reference": REFERENCE,
        "halves": {name: metrics(half) for name, half in halves.items() if half},
        "orders": {name: orders(half) for name, half in halves.items() if half},
    }
