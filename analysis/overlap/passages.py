"""Verbatim passages two articles share, maximal runs with offsets into both texts, and containment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from analysis.overlap.model import Document, SharedPassage
from analysis.overlap.settings import CONTAINMENT_NGRAM, MIN_BORROWED_WORDS, MIN_PASSAGE_WORDS, REPRINT_SIMILARITY
from analysis.overlap.words import distinct_sorted, ngrams, run_keys


def containment(a: Sequence[str], b: Sequence[str], n: int = CONTAINMENT_NGRAM) -> float:
    """Share of A's word n-grams found in B (Broder 1997); 0 when A has none."""
    a_grams = set(ngrams(a, n))
    if not a_grams:
        return 0.0
    return len(a_grams & set(ngrams(b, n))) / len(a_grams)


def aside_keys(set_aside: frozenset) -> np.ndarray:
    return distinct_sorted(np.fromiter(map(hash, set_aside), dtype=np.int64, count=len(set_aside)))


def shared_passages(
    a: Document, b: Document, min_words: int = MIN_PASSAGE_WORDS, set_aside: frozenset = frozenset()
) -> list[SharedPassage]:
    """Every maximal run of at least `min_words` words that A and B share, in A's order."""
    keys = [run_keys(a.tokens, min_words), run_keys(b.tokens, min_words)]
    return passages_of_pairs([a, b], [(0, 1)], keys, min_words, aside_keys(set_aside))[(0, 1)]


def passages_of_pairs(
    documents: Sequence[Document],
    pairs: Sequence[tuple[int, int]],
    keys: Sequence[np.ndarray],
    min_words: int,
    aside: np.ndarray,
) -> dict[tuple[int, int], list[SharedPassage]]:
    """`shared_passages` of every pair (i, j) of `documents` (A the i-th), from each document's
    `run_keys` and the sorted keys of the runs set aside."""
    partners: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        partners[i].append(j)
    live = [_live(k, aside) for k in keys]
    runs: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
    for i, js in partners.items():
        for j, first, last, diagonal in _runs_of_partners(live[i], [live[j] for j in js], js):
            runs[(i, j)].append((first, last, diagonal))
    found = {}
    for i, j in pairs:
        a, b = documents[i], documents[j]
        spans = runs.pop((i, j), [])
        if any(a.tokens[f : e + min_words] != b.tokens[f - d : e - d + min_words] for f, e, d in spans):
            # Two word runs with one hash (rare): the pair again, each match checked word for word.
            spans = _runs_by_words(a, b, min_words, live[i], live[j])
        passages = (_passage(a, b, first, last, diagonal, min_words) for first, last, diagonal in spans)
        found[(i, j)] = sorted(passages, key=lambda p: (p.a_start, p.b_start))
    return found


def _passage(a: Document, b: Document, first: int, last: int, diagonal: int, min_words: int) -> SharedPassage:
    """The passage of the word runs `first`..`last` of A, the same less `diagonal` of B."""
    a_start, a_end = a.starts[first], a.ends[last + min_words - 1]
    b_start, b_end = b.starts[first - diagonal], b.ends[last - diagonal + min_words - 1]
    words = last - first + min_words
    a_quoted, b_quoted = a.mostly_quoted(first, words), b.mostly_quoted(first - diagonal, words)
    return SharedPassage(a.text[a_start:a_end], words, a_start, a_end, b_start, b_end, a_quoted, b_quoted)


_BUCKETS = 1 << 16  # a power of two
# A document's word runs that are not set aside: their positions, and their keys.
_Live = tuple[np.ndarray, np.ndarray]


def _live(keys: np.ndarray, aside: np.ndarray) -> _Live:
    positions = np.arange(keys.size)
    if aside.size:
        positions = positions[~_in_sorted(keys, aside)]
    return positions, keys[positions]


def _in_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Whether each of `values` is in `sorted_keys`."""
    if not sorted_keys.size:
        return np.zeros(values.size, dtype=bool)
    return sorted_keys[np.minimum(np.searchsorted(sorted_keys, values), sorted_keys.size - 1)] == values


def _runs_of_partners(a: _Live, partners: Sequence[_Live], ids: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """The maximal runs of matching keys A shares with each partner, as (partner id, first i,
    last i, diagonal i - j), i a word run of A and j of the partner: all partners in one pass of
    array operations, as a loop over every word (or over every pair) was most of a large
    comparison's time."""
    a_positions, a_keys = a
    if not a_keys.size or not partners:
        return []
    order = np.argsort(a_keys, kind="stable")
    a_sorted, a_positions = a_keys[order], a_positions[order]
    sizes = [k.size for _, k in partners]
    b_positions = np.concatenate([p for p, _ in partners])
    b_keys = np.concatenate([k for _, k in partners])
    owner = np.repeat(np.arange(len(partners)), sizes)
    # A bit table of A's keys first: most of the partners' runs are in no table bucket of A's,
    # and a binary search of every run took most of the time.
    table = np.zeros(_BUCKETS, dtype=bool)
    table[a_sorted & (_BUCKETS - 1)] = True
    maybe = np.flatnonzero(table[b_keys & (_BUCKETS - 1)])
    b_positions, b_keys, owner = b_positions[maybe], b_keys[maybe], owner[maybe]
    left = np.searchsorted(a_sorted, b_keys, "left")
    counts = np.searchsorted(a_sorted, b_keys, "right") - left
    hit = np.flatnonzero(counts)
    if not hit.size:
        return []
    counts = counts[hit]
    # Each run of a partner meets every run of A with its key: A's sorted runs left..right-1.
    i = a_positions[np.repeat(left[hit] - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())]
    j = np.repeat(b_positions[hit], counts)
    k = np.repeat(owner[hit], counts)
    diagonal = i - j
    order = np.lexsort((i, diagonal, k))
    i, diagonal, k = i[order], diagonal[order], k[order]
    starts = np.ones(i.size, dtype=bool)
    starts[1:] = (k[1:] != k[:-1]) | (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)
    first = np.flatnonzero(starts)
    last = np.append(first[1:] - 1, i.size - 1)
    named = np.asarray(ids)[k[first]]
    return list(zip(named.tolist(), i[first].tolist(), i[last].tolist(), diagonal[first].tolist(), strict=True))


def _runs_by_words(
    a: Document, b: Document, min_words: int, a_live: _Live, b_live: _Live
) -> list[tuple[int, int, int]]:
    """The runs of `_runs_of_partners` for one pair, each match checked word for word."""
    positions: dict[int, list[int]] = defaultdict(list)
    for j, key in zip(*(x.tolist() for x in b_live), strict=True):
        positions[key].append(j)
    runs: dict[int, list[list[int]]] = defaultdict(list)  # diagonal i - j -> [first i, last i]
    for i, key in zip(*(x.tolist() for x in a_live), strict=True):
        for j in positions.get(key, ()):
            if a.tokens[i : i + min_words] != b.tokens[j : j + min_words]:
                continue
            spans = runs[i - j]
            if spans and spans[-1][1] == i - 1:
                spans[-1][1] = i
            else:
                spans.append([i, i])
    return [(first, last, diagonal) for diagonal, spans in runs.items() for first, last in spans]


def common_passages(
    documents: Sequence[Document],
    min_words: int,
    min_articles: int,
    similarity: Callable[[list[int]], float] | None = None,
) -> frozenset:
    """Word runs found in at least `min_articles` articles: boilerplate, not reuse, unless the
    articles that hold a run are copies of one story (`similarity` of their indices at least
    `REPRINT_SIMILARITY`): a wire story reprinted by many outlets is reuse."""
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    grams_of = [set(ngrams(document.tokens, min_words)) for document in documents]
    for grams in grams_of:
        for gram in grams:
            counts[gram] += 1
    frequent = {gram for gram, count in counts.items() if count >= min_articles}
    if similarity is None or not frequent:
        return frozenset(frequent)
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, grams in enumerate(grams_of):
        for gram in grams & frequent:
            holders[gram].append(index)
    alike: dict[tuple[int, ...], bool] = {}  # one verdict per set of holders: a footer's runs share it
    common = set()
    for gram, found in holders.items():
        key = tuple(found)
        if key not in alike:
            alike[key] = similarity(found) >= REPRINT_SIMILARITY
        if not alike[key]:
            common.add(gram)
    return frozenset(common)


def likely_borrower(
    a: Document, b: Document, a_in_b: float, b_in_a: float, copied: Sequence[SharedPassage] = ()
) -> tuple[str | None, str | None, str | None]:
    """Who took from whom, on evidence only: at least `MIN_BORROWED_WORDS` words of the outlets'
    own text copied (one shared formula, a dateline line, is no evidence; shared quotations never
    are: two outlets may quote one speaker), and the direction from publication dates, the later
    article borrowing. Without both dates the direction is unknown: length or containment alone
    said nothing reliable (the shorter article was named whatever happened).

    Returns (borrower, basis, evidence in words); the evidence is given whenever text was copied."""
    words = sum(p.words for p in copied)
    if not copied:
        return None, None, None
    own = max(a_in_b, b_in_a)
    evidence = (
        f"{len(copied)} copied passage{'s' if len(copied) != 1 else ''} ({words} words) of the outlets' own text"
        f"; own text contained {own:.0%}"
    )
    if words < MIN_BORROWED_WORDS:
        return None, None, evidence + f"; under the {MIN_BORROWED_WORDS} copied words a borrower needs"
    if a.published and b.published and a.published != b.published:
        return (a.id if a.published > b.published else b.id), "dates", evidence
    return None, None, evidence + "; direction unknown without both publication dates"
