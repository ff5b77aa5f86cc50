"""A trained sentence model of loaded and biased wording, beside the word list.

Each sentence is described by features that carry across outlets and stories:

- the word list's categories: how many hits of each in the sentence (`analysis.tone`), and
  how many in the outlet's own voice;
- cues: VADER's strongest |valence| among the sentence's words, how many words reach 1 and 2,
  their mean; superlatives, intensifiers, epistemic distancing ("so-called", "allegedly"),
  first and second person, modal verbs of obligation, scare quotes (a few words in quotation
  marks), exclamation and question marks, and the sentence's length;
- its meaning: the mean of WordLlama's token vectors (the offline embedding the overlap
  measures already use), L2-normalised;
- its words: a learned weight for each lower-case word (outside names) that at least three
  training sentences use, counted once per sentence. Trained beside the rest, the weights form
  a word list learned from the labels; left out of training on one set, they still raise the
  model's AUC on that set's held-out half a little (`python -m evaluation train` reports it),
  so they carry beyond the stories they were learned on.

Names are resolved first: a capitalised word inside a proper name ("the Supreme Court",
"Mr. Savage") is neither a cue nor part of the meaning vector, so a name is never evidence.

A logistic regression on these features is trained on the dev halves of public labelled news
sentences (`python -m evaluation train`), its probability calibrated on the same halves by
Platt scaling of out-of-fold scores; the model file holds its weights, the flag threshold, and
the name, licence and SHA-256 of every training file. Evidence for a sentence: its word-list
hits, and the words whose removal lowers its score most.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from analysis.paths import PROJECT_DIR
from analysis.text import PreparedText
from analysis.text.stop_words import ENGLISH_STOP_WORDS
from analysis.tone import LoadedHit, analyzer, in_a_name, load_loaded_words

MODEL_FILE = PROJECT_DIR / "analysis" / "data" / "loaded_sentence_model.json"
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
INTENSIFIERS = frozenset(
    "very extremely highly really so too utterly totally completely absolutely deeply incredibly truly".split()
)
DISTANCING = frozenset(
    "claim claims claimed claiming allege alleges alleged allegedly purported purportedly supposedly "
    "so-called apparently".split()
)
PERSONAL = frozenset("i we you our us your my me".split())
OBLIGATION = frozenset("should must need needs ought".split())
# A name's particle joined to the name ("al-Sham", "bin-Laden"): lower case, but part of the name.
NAME_PARTICLE = re.compile(r"(?:al|el|ad|an|ar|as|at|az|bin|ibn|abu|abd)[-\u2019'][A-Z]")
SCARE_QUOTES = re.compile(r"[\"\u201c\u2018][^\"\u201d\u2019\n]{1,30}[\"\u201d\u2019]")
EVIDENCE_WORDS = 3  # model words named as evidence beside the word-list hits


@cache
def _categories() -> tuple[str, ...]:
    return (*load_loaded_words().labels, "exclamation", "rhetorical_question")


def hand_feature_names() -> list[str]:
    return [
        *(f"hits_{c}" for c in _categories()),
        "hits_own_voice",
        "valence_max",
        "valence_at_least_2",
        "valence_at_least_1",
        "valence_mean",
        "superlatives",
        "intensifiers",
        "distancing",
        "personal",
        "obligation",
        "scare_quotes",
        "exclamations",
        "questions",
        "log_words",
    ]


def content_words(text: str, prepared: PreparedText, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of `text[start:end]` that are not inside a proper name, with their offsets."""
    words = []
    for match in WORD.finditer(text, start, end):
        sentence = prepared.sentence_at(match.start())
        if sentence is not None and in_a_name(text, match.start(), match.end(), sentence):
            continue
        if NAME_PARTICLE.match(match.group()):
            continue
        words.append((match.group(), match.start(), match.end()))
    return words


def hand_features(text: str, words: Sequence[tuple[str, int, int]], hits: Sequence[LoadedHit]) -> list[float]:
    """The word-list and cue features of one sentence (see the module); `text` is the sentence."""
    lexicon = analyzer().lexicon
    lower = [w.lower() for w, _, _ in words]
    valences = [abs(lexicon.get(w, 0.0)) for w in lower]
    return [
        *(float(sum(h.category == c for h in hits)) for c in _categories()),
        float(sum(h.voice == "own" for h in hits)),
        max(valences, default=0.0),
        float(sum(v >= 2 for v in valences)),
        float(sum(v >= 1 for v in valences)),
        sum(valences) / len(valences) if valences else 0.0,
        float(sum(w.endswith("est") and len(w) > 5 for w in lower) + lower.count("most")),
        float(sum(w in INTENSIFIERS for w in lower)),
        float(sum(w in DISTANCING for w in lower)),
        float(sum(w in PERSONAL for w in lower)),
        float(sum(w in OBLIGATION for w in lower)),
        float(len(SCARE_QUOTES.findall(text))),
        float(text.count("!")),
        float(text.count("?")),
        math.log1p(len(lower)),
    ]


@dataclass(frozen=True)
class SentenceInput:
    """One sentence as the model sees it: its text, its words outside names and its hits."""

    text: str
    words: tuple[tuple[str, int, int], ...]  # offsets into `text`
    hits: tuple[LoadedHit, ...]


def sentence_inputs(prepared: PreparedText, hits: Sequence[LoadedHit]) -> list[SentenceInput]:
    """Every sentence of a prepared text, with its hits (from `analysis.tone.find_loaded`)."""
    by_sentence: dict[int, list[LoadedHit]] = {}
    for hit in hits:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    text = prepared.text
    return [
        SentenceInput(
            text[s.start : s.end],
            tuple((w, a - s.start, b - s.start) for w, a, b in content_words(text, prepared, s.start, s.end)),
            tuple(by_sentence.get(s.index, ())),
        )
        for s in prepared.sentences
    ]


def text_input(text: str, prepared: PreparedText, hits: Sequence[LoadedHit]) -> SentenceInput:
    """A whole short text (a labelled sentence that the splitter may cut in two) as one input."""
    return SentenceInput(text, tuple(content_words(text, prepared, 0, len(text))), tuple(hits))


def features(inputs: Sequence[SentenceInput]) -> np.ndarray:
    """The feature rows of `inputs`: hand features, then the meaning vector of the words outside names."""
    from analysis.overlap.meaning import embed

    hand = np.array([hand_features(i.text, i.words, i.hits) for i in inputs], dtype=float).reshape(len(inputs), -1)
    meaning = embed([" ".join(w for w, _, _ in i.words) for i in inputs]).astype(float)
    return np.hstack([hand, meaning])


@dataclass(frozen=True)
class SentenceModel:
    """A trained model as its file holds it (see the module)."""

    names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]  # calibration: p = 1 / (1 + exp(-(a * logit + b)))
    threshold: float  # a sentence is flagged at this calibrated probability or above
    about: dict = field(default_factory=dict)  # version, training data, evaluation
    words: dict[str, float] = field(default_factory=dict)  # learned weight of each lower-case word

    def word_logit(self, item: SentenceInput) -> float:
        """What the sentence's words add: each distinct lower-case word's weight, once."""
        return float(sum(self.words.get(w, 0.0) for w in {w.lower() for w, _, _ in item.words}))

    def logits(self, rows: np.ndarray, inputs: Sequence[SentenceInput] | None = None) -> np.ndarray:
        dense = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        if inputs is None or not self.words:
            return dense
        return dense + np.array([self.word_logit(item) for item in inputs])

    def probability(self, rows: np.ndarray, inputs: Sequence[SentenceInput] | None = None) -> np.ndarray:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.logits(rows, inputs) + b)))

    def to_json(self) -> str:
        return json.dumps(
            {
                "about": self.about,
                "names": self.names,
                "mean": [round(float(v), 6) for v in self.mean],
                "scale": [round(float(v), 6) for v in self.scale],
                "coef": [round(float(v), 6) for v in self.coef],
                "intercept": round(float(self.intercept), 6),
                "platt": [round(float(v), 6) for v in self.platt],
                "threshold": round(float(self.threshold), 4),
                "words": {w: round(float(v), 5) for w, v in sorted(self.words.items())},
            },
            indent=1,
        )


def model_from_json(data: str) -> SentenceModel:
    raw = json.loads(data)
    return SentenceModel(
        raw["names"],
        np.array(raw["mean"]),
        np.array(raw["scale"]),
        np.array(raw["coef"]),
        float(raw["intercept"]),
        (float(raw["platt"][0]), float(raw["platt"][1])),
        float(raw["threshold"]),
        raw["about"],
        {str(w): float(v) for w, v in raw.get("words", {}).items()},
    )


@cache
def load_model(path: Path = MODEL_FILE) -> SentenceModel | None:
    """The shipped model; None when no model file has been trained (`python -m evaluation train`)."""
    return model_from_json(path.read_text(encoding="utf-8")) if path.exists() else None


@dataclass(frozen=True)
class SentenceScore:
    probability: float  # calibrated: the chance a reader of the training sets' kind marks it loaded
    loaded: bool
    evidence: tuple[str, ...]  # word-list hits first, then the model's strongest words


def score_inputs(model: SentenceModel, inputs: Sequence[SentenceInput]) -> list[SentenceScore]:
    """Each sentence's calibrated probability, flag and evidence."""
    if not inputs:
        return []
    rows = features(inputs)
    probabilities = model.probability(rows, inputs)
    scores = []
    for item, row, p in zip(inputs, rows, probabilities, strict=True):
        flagged = bool(p >= model.threshold)
        listed = tuple(dict.fromkeys(h.text.lower() for h in item.hits if h.category != "exclamation"))
        # The model's own words only where it flags the sentence: below the threshold they say little.
        strongest = _strongest_words(model, item, row) if flagged else []
        scores.append(
            SentenceScore(round(float(p), 4), flagged, (*listed, *(w for w in strongest if w.lower() not in listed)))
        )
    return scores


def _strongest_words(model: SentenceModel, item: SentenceInput, row: np.ndarray) -> list[str]:
    """The words (outside names) whose removal lowers the sentence's score most: each word's
    tokens taken out of the mean vector (exactly as `embed` pools them), the other features
    left as they are."""
    from analysis.overlap.meaning import _tokenizer
    from analysis.overlap.meaning import model as wordllama

    words = [w for w, _, _ in item.words]
    if len(words) < 2:
        return []
    joined = " ".join(words)
    starts = np.cumsum([0] + [len(w) + 1 for w in words[:-1]])
    encoding = _tokenizer().encode_batch([joined], add_special_tokens=False)[0]
    table = wordllama().embedding
    ids = np.clip(np.array(encoding.ids, dtype=np.int64), 0, len(table) - 1)
    if not len(ids):
        return []
    owner = np.searchsorted(starts, [max(a, 0) for a, _ in encoding.offsets], side="right") - 1
    vectors = table[ids].astype(float)
    total, count = vectors.sum(axis=0), len(ids)
    meaning_start = len(hand_feature_names())
    weights = model.coef[meaning_start:] / model.scale[meaning_start:]

    def meaning_logit(summed: np.ndarray, n: int) -> float:
        norm = np.linalg.norm(summed / n)
        return float((summed / n / norm) @ weights) if norm else 0.0

    whole = meaning_logit(total, count)
    uses = Counter(w.lower() for w in words)
    drops = []
    for index, word in enumerate(words):
        mine = owner == index
        if not mine.any() or mine.all() or word.lower() in ENGLISH_STOP_WORDS:
            continue
        drop = whole - meaning_logit(total - vectors[mine].sum(axis=0), count - int(mine.sum()))
        if uses[word.lower()] == 1:  # taking out its only use takes its learned weight out too
            drop += model.words.get(word.lower(), 0.0)
        drops.append((drop, word))
    drops.sort(reverse=True)
    # The words that lower the score when taken out; at least the strongest one, so that a flagged
    # sentence always names a word (its other features, a superlative or an exclamation, may carry it).
    kept = [w for d, w in drops[:EVIDENCE_WORDS] if d > 0] or [w for _, w in drops[:1]]
    return list(dict.fromkeys(kept))


def article_figure(scores: Sequence[SentenceScore], own_voice: Sequence[bool]) -> float | None:
    """The expected share of the outlet's own-voice sentences that are loaded: the mean of their
    calibrated probabilities; None without any own-voice sentence."""
    chosen = [s.probability for s, own in zip(scores, own_voice, strict=True) if own]
    return round(float(np.mean(chosen)), 4) if chosen else None


@dataclass(frozen=True)
class JudgedSentence:
    """One sentence of an article with the model's judgement: offsets, voice and the evidence
    words with their offsets in the article."""

    start: int
    end: int
    voice: str
    heading: bool
    probability: float
    loaded: bool
    evidence: tuple[tuple[str, int, int], ...]


def judge_text(text: str) -> list[JudgedSentence]:
    """Every sentence of `text` judged by the shipped model (empty without a model file); a
    section heading is never flagged."""
    from analysis.text import prepare
    from analysis.tone import find_loaded

    model = load_model()
    if model is None:
        return []
    prepared = prepare(text)
    inputs = sentence_inputs(prepared, find_loaded(prepared, load_loaded_words()))
    judged = []
    for sentence, item, score in zip(prepared.sentences, inputs, score_inputs(model, inputs), strict=True):
        wanted = {w.lower() for w in score.evidence}
        spans = tuple(
            (w, sentence.start + a, sentence.start + b) for w, a, b in item.words if w.lower() in wanted
        ) + tuple((h.text, h.start, h.end) for h in item.hits if h.text.lower() in wanted and " " in h.text)
        loaded = score.loaded and not sentence.is_heading
        judged.append(
            JudgedSentence(
                sentence.start, sentence.end, sentence.voice, sentence.is_heading, score.probability, loaded, spans
            )
        )
    return judged
