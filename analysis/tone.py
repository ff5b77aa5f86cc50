"""How charged an article's tone is: sentence sentiment and loaded language.

Sentiment is scored per sentence with VADER (Hutto & Gilbert 2014) and aggregated: one
compound score for a whole article saturates near -1 on any long war report and says
nothing. A sentence that mixes the outlet's words with a quotation is also scored in two
parts, so own voice and quoted voices can be compared.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from statistics import fmean

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.cmu import pronunciations
from analysis.matching import PhraseMatcher, form_key
from analysis.text import Compact, PreparedText, Sentence
from analysis.vader import FastVader

LOADED_LANGUAGE = Path(__file__).parent / "lexicons" / "loaded_language.toml"
NEWS_TUNING = Path(__file__).parent / "lexicons" / "news_tone.toml"
# VADER's own thresholds for a positive or negative sentence.
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05


@dataclass(frozen=True, slots=True)
class SentenceTone(Compact):
    sentence: int
    compound: float
    own_compound: float | None
    quoted_compound: float | None
    voice: str
    in_headline: bool
    loaded: float = 0.0  # the loaded-language score of the sentence: its hits' weights summed


@dataclass(frozen=True, slots=True)
class LoadedHit(Compact):
    category: str
    text: str
    start: int
    end: int
    sentence: int
    voice: str


@dataclass(frozen=True)
class VoiceTone:
    """Aggregate sentiment of a set of sentence parts; None where there are none."""

    mean: float | None
    negative_share: float | None
    positive_share: float | None
    n: int


@dataclass(frozen=True)
class ToneResult:
    body: VoiceTone
    own_voice: VoiceTone
    quoted: VoiceTone
    headline_compound: float | None
    loaded_per_1k: float  # in the outlet's own voice: the headline figure
    loaded_quoted_per_1k: float  # inside quotations, reported beside it
    loaded_by_category: dict[str, int]
    sentences: tuple[SentenceTone, ...]
    loaded: tuple[LoadedHit, ...]
    wordlist_version: str
    tuning_version: str = ""

    @property
    def sentence_mean(self) -> float | None:
        return self.body.mean


# The category that counts only in the outlet's own voice.
OWN_VOICE_ONLY = "direct_address"
# Categories found by punctuation, not by words: they follow the word list's own categories.
MARK_CATEGORIES = ("exclamation", "rhetorical_question")


@dataclass(frozen=True)
class LoadedWordList:
    name: str
    version: str
    labels: dict[str, str]
    matcher: PhraseMatcher
    weights: dict[str, float] = field(default_factory=dict)
    flag_at: float = 0.0  # a sentence whose score reaches this counts as loaded

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category in the order charts and tables show them: the file's order, then the marks."""
        return (*self.labels, *MARK_CATEGORIES)


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """VADER with its bundled lexicon, loaded once per process."""
    return SentimentIntensityAnalyzer()


@cache
def news_tuning(path: Path = NEWS_TUNING) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def tune_for_news(analyzer: SentimentIntensityAnalyzer) -> SentimentIntensityAnalyzer:
    """Apply the news tuning to a VADER analyser's lexicon, in place; returns the analyser."""
    tuning = news_tuning()
    for word in tuning["neutral"]["words"]:
        analyzer.lexicon.pop(word, None)
    for word in tuning["damped"]["words"]:
        if word in analyzer.lexicon:
            analyzer.lexicon[word] *= float(tuning["damped"]["factor"])
    analyzer.lexicon.update({word: float(value) for word, value in tuning["added"].items()})
    return analyzer


@cache
def news_analyzer() -> SentimentIntensityAnalyzer:
    """VADER (without its quadratic step) with the news tuning applied to its lexicon."""
    return tune_for_news(FastVader())


def vader_sentiment(text: str) -> float:
    """Plain VADER compound score, -1 to 1."""
    return analyzer().polarity_scores(text)["compound"]


@cache
def load_loaded_words(path: Path = LOADED_LANGUAGE) -> LoadedWordList:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    categories = data["categories"]
    terms = {cid: list(c["terms"]) for cid, c in categories.items()}
    listed = {form_key(term) for cid, c in categories.items() if c.get("source") != "vader" for term in c["terms"]}
    for cid, category in categories.items():
        if category.get("source") == "vader":
            excluded = listed | {form_key(word) for word in category.get("exclude", [])}
            terms[cid] += vader_words(float(category["min_valence"]), exclude=excluded)
    return LoadedWordList(
        name=str(data.get("name", path.stem)),
        version=str(data.get("version", "0")),
        labels={cid: str(c.get("label", cid)) for cid, c in categories.items()},
        matcher=PhraseMatcher(terms),
        flag_at=float(data.get("sentence", {}).get("flag_at", 0.0)),
        weights={
            cid: float(c["weight"]) for cid, c in {**categories, **data.get("marks", {})}.items() if "weight" in c
        },
    )


def vader_words(min_valence: float, exclude: Collection[str] = frozenset()) -> list[str]:
    """The words of VADER's own lexicon whose |valence| is at least `min_valence`, less the ones
    the news tuning neutralises (institutional words such as "security") and `exclude`. Only
    English words of three letters or more that the CMU Pronouncing Dictionary holds: VADER's
    lexicon also holds chat abbreviations ("l", "nh", "kia", "doa"), which in news are initials,
    state and company names."""
    neutral = set(news_tuning()["neutral"]["words"])
    english = pronunciations()
    return sorted(
        word
        for word, valence in analyzer().lexicon.items()
        if abs(valence) >= min_valence
        and re.fullmatch(r"[a-z][a-z'-]*", word)
        and len(word) >= 3
        and word in english
        and word not in neutral
        and word not in exclude
    )


def sentiment(text: str) -> float:
    """News-tuned tone of one piece of text, -1 to 1: the mean of the tuned VADER compound
    score and its positive-minus-negative proportion."""
    scores = news_analyzer().polarity_scores(text)
    return round((scores["compound"] + scores["pos"] - scores["neg"]) / 2, 4)


def _voice_parts(prepared: PreparedText, sentence: Sentence) -> tuple[str, str]:
    """The sentence's own-voice words and its quoted words, each joined into one string."""
    own, quoted = [], []
    cursor = sentence.start
    for quote in prepared.quotes:
        if quote.inner_end <= sentence.start or quote.inner_start >= sentence.end:
            continue
        inner_start, inner_end = max(quote.inner_start, sentence.start), min(quote.inner_end, sentence.end)
        own.append(prepared.normalised[cursor : max(cursor, quote.start)])
        quoted.append(prepared.normalised[inner_start:inner_end])
        cursor = max(cursor, min(quote.end, sentence.end))
    own.append(prepared.normalised[cursor : sentence.end])
    return " ".join(" ".join(own).split()), " ".join(" ".join(quoted).split())


def score_sentence(prepared: PreparedText, sentence: Sentence) -> SentenceTone:
    text = prepared.normalised[sentence.start : sentence.end]
    compound = sentiment(text)
    own_text, quoted_text = _voice_parts(prepared, sentence) if sentence.voice == "mixed" else ("", "")
    if sentence.voice == "own":
        own, quoted = compound, None
    elif sentence.voice == "quoted":
        own, quoted = None, compound
    else:
        own = sentiment(own_text) if any(c.isalpha() for c in own_text) else None
        quoted = sentiment(quoted_text) if any(c.isalpha() for c in quoted_text) else None
    return SentenceTone(sentence.index, compound, own, quoted, sentence.voice, sentence.in_headline)


def aggregate(scores: list[float]) -> VoiceTone:
    if not scores:
        return VoiceTone(None, None, None, 0)
    n = len(scores)
    return VoiceTone(
        mean=round(fmean(scores), 4),
        negative_share=round(sum(s <= NEGATIVE_AT for s in scores) / n, 4),
        positive_share=round(sum(s >= POSITIVE_AT for s in scores) / n, 4),
        n=n,
    )


def find_loaded(prepared: PreparedText, words: LoadedWordList) -> list[LoadedHit]:
    """Loaded terms, exclamations and rhetorical questions, each with its sentence and voice."""
    hits = []
    for match in words.matcher.find(prepared.tokens):
        sentence = prepared.sentence_at(match.start)
        if sentence is None or in_a_name(prepared.text, match.start, match.end, sentence):
            continue
        hit = _hit(prepared, match.group, match.start, match.end, sentence)
        # "you" in a quotation is someone speaking to someone, not the outlet to its reader
        if not (hit.category == OWN_VOICE_ONLY and hit.voice == "quoted"):
            hits.append(hit)
    for sentence in prepared.sentences:
        text = prepared.normalised[sentence.start : sentence.end]
        i = text.find("!")
        while i >= 0:
            hits.append(_hit(prepared, "exclamation", sentence.start + i, sentence.start + i + 1, sentence))
            i = text.find("!", i + 1)
        if text.rstrip().endswith("?") and sentence.voice == "own" and not sentence.is_heading:
            end = sentence.start + len(text.rstrip())
            hits.append(_hit(prepared, "rhetorical_question", end - 1, end, sentence))
    return sorted(hits, key=lambda h: h.start)


_CAPITALISED = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def in_a_name(text: str, start: int, end: int, sentence: Sentence) -> bool:
    """Whether a word-list match is part of a proper name, not the writer's choice of word: it
    is capitalised where the sentence's other words are not ("the Supreme Court", "Mr. Savage",
    "Grand Rapids") or written as initials ("NH", "KIA"). At the start of a sentence a
    capitalised word is a name only beside another capitalised word. In a title-case line
    (a headline whose words are nearly all capitalised) capitals say nothing, and a match stands."""
    found = text[start:end]
    words = _CAPITALISED.findall(found)
    if not words or not all(_capitalised(w) for w in words):
        return False
    if sentence.in_headline or sentence.is_heading:
        line = _CAPITALISED.findall(text[sentence.start : sentence.end])
        if sum(_capitalised(w) for w in line) >= 0.6 * len(line):
            return False  # a headline in title case
    if found.isupper() and len(found.replace(".", "")) <= 4:
        return True  # initials
    before = _CAPITALISED.findall(text[sentence.start : start])
    after = _CAPITALISED.match(text[end:].lstrip(" "))
    beside = (before and _capitalised(before[-1])) or (after is not None and _capitalised(after.group()))
    return bool(before) or bool(beside)


def loaded_score(hits: Iterable[LoadedHit], words: LoadedWordList | None = None) -> float:
    """How loaded a stretch of text is: the sum of its hits' category weights (a sentence can be
    ranked, not only flagged). Weights live in the word list; a category without one weighs 1."""
    weights = (words or load_loaded_words()).weights
    return round(sum(weights.get(h.category, 1.0) for h in hits), 4)


def _hit(prepared: PreparedText, category: str, start: int, end: int, sentence: Sentence) -> LoadedHit:
    quoted = prepared.quote_at(start, end) is not None
    return LoadedHit(category, prepared.text[start:end], start, end, sentence.index, "quoted" if quoted else "own")


def _per_1k(count: int, words: int) -> float:
    return round(1000 * count / words, 3) if words else 0.0


def tone(prepared: PreparedText, words: LoadedWordList | None = None) -> ToneResult:
    """Sentence sentiment and loaded language of one prepared article."""
    words = words or load_loaded_words()
    sentences = [score_sentence(prepared, s) for s in prepared.sentences]
    body = [t for t in sentences if not t.in_headline]
    headline = [t.compound for t in sentences if t.in_headline]
    plain = ToneResult(
        body=aggregate([t.compound for t in body]),
        own_voice=aggregate([t.own_compound for t in body if t.own_compound is not None]),
        quoted=aggregate([t.quoted_compound for t in body if t.quoted_compound is not None]),
        headline_compound=round(fmean(headline), 4) if headline else None,
        loaded_per_1k=0.0,
        loaded_quoted_per_1k=0.0,
        loaded_by_category={},
        sentences=tuple(sentences),
        loaded=(),
        wordlist_version=words.version,
        tuning_version=str(news_tuning()["version"]),
    )
    return with_loaded(plain, find_loaded(prepared, words), words, prepared.word_count)


def with_loaded(result: ToneResult, loaded: Sequence[LoadedHit], words: LoadedWordList, word_count: int) -> ToneResult:
    """`result` with `loaded` as its loaded-language hits: the rates, the counts per category and
    each sentence's loaded score follow them (sentiment does not depend on them)."""
    by_sentence: dict[int, list[LoadedHit]] = {}
    for hit in loaded:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    categories = dict.fromkeys(words.categories, 0)
    for hit in loaded:
        categories[hit.category] += 1
    return replace(
        result,
        loaded_per_1k=_per_1k(sum(h.voice == "own" for h in loaded), word_count),
        loaded_quoted_per_1k=_per_1k(sum(h.voice == "quoted" for h in loaded), word_count),
        loaded_by_category=categories,
        sentences=tuple(_with_loaded_score(t, by_sentence.get(t.sentence, ()), words) for t in result.sentences),
        loaded=tuple(loaded),
    )


def _with_loaded_score(sentence: SentenceTone, hits: Sequence[LoadedHit], words: LoadedWordList) -> SentenceTone:
    score = loaded_score(hits, words) if hits else 0.0
    return sentence if score == sentence.loaded else replace(sentence, loaded=score)


def without_loaded(
    result: ToneResult, words: LoadedWordList, word_count: int, left_out: set[tuple[int, int]]
) -> ToneResult:
    """The tone of an article with the loaded-language hits at `left_out` (start, end) taken out:
    hits a coder judged wrong (a word used in a sense that is not loaded)."""
    kept = [h for h in result.loaded if (h.start, h.end) not in left_out]
    return result if len(kept) == len(result.loaded) else with_loaded(result, kept, words, word_count)
