"""Scoring articles: one preparation of the text feeds framing, tone and readability."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.corpus import Article
from analysis.framing import FramingResult, frame
from analysis.lexicon import Lexicon, load_lexicon
from analysis.readability import ReadabilityResult, readability
from analysis.text import PreparedText, prepare
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
