"""One pass over an article's text that every scorer shares.

`prepare` finds where the content starts (after front matter or a keyword/byline
preamble), the headline, sentences, words and the spans that are quotation. Every
offset points into the original text: the normalised text has exactly the same
length, so a hit found in one can be highlighted in the other.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Literal, NamedTuple

Voice = Literal["own", "quoted", "mixed"]
QuoteKind = Literal["quote", "social_post"]

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

_OPENING_QUOTES = "\u201c\u201e\u00ab"
_CLOSING_QUOTES = "\u201d\u00bb"
_QUOTE_MARK_RE = re.compile(f'["{_OPENING_QUOTES}{_CLOSING_QUOTES}]')

WORD_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_TOKEN_RE = re.compile(r"[^\W_]+|['\-]")
_URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")
_ATTRIBUTION_RE = re.compile(
    r"^[ \t]*[-\u2013\u2014]{1,2}[ \t]*(?P<name>[^\n(]{1,80}?)[ \t]*"
    r"\((?P<handle>@\w{1,30})\)[ \t]*(?P<date>[^\n]*)$",
    re.MULTILINE,
)
_SOCIAL_MARKER_RE = re.compile(r"(?:^|\s)[#@]\w|https?://t\.co/|pic\.twitter\.com/")
_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_BULLET_RE = re.compile(r"[-*\u2022][ \t]+")
_BOUNDARY_RE = re.compile(r"[.!?]+['\")\]]*(?=\s+['\"(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cpt maj adm gov sen rep st jr sr inc ltd co corp
    vs etc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e
    a.m p.m mt ft rev hon pres""".split()
)

HEADLINE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12


class Compact:
    """Base of the slotted records an article holds by the hundred: pickled as the class and its
    field values and rebuilt by the constructor (dataclasses' own pickling of a slotted class
    looks its fields up again for every object, which made reading ten thousand articles'
    scores back from worker processes take longer than scoring them)."""

    __slots__ = ()

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


@dataclass(frozen=True)
class Layout:
    """Where the readable content of a text starts and what comes before it."""

    content_start: int
    front_matter: dict[str, str]
    preamble: tuple[str, ...]
    headline: Span | None


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
    def tokens(self) -> tuple[tuple[str, int, int], ...]:
        """The content's tokens for phrase matching, made once and shared by every word list."""
        return match_tokens(self.normalised, self.layout.content_start)

    @cached_property
    def token_words(self) -> list[str]:
        return [token for token, _, _ in self.tokens]

    @cached_property
    def token_positions(self) -> dict[str, list[int]]:
        """Where each distinct token occurs: every word list looks up its phrases' first words here
        instead of reading all the tokens again."""
        positions: dict[str, list[int]] = {}
        for i, token in enumerate(self.token_words):
            positions.setdefault(token, []).append(i)
        return positions

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
    return [m.span() for m in WORD_RE.finditer(text, start, end) if not _inside_any(m.start(), urls)]


def words_of(text: str) -> list[str]:
    """The words `word_spans` finds, as strings."""
    if not _URL_RE.search(text):
        return WORD_RE.findall(text)
    return [text[a:b] for a, b in word_spans(text)]


def _inside_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `offset` falls in one of `spans` (sorted by start, not overlapping)."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def match_tokens(normalised: str, start: int = 0) -> tuple[tuple[str, int, int], ...]:
    """Lower-case tokens for phrase matching: word parts, with hyphens and apostrophes as tokens
    of their own, so "rebel-held" holds "rebel" and "Assad's" holds "Assad"."""
    lowered = normalised.lower()
    if len(lowered) != len(normalised):  # a character whose lower case is longer: lower word by word
        return tuple((m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(normalised, start))
    return tuple((m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(lowered, start))


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """`key: value` lines between `---` fences at the top, and where the text after them starts."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, 0
    fields = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, match.end()


def _first_line(text: str, start: int) -> tuple[int, int]:
    """Bounds of the first non-blank line at or after `start`."""
    while True:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if text[start:end].strip() or end >= len(text):
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            return start + lead, start + len(text[start:end].rstrip())
        start = end + 1


def _is_preamble_segment(segment: str) -> bool:
    words = segment.split()
    return 0 < len(words) <= 8 and not segment.rstrip().endswith((".", "!", "?"))


def _split_preamble(line: str) -> tuple[list[str], int]:
    """Keyword/byline segments such as `Tag one/ Tag two/ Outlet/ A. Author/ First sentence`.

    Returns the segments and the offset in `line` where the text after them starts; no
    segments when the line is not such a preamble (fewer than three short segments).
    """
    parts = [m for m in re.finditer(r"[^/]+(?:/|$)", line)]
    segments: list[str] = []
    content_offset = 0
    for part in parts:
        piece = part.group()
        if not piece.endswith("/"):
            break
        if not _is_preamble_segment(piece[:-1]):
            break
        segments.append(piece[:-1].strip())
        content_offset = part.end()
    if len(segments) < 3:
        return [], 0
    rest = line[content_offset:]
    return segments, content_offset + (len(rest) - len(rest.lstrip()))


def _is_headline(line: str, has_more: bool) -> bool:
    words = line.split()
    return has_more and 0 < len(words) <= HEADLINE_MAX_WORDS and not line.endswith(".")


def analyse_layout(text: str) -> Layout:
    """Front matter, preamble and headline at the top of `text`."""
    front_matter, start = parse_front_matter(text)
    line_start, line_end = _first_line(text, start)
    segments, offset = _split_preamble(text[line_start:line_end])
    if segments:
        content_start = line_start + offset
        if content_start >= line_end:
            content_start = _first_line(text, line_end)[0]
        return Layout(content_start, front_matter, tuple(segments), None)
    line = text[line_start:line_end]
    has_more = bool(text[line_end:].strip())
    headline = Span(line_start, line_end) if _is_headline(line, has_more) else None
    return Layout(line_start, front_matter, (), headline)


def find_quotes(text: str, start: int = 0) -> list[Quote]:
    """Quotations in double quotes (straight or curly) and embedded social-media posts."""
    posts = _social_posts(text, start)
    quotes: list[Quote] = list(posts)
    post_spans = [(q.start, q.end) for q in posts]
    offset = start
    for line in text[start:].split("\n"):
        if not _inside_any(offset, post_spans):
            quotes.extend(_quotes_in_line(line, offset))
        offset += len(line) + 1
    return sorted(quotes, key=lambda q: q.start)


def _quotes_in_line(line: str, offset: int) -> list[Quote]:
    quotes = []
    opened: int | None = None
    for match in _QUOTE_MARK_RE.finditer(line):
        i, char = match.start(), match.group()
        if opened is None and (char in _OPENING_QUOTES or char == '"'):
            opened = i
        elif opened is not None and (char in _CLOSING_QUOTES or char == '"'):
            quotes.append(Quote(offset + opened, offset + i + 1, offset + opened + 1, offset + i, "quote"))
            opened = None
    if opened is not None:  # a quotation that runs on to the next paragraph
        end = len(line.rstrip())
        if end > opened + 1:
            quotes.append(Quote(offset + opened, offset + end, offset + opened + 1, offset + end, "quote"))
    return quotes


def _social_posts(text: str, start: int) -> list[Quote]:
    """An attribution line `- Name (@handle) date` and the post lines just above it."""
    posts = []
    floor = start
    for match in _ATTRIBUTION_RE.finditer(text, start):
        lines = _lines_above(text, match.start(), floor)
        if not lines:
            continue
        first = lines[0]
        for candidate in lines[1:]:
            if not _SOCIAL_MARKER_RE.search(text[candidate[0] : candidate[1]]):
                break
            first = candidate
        inner_start, inner_end = first[0], lines[0][1]
        posts.append(
            Quote(
                inner_start,
                match.end(),
                inner_start,
                inner_end,
                "social_post",
                author=match.group("name").strip(),
                handle=match.group("handle"),
            )
        )
        floor = match.end()
    return posts


def _lines_above(text: str, position: int, floor: int) -> list[tuple[int, int]]:
    """Non-blank lines above `position` (nearest first), stopping at a blank line or `floor`."""
    lines = []
    end = position - 1
    while end > floor:
        start = text.rfind("\n", floor, end) + 1
        start = max(start, floor)
        if not text[start:end].strip():
            break
        lines.append((start, end))
        end = start - 1
    return lines


def split_sentences(normalised: str, start: int, quotes: list[Quote]) -> list[tuple[int, int, bool]]:
    """Sentence bounds `(start, end, is_heading)` from `start` on; one line is never two paragraphs."""
    quote_spans = [(q.start, q.end) for q in quotes]
    attributions = {(q.inner_end, q.end) for q in quotes if q.kind == "social_post"}
    result = []
    offset = start
    for line in normalised[start:].split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        if not line.strip() or _is_attribution(line_start, line_end, attributions):
            continue
        lead = len(line) - len(line.lstrip())
        bullet = _BULLET_RE.match(line, lead)
        body_start = line_start + (bullet.end() if bullet else lead)
        body_end = line_start + len(line.rstrip())
        pieces = _split_line(normalised, body_start, body_end, quote_spans)
        heading = len(pieces) == 1 and _looks_like_heading(normalised[body_start:body_end])
        result.extend((a, b, heading) for a, b in pieces)
    return result


def _is_attribution(start: int, end: int, attributions: set[tuple[int, int]]) -> bool:
    return any(a_start <= start + 1 and end <= a_end for a_start, a_end in attributions)


def _looks_like_heading(line: str) -> bool:
    return len(line.split()) <= HEADING_MAX_WORDS and not line.rstrip().endswith((".", ":", '"', ","))


def _split_line(text: str, start: int, end: int, quote_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = []
    piece_start = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        cut = match.end()
        if _inside_any(match.start(), quote_spans) and _inside_any(cut, quote_spans):
            continue
        if _ends_with_abbreviation(text, piece_start, match.start()):
            continue
        pieces.append((piece_start, cut))
        piece_start = cut + (len(text[cut:end]) - len(text[cut:end].lstrip()))
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    token = text[start:dot].rsplit(None, 1)[-1] if text[start:dot].strip() else ""
    token = token.lstrip("(\"'").lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _voice(spans: list[tuple[int, int]], start: int, end: int, word_offsets: list[tuple[int, int]]) -> Voice:
    """Whether the words between `start` and `end` are all, some or none inside quotation `spans`
    (sorted and apart, so their ends are sorted too)."""
    last = bisect.bisect_left(spans, (end,)) - 1
    if last < 0 or spans[last][1] <= start:
        return "own"
    inside = [_inside_any(w_start, spans) for w_start, _ in word_offsets]
    if inside and all(inside):
        return "quoted"
    return "mixed" if any(inside) else "own"


def prepare(text: str) -> PreparedText:
    """Layout, quotations, sentences and words of `text`, with offsets into it."""
    normalised = normalise(text)
    layout = analyse_layout(text)
    quotes = find_quotes(text, layout.content_start)
    quote_spans = sorted((q.inner_start, q.inner_end) for q in quotes)
    bounds = split_sentences(normalised, layout.content_start, quotes)
    sentences: list[Sentence] = []
    spans: list[tuple[int, int]] = []
    sentence_of = array("i")
    for index, (start, end, heading) in enumerate(bounds):
        offsets = word_spans(normalised, start, end)
        in_headline = layout.headline is not None and start < layout.headline.end and end > layout.headline.start
        sentences.append(
            Sentence(
                index=index,
                start=start,
                end=end,
                text=text[start:end],
                voice=_voice(quote_spans, start, end, offsets),
                in_headline=in_headline,
                is_heading=heading and not in_headline,
            )
        )
        spans += offsets
        sentence_of.extend([index] * len(offsets))
    lower = [normalised[a:b].lower() for a, b in spans]
    # One string per distinct word, so an article's hundred "the"s are stored once.
    distinct: dict[str, str] = {}
    words = Words(
        array("i", [a for a, _ in spans]),
        array("i", [b for _, b in spans]),
        tuple(map(distinct.setdefault, lower, lower)),
        sentence_of,
    )
    return PreparedText(text, normalised, layout, tuple(sentences), words, tuple(quotes))
