"""`python -m benchmarks.outputs FOLDER OUT`: every result the command line gives for FOLDER, less
the run record, so that two versions of Framelens can be compared byte for byte.

A change meant to leave behaviour alone (a refactoring, a faster library) is checked by running
this with the version before and the version after on the same folder, each with a fresh
database, then `diff -r` of the two OUT folders: scores (JSON, CSV), scored sentences, overlap
(JSON, CSV), sources (JSON, CSV) and a Parquet export's tables. The run record names the version
and the code's fingerprint, which differ by design, and is left out, as is the fingerprint the
Parquet scores are kept under.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

COMMANDS = {
    "score.json": ["score", "--format", "json"],
    "score.csv": ["score", "--format", "csv"],
    "sentences.csv": ["score", "--sentences", "--format", "csv"],
    "overlap.json": ["overlap", "--format", "json"],
    "overlap.csv": ["overlap", "--format", "csv"],
    "sources.json": ["sources", "--format", "json"],
    "sources.csv": ["sources", "--format", "csv"],
}
RUN_COLUMN = "framelens_method"
FINGERPRINTS = {"scorer_key"}  # the code's fingerprint a cached score is kept under: differs by design


def without_run(name: str, output: str) -> str:
    """The output with the run record taken out: the JSON's `framelens` key, the CSV's column."""
    if name.endswith(".json"):
        data = json.loads(output)
        data.pop("framelens", None)
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if not output.strip():
        return output
    table = pd.read_csv(io.StringIO(output), dtype=str, keep_default_na=False)
    return table.drop(columns=[RUN_COLUMN], errors="ignore").to_csv(index=False)


def main(folder: str, out: str) -> int:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, command in COMMANDS.items():
            database = Path(scratch) / f"{name}.sqlite"  # a fresh database: no cached scores
            done = subprocess.run(
                [sys.executable, "-m", "analysis", *command, "--db", str(database), folder],
                capture_output=True,
                text=True,
                check=True,
            )
            (target / name).write_text(without_run(name, done.stdout), encoding="utf-8")
        parquet = Path(scratch) / "parquet"
        database = Path(scratch) / "parquet.sqlite"
        subprocess.run(
            [sys.executable, "-m", "analysis", "score", "--db", str(database), folder, "--parquet", str(parquet)],
            capture_output=True,
            check=True,
        )
        for path in sorted(parquet.glob("*.parquet")):
            frame = pq.read_table(path).replace_schema_metadata(None).to_pandas()
            frame = frame.drop(columns=list(FINGERPRINTS & set(frame.columns)))
            (target / f"{path.stem}.parquet.csv").write_text(frame.to_csv(index=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
