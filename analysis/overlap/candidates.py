"""Which pairs of a large corpus are worth comparing: shared rare runs, nearest neighbours and
sentence MinHash buckets, all from sparse products so no pair is compared word by word."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

import numpy as np
from scipy import sparse

from analysis.overlap.alignment import key_matrix
from analysis.overlap.settings import (
    ALL_PAIRS_UP_TO,
    DENSE_NEIGHBOURS_UP_TO,
    LSH_BANDS,
    LSH_MAX_BUCKET,
    LSH_MIN_HITS,
    LSH_PARTNERS,
    LSH_ROWS,
    MIN_SHARED_RUNS,
    NEAREST,
    NEIGHBOUR_TERM_SHARE,
    PRIME,
    RARE_RUN_ARTICLES,
)
from analysis.overlap.words import distinct_sorted, word_hash


def _upper_pairs(matrix: sparse.spmatrix, minimum: float = 1) -> set[tuple[int, int]]:
    upper = sparse.triu(matrix, k=1).tocoo()
    keep = upper.data >= minimum
    return set(zip(upper.row[keep].tolist(), upper.col[keep].tolist(), strict=True))


def _top_similar(vectors: sparse.csr_matrix, k: int, block: int = 512) -> set[tuple[int, int]]:
    """Each document's `k` most similar others, computed a block of rows at a time.

    A corpus with a small vocabulary is multiplied as a dense matrix (BLAS, much faster when
    most terms are in most articles); a large one stays sparse, leaving out the terms found in
    over half the articles: they weigh little in the cosine and make most of the product's cost."""
    pairs: set[tuple[int, int]] = set()
    n, terms = vectors.shape
    if n * terms <= DENSE_NEIGHBOURS_UP_TO:
        matrix = vectors.toarray()
        transposed = matrix.T
    else:
        frequency = np.bincount(vectors.indices, minlength=terms)
        matrix = vectors[:, np.flatnonzero(frequency <= NEIGHBOUR_TERM_SHARE * n)].tocsr()
        transposed = matrix.T.tocsr()
    for start in range(0, n, block):
        scores = matrix[start : start + block] @ transposed
        scores = scores.toarray() if sparse.issparse(scores) else scores
        for offset, row in enumerate(scores):
            i = start + offset
            row[i] = -1.0
            best = np.argpartition(row, -k)[-k:] if n > k else np.arange(n)
            pairs.update((min(i, int(j)), max(i, int(j))) for j in best if int(j) != i and row[j] > 0)
    return pairs


def minhash(words: Sequence[list[list[str]]], hashes: int, chunk: int = 4_000) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash signature of every sentence with at least 4 distinct content words, and the
    document each belongs to; computed for many sentences at once, a chunk at a time."""
    rng = np.random.default_rng(0)
    a = rng.integers(1, PRIME, size=hashes, dtype=np.int64)
    b = rng.integers(0, PRIME, size=hashes, dtype=np.int64)
    sentences = [sentence for document in words for sentence in document]
    owner = np.repeat(np.arange(len(words)), [len(document) for document in words])
    hashed = np.fromiter(map(word_hash, itertools.chain.from_iterable(sentences)), dtype=np.int64)
    sentence_of = np.repeat(np.arange(len(sentences), dtype=np.int64), [len(s) for s in sentences])
    # Each sentence's distinct word hashes, sentence by sentence; sentences of fewer than 4 dropped.
    distinct = distinct_sorted(sentence_of * PRIME + hashed)
    sentence_of, every = distinct // PRIME, distinct % PRIME
    counts = np.bincount(sentence_of, minlength=len(sentences))
    kept = np.flatnonzero(counts >= 4)
    every = every[counts[sentence_of] >= 4]
    lengths, owners = counts[kept], owner[kept]
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    signatures = np.empty((len(lengths), hashes), dtype=np.int64)
    for first in range(0, len(lengths), chunk):
        last = min(first + chunk, len(lengths))
        part = (every[starts[first] : starts[last], None] * a + b) % PRIME
        signatures[first:last] = np.minimum.reduceat(part, starts[first:last] - starts[first], axis=0)
    return signatures, np.array(owners, dtype=np.int64)


# The pairs of positions in a bucket of each size, made once.


_TRIANGLES = {size: np.triu_indices(size, k=1) for size in range(3, LSH_MAX_BUCKET + 1)}


def band_key(signatures: np.ndarray, band: int, rows: int = LSH_ROWS) -> np.ndarray:
    """The band's values of each signature folded into one 64-bit key (they are below 2**31): one
    sort, not a sort of rows."""
    key = np.zeros(len(signatures), dtype=np.uint64)
    for column in signatures[:, band * rows : (band + 1) * rows].T.astype(np.uint64):
        key = key * np.uint64(PRIME) + column
    return key


def bucket_meetings(key: np.ndarray, owners: np.ndarray, documents: int) -> np.ndarray:
    """Each meeting of two documents in a bucket of one band (sentences with the same `key`), as
    a * documents + b: the buckets of 2 to `LSH_MAX_BUCKET` documents. Rows may come in any order;
    every row of a bucket must be there."""
    if not len(key):
        return np.zeros(0, dtype=np.int64)
    width = np.int64(documents)
    # Each bucket's distinct documents, in order (one sort by key, then document).
    order = np.lexsort((owners, key))
    key, owner = key[order], owners[order]
    distinct = np.r_[True, (key[1:] != key[:-1]) | (owner[1:] != owner[:-1])]
    key, owner = key[distinct], owner[distinct]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    pairs_of_two = starts[sizes == 2]
    found = [owner[pairs_of_two] * width + owner[pairs_of_two + 1]]
    larger = (sizes > 2) & (sizes <= LSH_MAX_BUCKET)
    for start, size in zip(starts[larger].tolist(), sizes[larger].tolist(), strict=True):
        first, second = _TRIANGLES[size]
        group = owner[start : start + size]
        found.append(group[first] * width + group[second])
    return np.concatenate(found)


def bucket_partners(meetings: np.ndarray, documents: int) -> set[tuple[int, int]]:
    """The pairs that meet in at least `LSH_MIN_HITS` buckets, at most `LSH_PARTNERS` per article."""
    meetings, counts = np.unique(meetings, return_counts=True)
    often = counts >= LSH_MIN_HITS
    return top_partners(meetings[often], counts[often], documents, LSH_PARTNERS)


def sentence_buckets(words: Sequence[list[list[str]]], bands: int = LSH_BANDS) -> set[tuple[int, int]]:
    """Pairs of documents holding sentences with much the same content words: MinHash over each
    sentence's stemmed content words, banded (locality-sensitive hashing), so rewrites meet in a bucket."""
    signatures, owners = minhash(words, bands * LSH_ROWS)
    found = [bucket_meetings(band_key(signatures, band), owners, len(words)) for band in range(bands)]
    return bucket_partners(np.concatenate(found) if found else np.zeros(0, np.int64), len(words))


def top_partners(meetings: np.ndarray, counts: np.ndarray, documents: int, keep: int) -> set[tuple[int, int]]:
    """For each article, the `keep` pairs (of `meetings`, coded a * documents + b) it is in with
    the highest `counts` (ties: the later pair first): a rewrite of several sentences meets its
    source many times, two articles on one topic meet by chance once or twice. Both ends of every
    pair sorted by article, then count, then pair, in one numpy sort."""
    ends = np.concatenate([meetings // documents, meetings % documents])
    pair_of = np.tile(np.arange(len(meetings)), 2)
    order = np.lexsort((-meetings[pair_of], -counts[pair_of], ends))
    ends, pair_of = ends[order], pair_of[order]
    first = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]])
    rank = np.arange(len(ends)) - np.repeat(first, np.diff(np.r_[first, len(ends)]))
    kept = meetings[np.unique(pair_of[rank < keep])]
    return set(zip((kept // documents).tolist(), (kept % documents).tolist(), strict=True))


def rare_run_pairs(shingles: sparse.csr_matrix) -> set[tuple[int, int]]:
    """Pairs of a large corpus sharing at least `MIN_SHARED_RUNS` runs that at most
    `RARE_RUN_ARTICLES` articles hold: a run found in many articles is a common phrase, and one or
    two shared runs are chance; copying shows as several runs that few other articles have.
    `shingles`: the documents' runs (`key_matrix`)."""
    frequency = np.asarray(shingles.sum(axis=0)).ravel()
    shingles = shingles[:, np.flatnonzero(frequency <= RARE_RUN_ARTICLES)]
    return _upper_pairs(shingles @ shingles.T, MIN_SHARED_RUNS)


class PairSearch(Protocol):
    """Where the candidate pairs of a large corpus are found: in this process, or on a cluster
    (`analysis.engine.dask`) from the same documents, to the same pairs."""

    def rare_run_pairs(self) -> set[tuple[int, int]]: ...

    def sentence_buckets(self) -> set[tuple[int, int]]: ...


def candidate_pairs(
    keys: Sequence[np.ndarray],
    vectors: sparse.csr_matrix | None,
    set_aside: np.ndarray,
    words: Sequence[list[list[str]]],
    search: PairSearch | None = None,
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs worth comparing in detail, and those that share a verbatim run.

    `keys`: each document's `run_keys`, sorted and distinct. A small corpus compares every pair; a large one only
    pairs that share rare runs (sparse product), each article's nearest neighbours by similarity, and pairs
    whose sentences meet in a MinHash bucket (rewrites), so nothing is compared word by word
    pair by pair. `search`, when given, finds the shared runs and the buckets instead.
    """
    n = len(keys)
    if n <= ALL_PAIRS_UP_TO:
        shingles = key_matrix(keys, set_aside)
        return [(i, j) for i in range(n) for j in range(i + 1, n)], _upper_pairs(shingles @ shingles.T)
    shingles = key_matrix(keys, set_aside)  # built once: for the rare runs and for the passages' pairs
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The neighbours' sparse products run outside the interpreter lock: on a second core,
        # while this thread finds the runs and buckets.
        neighbours = pool.submit(_top_similar, vectors, NEAREST) if vectors is not None else None
        if search is not None:
            sharing, buckets = search.rare_run_pairs(), search.sentence_buckets()
        else:
            sharing, buckets = rare_run_pairs(shingles), sentence_buckets(words)
        pairs = set(sharing) | buckets
        if neighbours is not None:
            pairs |= neighbours.result()
    # A run many articles hold does not make a pair a candidate, but a pair found otherwise (a
    # neighbour, a bucket) that shares one still has its passages found: a wire story reprinted
    # by ten outlets shares its runs with all ten, and every pair of them must show them.
    sharing = set(sharing) | pairs_sharing_a_run(shingles, sorted(pairs - set(sharing)))
    return sorted(pairs), sharing


def pairs_sharing_a_run(
    shingles: sparse.csr_matrix, pairs: Sequence[tuple[int, int]], chunk: int = 20_000
) -> set[tuple[int, int]]:
    """The `pairs` whose two documents share at least one run (rows of `shingles`, `key_matrix`),
    found by sparse row products in chunks, so that memory stays flat however many pairs there are."""
    if not pairs:
        return set()
    found: set[tuple[int, int]] = set()
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        left = np.fromiter((i for i, _ in part), dtype=np.int64, count=len(part))
        right = np.fromiter((j for _, j in part), dtype=np.int64, count=len(part))
        shared = np.asarray(shingles[left].multiply(shingles[right]).sum(axis=1)).ravel()
        found.update(p for p, count in zip(part, shared, strict=True) if count > 0)
    return found
