"""The whole analysis of a corpus in one call: scores, overlap and sources, as tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from analysis.corpus import Article
from analysis.lexicon import Lexicon, load_lexicon
from analysis.overlap import compare_articles
from analysis.scoring import ArticleScores, score_article
from analysis.sources import corpus_sources
from analysis.tables import CorpusTables, corpus_tables
from analysis.tone import load_loaded_words

Progress = Callable[[int, int, str], None]


def analyse_corpus(
    articles: Sequence[Article],
    lexicon: Lexicon | None = None,
    corpus: str = "",
    refusals: Sequence[tuple[str, str]] = (),
    progress: Progress | None = None,
) -> tuple[list[ArticleScores], CorpusTables]:
    """Score every article once, compare them and find their sources; `progress(done, total, step)`."""
    lexicon = lexicon or load_lexicon()
    loaded_words = load_loaded_words()
    total = len(articles) + 2
    scores = []
    for done, article in enumerate(articles):
        if progress:
            progress(done, total, f"Scoring {article.id}")
        scores.append(score_article(article, lexicon, loaded_words))
    prepared = [(s.article, s.prepared) for s in scores]
    if progress:
        progress(len(articles), total, "Comparing articles")
    overlap = compare_articles(prepared)
    if progress:
        progress(len(articles) + 1, total, "Finding sources")
    sources = corpus_sources({article.id: p for article, p in prepared})
    return scores, corpus_tables(corpus, scores, lexicon, overlap, sources, refusals)
