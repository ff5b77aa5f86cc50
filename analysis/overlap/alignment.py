"""Sentences that say the same thing in other words: the TF-IDF cosine of their stemmed content
words, averaged with the cosine of their meaning vectors (`analysis.overlap.meaning`) when
alignment by meaning is on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from analysis.overlap.meaning import embed
from analysis.overlap.model import AlignedSentence, Document
from analysis.overlap.settings import HUB_NEIGHBOURS, MEANING_FLOOR, MIN_SHARED_CONTENT_WORDS
from analysis.overlap.words import as_given, distinct_sorted


def tfidf(word_lists: Sequence[list[str]], dtype: type = np.float64) -> sparse.csr_matrix | None:
    """TF-IDF rows of texts given as content-word lists (IDF fitted on them); None when they hold no word."""
    return _fitted_tfidf(word_lists, dtype)[0]


def _fitted_tfidf(word_lists: Sequence[list[str]], dtype: type) -> tuple[sparse.csr_matrix | None, dict[str, int]]:
    """`tfidf`, and the column of each word."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # here: a second to import, needed by overlap only

    vectorizer = TfidfVectorizer(analyzer=as_given, sublinear_tf=True, norm="l2", min_df=1, dtype=dtype)
    try:
        return vectorizer.fit_transform(word_lists).tocsr(), vectorizer.vocabulary_
    except ValueError:  # empty vocabulary
        return None, {}


def document_vectors(documents: Sequence[Document]) -> tuple[sparse.csr_matrix | None, sparse.csr_matrix | None]:
    """TF-IDF rows of the documents' content words from the start of their content: of whole texts,
    and of the outlets' own voice only (quotations left out)."""
    every, own = zip(*(d.content_forms for d in documents), strict=True) if documents else ((), ())
    return tfidf(every), tfidf(own)


def sentence_meaning(documents: Sequence[Document]) -> np.ndarray:
    """The meaning vector of every sentence of the corpus, document by document, in the order of
    `sentence_words`."""
    return embed([d.text[start:end] for d in documents for start, end in d.sentences])


def sentence_words(documents: Sequence[Document]) -> list[list[list[str]]]:
    """Each document's sentences as content-word lists: made once for alignment and MinHash."""
    return [list(d.sentence_words) for d in documents]


@dataclass(frozen=True)
class SentenceVectors:
    """Every sentence of the corpus as TF-IDF rows (IDF fitted on the corpus's sentences) and,
    with alignment by meaning, as unit meaning vectors; made once."""

    matrix: sparse.csr_matrix | None
    offsets: tuple[int, ...]  # document i's sentences are rows offsets[i]:offsets[i + 1]
    meaning: np.ndarray | None = None  # one row per sentence, in the rows of `matrix`
    vocabulary: dict[str, int] = field(default_factory=dict)  # the column of each content word

    @classmethod
    def of(cls, words: Sequence[list[list[str]]], meaning: np.ndarray | None = None) -> SentenceVectors:
        """`words`: each document's sentences as content words; `meaning`: their `sentence_meaning`."""
        offsets = tuple(np.cumsum([0, *(len(sentences) for sentences in words)]).tolist())
        # Single precision: a sentence block is compared with a threshold, and half the bytes move faster.
        matrix, vocabulary = _fitted_tfidf([sentence for sentences in words for sentence in sentences], np.float32)
        return cls(matrix, offsets, meaning, vocabulary)

    def rows(self, index: int) -> sparse.csr_matrix:
        assert self.matrix is not None, "no sentences to compare"
        return self.matrix[self.offsets[index] : self.offsets[index + 1]]

    def scores(self, index: int, rows: np.ndarray) -> np.ndarray:
        """Similarity of document `index`'s sentences (rows) with the sentences `rows` (columns):
        the TF-IDF cosine, or its mean with the meaning cosine."""
        words = (self.rows(index) @ self.matrix[rows].T).toarray()  # type: ignore[index]  # rows() checked it
        if self.meaning is None:
            return words
        first, last = self.offsets[index], self.offsets[index + 1]
        words += self.meaning[first:last] @ self.meaning[rows].T
        words *= 0.5
        return words


@dataclass(frozen=True)
class _Best:
    """For each sentence of A whose best match in B reaches the floor: that match and its score."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, scores: np.ndarray, floor: float) -> _Best | None:
        if scores.size == 0:
            return None
        best = scores.argmax(axis=1)
        values = scores[np.arange(len(best)), best]
        rows = np.flatnonzero(values >= floor)
        return cls(rows, best[rows], values[rows]) if rows.size else None


class _Nearest:
    """Each sentence's highest similarities to sentences of other articles it is compared with,
    gathered block by block: how alike it is to sentences in general (its hubness)."""

    def __init__(self, sentences: int, k: int):
        # The nearest, which `typical` leaves out, and k more; single precision like the blocks merged in.
        self.top = np.full((sentences, k + 1), -np.inf, dtype=np.float32)

    def add(self, rows: np.ndarray, values: np.ndarray) -> None:
        """Merge `values` (one row per sentence in `rows`) into those sentences' top k."""
        k = self.top.shape[1]
        both = np.concatenate([self.top[rows], values], axis=1)
        if both.shape[1] > k:
            both = np.partition(both, both.shape[1] - k, axis=1)[:, -k:]
        self.top[rows] = both

    def typical(self) -> np.ndarray:
        """The mean of each sentence's k nearest after the nearest (of those it has; 0 when it has
        none): the nearest is left out, as it may be the very rewrite being judged, which in short
        articles would otherwise raise the bar by itself."""
        top = np.sort(self.top, axis=1)[:, :-1]
        finite = np.isfinite(top)
        counts = finite.sum(axis=1)
        totals = np.where(finite, top, 0.0).sum(axis=1)
        return np.divide(totals, counts, out=np.zeros(len(totals)), where=counts > 0)


def rest_on_content(
    vectors: SentenceVectors,
    documents: Sequence[Document],
    first: np.ndarray,
    second: np.ndarray,
    minimum: int = MIN_SHARED_CONTENT_WORDS,
) -> np.ndarray:
    """`words.rests_on_content` of many sentence pairs at once (rows of `vectors`, `first[k]` with
    `second[k]`): the content words two sentences share are the columns both rows hold, and the
    names among them those either sentence's `sentence_names` marks."""
    if not len(first):
        return np.zeros(0, dtype=bool)
    assert vectors.matrix is not None
    held = vectors.matrix.copy()
    held.data[:] = 1
    rows, columns = [], []
    offsets = np.asarray(vectors.offsets)
    checked = distinct_sorted(np.concatenate([first, second]))
    owners = np.searchsorted(offsets, checked, side="right") - 1  # a document without sentences owns none
    sentences = (checked - offsets[owners]).tolist()
    for row, owner, sentence in zip(checked.tolist(), owners.tolist(), sentences, strict=True):
        for name in documents[owner].names_of(sentence):
            # A name that is no content word of its sentence is in no shared set: it can be left out.
            if (column := vectors.vocabulary.get(name)) is not None:
                rows.append(row)
                columns.append(column)
    named = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=held.shape)
    shared = held[first].multiply(held[second]).tocsr()
    named_shared = shared.multiply(named[first] + named[second]).getnnz(axis=1)
    shared = shared.getnnz(axis=1)
    return (shared >= minimum) & (shared > named_shared)


def align_pairs(
    documents: Sequence[Document],
    pairs: Sequence[tuple[int, int]],
    vectors: SentenceVectors,
    threshold: float,
) -> dict[tuple[int, int], list[AlignedSentence]]:
    """Aligned sentences of every pair, one product per first article of the pairs.

    By words alone, a sentence aligns with its best match in the other article when their
    cosine reaches `threshold`. By meaning, the best match's similarity must be at least
    `MEANING_FLOOR`, and exceed by `threshold` the mean similarity the two sentences have with
    their `HUB_NEIGHBOURS` nearest sentences elsewhere after the nearest (after cross-domain
    similarity local scaling, Conneau et al. 2018): a sentence near to many ("This is research that NASA thinks is very
    important") is held to a higher bar than one near to a single rewrite.
    """
    if vectors.matrix is None:
        return {pair: [] for pair in pairs}
    by_meaning = vectors.meaning is not None
    floor = MEANING_FLOOR if by_meaning else threshold
    nearest = _Nearest(vectors.offsets[-1], HUB_NEIGHBOURS) if by_meaning else None
    partners: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        partners[i].append(j)
    offsets = np.asarray(vectors.offsets)
    best: dict[tuple[int, int], _Best | None] = {}
    for i, js in partners.items():
        sizes = offsets[np.add(js, 1)] - offsets[js]
        edges = np.concatenate([[0], np.cumsum(sizes)])
        # The rows of every partner's sentences, gathered in one indexing of the matrix.
        rows = np.repeat(offsets[js] - edges[:-1], sizes) + np.arange(edges[-1])
        block = vectors.scores(i, rows)
        if nearest is not None and block.size:
            nearest.add(np.arange(offsets[i], offsets[i + 1]), block)
            nearest.add(rows, block.T)
        # Most candidate pairs have no sentence pair at the floor: find them in one pass.
        reaching = np.zeros(len(js), dtype=bool)
        if block.size:
            columns_reaching = np.flatnonzero(block.max(axis=0) >= floor)
            reaching[np.unique(np.searchsorted(edges, columns_reaching, side="right") - 1)] = True
        for k, j in enumerate(js):
            best[(i, j)] = _Best.of(block[:, edges[k] : edges[k + 1]], floor) if reaching[k] else None
    typical = nearest.typical() if nearest is not None else np.zeros(offsets[-1])
    found: dict[tuple[int, int], list[AlignedSentence]] = {pair: [] for pair in best}
    matched = [(pair, match) for pair, match in best.items() if match is not None]
    if not matched:
        return found
    # Every best match of every pair at once: the margin, then whether the two rest on content.
    first = np.concatenate([offsets[i] + match.rows for (i, _), match in matched])
    second = np.concatenate([offsets[j] + match.cols for (_, j), match in matched])
    values = np.concatenate([match.values for _, match in matched])
    keep = values - (typical[first] + typical[second]) / 2 >= threshold
    keep[keep] = rest_on_content(vectors, documents, first[keep], second[keep])
    kept = np.flatnonzero(keep)
    pair_of = np.repeat(np.arange(len(matched)), [len(match.rows) for _, match in matched])[kept]
    for k, row, col, value in zip(
        pair_of.tolist(), first[kept].tolist(), second[kept].tolist(), values[kept].tolist(), strict=True
    ):
        (i, j), _ = matched[k]
        a, b = documents[i], documents[j]
        (a_start, a_end), (b_start, b_end) = a.sentences[row - offsets[i]], b.sentences[col - offsets[j]]
        found[(i, j)].append(
            AlignedSentence(
                a.text[a_start:a_end], b.text[b_start:b_end], a_start, a_end, b_start, b_end, round(value, 4)
            )
        )
    return found


def pair_products(matrix: sparse.csr_matrix | None, pairs: Sequence[tuple[int, int]], batch: int = 8192) -> np.ndarray:
    """The dot product of the rows of every pair, a batch of pairs at a time (bounded memory)."""
    products = np.zeros(len(pairs))
    if matrix is None:
        return products
    for start in range(0, len(pairs), batch):
        part = pairs[start : start + batch]
        left = matrix[[i for i, _ in part]]
        right = matrix[[j for _, j in part]]
        products[start : start + len(part)] = np.asarray(left.multiply(right).sum(axis=1)).ravel()
    return products


def key_matrix(distinct: Sequence[np.ndarray], set_aside: np.ndarray | None = None) -> sparse.csr_matrix:
    """One row per document, a 1 in the column of each of its keys (sorted, distinct; less `set_aside`)."""
    if set_aside is not None and set_aside.size:
        distinct = [np.setdiff1d(k, set_aside, assume_unique=True) for k in distinct]
    rows = np.repeat(np.arange(len(distinct)), [len(k) for k in distinct])
    every = np.concatenate(distinct) if distinct else np.zeros(0, dtype=np.int64)
    columns, cols = np.unique(every, return_inverse=True)
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols.ravel())), shape=(len(distinct), max(1, len(columns))))
