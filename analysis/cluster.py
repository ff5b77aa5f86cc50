"""Scoring and overlap on a Dask cluster, for corpora past one machine.

The workers run the same per-article functions as the in-process engine (`score_article`, the
preparation of a document for overlap, the MinHash signatures, the word runs), so the numbers and
the shared passages are the same. What
is corpus-wide stays with the client: the TF-IDF vectors, the nearest neighbours and the
comparison of the candidate pairs. The candidate pairs themselves come from joins on the
cluster, as passim finds reuse: each document's word runs hashed with blake2b (stable across
processes, unlike Python's salted `hash`), the runs held by 2 to `RARE_RUN_ARTICLES` documents
joined on their hash, and the sentence MinHash buckets shuffled on their key.

Dask is imported only here, and only when the engine is asked for.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pandas as pd

from analysis.corpus import Article
from analysis.lexicon import Lexicon
from analysis.overlap.candidates import band_key, bucket_meetings, bucket_partners, minhash
from analysis.overlap.model import Document
from analysis.overlap.settings import LSH_BANDS, LSH_ROWS, MIN_SHARED_RUNS, RARE_RUN_ARTICLES
from analysis.overlap.words import distinct_sorted
from analysis.pipeline import Progress
from analysis.scoring import ArticleScores, score_article, scores_to_json
from analysis.tone import load_loaded_words

# Articles a task scores: enough that sending a task costs little beside its work.
SCORE_CHUNK = 64
# Documents per partition of the joins.
JOIN_CHUNK = 500


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A client of the cluster at `scheduler` ("tcp://host:8786"), or of a `LocalCluster` of
    `workers` single-threaded processes on this machine (one per core by default)."""
    from distributed import Client, LocalCluster

    if scheduler:
        check_scheduler(scheduler)
        with Client(scheduler, timeout="10s") as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # the scheduler and its dashboard on this machine only
            dashboard_address="127.0.0.1:0",  # any free port: two clusters on one machine do not collide
            silence_logs=40,  # errors only: the progress bar is the one thing on stderr
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


# A Dask scheduler greets every new connection at once with a message whose first 8 bytes count
# its frames (a handful). Anything else, or silence, is not a scheduler: handing such an address
# to Dask hangs for minutes, or reads a length of exabytes from the first bytes it gets.
GREETING_SECONDS = 5.0
MOST_FRAMES = 64


def check_scheduler(address: str, seconds: float = GREETING_SECONDS) -> None:
    """Raise OSError unless a Dask scheduler answers at `address` ("tcp://host:port")."""
    import socket
    import struct
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "") or not parts.hostname or not parts.port:
        raise OSError(f"give the address as tcp://HOST:PORT (got {address!r})")
    with socket.create_connection((parts.hostname, parts.port), timeout=seconds) as connection:
        first = b""
        try:
            while len(first) < 8:
                chunk = connection.recv(8 - len(first))
                if not chunk:
                    break
                first += chunk
        except TimeoutError:
            pass
    if len(first) < 8 or not 0 < struct.unpack("<Q", first)[0] <= MOST_FRAMES:
        raise OSError(f"something answers at {address}, but not as a Dask scheduler")


def _score_chunk(articles: Sequence[Article], lexicon: Lexicon) -> list[tuple[ArticleScores, str]]:
    """On a worker: each article's scores, and their JSON for the client's cache. The scores
    travel as Dask sends every result (pickled, between the client and its own workers): the
    client reads them back several times faster than it would rebuild them from the JSON."""
    words = load_loaded_words()
    scored = [score_article(a, lexicon, words) for a in articles]
    return [(s, scores_to_json(s)) for s in scored]


class DaskScorer:
    """Scores articles on the cluster: a drop-in for the pipeline's process pool."""

    def __init__(self, client) -> None:
        self.client = client

    def __call__(
        self, articles: Sequence[Article], missing: list[int], lexicon: Lexicon
    ) -> Iterator[tuple[int, ArticleScores, str | None, str | None]]:
        from distributed import as_completed

        if not missing:
            return
        chunks = [missing[k : k + SCORE_CHUNK] for k in range(0, len(missing), SCORE_CHUNK)]
        [shared] = self.client.scatter([lexicon], broadcast=True)
        futures = {
            self.client.submit(_score_chunk, [articles[i] for i in chunk], shared, pure=False): chunk
            for chunk in chunks
        }
        for future, data in as_completed(futures, with_results=True):
            for index, (scores, payload) in zip(futures[future], data, strict=True):
                yield index, scores, payload, None


def _documents_chunk(articles: Sequence[Article]) -> list[Document]:
    """On a worker: each article as the comparison reads it, with its facts (stems, content words,
    each sentence's words and names) made there."""
    return [Document.of(article).with_facts() for article in articles]


def prepared_documents(client, articles: Sequence[Article], progress: Progress | None = None) -> list[Document]:
    """Every article as overlap compares it, prepared on the cluster in chunks: what
    `comparable_documents` makes on this machine's cores, without scoring."""
    from distributed import as_completed

    chunks = [range(k, min(k + SCORE_CHUNK, len(articles))) for k in range(0, len(articles), SCORE_CHUNK)]
    futures = {client.submit(_documents_chunk, [articles[i] for i in chunk], pure=False): chunk for chunk in chunks}
    documents: list[Document | None] = [None] * len(articles)
    done = 0
    for future, found in as_completed(futures, with_results=True):
        for index, document in zip(futures[future], found, strict=True):
            documents[index] = document
        done += len(found)
        if progress:
            progress(done, len(articles), f"Preparing {found[-1].id}")
    filled = [document for document in documents if document is not None]
    if len(filled) != len(documents):
        raise RuntimeError("the cluster returned fewer documents than it was given")
    return filled


def stable_run_keys(tokens: Sequence[str], n: int) -> np.ndarray:
    """A 64-bit blake2b hash of each run of `n` tokens: the same on every machine and process."""
    count = max(0, len(tokens) - n + 1)
    keys = np.empty(count, dtype=np.int64)
    for k in range(count):
        digest = hashlib.blake2b("\x1f".join(tokens[k : k + n]).encode(), digest_size=8).digest()
        keys[k] = int.from_bytes(digest, "little", signed=True)
    return keys


def _run_rows(part: tuple[int, list[tuple[str, ...]]], min_words: int, aside: np.ndarray) -> pd.DataFrame:
    """On a worker: each document's distinct word runs, boilerplate left out, one row each."""
    offset, token_lists = part
    docs: list[np.ndarray] = []
    keys: list[np.ndarray] = []
    for number, tokens in enumerate(token_lists):
        distinct = distinct_sorted(stable_run_keys(tokens, min_words))
        distinct = distinct[~np.isin(distinct, aside)]
        docs.append(np.full(len(distinct), offset + number, dtype=np.int64))
        keys.append(distinct)
    return pd.DataFrame(
        {"doc": np.concatenate(docs or [np.zeros(0, np.int64)]), "key": np.concatenate(keys or [np.zeros(0, np.int64)])}
    )


def _band_rows(part: tuple[int, list[list[list[str]]]]) -> pd.DataFrame:
    """On a worker: each sentence's MinHash key in every band, with its document."""
    offset, words = part
    signatures, owners = minhash(words, LSH_BANDS * LSH_ROWS)
    frames = [
        pd.DataFrame({"band": np.full(len(owners), band, dtype=np.int64), "key": band_key(signatures, band)})
        for band in range(LSH_BANDS)
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["doc"] = np.tile(owners + offset, LSH_BANDS)
    return frame


def _partition_meetings(frame: pd.DataFrame, documents: int) -> pd.DataFrame:
    """On a worker, after the shuffle put every bucket in one partition: the bucket meetings."""
    found = [
        bucket_meetings(group["key"].to_numpy(np.uint64), group["doc"].to_numpy(np.int64), documents)
        for _, group in frame.groupby("band", sort=True)
    ]
    return pd.DataFrame({"meeting": np.concatenate(found) if found else np.zeros(0, np.int64)})


class DaskPairSearch:
    """The candidate pairs of a large corpus found on the cluster (`candidates.PairSearch`)."""

    def __init__(
        self,
        client,
        documents: Sequence[Document],
        words: Sequence[list[list[str]]],
        min_words: int,
        boilerplate: frozenset,
    ) -> None:
        self.client = client
        self.tokens = [d.tokens for d in documents]
        self.words = words
        self.min_words = min_words
        # Boilerplate runs, hashed the same way as the workers hash theirs.
        self.aside = np.unique(
            np.array([stable_run_keys(run, len(run))[0] for run in boilerplate if run], dtype=np.int64)
        )

    def _parts(self, items: Sequence) -> list[tuple[int, list]]:
        return [(k, list(items[k : k + JOIN_CHUNK])) for k in range(0, len(items), JOIN_CHUNK)]

    def rare_run_pairs(self) -> set[tuple[int, int]]:
        import dask.dataframe as dd

        meta = pd.DataFrame({"doc": pd.Series(dtype="int64"), "key": pd.Series(dtype="int64")})
        runs = dd.from_map(_run_rows, self._parts(self.tokens), min_words=self.min_words, aside=self.aside, meta=meta)
        frequency = runs.groupby("key").size()
        rare = frequency[(frequency >= 2) & (frequency <= RARE_RUN_ARTICLES)].to_frame("articles")
        kept = runs.merge(rare, left_on="key", right_index=True)[["doc", "key"]]
        joined = kept.merge(kept, on="key", suffixes=("_a", "_b"))
        joined = joined[joined["doc_a"] < joined["doc_b"]]
        shared = joined.groupby(["doc_a", "doc_b"]).size()
        found = shared[shared >= MIN_SHARED_RUNS].compute()
        return {(int(a), int(b)) for a, b in found.index}

    def sentence_buckets(self) -> set[tuple[int, int]]:
        import dask.dataframe as dd

        meta = pd.DataFrame(
            {"band": pd.Series(dtype="int64"), "key": pd.Series(dtype="uint64"), "doc": pd.Series(dtype="int64")}
        )
        rows = dd.from_map(_band_rows, self._parts(self.words), meta=meta)
        buckets = rows.shuffle(on=["band", "key"])  # every bucket whole in one partition
        found = buckets.map_partitions(
            _partition_meetings, len(self.words), meta=pd.DataFrame({"meeting": pd.Series(dtype="int64")})
        )
        meetings = found["meeting"].compute().to_numpy(np.int64)
        return bucket_partners(meetings, len(self.words))
