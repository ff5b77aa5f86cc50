"""Framelens analysis: framing, tone and readability of news articles, without the dashboard.

    >>> from analysis import analyse_corpus, read_articles
    >>> scores, tables = analyse_corpus(read_articles(["seeds"]).articles)
    >>> tables.scores[["id", "dominant_armed_opposition"]]

`analyse_corpus` is the one call: every article scored (on all cores), compared and its
sources found, returned as typed `ArticleScores` and a `CorpusTables` of pandas tables.

`score_articles` returns one `ArticleScores` per article (typed results with the evidence
of every hit); `scores_frame`, `labels_frame` and `label_hits_frame` turn them into pandas
tables; `score_record` gives the JSON object the command line prints.

`compare_articles` finds what articles share (passages, containment, aligned sentences,
similarity) and `corpus_sources` who they quote or cite; `pairs_frame`, `sources_frame` and
`source_matrix_frame` tabulate them.
"""

from analysis.corpus import Article, ReadResult, Refusal, RefusedInput, article_from_text
from analysis.lexicon import Lexicon, LexiconError, load_lexicon, parse_lexicon
from analysis.overlap import OverlapResult, compare_articles
from analysis.pipeline import analyse_corpus
from analysis.readers import read_articles, read_upload
from analysis.records import pair_record, score_record, sources_record
from analysis.scoring import ArticleScores, score_article, score_articles
from analysis.sources import CorpusSources, corpus_sources
from analysis.tables import (
    CorpusTables,
    aligned_frame,
    articles_frame,
    corpus_tables,
    label_hits_frame,
    labels_frame,
    loaded_frame,
    pairs_frame,
    passages_frame,
    scores_frame,
    sentences_frame,
    shared_quotes_frame,
    shared_sources_frame,
    similarity_frame,
    source_matrix_frame,
    source_spans_frame,
    sources_frame,
)

__all__ = [
    "Article",
    "ArticleScores",
    "CorpusSources",
    "CorpusTables",
    "Lexicon",
    "LexiconError",
    "OverlapResult",
    "ReadResult",
    "Refusal",
    "RefusedInput",
    "aligned_frame",
    "analyse_corpus",
    "article_from_text",
    "articles_frame",
    "compare_articles",
    "corpus_sources",
    "corpus_tables",
    "label_hits_frame",
    "labels_frame",
    "load_lexicon",
    "loaded_frame",
    "pair_record",
    "pairs_frame",
    "parse_lexicon",
    "passages_frame",
    "read_articles",
    "read_upload",
    "score_article",
    "score_articles",
    "score_record",
    "scores_frame",
    "sentences_frame",
    "shared_quotes_frame",
    "shared_sources_frame",
    "similarity_frame",
    "source_matrix_frame",
    "source_spans_frame",
    "sources_frame",
    "sources_record",
]
