"""Articles, and turning a file's bytes into one.

A file that cannot be an article is refused with a one-line reason; the rest of a batch
goes on (`analysis.readers` reads files of every kind). Outlet, author and date are taken
only from what the file states (front matter, a byline), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.text import analyse_layout, prepare

MAX_FILE_BYTES = 5 * 1024 * 1024
# More than one control character in this many is binary data, not text with a few strays.
BINARY_CONTROL_SHARE = 20
TITLE_MAX_CHARS = 90
TITLE_SCAN_CHARS = 3000

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_AUTHOR_SEGMENT_RE = re.compile(
    r"^(?:By\s+)?(?:[A-Z]\.\s*)+[A-Z][\w'\-]+$|^By\s+[A-Z][\w'\-.]+(?:\s+[A-Z][\w'\-.]+){0,3}$"
)
_BYLINE_RE = re.compile(r"^By\s+(?P<name>[A-Z][\w'\-.]+(?:\s+[A-Z][\w'\-.]+){0,3})\s*$")


class RefusedInput(ValueError):
    """Raised with a one-line reason when a file cannot be read as an article."""


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


@dataclass(frozen=True)
class Refusal:
    id: str
    reason: str
    source_file: str | None = None


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...] = ()
    refusals: tuple[Refusal, ...] = ()


def decode(data: bytes) -> str:
    """Text of a file: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252, else latin-1."""
    if not data.strip():
        raise RefusedInput("empty file")
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise RefusedInput("could not be decoded as UTF-16") from error
    elif b"\x00" in data:
        raise RefusedInput("binary file, not text")
    else:
        text = _decode_8bit(data)
    text = text.removeprefix("\ufeff")
    if len(_CONTROL_RE.findall(text)) > max(2, len(text) // BINARY_CONTROL_SHARE):
        raise RefusedInput("binary file, not text")
    # Stray control characters (legacy encodings of dashes and quotes) become spaces, one for one.
    return _CONTROL_RE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode_8bit(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _check_text(text: str) -> None:
    if not text.strip():
        raise RefusedInput("empty file")
    if not any(char.isalpha() for char in text):
        raise RefusedInput("no letters: nothing to analyse")


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


def _title(text: str) -> str:
    prepared = prepare(text[:TITLE_SCAN_CHARS])  # the title is always near the top
    if prepared.headline:
        return text[prepared.headline.start : prepared.headline.end].strip()
    first = next((s.text for s in prepared.sentences if not s.is_heading), None)
    first = first or next((s.text for s in prepared.sentences), "")
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
        title=meta.get("title") or _title(text),
        text=text,
        outlet=meta.get("outlet") or meta.get("source") or outlet,
        author=meta.get("author") or author,
        published=parse_date(meta.get("date") or meta.get("published")),
        url=meta.get("url") or None,
        source_file=source_file,
    )


def _first_byline(text: str) -> str | None:
    for line in text.strip().splitlines()[:3]:
        match = _BYLINE_RE.match(line.strip())
        if match:
            return match.group("name")
    return None


def article_from_bytes(data: bytes, article_id: str, source_file: str | None = None) -> Article:
    """An article from a file's bytes; raises `RefusedInput` with the reason."""
    if len(data) > MAX_FILE_BYTES:
        raise RefusedInput(f"file too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    return article_from_text(decode(data), article_id, source_file)
