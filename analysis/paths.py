"""Where Framelens keeps its files."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
SETTINGS_FILE = PROJECT_DIR / "framelens.toml"


def data_dir() -> Path:
    """The writable data folder: `FRAMELENS_DATA_DIR`, else `data/` in the project (git ignores it)."""
    return Path(os.environ.get("FRAMELENS_DATA_DIR") or PROJECT_DIR / "data")


def builtin_dir() -> Path:
    """The folder of the built-in collection: `FRAMELENS_CORPUS_DIR`, else the bundled seeds."""
    folder = os.environ.get("FRAMELENS_CORPUS_DIR")
    return Path(folder) if folder else SEEDS_DIR


def database_path() -> Path:
    """`FRAMELENS_DB`, else `database` in `framelens.toml`, else `framelens.sqlite` in the data folder."""
    if os.environ.get("FRAMELENS_DB"):
        return Path(os.environ["FRAMELENS_DB"])
    try:
        configured = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8")).get("database")
    except (OSError, tomllib.TOMLDecodeError):
        configured = None
    if isinstance(configured, str) and configured.strip():
        path = Path(configured)
        return path if path.is_absolute() else PROJECT_DIR / path
    return data_dir() / "framelens.sqlite"
