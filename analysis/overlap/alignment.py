"""Sentences that say the same thing in other words: TF-IDF cosine of stemmed content words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.overlap.model import AlignedSentence, Document
from analysis.overlap.words import as_given, content_words, rests_on_content


def tfidf(word_lists: Sequence[list[str]]) -> sparse.csr_matrix | None:
    """TF-IDF rows of texts given as content-word lists (IDF fitted on them); None when they hold no word."""
    vectorizer = TfidfVectorizer(analyzer=as_given, sublinear_tf=True, norm="l2", min_df=1)
    try:
        return vectorizer.fit_transform(word_lists).tocsr()
    except ValueError:  # empty vocabulary
        return None


def document_vectors(documents: Sequence[Document]) -> sparse.csr_matrix | None:
    return tfidf([content_words(d.text[d.content_start :]) for d in documents])


def sentence_words(documents: Sequence[Document]) -> list[list[list[str]]]:
    """Each document's sentences as content-word lists: made once for alignment and MinHash."""
    return [[content_words(d.text[start:end]) for start, end in d.sentences] for d in documents]


@dataclass(frozen=True)
class SentenceVectors:
    """Every sentence of the corpus as TF-IDF rows (IDF fitted on the corpus's sentences), made once."""

    matrix: sparse.csr_matrix | None
    offsets: tuple[int, ...]  # document i's sentences are rows offsets[i]:offsets[i + 1]

    @classmethod
    def of(cls, words: Sequence[list[list[str]]]) -> SentenceVectors:
        offsets = tuple(np.cumsum([0, *(len(sentences) for sentences in words)]).tolist())
        return cls(tfidf([sentence for sentences in words for sentence in sentences]), offsets)

    def rows(self, index: int) -> sparse.csr_matrix:
        return self.matrix[self.offsets[index] : self.offsets[index + 1]]


def _aligned(a: Document, b: Document, scores: np.ndarray, threshold: float) -> list[AlignedSentence]:
    """For each sentence of A (a row of `scores`), its best sentence of B (a column) at or above `threshold`."""
    if scores.size == 0:
        return []
    best = scores.argmax(axis=1)
    values = scores[np.arange(len(best)), best]
    aligned = []
    for row in np.flatnonzero(values >= threshold).tolist():
        col, score = int(best[row]), float(values[row])
        (a_start, a_end), (b_start, b_end) = a.sentences[row], b.sentences[col]
        if not rests_on_content(a.text[a_start:a_end], b.text[b_start:b_end]):
            continue
        aligned.append(
            AlignedSentence(
                a.text[a_start:a_end], b.text[b_start:b_end], a_start, a_end, b_start, b_end, round(score, 4)
            )
        )
    return aligned


def align_pairs(
    documents: Sequence[Document], pairs: Sequence[tuple[int, int]], vectors: SentenceVectors, threshold: float
) -> dict[tuple[int, int], list[AlignedSentence]]:
    """Aligned sentences of every pair, one sparse product per first article of the pairs."""
    found: dict[tuple[int, int], list[AlignedSentence]] = {}
    if vectors.matrix is None:
        return {pair: [] for pair in pairs}
    partners: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        partners[i].append(j)
    offsets = np.asarray(vectors.offsets)
    for i, js in partners.items():
        sizes = offsets[np.add(js, 1)] - offsets[js]
        edges = np.concatenate([[0], np.cumsum(sizes)])
        # The rows of every partner's sentences, gathered in one indexing of the matrix.
        rows = np.repeat(offsets[js] - edges[:-1], sizes) + np.arange(edges[-1])
        block = (vectors.rows(i) @ vectors.matrix[rows].T).toarray()
        # Most candidate pairs have no sentence pair at the threshold: find them in one pass.
        reaching = np.zeros(len(js), dtype=bool)
        if block.size:
            columns_reaching = np.flatnonzero(block.max(axis=0) >= threshold)
            reaching[np.unique(np.searchsorted(edges, columns_reaching, side="right") - 1)] = True
        for k, j in enumerate(js):
            found[(i, j)] = (
                _aligned(documents[i], documents[j], block[:, edges[k] : edges[k + 1]], threshold)
                if reaching[k]
                else []
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
