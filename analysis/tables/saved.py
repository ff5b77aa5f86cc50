"""A corpus's tables kept on disk, so that reopening an unchanged collection takes seconds.

The dashboard's first analysis of 10,000 articles takes minutes; its tables are saved beside
the collections database under a key made of everything they depend on (the articles' content,
the lexicon, the coders' judgements left out, the scoring code, the method's settings and the
Framelens version), and read back when the same key is asked for again: after a restart, or in
another session. A changed article, lexicon or version gives another key and a new analysis.
The files are this Framelens's own (pickle, written here and read only from this folder); a
file that cannot be read is deleted and the corpus analysed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Saved analyses kept beside one database (about 0.7 GB each at 10,000 articles);
# the least recently used go first.
KEEP_SAVED = 3
SUFFIX = ".tables"


def tables_key(*parts: object) -> str:
    """One key for everything the tables depend on."""
    return hashlib.sha256("\n".join(repr(part) for part in parts).encode()).hexdigest()[:32]


def read_saved(folder: Path, key: str) -> Any | None:
    """What `save` kept under `key`, or None (never saved, or unreadable: then deleted)."""
    path = folder / f"{key}{SUFFIX}"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a file cut short by a crash, or written by another version of a library
        log.warning("saved tables %s could not be read; analysing again", path.name, exc_info=True)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used
    return value


def save(folder: Path, key: str, value: Any, keep: int = KEEP_SAVED) -> None:
    """Keep `value` under `key` (written to a temporary file, then renamed: a reader never sees
    half a file), and only the `keep` most recently used. Failing to save costs only speed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".partial", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"{key}{SUFFIX}")
        saved = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in saved[keep:]:
            old.unlink()
    except OSError:
        log.warning("the analysed tables could not be saved in %s", folder, exc_info=True)
        with contextlib.suppress(OSError, NameError):
            Path(handle.name).unlink(missing_ok=True)


def forget_saved(folder: Path) -> None:
    """Delete every saved analysis in `folder` (scores that change without a change of key)."""
    for path in folder.glob(f"*{SUFFIX}"):
        with contextlib.suppress(OSError):
            path.unlink()
