"""CSV that a spreadsheet opens as data: no cell runs as a formula (OWASP, CSV injection).

Every CSV Framelens writes goes through here: the dashboard's downloads, the exports and the
command line's `--format csv`.
"""

from __future__ import annotations

import csv
import re

import pandas as pd

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _neutralise(value):
    """One cell made safe for a spreadsheet (OWASP CSV injection): formulas become text."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS) and not NUMBER_RE.match(value):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV whose text cells cannot run as formulas; numbers stay numbers."""
    clean = frame.copy()
    for column in clean.columns:
        if clean[column].dtype == object or pd.api.types.is_string_dtype(clean[column]):
            clean[column] = clean[column].map(_neutralise)
    clean.columns = [_neutralise(str(c)) for c in clean.columns]
    # Every text cell quoted (a line break inside one stays inside it), numbers bare.
    return clean.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")
