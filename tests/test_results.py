"""Results files are data, not authority: what an import keeps of the scores they carry."""

from __future__ import annotations

import json
from dataclasses import replace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.lexicon import load_lexicon
from analysis.pipeline import scorer_key
from analysis.results import MARK, SCORES_FILE, keep_scores, write_scores
from analysis.scoring import score_articles, scores_to_json
from analysis.store import Store, content_hash


@pytest.fixture(scope="module")
def new_articles(seeds):
    """Articles that are not the seeds: each seed with a sentence of its own added."""
    return [replace(a, id=f"new-{a.id}", text=f"{a.text}\n\nA closing line number {n}.") for n, a in enumerate(seeds)]


def _results_file(folder, articles, edit=None):
    """A results file written by Framelens for `articles`, its rows changed by `edit` when given."""
    path = write_scores(folder, score_articles(articles), load_lexicon())
    if edit is None:
        return path
    table = pq.read_table(path)
    rows = table.to_pylist()
    for row in rows:
        edit(row)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    return path


def _forged(row: dict) -> None:
    """Every label in the article counted as the most legitimising group, a reading grade of 1."""
    cached = json.loads(row["scores_json"])
    cached["readability"]["flesch_kincaid_grade"] = 1.0
    row["scores_json"] = json.dumps(cached)


def _cache_rows(database) -> int:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT COUNT(*) FROM scores").fetchone()[0]


def test_a_results_file_naming_the_seeds_leaves_their_scores_alone(tmp_path, seeds, seed_scores, capsys):
    path = _results_file(tmp_path / "out", seeds, _forged)
    database = tmp_path / "db.sqlite"
    main(["import", str(path), "--collection", "crafted", "--db", str(database)])
    assert "scores read" not in capsys.readouterr().out
    assert _cache_rows(database) == 0  # the seeds were not stored by the import: nothing is cached for them
    assert main(["score", "--collection", "seeds", "--db", str(database), "--format", "json"]) == 0
    scored = {r["id"]: r for r in json.loads(capsys.readouterr().out)["articles"]}
    for article_id, scores in seed_scores.items():
        assert scored[article_id]["readability"]["flesch_kincaid_grade"] == pytest.approx(
            scores.readability.flesch_kincaid_grade, abs=0.01
        )


def test_a_genuine_results_file_is_kept_and_marked_as_read_from_it(tmp_path, new_articles):
    path = _results_file(tmp_path / "out", new_articles)
    store = Store(tmp_path / "db.sqlite")
    report = store.import_articles("reopened", [replace(a, source_file=None) for a in new_articles])
    kept = keep_scores(store, [(SCORES_FILE, path.read_bytes)], report.added, [load_lexicon()])
    assert kept.kept == len(new_articles) and not kept.set_aside
    key = scorer_key(load_lexicon())
    hashes = [content_hash(a.text) for a in new_articles]
    assert store.file_scores(hashes, key) == dict.fromkeys(hashes, SCORES_FILE)
    store.forget_file_scores(hashes[:2], key)  # "Score them here"
    assert set(store.file_scores(hashes, key)) == set(hashes[2:])
    assert set(store.cached_scores(hashes, key)) == set(hashes[2:])


def test_forged_scores_are_set_aside_and_never_replace_what_is_cached(tmp_path, new_articles):
    store = Store(tmp_path / "db.sqlite")
    report = store.import_articles("forged", new_articles)
    key = scorer_key(load_lexicon())
    path = _results_file(tmp_path / "out", new_articles, _forged)
    kept = keep_scores(store, [(SCORES_FILE, path.read_bytes)], report.added, [load_lexicon()])
    assert kept.kept == 0 and "differ from what Framelens computes" in kept.set_aside[0]
    assert store.cached_scores([content_hash(a.text) for a in new_articles], key) == {}

    genuine = {content_hash(s.article.text): scores_to_json(s) for s in score_articles(new_articles[:1])}
    store.cache_scores(genuine, key)
    honest = _results_file(tmp_path / "again", new_articles)
    kept = keep_scores(store, [(SCORES_FILE, honest.read_bytes)], report.added, [load_lexicon()])
    assert kept.kept == len(new_articles) - 1  # the entry already cached stays as it was computed here
    assert store.file_scores(list(genuine), key) == {}


def test_rows_for_articles_not_stored_and_invented_scorers_add_nothing(tmp_path, new_articles):
    store = Store(tmp_path / "db.sqlite")
    report = store.import_articles("some", new_articles[:2])
    path = _results_file(tmp_path / "out", new_articles)
    kept = keep_scores(store, [(SCORES_FILE, path.read_bytes)], report.added, [load_lexicon()])
    assert kept.kept == 2  # the three rows whose articles this import did not store are not kept

    def invented(row: dict) -> None:
        row["scorer_key"] = f"invented-{row['id']}"

    other = Store(tmp_path / "other.sqlite")
    report = other.import_articles("some", new_articles)
    path = _results_file(tmp_path / "invented", new_articles, invented)
    kept = keep_scores(other, [(SCORES_FILE, path.read_bytes)], report.added, [load_lexicon()])
    assert kept.kept == 0 and _cache_rows(tmp_path / "other.sqlite") == 0


def test_offsets_outside_the_text_are_not_kept(tmp_path, new_articles):
    def stretched(row: dict) -> None:
        cached = json.loads(row["scores_json"])
        cached["prepared"]["sentences"][0]["end"] = 10**9
        row["scores_json"] = json.dumps(cached)

    store = Store(tmp_path / "db.sqlite")
    report = store.import_articles("stretched", new_articles)
    path = _results_file(tmp_path / "out", new_articles, stretched)
    assert keep_scores(store, [(SCORES_FILE, path.read_bytes)], report.added, [load_lexicon()]).kept == 0


def test_the_seeds_own_results_file_stores_nothing_again(tmp_path, seeds, capsys):
    """Re-importing the seeds' results file: every article is a duplicate (the title column is not
    put in front of the stored text, which made seed 002 a new article)."""
    path = _results_file(tmp_path / "out", seeds)
    assert pq.read_schema(path).metadata[MARK]
    database = tmp_path / "db.sqlite"
    assert main(["import", str(path), "--collection", "again", "--db", str(database)]) == 0
    out = capsys.readouterr().out
    assert "0 added" in out and out.count("duplicate ") == len(seeds)


def test_every_parquet_file_names_the_method_it_was_made_with(tmp_path, capsys):
    from analysis.method import fingerprint, method_record
    from analysis.results import PAIRS_FILE, PASSAGES_FILE, method_of
    from analysis.version import __version__

    folder = tmp_path / "out"
    where = ["--collection", "seeds", "--db", str(tmp_path / "db.sqlite"), "--parquet", str(folder)]
    assert main(["score", *where]) == 0 and main(["overlap", *where]) == 0
    for name in (SCORES_FILE, PAIRS_FILE, PASSAGES_FILE):
        record = method_of(folder / name)
        run = record.pop("run")
        assert run["command"] in ("score", "overlap") and run["options"]["parquet"] == str(folder)
        assert record.pop("method_fingerprint") == fingerprint(method_record())  # the defaults, on the seeds
        assert record == {"framelens": __version__, **method_record()}, name
