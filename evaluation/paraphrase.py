"""Sentence alignment against OneStopEnglish (Vajjala & Lučić 2018): the same Guardian article
rewritten for elementary and advanced readers.

Every elementary and advanced version of one half is put in a folder and compared with
`python -m analysis overlap FOLDER --format json`, as a user runs it. Two figures: the share of
elementary sentences aligned with a sentence of their own article's advanced rewrite (recall of
paraphrase), and the share of alignments that join two different articles (unrelated stories
that should not align). Beside them, a simple baseline on the same sentences: each elementary
sentence aligned with the advanced sentence of the half that shares the largest share of its
content words (Jaccard at least 0.3). Dev half: names sorting into the first half.

In three pairs of articles the elementary file of one holds the other's elementary text ("Arctic
mapping" and "WNL Arctic Ramadan", "Royal Baby" and "Skydiver", "WNL The millenials" and "WNL
Tributes": word Jaccard of at least 0.9 between the two elementary files, while their advanced
files differ). Which of each pair is misfiled cannot be told without the aligner under test, so
both are left out: their sentences align with "another" article because they are that article.

Framelens is run twice, aligning by words and meaning (the default) and by words alone
(`--align words`), so the meaning model's part is measured on the same sentences.
"""

from __future__ import annotations

import itertools
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
MISFILED_JACCARD = 0.9  # two elementary files this alike hold one text filed under two names
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


def misfiled(pairs: dict[str, tuple[str, str]]) -> list[str]:
    """Articles whose elementary file holds (nearly) the same words as another article's."""
    words = {name: set(elementary.split()) for name, (elementary, _) in pairs.items()}
    names = list(words)
    found: set[str] = set()
    for k, first in enumerate(names):
        for second in names[k + 1 :]:
            union = words[first] | words[second]
            if union and len(words[first] & words[second]) / len(union) >= MISFILED_JACCARD:
                found.update((first, second))
    return sorted(found)


def _sentences(text: str, name: str) -> list[tuple[int, str]]:
    article = article_from_text(text, name)
    prepared = prepare(article.text)
    return [(s.start, article.text[s.start : s.end]) for s in prepared.sentences if not s.is_heading]


def _overlap_cli(folder: Path, align: str) -> list[dict]:
    return _overlap_cli_on(folder / "texts", folder, align)


def _overlap_cli_on(texts: Path, folder: Path, align: str) -> list[dict]:
    database = folder / "framelens.sqlite"
    reply = subprocess.run(
        [sys.executable, "-m", "analysis", "overlap", str(texts), "--align", align, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_DIR,
        env={**os.environ, "FRAMELENS_DB": str(database)},
    )
    return json.loads(reply.stdout)["pairs"]


def _framelens(pairs: dict[str, tuple[str, str]], align: str) -> dict:
    keys = {f"a{i:03d}": name for i, name in enumerate(pairs)}
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        for key, name in keys.items():
            elementary, advanced = pairs[name]
            (texts / f"{key}-{ELEMENTARY}.txt").write_text(elementary, encoding="utf-8")
            (texts / f"{key}-{ADVANCED}.txt").write_text(advanced, encoding="utf-8")
        records = _overlap_cli(Path(tmp), align)
    # Per article (the article of A for an alignment): the units the intervals resample.
    sentences = np.array([len(_sentences(pairs[keys[k]][0], keys[k])) for k in keys])
    index = {k: i for i, k in enumerate(keys)}
    own: set[tuple[str, int]] = set()
    made, crossing = np.zeros(len(keys)), np.zeros(len(keys))
    alignments = cross = 0
    for record in records:
        article_a, level_a = record["a"].removesuffix(".txt").split("-")
        article_b, level_b = record["b"].removesuffix(".txt").split("-")
        for sentence in record["aligned_sentences"]:
            alignments += 1
            made[index[article_a]] += 1
            if article_a != article_b:
                cross += 1
                crossing[index[article_a]] += 1
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


# The Syrian army's statement on leaving Hama as four seed articles report it, in other words each time.
ARMY_STATEMENTS = {
    "000": "The Syrian army announced its withdrawal from Hama",
    "002": "The Syrian army confirmed its withdrawal",
    "003": "The Syrian army announced it was redeploying",
    "004": "Syrian state media confirmed the withdrawal",
}


def army_statements(align: str = "meaning") -> dict:
    """Which pairs of the seeds' four reports of the army's statement align, through the command line."""
    with tempfile.TemporaryDirectory() as tmp:
        records = _overlap_cli_on(PROJECT_DIR / "seeds", Path(tmp), align)
    found = {}
    for first, second in itertools.combinations(sorted(ARMY_STATEMENTS), 2):
        record = next(r for r in records if {r["a"][:3], r["b"][:3]} == {first, second})
        swap = record["a"][:3] != first
        texts = [
            (s["b_text"], s["a_text"]) if swap else (s["a_text"], s["b_text"]) for s in record["aligned_sentences"]
        ]
        match = next(
            (t for t in texts if t[0].startswith(ARMY_STATEMENTS[first]) and t[1].startswith(ARMY_STATEMENTS[second])),
            None,
        )
        found[f"{first}-{second}"] = match is not None
    return {"pairs": len(found), "aligned": sum(found.values()), "each": found}


def evaluate(root: Path, limit: int | None = None) -> dict:
    pairs = load_pairs(root, limit)
    names = list(pairs)
    half = (len(names) + 1) // 2
    left_out = set(misfiled(pairs))
    halves = {
        label: [n for n in chosen if n not in left_out]
        for label, chosen in (("dev", names[:half]), ("held_out", names[half:]))
    }
    return {
        "dataset": "OneStopEnglish, elementary and advanced versions of each article",
        "score": "paraphrase alignment through `python -m analysis overlap`",
        "halves": {
            label: {
                "articles": len(chosen),
                "framelens": _framelens({n: pairs[n] for n in chosen}, "meaning"),
                "framelens_words_only": _framelens({n: pairs[n] for n in chosen}, "words"),
                "baseline_word_overlap": _baseline({n: pairs[n] for n in chosen}),
            }
            for label, chosen in halves.items()
        },
        "left_out_misfiled": sorted(left_out),
        "seeds_army_statements": {align: army_statements(align) for align in ("meaning", "words")},
        "reference": {"target_aligned_with_own_rewrite_at_least": 0.85, "target_joining_different_at_most": 0.03},
    }
