"""Collections of articles and saved lexicons that persist, in one SQLite file.

WAL mode, a schema version with migrations (`PRAGMA user_version`), and every import in one
transaction: a process killed mid-import leaves nothing half-written, and two writers (two
browser sessions, or the app and the command line) both see each other's complete imports.
The seeds are a built-in, read-only collection that lives in `seeds/`, not in the database.
"""

from analysis.store.database import Store
from analysis.store.model import (
    SEEDS_COLLECTION,
    Duplicate,
    ImportReport,
    StoreError,
    StoreUnavailable,
    Trashed,
    builtin_articles,
    clean_name,
    content_hash,
)
from analysis.store.schema import MIGRATIONS

__all__ = [
    "MIGRATIONS",
    "SEEDS_COLLECTION",
    "Duplicate",
    "ImportReport",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "Trashed",
    "builtin_articles",
    "clean_name",
    "content_hash",
]
