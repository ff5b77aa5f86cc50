"""The typed results of comparing articles, and one article as the comparison sees it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from scipy import sparse

from analysis.corpus import Article
from analysis.overlap.words import stem
from analysis.text import PreparedText


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
        return tuple(stem(token.replace("'", "")) for token in self.tokens)

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
    similarity: sparse.csr_matrix  # article by article, in the order of `ids`
    pairs: tuple[PairOverlap, ...]
    min_words: int
    boilerplate: frozenset[tuple[str, ...]]

    def pair(self, a: str, b: str) -> PairOverlap | None:
        return next((p for p in self.pairs if {p.a, p.b} == {a, b}), None)
