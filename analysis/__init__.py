"""Framelens analysis: framing, tone and readability of news articles, without the dashboard.

    >>> from analysis import read_articles, score_articles, scores_frame
    >>> batch = read_articles(["seeds"])
    >>> scores = score_articles(batch.articles)
    >>> scores_frame(scores)[["id", "dominant_armed_opposition"]]

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
from analysis.readers import read_articles, read_upload
from analysis.records import pair_record, score_record, sources_record
from analysis.scoring import ArticleScores, score_article, score_articles
from analysis.sources import CorpusSources, corpus_sources
from analysis.tables import (
    label_hits_frame,
    labels_frame,
    pairs_frame,
    scores_frame,
    similarity_frame,
    source_matrix_frame,
    sources_frame,
)

__all__ = [
    "Article",
    "ArticleScores",
    "CorpusSources",
    "Lexicon",
    "LexiconError",
    "OverlapResult",
    "ReadResult",
    "Refusal",
    "RefusedInput",
    "article_from_text",
    "compare_articles",
    "corpus_sources",
    "label_hits_frame",
    "labels_frame",
    "load_lexicon",
    "pair_record",
    "pairs_frame",
    "parse_lexicon",
    "read_articles",
    "read_upload",
    "score_article",
    "score_articles",
    "score_record",
    "scores_frame",
    "similarity_frame",
    "source_matrix_frame",
    "sources_frame",
    "sources_record",
]
