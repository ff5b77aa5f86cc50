"""`python -m evaluation train`: the loaded-wording sentence model, trained and evaluated.

Trains `analysis.sentence_model` on the dev halves of three public sets of labelled news
sentences: BABE (biased wording, expert labels), the Propaganda Techniques Corpus (sentences
holding a Loaded_Language span) and NewsSD-ENG (subjective sentences, `train.csv`). Each set
weighs the same in training whatever its size, each class within it too. The regularisation is
chosen by five-fold cross-validation on the dev halves (mean AUC over the sets), the probability
calibrated by Platt scaling of out-of-fold scores, and the flag threshold set where the mean dev
F1 over the sets is highest. Both halves of every set are then reported beside the word list's
own flag, a VADER word list (a word with |valence| >= 2) and flagging every sentence, and, to
show how far it carries, each set's held-out AUC of a model trained on the two other sets alone,
with and without the learned word weights.

Writes `analysis/data/loaded_sentence_model.json` (the weights with the name, licence and
SHA-256 of every training file) and `evaluation/results/sentence_model.json`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import numpy as np

from analysis.sentence_model import (
    MODEL_FILE,
    SentenceModel,
    features,
    hand_feature_names,
    sentence_inputs,
    text_input,
)
from analysis.text import prepare
from analysis.tone import analyzer, find_loaded, load_loaded_words, loaded_score, tone
from analysis.version import __version__
from evaluation import babe, propaganda
from evaluation.common import versions
from evaluation.data import RESULTS_DIR, MissingData

SETS = ("babe", "ptc", "newssd")
LICENCES = {
    "babe": "AGPL-3.0 (babe/LICENSE)",
    "ptc": "no licence stated; research use (SemEval-2020 Task 11 release)",
    "newssd": "CC BY 4.0 (newssd-eng/LICENSE)",
}
C_GRID = (0.03, 0.1, 0.3, 1.0)
MIN_WORD_SENTENCES = 3  # a word gets a learned weight when at least this many training sentences use it
FOLDS = 5
SEED = 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_rows(root: Path) -> tuple[list, np.ndarray, np.ndarray, np.ndarray, dict]:
    """Every labelled sentence as a model input, with its label, set and half, and the files read."""
    words = load_loaded_words()
    inputs, labels, sets, halves = [], [], [], []
    for row in babe.load(root):
        prepared = prepare(row["text"])
        inputs.append(text_input(row["text"], prepared, find_loaded(prepared, words)))
        labels.append(row["biased"])
        sets.append("babe")
        halves.append(row["half"])
    texts, gold = propaganda.load(root)
    for article, text in texts.items():
        prepared = prepare(text)
        spans = gold["loaded"].get(article, [])
        items = sentence_inputs(prepared, find_loaded(prepared, words))
        for sentence, item in zip(prepared.sentences, items, strict=True):
            inputs.append(item)
            labels.append(any(propaganda._overlap((sentence.start, sentence.end), span) for span in spans))
            sets.append("ptc")
            halves.append("dev" if int(article) % 2 == 0 else "held_out")
    newssd = root / "newssd-eng"
    for name, half in (("train.csv", "dev"), ("val.csv", "held_out")):
        path = newssd / name
        if not path.exists():
            raise MissingData(f"{path} not found")
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                prepared = prepare(row["Sentence"])
                inputs.append(text_input(row["Sentence"], prepared, find_loaded(prepared, words)))
                labels.append(row["Label"] == "SUBJ")
                sets.append("newssd")
                halves.append(half)
    files = {
        "babe": [root / "babe" / "babe_sg2.csv"],
        "ptc": [
            root / "ptc-train" / "train-task2-TC.labels",
            *sorted((root / "ptc-train").glob("train-articles/*.txt")),
        ],
        "newssd": [newssd / "train.csv"],
    }
    return inputs, np.array(labels), np.array(sets), np.array(halves), files


def _weights(y: np.ndarray, sets: np.ndarray) -> np.ndarray:
    """Each set weighs the same, and each class within a set."""
    weights = np.zeros(len(y))
    for name in np.unique(sets):
        for label in (False, True):
            chosen = (sets == name) & (y == label)
            if chosen.any():
                weights[chosen] = 1.0 / (2 * len(np.unique(sets)) * chosen.sum())
    return weights * len(y)


def _folds(sets: np.ndarray, y: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    fold = np.zeros(len(y), dtype=int)
    for name in np.unique(sets):
        for label in (False, True):
            chosen = np.flatnonzero((sets == name) & (y == label))
            fold[chosen] = rng.permutation(len(chosen)) % FOLDS
    return fold


def _mean_auc(p: np.ndarray, y: np.ndarray, sets: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(np.mean([roc_auc_score(y[sets == s], p[sets == s]) for s in np.unique(sets)]))


def _fit(X, y: np.ndarray, sets: np.ndarray, C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000).fit(X, y, sample_weight=_weights(y, sets))


def word_documents(inputs) -> list[str]:
    """Each sentence's lower-case words outside names, as the learned word weights read them."""
    return [" ".join(w.lower() for w, _, _ in i.words) for i in inputs]


def _with_words(Z: np.ndarray, documents: list[str], vocabulary: dict[str, int] | None = None):
    """The standardised features beside each sentence's words (1 if used, once per sentence),
    and the vocabulary: the words of at least `MIN_WORD_SENTENCES` training sentences."""
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(
        binary=True, lowercase=False, token_pattern=r"\S+", min_df=MIN_WORD_SENTENCES, vocabulary=vocabulary
    )
    words = counter.fit_transform(documents) if vocabulary is None else counter.transform(documents)
    return sparse.hstack([sparse.csr_matrix(Z), words]).tocsr(), counter.vocabulary_


def train(
    X: np.ndarray, documents: list[str], y: np.ndarray, sets: np.ndarray
) -> tuple[SentenceModel, dict, np.ndarray]:
    """The model from dev rows (see the module), how its settings were chosen, and each dev row's
    calibrated out-of-fold probability (from a model that did not see it)."""
    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-6
    Z, vocabulary = _with_words((X - mean) / scale, documents)
    fold = _folds(sets, y)
    chosen: dict[float, tuple[float, np.ndarray]] = {}
    for C in C_GRID:
        logits = np.zeros(len(y))
        for k in range(FOLDS):
            model = _fit(Z[fold != k], y[fold != k], sets[fold != k], C)
            logits[fold == k] = model.decision_function(Z[fold == k])
        chosen[C] = (_mean_auc(logits, y, sets), logits)
    best = max(C_GRID, key=lambda c: chosen[c][0])
    out_of_fold = chosen[best][1]
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e6).fit(out_of_fold[:, None], y, sample_weight=_weights(y, sets))
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    calibrated = 1 / (1 + np.exp(-(a * out_of_fold + b)))
    thresholds = np.round(np.arange(0.2, 0.81, 0.01), 2)
    threshold = float(max(thresholds, key=lambda t: _mean_f1(calibrated >= t, y, sets)))
    final = _fit(Z, y, sets, best)
    dense = X.shape[1]
    model = SentenceModel(
        [*hand_feature_names(), *(f"meaning_{i}" for i in range(dense - len(hand_feature_names())))],
        mean,
        scale,
        final.coef_[0][:dense],
        float(final.intercept_[0]),
        (a, b),
        threshold,
        words={word: float(final.coef_[0][dense + column]) for word, column in vocabulary.items()},
    )
    return (
        model,
        {
            "dev_figures": "out of fold: each dev sentence scored by the model of the folds without it",
            "C": best,
            "cv_mean_auc": {str(c): round(v[0], 4) for c, v in chosen.items()},
            "threshold": threshold,
            "learned_words": len(vocabulary),
        },
        calibrated,
    )


def transfer(X: np.ndarray, documents: list[str], y: np.ndarray, sets: np.ndarray, halves: np.ndarray) -> dict:
    """Whether the model carries to data it has not seen the like of: trained on the dev halves of
    the two other sets, its AUC on each set's held-out half, with and without the learned words."""
    from sklearn.metrics import roc_auc_score

    dev = halves == "dev"
    mean, scale = X[dev].mean(axis=0), X[dev].std(axis=0) + 1e-6
    Z = (X - mean) / scale
    _, vocabulary = _with_words(Z[dev], [d for d, k in zip(documents, dev, strict=True) if k])
    with_words, _ = _with_words(Z, documents, vocabulary)
    found: dict = {}
    for name in SETS:
        trained_on = dev & (sets != name)
        tested = (sets == name) & (halves == "held_out")
        found[name] = {}
        for label, rows in (("without_words", Z), ("with_words", with_words)):
            model = _fit(rows[trained_on], y[trained_on], sets[trained_on], C_GRID[0])
            found[name][label] = round(float(roc_auc_score(y[tested], model.decision_function(rows[tested]))), 4)
    return found


def _mean_f1(flags: np.ndarray, y: np.ndarray, sets: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(np.mean([f1_score(y[sets == s], flags[sets == s]) for s in np.unique(sets)]))


def figures(score: np.ndarray, flag: np.ndarray, y: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

    return {
        "auc": round(float(roc_auc_score(y, score)), 4) if len(set(y)) > 1 else 0.5,
        "f1": round(float(f1_score(y, flag, zero_division=0)), 4),
        "precision": round(float(precision_score(y, flag, zero_division=0)), 4),
        "recall": round(float(recall_score(y, flag, zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(y, flag)), 4),
        "sentences": len(y),
        "positive_share": round(float(np.mean(y)), 4),
    }


def intervals(score: np.ndarray, flag: np.ndarray, y: np.ndarray, resamples: int = 1000) -> dict[str, list[float]]:
    """95% percentile bootstrap intervals of AUC and F1 over the sentences (seeded)."""
    from sklearn.metrics import f1_score, roc_auc_score

    rng = np.random.default_rng(SEED)
    aucs, f1s = [], []
    for _ in range(resamples):
        pick = rng.integers(0, len(y), len(y))
        if len(set(y[pick])) < 2:
            continue
        aucs.append(roc_auc_score(y[pick], score[pick]))
        f1s.append(f1_score(y[pick], flag[pick], zero_division=0))
    return {
        name: [round(float(np.percentile(v, 2.5)), 4), round(float(np.percentile(v, 97.5)), 4)]
        for name, v in (("auc_ci95", aucs), ("f1_ci95", f1s))
    }


def baselines(inputs) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The scores and flags of the simple measures every figure stands beside."""
    words, lexicon = load_loaded_words(), analyzer().lexicon
    listed = np.array([loaded_score(list(i.hits), words) for i in inputs])
    vader = np.array(
        [
            sum(abs(lexicon.get(w.lower(), 0.0)) for w, _, _ in i.words if abs(lexicon.get(w.lower(), 0)) >= 2)
            for i in inputs
        ]
    )
    return {
        "word_list_flag": (listed, listed >= words.flag_at),
        "vader_word_list": (vader, vader > 0),
        "always_yes": (np.ones(len(inputs)), np.ones(len(inputs), dtype=bool)),
    }


def article_figures(root: Path, model: SentenceModel) -> dict:
    """Which article figure follows how loaded a whole article is. Truth: the share of a
    Propaganda Techniques Corpus article's sentences that hold a Loaded_Language span. For each
    half (dev articles were in training; held-out articles were not), the Spearman correlation of
    each candidate figure with that share over the articles, with a 95% bootstrap interval, and
    its correlation with the article's length in words (a figure that grows with length, or
    shrinks, says as much about the length as about the wording)."""
    from scipy.stats import spearmanr

    from analysis.sentence_model import article_figure, score_inputs

    words = load_loaded_words()
    texts, gold = propaganda.load(root)
    rows: dict[str, list[dict]] = {"dev": [], "held_out": []}
    for article, text in texts.items():
        prepared = prepare(text)
        hits = find_loaded(prepared, words)
        items = sentence_inputs(prepared, hits)
        judged = score_inputs(model, items)
        body = [s for s in prepared.sentences if not s.is_heading]
        if len(body) < 3:
            continue
        own = [s.voice == "own" for s in prepared.sentences]
        spans = gold["loaded"].get(article, [])
        loaded_share = float(
            np.mean([any(propaganda._overlap((s.start, s.end), span) for span in spans) for s in body])
        )
        word_count = len(prepared.tokens.words)
        rows["dev" if int(article) % 2 == 0 else "held_out"].append(
            {
                "truth": loaded_share,
                "expected_share_own_voice": article_figure(judged, own),
                "expected_share_all": article_figure(judged, [True] * len(judged)),
                "flagged_share_own_voice": np.mean(
                    [j.loaded for j, o in zip(judged, own, strict=True) if o] or [False]
                ),
                "loaded_per_1k_own_voice": tone(prepared, words).loaded_per_1k,  # the charts' figure
                "words": word_count,
            }
        )
    candidates = [
        "expected_share_own_voice",
        "expected_share_all",
        "flagged_share_own_voice",
        "loaded_per_1k_own_voice",
        "words",
    ]
    rng = np.random.default_rng(SEED)
    found: dict = {}
    for half, articles in rows.items():
        truth = np.array([r["truth"] for r in articles])
        length = np.array([r["words"] for r in articles])
        found[half] = {"articles": len(articles)}
        for name in candidates:
            values = np.array([np.nan if r[name] is None else r[name] for r in articles], dtype=float)
            draws = []
            for _ in range(1000):
                pick = rng.integers(0, len(values), len(values))
                draws.append(spearmanr(values[pick], truth[pick], nan_policy="omit").statistic)
            found[half][name] = {
                "spearman_with_loaded_share": round(float(spearmanr(values, truth, nan_policy="omit").statistic), 4),
                "ci95": [round(float(np.nanpercentile(draws, q)), 4) for q in (2.5, 97.5)],
                "spearman_with_length": round(float(spearmanr(values, length, nan_policy="omit").statistic), 4),
            }
    return found


def evaluate(root: Path, write: bool = True) -> dict:
    """Train on the dev halves, report both; with `write`, the model file is written too."""
    inputs, y, sets, halves, files = load_rows(root)
    X = features(inputs)
    documents = word_documents(inputs)
    dev = halves == "dev"
    model, chosen, out_of_fold = train(X[dev], [d for d, k in zip(documents, dev, strict=True) if k], y[dev], sets[dev])
    p = model.probability(X, inputs)
    p[dev] = out_of_fold  # the dev half's figures are out of fold, not of the sentences the model was fitted on
    simple = baselines(inputs)
    result: dict = {"dataset": "BABE, PTC (Loaded_Language sentences), NewsSD-ENG", "score": "sentence model"}
    result["halves"] = {}
    for half in ("dev", "held_out"):
        result["halves"][half] = {}
        for name in SETS:
            k = (sets == name) & (halves == half)
            result["halves"][half][name] = {
                "model": {
                    **figures(p[k], p[k] >= model.threshold, y[k]),
                    **intervals(p[k], p[k] >= model.threshold, y[k]),
                },
                **{b: figures(s[k], f[k], y[k]) for b, (s, f) in simple.items()},
            }
    about = {
        "framelens": __version__,
        "trained": dt.date.today().isoformat(),
        "scikit_learn": version("scikit-learn"),
        "wordllama": version("wordllama"),
        "features": "word-list hits, cues, the WordLlama meaning of the words outside names and a "
        "learned weight per word (analysis/sentence_model.py)",
        "loaded_word_list": load_loaded_words().version,
        "training": [
            {
                "set": name,
                "half": "dev",
                "sentences": int(((sets == name) & dev).sum()),
                "licence": LICENCES[name],
                "sha256": hashlib.sha256("".join(_sha256(f) for f in files[name]).encode()).hexdigest(),
                "files": len(files[name]),
            }
            for name in SETS
        ],
        "chosen": chosen,
    }
    model = replace(model, about=about)
    if write:
        MODEL_FILE.write_text(model.to_json() + "\n", encoding="utf-8")
    result["transfer_auc_held_out"] = transfer(X, documents, y, sets, halves)
    result["article_figures_ptc"] = article_figures(root, model)
    result["model"] = about
    result["coef"] = [round(float(v), 6) for v in model.coef]
    result["versions"] = versions()
    return result


def main(root: Path) -> dict:
    result = evaluate(root)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "sentence_model.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
