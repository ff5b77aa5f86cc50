"""Reading articles from files of every supported kind, one reason per refused file.

Plain text and Markdown, web pages saved from a browser, Word (.docx), PDF (text layer), and
tables (.csv, .json, .jsonl) with one article per row. Whatever goes wrong inside one file
(a parser's exception, a decompression bomb, nesting that exhausts the stack) refuses that
file with a one-line reason and is logged; the rest of the batch goes on. A file name is only
ever shown, never used to open anything but itself.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import repeat
from pathlib import Path

from analysis.corpus import Article, FileResult, ReadResult, Refusal, article_from_text, check_size, text_warning
from analysis.decoding import decode_bytes, valid_unicode
from analysis.documents import from_docx, from_html, from_pdf, rtf_text
from analysis.errors import RefusedInput
from analysis.exports import html_lines, is_export, is_factiva, split_export, split_factiva
from analysis.isolation import Refused, die_with_parent, run_isolated, stream_isolated
from analysis.limits import MAX_FILE_BYTES, MAX_TABLE_BYTES, MAX_TABLE_ROWS
from analysis.table_files import FIELDS, TableSource, guess_mapping, read_table, table_articles

__all__ = ["FIELDS", "MAX_TABLE_ROWS", "SUPPORTED", "FileResult", "guess_mapping", "read_articles", "read_table"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
WEB_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".json", ".jsonl", ".parquet")
# Tables read in a stream, a batch of rows at a time, up to `MAX_TABLE_BYTES`.
STREAMED_SUFFIXES = (".csv", ".jsonl", ".parquet")
SUPPORTED = (*TEXT_SUFFIXES, *WEB_SUFFIXES, ".docx", ".rtf", ".pdf", *TABLE_SUFFIXES)
KINDS = {
    ".txt": "text",
    ".md": "Markdown",
    ".html": "a web page",
    ".htm": "a web page",
    ".docx": "a Word (.docx) file",
    ".rtf": "a Rich Text (.rtf) file",
    ".pdf": "a PDF",
    ".csv": "CSV",
    ".json": "JSON",
    ".jsonl": "JSON Lines",
    ".parquet": "Parquet",
}


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _limit(suffix: str) -> int:
    return MAX_TABLE_BYTES if suffix in STREAMED_SUFFIXES else MAX_FILE_BYTES


def _instead(suffix: str) -> str:
    """What would work for a file too large to read."""
    streamed = f"read in a stream up to {MAX_TABLE_BYTES / 1e6:,.0f} MB"
    if suffix == ".json":
        return f"save the table as JSON Lines (one article per line), CSV or Parquet, {streamed}"
    if suffix in STREAMED_SUFFIXES:
        return f"split the table into files under {MAX_TABLE_BYTES / 1e6:,.0f} MB"
    return ""


def read_upload(name: str, data: bytes, mapping: Mapping[str, str] | None = None) -> FileResult:
    """Articles from one file's bytes; raises `RefusedInput` when the whole file is refused.

    `mapping` (field -> column) overrides the automatic column matching of tables.
    """
    return FileResult.joined(read_parts(name, data, mapping))


def read_parts(name: str, source: TableSource, mapping: Mapping[str, str] | None = None) -> Iterator[FileResult]:
    """What one file (its bytes, or its path) gives, a part at a time: a table read in a stream
    gives a part for each batch of its rows, any other file one part. Raises `RefusedInput` when
    the whole file is refused, or the rest of a table once its parts so far were given."""
    suffix = _suffix(name)
    if suffix not in SUPPORTED:
        raise RefusedInput(f"unsupported file type '{suffix or 'none'}' (supported: {', '.join(SUPPORTED)})")
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    check_size(size, _limit(suffix), _instead(suffix))
    if isinstance(source, bytes) and not source[:65536].strip() and not source.strip():
        raise RefusedInput("empty file")
    if not size:
        raise RefusedInput("empty file")
    found = False
    for part in _guarded(suffix, name, source, mapping or {}):
        found = found or bool(part.articles or part.refusals)
        part.articles = [_valid_unicode(article, part.notes) for article in part.articles]
        for article in part.articles:
            warning = text_warning(article.text)
            if warning:
                part.notes.append(f"{article.id}: {warning}")
        yield part
    if not found:  # a database export split into nothing, say
        raise RefusedInput(f"no article found in it (read as {KINDS[suffix]})")


def _guarded(suffix: str, name: str, source: TableSource, mapping: Mapping[str, str]) -> Iterator[FileResult]:
    """The parts of a file, whatever goes wrong inside its parser turned into one reason."""
    try:
        if suffix in STREAMED_SUFFIXES:
            yield from table_articles(source, name, mapping)
        else:
            yield _READERS[suffix](name, source if isinstance(source, bytes) else source.read_bytes(), mapping)
    except RefusedInput:
        raise
    except RecursionError as error:
        raise RefusedInput(f"could not be read as {KINDS[suffix]}: nested too deeply") from error
    except MemoryError as error:
        raise RefusedInput(
            f"could not be read as {KINDS[suffix]}: it needs more memory than this machine has"
        ) from error
    except Exception as error:  # a parser's own failure on a malformed file: this file only
        log.info("refused %s", name, exc_info=True)
        detail = " ".join(str(error).split())[:120] or type(error).__name__
        raise RefusedInput(f"could not be read as {KINDS[suffix]} ({detail})") from error


def _valid_unicode(article: Article, notes: list[str]) -> Article:
    """The article with every field valid Unicode (surrogates joined or replaced, with a note):
    text that cannot be encoded cannot be hashed, stored or shown."""
    replaced = 0

    def valid(value):
        nonlocal replaced
        if not isinstance(value, str):
            return value
        value, count = valid_unicode(value)
        replaced += count
        return value

    names = ("id", "title", "text", "outlet", "author", "url", "source_file")
    changed = {name: valid(getattr(article, name)) for name in names}
    metadata = tuple((valid(k), valid(v)) for k, v in article.metadata)
    if replaced:
        notes.append(f"{changed['id']}: {replaced:,} unpaired surrogate code point(s) replaced with \ufffd")
    return replace(article, **changed, metadata=metadata)


def _text_file(name: str, data: bytes, _mapping: Mapping[str, str]) -> FileResult:
    decoded = decode_bytes(data)
    return _from_text(name, decoded.text, [f"{name}: {decoded.note}"] if decoded.note else [])


def _rtf_file(name: str, data: bytes, _mapping: Mapping[str, str]) -> FileResult:
    """A Rich Text file: one article, or a Nexis Uni or Factiva export of many."""
    return _from_text(name, rtf_text(data), [])


def _from_text(name: str, text: str, notes: list[str]) -> FileResult:
    """One article from plain text, or the articles of a database export in it (Factiva, Nexis)."""
    if is_factiva(text):
        return _capped(_with_notes(split_factiva(text, name), notes), name)
    if is_export(text):
        return _capped(_with_notes(split_export(text, name), notes), name)
    return FileResult([article_from_text(text, name, name)], notes=notes)


def _capped(result: FileResult, name: str) -> FileResult:
    """A database export keeps at most as many articles as a table may hold rows."""
    if len(result.articles) > MAX_TABLE_ROWS:
        result.notes.append(
            f"{name}: only the first {MAX_TABLE_ROWS:,} of {len(result.articles):,} articles were imported"
        )
        result.articles = result.articles[:MAX_TABLE_ROWS]
    return result


def _html_file(name: str, data: bytes, mapping: Mapping[str, str]) -> FileResult:
    """A saved web page, or a Factiva export saved as HTML (many articles, one per HD ... AN)."""
    lines = html_lines(decode_bytes(data).text)
    if is_factiva(lines):
        return _capped(split_factiva(lines, name), name)
    return _one(from_html)(name, data, mapping)


def _with_notes(result: FileResult, notes: list[str]) -> FileResult:
    result.notes = [*notes, *result.notes]
    return result


def _one(read: Callable[[bytes, str], Article]) -> Callable[[str, bytes, Mapping[str, str]], FileResult]:
    """A reader of one article per file, except a database export of many (Nexis Uni DOCX or PDF)."""

    def read_one(name: str, data: bytes, _mapping: Mapping[str, str]) -> FileResult:
        article = read(data, name)
        return _capped(split_export(article.text, name), name) if is_export(article.text) else FileResult([article])

    return read_one


_READERS: dict[str, Callable[[str, bytes, Mapping[str, str]], FileResult]] = {
    ".txt": _text_file,
    ".md": _text_file,
    ".html": _html_file,
    ".htm": _html_file,
    ".docx": _one(from_docx),
    ".rtf": _rtf_file,
    ".pdf": _one(from_pdf),
    ".json": lambda name, data, mapping: FileResult.joined(table_articles(data, name, mapping)),
}


def read_file(path: Path, mapping: Mapping[str, str] | None = None) -> FileResult:
    """One file from disk; raises `RefusedInput` with the reason."""
    return FileResult.joined(read_file_parts(path, mapping))


def read_file_parts(path: Path, mapping: Mapping[str, str] | None = None) -> Iterator[FileResult]:
    """One file from disk, a part at a time (see `read_parts`); raises `RefusedInput` with the reason."""
    try:
        for part in read_parts(path.name, path, mapping):
            part.articles = [replace(article, source_file=str(path)) for article in part.articles]
            yield part
    except OSError as error:
        raise RefusedInput(f"could not be read ({error.strerror or error})") from error


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def read_uploads(
    files: Iterable[tuple[str, bytes]], mapping: Mapping[str, str] | None = None, isolated: bool = False
) -> FileResult:
    """Every article in a batch of uploaded files; each refused file is named with its reason.

    `isolated` reads them in a child process (`analysis.isolation`): a file that takes longer
    than `MAX_READ_SECONDS` or too much memory is refused on its own, and the process that asked
    (the dashboard's server) is never held up by a parser."""
    files = list(files)
    if isolated:
        outcomes = run_isolated(read_upload, [(name, data, mapping) for name, data in files])
    else:
        outcomes = [_read_or_reason(name, data, mapping) for name, data in files]
    batch = FileResult()
    for (name, _), result in zip(files, outcomes, strict=True):
        batch.extend(
            FileResult(refusals=[Refusal(name, result.reason, name)]) if isinstance(result, Refused) else result
        )
    return batch


def _after(reason: str, rows: int) -> str:
    """Why a table was refused, and how much of it came before (and was kept)."""
    return f"{reason} (its first {rows:,} rows were read)" if rows else reason


def stream_saved_uploads(
    files: Sequence[tuple[str, Path]], mapping: Mapping[str, str] | None = None
) -> Iterator[FileResult]:
    """Every part of a batch of uploads saved to disk (each a name and its path), read in a
    child process as `read_uploads(..., isolated=True)` reads them, but a table a batch of rows
    at a time (see `read_parts`), each part given as soon as it is read: the server holds a
    few thousand rows at once, whatever the size of the file. A file refused part way says how
    much of it came before."""
    given = [0] * len(files)
    for index, outcome in stream_isolated(read_parts, [(name, path, mapping) for name, path in files]):
        name = files[index][0]
        if isinstance(outcome, Refused):
            yield FileResult(refusals=[Refusal(name, _after(outcome.reason, given[index]), name)])
        else:
            given[index] += len(outcome.articles) + len(outcome.refusals)
            yield outcome


def _read_or_reason(name: str, data: bytes, mapping: Mapping[str, str] | None) -> FileResult | Refused:
    try:
        return read_upload(name, data, mapping)
    except RefusedInput as error:
        return Refused(str(error))


# From this many files on, they are read on every core: decoding, checking and parsing a file
# costs a fifth of a millisecond, two seconds of one core for 10,000 while the other waits.
PARALLEL_READ_FROM = 256
READ_CHUNK = 32


def _read_or_refuse(path: Path, mapping: Mapping[str, str] | None) -> FileResult | str:
    """`read_file`, with a refusal as its reason (what a worker process sends back)."""
    try:
        return read_file(path, mapping)
    except RefusedInput as error:
        return str(error)


def _read_each(paths: list[Path], mapping: Mapping[str, str] | None, workers: int) -> Iterator[FileResult | str]:
    """What each file holds or why it was refused, in order: on `workers` processes for many files."""
    if len(paths) < PARALLEL_READ_FROM or workers < 2:
        return (_read_or_refuse(path, mapping) for path in paths)
    with ProcessPoolExecutor(workers, initializer=die_with_parent) as pool:
        return iter(list(pool.map(_read_or_refuse, paths, repeat(mapping), chunksize=READ_CHUNK)))


def read_articles(
    paths: Iterable[str | Path], mapping: Mapping[str, str] | None = None, workers: int | None = None
) -> ReadResult:
    """Every article in the given files and folders, and a reason for each file or row refused.

    Many files are read on `workers` processes (every core by default), in the same order."""
    result = FileResult.joined(read_in_parts(paths, mapping, workers))
    return ReadResult(tuple(result.articles), tuple(result.refusals), tuple(result.notes))


def read_in_parts(
    paths: Iterable[str | Path], mapping: Mapping[str, str] | None = None, workers: int | None = None
) -> Iterator[FileResult]:
    """What `read_articles` reads, in order, a part at a time: a table larger than any other
    file may be (`MAX_FILE_BYTES`) a batch of rows at a time, and each run of files between two
    such tables as one part (read on `workers` processes when many), so that an import can
    store each part before it reads the next."""
    seen: set[str] = set()
    named: list[tuple[str, Path]] = []
    for path in _files(Path(p) for p in paths):
        file_id = path.name if path.name not in seen else str(path)
        seen.add(file_id)
        named.append((file_id, path))
    run: list[tuple[str, Path]] = []
    for file_id, path in named:
        if _suffix(path.name) in STREAMED_SUFFIXES and path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            if run:
                yield _read_run(run, mapping, workers)
                run = []
            given = 0
            try:
                for part in read_file_parts(path, mapping):
                    given += len(part.articles) + len(part.refusals)
                    yield part
            except RefusedInput as error:
                yield FileResult(refusals=[Refusal(file_id, _after(str(error), given), str(path))])
        else:
            run.append((file_id, path))
    if run:
        yield _read_run(run, mapping, workers)


def _read_run(named: list[tuple[str, Path]], mapping: Mapping[str, str] | None, workers: int | None) -> FileResult:
    """The files of a run, each whole, on `workers` processes when they are many."""
    present = [path for _, path in named if path.exists()]
    read = dict(zip(present, _read_each(present, mapping, workers or os.cpu_count() or 1), strict=True))
    batch = FileResult()
    for file_id, path in named:
        result = read.get(path)
        if result is None:
            batch.refusals.append(Refusal(file_id, "no such file or folder", str(path)))
        elif isinstance(result, str):
            batch.refusals.append(Refusal(file_id, result, str(path)))
        else:
            batch.articles.extend(replace(a, id=file_id) if a.id == path.name else a for a in result.articles)
            batch.refusals.extend(result.refusals)
            batch.notes.extend(result.notes)
    return batch
