"""The Dask engine on a LocalCluster of two workers: the same scores, pairs and passages as the
in-process engine, results as Parquet, and a results file opened as a collection."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from analysis.cli import main
from analysis.lexicon import load_lexicon
from analysis.overlap import compare_articles
from analysis.overlap.alignment import key_matrix, sentence_words
from analysis.overlap.candidates import rare_run_pairs, sentence_buckets
from analysis.overlap.model import Document
from analysis.overlap.passages import aside_keys, common_passages
from analysis.overlap.words import distinct_sorted, run_keys
from analysis.pipeline import comparable_documents, score_all
from analysis.records import pair_record, score_record
from benchmarks.corpus import build_corpus

distributed = pytest.importorskip("distributed")

from analysis.cluster import (  # noqa: E402
    DaskPairSearch,
    DaskScorer,
    check_scheduler,
    dask_client,
    prepared_documents,
    stable_run_keys,
)

# Above `ALL_PAIRS_UP_TO` (120), so that candidate pairs are searched for, not all compared.
ARTICLES = 260


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as client:
        yield client


@pytest.fixture(scope="module")
def corpus():
    articles, _ = build_corpus(ARTICLES, random_state=11)
    return articles


@pytest.fixture(scope="module")
def local_scores(corpus):
    return score_all(corpus, load_lexicon(), workers=1)


def test_two_workers_score_as_this_process_does(client, corpus, local_scores):
    assert len(client.scheduler_info()["workers"]) == 2
    on_cluster = score_all(corpus, load_lexicon(), scorer=DaskScorer(client))
    assert [score_record(s) for s in on_cluster] == [score_record(s) for s in local_scores]


def test_documents_prepared_on_the_cluster_are_those_prepared_here(client, corpus):
    steps = []
    on_cluster = prepared_documents(client, corpus, progress=lambda done, total, step: steps.append((done, total)))
    here = comparable_documents(corpus, workers=1)
    assert [vars(d) for d in on_cluster] == [vars(d.with_facts()) for d in here]  # in order, with their facts
    assert {"stems", "sentence_words", "sentence_names"} <= set(vars(on_cluster[0]))
    assert steps[-1] == (len(corpus), len(corpus)) and len(steps) == -(-len(corpus) // 64)


def test_the_joins_on_the_cluster_find_the_pairs_this_process_finds(client, local_scores):
    documents = [Document.from_prepared(s.article, s.prepared) for s in local_scores]
    words = sentence_words(documents)
    for boilerplate in (frozenset(), common_passages(documents, 8, 5)):
        search = DaskPairSearch(client, documents, words, 8, boilerplate)
        keys = [distinct_sorted(run_keys(d.tokens, 8)) for d in documents]
        local = rare_run_pairs(key_matrix(keys, aside_keys(boilerplate)))
        assert local and search.rare_run_pairs() == local
    assert search.sentence_buckets() == sentence_buckets(words)
    assert boilerplate  # the second round set some runs aside


def test_overlap_with_the_cluster_s_pairs_is_the_same_overlap(client, local_scores):
    prepared = [(s.article, s.prepared) for s in local_scores]
    local = compare_articles(prepared, by_meaning=False)

    def on_cluster(*args):
        return DaskPairSearch(client, *args)

    remote = compare_articles(prepared, by_meaning=False, pair_search=on_cluster)
    assert [pair_record(p) for p in remote.pairs] == [pair_record(p) for p in local.pairs]
    assert sum(len(p.shared_passages) for p in local.pairs) > 0


def test_run_hashes_are_the_same_in_every_process():
    tokens = ("the", "army", "withdrew", "from", "hama", "on", "thursday", "night", "as", "rebels")
    here = stable_run_keys(tokens, 8).tolist()
    code = f"from analysis.cluster import stable_run_keys; print(stable_run_keys({tokens!r}, 8).tolist())"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert json.loads(out.stdout) == here
    assert len(set(here)) == 3 and np.asarray(here).dtype == np.int64


def test_the_command_line_on_dask_writes_parquet_that_opens_as_a_collection(tmp_path, capsys, corpus):
    import pandas as pd

    folder = tmp_path / "articles"
    folder.mkdir()
    for article in corpus[:150]:
        (folder / f"{article.id}.md").write_text(f"---\noutlet: {article.outlet}\n---\n{article.text}", "utf-8")
    common = [str(folder), "--format", "json", "--db", str(tmp_path / "one.sqlite")]
    assert main(["score", *common]) == 0
    local = json.loads(capsys.readouterr().out)["articles"]
    out = tmp_path / "results"
    dask = ["--engine", "dask", "--dask-workers", "2", "--parquet", str(out)]
    assert main(["score", *common[:-1], str(tmp_path / "two.sqlite"), *dask]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == local
    assert (
        main(["overlap", str(folder), "--format", "json", "--align", "words", "--db", str(tmp_path / "one.sqlite")])
        == 0
    )
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert (
        main(
            [
                "overlap",
                str(folder),
                "--format",
                "json",
                "--align",
                "words",
                "--db",
                str(tmp_path / "two.sqlite"),
                *dask,
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["pairs"] == pairs

    scores = pd.read_parquet(out / "scores.parquet")
    assert len(scores) == 150 and {"text", "loaded_per_1k", "scores_json", "scorer_key"} <= set(scores.columns)
    assert len(pd.read_parquet(out / "pairs.parquet")) == len(pairs)
    assert len(pd.read_parquet(out / "passages.parquet")) == sum(len(p["shared_passages"]) for p in pairs)

    # Opened as a collection in a new database: every score is read back, none computed again.
    fresh = str(tmp_path / "fresh.sqlite")
    assert main(["import", str(out / "scores.parquet"), "--collection", "cluster run", "--db", fresh]) == 0
    assert "150 articles' scores read from the results file" in capsys.readouterr().out
    from analysis.store import Store

    assert main(["score", "--collection", "cluster run", "--db", fresh, "--format", "json"]) == 0
    reopened = json.loads(capsys.readouterr().out)["articles"]
    assert reopened == local
    assert (
        len(Store(fresh).cached_scores({r["content_hash"] for r in scores.to_dict("records")}, scores["scorer_key"][0]))
        == 150
    )


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    code = main(
        [
            "score",
            "--collection",
            "seeds",
            "--db",
            str(tmp_path / "x.sqlite"),
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:9",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "could not be reached" in err and "Traceback" not in err


def test_the_local_cluster_listens_on_this_machine_only(client):
    from urllib.parse import urlsplit

    assert urlsplit(client.scheduler.address).hostname == "127.0.0.1"
    assert urlsplit(client.dashboard_link).hostname == "127.0.0.1"
    check_scheduler(client.scheduler.address)  # a real scheduler passes the check


@pytest.mark.parametrize("greeting", [b"HTTP/1.1 200 OK\r\n\r\nhello", b""])
def test_an_address_that_is_not_a_scheduler_is_refused_at_once(tmp_path, capsys, greeting):
    """A web server, or a port that accepts and says nothing: a clear error, not minutes of waiting
    or an allocation of exabytes."""
    import socket
    import threading
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def answer():
        connection, _ = server.accept()
        if greeting:
            connection.sendall(greeting)
        time.sleep(3)
        connection.close()

    threading.Thread(target=answer, daemon=True).start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    started = time.monotonic()
    code = main(
        [
            "score",
            "--collection",
            "seeds",
            "--db",
            str(tmp_path / "x.sqlite"),
            "--engine",
            "dask",
            "--scheduler",
            address,
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "not as a Dask scheduler" in err and "Traceback" not in err
    assert time.monotonic() - started < 30
    server.close()
