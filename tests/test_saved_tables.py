"""Analysed tables kept on disk between runs of the dashboard."""

from __future__ import annotations

from analysis.tables.saved import forget_saved, read_saved, save, tables_key


def test_what_is_saved_is_read_back_under_its_key_only(tmp_path):
    key = tables_key("fingerprint", "lexicon", 1)
    assert key != tables_key("fingerprint", "lexicon", 2)
    save(tmp_path, key, {"tables": [1, 2, 3]})
    assert read_saved(tmp_path, key) == {"tables": [1, 2, 3]}
    assert read_saved(tmp_path, tables_key("another")) is None
    assert not list(tmp_path.glob("*.partial"))


def test_a_file_cut_short_is_deleted_and_analysed_again(tmp_path):
    key = tables_key("x")
    save(tmp_path, key, list(range(1000)))
    path = next(tmp_path.glob("*.tables"))
    path.write_bytes(path.read_bytes()[:50])
    assert read_saved(tmp_path, key) is None and not path.exists()


def test_only_the_most_recently_used_are_kept_and_all_can_be_forgotten(tmp_path):
    for number in range(6):
        save(tmp_path, tables_key(number), number, keep=3)
    kept = [n for n in range(6) if read_saved(tmp_path, tables_key(n)) is not None]
    assert kept == [3, 4, 5]
    forget_saved(tmp_path)
    assert not list(tmp_path.glob("*.tables"))
