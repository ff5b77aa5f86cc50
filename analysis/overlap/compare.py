"""Every candidate pair compared: passages, containment both ways, aligned sentences and similarity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from analysis.collection import collection_paused
from analysis.corpus import Article
from analysis.overlap.alignment import (
    SentenceVectors,
    align_pairs,
    document_vectors,
    key_matrix,
    pair_products,
    sentence_meaning,
    sentence_words,
)
from analysis.overlap.candidates import PairSearch, candidate_pairs
from analysis.overlap.model import Document, OverlapResult, PairOverlap
from analysis.overlap.passages import (
    aside_keys,
    common_passages,
    likely_borrower,
    passages_of_pairs,
)
from analysis.overlap.reprints import reprint_clusters, reprinted_shares
from analysis.overlap.settings import (
    ALIGN_BY_MEANING,
    ALIGN_THRESHOLD,
    CONTAINMENT_NGRAM,
    MEANING_THRESHOLD,
    MIN_PASSAGE_WORDS,
)
from analysis.overlap.words import distinct_sorted, own_runs, run_keys
from analysis.text import PreparedText

Progress = Callable[[int, int, str], None]
STAGES = 3  # what `progress` counts to

SearchFactory = Callable[[Sequence[Document], Sequence[list[list[str]]], int, frozenset], PairSearch]


def _containment_counts(runs: Sequence[np.ndarray], candidates: Sequence[tuple[int, int]]) -> tuple[list, list]:
    """Each document's distinct runs, and how many each candidate pair has in common."""
    grams = key_matrix([distinct_sorted(r) for r in runs])
    return np.asarray(grams.sum(axis=1)).ravel().tolist(), pair_products(grams, candidates).tolist()


def _pair_measures(
    documents: Sequence[Document],
    candidates: Sequence[tuple[int, int]],
    vectors: sparse.csr_matrix | None,
    own_vectors: sparse.csr_matrix | None,
) -> tuple[tuple[list, list], tuple[list, list], list[float], list[float]]:
    """Containment counts of the outlets' own text and of whole texts (`_containment_counts`),
    and the cosines of own text and of whole texts, of every candidate pair."""
    stem_runs = [run_keys(d.stems, CONTAINMENT_NGRAM) for d in documents]
    own = [r[own_runs(d.quoted, CONTAINMENT_NGRAM)] for r, d in zip(stem_runs, documents, strict=True)]
    return (
        _containment_counts(own, candidates),
        _containment_counts(stem_runs, candidates),
        np.clip(pair_products(own_vectors, candidates), 0.0, 1.0).tolist(),
        np.clip(pair_products(vectors, candidates), 0.0, 1.0).tolist(),
    )


def mean_similarity(vectors, indices: list[int], most: int = 12) -> float:
    """The mean TF-IDF cosine between the documents at `indices` (the first `most` of them)."""
    if vectors is None or len(indices) < 2:
        return 0.0
    rows = vectors[indices[:most]]
    cosines = (rows @ rows.T).toarray()
    k = cosines.shape[0]
    return float((cosines.sum() - np.trace(cosines)) / (k * (k - 1)))


def _share(common: float, total: float) -> float:
    return common / total if total else 0.0


def compare_articles(
    articles: Sequence[tuple[Article, PreparedText]],
    min_words: int = MIN_PASSAGE_WORDS,
    boilerplate_min_articles: int | None = None,
    align_threshold: float | None = None,
    by_meaning: bool = ALIGN_BY_MEANING,
    pair_search: SearchFactory | None = None,
) -> OverlapResult:
    """`compare` for articles already prepared (by scoring, say): the text is not processed again."""
    documents = [Document.from_prepared(article, prepared) for article, prepared in articles]
    return compare(documents, min_words, boilerplate_min_articles, align_threshold, by_meaning, pair_search)


def compare(
    documents: Sequence[Document],
    min_words: int = MIN_PASSAGE_WORDS,
    boilerplate_min_articles: int | None = None,
    align_threshold: float | None = None,
    by_meaning: bool = ALIGN_BY_MEANING,
    pair_search: SearchFactory | None = None,
    progress: Progress | None = None,
) -> OverlapResult:
    """Shared passages, containment both ways, aligned sentences and similarity of every candidate pair.

    `boilerplate_min_articles`: word runs found in at least this many articles are set aside
    as boilerplate (subscription lines, dateline formulas); None keeps everything. The
    similarity matrix is sparse: the compared pairs and the diagonal (a pair never compared
    is 0). `by_meaning`: sentences align on the mean of their word and meaning cosines (at least
    `MEANING_THRESHOLD`), else on the word cosine alone (at least `ALIGN_THRESHOLD`); an
    `align_threshold` given replaces either. `pair_search(documents, words, min_words,
    boilerplate)`, when given, finds the candidate pairs of a large corpus (on a cluster, say).
    `progress(done, STAGES, step)` is told as each stage ends: pairs found, sentences aligned,
    pairs compared.
    """
    if align_threshold is None:
        align_threshold = MEANING_THRESHOLD if by_meaning else ALIGN_THRESHOLD
    # The dense products here are small and run beside other work on this process's threads:
    # BLAS's own threads, waiting between products, took cores from that work (at 10,000
    # articles, a tenth of the comparison's time).
    with threadpool_limits(limits=1, user_api="blas"), collection_paused():
        return _compare(
            documents, min_words, boilerplate_min_articles, align_threshold, by_meaning, pair_search, progress
        )


def _compare(
    documents: Sequence[Document],
    min_words: int,
    boilerplate_min_articles: int | None,
    align_threshold: float,
    by_meaning: bool,
    pair_search: SearchFactory | None,
    progress: Progress | None,
) -> OverlapResult:
    def stage(done: int, step: str) -> None:
        if progress:
            progress(done, STAGES, step)

    n = len(documents)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The tokenizer of the meaning model works outside the interpreter lock: sentences are
        # embedded while the candidate pairs are found.
        meaning = pool.submit(sentence_meaning, documents) if by_meaning else None
        vectors, own_vectors = document_vectors(documents)
        boilerplate = (
            common_passages(documents, min_words, boilerplate_min_articles, partial(mean_similarity, vectors))
            if boilerplate_min_articles
            else frozenset()
        )
        words = sentence_words(documents)
        keys = [run_keys(d.tokens, min_words) for d in documents]
        distinct = [distinct_sorted(k) for k in keys]
        aside = aside_keys(boilerplate)
        search = pair_search(documents, words, min_words, boilerplate) if pair_search else None
        candidates, sharing = candidate_pairs(distinct, vectors, aside, words, search)
        sentences = SentenceVectors.of(words, meaning.result() if meaning else None)
    stage(1, f"{len(candidates):,} candidate pairs")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Mostly sparse products, outside the interpreter lock: beside the alignment.
        measures = pool.submit(_pair_measures, documents, candidates, vectors, own_vectors)
        alignments = align_pairs(documents, candidates, sentences, align_threshold)
        (distinct_grams, commons), (all_grams, all_commons), cosines, whole_cosines = measures.result()
    stage(2, "sentences aligned")
    shared = passages_of_pairs(documents, [pair for pair in candidates if pair in sharing], keys, min_words, aside)
    pairs, rows, cols, values = [], [], [], []
    for (i, j), cosine, whole, common, every in zip(
        candidates, cosines, whole_cosines, commons, all_commons, strict=True
    ):
        a, b = documents[i], documents[j]
        a_in_b, b_in_a = _share(common, distinct_grams[i]), _share(common, distinct_grams[j])
        passages = shared.get((i, j), [])
        copied = [p for p in passages if p.kind == "copied"]
        borrower, basis, evidence = likely_borrower(a, b, a_in_b, b_in_a, copied)
        pairs.append(
            PairOverlap(
                a=a.id,
                b=b.id,
                similarity=round(cosine, 4),
                a_in_b=round(a_in_b, 4),
                b_in_a=round(b_in_a, 4),
                shared_passages=tuple(passages),
                aligned_sentences=tuple(alignments[(i, j)]),
                likely_borrower=borrower,
                borrower_basis=basis,
                a_in_b_with_quotes=round(_share(every, all_grams[i]), 4),
                b_in_a_with_quotes=round(_share(every, all_grams[j]), 4),
                borrower_evidence=evidence,
                similarity_with_quotes=round(whole, 4),
            )
        )
        rows += [i, j]
        cols += [j, i]
        values += [cosine, cosine]
    stage(3, "pairs compared")
    similarity = sparse.csr_matrix((values + [1.0] * n, (rows + list(range(n)), cols + list(range(n)))), shape=(n, n))
    return OverlapResult(
        tuple(d.id for d in documents),
        similarity,
        tuple(pairs),
        min_words,
        boilerplate,
        reprint_clusters(documents, pairs),
        reprinted_shares(documents, pairs),
    )
