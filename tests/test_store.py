"""Collections that persist: across processes, through a kill mid-import, with two writers at once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from analysis.corpus import Article
from analysis.paths import PROJECT_DIR
from analysis.readers import read_articles
from analysis.store import MIGRATIONS, SEEDS_COLLECTION, Store, StoreError, StoreUnavailable, content_hash

ARTICLE = Article(
    id="a.txt",
    title="Rebels take Hama",
    text="Rebels take Hama\n\nRebels took the city of Hama on Thursday. The army withdrew.",
    outlet="Example Times",
    author="A. Writer",
    published=dt.date(2024, 12, 5),
    url="https://example.org/a",
    source_file="a.txt",
)


def many(prefix: str, count: int) -> list[Article]:
    return [
        Article(f"{prefix}{i}.txt", f"{prefix} {i}", f"Story {prefix} number {i} about Hama and Homs.")
        for i in range(count)
    ]


def run_python(code: str, db, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    env = {**os.environ, "FRAMELENS_DB": str(db), "PYTHONPATH": str(PROJECT_DIR)}
    command = [sys.executable, "-c", textwrap.dedent(code)]
    if wait:
        return subprocess.run(command, env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True)


def test_schema_version_and_wal(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    assert store.schema_version == len(MIGRATIONS)
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_older_schema_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(MIGRATIONS[0] + "; PRAGMA user_version=1;")
        connection.execute("INSERT INTO collections (name, created) VALUES ('kept', '2024-01-01')")
    store = Store(path)
    assert store.schema_version == len(MIGRATIONS)
    assert "kept" in store.collections()


def test_import_and_read_back_everything(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    report = store.import_articles("mine", [ARTICLE])
    assert [a.id for a in report.added] == ["a.txt"]
    assert store.articles("mine") == [ARTICLE]
    assert store.collections() == {SEEDS_COLLECTION: 5, "mine": 1}


def test_duplicates_are_found_however_typed(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.import_articles("mine", [ARTICLE])
    again = Article(
        "b.txt", "Same", "Rebels  take HAMA\n\nrebels  took the CITY of Hama on Thursday.\nThe army withdrew."
    )
    seed = read_articles([PROJECT_DIR / "seeds" / "001_201251cabcee9068.txt"]).articles[0]
    report = store.import_articles("other", [again, seed])
    assert report.added == []
    assert [(d.article.id, d.existing_collection, d.existing_id) for d in report.duplicates] == [
        ("b.txt", "mine", "a.txt"),
        (seed.id, SEEDS_COLLECTION, seed.id),
    ]
    assert content_hash("\u201cA\u201d  b") == content_hash('"a" B')


def test_seeds_are_read_only(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    for action in (
        lambda: store.import_articles(SEEDS_COLLECTION, [ARTICLE]),
        lambda: store.delete_collection("seeds"),
    ):
        with pytest.raises(StoreError, match="read-only"):
            action()


def test_edit_and_delete(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.import_articles("mine", [ARTICLE, *many("x", 2)])
    store.update_article("mine", Article("a.txt", "New title", "ignored", outlet=None, author=None, published=None))
    edited = store.articles("mine")[0]
    assert (edited.title, edited.text, edited.outlet, edited.published) == ("New title", ARTICLE.text, None, None)
    store.delete_article("mine", "x0.txt")
    assert [a.id for a in store.articles("mine")] == ["a.txt", "x1.txt"]
    store.delete_collection("mine")
    assert "mine" not in store.collections()


def test_deleted_articles_wait_in_the_trash_and_come_back_whole(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    dated = replace(ARTICLE, outlet="Wire", published=dt.date(2024, 12, 5), metadata=(("lean", "left"),))
    store.import_articles("mine", [dated, *many("x", 2)])
    store.import_articles("other", many("y", 1))
    store.delete_article("mine", "x0.txt")
    store.delete_collection("other")
    assert [(t.collection, t.article_id) for t in store.trash()] == [("other", "y0.txt"), ("mine", "x0.txt")]
    assert "other" not in store.collections() and len(store.articles("mine")) == 2

    reports = store.restore([t.id for t in store.trash()])
    assert sorted(a.id for r in reports for a in r.added) == ["x0.txt", "y0.txt"]
    assert store.trash() == [] and [a.id for a in store.articles("other")] == ["y0.txt"]
    assert sorted(a.id for a in store.articles("mine")) == ["a.txt", "x0.txt", "x1.txt"]

    store.delete_article("mine", "a.txt")
    store.restore([store.trash()[0].id])
    assert next(a for a in store.articles("mine") if a.id == "a.txt") == dated  # metadata and all

    store.delete_article("mine", "a.txt")
    store.import_articles("again", [dated])  # the same text stored again meanwhile
    (report,) = store.restore([store.trash()[0].id])
    assert report.added == [] and report.duplicates[0].existing_collection == "again"
    store.delete_collection("again")
    store.empty_trash()
    assert store.trash() == []
    assert store.import_articles("fresh", [dated]).added  # a text emptied from the trash can come back


def test_survives_a_new_process(tmp_path):
    db = tmp_path / "db.sqlite"
    Store(db).import_articles("mine", [ARTICLE])
    done = run_python("from analysis.store import Store; print([a.title for a in Store().articles('mine')])", db)
    assert done.stdout.strip() == "['Rebels take Hama']", done.stderr


def test_a_kill_mid_import_leaves_nothing_half_written(tmp_path):
    db = tmp_path / "db.sqlite"
    Store(db).import_articles("before", many("b", 3))
    child = run_python(
        """
        import sys, time
        from analysis.corpus import Article
        from analysis.store import Store
        def slow():
            for i in range(1000):
                if i == 5:
                    print("inside", flush=True)
                    time.sleep(60)
                yield Article(f"k{i}.txt", f"k {i}", f"Killed import article {i} about Hama.")
        Store().import_articles("killed", slow())
        """,
        db,
        wait=False,
    )
    assert child.stdout.readline().strip() == "inside"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    store = Store(db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "killed" not in store.collections()
    assert [a.id for a in store.articles("before")] == ["b0.txt", "b1.txt", "b2.txt"]
    store.import_articles("after", many("a", 2))  # the database is not left locked
    assert store.collections()["after"] == 2


def test_two_writers_at_once_both_complete(tmp_path):
    db = tmp_path / "db.sqlite"
    Store(db)
    code = """
        import sys
        from analysis.corpus import Article
        from analysis.store import Store
        store = Store()
        for batch in range(10):
            items = [Article(f"{{batch}}-{{i}}", "t", f"{name} batch {{batch}} item {{i}} text.") for i in range(5)]
            store.import_articles("{name}", items)
        print("done")
    """
    writers = [run_python(code.format(name=name), db, wait=False) for name in ("left", "right")]
    for writer in writers:
        assert writer.communicate(timeout=120)[0].strip() == "done"
    counts = Store(db).collections()
    assert (counts["left"], counts["right"]) == (50, 50)


def test_export_and_import_elsewhere_lose_nothing(tmp_path):
    first = Store(tmp_path / "one.sqlite")
    bare = Article("c.txt", "Bare", "Bare\n\nOnly the text of this article is known.")
    first.import_articles("mine", [ARTICLE, bare])
    exported = tmp_path / "mine.jsonl"
    exported.write_text(first.export_jsonl("mine"), encoding="utf-8")
    second = Store(tmp_path / "two.sqlite")
    result = read_articles([exported])
    second.import_articles("copy", result.articles)
    assert [a.__dict__ | {"source_file": None} for a in second.articles("copy")] == [
        a.__dict__ | {"source_file": None} for a in first.articles("mine")
    ]


def test_lexicon_versions_increment(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    assert store.save_lexicon("protest", "name = 'protest'") == 1
    assert store.save_lexicon("protest", "name = 'protest' # edited") == 2
    assert store.lexicons() == [("protest", 2, "name = 'protest' # edited")]


def test_the_import_command(tmp_path, capsys):
    from analysis.cli import main

    db = tmp_path / "db.sqlite"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.text, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    assert main(["import", str(folder), "--collection", "mine", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "1 added to 'mine'" in out and "refused b.txt: empty file" in err
    assert main(["import", str(folder / "a.txt"), "--collection", "mine", "--db", str(db)]) == 0
    assert "duplicate a.txt: same text as a.txt in 'mine'" in capsys.readouterr().out
    assert main(["score", "--collection", "mine", "--db", str(db), "--format", "csv"]) == 0
    assert "a.txt" in capsys.readouterr().out
    assert main(["overlap", "--collection", "mine", "--collection", "seeds", "--db", str(db)]) == 0
    assert main(["sources", "--collection", "nope", "--db", str(db)]) == 2
    assert "no collection named 'nope'" in capsys.readouterr().err


def test_a_corrupt_database_leaves_the_seeds_working(tmp_path):
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(b"this is not a database at all" * 100)
    store = Store(db)
    assert "cannot be used" in store.problem and "move the file aside" in store.problem
    assert store.collections() == {SEEDS_COLLECTION: 5}
    assert len(store.articles(SEEDS_COLLECTION)) == 5
    assert store.cached_scores(["x"], "key") == {} and store.cache_scores({"x": "{}"}, "key") is False
    with pytest.raises(StoreUnavailable, match="cannot be used"):
        store.import_articles("mine", [ARTICLE])


def test_a_database_in_a_folder_that_cannot_be_made(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    store = Store(blocker / "sub" / "db.sqlite")
    assert store.problem and store.collections() == {SEEDS_COLLECTION: 5}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write any file, so nothing is read-only for it")
def test_a_read_only_database_is_read_but_not_written(tmp_path):
    db = tmp_path / "ro.sqlite"
    Store(db).import_articles("mine", [ARTICLE])
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        store = Store(db)
        assert store.read_only and not store.problem
        assert store.articles("mine") == [ARTICLE]
        with pytest.raises(StoreError, match="read-only"):
            store.import_articles("other", many("r", 1))
    finally:
        tmp_path.chmod(0o755)


def test_a_read_only_database_file(tmp_path, monkeypatch):
    """As root nothing is read-only on disk, so the store is told what `os.access` would say."""
    db = tmp_path / "ro.sqlite"
    Store(db).import_articles("mine", [ARTICLE])
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    monkeypatch.setattr("analysis.store.database.os.access", lambda path, mode: mode != os.W_OK)
    store = Store(db)
    assert store.read_only and not store.problem
    assert store.articles("mine") == [ARTICLE]
    with pytest.raises(StoreError, match="read-only"):
        store.import_articles("other", many("r", 1))
    assert store.cache_scores({"x": "{}"}, "key") is False


def test_reading_does_not_wait_for_a_writer(tmp_path):
    db = tmp_path / "db.sqlite"
    Store(db).import_articles("mine", [ARTICLE])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    try:
        store = Store(db)
        assert store.collections()["mine"] == 1 and store.articles("mine") == [ARTICLE]
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_second_writer_waits_for_the_first(tmp_path):
    db = tmp_path / "db.sqlite"
    Store(db)
    holder = run_python(
        """
        import sqlite3, time
        from analysis.store import Store
        connection = sqlite3.connect(Store().path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        time.sleep(3)
        connection.execute("COMMIT")
        """,
        db,
        wait=False,
    )
    assert holder.stdout.readline().strip() == "locked"
    report = Store(db).import_articles("second", many("s", 3))
    assert len(report.added) == 3
    holder.wait(timeout=30)


def test_twenty_thousand_rows_that_share_an_id_get_distinct_ids(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    rows = [Article("row", f"t{i}", f"Article number {i} about the city of Hama.") for i in range(20_000)]
    report = store.import_articles("shared", rows)
    ids = [a.id for a in report.added]
    assert len(set(ids)) == 20_000 and ids[:3] == ["row", "row (2)", "row (3)"]
    again = store.import_articles("shared", [Article("row", "t", "One more article about Homs.")])
    assert again.added[0].id == "row (20001)"


@pytest.mark.parametrize("name", [" seeds", "SEEDS", "seeds ", "", "   ", "a\x00b", "x" * 81])
def test_collection_names_that_would_hide_or_break_are_refused(tmp_path, name):
    store = Store(tmp_path / "db.sqlite")
    with pytest.raises(StoreError):
        store.import_articles(name, [ARTICLE])
    assert store.collections() == {SEEDS_COLLECTION: 5}


def test_collection_names_are_tidied(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    assert store.import_articles("  my   clippings ", [ARTICLE]).collection == "my clippings"
    assert "my clippings" in store.collections()


def test_an_import_of_duplicates_only_leaves_no_empty_collection(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    seed = read_articles([PROJECT_DIR / "seeds" / "001_201251cabcee9068.txt"]).articles[0]
    report = store.import_articles("copies", [seed])
    assert not report.added and report.duplicates
    assert "copies" not in store.collections()


def test_opening_twice_migrates_once(tmp_path, monkeypatch):
    db = tmp_path / "db.sqlite"
    Store(db)
    calls = []
    monkeypatch.setattr(Store, "_migrate", lambda self: calls.append(self))
    Store(db)
    assert calls == []


def test_the_command_line_says_what_is_wrong_with_the_database(tmp_path):
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(b"not a database" * 100)
    for command in (["score", "--collection", "mine"], ["import", str(PROJECT_DIR / "seeds"), "--collection", "x"]):
        done = subprocess.run(
            [sys.executable, "-m", "analysis", *command, "--db", str(db)],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2 and "cannot be used" in done.stderr and "Traceback" not in done.stderr
    seeds = subprocess.run(
        [sys.executable, "-m", "analysis", "score", "--collection", "seeds", "--db", str(db), "--format", "csv"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert seeds.returncode == 0 and seeds.stdout.count("\n") == 6


def test_deleting_what_another_session_deleted_says_so(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.import_articles("c", [Article("a", "A", "Rebels took Hama."), Article("b", "B", "The army withdrew.")])
    assert store.delete_article("c", "a") == 1
    assert store.delete_article("c", "a") == 0  # the second session's click: nothing left to move
    assert len(store.trash()) == 1
    assert store.delete_collection("c") == 1 and store.delete_collection("c") == 0
