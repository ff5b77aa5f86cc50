"""What articles share: verbatim passages, containment, aligned paraphrases, similarity.

Words are compared after the normalisation of `analysis.text` (case, typographic quotes
and apostrophes, dashes, whitespace), and every passage keeps offsets into both original
texts. Candidate pairs come from sparse matrix products, so a large corpus is never
compared pair by pair word by word.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
from nltk.stem.porter import PorterStemmer
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis.corpus import Article
from analysis.text import PreparedText, words_of

MIN_PASSAGE_WORDS = 8
# Containment compares stemmed word 5-grams: on the dev half of the Clough-Stevenson corpus
# this orders the reuse levels best (n from 1 to 6, plain and stemmed, were tried).
CONTAINMENT_NGRAM = 5
# A sentence of B is A's paraphrase when their TF-IDF cosine (content words, stemmed) is at
# least this; chosen on the seeds and the dev half of the Clough-Stevenson corpus.
ALIGN_THRESHOLD = 0.3
# Every pair is compared up to this many articles; above it, only candidate pairs.
ALL_PAIRS_UP_TO = 120
# Above that: each article's nearest neighbours by similarity, and sentence MinHash buckets.
NEAREST = 5
LSH_BANDS, LSH_ROWS = 12, 4
RARE_RUN_ARTICLES = 4  # in a large corpus, runs shared by more articles do not make pairs candidates
MIN_SHARED_RUNS = 3  # nor do fewer shared runs than this (a copied sentence of 10 words holds 3)
LSH_MIN_HITS = 2  # bucket meetings a pair needs
LSH_PARTNERS = 8  # partners kept per article
LSH_MAX_BUCKET = 50  # a bucket holding more articles than this is boilerplate, not reuse
PRIME = (1 << 31) - 1  # MinHash arithmetic modulo a prime that keeps products inside int64


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
            tokens=prepared.words.lower,
            spans=tuple(zip(prepared.words.starts, prepared.words.ends, strict=True)),
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
    similarity: np.ndarray | sparse.csr_matrix
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


@cache
def _content_form(word: str) -> str | None:
    """The stemmed form alignment compares, or None for a stop word, a number or a single letter."""
    word = word.replace("'", "")
    if word in ENGLISH_STOP_WORDS or word.isdigit() or len(word) <= 1:
        return None
    return _stem(word)


def content_words(text: str) -> list[str]:
    """Lower-case stemmed words without English stop words: what paraphrase alignment compares."""
    return [form for form in map(_content_form, words_of(text.lower())) if form]


def _as_given(words: list[str]) -> list[str]:
    return words


def tfidf(word_lists: Sequence[list[str]]) -> sparse.csr_matrix | None:
    """TF-IDF rows of texts given as content-word lists (IDF fitted on them); None when they hold no word."""
    vectorizer = TfidfVectorizer(analyzer=_as_given, sublinear_tf=True, norm="l2", min_df=1)
    try:
        return vectorizer.fit_transform(word_lists).tocsr()
    except ValueError:  # empty vocabulary
        return None


def _document_vectors(documents: Sequence[Document]) -> sparse.csr_matrix | None:
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
    aligned = []
    for row, col in enumerate(best.tolist()):
        score = float(scores[row, col])
        if score >= threshold:
            (a_start, a_end), (b_start, b_end) = a.sentences[row], b.sentences[col]
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
    for i, js in partners.items():
        columns = sparse.vstack([vectors.rows(j) for j in js]).tocsr()
        block = (vectors.rows(i) @ columns.T).toarray()
        edge = 0
        for j in js:
            width = vectors.offsets[j + 1] - vectors.offsets[j]
            found[(i, j)] = _aligned(documents[i], documents[j], block[:, edge : edge + width], threshold)
            edge += width
    return found


def _pair_cosines(vectors: sparse.csr_matrix | None, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """TF-IDF cosine of every pair at once."""
    if vectors is None or not pairs:
        return np.zeros(len(pairs))
    left = vectors[[i for i, _ in pairs]]
    right = vectors[[j for _, j in pairs]]
    return np.clip(np.asarray(left.multiply(right).sum(axis=1)).ravel(), 0.0, 1.0)


def likely_borrower(a: Document, b: Document, a_in_b: float, b_in_a: float) -> tuple[str | None, str | None]:
    """The later article when both dates are known; else the one more contained in the other."""
    if a.published and b.published and a.published != b.published:
        return (a.id if a.published > b.published else b.id), "dates"
    if max(a_in_b, b_in_a) >= 0.1 and abs(a_in_b - b_in_a) >= 0.05:
        return (a.id if a_in_b > b_in_a else b.id), "containment"
    return None, None


def _shingle_matrix(documents: Sequence[Document], n: int, set_aside: frozenset = frozenset()) -> sparse.csr_matrix:
    vocabulary: dict[tuple[str, ...], int] = {}
    rows, cols = [], []
    for row, document in enumerate(documents):
        for gram in set(ngrams(document.tokens, n)) - set_aside:
            rows.append(row)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(documents), max(1, len(vocabulary))))


def _upper_pairs(matrix: sparse.spmatrix, minimum: float = 1) -> set[tuple[int, int]]:
    upper = sparse.triu(matrix, k=1).tocoo()
    keep = upper.data >= minimum
    return set(zip(upper.row[keep].tolist(), upper.col[keep].tolist(), strict=True))


def _top_similar(vectors: sparse.csr_matrix, k: int, block: int = 512) -> set[tuple[int, int]]:
    """Each document's `k` most similar others, computed a block of rows at a time."""
    pairs: set[tuple[int, int]] = set()
    n = vectors.shape[0]
    for start in range(0, n, block):
        scores = (vectors[start : start + block] @ vectors.T).toarray()
        for offset, row in enumerate(scores):
            i = start + offset
            row[i] = -1.0
            best = np.argpartition(row, -k)[-k:] if n > k else np.arange(n)
            pairs.update((min(i, int(j)), max(i, int(j))) for j in best if int(j) != i and row[j] > 0)
    return pairs


def _sentence_buckets(
    words: Sequence[list[list[str]]], bands: int = LSH_BANDS, rows: int = LSH_ROWS
) -> set[tuple[int, int]]:
    """Pairs of documents holding sentences with much the same content words: MinHash over each
    sentence's stemmed content words, banded (locality-sensitive hashing), so rewrites meet in a bucket."""
    rng = np.random.default_rng(0)
    hashes = bands * rows
    a = rng.integers(1, PRIME, size=hashes, dtype=np.int64)
    b = rng.integers(0, PRIME, size=hashes, dtype=np.int64)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, sentences in enumerate(words):
        for sentence in sentences:
            distinct = {zlib.crc32(w.encode()) % PRIME for w in sentence}
            if len(distinct) < 4:
                continue
            values = np.fromiter(distinct, dtype=np.int64)
            signature = ((np.outer(values, a) + b) % PRIME).min(axis=0)
            for band in range(bands):
                key = hash(signature[band * rows : (band + 1) * rows].tobytes())
                buckets[(band, key)].append(index)
    hits: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        unique = sorted(set(members))
        if 1 < len(unique) <= LSH_MAX_BUCKET:
            hits.update((x, y) for pos, x in enumerate(unique) for y in unique[pos + 1 :])
    # Keep, for each article, the partners it meets most often: a rewrite of several sentences
    # meets its source many times; two articles on one topic meet by chance once or twice.
    partners: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for pair, count in hits.items():
        if count >= LSH_MIN_HITS:
            partners[pair[0]].append((count, pair))
            partners[pair[1]].append((count, pair))
    return {pair for found in partners.values() for _, pair in sorted(found, reverse=True)[:LSH_PARTNERS]}


def candidate_pairs(
    documents: Sequence[Document],
    vectors: sparse.csr_matrix | None,
    min_words: int,
    set_aside: frozenset,
    words: Sequence[list[list[str]]],
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs worth comparing in detail, and those that share a verbatim run.

    A small corpus compares every pair; a large one only pairs that share a run of `min_words`
    words (sparse shingle product), each article's nearest neighbours by similarity, and pairs
    whose sentences meet in a MinHash bucket (rewrites), so nothing is compared word by word
    pair by pair.
    """
    n = len(documents)
    shingles = _shingle_matrix(documents, min_words, set_aside)
    minimum = 1
    if n > ALL_PAIRS_UP_TO:
        # A run found in many articles is a common phrase, and one or two shared runs are chance:
        # copying shows as several runs that few other articles have.
        frequency = np.asarray(shingles.sum(axis=0)).ravel()
        shingles = shingles[:, np.flatnonzero(frequency <= RARE_RUN_ARTICLES)]
        minimum = MIN_SHARED_RUNS
    sharing = _upper_pairs(shingles @ shingles.T, minimum)
    if n <= ALL_PAIRS_UP_TO:
        return [(i, j) for i in range(n) for j in range(i + 1, n)], sharing
    pairs = set(sharing) | _sentence_buckets(words)
    if vectors is not None:
        pairs |= _top_similar(vectors, NEAREST)
    return sorted(pairs), sharing


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
    as boilerplate (subscription lines, dateline formulas); None keeps everything. The
    similarity matrix is dense for a corpus of up to 120 articles and sparse (candidate pairs
    and the diagonal) above that.
    """
    n = len(documents)
    boilerplate = (
        common_passages(documents, min_words, boilerplate_min_articles) if boilerplate_min_articles else frozenset()
    )
    vectors = _document_vectors(documents)
    words = sentence_words(documents)
    sentences = SentenceVectors.of(words)
    candidates, sharing = candidate_pairs(documents, vectors, min_words, boilerplate, words)
    grams = [set(ngrams(d.stems, CONTAINMENT_NGRAM)) for d in documents]
    cosines = _pair_cosines(vectors, candidates).tolist()
    alignments = align_pairs(documents, candidates, sentences, align_threshold)
    pairs, rows, cols, values = [], [], [], []
    for (i, j), cosine in zip(candidates, cosines, strict=True):
        a, b = documents[i], documents[j]
        common = len(grams[i] & grams[j])
        a_in_b = common / len(grams[i]) if grams[i] else 0.0
        b_in_a = common / len(grams[j]) if grams[j] else 0.0
        borrower, basis = likely_borrower(a, b, a_in_b, b_in_a)
        passages = shared_passages(a, b, min_words, boilerplate) if (i, j) in sharing else []
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
            )
        )
        rows += [i, j]
        cols += [j, i]
        values += [cosine, cosine]
    if n <= ALL_PAIRS_UP_TO:
        similarity = np.eye(n)
        similarity[rows, cols] = values
    else:
        similarity = sparse.csr_matrix(
            (values + [1.0] * n, (rows + list(range(n)), cols + list(range(n)))), shape=(n, n)
        )
    return OverlapResult(tuple(d.id for d in documents), similarity, tuple(pairs), min_words, boilerplate)
