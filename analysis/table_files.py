"""Articles from tables: CSV, JSON, JSON Lines and Parquet files with one article per row.

Columns are matched to fields by name (or a mapping the user gives); a row that cannot be an
article is refused on its own with its row or line number, and the rest go through.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.corpus import KNOWN_FIELDS, Article, FileResult, Refusal, article_from_text, parse_date, with_headline
from analysis.decoding import decode_bytes
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

    @property
    def columns(self) -> list[str]:
        return list(dict.fromkeys(str(c) for row in self.rows[:50] for c in row))


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


def parquet_rows(
    data: bytes, columns: list[str] | None = None, max_rows: int = MAX_TABLE_ROWS
) -> tuple[list[dict], int]:
    """Up to `max_rows` rows of a Parquet file (only `columns`, when given), and how many it holds.

    Bounded before and while reading: what its column chunks declare they expand to, and what
    each batch of rows expands to once its dictionary-encoded values are looked up (a file of a
    few kilobytes can repeat one long value millions of times), are each held to
    `MAX_PARQUET_EXPANDED_BYTES`, so that no file takes the memory of the machine."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(io.BytesIO(data))
        total = source.metadata.num_rows
        names = columns or source.schema_arrow.names
        wanted = {i for i in range(source.metadata.num_columns) if source.schema.column(i).path.split(".")[0] in names}
        declared = sum(
            source.metadata.row_group(g).column(c).total_uncompressed_size
            for g in range(source.metadata.num_row_groups)
            for c in wanted
        )
        _within(declared, "its columns declare")
        rows: list[dict] = []
        expanded = 0
        for batch in source.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            expanded += sum(_expanded_bytes(column) for column in batch.columns)
            _within(expanded, "its values expand to")
            values = [_column_values(column) for column in batch.columns]
            rows += [dict(zip(batch.schema.names, row, strict=True)) for row in zip(*values, strict=True)]
            if len(rows) >= max_rows:  # the rest is never read: the import keeps this many
                break
    except (OSError, ValueError, KeyError, pa.ArrowException) as error:
        raise RefusedInput(f"could not be read as Parquet: {str(error).splitlines()[0]}") from error
    rows = rows[:max_rows]
    return [{k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()} for row in rows], total


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


def _parquet_rows(data: bytes) -> tuple[list[dict], int, bool]:
    """The rows of a Parquet file; of a Framelens results file, only the article columns (its
    scores are read back into the cache, not into each article's fields)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.results import article_columns

    try:
        metadata = pq.read_schema(io.BytesIO(data)).metadata
    except (OSError, ValueError, pa.ArrowException) as error:
        raise RefusedInput(f"could not be read as Parquet: {str(error).splitlines()[0]}") from error
    columns = article_columns(metadata)
    return (*parquet_rows(data, columns, MAX_TABLE_ROWS + 1), columns is not None)


def read_table(data: bytes, name: str) -> Table:
    """The rows of a CSV, JSON (a list, an object holding one, or one object), JSON Lines or
    Parquet file."""
    if _suffix(name) == ".parquet":
        rows, total, verbatim = _parquet_rows(data)
        return Table(rows=rows, numbers=list(range(1, len(rows) + 1)), total=total, verbatim=verbatim)
    decoded = decode_bytes(data)
    text, suffix = decoded.text, _suffix(name)
    table = Table(notes=[f"{name}: {decoded.note}"] if decoded.note else [])
    try:
        if suffix == ".csv":
            raw = list(csv.DictReader(io.StringIO(text), dialect=_dialect(text)))
            numbered = list(enumerate(raw, start=1))
        elif suffix == ".jsonl":
            table.unit = "line"
            numbered = list(_jsonl_rows(text, name, table))
        else:
            numbered = list(enumerate(_json_rows(json.loads(text)), start=1))
    except RecursionError as error:
        raise RefusedInput("could not be read as JSON: nested too deeply") from error
    except (csv.Error, json.JSONDecodeError) as error:
        raise RefusedInput(f"could not be read as {suffix[1:].upper()}: {str(error).splitlines()[0]}") from error
    for number, row in numbered:
        if isinstance(row, dict) and None in row:  # a CSV row with more fields than its header names
            fields = len(row) - 1 + len(row[None])
            reason = (
                f"row {number} has {fields} fields where the header names {len(row) - 1}: part of its text would be "
                "lost (an unquoted comma or semicolon?); quote that field and import the file again"
            )
            table.refusals.append(Refusal(f"{name}#{number}", reason, name))
        elif isinstance(row, dict):
            table.rows.append(row)
            table.numbers.append(number)
        else:
            table.refusals.append(
                Refusal(f"{name}#{number}", f"{table.unit} {number}: {_described(row)}, not an object", name)
            )
    return table


def _jsonl_rows(text: str, name: str, table: Table) -> Iterable[tuple[int, Any]]:
    for number, line in enumerate(text.split("\n"), start=1):
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


def from_table(data: bytes, name: str, mapping: Mapping[str, str]) -> FileResult:
    """One article per row; rows that cannot be articles are refused one by one."""
    table = read_table(data, name)
    result = FileResult(refusals=list(table.refusals), notes=list(table.notes))
    if not table.rows:
        if table.refusals:
            return result
        raise RefusedInput("the table has no rows")
    mapping = {**guess_mapping(table.columns), **{k: v for k, v in mapping.items() if v}}
    if "text" not in mapping:
        if MEDIA_CLOUD_COLUMNS & {str(c).strip().lower() for c in table.columns}:
            raise RefusedInput(MEDIA_CLOUD_HINT)  # the whole file, once: not each of its rows
        raise RefusedInput(f"no text column (columns: {', '.join(table.columns[:12])}): {MAP_HINT}")
    rows = list(zip(table.numbers, table.rows, strict=True))
    held = max(len(rows), table.total or 0)
    if held > MAX_TABLE_ROWS:
        result.notes.append(f"{name}: only the first {MAX_TABLE_ROWS:,} of {held:,} rows were imported")
        rows = rows[:MAX_TABLE_ROWS]
    for number, row in rows:
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
            continue
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
    return result
