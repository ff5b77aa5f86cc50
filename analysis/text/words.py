"""Normalising a text without moving its offsets, and finding its words and tokens."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import accumulate

import numpy as np

from analysis.text.records import Tokens

# One-for-one replacements, so offsets stay valid.
_REPLACEMENTS = tuple(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\r": " ",
    }.items()
)


WORD_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_TOKEN_RE = re.compile(r"[^\W_]+|['\-]")
# The same patterns as one capturing group: `split` gives the text between them and the matches
# in turn, whose lengths summed give every offset without a match object per word.
_WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")


_URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")


def normalise(text: str) -> str:
    """Straight quotes and apostrophes, ASCII hyphens, plain spaces; same length as `text`."""
    # A replace per character present is some thirty times faster than str.translate with a
    # table of non-ASCII characters, and returns `text` itself when nothing changes.
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def _split_bounds(pattern: re.Pattern, text: str, start: int) -> tuple[list[str], list[int], list[int]]:
    """The matches of `pattern` (one capturing group) in `text`, with their starts and ends
    offset by `start`: what `finditer` gives, at C speed."""
    pieces = pattern.split(text)  # between, match, between, match, ..., between
    bounds = list(accumulate(map(len, pieces), initial=start))
    return pieces[1::2], bounds[1:-1:2], bounds[2::2]


def word_bounds(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[int], list[int]]:
    """The words of `text[start:end]` with their starts and ends (offsets into `text`), URLs left out."""
    end = len(text) if end is None else end
    if not _URL_RE.search(text, start, end):
        return _split_bounds(_WORD_SPLIT_RE, text[start:end], start)
    urls = [m.span() for m in _URL_RE.finditer(text, start, end)]
    kept = [m for m in WORD_RE.finditer(text, start, end) if not inside_any(m.start(), urls)]
    return [m.group() for m in kept], [m.start() for m in kept], [m.end() for m in kept]


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the words of `text` (of `text[start:end]`, offsets still into `text`), URLs left out."""
    _, starts, ends = word_bounds(text, start, end)
    return list(zip(starts, ends, strict=True))


def words_of(text: str) -> list[str]:
    """The words `word_spans` finds, as strings."""
    if not _URL_RE.search(text):
        return WORD_RE.findall(text)
    return word_bounds(text)[0]


def inside_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `offset` falls in one of `spans` (sorted by start, not overlapping)."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def offsets_inside(offsets: Sequence[int], spans: list[tuple[int, int]]) -> np.ndarray:
    """`inside_any` for every offset at once: one search in numpy instead of one call per word."""
    where = np.asarray(offsets, dtype=np.int64)
    if not spans:
        return np.zeros(len(where), dtype=bool)
    opens, closes = (np.array(side, dtype=np.int64) for side in zip(*sorted(spans), strict=True))
    k = np.searchsorted(opens, where, side="right") - 1
    return (k >= 0) & (where < closes[np.maximum(k, 0)])


def match_tokens(normalised: str, start: int = 0) -> Tokens:
    """Lower-case tokens for phrase matching: word parts, with hyphens and apostrophes as tokens
    of their own, so "rebel-held" holds "rebel" and "Assad's" holds "Assad"."""
    lowered = normalised.lower()
    if len(lowered) != len(normalised):  # a character whose lower case is longer: lower word by word
        found = list(_TOKEN_RE.finditer(normalised, start))
        return Tokens([m.group().lower() for m in found], [m.start() for m in found], [m.end() for m in found])
    return Tokens(*_split_bounds(_TOKEN_SPLIT_RE, lowered[start:], start))
