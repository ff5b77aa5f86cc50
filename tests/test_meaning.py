"""Alignment by meaning: the model ships in its package and is read offline; vectors are the
package's own, cached by content; a sentence near to many is held to a higher bar."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np

from analysis.corpus import Article
from analysis.overlap import Document, compare, meaning
from analysis.paths import PROJECT_DIR
from analysis.text import prepare

SEEDS = sorted((PROJECT_DIR / "seeds").glob("*.txt"))


def seed_sentences(limit: int = 200) -> list[str]:
    found = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        found += [text[s.start : s.end] for s in prepare(text).sentences]
    return found[:limit]


def test_the_model_loads_and_embeds_with_the_network_blocked(tmp_path):
    """In a fresh process whose sockets refuse to connect, and with an empty home (no cache of a
    download), the model loads from the installed package and tells a rewrite from another story."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from analysis.overlap.meaning import embed

        a, b, c = embed([
            "The Syrian army announced its withdrawal from Hama to protect civilians.",
            "Syria's military said it pulled out of Hama so that civilians would be safe.",
            "The central bank raised interest rates by half a point on Tuesday.",
        ])
        print(float(a @ b), float(a @ c))
        """
    )
    environment = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    environment.pop("HF_HUB_OFFLINE", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    rewrite, other = map(float, done.stdout.split())
    assert rewrite > 0.6 > 0.4 > other
    assert not any(Path(tmp_path).rglob("*.safetensors"))  # nothing was fetched into the empty home


def test_vectors_equal_the_package_s_own_average_pooling():
    sentences = seed_sentences()
    ours = meaning._mean_vectors(sentences)
    theirs = meaning.model().embed(sentences, batch_size=32)
    assert np.allclose(ours, theirs, atol=1e-5)


def test_a_sentence_gives_the_same_vector_fresh_and_from_the_cache():
    sentences = seed_sentences(40)
    meaning._cache.clear()
    fresh = meaning.embed(sentences)
    again = meaning.embed(list(reversed(sentences)))[::-1]
    assert np.array_equal(fresh, again)
    assert np.allclose(np.linalg.norm(fresh, axis=1), 1.0, atol=1e-3)
    assert not meaning.embed([" ", ""]).any()  # nothing to embed: zero rows, no error


def document(text: str, article_id: str) -> Document:
    return Document.from_prepared(Article(article_id, article_id, text), prepare(text))


def test_a_rewrite_in_other_words_aligns_by_meaning_and_not_by_words():
    a = document(
        "Officials counted the damage on Monday. The river burst its banks after three days of heavy rain, "
        "flooding hundreds of homes in the valley.",
        "a",
    )
    b = document(
        "Insurers began their work. Hundreds of houses in the valley were under water once the river overflowed "
        "following a long spell of downpours.",
        "b",
    )
    (by_meaning,) = compare([a, b], min_words=8).pairs
    (by_words,) = compare([a, b], min_words=8, by_meaning=False).pairs
    assert [s.a_text for s in by_meaning.aligned_sentences] == [
        "The river burst its banks after three days of heavy rain, flooding hundreds of homes in the valley."
    ]
    assert by_words.aligned_sentences == ()
