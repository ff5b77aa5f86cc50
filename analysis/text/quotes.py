"""Quotations: text between quotation marks, and embedded social-media posts with their authors."""

from __future__ import annotations

import re

from analysis.text.records import Quote
from analysis.text.words import inside_any

# English, German („…“), French and Arabic-script («…») and CJK (「…」, 『…』) quotation marks.
_OPENING_QUOTES = "\u201c\u201e\u00ab\u300c\u300e"
_CLOSING_QUOTES = "\u201d\u00bb\u300d\u300f"
# Two apostrophes (''like this'', as news archives write quotation marks) or two backquotes
# open and close like a straight double mark; tried first, so they are never read as two
# single marks or apostrophes.
_DOUBLED_MARK_RE = "''|``|\u2018\u2018|\u2019\u2019"
_QUOTE_MARK_RE = re.compile(f'{_DOUBLED_MARK_RE}|["{_OPENING_QUOTES}{_CLOSING_QUOTES}]')
# Single quotation marks, told from apostrophes by what stands around them: an opening mark
# follows a space, a bracket or the line start and comes before a letter or digit; a closing
# mark follows a letter, digit or punctuation and comes before a space, punctuation or the line
# end. "rebels' swift offensive" and "Assad's" are apostrophes: a mark between two letters, or
# after an "s" and before a lower-case word, never closes. The mark comes first in each pattern
# and what stands before it is looked behind from there, two characters wide, so the regex engine
# jumps from mark to mark instead of trying the lookbehind at every character (ten times faster;
# a test checks them equal to the patterns written lookbehind first).
_SINGLE_OPEN_RE = re.compile(r"['\u2018](?<![^\s(\[{\u2014\u2013-]['\u2018])(?=[\w\u00c0-\uffff])")
_SINGLE_CLOSE_RE = re.compile(r"['\u2019](?<=[\w.!?,;:\u2026)]['\u2019])(?=$|[\s.,;:!?)\]\u2014\u2013-])")
_POSSESSIVE_RE = re.compile(r"(?<=s)['\u2019](?=\s+[a-z])")
_ATTRIBUTION_RE = re.compile(
    r"^[ \t]*[-\u2013\u2014]{1,2}[ \t]*(?P<name>[^\n(]{1,80}?)[ \t]*"
    r"\((?P<handle>@\w{1,30})\)[ \t]*(?P<date>[^\n]*)$",
    re.MULTILINE,
)


_SOCIAL_MARKER_RE = re.compile(r"(?:^|\s)[#@]\w|https?://t\.co/|pic\.twitter\.com/")


def find_quotes(text: str, start: int = 0) -> list[Quote]:
    """Quotations in double or single quotes (straight or curly) and embedded social-media posts."""
    posts = _social_posts(text, start)
    quotes: list[Quote] = list(posts)
    post_spans = [(q.start, q.end) for q in posts]
    offset = start
    for line in text[start:].split("\n"):
        if not inside_any(offset, post_spans):
            double = _quotes_in_line(line, offset)
            quotes.extend(double)
            quotes.extend(_single_quotes_in_line(line, offset, [(q.start, q.end) for q in double]))
        offset += len(line) + 1
    return sorted(quotes, key=lambda q: q.start)


def _quotes_in_line(line: str, offset: int) -> list[Quote]:
    quotes = []
    opened: int | None = None
    width = 1  # of the opening mark: two for a doubled one
    for match in _QUOTE_MARK_RE.finditer(line):
        i, mark = match.start(), match.group()
        straight = mark == '"' or len(mark) == 2
        german_close = opened is not None and line[opened] == "\u201e" and mark == "\u201c"  # „so“
        if opened is None and (mark in _OPENING_QUOTES or straight):
            opened, width = i, len(mark)
        elif opened is not None and (mark in _CLOSING_QUOTES or straight or german_close):
            inner_start, inner_end = _inside(line, opened + width, i)
            quotes.append(
                Quote(offset + opened, match.end() + offset, offset + inner_start, offset + inner_end, "quote")
            )
            opened = None
    if opened is not None:  # a quotation that runs on to the next paragraph
        end = len(line.rstrip())
        if end > opened + width:
            quotes.append(Quote(offset + opened, offset + end, offset + opened + width, offset + end, "quote"))
    return quotes


def _inside(line: str, start: int, end: int) -> tuple[int, int]:
    """A quotation's words without the spaces French and Arabic-script marks stand apart by (« so »)."""
    while start < end and line[start] in " \u00a0\u202f":
        start += 1
    while end > start and line[end - 1] in " \u00a0\u202f":
        end -= 1
    return start, end


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


def _single_quotes_in_line(line: str, offset: int, taken: list[tuple[int, int]]) -> list[Quote]:
    """Quotations in single marks (\u2018Jail!\u2019, 'Outrageous Distortion'), outside double-quoted ones."""
    opens = [m.start() for m in _SINGLE_OPEN_RE.finditer(line) if not inside_any(offset + m.start(), taken)]
    closes = [
        m.start()
        for m in _SINGLE_CLOSE_RE.finditer(line)
        if not inside_any(offset + m.start(), taken) and not _POSSESSIVE_RE.match(line, m.start())
    ]
    quotes, after = [], -1
    for opened in opens:
        if opened <= after:
            continue
        close = next((c for c in closes if c > opened + 1), None)
        if close is None:
            break
        quotes.append(Quote(offset + opened, offset + close + 1, offset + opened + 1, offset + close, "quote"))
        after = close
    return quotes
