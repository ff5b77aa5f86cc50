"""Where the evaluation data sets live, and the dev/held-out split rule."""

from __future__ import annotations

import os
from pathlib import Path

from analysis.paths import PROJECT_DIR

RESULTS_DIR = Path(__file__).parent / "results"


def eval_dir(given: str | None = None) -> Path:
    """The folder holding the data sets: `given`, `FRAMELENS_EVAL_DIR`, else `../shared/eval`."""
    return Path(given or os.environ.get("FRAMELENS_EVAL_DIR") or PROJECT_DIR.parent / "shared" / "eval")


class MissingData(FileNotFoundError):
    """The evaluation data set is not where it was looked for."""
