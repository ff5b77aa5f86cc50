"""The typed results of comparing articles, and one article as the comparison sees it."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from scipy import sparse

from analysis.corpus import Article
from analysis.overlap.words import content_form, content_words, names, stem
from analysis.text import PreparedText, prepare
from analysis.text.words import offsets_inside


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
    published: dt.date | None = None
    # Whether each token stands inside a quotation: the outlet's own text is the rest.
    quoted: tuple[bool, ...] = ()
    outlet: str | None = None

    # What the comparison reads of each document is made on first use, or all at once by
    # `with_facts` (in a worker process, so that a large corpus makes them on every core).

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(token.replace("'", "")) for token in self.tokens)

    @cached_property
    def content_forms(self) -> tuple[list[str], list[str]]:
        """The stemmed content words from `content_start` on: all of them, and those outside quotations."""
        every, own = [], []
        quoted = self.quoted or itertools.repeat(False)
        for token, start, inside in zip(self.tokens, self.starts, quoted, strict=False):  # `quoted` may repeat
            if start >= self.content_start and (form := content_form(token)):
                every.append(form)
                if not inside:
                    own.append(form)
        return every, own

    @cached_property
    def sentence_words(self) -> tuple[list[str], ...]:
        """Each sentence's stemmed content words: what alignment and MinHash compare."""
        return tuple(content_words(self.text[start:end]) for start, end in self.sentences)

    @cached_property
    def sentence_names(self) -> tuple[frozenset[str], ...]:
        """Each sentence's names and places (`words.names`): shared alone, they make no paraphrase."""
        return tuple(names(self.text[start:end]) for start, end in self.sentences)

    def names_of(self, sentence: int) -> frozenset[str]:
        """One sentence's `sentence_names`: from those already made, else made for it alone (a
        comparison in this process checks only some sentences)."""
        made = self.__dict__.get("sentence_names")
        if made is not None:
            return made[sentence]
        start, end = self.sentences[sentence]
        return names(self.text[start:end])

    def with_facts(self) -> Document:
        """This document with all the above made now."""
        for fact in ("stems", "content_forms", "sentence_words", "sentence_names"):
            getattr(self, fact)
        return self

    def own(self, first: int, count: int) -> bool:
        """Whether the `count` tokens from `first` are all the outlet's own words."""
        return not any(self.quoted[first : first + count])

    def mostly_quoted(self, first: int, count: int) -> bool:
        """Whether at least half of the `count` tokens from `first` stand inside quotations."""
        return 2 * sum(self.quoted[first : first + count]) >= count > 0

    @classmethod
    def of(cls, article: Article) -> Document:
        return cls.from_prepared(article, prepare(article.text))

    @classmethod
    def from_prepared(cls, article: Article, prepared: PreparedText) -> Document:
        spans = [(q.inner_start, q.inner_end) for q in prepared.quotes]
        return cls(
            id=article.id,
            text=article.text,
            tokens=prepared.words.lower,
            starts=prepared.words.starts,
            ends=prepared.words.ends,
            sentences=tuple((s.start, s.end) for s in prepared.sentences if not s.is_heading),
            content_start=prepared.layout.content_start,
            published=article.published,
            quoted=tuple(offsets_inside(prepared.words.starts, spans).tolist()),
            outlet=article.outlet,
        )


@dataclass(frozen=True)
class SharedPassage:
    text: str
    words: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_quoted: bool = False  # whether the passage stands (mostly) inside a quotation in A
    b_quoted: bool = False

    @property
    def kind(self) -> str:
        """ "quotation" when both articles quote it (two outlets quoting one speaker), else
        "copied": outlet text in at least one of them."""
        return "quotation" if self.a_quoted and self.b_quoted else "copied"


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
    a_in_b: float  # containment of A's own text (quotations left out) in B's own text
    b_in_a: float
    shared_passages: tuple[SharedPassage, ...]
    aligned_sentences: tuple[AlignedSentence, ...]
    likely_borrower: str | None
    borrower_basis: str | None  # "dates", or None: no borrower named (see borrower_evidence)
    a_in_b_with_quotes: float = 0.0  # the same on whole texts, quotations included
    b_in_a_with_quotes: float = 0.0
    borrower_evidence: str | None = None  # what the verdict rests on, in words
    similarity_with_quotes: float = 0.0  # `similarity` is of the outlets' own text, quotations left out

    @property
    def copied(self) -> tuple[SharedPassage, ...]:
        return tuple(p for p in self.shared_passages if p.kind == "copied")

    @property
    def quotations(self) -> tuple[SharedPassage, ...]:
        return tuple(p for p in self.shared_passages if p.kind == "quotation")


@dataclass(frozen=True)
class ReprintMember:
    id: str
    outlet: str | None
    published: dt.date | None
    own_share: float  # the most of its own text found in one other member


@dataclass(frozen=True)
class ReprintCluster:
    """Copies of one story (`analysis.overlap.reprints`)."""

    members: tuple[ReprintMember, ...]  # earliest first; undated after the dated, by id


@dataclass(frozen=True)
class OverlapResult:
    ids: tuple[str, ...]
    similarity: sparse.csr_matrix  # article by article, in the order of `ids`
    pairs: tuple[PairOverlap, ...]
    min_words: int
    boilerplate: frozenset[tuple[str, ...]]
    clusters: tuple[ReprintCluster, ...] = ()  # copies of one story
    reprinted: dict[str, float | None] = field(default_factory=dict)  # article -> own text taken from another outlet

    def pair(self, a: str, b: str) -> PairOverlap | None:
        return next((p for p in self.pairs if {p.a, p.b} == {a, b}), None)
