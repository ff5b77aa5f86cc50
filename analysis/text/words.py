"""Normalising a text without moving its offsets, and finding its words and tokens."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy as np

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


_URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")


def normalise(text: str) -> str:
    """Straight quotes and apostrophes, ASCII hyphens, plain spaces; same length as `text`."""
    # A replace per character present is some thirty times faster than str.translate with a
    # table of non-ASCII characters, and returns `text` itself when nothing changes.
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the words of `text` (of `text[start:end]`, offsets still into `text`), URLs left out."""
    end = len(text) if end is None else end
    urls = [m.span() for m in _URL_RE.finditer(text, start, end)]
    if not urls:
        return [m.span() for m in WORD_RE.finditer(text, start, end)]
    return [m.span() for m in WORD_RE.finditer(text, start, end) if not inside_any(m.start(), urls)]


def words_of(text: str) -> list[str]:
    """The words `word_spans` finds, as strings."""
    if not _URL_RE.search(text):
        return WORD_RE.findall(text)
    return [text[a:b] for a, b in word_spans(text)]


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


def match_tokens(normalised: str, start: int = 0) -> tuple[tuple[str, int, int], ...]:
    """Lower-case tokens for phrase matching: word parts, with hyphens and apostrophes as tokens
    of their own, so "rebel-held" holds "rebel" and "Assad's" holds "Assad"."""
    lowered = normalised.lower()
    if len(lowered) != len(normalised):  # a character whose lower case is longer: lower word by word
        return tuple((m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(normalised, start))
    return tuple((m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(lowered, start))
