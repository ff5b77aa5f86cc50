"""Articles from tables: CSV, JSON, JSON Lines and Parquet files with one article per row.

Columns are matched to fields by name (or a mapping the user gives); a row that cannot be an
article is refused on its own with its row or line number, and the rest go through.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from analysis.corpus import KNOWN_FIELDS, Article, FileResult, Refusal, article_from_text, parse_date, with_headline
from analysis.decoding import StreamDecoder
from analysis.errors import RefusedInput
from analysis.limits import MAX_PARQUET_EXPANDED_BYTES, MAX_TABLE_ROWS, MAX_TEXT_CHARS, PARQUET_BATCH_ROWS

FIELDS = ("title", "text", "outlet", "author", "date", "url")
# Column names that map to each field when a table does not use ours.
COLUMN_ALIASES = {
    "id": ("id", "article_id", "identifier", "stories_id"),  # stories_id: Media Cloud
    "title": ("title", "headline", "heading", "name"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story", "maintext"),
    "outlet": (
        "outlet",
        "source",
        "publication",
        "publisher",
        "site",
        "sitename",  # trafilatura's JSON
        "site_name",
        "media",
        "media_name",  # Media Cloud
        "newspaper",
        "hostname",  # trafilatura
        "media_url",  # Media Cloud
    ),
    "author": ("author", "authors", "byline", "writer"),
    "date": ("date", "published", "publication_date", "pubdate", "published_at", "publish_date", "datetime"),
    "url": ("url", "link", "uri"),
}
# When a row's outlet cell is empty, a stated address names it: trafilatura's host of a page that
# names no site, Media Cloud's media_url of a source with no name.
OUTLET_FALLBACKS = ("hostname", "media_url")
MAP_HINT = "choose the text column on the Corpus page, or give --map text=COLUMN on the command line"
MEDIA_CLOUD_COLUMNS = {"media_name", "media_url", "stories_id", "media_id"}
MEDIA_CLOUD_HINT = (
    "this is a Media Cloud export, and Media Cloud exports carry no article text (only titles, links and "
    "dates, for copyright reasons): fetch the texts from the url column (or save the pages from a browser), "
    "then import the pages, or a table with a text column beside these ones"
)

csv.field_size_limit(MAX_TEXT_CHARS)  # the default (131,072 characters) refuses long articles
# A table's rows become articles and are handed on this many at a time: an import stores each
# part before the next is read, so that its memory does not grow with the file.
TABLE_BATCH_ROWS = 2_000
# The first rows, whose keys name a table's columns.
COLUMN_SAMPLE_ROWS = 50

# A table file's bytes (an upload), or its path (read in a stream).
TableSource = bytes | Path


@dataclass
class Table:
    """The rows of a table file that are objects, their numbers in the file, and the rest refused."""

    rows: list[dict] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = "row"
    total: int | None = None  # rows the file holds, when only some were read (Parquet)
    verbatim: bool = False  # a Framelens results file: each text is the stored text, taken as it is
    share_read: float = 0.0  # of the file, so far
    complete: bool = True  # False when only its first rows were read

    @property
    def columns(self) -> list[str]:
        return _columns(self.rows)


def _columns(rows: Iterable[Mapping]) -> list[str]:
    return list(dict.fromkeys(str(c) for row in islice(rows, COLUMN_SAMPLE_ROWS) for c in row))


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _described(value: object) -> str:
    kinds = {str: "a string", bool: "true or false", int: "a number", float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _json_rows(parsed: object) -> list:
    """The list of articles in parsed JSON: a list, an object holding one, or one object."""
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, dict):
        for value in parsed.values():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
        return [parsed]
    raise RefusedInput(
        f"the JSON holds {_described(parsed)}, not articles: give a list of objects (one per article) or one object"
    )


@contextlib.contextmanager
def _parquet_errors() -> Iterator[None]:
    import pyarrow as pa

    try:
        yield
    except (OSError, ValueError, KeyError, pa.ArrowException) as error:
        raise RefusedInput(f"could not be read as Parquet: {str(error).splitlines()[0]}") from error


def _binary(source: TableSource) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # closed by the caller


def _parquet_input(source: TableSource) -> BinaryIO | str:
    """What pyarrow reads: an upload's bytes, or a path that it opens and closes itself."""
    return io.BytesIO(source) if isinstance(source, bytes) else str(source)


def parquet_batches(source: TableSource, columns: list[str] | None = None) -> tuple[int, Iterator[list[dict]]]:
    """How many rows a Parquet file holds, and its rows (only `columns`, when given) a batch at
    a time, as they are read.

    Bounded before and while reading: what its column chunks declare they expand to, and what
    each batch of rows expands to once its dictionary-encoded values are looked up (a file of a
    few kilobytes can repeat one long value millions of times), are each held to
    `MAX_PARQUET_EXPANDED_BYTES`, so that no file takes the memory of the machine."""
    import pyarrow.parquet as pq

    with _parquet_errors():
        parquet = pq.ParquetFile(_parquet_input(source))
        total = parquet.metadata.num_rows
        names = columns or parquet.schema_arrow.names
        wanted = {
            i for i in range(parquet.metadata.num_columns) if parquet.schema.column(i).path.split(".")[0] in names
        }
        declared = sum(
            parquet.metadata.row_group(g).column(c).total_uncompressed_size
            for g in range(parquet.metadata.num_row_groups)
            for c in wanted
        )
        _within(declared, "its columns declare")
        # What the values expand to, counted on the columns as they are stored (a dictionary's
        # indices), before any row is made: a bomb is refused before a row of it is converted.
        expanded = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            expanded += sum(_expanded_bytes(column) for column in batch.columns)
            _within(expanded, "its values expand to")

    def batches() -> Iterator[list[dict]]:
        with contextlib.closing(parquet), _parquet_errors():
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
                values = [_column_values(column) for column in batch.columns]
                yield [
                    {
                        k: v.isoformat() if hasattr(v, "isoformat") else v
                        for k, v in zip(batch.schema.names, row, strict=True)
                    }
                    for row in zip(*values, strict=True)
                ]

    return total, batches()


def parquet_rows(
    data: TableSource, columns: list[str] | None = None, max_rows: int = MAX_TABLE_ROWS
) -> tuple[list[dict], int]:
    """Up to `max_rows` rows of a Parquet file (only `columns`, when given), and how many it holds;
    the rest is never read."""
    total, batches = parquet_batches(data, columns)
    rows: list[dict] = []
    for batch in batches:
        rows += batch
        if len(rows) >= max_rows:
            break
    return rows[:max_rows], total


def _within(size: int, what: str) -> None:
    if size > MAX_PARQUET_EXPANDED_BYTES:
        raise RefusedInput(
            f"{what} {size / 1e6:,.0f} MB (the limit is {MAX_PARQUET_EXPANDED_BYTES / 1e6:,.0f} MB): a "
            "decompression bomb, or too large to read at once: split it into smaller files"
        )


UNREADABLE = "unreadable value"


def _column_values(column) -> list:
    """A column's values; a value that cannot be converted (a timestamp out of Python's range)
    becomes `UNREADABLE` on its own instead of refusing the whole file."""
    try:
        return column.to_pylist()
    except (ValueError, OverflowError, ArithmeticError):
        values = []
        for item in column:
            try:
                values.append(item.as_py())
            except (ValueError, OverflowError, ArithmeticError):
                values.append(UNREADABLE)
        return values


def _expanded_bytes(column) -> int:
    """What a column of a batch takes once converted to Python values: a dictionary-encoded
    column counts each row's value again, not the dictionary once."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(column.type):
        values = column.dictionary
        if pa.types.is_string(values.type) or pa.types.is_binary(values.type) or pa.types.is_large_string(values.type):
            lengths = pc.binary_length(values)
        else:
            lengths = pa.array([values.nbytes // max(len(values), 1)] * len(values), pa.int64())
        taken = pc.sum(lengths.take(column.indices.fill_null(0))).as_py() or 0
        return int(taken) + column.indices.nbytes
    return column.nbytes


def _parquet_numbered(source: TableSource, table: Table) -> Iterator[tuple[int, Any]]:
    """The rows of a Parquet file; of a Framelens results file, only the article columns (its
    scores are read back into the cache, not into each article's fields)."""
    import pyarrow.parquet as pq

    from analysis.results import article_columns

    with _parquet_errors():
        metadata = pq.read_schema(_parquet_input(source)).metadata
    columns = article_columns(metadata)
    table.verbatim = columns is not None
    table.total, batches = parquet_batches(source, columns)
    number = 0
    for batch in batches:
        for row in batch:
            number += 1
            table.share_read = number / max(table.total, 1)
            yield number, row


def table_rows(source: TableSource, name: str, table: Table) -> Iterator[tuple[int, dict]]:
    """Each row of a CSV, JSON (a list, an object holding one, or one object), JSON Lines or
    Parquet file that is an object, with its row (or line) number, as it is read: a file of any
    size takes the memory of a few megabytes of it (a JSON document, which cannot be read in
    parts, excepted). Rows that cannot be articles go to `table.refusals`, notes to `table.notes`."""
    suffix = _suffix(name)
    if suffix == ".parquet":
        yield from _parquet_numbered(source, table)
        return
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    with _binary(source) as stream:
        decoder = StreamDecoder(stream)
        try:
            if suffix == ".json":
                numbered: Iterator[tuple[int, Any]] = enumerate(_json_rows(json.loads("".join(decoder.pieces()))), 1)
            elif suffix == ".jsonl":
                table.unit = "line"
                numbered = _jsonl_rows(_lines(decoder.pieces()), name, table)
            else:
                numbered = _csv_rows(_lines(decoder.pieces()))
            for number, row in numbered:
                table.share_read = decoder.bytes_read / max(size, 1)
                if isinstance(row, dict) and None in row:  # a CSV row with more fields than its header names
                    fields = len(row) - 1 + len(row[None])
                    reason = (
                        f"row {number} has {fields} fields where the header names {len(row) - 1}: part of its text "
                        "would be lost (an unquoted comma or semicolon?); quote that field and import the file again"
                    )
                    table.refusals.append(Refusal(f"{name}#{number}", reason, name))
                elif isinstance(row, dict):
                    yield number, row
                else:
                    table.refusals.append(
                        Refusal(f"{name}#{number}", f"{table.unit} {number}: {_described(row)}, not an object", name)
                    )
        except RecursionError as error:
            raise RefusedInput("could not be read as JSON: nested too deeply") from error
        except (csv.Error, json.JSONDecodeError) as error:
            raise RefusedInput(f"could not be read as {suffix[1:].upper()}: {str(error).splitlines()[0]}") from error
    if decoder.note:
        table.notes.append(f"{name}: {decoder.note}")


def _lines(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of decoded text, each with its \\n (the last perhaps without), split on \\n alone:
    the other line separators of Unicode may stand inside a field."""
    carry = ""
    for piece in pieces:
        text = carry + piece
        cut = text.rfind("\n") + 1
        yield from io.StringIO(text[:cut])
        carry = text[cut:]
    if carry:
        yield carry


def _csv_rows(lines: Iterator[str]) -> Iterator[tuple[int, Any]]:
    header = next(lines, "")
    return enumerate(csv.DictReader(chain([header], lines), dialect=_dialect(header)), start=1)


def read_table(source: TableSource, name: str, max_rows: int | None = None) -> Table:
    """The rows of a table file (its first `max_rows`, when given: enough to choose its columns)."""
    table = Table()
    for number, row in table_rows(source, name, table):
        if max_rows is not None and len(table.rows) >= max_rows:
            table.complete = False
            break
        table.rows.append(row)
        table.numbers.append(number)
    return table


def _jsonl_rows(lines: Iterable[str], name: str, table: Table) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            reason = str(error).splitlines()[0] if isinstance(error, json.JSONDecodeError) else "nested too deeply"
            table.refusals.append(Refusal(f"{name}#{number}", f"line {number}: not valid JSON ({reason})", name))


class _Dialect(csv.excel):
    pass


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, semicolon or tab: whichever the header line holds most of. (csv.Sniffer reads the
    first rows, and long quoted article texts full of commas and quotes mislead it.)"""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    dialect = type("Detected", (_Dialect,), {"delimiter": delimiter if counts[delimiter] else ","})
    return dialect


def guess_mapping(columns: Iterable[str]) -> dict[str, str]:
    """field -> column, from the column names (case and spacing ignored)."""
    keys = _keys(columns)
    mapping = {}
    for name, aliases in COLUMN_ALIASES.items():
        found = next((keys[a] for a in aliases if a in keys), None)
        if found is not None:
            mapping[name] = found
    return mapping


def cell(row: Mapping, column: str | None) -> str | None:
    """A cell as text; a list (paragraphs, authors) is joined, one item per paragraph."""
    if not column:
        return None
    value = row.get(column)
    if isinstance(value, list):
        value = "\n\n".join(str(item).strip() for item in value if item is not None and str(item).strip())
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _keys(columns: Iterable) -> dict[str, Any]:
    """Column names as the aliases spell them (case and spacing ignored) -> the column."""
    return {re.sub(r"[^a-z0-9]+", "_", str(c).lower()).strip("_"): c for c in columns}


def _fallback_outlet(row: Mapping) -> str | None:
    keys = _keys(row)
    return next((value for key in OUTLET_FALLBACKS if key in keys and (value := cell(row, keys[key]))), None)


def table_articles(
    source: TableSource, name: str, mapping: Mapping[str, str], batch_rows: int = TABLE_BATCH_ROWS
) -> Iterator[FileResult]:
    """One article per row, `batch_rows` rows at a time as the file is read; rows that cannot be
    articles are refused one by one. Raises `RefusedInput` (before the first part) when the
    file cannot be read or has no text column."""
    table = Table()
    rows = table_rows(source, name, table)
    head = list(islice(rows, COLUMN_SAMPLE_ROWS))
    if not head:
        if table.refusals:
            yield FileResult(refusals=table.refusals, notes=table.notes)
            return
        raise RefusedInput("the table has no rows")
    columns = _columns(row for _, row in head)
    mapping = {**guess_mapping(columns), **{k: v for k, v in mapping.items() if v}}
    if "text" not in mapping:
        if MEDIA_CLOUD_COLUMNS & {str(c).strip().lower() for c in columns}:
            raise RefusedInput(MEDIA_CLOUD_HINT)  # the whole file, once: not each of its rows
        raise RefusedInput(f"no text column (columns: {', '.join(columns[:12])}): {MAP_HINT}")
    part, held = FileResult(), 0
    for number, row in chain(head, rows):
        held += 1
        if held > MAX_TABLE_ROWS:  # counted for the note, not kept
            if table.total is not None:
                break
            continue
        _add_row(part, number, row, name, mapping, table)
        if len(part.articles) + len(part.refusals) >= batch_rows:
            yield _handed_on(part, table)
            part = FileResult()
    held = max(held, table.total or 0)
    if held > MAX_TABLE_ROWS:
        part.notes.append(f"{name}: only the first {MAX_TABLE_ROWS:,} of {held:,} rows were imported")
    yield _handed_on(part, table)


def _handed_on(part: FileResult, table: Table) -> FileResult:
    """A part of a table's articles with the rows refused and notes made while reading it."""
    part.refusals[:0], part.notes[:0] = table.refusals, table.notes
    table.refusals, table.notes = [], []
    part.share_read = table.share_read
    return part


def _add_row(
    result: FileResult, number: int, row: Mapping, name: str, mapping: Mapping[str, str], table: Table
) -> None:
    """The row as an article in `result`, or its refusal."""
    row_id = cell(row, mapping.get("id")) or f"{name}#{number}"
    text = cell(row, mapping["text"])
    if table.verbatim and text:  # the text as it was stored and scored, not stripped or given a title
        text = str(row[mapping["text"]])
    try:
        if not text:
            raise RefusedInput("empty text")
        base = article_from_text(text, row_id, name)
    except RefusedInput as error:
        result.refusals.append(Refusal(row_id, f"{table.unit} {number}: {error}", name))
        return
    date_value = cell(row, mapping.get("date"))
    published = parse_date(date_value)
    if date_value and published is None:
        result.notes.append(f"{row_id}: date '{date_value}' not understood, left empty")
    title = cell(row, mapping.get("title"))
    used = {column for column in mapping.values() if column}
    extra = tuple(
        (str(column).strip(), value)
        for column in row
        if column not in used
        and str(column).strip()
        and str(column).strip().lower() not in KNOWN_FIELDS
        and (value := cell(row, column))
        and len(value) <= 200
    )
    result.articles.append(
        Article(
            id=row_id,
            title=title or base.title,
            text=text if table.verbatim else with_headline(base.text, title),
            outlet=cell(row, mapping.get("outlet")) or _fallback_outlet(row) or base.outlet,
            author=cell(row, mapping.get("author")) or base.author,
            published=published or base.published,
            url=cell(row, mapping.get("url")),
            source_file=name,
            metadata=extra,
        )
    )
