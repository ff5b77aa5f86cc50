"""Every table of one scored corpus, built once: what the dashboard and the reports read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.lexicon import Lexicon
from analysis.overlap import OverlapResult
from analysis.scoring import ArticleScores
from analysis.sources import CorpusSources
from analysis.tables.overlap import (
    SimilarityMatrix,
    aligned_frame,
    clusters_frame,
    pairs_frame,
    passages_frame,
    reprinted_frame,
    similarity_frame,
)
from analysis.tables.scores import (
    articles_frame,
    label_hits_frame,
    labels_frame,
    lexicon_frame,
    loaded_frame,
    scores_frame,
    sentences_frame,
    set_aside_frame,
)
from analysis.tables.sources import (
    shared_quotes_frame,
    shared_sources_frame,
    source_matrix_frame,
    source_spans_frame,
    sources_frame,
)


@dataclass(frozen=True)
class CorpusTables:
    """Everything the dashboard and the reports show of one scored corpus, as tables."""

    corpus: str
    lexicon_name: str
    lexicon_version: str
    articles: pd.DataFrame
    scores: pd.DataFrame
    lexicon: pd.DataFrame
    labels: pd.DataFrame
    hits: pd.DataFrame
    sentences: pd.DataFrame
    loaded: pd.DataFrame
    pairs: pd.DataFrame
    similarity: SimilarityMatrix
    passages: pd.DataFrame
    aligned: pd.DataFrame
    sources: pd.DataFrame
    source_matrix: pd.DataFrame
    source_spans: pd.DataFrame
    shared_sources: pd.DataFrame
    shared_quotes: pd.DataFrame
    set_aside: pd.DataFrame  # forms the lexicon's ignore lists kept from counting
    refusals: tuple[tuple[str, str], ...] = ()
    left_out: int = 0  # label hits a coder judged wrong, taken out of every count
    left_out_loaded: int = 0  # loaded-language hits a coder judged wrong, taken out likewise
    reprinted: pd.DataFrame = field(default_factory=pd.DataFrame)  # each article's own text taken from another outlet
    clusters: pd.DataFrame = field(default_factory=pd.DataFrame)  # copies of one story


def corpus_tables(
    corpus: str,
    scores: Sequence[ArticleScores],
    lexicon: Lexicon,
    overlap: OverlapResult,
    sources: CorpusSources,
    refusals: Sequence[tuple[str, str]] = (),
    left_out: int = 0,
    left_out_loaded: int = 0,
) -> CorpusTables:
    """All the tables of a scored corpus, built once."""
    return CorpusTables(
        corpus=corpus,
        lexicon_name=lexicon.name,
        lexicon_version=lexicon.version,
        articles=articles_frame(scores),
        scores=scores_frame(scores),
        lexicon=lexicon_frame(lexicon),
        labels=labels_frame(scores),
        hits=label_hits_frame(scores),
        sentences=sentences_frame(scores),
        loaded=loaded_frame(scores),
        pairs=pairs_frame(overlap),
        similarity=similarity_frame(overlap),
        passages=passages_frame(overlap),
        aligned=aligned_frame(overlap),
        sources=sources_frame(sources),
        source_matrix=source_matrix_frame(sources),
        source_spans=source_spans_frame(sources),
        shared_sources=shared_sources_frame(sources),
        shared_quotes=shared_quotes_frame(sources),
        set_aside=set_aside_frame(scores, lexicon),
        refusals=tuple(refusals),
        left_out=left_out,
        left_out_loaded=left_out_loaded,
        reprinted=reprinted_frame(overlap),
        clusters=clusters_frame(overlap),
    )
