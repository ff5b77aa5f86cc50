"""Framelens analysis: framing, tone and readability of news articles, without the dashboard.

    >>> from analysis import read_articles, score_articles, scores_frame
    >>> batch = read_articles(["seeds"])
    >>> scores = score_articles(batch.articles)
    >>> scores_frame(scores)[["id", "dominant_armed_opposition"]]

`score_articles` returns one `ArticleScores` per article (typed results with the evidence
of every hit); `scores_frame`, `labels_frame` and `label_hits_frame` turn them into pandas
tables; `score_record` gives the JSON object the command line prints.
"""

from analysis.corpus import Article, ReadResult, Refusal, RefusedInput, article_from_text, read_articles
from analysis.lexicon import Lexicon, LexiconError, load_lexicon, parse_lexicon
from analysis.records import score_record
from analysis.scoring import ArticleScores, score_article, score_articles
from analysis.tables import label_hits_frame, labels_frame, scores_frame

__all__ = [
    "Article",
    "ArticleScores",
    "Lexicon",
    "LexiconError",
    "ReadResult",
    "Refusal",
    "RefusedInput",
    "article_from_text",
    "label_hits_frame",
    "labels_frame",
    "load_lexicon",
    "parse_lexicon",
    "read_articles",
    "score_article",
    "score_articles",
    "score_record",
    "scores_frame",
]
