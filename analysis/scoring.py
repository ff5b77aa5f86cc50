"""Scoring articles: one preparation of the text feeds framing, tone and readability."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib.metadata import version
from pathlib import Path

from analysis import codec
from analysis.corpus import Article
from analysis.framing import FramingResult, frame
from analysis.lexicon import Lexicon, load_lexicon
from analysis.readability import ReadabilityResult, readability
from analysis.text import PreparedText, normalise, prepare
from analysis.tone import LoadedWordList, ToneResult, load_loaded_words, tone


@dataclass(frozen=True)
class ArticleScores:
    """Everything Framelens measures of one article, with the evidence behind it."""

    article: Article
    prepared: PreparedText
    framing: FramingResult
    tone: ToneResult
    readability: ReadabilityResult

    @property
    def words(self) -> int:
        return self.prepared.word_count


def score_article(
    article: Article, lexicon: Lexicon | None = None, loaded_words: LoadedWordList | None = None
) -> ArticleScores:
    """Framing, tone and readability of one article."""
    prepared = prepare(article.text)
    return ArticleScores(
        article=article,
        prepared=prepared,
        framing=frame(prepared, lexicon or load_lexicon()),
        tone=tone(prepared, loaded_words or load_loaded_words()),
        readability=readability(prepared.content),
    )


def score_articles(
    articles: Iterable[Article], lexicon: Lexicon | None = None, loaded_words: LoadedWordList | None = None
) -> list[ArticleScores]:
    """Scores of every article, in order, under one lexicon (the bundled default if none)."""
    lexicon = lexicon or load_lexicon()
    loaded_words = loaded_words or load_loaded_words()
    return [score_article(article, lexicon, loaded_words) for article in articles]


@dataclass(frozen=True)
class _Cached:
    """What the score cache keeps of an article's scores: everything but its text, which the
    article brings back (kept once, not three times)."""

    prepared: PreparedText
    framing: FramingResult
    tone: ToneResult
    readability: ReadabilityResult


def scores_to_json(scores: ArticleScores) -> str:
    """An article's scores as JSON data for the cache (never a pickle: see `analysis.codec`)."""
    prepared = replace(scores.prepared, text="", normalised="")
    return codec.dumps(_Cached(prepared, scores.framing, scores.tone, scores.readability)).decode("utf-8")


def scores_from_json(data: str, article: Article) -> ArticleScores:
    """Scores cached by `scores_to_json`, given back their article; ValueError when they do not fit."""
    cached = codec.loads(_Cached, data)
    prepared = replace(cached.prepared, text=article.text, normalised=normalise(article.text))
    return ArticleScores(article, prepared, cached.framing, cached.tone, cached.readability)


ANALYSIS_DIR = Path(__file__).parent
# Packages whose code computes scores: a new version of either may change them.
SCORING_PACKAGES = ("textstat", "vaderSentiment", "pyphen")


@cache
def scoring_fingerprint() -> str:
    """What every cached score depends on besides its text and lexicon: the analysis code, the
    bundled word lists and the scoring packages' versions. Any change rescores, with no version
    number to remember to raise."""
    digest = hashlib.sha256()
    data = [p for p in ANALYSIS_DIR.glob("data/**/*") if p.is_file()]  # the CMU dictionary
    for path in sorted([*ANALYSIS_DIR.rglob("*.py"), *ANALYSIS_DIR.glob("lexicons/*"), *data]):
        digest.update(str(path.relative_to(ANALYSIS_DIR)).encode() + b"\0" + path.read_bytes())
    for package in SCORING_PACKAGES:
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()[:24]
