"""Collections of articles and saved lexicons that persist, in one SQLite file.

WAL mode, a schema version with migrations (`PRAGMA user_version`), and every import in one
transaction: a process killed mid-import leaves nothing half-written, and two writers (two
browser sessions, or the app and the command line) both see each other's complete imports.
The seeds are a built-in, read-only collection that lives in `seeds/`, not in the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.corpus import Article, Refusal
from analysis.paths import PROJECT_DIR, SEEDS_DIR, data_dir
from analysis.readers import read_articles
from analysis.text import normalise

SEEDS_COLLECTION = "seeds"
SETTINGS_FILE = PROJECT_DIR / ".streamlit" / "framelens.toml"
BUSY_TIMEOUT_MS = 30_000

MIGRATIONS = [
    # 1: collections, articles, saved lexicons
    """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        outlet TEXT,
        author TEXT,
        published TEXT,
        url TEXT,
        source_file TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        added TEXT NOT NULL,
        UNIQUE (collection_id, article_id)
    );
    CREATE TABLE lexicons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        toml TEXT NOT NULL,
        saved TEXT NOT NULL,
        UNIQUE (name, version)
    );
    """,
    # 2: cached scores by content hash and lexicon version
    """
    CREATE TABLE scores (
        content_hash TEXT NOT NULL,
        scorer_key TEXT NOT NULL,
        payload BLOB NOT NULL,
        PRIMARY KEY (content_hash, scorer_key)
    );
    """,
]


class StoreError(ValueError):
    """A request the store refuses (an unknown or read-only collection, a bad name)."""


@dataclass(frozen=True)
class Duplicate:
    article: Article
    existing_collection: str
    existing_id: str


@dataclass
class ImportReport:
    collection: str
    added: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def default_path() -> Path:
    """`FRAMELENS_DB`, else `.streamlit/framelens.toml`'s `database`, else `data/framelens.sqlite`."""
    if os.environ.get("FRAMELENS_DB"):
        return Path(os.environ["FRAMELENS_DB"])
    if SETTINGS_FILE.exists():
        configured = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8")).get("database")
        if configured:
            path = Path(configured)
            return path if path.is_absolute() else PROJECT_DIR / path
    return data_dir() / "framelens.sqlite"


def content_hash(text: str) -> str:
    """The identity of an article's text: normalised, case-folded, whitespace collapsed."""
    return hashlib.sha256(" ".join(normalise(text).lower().split()).encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _article(row: sqlite3.Row) -> Article:
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
    )


class Store:
    """The database of collections. Open with `Store(path)`; every method opens its own connection."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            self._migrate(connection)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so concurrent writers queue instead of failing."""
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _migrate(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version={number}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        with self._connect() as connection:
            return connection.execute("PRAGMA user_version").fetchone()[0]

    # --- collections -------------------------------------------------------------------------
    def collections(self) -> dict[str, int]:
        """Every collection and its number of articles, the built-in seeds first."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT c.name, COUNT(a.id) AS n FROM collections c LEFT JOIN articles a ON a.collection_id = c.id "
                "GROUP BY c.id ORDER BY c.name"
            ).fetchall()
        seeds = len(read_articles([SEEDS_DIR]).articles)
        return {SEEDS_COLLECTION: seeds, **{row["name"]: row["n"] for row in rows}}

    def articles(self, collection: str) -> list[Article]:
        if collection == SEEDS_COLLECTION:
            return list(read_articles([SEEDS_DIR]).articles)
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT a.* FROM articles a JOIN collections c ON c.id = a.collection_id "
                "WHERE c.name = ? ORDER BY a.id",
                (collection,),
            ).fetchall()
        return [_article(row) for row in rows]

    def fingerprint(self, collections: Iterable[str]) -> str:
        """Changes whenever the articles of these collections change: a cache key."""
        collections = list(collections)
        marks = ",".join("?" * len(collections))
        with self._connect() as connection:
            row = connection.execute(
                "SELECT COUNT(*), COALESCE(MAX(a.id), 0), COALESCE(GROUP_CONCAT(a.content_hash || a.title || "
                "COALESCE(a.outlet, '') || COALESCE(a.author, '') || COALESCE(a.published, '') || "
                "COALESCE(a.url, '')), '') FROM articles a JOIN collections c ON c.id = a.collection_id "
                f"WHERE c.name IN ({marks})",
                collections,
            ).fetchone()
        return hashlib.sha256(json.dumps([sorted(collections), list(row)]).encode()).hexdigest()[:16]

    def delete_collection(self, name: str) -> None:
        self._writable(name)
        with self._transaction() as connection:
            connection.execute("DELETE FROM collections WHERE name = ?", (name,))

    def delete_article(self, collection: str, article_id: str) -> None:
        self._writable(collection)
        with self._transaction() as connection:
            connection.execute(
                "DELETE FROM articles WHERE article_id = ? "
                "AND collection_id = (SELECT id FROM collections WHERE name = ?)",
                (article_id, collection),
            )

    def update_article(self, collection: str, article: Article) -> None:
        """Save edited metadata (title, outlet, author, date, url); the text never changes."""
        self._writable(collection)
        with self._transaction() as connection:
            connection.execute(
                "UPDATE articles SET title = ?, outlet = ?, author = ?, published = ?, url = ? "
                "WHERE article_id = ? AND collection_id = (SELECT id FROM collections WHERE name = ?)",
                (
                    article.title,
                    article.outlet,
                    article.author,
                    article.published.isoformat() if article.published else None,
                    article.url,
                    article.id,
                    collection,
                ),
            )

    @staticmethod
    def _writable(name: str) -> None:
        if name == SEEDS_COLLECTION:
            raise StoreError("the seeds are a built-in, read-only collection")
        if not name.strip():
            raise StoreError("a collection needs a name")

    # --- importing ---------------------------------------------------------------------------
    def import_articles(
        self, collection: str, articles: Iterable[Article], refused: Iterable[Refusal] = ()
    ) -> ImportReport:
        """Add articles to a collection (created if new) in one transaction; duplicates are reported."""
        self._writable(collection)
        report = ImportReport(collection, refused=list(refused))
        seed_hashes = {content_hash(a.text): a.id for a in read_articles([SEEDS_DIR]).articles}
        with self._transaction() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO collections (name, created) VALUES (?, ?)", (collection.strip(), _now())
            )
            collection_id = connection.execute(
                "SELECT id FROM collections WHERE name = ?", (collection.strip(),)
            ).fetchone()[0]
            for article in articles:
                digest = content_hash(article.text)
                if digest in seed_hashes:
                    report.duplicates.append(Duplicate(article, SEEDS_COLLECTION, seed_hashes[digest]))
                    continue
                existing = connection.execute(
                    "SELECT a.article_id, c.name FROM articles a JOIN collections c ON c.id = a.collection_id "
                    "WHERE a.content_hash = ?",
                    (digest,),
                ).fetchone()
                if existing:
                    report.duplicates.append(Duplicate(article, existing["name"], existing["article_id"]))
                    continue
                article_id = self._free_id(connection, collection_id, article.id)
                connection.execute(
                    "INSERT INTO articles (collection_id, article_id, title, text, outlet, author, published, url, "
                    "source_file, content_hash, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        collection_id,
                        article_id,
                        article.title,
                        article.text,
                        article.outlet,
                        article.author,
                        article.published.isoformat() if article.published else None,
                        article.url,
                        article.source_file,
                        digest,
                        _now(),
                    ),
                )
                report.added.append(replace(article, id=article_id))
        return report

    @staticmethod
    def _free_id(connection: sqlite3.Connection, collection_id: int, wanted: str) -> str:
        candidate, n = wanted, 2
        while connection.execute(
            "SELECT 1 FROM articles WHERE collection_id = ? AND article_id = ?", (collection_id, candidate)
        ).fetchone():
            candidate, n = f"{wanted} ({n})", n + 1
        return candidate

    # --- export ------------------------------------------------------------------------------
    def export_jsonl(self, collection: str) -> str:
        """The collection as JSON Lines, one article with all its metadata per line."""
        lines = []
        for article in self.articles(collection):
            lines.append(
                json.dumps(
                    {
                        "id": article.id,
                        "title": article.title,
                        "text": article.text,
                        "outlet": article.outlet,
                        "author": article.author,
                        "date": article.published.isoformat() if article.published else None,
                        "url": article.url,
                        "source_file": article.source_file,
                    },
                    ensure_ascii=False,
                )
            )
        return "\n".join(lines) + ("\n" if lines else "")

    # --- lexicons ----------------------------------------------------------------------------
    def save_lexicon(self, name: str, toml: str) -> int:
        """Store a lexicon under `name` with the next version number; returns that number."""
        with self._transaction() as connection:
            row = connection.execute("SELECT MAX(version) FROM lexicons WHERE name = ?", (name,)).fetchone()
            version = (row[0] or 0) + 1
            connection.execute(
                "INSERT INTO lexicons (name, version, toml, saved) VALUES (?, ?, ?, ?)", (name, version, toml, _now())
            )
        return version

    def lexicons(self) -> list[tuple[str, int, str]]:
        """Every saved lexicon's latest version: (name, version, toml)."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT name, version, toml FROM lexicons l WHERE version = "
                "(SELECT MAX(version) FROM lexicons WHERE name = l.name) ORDER BY name"
            ).fetchall()
        return [(row["name"], row["version"], row["toml"]) for row in rows]

    # --- score cache -------------------------------------------------------------------------
    def cached_scores(self, hashes: Iterable[str], scorer_key: str) -> dict[str, bytes]:
        hashes = list(hashes)
        found: dict[str, bytes] = {}
        with self._connect() as connection:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT content_hash, payload FROM scores WHERE scorer_key = ? AND content_hash IN ({marks})",
                    [scorer_key, *chunk],
                ).fetchall()
                found.update({row["content_hash"]: row["payload"] for row in rows})
        return found

    def cache_scores(self, payloads: dict[str, bytes], scorer_key: str) -> None:
        with self._transaction() as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO scores (content_hash, scorer_key, payload) VALUES (?, ?, ?)",
                [(digest, scorer_key, payload) for digest, payload in payloads.items()],
            )
