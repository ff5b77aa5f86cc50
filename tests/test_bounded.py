"""Every reader and every analysis of a text is bounded: time that grows in proportion to the
input (never with its square), memory held to a limit, and a child process for the dashboard's
uploads, so that no file can hold up the server or the rest of its batch."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus import Article
from analysis.errors import RefusedInput
from analysis.isolation import Refused, run_isolated, stream_isolated
from analysis.readers import read_file, read_upload, read_uploads, stream_saved_uploads
from analysis.scoring import score_article
from analysis.sources import article_sources
from analysis.store import Store, content_hash
from analysis.text import prepare
from benchmarks.hostile import HOSTILE_FILES, dictionary_bomb

HOSTILE_TEXTS = {
    "full stops": lambda n: "Rebels took Hama" + "." * n,
    "reporting verbs": lambda n: "Rebels took Hama. " + "he said, " * (n // 9),
    "quoted and said": lambda n: "Rebels took Hama. " + '"x," he said. ' * (n // 14),
    "open quotation marks": lambda n: "Rebels took Hama. " + '"a ' * (n // 3),
    "apostrophes": lambda n: "Rebels took Hama. " + "'a " * (n // 3),
    "blank lines": lambda n: "Rebels took Hama.\n" + "\n" * n,
    "bullets": lambda n: "Rebels took Hama\n" + "- a\n" * (n // 4),
    "capitals": lambda n: "Rebels took Hama. " + "Mr. Al-Bab " * (n // 11),
}


def _fastest(work, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        with contextlib.suppress(RefusedInput):
            work()
        best = min(best, time.perf_counter() - start)
    return best


def _grows_linearly(work_at) -> tuple[bool, float, float]:
    """Whether four times the input takes less than eight times as long (a quadratic pattern
    takes sixteen), with a little slack for timer noise on inputs read in milliseconds."""
    small, large = _fastest(work_at(1)), _fastest(work_at(4))
    return large < 8 * small + 0.05, small, large


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_every_reader_takes_time_in_proportion_to_the_file(name):
    make = HOSTILE_FILES[name]
    linear, small, large = _grows_linearly(lambda k: lambda: read_upload(name, make(10_000 * k)))
    assert linear, f"{name}: {small:.3f} s at 10 KB, {large:.3f} s at 40 KB"


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_scoring_and_sources_take_time_in_proportion_to_the_text(name):
    make = HOSTILE_TEXTS[name]

    def work_at(k):
        text = make(5_000 * k)
        return lambda: (score_article(Article("x", "x", text)), article_sources(prepare(text)))

    linear, small, large = _grows_linearly(work_at)
    assert linear, f"{name}: {small:.3f} s at 5,000 characters, {large:.3f} s at 20,000"


def test_a_parquet_decompression_bomb_is_refused_and_the_batch_goes_on(tmp_path):
    bomb = dictionary_bomb()
    assert len(bomb) < 100_000
    with pytest.raises(RefusedInput, match="decompression bomb"):
        read_upload("bomb.parquet", bomb)
    batch = read_uploads([("bomb.parquet", bomb), ("good.txt", b"Rebels took Hama. The army withdrew.")])
    assert [a.id for a in batch.articles] == ["good.txt"] and batch.refusals[0].id == "bomb.parquet"


def test_a_parquet_table_counts_its_rows_not_its_batches(tmp_path, monkeypatch):
    from analysis.limits import PARQUET_BATCH_ROWS

    limit = 3 * PARQUET_BATCH_ROWS + 7  # a few batches, the last cut short
    monkeypatch.setattr("analysis.table_files.MAX_TABLE_ROWS", limit)
    rows = limit + 5
    pq.write_table(pa.table({"text": [f"Article {i} text about Hama." for i in range(rows)]}), tmp_path / "t.parquet")
    uploaded = read_upload("t.parquet", (tmp_path / "t.parquet").read_bytes())
    for result in (uploaded, read_file(tmp_path / "t.parquet")):  # an upload's bytes, a file read in a stream
        assert [a.text for a in result.articles] == [f"Article {i} text about Hama." for i in range(limit)]
        assert f"only the first {limit:,} of {rows:,} rows" in " ".join(result.notes)


def test_one_bad_timestamp_empties_its_cell_not_the_file(tmp_path):
    stamps = pa.array([0, 2**60], pa.timestamp("ms"))  # the second is far past the year 9999
    pq.write_table(pa.table({"text": ["Rebels took Hama.", "The army withdrew."], "date": stamps}), tmp_path / "d.pq")
    result = read_upload("dates.parquet", (tmp_path / "d.pq").read_bytes())
    assert len(result.articles) == 2 and result.articles[0].published is not None
    assert result.articles[1].published is None and "not understood" in " ".join(result.notes)


WORD_EMOJI_RTF = b"{\\rtf1\\ansi\\uc1 Rebels took Hama \\u-10179?\\u-8704? on Thursday. The army withdrew.\\par}"
LONE_SURROGATE_JSON = b'[{"title": "A \\ud83d\\ude00 day", "text": "Rebels took Hama \\ud800 on Thursday."}]'


def test_surrogates_are_joined_or_replaced_and_the_whole_batch_is_stored(tmp_path):
    batch = read_uploads(
        [
            ("emoji.rtf", WORD_EMOJI_RTF),
            ("lone.json", LONE_SURROGATE_JSON),
            ("plain.txt", b"The army withdrew from Hama."),
            ("note.md", b"# Hama\n\nResidents said the army had gone."),
        ]
    )
    texts = {a.id: a.text for a in batch.articles}
    assert "Hama \U0001f600 on Thursday" in texts["emoji.rtf"]
    assert "Hama \ufffd on Thursday" in texts["lone.json#1"] and "A \U0001f600 day" in texts["lone.json#1"]
    assert any("surrogate" in note for note in batch.notes)
    for text in texts.values():
        text.encode("utf-8")  # valid Unicode throughout
        content_hash(text)
    report = Store(tmp_path / "db.sqlite").import_articles("mixed", batch.articles)
    assert len(report.added) == 4


def test_rtf_with_binary_data_or_a_byte_order_mark(tmp_path):
    import random

    draw = random.Random(1)
    noise = bytes(draw.randrange(256) for _ in range(4_000))
    with pytest.raises(RefusedInput, match="binary data"):
        read_upload("noise.rtf", b"{\\rtf1 " + noise + b"}")
    (article,) = read_upload("bom.rtf", b"\xef\xbb\xbf{\\rtf1\\ansi Rebels took Hama.\\par}").articles
    assert article.title == "Rebels took Hama." and "rtf" not in article.text


def _sleep_then_echo(seconds: float, value: str) -> str:
    time.sleep(seconds)
    return value


def _allocate(gigabytes: int) -> int:
    return len(bytearray(gigabytes * 1_000_000_000))


def test_a_child_process_refuses_slow_or_greedy_work_on_its_own():
    results = run_isolated(_sleep_then_echo, [(0, "first"), (30, "slow"), (0, "last")], seconds=2)
    assert results[0] == "first" and results[2] == "last"
    assert isinstance(results[1], Refused) and "longer than 2 s" in results[1].reason
    greedy = run_isolated(_allocate, [(1,), (8,)], memory=3_000_000_000)
    assert greedy[0] == 1_000_000_000 and isinstance(greedy[1], Refused) and "memory" in greedy[1].reason


def _parts(count: int, seconds: float, fail_after: int | None = None):
    for number in range(count):
        if number == fail_after:
            raise RefusedInput(f"part {number} is broken")
        time.sleep(seconds)
        yield f"part {number}"


def test_work_in_parts_comes_back_part_by_part_with_the_deadline_on_each_part():
    # Six parts of 0.5 s take 3 s in all, past a 2 s deadline, yet each arrives within it.
    streamed = list(stream_isolated(_parts, [(6, 0.5), (3, 0, 2), (1, 30), (1, 0)], seconds=2))
    assert streamed[:6] == [(0, f"part {n}") for n in range(6)]
    assert streamed[6:8] == [(1, "part 0"), (1, "part 1")]
    assert streamed[8][0] == 1 and streamed[8][1] == Refused("part 2 is broken")  # after the parts before it
    assert streamed[9][0] == 2 and "longer than 2 s" in streamed[9][1].reason
    assert streamed[10:] == [(3, "part 0")]  # the batch goes on after a part that was too slow


def test_a_table_upload_read_in_a_child_comes_in_parts_equal_to_one_read_here(tmp_path):
    rows = [f"Article {i}: rebels took Hama on Thursday and the army withdrew." for i in range(5_000)]
    (tmp_path / "0.csv").write_text("text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "1.txt").write_bytes(b"")
    parts = list(stream_saved_uploads([("big.csv", tmp_path / "0.csv"), ("empty.txt", tmp_path / "1.txt")]))
    assert len(parts) == 4  # 2,000 rows a part, then the empty file's refusal
    assert [p.share_read for p in parts[:3]] == sorted(p.share_read for p in parts[:3]) and parts[2].share_read == 1
    assert [a.text for p in parts for a in p.articles] == rows
    assert [a.text for a in read_upload("big.csv", (tmp_path / "0.csv").read_bytes()).articles] == rows
    assert [(r.id, r.reason) for r in parts[3].refusals] == [("empty.txt", "empty file")]


def test_uploads_read_in_a_child_match_those_read_here():
    files = [
        ("emoji.rtf", WORD_EMOJI_RTF),
        ("lone.json", LONE_SURROGATE_JSON),
        ("binary.txt", bytes(range(256)) * 4),
        ("empty.txt", b""),
    ]
    here, there = read_uploads(files), read_uploads(files, isolated=True)
    assert (here.articles, here.refusals, here.notes) == (there.articles, there.refusals, there.notes)


ORPHAN_SCRIPT = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
from analysis.isolation import die_with_parent
pool = ProcessPoolExecutor(2, initializer=die_with_parent if sys.argv[1] == "guarded" else None)
pids = set(pool.submit(__import__("os").getpid).result() for _ in range(4))
print(" ".join(map(str, pool._processes)), flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("guarded", [True, False])
def test_workers_end_when_their_parent_is_killed(tmp_path, guarded):
    """A kill -9 of an import (or a score) leaves none of its worker processes running."""
    import os
    import signal
    import subprocess
    import sys

    from analysis.isolation import pid_alive

    root = Path(__file__).resolve().parent.parent
    parent = subprocess.Popen(
        [sys.executable, "-c", ORPHAN_SCRIPT, "guarded" if guarded else "plain"],
        stdout=subprocess.PIPE,
        cwd=root,
        text=True,
    )
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(pid_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(pid_alive(pid) for pid in workers):
        time.sleep(0.1)
    survivors = [pid for pid in workers if pid_alive(pid)]
    for pid in survivors:  # the unguarded case shows the test can fail: clean up after it
        os.kill(pid, signal.SIGKILL)
    assert bool(survivors) is not guarded
