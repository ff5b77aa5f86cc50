"""Results as Parquet, for pandas, Dask or Arrow readers and for the dashboard.

`scores.parquet` holds one row per article: its fields and text, every score as a column, and
the scores as the cache keeps them (`scores_json`, with the `content_hash` of the text and the
`scorer_key` they were made under). The dashboard and `python -m analysis import` open it as a
collection and read the scores back instead of scoring again. `pairs.parquet` and
`passages.parquet` hold the overlap tables of the same corpus.
"""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.corpus import Article
from analysis.errors import RefusedInput
from analysis.lexicon import Lexicon
from analysis.limits import MAX_SCORE_PAYLOAD_CHARS
from analysis.overlap import OverlapResult
from analysis.pipeline import scorer_key
from analysis.scoring import ArticleScores, scores_from_json, scores_to_json
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


def write_scores(
    folder: str | Path, scores: Sequence[ArticleScores], lexicon: Lexicon, run: dict | None = None
) -> Path:
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
    path = folder / SCORES_FILE
    pq.write_table(_with_method(table, {MARK: json.dumps(about).encode()}, run), path, compression="zstd")
    return path


METHOD = b"framelens_method"  # the schema metadata that holds how every number of the file was measured


def _with_method(table, extra: dict[bytes, bytes] | None = None, run: dict | None = None):
    """`table` whose schema metadata records the method (thresholds, word-list and package
    versions, and the options of the run that made it) its numbers were computed with, so a
    file read later says how it was made."""
    from analysis.method import method_record

    if run is not None:
        record = {"framelens": __version__, **run["method"], "run": {k: run[k] for k in ("command", "options")}}
        record["method_fingerprint"] = run["method_fingerprint"]
    else:
        record = {"framelens": __version__, **method_record()}
    metadata = {**(table.schema.metadata or {}), **(extra or {}), METHOD: json.dumps(record).encode()}
    return table.replace_schema_metadata(metadata)


def method_of(path: str | Path) -> dict | None:
    """The method record a Framelens Parquet file carries, None for any other file."""
    import pyarrow.parquet as pq

    raw = (pq.read_schema(path).metadata or {}).get(METHOD)
    return json.loads(raw) if raw else None


def write_overlap(folder: str | Path, result: OverlapResult, run: dict | None = None) -> tuple[Path, Path]:
    """`pairs.parquet` and `passages.parquet` in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    import pyarrow as pa
    import pyarrow.parquet as pq

    pairs, passages = folder / PAIRS_FILE, folder / PASSAGES_FILE
    for path, frame in ((pairs, pairs_frame(result)), (passages, passages_frame(result))):
        pq.write_table(_with_method(pa.Table.from_pandas(frame, preserve_index=False), run=run), path)
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


@dataclass(frozen=True)
class KeptScores:
    """What an import kept of the scores its results files carried, and why it set any aside."""

    kept: int = 0
    set_aside: tuple[str, ...] = ()

    def notes(self) -> list[str]:
        kept = (
            [f"{self.kept:,} articles' scores read from the results file, not computed here (marked as such)"]
            if self.kept
            else []
        )
        return [*kept, *self.set_aside]


def _carried(data: bytes) -> tuple[list[dict], int]:
    """The rows of a results file's text and cached scores (none for any other Parquet file)."""
    from analysis.table_files import parquet_rows

    try:
        return parquet_rows(data, ["text", "content_hash", "scorer_key", "scores_json"])
    except RefusedInput:  # not a results file, or one the import refused: it carries nothing
        return [], 0


def _offsets_fit(value: Any, length: int) -> bool:
    """Whether every character offset in cached scores lies inside a text of `length` characters."""
    if isinstance(value, tuple | list):
        return all(_offsets_fit(item, length) for item in value)
    if isinstance(value, dict):
        return all(_offsets_fit(item, length) for item in value.values())
    if isinstance(value, array):
        return True
    if is_dataclass(value):
        for f in fields(value):
            item = getattr(value, f.name)
            if f.name.endswith(("start", "end")) and isinstance(item, int):
                if not 0 <= item <= length:
                    return False
            elif f.name.endswith(("starts", "ends")) and isinstance(item, array | list | tuple):
                if item and not (min(item) >= 0 and max(item) <= length):
                    return False
            elif not _offsets_fit(item, length):
                return False
    return True


def _fits(payload: object, article: Article) -> bool:
    if not isinstance(payload, str) or len(payload) > MAX_SCORE_PAYLOAD_CHARS:
        return False
    try:
        scores = scores_from_json(payload, article)
    except ValueError:
        return False
    return _offsets_fit((scores.prepared, scores.framing, scores.tone, scores.readability), len(article.text))


def keep_scores(
    store,
    files: Iterable[tuple[str, Callable[[], bytes]]],
    stored: Sequence[Article],
    lexicons: Iterable[Lexicon],
    seed: int = 0,
) -> KeptScores:
    """Put the scores that the results files among `files` (each a name and how to read it)
    carry into `store`'s cache, so that the articles this import `stored` open without scoring
    again. A results file is data, not authority: a row is kept only for an article this import
    stored, with the very same text, under the scorer of one of `lexicons` (the ones this
    Framelens can score with), when its scores decode and every offset lies inside the text;
    a random sample of the file's rows is scored here and must come out the same, or none of
    its scores are kept. Nothing already cached is replaced, and what is kept is marked as read
    from the file."""
    by_text = {a.text: a for a in stored}
    scorers = {scorer_key(lexicon): lexicon for lexicon in lexicons}
    kept, set_aside = 0, []
    for name, read in files:
        if not name.lower().endswith(".parquet") or not by_text:
            continue
        rows, _ = _carried(read())
        keys = {str(row.get("scorer_key")) for row in rows}
        if not rows:
            continue
        if len(keys) != 1 or next(iter(keys)) not in scorers:
            set_aside.append(
                f"{name}: its scores were made by another version of Framelens or another lexicon, "
                "so its articles are scored here"
            )
            continue
        key = next(iter(keys))
        fitting = {}
        for row in rows:
            article = by_text.get(row.get("text") or "")
            if article is not None and _fits(row.get("scores_json"), article):
                fitting[content_hash(article.text)] = (article, row["scores_json"])
        if not _same_when_scored_here(fitting, scorers[key], seed):
            set_aside.append(
                f"{name}: its scores differ from what Framelens computes for the same texts, so they were "
                "set aside and its articles are scored here"
            )
            continue
        kept += store.keep_file_scores({digest: payload for digest, (_, payload) in fitting.items()}, key, name)
    return KeptScores(kept, tuple(set_aside))


# How many of a results file's rows are scored again to check the file before its scores are kept.
SCORES_CHECKED = 16


def _same_when_scored_here(fitting: dict[str, tuple[Article, str]], lexicon: Lexicon, seed: int) -> bool:
    from analysis.scoring import score_article

    chosen = random.Random(seed).sample(sorted(fitting), min(SCORES_CHECKED, len(fitting)))
    return all(scores_to_json(score_article(fitting[d][0], lexicon)) == fitting[d][1] for d in chosen)
