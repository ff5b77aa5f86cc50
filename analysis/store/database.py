"""Collections of articles and saved lexicons that persist, in one SQLite file.

WAL mode, a schema version with migrations (`PRAGMA user_version`), and every import in one
transaction: a process killed mid-import leaves nothing half-written, and two writers (two
browser sessions, or the app and the command line) both see each other's complete imports.
The seeds are a built-in, read-only collection that lives in `seeds/`, not in the database.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from analysis.corpus import Article, FileResult, Refusal
from analysis.paths import builtin_dir, database_path
from analysis.store.model import (
    CACHE_WAIT_SECONDS,
    SEEDS_COLLECTION,
    WRITE_WAIT_SECONDS,
    Duplicate,
    IdAllocator,
    ImportReport,
    StoreError,
    StoreUnavailable,
    Trashed,
    article_from_row,
    builtin_articles,
    builtin_marks,
    clean_name,
    content_hash,
    now,
)
from analysis.store.schema import MIGRATIONS
from analysis.validation.sheets import SheetRow, read_sheet

# What a coder codes: the collection(s), the lexicon (name and version) and the kind of item.
Study = tuple[str, str, str]


class Store:
    """The database of collections. Open with `Store(path)`; every method opens its own connection.

    A database that cannot be used (corrupt, unreadable, its folder cannot be made) does not stop
    the built-in collection: `problem` says what is wrong and how to fix it, reads return nothing
    stored, and every write raises `StoreUnavailable` with that message. A read-only database
    can be read but not written.
    """

    def __init__(self, path: str | Path | None = None, builtin: Path | None = None):
        self.path = Path(path) if path else database_path()
        self.builtin = builtin or builtin_dir()
        self.problem: str | None = None
        self.read_only = False
        try:
            self._open()
        except (sqlite3.Error, OSError) as error:
            self.problem = self._explain(error)

    def _open(self) -> None:
        if self.path.exists():
            self.read_only = not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(f"its schema version {version} is newer than this Framelens knows")
        if version < len(MIGRATIONS):
            if self.read_only:
                raise sqlite3.DatabaseError("it needs an upgrade, and it is read-only")
            self._migrate()

    def _explain(self, error: Exception) -> str:
        reason = str(error).strip() or type(error).__name__
        return (
            f"The collections database {self.path} cannot be used ({reason}). The built-in articles still "
            "work. To fix it, move the file aside so a new one is made, or point FRAMELENS_DB (or --db) at "
            "another file."
        )

    def _unavailable(self) -> None:
        if self.problem:
            raise StoreUnavailable(self.problem)

    @contextmanager
    def _connect(self, wait: float = WRITE_WAIT_SECONDS) -> Iterator[sqlite3.Connection]:
        if self.read_only:  # no lock files can be written beside it: read it as a snapshot
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            connection = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            connection = sqlite3.connect(self.path, timeout=wait, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys=ON")
        try:
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _transaction(self, wait: float = WRITE_WAIT_SECONDS) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so concurrent writers queue instead of failing."""
        self._unavailable()
        if self.read_only:
            raise StoreError(f"the collections database {self.path} is read-only: nothing can be saved to it")
        with self._connect(wait) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _migrate(self) -> None:
        """Bring the schema up to date, once: later opens only read the version, without a lock."""
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
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

    def _rows(self, query: str, parameters: Iterable = ()) -> list[sqlite3.Row]:
        """Rows of a read; none when the database is unavailable."""
        if self.problem:
            return []
        with self._connect() as connection:
            return connection.execute(query, tuple(parameters)).fetchall()

    @property
    def schema_version(self) -> int:
        self._unavailable()
        with self._connect() as connection:
            return connection.execute("PRAGMA user_version").fetchone()[0]

    # --- collections -------------------------------------------------------------------------
    def collections(self) -> dict[str, int]:
        """Every collection and its number of articles, the built-in seeds first."""
        rows = self._rows(
            "SELECT c.name, COUNT(a.id) AS n FROM collections c LEFT JOIN articles a ON a.collection_id = c.id "
            "GROUP BY c.id ORDER BY c.name"
        )
        return {SEEDS_COLLECTION: len(builtin_articles(self.builtin)), **{row["name"]: row["n"] for row in rows}}

    def articles(self, collection: str, texts: bool = True) -> list[Article]:
        """The articles of a collection in the order they were stored; without `texts`, their fields
        alone (each text empty), for listing and editing a large collection."""
        if collection == SEEDS_COLLECTION:
            articles = builtin_articles(self.builtin)
            return list(articles) if texts else [replace(a, text="") for a in articles]
        self._unavailable()
        text = "a.text" if texts else "'' AS text"
        rows = self._rows(
            f"SELECT a.id, a.article_id, a.title, {text}, a.outlet, a.author, a.published, a.url, a.source_file, "
            "a.metadata FROM articles a JOIN collections c ON c.id = a.collection_id WHERE c.name = ? ORDER BY a.id",
            (collection,),
        )
        return [article_from_row(row) for row in rows]

    def fingerprint(self, collections: Iterable[str]) -> str:
        """Changes whenever the articles of these collections change: a cache key."""
        collections = list(collections)
        marks = ",".join("?" * len(collections))
        rows = self._rows(
            "SELECT COUNT(*), COALESCE(MAX(a.id), 0), COALESCE(GROUP_CONCAT(a.content_hash || a.title || "
            "COALESCE(a.outlet, '') || COALESCE(a.author, '') || COALESCE(a.published, '') || "
            "COALESCE(a.url, '') || a.metadata), '') FROM articles a JOIN collections c ON c.id = a.collection_id "
            f"WHERE c.name IN ({marks})",
            collections,
        )
        stored = list(rows[0]) if rows else [self.problem]
        builtin = list(builtin_marks(self.builtin))
        key = [sorted(collections), stored, str(self.builtin), builtin if SEEDS_COLLECTION in collections else []]
        return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:16]

    def delete_collection(self, name: str) -> int:
        """Move every article of the collection to the trash, and drop the collection; how many
        articles this moved (0 when another session had already deleted it)."""
        self._writable(name)
        with self._transaction() as connection:
            moved = self._to_trash(connection, "c.name = ?", (name,))
            connection.execute("DELETE FROM collections WHERE name = ?", (name,))
        return moved

    def delete_article(self, collection: str, article_id: str) -> int:
        """Move one article to the trash; 1, or 0 when it was no longer there (another session
        had deleted it)."""
        self._writable(collection)
        with self._transaction() as connection:
            return self._to_trash(connection, "c.name = ? AND a.article_id = ?", (collection, article_id))

    _TRASHED = "article_id, title, text, outlet, author, published, url, source_file, metadata"

    def _to_trash(self, connection: sqlite3.Connection, where: str, parameters: tuple) -> int:
        chosen = f"FROM articles a JOIN collections c ON c.id = a.collection_id WHERE {where}"
        columns = ", ".join(f"a.{c.strip()}" for c in self._TRASHED.split(","))
        connection.execute(
            f"INSERT INTO trash (collection, {self._TRASHED}, deleted) SELECT c.name, {columns}, ? {chosen}",
            (now(), *parameters),
        )
        return connection.execute(f"DELETE FROM articles WHERE id IN (SELECT a.id {chosen})", parameters).rowcount

    # --- the trash ---------------------------------------------------------------------------
    def trash(self) -> list[Trashed]:
        """Deleted articles, the latest first."""
        rows = self._rows("SELECT id, collection, article_id, title, deleted FROM trash ORDER BY id DESC")
        return [Trashed(r["id"], r["collection"], r["article_id"], r["title"], r["deleted"]) for r in rows]

    def restore(self, trash_ids: Iterable[int]) -> list[ImportReport]:
        """Put deleted articles back in their collections (recreated if deleted too). A text stored
        again since is reported as a duplicate, as in an import, and leaves the trash all the same."""
        trash_ids = list(trash_ids)
        marks = ",".join("?" * len(trash_ids))
        rows = self._rows(f"SELECT * FROM trash WHERE id IN ({marks}) ORDER BY id", trash_ids)
        by_collection: dict[str, list[Article]] = {}
        for row in rows:
            by_collection.setdefault(row["collection"], []).append(article_from_row(row))
        reports = [self.import_articles(name, articles) for name, articles in by_collection.items()]
        self.empty_trash([row["id"] for row in rows])
        return reports

    def empty_trash(self, trash_ids: Iterable[int] | None = None) -> None:
        """Delete articles from the trash for good: these, or all of them."""
        with self._transaction() as connection:
            if trash_ids is None:
                connection.execute("DELETE FROM trash")
            else:
                connection.executemany("DELETE FROM trash WHERE id = ?", [(i,) for i in trash_ids])

    def save_codes(self, study: Study, coder: str, rows: Sequence[SheetRow]) -> None:
        """Keep a coder's sheet (its items in order, and each code given or still empty): a code
        saved again replaces the earlier one."""
        coder = self._coder(coder)
        with self._transaction() as connection:
            self._insert_codes(connection, study, coder, rows)

    def replace_codes(self, study: Study, coder: str, rows: Sequence[SheetRow]) -> None:
        """Put `rows` (parsed and checked by the caller) in place of the coder's whole sheet, in one
        transaction: a failure or a killed process leaves the earlier sheet as it was."""
        coder = self._coder(coder)
        with self._transaction() as connection:
            connection.execute(
                "DELETE FROM codes WHERE collection = ? AND lexicon = ? AND what = ? AND coder = ?", (*study, coder)
            )
            self._insert_codes(connection, study, coder, rows)

    def use_sheet(self, study: Study, coder: str, data: bytes) -> list[SheetRow]:
        """A coded sheet (CSV) in place of the coder's sheet: read and checked whole first
        (`SheetError` when it cannot be), so a malformed file replaces nothing."""
        rows = read_sheet(data)
        self.replace_codes(study, coder, rows)
        return rows

    def _coder(self, coder: str) -> str:
        coder = coder.strip()
        if not coder:
            raise StoreError("a coder needs a name")
        if self.problem:
            raise StoreUnavailable(self.problem)
        return coder

    @staticmethod
    def _insert_codes(connection: sqlite3.Connection, study: Study, coder: str, rows: Sequence[SheetRow]) -> None:
        saved = now()
        connection.executemany(
            "INSERT INTO codes (collection, lexicon, what, coder, article_id, start, end, grp, text, context, "
            "voice, stratum_size, correct, voice_correct, position, saved) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (collection, lexicon, what, coder, article_id, start, end, grp) DO UPDATE SET "
            "correct = excluded.correct, voice_correct = excluded.voice_correct, position = excluded.position, "
            "saved = excluded.saved",
            [
                (
                    *study,
                    coder,
                    r.article,
                    r.start,
                    r.end,
                    r.group,
                    r.text,
                    r.context,
                    r.voice,
                    r.stratum_size,
                    None if r.correct is None else int(r.correct),
                    None if r.voice_correct is None else int(r.voice_correct),
                    position,
                    saved,
                )
                for position, r in enumerate(rows)
            ],
        )

    def codes(self, study: Study, coder: str) -> list[SheetRow]:
        """A coder's sheet for the study, in the order it was drawn."""
        rows = self._rows(
            "SELECT * FROM codes WHERE collection = ? AND lexicon = ? AND what = ? AND coder = ? ORDER BY position, id",
            (*study, coder),
        )
        return [
            SheetRow(
                r["article_id"],
                r["start"],
                r["end"],
                r["text"],
                r["context"],
                r["grp"],
                r["voice"],
                None if r["correct"] is None else bool(r["correct"]),
                r["stratum_size"],
                None if r["voice_correct"] is None else bool(r["voice_correct"]),
            )
            for r in rows
        ]

    def coders(self, study: Study) -> list[str]:
        """Who has saved codes for the study, by name."""
        rows = self._rows(
            "SELECT DISTINCT coder FROM codes WHERE collection = ? AND lexicon = ? AND what = ? ORDER BY coder", study
        )
        return [r["coder"] for r in rows]

    def wrong_hits(self, collection: str, lexicon: str, what: str = "labels") -> frozenset[tuple[str, int, int]]:
        """Hits (article id, start, end) of `what` ("labels" or "loaded") that every coder who
        coded them judged wrong."""
        rows = self._rows(
            "SELECT article_id, start, end FROM codes WHERE collection = ? AND lexicon = ? AND what = ? "
            "AND correct IS NOT NULL GROUP BY article_id, start, end HAVING MAX(correct) = 0",
            (collection, lexicon, what),
        )
        return frozenset((r["article_id"], r["start"], r["end"]) for r in rows)

    def update_article(self, collection: str, article: Article) -> None:
        """Save edited metadata (title, outlet, author, date, url and the other stated fields, such
        as an event id or a lean); the text never changes."""
        self._writable(collection)
        with self._transaction() as connection:
            connection.execute(
                "UPDATE articles SET title = ?, outlet = ?, author = ?, published = ?, url = ?, metadata = ? "
                "WHERE article_id = ? AND collection_id = (SELECT id FROM collections WHERE name = ?)",
                (
                    article.title,
                    article.outlet,
                    article.author,
                    article.published.isoformat() if article.published else None,
                    article.url,
                    json.dumps(dict(article.metadata), ensure_ascii=False),
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
        """Add articles to a collection (created when the first one is added) in one transaction;
        duplicates of stored or built-in texts are reported, not stored again."""
        name = clean_name(collection)
        report = ImportReport(name, refused=list(refused))
        articles = list(articles)
        digests = [content_hash(a.text) for a in articles]  # before the lock: other writers need not wait
        builtin = {digest: article_id for article_id, _, digest in builtin_marks(self.builtin)}
        with self._transaction() as connection:
            found = connection.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
            collection_id = found[0] if found else None
            taken = {
                row[0]
                for row in connection.execute(
                    "SELECT article_id FROM articles WHERE collection_id = ?", (collection_id,)
                )
            }
            free_id = IdAllocator(taken)
            batch: dict[str, str] = {}
            rows = []
            for article, digest in zip(articles, digests, strict=True):
                if digest in builtin:
                    report.duplicates.append(Duplicate(article, SEEDS_COLLECTION, builtin[digest]))
                    continue
                if digest in batch:
                    report.duplicates.append(Duplicate(article, name, batch[digest]))
                    continue
                existing = connection.execute(
                    "SELECT a.article_id, c.name FROM articles a JOIN collections c ON c.id = a.collection_id "
                    "WHERE a.content_hash = ?",
                    (digest,),
                ).fetchone()
                if existing:
                    report.duplicates.append(Duplicate(article, existing["name"], existing["article_id"]))
                    continue
                article_id = batch[digest] = free_id(article.id)
                rows.append((article_id, digest, article))
                report.added.append(replace(article, id=article_id))
            added_at = now()
            if rows and collection_id is None:
                cursor = connection.execute("INSERT INTO collections (name, created) VALUES (?, ?)", (name, added_at))
                collection_id = cursor.lastrowid
            connection.executemany(
                "INSERT INTO articles (collection_id, article_id, title, text, outlet, author, published, url, "
                "source_file, content_hash, added, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
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
                        added_at,
                        json.dumps(dict(article.metadata), ensure_ascii=False),
                    )
                    for article_id, digest, article in rows
                ],
            )
        return report

    def import_parts(
        self,
        collection: str,
        parts: Iterable[FileResult],
        progress: Callable[[FileResult, ImportReport], None] | None = None,
        texts: bool = True,
    ) -> tuple[ImportReport, list[str]]:
        """Add articles that arrive in parts (a large table, a batch of rows at a time), each part
        in its own transaction as it arrives, so that memory holds one part: an import stopped on
        the way keeps the parts before. The report and the notes of them all; `progress` is told
        after each part. Without `texts`, the report's articles come without their texts (they
        are in the store), so that it stays small however many were added."""
        report, notes = ImportReport(clean_name(collection)), []
        for part in parts:
            stored = self.import_articles(collection, part.articles, part.refusals)
            if not texts:
                stored.added = [replace(article, text="") for article in stored.added]
                stored.duplicates = [replace(d, article=replace(d.article, text="")) for d in stored.duplicates]
            report.added += stored.added
            report.duplicates += stored.duplicates
            report.refused += stored.refused
            notes += part.notes
            if progress is not None:
                progress(part, report)
        return report, notes

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
                        **dict(article.metadata),
                    },
                    ensure_ascii=False,
                )
            )
        return "\n".join(lines) + ("\n" if lines else "")

    # --- lexicons ----------------------------------------------------------------------------
    def save_lexicon(self, name: str, toml: str) -> int:
        """Store a lexicon under `name` with the next version number; returns that number."""
        name = " ".join(str(name).split())
        if not name or any(not char.isprintable() for char in name):
            raise StoreError("a lexicon needs a name of printable characters")
        with self._transaction() as connection:
            row = connection.execute("SELECT MAX(version) FROM lexicons WHERE name = ?", (name,)).fetchone()
            version = (row[0] or 0) + 1
            connection.execute(
                "INSERT INTO lexicons (name, version, toml, saved) VALUES (?, ?, ?, ?)", (name, version, toml, now())
            )
        return version

    def lexicons(self) -> list[tuple[str, int, str]]:
        """Every saved lexicon's latest version: (name, version, toml)."""
        rows = self._rows(
            "SELECT name, version, toml FROM lexicons l WHERE version = "
            "(SELECT MAX(version) FROM lexicons WHERE name = l.name) ORDER BY name"
        )
        return [(row["name"], row["version"], row["toml"]) for row in rows]

    # --- score cache -------------------------------------------------------------------------
    def holds_scores(self) -> bool:
        """Whether any scores are cached, under any scorer: when none are, nothing is looked up."""
        return bool(self._rows("SELECT 1 FROM scores LIMIT 1", []))

    def cached_scores(self, hashes: Iterable[str], scorer_key: str) -> dict[str, str]:
        """The cached scores (JSON text) of the texts with these hashes; none when unavailable."""
        return self._by_hash("scores", "payload", hashes, scorer_key)

    def _by_hash(self, table: str, column: str, hashes: Iterable[str], scorer_key: str) -> dict[str, str]:
        """`column` of `table`'s rows for these content hashes under one scorer, 500 hashes a query
        (SQLite's limit on parameters)."""
        hashes = list(hashes)
        found: dict[str, str] = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT content_hash, {column} FROM {table} WHERE scorer_key = ? AND content_hash IN ({marks})",
                [scorer_key, *chunk],
            )
            found.update({row["content_hash"]: row[column] for row in rows})
        return found

    def cache_scores(self, payloads: dict[str, str], scorer_key: str) -> bool:
        """Keep scores computed here for next time (they replace any entry read from a file);
        skipped (False) when the database is busy, read-only or unavailable."""
        if self.problem or self.read_only:
            return False
        try:
            with self._transaction(wait=CACHE_WAIT_SECONDS) as connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO scores (content_hash, scorer_key, payload) VALUES (?, ?, ?)",
                    [(digest, scorer_key, payload) for digest, payload in payloads.items()],
                )
                connection.executemany(
                    "DELETE FROM score_origins WHERE content_hash = ? AND scorer_key = ?",
                    [(digest, scorer_key) for digest in payloads],
                )
        except sqlite3.OperationalError:  # locked by a long import: the scores are recomputed next time
            return False
        return True

    def keep_file_scores(self, payloads: dict[str, str], scorer_key: str, source: str) -> int:
        """Keep scores read from a results file, each marked with the file it came from. An entry
        already cached is never replaced: a file adds scores, it does not overwrite them. How many
        were added."""
        if self.problem or self.read_only or not payloads:
            return 0
        read_at = now()
        added = 0
        with self._transaction() as connection:
            for digest, payload in payloads.items():
                cursor = connection.execute(
                    "INSERT OR IGNORE INTO scores (content_hash, scorer_key, payload) VALUES (?, ?, ?)",
                    (digest, scorer_key, payload),
                )
                if cursor.rowcount:
                    added += 1
                    connection.execute(
                        "INSERT OR REPLACE INTO score_origins (content_hash, scorer_key, source, read) "
                        "VALUES (?, ?, ?, ?)",
                        (digest, scorer_key, source, read_at),
                    )
        return added

    def file_scores(self, hashes: Iterable[str], scorer_key: str) -> dict[str, str]:
        """Which of these texts' cached scores were read from a results file: hash -> file name."""
        return self._by_hash("score_origins", "source", hashes, scorer_key)

    def forget_file_scores(self, hashes: Iterable[str], scorer_key: str) -> None:
        """Drop the cached scores of these texts that were read from a file, so they are scored here."""
        pairs = [(digest, scorer_key) for digest in hashes]
        with self._transaction() as connection:
            for digest, key in pairs:
                if connection.execute(
                    "DELETE FROM score_origins WHERE content_hash = ? AND scorer_key = ?", (digest, key)
                ).rowcount:
                    connection.execute("DELETE FROM scores WHERE content_hash = ? AND scorer_key = ?", (digest, key))
