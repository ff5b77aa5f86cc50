"""The whole analysis of a corpus in one call: scores (on both cores, cached by content),
overlap and sources, as tables."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, TypeVar

from analysis.collection import collection_paused
from analysis.corpus import Article
from analysis.framing import without_hits
from analysis.isolation import die_with_parent
from analysis.lexicon import Lexicon, load_lexicon
from analysis.overlap import Document, compare_articles
from analysis.readability import readability
from analysis.scoring import ArticleScores, score_article, scores_from_json, scores_to_json, scoring_fingerprint
from analysis.sources import (
    CorpusSources,
    Source,
    article_sources,
    corpus_sources,
    load_source_config,
    merged_sources,
)
from analysis.store import Store, content_hash
from analysis.tables import CorpusTables, corpus_tables
from analysis.text import PreparedText
from analysis.tone import load_loaded_words, news_analyzer, without_loaded

Progress = Callable[[int, int, str], None]
Keep = Callable[[ArticleScores], Any]
T = TypeVar("T")
# Below this many articles to score, starting worker processes costs more than it saves.
PARALLEL_FROM = 64
CHUNK = 16
CACHE_BATCH = 500

_worker_lexicon: Lexicon | None = None
_worker_caches = False  # whether the workers make the cache's JSON (only when there is a cache)
_worker_keep: Keep | None = None  # what the workers send back of each article's scores
# The articles a pool of workers scores: forked workers inherit them, so only their positions
# are sent (pickling ten thousand texts to the workers took the parent seconds of one core).
_worker_articles: Sequence[Any] = ()  # what the work reads: the articles, or their prepared texts


def scorer_key(lexicon: Lexicon) -> str:
    """Everything a cached score depends on besides the text: the scoring code and word lists,
    and the lexicon (a changed lexicon rescores)."""
    parts = [scoring_fingerprint(), repr(lexicon.targets)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _warm_up() -> None:
    """Load dictionaries and analysers once, before worker processes are forked from this one."""
    readability("Warm up.")
    news_analyzer()
    load_loaded_words()


def _start_worker(lexicon: Lexicon | None, articles: Sequence[Any] | None, caches: bool, keep: Keep | None) -> None:
    global _worker_lexicon, _worker_articles, _worker_caches, _worker_keep
    die_with_parent()
    _worker_lexicon = lexicon
    _worker_caches = caches
    _worker_keep = keep
    if articles is not None:  # not forked: the articles come pickled, once per worker
        _worker_articles = articles
    gc.freeze()  # the dictionaries and word lists live for the worker's life: collections skip them


def _score_in_worker(index: int) -> tuple[Any, str | None, str | None]:
    # What the cache keeps (the JSON and the text's hash) is made here, beside the scoring, not
    # in the parent after it; and of the scores only what the parent keeps is sent back.
    article = _worker_articles[index]
    scores = score_article(article, _worker_lexicon)
    kept = _worker_keep(scores) if _worker_keep else scores
    if not _worker_caches:
        return kept, None, None
    return kept, scores_to_json(scores), content_hash(article.text)


# Each article's position, its scores and, when the scorer made them, the JSON the cache keeps
# and the text's content hash.
Scored = tuple[int, ArticleScores, str | None, str | None]


def _on_workers(
    work: Callable[[int], T],
    articles: Sequence[Any],
    indices: Sequence[int],
    workers: int,
    lexicon: Lexicon | None = None,
    caches: bool = False,
    keep: Keep | None = None,
) -> Iterator[T]:
    """`work(index)` of each of `indices`, in order, on `workers` processes that hold `articles`
    (or any other items the work reads; and `lexicon`, whether to make the cache's JSON and what
    to keep of the scores). Forked workers share the items with this process: nothing is sent."""
    global _worker_articles
    forked = multiprocessing.get_start_method() == "fork"
    _worker_articles = articles
    pool = ProcessPoolExecutor(
        workers, initializer=partial(_start_worker, lexicon, None if forked else articles, caches, keep)
    )
    try:
        with collection_paused(), pool:
            yield from pool.map(work, indices, chunksize=CHUNK)
    finally:
        _worker_articles = ()


def _scored(
    articles: Sequence[Article],
    missing: list[int],
    lexicon: Lexicon,
    workers: int,
    caches: bool = False,
    keep: Keep | None = None,
) -> Iterator[Scored]:
    """The position and scores (or what `keep` keeps of them) of each article at `missing`, in
    order: in this process for a few, on `workers` processes for a large batch."""
    if len(missing) < PARALLEL_FROM or workers < 2:
        loaded_words = load_loaded_words()
        found = ((index, score_article(articles[index], lexicon, loaded_words), None, None) for index in missing)
        yield from _keeping(found, keep, caches) if keep else found
        return
    _warm_up()
    kept = _on_workers(_score_in_worker, articles, missing, workers, lexicon, caches, keep)
    for index, (result, payload, digest) in zip(missing, kept, strict=True):
        yield index, result, payload, digest


def _keeping(found: Iterable[Scored], keep: Keep, caches: bool) -> Iterator[Scored]:
    """`found` with what `keep` keeps of the scores in their place, and the cache's JSON made from
    them first (when there is a cache)."""
    for index, scores, payload, digest in found:
        yield index, keep(scores), payload or (scores_to_json(scores) if caches else None), digest


def _document_in_worker(index: int) -> Document:
    return Document.of(_worker_articles[index]).with_facts()


def _sources_in_worker(index: int) -> list[Source]:
    return article_sources(_worker_articles[index], load_source_config())


def sources_of(
    articles: Sequence[Article], prepared: Sequence[PreparedText], workers: int | None = None
) -> CorpusSources:
    """`corpus_sources` of the articles, found on `workers` processes for a large corpus (forked,
    they read the prepared texts of this process), in this process for a few. At 10,000 articles,
    finding them one article at a time in the dashboard's process was the largest part of opening
    a collection."""
    workers = workers or os.cpu_count() or 1
    if len(articles) < PARALLEL_FROM or workers < 2:
        return corpus_sources(list(zip(articles, prepared, strict=True)))
    found = _on_workers(_sources_in_worker, prepared, range(len(articles)), workers)
    return merged_sources({article.id: sources for article, sources in zip(articles, found, strict=True)})


def comparable_documents(
    articles: Sequence[Article], workers: int | None = None, progress: Progress | None = None
) -> list[Document]:
    """Every article as the comparison reads it, its words stemmed and its sentences' content
    words and names found, on `workers` processes (all cores by default): what `overlap` needs,
    without scoring (a fifth of the work)."""
    workers = workers or os.cpu_count() or 1
    indices = range(len(articles))
    if len(articles) < PARALLEL_FROM or workers < 2:
        found: Iterator[Document] = (Document.of(article) for article in articles)
    else:
        found = _on_workers(_document_in_worker, articles, indices, workers)
    documents = []
    for done, document in enumerate(found, 1):
        documents.append(document)
        if progress:
            progress(done, len(articles), f"Preparing {document.id}")
    return documents


Scorer = Callable[[Sequence[Article], list[int], Lexicon], Iterator[Scored]]


def score_all(
    articles: Sequence[Article],
    lexicon: Lexicon,
    workers: int | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
    scorer: Scorer | None = None,
    keep: Keep | None = None,
) -> list:
    """Scores of every article, in order: from the store's cache where the same text was scored
    under the same lexicon, the rest on `workers` processes (all cores by default), or by
    `scorer(articles, missing, lexicon)` (a cluster's, say), which yields `Scored` tuples (the JSON
    and the hash it did not make None).

    `keep`, when given, is what is returned of each article's scores (its `score_record`, say),
    made in the workers: the full scores of a command that only prints them never come back to
    this process."""
    total = len(articles)
    key = scorer_key(lexicon)
    # An empty cache has nothing to look up: the texts' hashes are then made beside the scoring
    # (in the workers), not all first in this process (half a second at 10,000 articles).
    hashes: list[str] = [""] * total  # "": not made here (no entry is cached under it)
    cached: dict[str, str] = {}
    if store and store.holds_scores():
        hashes = [content_hash(a.text) for a in articles]
        cached = store.cached_scores(set(hashes), key)
    results: list = [None] * total
    missing = []
    for index, (article, digest) in enumerate(zip(articles, hashes, strict=True)):
        try:
            scores = scores_from_json(cached[digest], article)
        except (KeyError, ValueError):  # not cached, or an entry that does not fit: score it again
            missing.append(index)
            continue
        results[index] = keep(scores) if keep else scores
    done = total - len(missing)
    if progress and done:
        progress(done, total, f"{done} scores from the cache")
    caches = store is not None
    if scorer:
        found = scorer(articles, missing, lexicon)
        found = _keeping(found, keep, caches) if keep else found
    else:
        found = _scored(articles, missing, lexicon, workers or os.cpu_count() or 1, caches, keep)
    batch: dict[str, str] = {}  # stored a few hundred at a time: never every article's JSON at once
    for index, result, payload, made in found:
        results[index] = result
        if store:
            digest = hashes[index] or made or content_hash(articles[index].text)
            batch[digest] = payload or scores_to_json(result)
            if len(batch) >= CACHE_BATCH:
                store.cache_scores(batch, key)
                batch = {}
        done += 1
        if progress:
            progress(done, total, f"Scoring {articles[index].id}")
    if store and batch:
        store.cache_scores(batch, key)
    return results


Hit = tuple[str, int, int]  # article id, start, end


@dataclass(frozen=True)
class LeftOut:
    """Hits coders judged wrong, to be taken out of every count: label hits for another
    referent, loaded-language hits in a sense that is not loaded."""

    labels: frozenset[Hit] = frozenset()
    loaded: frozenset[Hit] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.labels or self.loaded)


NOTHING_LEFT_OUT = LeftOut()


def _by_article(hits: Collection[Hit]) -> dict[str, set[tuple[int, int]]]:
    by_article: dict[str, set[tuple[int, int]]] = {}
    for article, start, end in hits:
        by_article.setdefault(article, set()).add((start, end))
    return by_article


def leave_out_hits(scores: Sequence[ArticleScores], lexicon: Lexicon, left_out: LeftOut) -> list[ArticleScores]:
    """Scores with the hits in `left_out` taken out of every count."""
    labels, loaded = _by_article(left_out.labels), _by_article(left_out.loaded)
    words = load_loaded_words()
    kept = []
    for s in scores:
        if s.article.id in labels:
            s = replace(s, framing=without_hits(s.framing, lexicon, s.words, labels[s.article.id]))
        if s.article.id in loaded:
            s = replace(s, tone=without_loaded(s.tone, words, s.words, loaded[s.article.id]))
        kept.append(s)
    return kept


def analyse_corpus(
    articles: Sequence[Article],
    lexicon: Lexicon | None = None,
    corpus: str = "",
    refusals: Sequence[tuple[str, str]] = (),
    progress: Progress | None = None,
    store: Store | None = None,
    workers: int | None = None,
    left_out: LeftOut = NOTHING_LEFT_OUT,
) -> tuple[list[ArticleScores], CorpusTables]:
    """Score every article once, compare them and find their sources; `progress(done, total, step)`.

    `left_out`: hits coders judged wrong, taken out of the counts."""
    lexicon = lexicon or load_lexicon()
    total = len(articles) + 2
    scores = score_all(articles, lexicon, workers, store, progress and (lambda d, _t, step: progress(d, total, step)))
    if left_out:
        scores = leave_out_hits(scores, lexicon, left_out)
    prepared = [(s.article, s.prepared) for s in scores]
    if progress:
        progress(len(articles), total, "Comparing articles")
    overlap = compare_articles(prepared)
    if progress:
        progress(len(articles) + 1, total, "Finding sources")
    sources = sources_of([a for a, _ in prepared], [p for _, p in prepared], workers)
    return scores, corpus_tables(
        corpus, scores, lexicon, overlap, sources, refusals, len(left_out.labels), len(left_out.loaded)
    )
