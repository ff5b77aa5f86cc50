"""Where Framelens keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"


def data_dir() -> Path:
    """The writable data folder: `FRAMELENS_DATA_DIR`, else `data/` in the project (git ignores it)."""
    return Path(os.environ.get("FRAMELENS_DATA_DIR") or PROJECT_DIR / "data")
