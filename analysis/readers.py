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
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import repeat
from pathlib import Path

from analysis.corpus import Article, FileResult, ReadResult, Refusal, article_from_text, check_size, text_warning
from analysis.decoding import decode_bytes, valid_unicode
from analysis.documents import from_docx, from_html, from_pdf, rtf_text
from analysis.errors import RefusedInput
from analysis.exports import html_lines, is_export, is_factiva, split_export, split_factiva
from analysis.isolation import Refused, die_with_parent, run_isolated
from analysis.limits import MAX_FILE_BYTES, MAX_PARQUET_BYTES, MAX_TABLE_ROWS
from analysis.table_files import FIELDS, from_table, guess_mapping, read_table

__all__ = ["FIELDS", "MAX_TABLE_ROWS", "SUPPORTED", "FileResult", "guess_mapping", "read_articles", "read_table"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
WEB_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".json", ".jsonl", ".parquet")
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
    return MAX_PARQUET_BYTES if suffix == ".parquet" else MAX_FILE_BYTES


def _instead(suffix: str) -> str:
    """What would work for a file too large to read."""
    if suffix in TABLE_SUFFIXES and suffix != ".parquet":
        return (
            f"split the table into files under {MAX_FILE_BYTES / 1e6:.0f} MB, or save it as Parquet "
            f"(read up to {MAX_PARQUET_BYTES / 1e6:,.0f} MB, a batch of rows at a time)"
        )
    return ""


def read_upload(name: str, data: bytes, mapping: Mapping[str, str] | None = None) -> FileResult:
    """Articles from one file's bytes; raises `RefusedInput` when the whole file is refused.

    `mapping` (field -> column) overrides the automatic column matching of tables.
    """
    suffix = _suffix(name)
    if suffix not in SUPPORTED:
        raise RefusedInput(f"unsupported file type '{suffix or 'none'}' (supported: {', '.join(SUPPORTED)})")
    check_size(len(data), _limit(suffix), _instead(suffix))
    if not data.strip():
        raise RefusedInput("empty file")
    try:
        result = _READERS[suffix](name, data, mapping or {})
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
    if not result.articles and not result.refusals:  # a database export split into nothing, say
        raise RefusedInput(f"no article found in it (read as {KINDS[suffix]})")
    result.articles = [_valid_unicode(article, result.notes) for article in result.articles]
    for article in result.articles:
        warning = text_warning(article.text)
        if warning:
            result.notes.append(f"{article.id}: {warning}")
    return result


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
    **dict.fromkeys(TABLE_SUFFIXES, lambda name, data, mapping: from_table(data, name, mapping)),
}


def read_file(path: Path, mapping: Mapping[str, str] | None = None) -> FileResult:
    """One file from disk; raises `RefusedInput` with the reason."""
    if _suffix(path.name) not in SUPPORTED:
        raise RefusedInput(f"unsupported file type '{path.suffix or 'none'}' (supported: {', '.join(SUPPORTED)})")
    try:
        check_size(path.stat().st_size, _limit(_suffix(path.name)), _instead(_suffix(path.name)))
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
        if isinstance(result, Refused):
            batch.refusals.append(Refusal(name, result.reason, name))
            continue
        batch.articles += result.articles
        batch.refusals += result.refusals
        batch.notes += result.notes
    return batch


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
    articles: list[Article] = []
    refusals: list[Refusal] = []
    notes: list[str] = []
    seen: set[str] = set()
    named: list[tuple[str, Path]] = []
    for path in _files(Path(p) for p in paths):
        file_id = path.name if path.name not in seen else str(path)
        seen.add(file_id)
        named.append((file_id, path))
    present = [path for _, path in named if path.exists()]
    read = dict(zip(present, _read_each(present, mapping, workers or os.cpu_count() or 1), strict=True))
    for file_id, path in named:
        result = read.get(path)
        if result is None:
            refusals.append(Refusal(file_id, "no such file or folder", str(path)))
        elif isinstance(result, str):
            refusals.append(Refusal(file_id, result, str(path)))
        else:
            articles.extend(replace(a, id=file_id) if a.id == path.name else a for a in result.articles)
            refusals.extend(result.refusals)
            notes.extend(result.notes)
    return ReadResult(tuple(articles), tuple(refusals), tuple(notes))
