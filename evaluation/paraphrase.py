"""Sentence alignment against OneStopEnglish (Vajjala & Lučić 2018): the same Guardian article
rewritten for elementary and advanced readers.

Every elementary and advanced version of one half is put in a folder and compared with
`python -m analysis overlap FOLDER --format json`, as a user runs it. Two figures: the share of
elementary sentences aligned with a sentence of their own article's advanced rewrite (recall of
paraphrase), and the share of alignments that join two different articles (unrelated stories
that should not align). Beside them, a simple baseline on the same sentences: each elementary
sentence aligned with the advanced sentence of the half that shares the largest share of its
content words (Jaccard at least 0.3). Dev half: names sorting into the first half.

The corpus holds two article pairs whose files carry the same text under two names (document
similarity 1.0: "Royal Baby" and "Skydiver", "Arctic mapping" and "WNL Arctic Ramadan"):
alignments between such near-identical texts (document similarity at least 0.6) are counted
apart, since they join the same story filed twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from analysis.corpus import article_from_text, decode
from analysis.overlap.words import content_words
from analysis.paths import PROJECT_DIR
from analysis.text import prepare
from evaluation.data import MissingData

ELEMENTARY, ADVANCED = "1ele", "2adv"  # file suffixes: elementary sorts first, so it is A in each pair
SAME_TEXT = 0.6  # document similarity at which two "different" articles are the same text filed twice
BASELINE_JACCARD = 0.3


def load_pairs(root: Path, limit: int | None = None) -> dict[str, tuple[str, str]]:
    """Article name -> (elementary text, advanced text), sorted by name."""
    folder = root / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    if not folder.exists():
        raise MissingData(f"{folder} not found")
    pairs = {}
    for path in sorted((folder / "Ele-Txt").glob("*-ele.txt")):
        name = path.name.removesuffix("-ele.txt")
        advanced = folder / "Adv-Txt" / f"{name}-adv.txt"
        if advanced.exists():
            pairs[name] = (decode(path.read_bytes()), decode(advanced.read_bytes()))
    names = list(pairs)[:limit] if limit else list(pairs)
    return {name: pairs[name] for name in names}


def _sentences(text: str, name: str) -> list[tuple[int, str]]:
    article = article_from_text(text, name)
    prepared = prepare(article.text)
    return [(s.start, article.text[s.start : s.end]) for s in prepared.sentences if not s.is_heading]


def _overlap_cli(folder: Path) -> list[dict]:
    database = folder / "framelens.sqlite"
    reply = subprocess.run(
        [sys.executable, "-m", "analysis", "overlap", str(folder / "texts"), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_DIR,
        env={**os.environ, "FRAMELENS_DB": str(database)},
    )
    return json.loads(reply.stdout)


def _framelens(pairs: dict[str, tuple[str, str]]) -> dict:
    keys = {f"a{i:03d}": name for i, name in enumerate(pairs)}
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        for key, name in keys.items():
            elementary, advanced = pairs[name]
            (texts / f"{key}-{ELEMENTARY}.txt").write_text(elementary, encoding="utf-8")
            (texts / f"{key}-{ADVANCED}.txt").write_text(advanced, encoding="utf-8")
        records = _overlap_cli(Path(tmp))
    # Per article (the article of A for an alignment): the units the intervals resample.
    sentences = np.array([len(_sentences(pairs[keys[k]][0], keys[k])) for k in keys])
    index = {k: i for i, k in enumerate(keys)}
    own: set[tuple[str, int]] = set()
    made, crossing = np.zeros(len(keys)), np.zeros(len(keys))
    alignments = cross = same_text = 0
    for record in records:
        article_a, level_a = record["a"].removesuffix(".txt").split("-")
        article_b, level_b = record["b"].removesuffix(".txt").split("-")
        for sentence in record["aligned_sentences"]:
            alignments += 1
            made[index[article_a]] += 1
            if article_a != article_b:
                cross += 1
                crossing[index[article_a]] += 1
                same_text += record["similarity"] >= SAME_TEXT
            elif (level_a, level_b) == (ELEMENTARY, ADVANCED):
                own.add((article_a, sentence["a_start"]))
    aligned = np.zeros(len(keys))
    for article, _ in own:
        aligned[index[article]] += 1
    elementary_sentences = int(sentences.sum())
    return {
        "elementary_sentences": elementary_sentences,
        "aligned_with_own_rewrite": round(len(own) / elementary_sentences, 4),
        "aligned_with_own_rewrite_ci95": _interval(aligned, sentences),
        "alignments": alignments,
        "joining_different_articles": round(cross / alignments, 4) if alignments else 0.0,
        "joining_different_articles_ci95": _interval(crossing, made),
        "joining_different_articles_apart_from_same_text_filed_twice": (
            round((cross - same_text) / (alignments - same_text), 4) if alignments > same_text else 0.0
        ),
    }


def _interval(numerators: np.ndarray, denominators: np.ndarray, resamples: int = 2000) -> list[float]:
    """95% percentile bootstrap interval of a ratio of sums, resampling articles (seeded): sentences
    of one article are not independent, so articles are the unit."""
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(numerators), size=(resamples, len(numerators)))
    totals = denominators[picks].sum(axis=1)
    ratios = numerators[picks].sum(axis=1) / np.where(totals > 0, totals, 1)
    return [round(float(v), 4) for v in np.percentile(ratios, [2.5, 97.5])]


def _baseline(pairs: dict[str, tuple[str, str]]) -> dict:
    """Each elementary sentence with the advanced sentence of the half sharing most content words."""
    elementary, advanced = [], []
    for name, (ele, adv) in pairs.items():
        elementary += [(name, " ".join(content_words(text))) for _, text in _sentences(ele, name)]
        advanced += [(name, " ".join(content_words(text))) for _, text in _sentences(adv, name)]
    vectorizer = CountVectorizer(binary=True, token_pattern=r"\S+", lowercase=False)
    vectorizer.fit([t for _, t in elementary + advanced])
    e = vectorizer.transform([t for _, t in elementary])
    a = vectorizer.transform([t for _, t in advanced])
    shared = (e @ a.T).toarray()
    sizes_e, sizes_a = np.asarray(e.sum(axis=1)).ravel(), np.asarray(a.sum(axis=1)).ravel()
    union = sizes_e[:, None] + sizes_a[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared, dtype=float), where=union > 0)
    best = jaccard.argmax(axis=1)
    kept = jaccard[np.arange(len(best)), best] >= BASELINE_JACCARD
    same = np.array([elementary[i][0] == advanced[j][0] for i, j in enumerate(best)])
    return {
        "aligned_with_own_rewrite": round(float((kept & same).sum() / len(elementary)), 4),
        "alignments": int(kept.sum()),
        "joining_different_articles": round(float((kept & ~same).sum() / kept.sum()), 4) if kept.any() else 0.0,
    }


def evaluate(root: Path, limit: int | None = None) -> dict:
    pairs = load_pairs(root, limit)
    names = list(pairs)
    half = (len(names) + 1) // 2
    halves = {"dev": names[:half], "held_out": names[half:]}
    return {
        "dataset": "OneStopEnglish, elementary and advanced versions of each article",
        "score": "paraphrase alignment through `python -m analysis overlap`",
        "halves": {
            label: {
                "articles": len(chosen),
                "framelens": _framelens({n: pairs[n] for n in chosen}),
                "baseline_word_overlap": _baseline({n: pairs[n] for n in chosen}),
            }
            for label, chosen in halves.items()
        },
        "reference": {"target_aligned_with_own_rewrite_at_least": 0.85, "target_joining_different_at_most": 0.03},
    }
