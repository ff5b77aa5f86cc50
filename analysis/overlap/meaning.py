"""Sentence meaning as vectors, for paraphrases that change the words: WordLlama's static
token embeddings ("l2_supercat", 256 dimensions, 16 MB), averaged over a sentence's tokens.

The model ships inside the `wordllama` wheel and is loaded from the package's own folder with
downloads disabled: nothing is fetched at run time. Vectors are cached by sentence text, so a
sentence met again (another selection, another run of the page) is embedded once per process.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

MODEL = "l2_supercat"
DIMENSIONS = 256
CACHED_SENTENCES = 200_000  # about 100 MB of float16 vectors at most
_CHUNK = 20_000

_cache: OrderedDict[str, np.ndarray] = OrderedDict()  # sentence -> vector, least recently used first
_lock = threading.Lock()


@cache
def model():
    """The WordLlama model from the installed package's folder, never from the network."""
    import wordllama  # imported here: only alignment by meaning needs it

    folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(config=MODEL, dim=DIMENSIONS, cache_dir=folder, disable_download=True)


@cache
def _tokenizer():
    """The model's tokenizer without padding: sentences are pooled as a sparse product, not padded batches."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(model().tokenizer.to_str())
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def _mean_vectors(texts: list[str]) -> np.ndarray:
    """Each text's mean token vector, as WordLlama's `embed` gives it (average pooling), computed
    as one sparse (texts x vocabulary) product with the embedding table: no padded batches."""
    table = model().embedding
    ids = [encoding.ids for encoding in _tokenizer().encode_batch(texts, add_special_tokens=False)]
    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    columns = np.clip(np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64), 0, len(table) - 1)
    weights = np.repeat(1.0 / np.maximum(lengths, 1), lengths).astype(np.float32)
    pooling = sparse.csr_matrix(
        (weights, columns, np.concatenate([[0], np.cumsum(lengths)])), shape=(len(texts), len(table))
    )
    return np.asarray(pooling @ table, dtype=np.float32)


def embed(sentences: Sequence[str]) -> np.ndarray:
    """Unit vectors of `sentences` (rows, float32); an empty sentence gives a zero row."""
    vectors = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
    missing: dict[str, list[int]] = {}  # each sentence not in the cache, and the rows that hold it
    hits: list[int] = []
    found: list[np.ndarray] = []
    with _lock:
        for row, sentence in enumerate(sentences):
            vector = _cache.get(sentence)
            if vector is None:
                missing.setdefault(sentence, []).append(row)
            else:
                hits.append(row)
                found.append(vector)
                _cache.move_to_end(sentence)
    if hits:
        vectors[hits] = np.stack(found)
    if not missing:
        return vectors
    texts = list(missing)
    fresh = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    wanted = [k for k, text in enumerate(texts) if text.strip()]
    # A chunk at a time: the tokenizer's encodings of a whole corpus would hold gigabytes.
    for first in range(0, len(wanted), _CHUNK):
        chunk = wanted[first : first + _CHUNK]
        made = _mean_vectors([texts[k] for k in chunk])
        norms = np.linalg.norm(made, axis=1, keepdims=True)
        fresh[chunk] = np.divide(made, norms, out=np.zeros_like(made), where=norms > 0)
    # Kept at half precision (half the memory; cosines move by under 1e-3), and used as kept, so a
    # sentence gives the same vector whether it was just embedded or found in the cache.
    fresh = fresh.astype(np.float16)
    rows = list(missing.values())
    vectors[np.concatenate(rows)] = np.repeat(fresh, [len(r) for r in rows], axis=0)
    with _lock:
        _cache.update(zip(texts, fresh, strict=True))
        while len(_cache) > CACHED_SENTENCES:
            _cache.popitem(last=False)
    return vectors
