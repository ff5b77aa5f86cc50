"""What stands at the top of a text: front matter, a keyword or byline preamble, the headline."""

from __future__ import annotations

import re

from analysis.text.records import Layout, Span

_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)


HEADLINE_MAX_WORDS = 25


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


# Words a title leaves in lower case ("Reaches U.S. Border of the City").
_MINOR_WORDS = frozenset("a an and as at but by for from in into of on or over per the to up via with vs".split())
# Share of a title's other words that begin with a capital: a headline in title case.
TITLE_CASE_SHARE = 0.7


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", line) if w.lower() not in _MINOR_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _is_headline(line: str, has_more: bool, blank_after: bool) -> bool:
    """A first line that is short and followed by more text. One ending with a full stop is a
    headline only when it is in title case and a blank line follows it ("Migrant Caravan of
    Asylum Seekers Reaches U.S. Border."); a sentence-case lede with a full stop is not."""
    words = line.split()
    if not has_more or not 0 < len(words) <= HEADLINE_MAX_WORDS:
        return False
    return not line.endswith(".") or (blank_after and _title_case(line))


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
    blank_after = bool(re.match(r"[ \t]*\n[ \t]*\n", text[line_end:]))
    headline = Span(line_start, line_end) if _is_headline(line, has_more, blank_after) else None
    return Layout(line_start, front_matter, (), headline)
