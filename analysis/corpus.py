"""Articles, and turning a file's bytes into one.

A file that cannot be an article is refused with a one-line reason; the rest of a batch
goes on (`analysis.readers` reads files of every kind). Outlet, author and date are taken
only from what the file states (front matter, a byline), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis.decoding import decode
from analysis.errors import RefusedInput
from analysis.limits import MAX_FILE_BYTES, MAX_SENTENCE_WORDS, MAX_TEXT_CHARS
from analysis.text import Layout, analyse_layout, find_quotes, normalise, parse_front_matter, split_sentences

__all__ = ["MAX_FILE_BYTES", "Article", "ReadResult", "Refusal", "RefusedInput", "decode"]

# Front matter keys and table columns that fill an Article's own fields; the rest is `metadata`.
KNOWN_FIELDS = frozenset(
    {"id", "title", "text", "outlet", "source", "author", "date", "published", "url", "source_file"}
)
TITLE_MAX_CHARS = 90
NO_OUTLET = "Outlet not stated"  # the group of articles that name no outlet, wherever articles are grouped
TITLE_SCAN_CHARS = 3000

_AUTHOR_SEGMENT_RE = re.compile(
    r"^(?:By\s+)?(?:[A-Z]\.\s*)+[A-Z][\w'\-]+$|^By\s+[A-Z][\w'\-.]+(?:\s+[A-Z][\w'\-.]+){0,3}$"
)
_BYLINE_RE = re.compile(r"^By\s+(?P<name>[A-Z][\w'\-.]+(?:\s+[A-Z][\w'\-.]+){0,3})\s*$")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source_file: str | None = None
    # Any other stated fields (a CSV's `lean` column, front matter keys): (name, value) pairs.
    metadata: tuple[tuple[str, str], ...] = ()

    def field(self, name: str) -> str | None:
        """A stated field by name: the named ones (outlet, author, date, url, title) or `metadata`."""
        if name in ("date", "published"):
            return self.published.isoformat() if self.published else None
        if name in ("outlet", "author", "url", "title", "id"):
            return getattr(self, name)
        return dict(self.metadata).get(name)


@dataclass(frozen=True)
class Refusal:
    id: str
    reason: str
    source_file: str | None = None


@dataclass
class FileResult:
    """What one file gave: its articles, refusals of single rows, and notes for the user."""

    articles: list[Article] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    share_read: float = 1.0  # of the file, when this is one part of a table read in parts

    @classmethod
    def joined(cls, parts: Iterable[FileResult]) -> FileResult:
        """What a file read in parts gave, as one."""
        result = cls()
        for part in parts:
            result.extend(part)
        return result

    def extend(self, other: FileResult) -> None:
        """Add what another file, or the next part of this one, gave."""
        self.articles += other.articles
        self.refusals += other.refusals
        self.notes += other.notes
        self.share_read = other.share_read


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    notes: tuple[str, ...] = ()


_SENTENCE_END_RE = re.compile(r"[.!?;:\n\u06d4\u061f\u3002\uff01\uff1f]")
# The note a text without sentence punctuation gets: it concerns readability scores alone.
READABILITY_NOTE = "its readability scores are not meaningful"


def _check_text(text: str) -> None:
    if not text.strip():
        raise RefusedInput("empty file")
    if len(text) > MAX_TEXT_CHARS:
        raise RefusedInput(f"the text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}")
    if not any(char.isalpha() for char in text):
        raise RefusedInput("no letters: nothing to analyse")


def text_warning(text: str) -> str | None:
    """Why scores of this text would mislead, if they would: a text without sentence punctuation
    (a one-line dump) is one enormous sentence, and every readability formula explodes on it."""
    parts = _SENTENCE_END_RE.split(text)
    # A stretch of more than MAX_SENTENCE_WORDS words is more than twice that many characters long:
    # most texts have none, and their words need not be counted.
    if max(map(len, parts), default=0) <= 2 * MAX_SENTENCE_WORDS:
        return None
    longest = max((len(part.split()) for part in parts), default=0)
    if longest > MAX_SENTENCE_WORDS:
        return (
            f"a stretch of {longest:,} words has no sentence ending, so {READABILITY_NOTE} "
            "(was the punctuation lost in an export?)"
        )
    return None


_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_date(value: str | None) -> dt.date | None:
    """A date written as ISO (2024-12-05, with or without a time) or spelled out (5 December 2024).

    Ambiguous numeric forms such as 05/12/2024 are not guessed: they give None.
    """
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _byline(preamble: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Outlet and author from keyword segments such as `... / Outlet/ A. Author/ Section`."""
    for i, segment in enumerate(preamble):
        if _AUTHOR_SEGMENT_RE.match(segment):
            author = re.sub(r"^By\s+", "", segment)
            outlet = preamble[i - 1] if i > 0 else None
            return outlet, author
    return None, None


def _title(text: str, layout: Layout) -> str:
    """The headline, else the first sentence that is not a heading: found in the first few
    thousand characters without preparing the text (scoring prepares it once, later)."""
    if layout.headline:
        return text[layout.headline.start : layout.headline.end].strip()
    head = text[:TITLE_SCAN_CHARS]  # the title is always near the top
    start = min(layout.content_start, len(head))
    bounds = split_sentences(normalise(head), start, find_quotes(head, start))
    first = next((head[a:b] for a, b, heading in bounds if not heading), None)
    first = first or next((head[a:b] for a, b, _ in bounds), "")
    first = " ".join(first.split())
    if len(first) <= TITLE_MAX_CHARS:
        return first
    return first[:TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def article_from_text(text: str, article_id: str, source_file: str | None = None) -> Article:
    """An article from decoded text; metadata only where the text states it."""
    _check_text(text)
    layout = analyse_layout(text)
    meta = layout.front_matter
    outlet, author = _byline(layout.preamble)
    if not author:
        author = _first_byline(text[layout.content_start :])
    return Article(
        id=article_id,
        title=meta.get("title") or _title(text, layout),
        text=with_headline(text, meta.get("title"), layout),
        outlet=meta.get("outlet") or meta.get("source") or outlet,
        author=meta.get("author") or author,
        published=parse_date(meta.get("date") or meta.get("published")),
        url=meta.get("url") or None,
        source_file=source_file,
        metadata=tuple((k, v) for k, v in meta.items() if k not in KNOWN_FIELDS and v),
    )


def with_headline(text: str, title: str | None, layout: Layout | None = None) -> str:
    """`text` with its stated title (a table's title column, front matter, the paste form, a
    document's properties) as its first line, so the title is scored as the headline with
    offsets like any other line. Unchanged when there is no title, when the text starts with it,
    or when the text has a headline of its own (an edited title does not add a second one)."""
    if not title or not title.strip():
        return text
    if (layout or analyse_layout(text)).headline is not None:  # the caller's layout, when it has one
        return text
    _, start = parse_front_matter(text)
    first = text[start:].lstrip().split("\n", 1)[0]
    if _starts_with(first, title.rstrip("\u2026")):  # a title taken from the text's own first words
        return text
    return f"{text[:start]}{' '.join(title.split())}\n\n{text[start:].lstrip()}"


def _starts_with(line: str, title: str) -> bool:
    def words(text: str) -> list[str]:
        return re.findall(r"[^\W_]+", normalise(text).lower())

    wanted = words(title)
    return words(line)[: len(wanted)] == wanted


def _first_byline(text: str) -> str | None:
    for line in text.strip().splitlines()[:3]:
        match = _BYLINE_RE.match(line.strip())
        if match:
            return match.group("name")
    return None


def check_size(size: int, limit: int = MAX_FILE_BYTES, instead: str = "") -> None:
    """Refuse a file larger than the limit, before it is opened; `instead` says what would work."""
    if size > limit:
        advice = f": {instead}" if instead else ""
        raise RefusedInput(f"file too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:,.0f} MB){advice}")


def article_from_bytes(data: bytes, article_id: str, source_file: str | None = None) -> Article:
    """An article from a file's bytes; raises `RefusedInput` with the reason."""
    check_size(len(data))
    return article_from_text(decode(data), article_id, source_file)
