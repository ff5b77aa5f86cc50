"""Sentence bounds that respect quotations, abbreviations, bullets and headings, and their voice."""

from __future__ import annotations

import bisect
import re

from analysis.text.records import Quote, Voice
from analysis.text.words import inside_any

_BULLET_RE = re.compile(r"[-*\u2022][ \t]+")
# The next sentence may open with a quotation mark, doubled in news archives (''Yes'' or ``Yes'').
# Tried only where a run of stops begins, and taken whole (possessive): a line of ten thousand
# full stops is read once, not once from each of them.
# Scripts without capitals end a sentence with their own stops (Arabic-script \u06d4 and \u061f,
# CJK \u3002, full-width ! and ?): a boundary wherever text follows, spaced or not.
_BOUNDARY_RE = re.compile(
    r"(?<![.!?])[.!?]++['\")\]]*+(?=\s+['\"(\[`]{0,2}[A-Z0-9])"
    r"|[\u06d4\u061f\u3002\uff01\uff1f]++['\")\]\u2019\u201d\u00bb\u300d\u300f]*+(?=\s*\S)"
)
# Titles and abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof gen col lt sgt capt cpt maj adm gov govs sen sens rep reps st jr sr
    inc ltd co corp vs etc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
    e.g i.e a.m p.m mt ft rev hon pres supt det insp cmdr brig lt.col""".split()
)
# Initials such as "O.J." or "U.S.A.": letters each followed by a full stop.
_INITIALS_RE = re.compile(r"^(?:[a-z]\.)+[a-z]$")
# A quoted question or exclamation followed by its attribution is one sentence:
# '"...in honor of the city?" Mr. Trump was quoted as saying.'
_ATTRIBUTION_AFTER_RE = re.compile(
    r"\s+(?:[A-Z][\w.'-]*\s+){0,4}(?:said|says|asked|asks|added|told|wrote|replied|"
    r"shouted|was quoted|is quoted|tweeted|posted|declared|insisted|exclaimed)\b"
)

HEADING_MAX_WORDS = 12


def split_sentences(normalised: str, start: int, quotes: list[Quote]) -> list[tuple[int, int, bool]]:
    """Sentence bounds `(start, end, is_heading)` from `start` on; one line is never two paragraphs."""
    quote_spans = [(q.start, q.end) for q in quotes]
    attributions = {(q.inner_end, q.end) for q in quotes if q.kind == "social_post"}
    result: list[tuple[int, int, bool]] = []
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
        if _ends_with_abbreviation(text, piece_start, match.start()):
            continue
        if (
            match.group().rstrip("'\")]")[-1] in "?!"
            and match.group()[-1] in "'\""
            and _ATTRIBUTION_AFTER_RE.match(text, cut, end)
        ):
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
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or bool(_INITIALS_RE.match(token))


def _voice(spans: list[tuple[int, int]], start: int, end: int, word_starts: list[int], apart: bool = False) -> Voice:
    """Whether the words between `start` and `end` are all, some or none inside quotation `spans`
    (sorted by start; a word belongs to the last span that starts at or before it). `apart`: no
    two spans overlap, so their ends are sorted too and the words inside can be counted."""
    last = bisect.bisect_left(spans, (end,)) - 1
    if last < 0 or spans[last][1] <= start:
        return "own"
    if apart:  # the words inside each span that reaches into the sentence, by bisection: no test per word
        inside = 0
        while last >= 0 and spans[last][1] > start:
            opening, closing = spans[last]
            inside += bisect.bisect_left(word_starts, closing) - bisect.bisect_left(word_starts, opening)
            last -= 1
        if inside and inside == len(word_starts):
            return "quoted"
        return "mixed" if inside else "own"
    found = [inside_any(w_start, spans) for w_start in word_starts]
    if found and all(found):
        return "quoted"
    return "mixed" if any(found) else "own"
