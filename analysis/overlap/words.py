"""Words as the comparison reads them: stems, content words and hashed word runs."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import cache

import numpy as np

from analysis.overlap.settings import MIN_SHARED_CONTENT_WORDS, PRIME
from analysis.text import words_of
from analysis.text.stop_words import ENGLISH_STOP_WORDS


@cache
def _stemmer():
    from nltk.stem.porter import PorterStemmer  # here: NLTK takes a second to import; scoring needs none of it

    return PorterStemmer()


@cache
def stem(word: str) -> str:
    return _stemmer().stem(word)


@cache
def content_form(word: str) -> str | None:
    """The stemmed form alignment compares, or None for a stop word, a number or a single letter."""
    word = word.replace("'", "")
    if word in ENGLISH_STOP_WORDS or word.isdigit() or len(word) <= 1:
        return None
    return stem(word)


def content_words(text: str) -> list[str]:
    """Lower-case stemmed words without English stop words: what paraphrase alignment compares."""
    return [form for form in map(content_form, words_of(text.lower())) if form]


def names(text: str) -> frozenset[str]:
    """Content forms of the capitalised words after a sentence's first word: names and places."""
    found: set[str] = set()
    for word in words_of(text)[1:]:
        if word[:1].isupper():
            found.update(content_words(word))
    return frozenset(found)


def shares_content(
    words_a: frozenset[str],
    words_b: frozenset[str],
    names_a: frozenset[str],
    names_b: frozenset[str],
    minimum: int = MIN_SHARED_CONTENT_WORDS,
) -> bool:
    """`rests_on_content` for sentences whose content words and names are already known."""
    common = words_a & words_b
    return len(common) >= minimum and bool(common - names_a - names_b)


def rests_on_content(a: str, b: str, minimum: int = MIN_SHARED_CONTENT_WORDS) -> bool:
    """Whether two sentences share at least `minimum` content words, one of them not a name: a
    sentence pair that shares one common word ("dangerous"), or names and places alone, is not a
    paraphrase however high its cosine."""
    return shares_content(frozenset(content_words(a)), frozenset(content_words(b)), names(a), names(b), minimum)


def as_given(words: list[str]) -> list[str]:
    return words


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


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


def own_runs(quoted: Sequence[bool], n: int) -> np.ndarray:
    """For each run of `n` tokens (as in `run_keys`), whether none of its tokens is quoted."""
    count = max(0, len(quoted) - n + 1)
    if not any(quoted):
        return np.ones(count, dtype=bool)
    inside = np.concatenate([[0], np.cumsum(np.asarray(quoted, dtype=np.int64))])
    return (inside[n : n + count] - inside[:count]) == 0


@cache
def word_hash(word: str) -> int:
    return zlib.crc32(word.encode()) % PRIME
