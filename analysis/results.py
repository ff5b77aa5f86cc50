"""Results as Parquet, for pandas, Dask or Arrow readers and for the dashboard.

`scores.parquet` holds one row per article: its fields and text, every score as a column, and
the scores as the cache keeps them (`scores_json`, with the `content_hash` of the text and the
`scorer_key` they were made under). The dashboard and `python -m analysis import` open it as a
collection and read the scores back instead of scoring again. `pairs.parquet` and
`passages.parquet` hold the overlap tables of the same corpus.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from analysis.corpus import Refusal
from analysis.lexicon import Lexicon
from analysis.overlap import OverlapResult
from analysis.pipeline import scorer_key
from analysis.scoring import ArticleScores, scores_to_json
from analysis.store import content_hash
from analysis.tables.overlap import pairs_frame, passages_frame
from analysis.tables.scores import scores_frame
from analysis.version import __version__

SCORES_FILE, PAIRS_FILE, PASSAGES_FILE = "scores.parquet", "pairs.parquet", "passages.parquet"
# The schema metadata that marks a Framelens results file, and names its article columns.
MARK = b"framelens"


def _article_rows(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    rows = []
    for s in scores:
        a = s.article
        row = {
            "id": a.id,
            "title": a.title,
            "text": a.text,
            "outlet": a.outlet,
            "author": a.author,
            "date": a.published.isoformat() if a.published else None,
            "url": a.url,
        }
        rows.append(row | {k: v for k, v in a.metadata if k not in row})
    return pd.DataFrame(rows)


def write_scores(folder: str | Path, scores: Sequence[ArticleScores], lexicon: Lexicon) -> Path:
    """`scores.parquet` in `folder`: articles, scores, and the cache's record of each."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    articles = _article_rows(scores)
    flat = scores_frame(scores)
    flat = flat.drop(columns=[c for c in flat.columns if c in articles.columns or c == "published"])
    frame = pd.concat([articles.reset_index(drop=True), flat.reset_index(drop=True)], axis=1)
    frame["content_hash"] = [content_hash(s.article.text) for s in scores]
    frame["scorer_key"] = scorer_key(lexicon)
    frame["scores_json"] = [scores_to_json(s) for s in scores]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    about = {
        "framelens": __version__,
        "lexicon": lexicon.name,
        "lexicon_version": lexicon.version,
        "article_columns": list(articles.columns),
    }
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), MARK: json.dumps(about).encode()})
    path = folder / SCORES_FILE
    pq.write_table(table, path, compression="zstd")
    return path


def write_overlap(folder: str | Path, result: OverlapResult) -> tuple[Path, Path]:
    """`pairs.parquet` and `passages.parquet` in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pairs, passages = folder / PAIRS_FILE, folder / PASSAGES_FILE
    pairs_frame(result).to_parquet(pairs, index=False)
    passages_frame(result).to_parquet(passages, index=False)
    return pairs, passages


def article_columns(schema_metadata: dict | None) -> list[str] | None:
    """The article columns a Framelens results file names; None for any other Parquet file."""
    raw = (schema_metadata or {}).get(MARK)
    if raw is None:
        return None
    try:
        columns = json.loads(raw)["article_columns"]
    except (ValueError, KeyError, TypeError):
        return None
    return [str(c) for c in columns] if isinstance(columns, list) else None


def cached_scores(data: bytes) -> dict[str, dict[str, str]]:
    """The scores a results file carries, as the cache keeps them: scorer key -> content hash ->
    JSON. Empty for a Parquet file that is not one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data), columns=["content_hash", "scorer_key", "scores_json"])
    except (OSError, ValueError, KeyError, pa.ArrowException):  # not a results file: it carries none
        return {}
    found: dict[str, dict[str, str]] = {}
    for digest, key, payload in zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True):
        if isinstance(digest, str) and isinstance(key, str) and isinstance(payload, str):
            found.setdefault(key, {})[digest] = payload
    return found


def keep_scores(store, files: Iterable[tuple[str, Callable[[], bytes]]], refusals: Iterable[Refusal] = ()) -> int:
    """Put the scores that the results files among `files` (each a name and how to read it)
    carry into `store`'s cache, so that opening their articles reads them back instead of scoring
    again; a file the import refused whole is left alone. How many were kept."""
    refused = {r.id for r in refusals}  # a file refused whole is named by its file name
    kept = 0
    for name, read in files:
        if not name.lower().endswith(".parquet") or Path(name).name in refused:
            continue
        for key, payloads in cached_scores(read()).items():
            if store.cache_scores(payloads, key):
                kept += len(payloads)
    return kept
