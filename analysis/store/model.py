"""What the store takes and gives back besides articles: names, reports, errors, the built-in collection."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.corpus import Article, Refusal
from analysis.paths import builtin_dir
from analysis.readers import read_articles
from analysis.text import normalise

SEEDS_COLLECTION = "seeds"
# A writer waits this long for another writer's transaction (a long import) before giving up.
WRITE_WAIT_SECONDS = 600
# Caching scores is optional: when another writer holds the database, skip it rather than wait.
CACHE_WAIT_SECONDS = 1
MAX_NAME_CHARS = 80


class StoreError(ValueError):
    """A request the store refuses (an unknown or read-only collection, a bad name)."""


class StoreUnavailable(StoreError):
    """The database cannot be used at all (corrupt, unreadable, in a folder that cannot be made)."""


@dataclass(frozen=True)
class Duplicate:
    article: Article
    existing_collection: str
    existing_id: str


@dataclass(frozen=True)
class Trashed:
    """A deleted article waiting in the trash: `id` names it there."""

    id: int
    collection: str
    article_id: str
    title: str
    deleted: str


@dataclass
class ImportReport:
    collection: str
    added: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def clean_name(name: str) -> str:
    """A collection name as stored: spaces collapsed; refused when empty, reserved or unprintable."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise StoreError("a collection needs a name")
    if cleaned.casefold() == SEEDS_COLLECTION:
        raise StoreError("the seeds are a built-in, read-only collection: choose another name")
    if len(cleaned) > MAX_NAME_CHARS:
        raise StoreError(f"a collection name may have at most {MAX_NAME_CHARS} characters")
    if any(not char.isprintable() for char in cleaned):
        raise StoreError("a collection name cannot hold control characters")
    return cleaned


def content_hash(text: str) -> str:
    """The identity of an article's text: normalised, case-folded, whitespace collapsed."""
    # surrogatepass: a text that reached here without passing the readers still has a hash
    return hashlib.sha256(" ".join(normalise(text).lower().split()).encode("utf-8", "surrogatepass")).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def article_from_row(row: sqlite3.Row) -> Article:
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    return Article(
        id=row["article_id"],
        title=row["title"],
        text=row["text"],
        outlet=row["outlet"],
        author=row["author"],
        published=published,
        url=row["url"],
        source_file=row["source_file"],
        metadata=tuple(json.loads(row["metadata"] or "{}").items()),
    )


@lru_cache(maxsize=4)
def _builtin(folder: str, signature: tuple) -> tuple[Article, ...]:
    return read_articles([folder]).articles


@lru_cache(maxsize=4)
def _builtin_marks(folder: str, signature: tuple) -> tuple[tuple[str, str, str], ...]:
    return tuple((a.id, a.title, content_hash(a.text)) for a in _builtin(folder, signature))


def _signature(folder: Path) -> tuple:
    """What changes when a file of the folder does (one stat per file: every page run asks, so
    by `os.scandir`, without making a `Path` of each entry: that was most of the time)."""
    try:
        stats = [(entry.name, entry.stat()) for entry in _entries(str(folder))]
    except OSError:
        return ()
    return tuple(sorted((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats))


def _entries(folder: str) -> Iterator[os.DirEntry]:
    """Every file and folder under `folder`, as `Path.rglob("*")` finds them."""
    with os.scandir(folder) as found:
        for entry in found:
            yield entry
            if entry.is_dir(follow_symlinks=False):
                yield from _entries(entry.path)


def builtin_articles(folder: Path | None = None) -> tuple[Article, ...]:
    """The built-in collection's articles, read again only when its files change."""
    folder = folder or builtin_dir()
    return _builtin(str(folder), _signature(folder))


def builtin_marks(folder: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """Each built-in article's id, title and content hash (what a fingerprint of the collection
    needs), hashed again only when its files change: every page run asks."""
    folder = folder or builtin_dir()
    return _builtin_marks(str(folder), _signature(folder))


class IdAllocator:
    """Ids that are free in a collection: a taken id gets the next free " (2)", " (3)" suffix,
    remembered per id so that twenty thousand rows sharing one id take linear time, not quadratic."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.next_suffix: dict[str, int] = {}

    def __call__(self, wanted: str) -> str:
        candidate = wanted
        if candidate in self.taken:
            n = self.next_suffix.get(wanted, 2)
            while f"{wanted} ({n})" in self.taken:
                n += 1
            self.next_suffix[wanted] = n + 1
            candidate = f"{wanted} ({n})"
        self.taken.add(candidate)
        return candidate
