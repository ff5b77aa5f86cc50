"""The typed pieces of a prepared text: spans, quotations, sentences, words and layout."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

Voice = Literal["own", "quoted", "mixed"]
QuoteKind = Literal["quote", "social_post"]


class Compact:
    """Base of the slotted records an article holds by the hundred: pickled as the class and its
    field values and rebuilt by the constructor (dataclasses' own pickling of a slotted class
    looks its fields up again for every object, which made reading ten thousand articles'
    scores back from worker processes take longer than scoring them)."""

    __slots__: tuple[str, ...] = ()

    def __reduce__(self) -> tuple:
        return self.__class__, tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Span(Compact):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote(Compact):
    """A quotation: `start`/`end` include the marks (or a post's attribution line)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: QuoteKind
    author: str | None = None
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence(Compact):
    index: int
    start: int
    end: int
    text: str
    voice: Voice
    in_headline: bool = False
    is_heading: bool = False


class Word(NamedTuple):
    start: int
    end: int
    lower: str
    sentence: int


@dataclass(frozen=True)
class Words:
    """An article's words as columns, so that ten thousand articles' millions of words stay light
    to hold, send between processes and cache; iterating yields `Word`s."""

    starts: array
    ends: array
    lower: tuple[str, ...]
    sentence: array

    def __len__(self) -> int:
        return len(self.lower)

    def __iter__(self) -> Iterator[Word]:
        return map(Word, self.starts, self.ends, self.lower, self.sentence)

    def __getitem__(self, i: int) -> Word:
        return Word(self.starts[i], self.ends[i], self.lower[i], self.sentence[i])


class Tokens(NamedTuple):
    """A text's tokens for phrase matching (`analysis.text.match_tokens`) as columns: each
    token's lower-case text, start and end."""

    words: list[str]
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True)
class Layout:
    """Where the readable content of a text starts and what comes before it."""

    content_start: int
    front_matter: dict[str, str]
    preamble: tuple[str, ...]
    headline: Span | None
