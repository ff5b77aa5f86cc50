"""What articles share: verbatim passages, containment, aligned paraphrases, similarity.

Words are compared after the normalisation of `analysis.text` (case, typographic quotes
and apostrophes, dashes, whitespace), and every passage keeps offsets into both original
texts. Candidate pairs come from sparse matrix products, so a large corpus is never
compared pair by pair word by word.
"""

from __future__ import annotations

import itertools
import zlib
from collections import defaultdict
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
DENSE_NEIGHBOURS_UP_TO = 20_000_000  # articles x terms: 160 MB as a dense matrix
NEIGHBOUR_TERM_SHARE = 0.5  # above that, neighbours are found on the terms in at most half the articles
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
    starts: Sequence[int]  # where each token starts and ends in `text`
    ends: Sequence[int]
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
            starts=prepared.words.starts,
            ends=prepared.words.ends,
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


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """`np.unique` by sorting: numpy's hash-based unique is several times slower on these keys."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if values.size else values


def run_keys(tokens: Sequence[str], n: int) -> np.ndarray:
    """A 64-bit hash of each run of `n` tokens, in order: runs compared as numbers, not tuples,
    so ten thousand articles' millions of runs fit in memory and sort in numpy."""
    count = max(0, len(tokens) - n + 1)
    runs = zip(*(tokens[k : k + count] for k in range(n)), strict=True) if count else ()
    return np.fromiter(map(hash, runs), dtype=np.int64, count=count)


def _aside_keys(set_aside: frozenset) -> np.ndarray:
    return distinct_sorted(np.fromiter(map(hash, set_aside), dtype=np.int64, count=len(set_aside)))


def shared_passages(
    a: Document, b: Document, min_words: int = MIN_PASSAGE_WORDS, set_aside: frozenset = frozenset()
) -> list[SharedPassage]:
    """Every maximal run of at least `min_words` words that A and B share, in A's order."""
    keys = run_keys(a.tokens, min_words), run_keys(b.tokens, min_words)
    distinct = distinct_sorted(keys[0]), distinct_sorted(keys[1])
    return _shared_runs(a, b, min_words, keys, distinct, _aside_keys(set_aside))


def _shared_runs(
    a: Document,
    b: Document,
    min_words: int,
    keys: tuple[np.ndarray, np.ndarray],
    distinct: tuple[np.ndarray, np.ndarray],
    aside: np.ndarray,
) -> list[SharedPassage]:
    """`shared_passages` from both documents' `run_keys`, the same sorted and distinct, and the
    keys of the runs set aside."""
    common = np.intersect1d(distinct[0], distinct[1], assume_unique=True)
    if aside.size:
        common = np.setdiff1d(common, aside, assume_unique=True)
    if not common.size:
        return []
    shared = set(common.tolist())
    a_keys, b_keys = keys[0].tolist(), keys[1].tolist()
    positions: dict[int, list[int]] = defaultdict(list)
    for j, key in enumerate(b_keys):
        if key in shared:
            positions[key].append(j)
    runs: dict[int, list[list[int]]] = defaultdict(list)  # diagonal i - j -> [first i, last i]
    for i, key in enumerate(a_keys):
        if key not in shared:
            continue
        for j in positions[key]:
            if a.tokens[i : i + min_words] != b.tokens[j : j + min_words]:
                continue  # two runs with one hash
            diagonal = runs[i - j]
            if diagonal and diagonal[-1][1] == i - 1:
                diagonal[-1][1] = i
            else:
                diagonal.append([i, i])
    passages = []
    for diagonal, spans in runs.items():
        for first, last in spans:
            a_start, a_end = a.starts[first], a.ends[last + min_words - 1]
            b_start, b_end = b.starts[first - diagonal], b.ends[last - diagonal + min_words - 1]
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
    values = scores[np.arange(len(best)), best]
    aligned = []
    for row in np.flatnonzero(values >= threshold).tolist():
        col, score = int(best[row]), float(values[row])
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


def _pair_products(matrix: sparse.csr_matrix | None, pairs: Sequence[tuple[int, int]], batch: int = 8192) -> np.ndarray:
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


def _key_matrix(distinct: Sequence[np.ndarray], set_aside: np.ndarray | None = None) -> sparse.csr_matrix:
    """One row per document, a 1 in the column of each of its keys (sorted, distinct; less `set_aside`)."""
    if set_aside is not None and set_aside.size:
        distinct = [np.setdiff1d(k, set_aside, assume_unique=True) for k in distinct]
    rows = np.repeat(np.arange(len(distinct)), [len(k) for k in distinct])
    every = np.concatenate(distinct) if distinct else np.zeros(0, dtype=np.int64)
    columns, cols = np.unique(every, return_inverse=True)
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols.ravel())), shape=(len(distinct), max(1, len(columns))))


def likely_borrower(a: Document, b: Document, a_in_b: float, b_in_a: float) -> tuple[str | None, str | None]:
    """The later article when both dates are known; else the one more contained in the other."""
    if a.published and b.published and a.published != b.published:
        return (a.id if a.published > b.published else b.id), "dates"
    if max(a_in_b, b_in_a) >= 0.1 and abs(a_in_b - b_in_a) >= 0.05:
        return (a.id if a_in_b > b_in_a else b.id), "containment"
    return None, None


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


@cache
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode()) % PRIME


def _minhash(words: Sequence[list[list[str]]], hashes: int, chunk: int = 4_000) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash signature of every sentence with at least 4 distinct content words, and the
    document each belongs to; computed for many sentences at once, a chunk at a time."""
    rng = np.random.default_rng(0)
    a = rng.integers(1, PRIME, size=hashes, dtype=np.int64)
    b = rng.integers(0, PRIME, size=hashes, dtype=np.int64)
    sentences = [sentence for document in words for sentence in document]
    owner = np.repeat(np.arange(len(words)), [len(document) for document in words])
    hashed = np.fromiter(map(_word_hash, itertools.chain.from_iterable(sentences)), dtype=np.int64)
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


def _sentence_buckets(
    words: Sequence[list[list[str]]], bands: int = LSH_BANDS, rows: int = LSH_ROWS
) -> set[tuple[int, int]]:
    """Pairs of documents holding sentences with much the same content words: MinHash over each
    sentence's stemmed content words, banded (locality-sensitive hashing), so rewrites meet in a bucket."""
    signatures, owners = _minhash(words, bands * rows)
    documents = np.int64(len(words))
    found: list[np.ndarray] = []  # each meeting of two documents in a bucket, as a * documents + b
    for band in range(bands if len(owners) else 0):
        # The band's values folded into one 64-bit key (they are below 2**31): one sort, not a
        # sort of rows.
        key = np.zeros(len(owners), dtype=np.uint64)
        for column in signatures[:, band * rows : (band + 1) * rows].T.astype(np.uint64):
            key = key * np.uint64(PRIME) + column
        _, bucket = np.unique(key, return_inverse=True)
        # Each bucket's distinct documents, in order; then the buckets of 2 to LSH_MAX_BUCKET.
        members = distinct_sorted(bucket.ravel().astype(np.int64) * documents + owners)
        bucket, owner = members // documents, members % documents
        starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
        sizes = np.diff(np.r_[starts, len(bucket)])
        pairs_of_two = starts[sizes == 2]
        found.append(owner[pairs_of_two] * documents + owner[pairs_of_two + 1])
        larger = (sizes > 2) & (sizes <= LSH_MAX_BUCKET)
        for start, size in zip(starts[larger].tolist(), sizes[larger].tolist(), strict=True):
            first, second = _TRIANGLES[size]
            group = owner[start : start + size]
            found.append(group[first] * documents + group[second])
    meetings, counts = np.unique(np.concatenate(found) if found else np.zeros(0, np.int64), return_counts=True)
    often = counts >= LSH_MIN_HITS
    meetings, counts = meetings[often], counts[often]
    hits = {
        (int(a), int(b)): int(count)
        for a, b, count in zip(meetings // documents, meetings % documents, counts, strict=True)
    }
    # Keep, for each article, the partners it meets most often: a rewrite of several sentences
    # meets its source many times; two articles on one topic meet by chance once or twice.
    partners: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for pair, count in hits.items():
        partners[pair[0]].append((count, pair))
        partners[pair[1]].append((count, pair))
    return {pair for found in partners.values() for _, pair in sorted(found, reverse=True)[:LSH_PARTNERS]}


def candidate_pairs(
    keys: Sequence[np.ndarray],
    vectors: sparse.csr_matrix | None,
    set_aside: np.ndarray,
    words: Sequence[list[list[str]]],
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs worth comparing in detail, and those that share a verbatim run.

    `keys`: each document's `run_keys`, sorted and distinct. A small corpus compares every pair; a large one only
    pairs that share rare runs (sparse product), each article's nearest neighbours by similarity, and pairs
    whose sentences meet in a MinHash bucket (rewrites), so nothing is compared word by word
    pair by pair.
    """
    n = len(keys)
    shingles = _key_matrix(keys, set_aside)
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
    keys = [run_keys(d.tokens, min_words) for d in documents]
    distinct = [distinct_sorted(k) for k in keys]
    aside = _aside_keys(boilerplate)
    candidates, sharing = candidate_pairs(distinct, vectors, aside, words)
    grams = _key_matrix([distinct_sorted(run_keys(d.stems, CONTAINMENT_NGRAM)) for d in documents])
    distinct_grams = np.asarray(grams.sum(axis=1)).ravel().tolist()
    commons = _pair_products(grams, candidates).tolist()
    cosines = np.clip(_pair_products(vectors, candidates), 0.0, 1.0).tolist()
    alignments = align_pairs(documents, candidates, sentences, align_threshold)
    pairs, rows, cols, values = [], [], [], []
    for (i, j), cosine, common in zip(candidates, cosines, commons, strict=True):
        a, b = documents[i], documents[j]
        a_in_b = common / distinct_grams[i] if distinct_grams[i] else 0.0
        b_in_a = common / distinct_grams[j] if distinct_grams[j] else 0.0
        borrower, basis = likely_borrower(a, b, a_in_b, b_in_a)
        passages = (
            _shared_runs(a, b, min_words, (keys[i], keys[j]), (distinct[i], distinct[j]), aside)
            if (i, j) in sharing
            else []
        )
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
