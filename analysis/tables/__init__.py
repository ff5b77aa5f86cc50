"""The one adapter from typed results to pandas tables, a module per kind of result."""

from analysis.tables.corpus import CorpusTables, corpus_tables
from analysis.tables.overlap import aligned_frame, pairs_frame, passages_frame, similarity_frame
from analysis.tables.scores import (
    articles_frame,
    label_hits_frame,
    labels_frame,
    lexicon_frame,
    loaded_frame,
    records_frame,
    scores_frame,
    sentences_frame,
)
from analysis.tables.sources import (
    shared_quotes_frame,
    shared_sources_frame,
    source_matrix_frame,
    source_spans_frame,
    sources_frame,
)

__all__ = [
    "CorpusTables",
    "aligned_frame",
    "articles_frame",
    "corpus_tables",
    "label_hits_frame",
    "labels_frame",
    "lexicon_frame",
    "loaded_frame",
    "pairs_frame",
    "passages_frame",
    "records_frame",
    "scores_frame",
    "sentences_frame",
    "shared_quotes_frame",
    "shared_sources_frame",
    "similarity_frame",
    "source_matrix_frame",
    "source_spans_frame",
    "sources_frame",
]
