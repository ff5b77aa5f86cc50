"""Files that hold many articles, as news databases export them: Nexis Uni (one DOCX or PDF of
up to 100 articles) and the older nexis.com text export.

Split the way the R package LexisNexisTools does: Nexis Uni articles end at a line "End of
Document", the cover page (search terms, result counts) before the first article is dropped,
each article's header gives its headline, outlet, date, `Length:`, `Byline:` and `Section:`,
and its text runs from the line "Body" to "Load-Date:". nexis.com exports start each article
at "N of M DOCUMENTS" (outlet, date and headline first, then `BYLINE:`, `SECTION:`,
`LENGTH:`) and end it at "LOAD-DATE:" or "LANGUAGE:". An article that cannot be read is
refused on its own; the others go through.
"""

from __future__ import annotations

import re

from analysis.corpus import Article, FileResult, Refusal, parse_date

# Line patterns allow spaces and tabs around the words, never line breaks: `\s*` under MULTILINE
# would run over every blank line below each start of line, and time would grow with its square.
_END = re.compile(r"^[ \t]*End of Document[ \t]*$", re.MULTILINE)
_NEXIS_COM = re.compile(r"^[ \t]*\d+ of \d+ DOCUMENTS[ \t]*$", re.MULTILINE | re.IGNORECASE)
_BODY = re.compile(r"^[ \t]*Body[ \t]*$", re.MULTILINE)
_DATE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}"
)
_FIELD = re.compile(r"^(Length|Byline|Section|Dateline|LENGTH|BYLINE|SECTION|DATELINE):\s*(.*)$")
_BODY_ENDS = ("load-date:", "language:", "classification", "graphic:", "publication-type:", "subject:")


def is_export(text: str) -> bool:
    """Whether a file's text is a Nexis Uni or nexis.com export of several articles."""
    return bool(_END.search(text) and _BODY.search(text)) or len(_NEXIS_COM.findall(text)) >= 1


def split_export(text: str, name: str) -> FileResult:
    """The articles of a Nexis Uni or nexis.com export, each with its stated fields."""
    result = FileResult()
    if _NEXIS_COM.search(text):
        chunks = [c for c in _NEXIS_COM.split(text)[1:] if c.strip()]
        read = _nexis_com_article
    else:
        chunks = [c for c in _END.split(text) if c.strip() and _BODY.search(c)]
        read = _nexis_uni_article
    for number, chunk in enumerate(chunks, start=1):
        article_id = f"{name}#{number}"
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        try:
            result.articles.append(read(lines, article_id, name))
        except ValueError as error:
            result.refusals.append(Refusal(article_id, f"article {number}: {error}", name))
    result.notes.append(f"{name}: a database export, split into {len(chunks)} articles")
    return result


def _fields(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = _FIELD.match(line)
        if match:
            found[match.group(1).lower()] = match.group(2).strip()
    return found


def _body(lines: list[str]) -> list[str]:
    end = next((i for i, line in enumerate(lines) if line.lower().startswith(_BODY_ENDS)), len(lines))
    return lines[:end]


def _article(
    article_id: str,
    name: str,
    headline: str,
    outlet: str | None,
    date_line: str | None,
    fields: dict[str, str],
    body: list[str],
) -> Article:
    if not body:
        raise ValueError("no text after its header")
    day = _DATE.search(date_line or "")
    metadata = tuple((key, fields[key]) for key in ("section", "length", "dateline") if fields.get(key))
    return Article(
        id=article_id,
        title=headline,
        text="\n\n".join([headline, *body]),
        outlet=outlet or None,
        author=fields.get("byline") or None,
        published=parse_date(day.group()) if day else None,
        source_file=name,
        metadata=metadata,
    )


def _nexis_uni_article(lines: list[str], article_id: str, name: str) -> Article:
    body_at = lines.index("Body")
    header = lines[:body_at]
    dated = next((i for i, line in enumerate(header) if _DATE.search(line) and not _FIELD.match(line)), None)
    if dated is None or dated < 1:
        raise ValueError("no headline, outlet and date before its 'Body' line")
    # The cover page, when this is the first article, stands before the headline: it is dropped.
    headline = header[dated - 2] if dated >= 2 else header[dated - 1]
    outlet = header[dated - 1] if dated >= 2 else None
    return _article(article_id, name, headline, outlet, header[dated], _fields(header), _body(lines[body_at + 1 :]))


def _nexis_com_article(lines: list[str], article_id: str, name: str) -> Article:
    if len(lines) < 4:
        raise ValueError("too short to hold an outlet, a date, a headline and text")
    outlet, date_line, headline = lines[0], lines[1], lines[2]
    fields = _fields(lines)
    last_field = max((i for i, line in enumerate(lines) if _FIELD.match(line)), default=2)
    return _article(article_id, name, headline, outlet, date_line, fields, _body(lines[last_field + 1 :]))


# Factiva: each field is a tag on its own line (HD headline, BY byline, PD date, SN source name,
# LP lead paragraphs, TD text, AN accession number, which ends the article), its value below.
FACTIVA_TAGS = frozenset("HD CLM SE BY CR WC PD ET SN SC ED PG LA CY LP TD CT RF CO IN NS RE IPC IPD PUB AN".split())
# A tag runs to the next ">" but never past another "<": each scan stops where the next may start,
# so a page of unclosed "<" is read in linear time.
_HTML_BREAK = re.compile(r"<[ \t\n]*(?:/?(?:td|tr|th|p|div|li|h[1-6]|table)|br)\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]*>")
_HIDDEN_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HIDDEN_CLOSE = {name: re.compile(f"</{name}[^<>]*>", re.IGNORECASE) for name in ("script", "style")}


def _without_hidden(markup: str) -> str:
    """The markup without its script and style elements, found by one forward scan (a pattern
    that looks for each opening tag's close would rescan the rest of the page for every one)."""
    kept, position = [], 0
    while (opening := _HIDDEN_OPEN.search(markup, position)) is not None:
        kept.append(markup[position : opening.start()])
        closing = _HIDDEN_CLOSE[opening.group(1).lower()].search(markup, opening.end())
        if closing is None:  # never closed: the rest of the page is inside it
            return "".join(kept)
        position = closing.end()
    kept.append(markup[position:])
    return "".join(kept)


def html_lines(markup: str) -> str:
    """The text of an HTML export, one table cell or paragraph a line (its markup never runs)."""
    import html

    text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", _without_hidden(markup)))
    return "\n".join(line.strip() for line in html.unescape(text).splitlines() if line.strip())


def is_factiva(text: str) -> bool:
    lines = {line.strip() for line in text.splitlines()}
    return {"HD", "AN"} <= lines and bool(lines & {"TD", "LP"})


def split_factiva(text: str, name: str) -> FileResult:
    """The articles of a Factiva export (up to 100), each from its HD ... AN fields."""
    result = FileResult()
    articles: list[dict[str, list[str]]] = []
    fields: dict[str, list[str]] = {}
    tag = None
    for line in (line.strip() for line in text.splitlines()):
        if line in FACTIVA_TAGS:
            tag = line
            fields.setdefault(tag, [])
            continue
        if tag:
            fields[tag].append(line)
            if tag == "AN":  # the accession number closes the article
                articles.append(fields)
                fields, tag = {}, None
    for number, found in enumerate(articles, start=1):
        accession = " ".join(found.get("AN", [])).removeprefix("Document ").strip()
        article_id = accession or f"{name}#{number}"
        headline = " ".join(found.get("HD", [])).strip()
        body = [*found.get("LP", []), *found.get("TD", [])]
        if not headline or not body:
            reason = f"article {number} of {name}: no headline (HD) or no text (LP, TD)"  # the id is Factiva's own
            result.refusals.append(Refusal(article_id, reason, name))
            continue
        metadata = tuple(
            (key, " ".join(found[tag])) for key, tag in (("words", "WC"), ("language", "LA")) if found.get(tag)
        )
        result.articles.append(
            Article(
                id=article_id,
                title=headline,
                text="\n\n".join([headline, *body]),
                outlet=" ".join(found.get("SN", [])).strip() or None,
                author=" ".join(found.get("BY", [])).removeprefix("By ").strip() or None,
                published=parse_date(" ".join(found.get("PD", []))),
                source_file=name,
                metadata=metadata,
            )
        )
    result.notes.append(f"{name}: a Factiva export, split into {len(articles)} articles")
    return result
