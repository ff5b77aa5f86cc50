"""What articles share: verbatim passages, containment, aligned paraphrases, similarity.

Words are compared after the normalisation of `analysis.text` (case, typographic quotes
and apostrophes, dashes, whitespace), and every passage keeps offsets into both original
texts. Candidate pairs come from sparse matrix products, so a large corpus is never
compared pair by pair word by word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
from nltk.stem.porter import PorterStemmer
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis.corpus import Article
from analysis.text import PreparedText, word_spans

MIN_PASSAGE_WORDS = 8
# Containment compares stemmed word 5-grams: on the dev half of the Clough-Stevenson corpus
# this orders the reuse levels best (n from 1 to 6, plain and stemmed, were tried).
CONTAINMENT_NGRAM = 5
# A sentence of B is A's paraphrase when their TF-IDF cosine (content words, stemmed) is at
# least this; chosen on the seeds and the dev half of the Clough-Stevenson corpus.
ALIGN_THRESHOLD = 0.3
# Every pair is compared up to this many articles; above it, only candidate pairs.
ALL_PAIRS_UP_TO = 300
CANDIDATE_SIMILARITY = 0.2


_STEMMER = PorterStemmer()


@cache
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


@dataclass(frozen=True)
class Document:
    """What overlap needs of an article: its words and sentences with original offsets."""

    id: str
    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    content_start: int = 0
    published: object = None

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(_stem(token.replace("'", "")) for token in self.tokens)

    @classmethod
    def from_prepared(cls, article: Article, prepared: PreparedText) -> Document:
        return cls(
            id=article.id,
            text=article.text,
            tokens=tuple(w.lower for w in prepared.words),
            spans=tuple((w.start, w.end) for w in prepared.words),
            sentences=tuple((s.start, s.end) for s in prepared.sentences if not s.is_heading),
            content_start=prepared.layout.content_start,
            published=article.published,
        )


@dataclass(frozen=True)
class SharedPassage:
    text: str
    words: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class AlignedSentence:
    a_text: str
    b_text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float


@dataclass(frozen=True)
class PairOverlap:
    a: str
    b: str
    similarity: float
    a_in_b: float
    b_in_a: float
    shared_passages: tuple[SharedPassage, ...]
    aligned_sentences: tuple[AlignedSentence, ...]
    likely_borrower: str | None
    borrower_basis: str | None


@dataclass(frozen=True)
class OverlapResult:
    ids: tuple[str, ...]
    similarity: np.ndarray
    pairs: tuple[PairOverlap, ...]
    min_words: int
    boilerplate: frozenset[tuple[str, ...]]

    def pair(self, a: str, b: str) -> PairOverlap | None:
        return next((p for p in self.pairs if {p.a, p.b} == {a, b}), None)


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def containment(a: Sequence[str], b: Sequence[str], n: int = CONTAINMENT_NGRAM) -> float:
    """Share of A's word n-grams found in B (Broder 1997); 0 when A has none."""
    a_grams = set(ngrams(a, n))
    if not a_grams:
        return 0.0
    return len(a_grams & set(ngrams(b, n))) / len(a_grams)


def shared_passages(
    a: Document, b: Document, min_words: int = MIN_PASSAGE_WORDS, set_aside: frozenset = frozenset()
) -> list[SharedPassage]:
    """Every maximal run of at least `min_words` words that A and B share, in A's order."""
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, gram in enumerate(ngrams(b.tokens, min_words)):
        positions[gram].append(j)
    runs: dict[int, list[list[int]]] = defaultdict(list)  # diagonal i - j -> [first i, last i]
    for i, gram in enumerate(ngrams(a.tokens, min_words)):
        if gram in set_aside:
            continue
        for j in positions.get(gram, ()):
            diagonal = runs[i - j]
            if diagonal and diagonal[-1][1] == i - 1:
                diagonal[-1][1] = i
            else:
                diagonal.append([i, i])
    passages = []
    for diagonal, spans in runs.items():
        for first, last in spans:
            a_start, a_end = a.spans[first][0], a.spans[last + min_words - 1][1]
            b_first = first - diagonal
            b_start, b_end = b.spans[b_first][0], b.spans[last - diagonal + min_words - 1][1]
            words = last - first + min_words
            passages.append(SharedPassage(a.text[a_start:a_end], words, a_start, a_end, b_start, b_end))
    return sorted(passages, key=lambda p: (p.a_start, p.b_start))


def common_passages(documents: Sequence[Document], min_words: int, min_articles: int) -> frozenset:
    """Word runs found in at least `min_articles` articles: boilerplate, not reuse."""
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for document in documents:
        for gram in set(ngrams(document.tokens, min_words)):
            counts[gram] += 1
    return frozenset(gram for gram, count in counts.items() if count >= min_articles)


def content_words(text: str) -> list[str]:
    """Lower-case stemmed words without English stop words: what paraphrase alignment compares."""
    lowered = text.lower()
    words = (lowered[a:b].replace("'", "") for a, b in word_spans(lowered))
    return [_stem(w) for w in words if w not in ENGLISH_STOP_WORDS and not w.isdigit() and len(w) > 1]


def fit_vectorizer(texts: Sequence[str]) -> TfidfVectorizer | None:
    """TF-IDF over stemmed content words fitted on `texts`; None when they hold no content word."""
    vectorizer = TfidfVectorizer(analyzer=content_words, sublinear_tf=True, norm="l2", min_df=1)
    try:
        return vectorizer.fit(texts)
    except ValueError:  # empty vocabulary
        return None


def similarity_matrix(documents: Sequence[Document]) -> np.ndarray:
    """Pairwise TF-IDF cosine of whole articles, fitted on the corpus: symmetric, unit diagonal."""
    texts = [d.text[d.content_start :] for d in documents]
    vectorizer = fit_vectorizer(texts)
    if vectorizer is None:
        return np.eye(len(documents))
    matrix = vectorizer.transform(texts)
    similarity = (matrix @ matrix.T).toarray()
    similarity = np.clip((similarity + similarity.T) / 2, 0.0, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def align_sentences(
    a: Document, b: Document, vectorizer: TfidfVectorizer | None, threshold: float = ALIGN_THRESHOLD
) -> list[AlignedSentence]:
    """For each sentence of A, its most similar sentence of B when their cosine reaches `threshold`."""
    if vectorizer is None or not a.sentences or not b.sentences:
        return []
    a_matrix = vectorizer.transform([a.text[s:e] for s, e in a.sentences])
    b_matrix = vectorizer.transform([b.text[s:e] for s, e in b.sentences])
    scores = (a_matrix @ b_matrix.T).toarray()
    aligned = []
    for i, row in enumerate(scores):
        j = int(np.argmax(row))
        if row[j] >= threshold:
            (a_start, a_end), (b_start, b_end) = a.sentences[i], b.sentences[j]
            aligned.append(
                AlignedSentence(
                    a.text[a_start:a_end],
                    b.text[b_start:b_end],
                    a_start,
                    a_end,
                    b_start,
                    b_end,
                    round(float(row[j]), 4),
                )
            )
    return aligned


def likely_borrower(a: Document, b: Document, a_in_b: float, b_in_a: float) -> tuple[str | None, str | None]:
    """The later article when both dates are known; else the one more contained in the other."""
    if a.published and b.published and a.published != b.published:
        return (a.id if a.published > b.published else b.id), "dates"
    if max(a_in_b, b_in_a) >= 0.1 and abs(a_in_b - b_in_a) >= 0.05:
        return (a.id if a_in_b > b_in_a else b.id), "containment"
    return None, None


def _shingle_matrix(documents: Sequence[Document], n: int) -> sparse.csr_matrix:
    vocabulary: dict[tuple[str, ...], int] = {}
    rows, cols = [], []
    for row, document in enumerate(documents):
        for gram in set(ngrams(document.tokens, n)):
            rows.append(row)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(documents), max(1, len(vocabulary))))


def candidate_pairs(documents: Sequence[Document], similarity: np.ndarray, min_words: int) -> list[tuple[int, int]]:
    """Pairs worth comparing in detail: every pair of a small corpus; else shared runs or similar texts."""
    n = len(documents)
    if n <= ALL_PAIRS_UP_TO:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    shingles = _shingle_matrix(documents, min_words)
    shared = sparse.triu(shingles @ shingles.T, k=1).tocoo()
    pairs = set(zip(shared.row.tolist(), shared.col.tolist(), strict=True))
    rows, cols = np.nonzero(np.triu(similarity >= CANDIDATE_SIMILARITY, k=1))
    pairs.update(zip(rows.tolist(), cols.tolist(), strict=True))
    return sorted(pairs)


def compare_articles(
    articles: Sequence[tuple[Article, PreparedText]], min_words: int = MIN_PASSAGE_WORDS, **options
) -> OverlapResult:
    """`compare` for articles already prepared (by scoring, say): the text is not processed again."""
    return compare([Document.from_prepared(article, prepared) for article, prepared in articles], min_words, **options)


def compare(
    documents: Sequence[Document],
    min_words: int = MIN_PASSAGE_WORDS,
    boilerplate_min_articles: int | None = None,
    align_threshold: float = ALIGN_THRESHOLD,
) -> OverlapResult:
    """Shared passages, containment both ways, aligned sentences and similarity of every candidate pair.

    `boilerplate_min_articles`: word runs found in at least this many articles are set aside
    as boilerplate (subscription lines, dateline formulas); None keeps everything.
    """
    similarity = similarity_matrix(documents)
    boilerplate = (
        common_passages(documents, min_words, boilerplate_min_articles) if boilerplate_min_articles else frozenset()
    )
    vectorizer = fit_vectorizer([d.text[s:e] for d in documents for s, e in d.sentences])
    pairs = []
    for i, j in candidate_pairs(documents, similarity, min_words):
        a, b = documents[i], documents[j]
        a_in_b, b_in_a = containment(a.stems, b.stems), containment(b.stems, a.stems)
        borrower, basis = likely_borrower(a, b, a_in_b, b_in_a)
        pairs.append(
            PairOverlap(
                a=a.id,
                b=b.id,
                similarity=round(float(similarity[i, j]), 4),
                a_in_b=round(a_in_b, 4),
                b_in_a=round(b_in_a, 4),
                shared_passages=tuple(shared_passages(a, b, min_words, boilerplate)),
                aligned_sentences=tuple(align_sentences(a, b, vectorizer, align_threshold)),
                likely_borrower=borrower,
                borrower_basis=basis,
            )
        )
    return OverlapResult(tuple(d.id for d in documents), similarity, tuple(pairs), min_words, boilerplate)
