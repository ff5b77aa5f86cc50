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
    keys = run_keys(a.tokens, min_words), run_keys(b.tokens, min_words)
    distinct = distinct_sorted(keys[0]), distinct_sorted(keys[1])
    return shared_runs(a, b, min_words, keys, distinct, aside_keys(set_aside))


def shared_runs(
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
            spans = runs[i - j]
            if spans and spans[-1][1] == i - 1:
                spans[-1][1] = i
            else:
                spans.append([i, i])
    passages = []
    for diagonal, spans in runs.items():
        for first, last in spans:
            a_start, a_end = a.starts[first], a.ends[last + min_words - 1]
            b_start, b_end = b.starts[first - diagonal], b.ends[last - diagonal + min_words - 1]
            words = last - first + min_words
            a_quoted, b_quoted = a.mostly_quoted(first, words), b.mostly_quoted(first - diagonal, words)
            passages.append(
                SharedPassage(a.text[a_start:a_end], words, a_start, a_end, b_start, b_end, a_quoted, b_quoted)
            )
    return sorted(passages, key=lambda p: (p.a_start, p.b_start))


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
