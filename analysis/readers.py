"""Reading articles from files of every supported kind, one reason per refused file.

Plain text and Markdown, web pages saved from a browser (main text and metadata extracted
with trafilatura), Word (.docx), PDF (text layer), and tables (.csv, .json, .jsonl) with one
article per row. A file name is only ever shown, never used to open anything but itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from zipfile import BadZipFile

from analysis.corpus import (
    MAX_FILE_BYTES,
    Article,
    ReadResult,
    Refusal,
    RefusedInput,
    article_from_bytes,
    article_from_text,
    decode,
    parse_date,
)

TEXT_SUFFIXES = (".txt", ".md")
WEB_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".json", ".jsonl")
SUPPORTED = (*TEXT_SUFFIXES, *WEB_SUFFIXES, ".docx", ".pdf", *TABLE_SUFFIXES)
MAX_TABLE_ROWS = 20_000
MIN_PAGE_WORDS = 5  # fewer words extracted from a web page means navigation, not an article
FIELDS = ("title", "text", "outlet", "author", "date", "url")
# Column names that map to each field when a table does not use ours.
COLUMN_ALIASES = {
    "id": ("id", "article_id", "identifier"),
    "title": ("title", "headline", "heading", "name"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story", "maintext"),
    "outlet": ("outlet", "source", "publication", "publisher", "site", "sitename", "site_name", "media", "newspaper"),
    "author": ("author", "authors", "byline", "writer"),
    "date": ("date", "published", "publication_date", "pubdate", "published_at", "publish_date", "datetime"),
    "url": ("url", "link", "uri"),
}


@dataclass
class FileResult:
    """What one file gave: its articles, refusals of single rows, and notes for the user."""

    articles: list[Article] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def read_upload(name: str, data: bytes, mapping: Mapping[str, str] | None = None) -> FileResult:
    """Articles from one file's bytes; raises `RefusedInput` when the whole file is refused.

    `mapping` (field -> column) overrides the automatic column matching of tables.
    """
    suffix = _suffix(name)
    if suffix not in SUPPORTED:
        raise RefusedInput(f"unsupported file type '{suffix or 'none'}' (supported: {', '.join(SUPPORTED)})")
    if len(data) > MAX_FILE_BYTES:
        raise RefusedInput(f"file too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    if not data.strip():
        raise RefusedInput("empty file")
    if suffix in TEXT_SUFFIXES:
        return FileResult([article_from_bytes(data, name, name)])
    if suffix in WEB_SUFFIXES:
        return FileResult([_from_html(data, name)])
    if suffix == ".docx":
        return FileResult([_from_docx(data, name)])
    if suffix == ".pdf":
        return FileResult([_from_pdf(data, name)])
    return _from_table(data, name, mapping or {})


def _from_html(data: bytes, name: str) -> Article:
    import trafilatura  # imported on first use: it is slow to load and only web pages need it

    document = trafilatura.bare_extraction(
        decode(data),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (document.text or "").strip() if document else ""
    if len(re.findall(r"[^\W\d_]+", text)) < MIN_PAGE_WORDS:
        raise RefusedInput("no article text found in the web page")
    title = (document.title or "").strip()
    article = article_from_text(f"{title}\n\n{text}" if title and not text.startswith(title) else text, name, name)
    return Article(
        id=name,
        title=title or article.title,
        text=article.text,
        outlet=(document.sitename or "").strip() or None,
        author=(document.author or "").strip() or None,
        published=parse_date(document.date),
        url=(document.url or "").strip() or None,
        source_file=name,
    )


def _from_docx(data: bytes, name: str) -> Article:
    from docx import Document  # python-docx, loaded when a Word file arrives
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as error:
        raise RefusedInput("could not be read as a Word (.docx) file") from error
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        paragraphs += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    text = "\n\n".join(paragraphs)
    if not any(char.isalpha() for char in text):
        raise RefusedInput("no text in the Word file")
    article = article_from_text(text, name, name)
    properties = document.core_properties
    return Article(
        id=name,
        title=(properties.title or "").strip() or article.title,
        text=text,
        author=(properties.author or "").strip() or article.author,
        source_file=name,
    )


def _from_pdf(data: bytes, name: str) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RefusedInput("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise RefusedInput("could not be read as a PDF") from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if sum(char.isalpha() for char in text) < 20:
        raise RefusedInput("scanned PDF with no text layer (run OCR first)")
    article = article_from_text(text, name, name)
    title = str(metadata.get("/Title") or "").strip()
    author = str(metadata.get("/Author") or "").strip()
    return Article(id=name, title=title or article.title, text=text, author=author or None, source_file=name)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect (comma, semicolon or tab), plain commas when it cannot be told."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def table_rows(data: bytes, name: str) -> list[dict[str, str]]:
    """The rows of a CSV, JSON (a list, or an object holding one) or JSON Lines file."""
    text = decode(data)
    suffix = _suffix(name)
    try:
        if suffix == ".csv":
            return list(csv.DictReader(io.StringIO(text), dialect=_dialect(text)))
        if suffix == ".jsonl":
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            parsed = json.loads(text)
            rows = parsed if isinstance(parsed, list) else next((v for v in parsed.values() if isinstance(v, list)), [])
    except (csv.Error, json.JSONDecodeError) as error:
        raise RefusedInput(f"could not be read as {suffix[1:].upper()}: {str(error).splitlines()[0]}") from error
    return [row for row in rows if isinstance(row, dict)]


def guess_mapping(columns: Iterable[str]) -> dict[str, str]:
    """field -> column, from the column names (case and spacing ignored)."""
    keys = {re.sub(r"[^a-z0-9]+", "_", str(c).lower()).strip("_"): c for c in columns}
    mapping = {}
    for name, aliases in COLUMN_ALIASES.items():
        found = next((keys[a] for a in aliases if a in keys), None)
        if found is not None:
            mapping[name] = found
    return mapping


def _cell(row: Mapping, column: str | None) -> str | None:
    if not column:
        return None
    value = row.get(column)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _from_table(data: bytes, name: str, mapping: Mapping[str, str]) -> FileResult:
    rows = table_rows(data, name)
    if not rows:
        raise RefusedInput("the table has no rows")
    columns = list(dict.fromkeys(c for row in rows[:50] for c in row))
    mapping = {**guess_mapping(columns), **{k: v for k, v in mapping.items() if v}}
    if "text" not in mapping:
        raise RefusedInput(f"no text column (columns: {', '.join(map(str, columns[:12]))}); map one to 'text'")
    result = FileResult()
    if len(rows) > MAX_TABLE_ROWS:
        result.notes.append(f"{name}: only the first {MAX_TABLE_ROWS:,} of {len(rows):,} rows were imported")
        rows = rows[:MAX_TABLE_ROWS]
    for number, row in enumerate(rows, start=1):
        row_id = _cell(row, mapping.get("id")) or f"{name}#{number}"
        text = _cell(row, mapping["text"])
        try:
            if not text:
                raise RefusedInput("empty text")
            base = article_from_text(text, row_id, name)
        except RefusedInput as error:
            result.refusals.append(Refusal(row_id, f"row {number}: {error}", name))
            continue
        date_value = _cell(row, mapping.get("date"))
        published = parse_date(date_value)
        if date_value and published is None:
            result.notes.append(f"{row_id}: date '{date_value}' not understood, left empty")
        result.articles.append(
            Article(
                id=row_id,
                title=_cell(row, mapping.get("title")) or base.title,
                text=text,
                outlet=_cell(row, mapping.get("outlet")) or base.outlet,
                author=_cell(row, mapping.get("author")) or base.author,
                published=published or base.published,
                url=_cell(row, mapping.get("url")),
                source_file=name,
            )
        )
    return result


def read_file(path: Path, mapping: Mapping[str, str] | None = None) -> FileResult:
    """One file from disk; raises `RefusedInput` with the reason."""
    if _suffix(path.name) not in SUPPORTED:
        raise RefusedInput(f"unsupported file type '{path.suffix or 'none'}' (supported: {', '.join(SUPPORTED)})")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RefusedInput(f"file too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise RefusedInput(f"could not be read ({error.strerror or error})") from error
    result = read_upload(path.name, data, mapping)
    result.articles = [replace(article, source_file=str(path)) for article in result.articles]
    return result


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def read_articles(paths: Iterable[str | Path], mapping: Mapping[str, str] | None = None) -> ReadResult:
    """Every article in the given files and folders, and a reason for each file or row refused."""
    articles: list[Article] = []
    refusals: list[Refusal] = []
    seen: set[str] = set()
    for path in _files(Path(p) for p in paths):
        file_id = path.name if path.name not in seen else str(path)
        seen.add(file_id)
        if not path.exists():
            refusals.append(Refusal(file_id, "no such file or folder", str(path)))
            continue
        try:
            result = read_file(path, mapping)
        except RefusedInput as error:
            refusals.append(Refusal(file_id, str(error), str(path)))
            continue
        articles.extend(replace(a, id=file_id) if a.id == path.name else a for a in result.articles)
        refusals.extend(result.refusals)
    return ReadResult(tuple(articles), tuple(refusals))
