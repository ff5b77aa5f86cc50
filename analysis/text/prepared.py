"""One pass over an article that every scorer shares: `prepare` and its `PreparedText`."""

from __future__ import annotations

import bisect
import itertools
from array import array
from dataclasses import dataclass, fields
from functools import cached_property

from analysis.text.layout import analyse_layout
from analysis.text.quotes import find_quotes
from analysis.text.records import Layout, Quote, Sentence, Span, Tokens, Words
from analysis.text.sentences import _voice, split_sentences
from analysis.text.words import match_tokens, normalise, word_bounds


@dataclass(frozen=True)
class PreparedText:
    text: str
    normalised: str
    layout: Layout
    sentences: tuple[Sentence, ...]
    words: Words
    quotes: tuple[Quote, ...]

    @property
    def headline(self) -> Span | None:
        return self.layout.headline

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def content(self) -> str:
        return self.text[self.layout.content_start :]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def __getstate__(self) -> dict:
        """What is sent between processes or cached: the fields, without what can be recomputed."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "normalised"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, normalised=normalise(state["text"]))

    @cached_property
    def tokens(self) -> Tokens:
        """The content's tokens for phrase matching, made once and shared by every word list."""
        return match_tokens(self.normalised, self.layout.content_start)

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The quotation that contains the span `start:end`, if any."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        if i >= 0 and self.quotes[i].start <= start and end <= self.quotes[i].end:
            return self.quotes[i]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None


def prepare(text: str) -> PreparedText:
    """Layout, quotations, sentences and words of `text`, with offsets into it."""
    normalised = normalise(text)
    layout = analyse_layout(text)
    quotes = find_quotes(text, layout.content_start)
    quote_spans = sorted((q.inner_start, q.inner_end) for q in quotes)
    # A quotation left open to the end of a paragraph can hold others: then each word is looked up.
    apart = all(first[1] <= second[0] for first, second in itertools.pairwise(quote_spans))
    bounds = split_sentences(normalised, layout.content_start, quotes)
    sentences: list[Sentence] = []
    lower: list[str] = []
    starts, ends, sentence_of = array("i"), array("i"), array("i")
    for index, (start, end, heading) in enumerate(bounds):
        found, word_starts, word_ends = word_bounds(normalised, start, end)
        in_headline = layout.headline is not None and start < layout.headline.end and end > layout.headline.start
        sentences.append(
            Sentence(
                index=index,
                start=start,
                end=end,
                text=text[start:end],
                voice=_voice(quote_spans, start, end, word_starts, apart),
                in_headline=in_headline,
                is_heading=heading and not in_headline,
            )
        )
        lower += map(str.lower, found)
        starts.extend(word_starts)
        ends.extend(word_ends)
        sentence_of.extend([index] * len(found))
    # One string per distinct word, so an article's hundred "the"s are stored once.
    distinct: dict[str, str] = {}
    words = Words(starts, ends, tuple(map(distinct.setdefault, lower, lower)), sentence_of)
    return PreparedText(text, normalised, layout, tuple(sentences), words, tuple(quotes))
