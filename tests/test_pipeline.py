"""Scoring a corpus: on several processes, from the cache, and the same numbers every way."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from analysis.lexicon import load_lexicon, parse_lexicon
from analysis.overlap import Document, compare, compare_articles
from analysis.pipeline import comparable_documents, score_all
from analysis.scoring import score_article
from analysis.store import Store
from analysis.text import prepare
from benchmarks.corpus import build_corpus
from tests.test_lexicon import MINIMAL
from ui.grouping import by_outlet


@pytest.fixture(scope="module")
def synthetic():
    return build_corpus(150, random_state=3)


def test_parallel_and_serial_give_the_same_scores(synthetic, monkeypatch):
    articles = synthetic[0][:20]
    monkeypatch.setattr("analysis.pipeline.PARALLEL_FROM", 4)
    lexicon = load_lexicon()
    serial = score_all(articles, lexicon, workers=1)
    parallel = score_all(articles, lexicon, workers=2)
    assert [s.framing for s in parallel] == [s.framing for s in serial]
    assert [s.tone for s in parallel] == [s.tone for s in serial]
    assert [s.readability for s in parallel] == [s.readability for s in serial]
    assert [s.article for s in parallel] == articles


def test_the_cache_keeps_what_workers_wrote_as_the_parent_would_write_it(synthetic, monkeypatch, tmp_path):
    from analysis.pipeline import scorer_key
    from analysis.scoring import scores_to_json
    from analysis.store import content_hash

    articles = synthetic[0][:12]
    monkeypatch.setattr("analysis.pipeline.PARALLEL_FROM", 4)
    lexicon = load_lexicon()
    store = Store(tmp_path / "cache.sqlite")
    score_all(articles, lexicon, workers=2, store=store)  # the JSON made in the workers
    cached = store.cached_scores({content_hash(a.text) for a in articles}, scorer_key(lexicon))
    serial = score_all(articles, lexicon, workers=1)
    assert {content_hash(s.article.text): scores_to_json(s) for s in serial} == cached


def test_scores_are_stored_a_batch_at_a_time_and_all_of_them(synthetic, monkeypatch, tmp_path):
    from analysis.pipeline import scorer_key
    from analysis.store import content_hash

    articles = synthetic[0][20:31]
    monkeypatch.setattr("analysis.pipeline.CACHE_BATCH", 4)
    store = Store(tmp_path / "cache.sqlite")
    sizes = []
    original = store.cache_scores
    monkeypatch.setattr(
        store, "cache_scores", lambda payloads, key: sizes.append(len(payloads)) or original(payloads, key)
    )
    score_all(articles, load_lexicon(), workers=1, store=store)
    assert sizes == [4, 4, 3]
    hashes = {content_hash(a.text) for a in articles}
    assert set(store.cached_scores(hashes, scorer_key(load_lexicon()))) == hashes


def test_unchanged_articles_come_from_the_cache(synthetic, tmp_path):
    store = Store(tmp_path / "cache.sqlite")
    articles = synthetic[0][:8]
    lexicon = load_lexicon()
    steps = []
    first = score_all(articles, lexicon, workers=1, store=store)
    again = score_all(articles[:6], lexicon, workers=1, store=store, progress=lambda d, t, s: steps.append(s))
    assert steps == ["6 scores from the cache"]
    assert [a.readability for a in again] == [a.readability for a in first[:6]]
    assert again[0].prepared.normalised == first[0].prepared.normalised
    other = parse_lexicon(MINIMAL)
    rescored = []
    score_all(articles[:2], other, workers=1, store=store, progress=lambda d, t, s: rescored.append(s))
    assert all(step.startswith("Scoring") for step in rescored)  # a new lexicon rescores


def test_what_is_kept_of_the_scores_is_the_same_from_workers_this_process_and_the_cache(
    synthetic, monkeypatch, tmp_path
):
    from analysis.records import score_record

    articles = synthetic[0][:12]
    monkeypatch.setattr("analysis.pipeline.PARALLEL_FROM", 4)
    lexicon = load_lexicon()
    full = score_all(articles, lexicon, workers=1)
    expected = [score_record(s) for s in full]
    store = Store(tmp_path / "kept.sqlite")
    assert score_all(articles, lexicon, workers=2, store=store, keep=score_record) == expected  # made in workers
    assert score_all(articles, lexicon, workers=1, keep=score_record) == expected
    steps = []
    again = score_all(articles, lexicon, workers=1, store=store, keep=score_record, progress=lambda *a: steps.append(a))
    assert again == expected and steps == [(12, 12, "12 scores from the cache")]
    # The cache holds the whole scores all the same.
    assert [s.tone for s in score_all(articles, lexicon, workers=1, store=store)] == [s.tone for s in full]


def test_documents_for_overlap_are_made_alike_on_workers_and_in_this_process(synthetic, monkeypatch):
    articles = synthetic[0][:20]
    monkeypatch.setattr("analysis.pipeline.PARALLEL_FROM", 4)
    steps = []
    parallel = comparable_documents(articles, workers=2, progress=lambda done, total, step: steps.append(done))
    serial = [Document.of(article).with_facts() for article in articles]
    assert [vars(d) for d in parallel] == [vars(d) for d in serial]  # fields and the facts made in the workers
    assert {"stems", "content_forms", "sentence_words", "sentence_names"} <= set(vars(parallel[0]))
    assert steps == list(range(1, 21))
    scored = [(a, prepare(a.text)) for a in articles]
    assert compare(parallel).pairs == compare_articles(scored).pairs


def test_sources_found_on_workers_are_those_found_in_this_process(seeds, monkeypatch):
    # The seeds name and quote people; renamed copies make a corpus worth sending to workers.
    from analysis.pipeline import sources_of
    from analysis.sources import corpus_sources

    articles = [replace(a, id=f"{a.id}-{copy}") for copy in range(4) for a in seeds]
    monkeypatch.setattr("analysis.pipeline.PARALLEL_FROM", 4)
    prepared = [prepare(a.text) for a in articles]
    on_workers = sources_of(articles, prepared, workers=2)
    assert on_workers == corpus_sources(list(zip(articles, prepared, strict=True)))
    assert sum(len(found) for found in on_workers.articles.values()) >= 4 * 10 and on_workers.shared_quotations


def test_large_corpus_finds_planted_reuse_from_candidates_only(synthetic, monkeypatch):
    articles, planted = synthetic
    monkeypatch.setattr("analysis.overlap.ALL_PAIRS_UP_TO", 40)
    result = compare([Document.from_prepared(a, prepare(a.text)) for a in articles])
    assert len(result.pairs) < len(articles) * (len(articles) - 1) // 4
    pairs = {(p.a, p.b): p for p in result.pairs}
    for source, borrower in planted.verbatim:
        assert pairs[(min(source, borrower), max(source, borrower))].shared_passages
    found = [pairs.get((min(s, b), max(s, b))) for s, b in planted.paraphrase]
    assert sum(bool(p and p.aligned_sentences) for p in found) >= 0.9 * len(planted.paraphrase)
    matrix = result.similarity
    assert (matrix != matrix.T).nnz == 0 and all(matrix.diagonal() == 1.0)


@pytest.fixture(scope="module")
def synthetic_tables(synthetic):
    from analysis.pipeline import analyse_corpus

    return analyse_corpus(synthetic[0][:24], workers=1)[1]


def test_the_similarity_table_stays_sparse_and_gives_the_rows_a_chart_asks_for(synthetic_tables):
    # Only compared pairs and the diagonal are held: a dense table grows with the square of the corpus.
    similarity, pairs = synthetic_tables.similarity, synthetic_tables.pairs
    from scipy import sparse

    assert sparse.issparse(similarity.matrix) and similarity.matrix.nnz <= 2 * len(pairs) + len(similarity.ids)
    chosen = [similarity.ids[5], similarity.ids[0], similarity.ids[9]]
    frame = similarity.frame(chosen)
    assert list(frame.index) == list(frame.columns) == chosen
    assert np.allclose(np.diag(frame.to_numpy()), 1.0)
    for row in pairs.itertuples():
        if row.a in chosen and row.b in chosen:
            assert frame.loc[row.a, row.b] == frame.loc[row.b, row.a] == pytest.approx(row.similarity, abs=1e-4)


def test_grouping_by_outlet_keeps_the_totals(synthetic, synthetic_tables):
    tables = synthetic_tables
    ids = tables.articles["id"].tolist()
    grouped, members = by_outlet(tables, ids)
    assert sorted(a for found in members.values() for a in found) == sorted(ids)
    assert grouped.labels["total"].sum() == tables.labels["total"].sum()
    assert set(grouped.scores["id"]) == set(members) and len(members) == 8
    outlet, own = next(iter(members.items()))
    inside = tables.pairs[tables.pairs["a"].isin(own) & tables.pairs["b"].isin(own)]["similarity"]
    assert len(inside) == 3 and grouped.similarity.frame().loc[outlet, outlet] == pytest.approx(inside.mean())
    first = synthetic[0][0]
    assert score_article(first).words == tables.articles.set_index("id").at[first.id, "words"]


def test_many_outlets_keep_the_largest_and_put_the_rest_together(synthetic_tables):
    tables = synthetic_tables
    ids = tables.articles["id"].tolist()[:-2]  # 22 articles: outlets of 3, 3, 3, 3, 3, 3, 2 and 2
    _, members = by_outlet(tables, ids, limit=4)
    assert len(members) == 4 and sorted(map(len, members.values())) == [3, 3, 3, 13]
    assert sorted(a for found in members.values() for a in found) == sorted(ids)
    assert len(members["Other outlets"]) == 13


def test_exports_of_a_large_selection_are_grouped_and_sampled(synthetic_tables, monkeypatch):
    from ui import catalogue

    monkeypatch.setattr(catalogue, "MAX_ROWS", 6)
    tables = synthetic_tables
    selection = catalogue.Selection(tables, tables.articles["id"].tolist(), "armed_opposition")
    charts = {chart.key: chart for chart in catalogue.all_charts(selection)}
    assert selection.grouped and len(selection.groups) == 6
    assert len(charts["readability"].figure.data[0].y) == 6  # one bar per outlet group
    assert sorted(charts["overview"].data["id"]) == sorted(selection.groups)
    # sentence charts: a sample drawn evenly across outlets, one from each of the 6, the same each time
    sampled = set(charts["tone_arc"].data["id"])
    outlets = tables.articles.set_index("id")["outlet"]
    assert len(sampled) == 6 and outlets[list(sampled)].nunique() == 6
    assert sampled != set(selection.ids[:6])
    again = catalogue.Selection(tables, tables.articles["id"].tolist(), "armed_opposition")
    assert again.sample.ids == selection.sample.ids
    assert "24 articles in 6 outlet groups" in charts["overview"].figure.layout.title.subtitle.text
    assert "drawn evenly across outlets" in charts["tone_arc"].figure.layout.title.subtitle.text


def test_views_of_the_same_articles_resample_their_intervals_once_whatever_the_actor(synthetic_tables, monkeypatch):
    from analysis.intervals import row_intervals
    from app_pages.state import AnalysedCorpus
    from ui import catalogue

    monkeypatch.setattr(catalogue, "MAX_ROWS", 6)
    calls = []

    def counted(*args, **kwargs):
        calls.append(args[1:])
        return row_intervals(*args, **kwargs)

    monkeypatch.setattr(catalogue, "row_intervals", counted)
    corpus = AnalysedCorpus(synthetic_tables)
    ids = synthetic_tables.articles["id"].tolist()
    first = corpus.view(ids, "armed_opposition")
    assert first.sample is first.sample  # drawn once per view, not on every use
    made = (first.charts.intervals, first.sample.intervals)
    other = corpus.view(ids, "syrian_government", "outlet_date")  # another actor, another naming style
    assert other.charts.intervals is made[0] and other.sample.intervals is made[1]
    assert len(calls) == 2  # the outlet groups' and the sample's, once each
    fresh = catalogue.Selection(synthetic_tables, ids, "syrian_government")
    assert fresh.charts.intervals.equals(made[0]) and fresh.sample.intervals.equals(made[1])
    assert corpus.view(ids[:5], "armed_opposition").intervals is not made[1]  # other rows, their own


def test_source_kinds_and_reprinted_copy_are_made_once_per_selection_whatever_the_actor(synthetic_tables, monkeypatch):
    # Their intervals do not depend on the actor: an Overlap rerun after a change of actor resampled them.
    from analysis.sources.kinds import kind_shares
    from app_pages.state import AnalysedCorpus
    from ui import catalogue

    calls = []

    def counted(*args, **kwargs):
        calls.append(len(args[1]))
        return kind_shares(*args, **kwargs)

    monkeypatch.setattr(catalogue, "kind_shares", counted)
    corpus = AnalysedCorpus(synthetic_tables)
    ids = synthetic_tables.articles["id"].tolist()
    first = catalogue.source_kinds(corpus.view(ids, "armed_opposition"))
    again = catalogue.source_kinds(corpus.view(ids, "syrian_government"))
    assert again is first and calls == [len(ids)]
    assert set(first["group"]) == set(synthetic_tables.articles["outlet"])
    assert catalogue.source_kinds(corpus.view(ids[:5], "armed_opposition")) is not first and len(calls) == 2
    reprinted = catalogue.reprinted(corpus.view(ids, "armed_opposition")).data
    assert catalogue.reprinted(corpus.view(ids, "syrian_government")).data is reprinted


def test_a_large_selection_without_outlets_shows_a_sample(synthetic_tables, monkeypatch):
    from dataclasses import replace

    from ui import catalogue

    monkeypatch.setattr(catalogue, "MAX_ROWS", 6)
    tables = replace(synthetic_tables, articles=synthetic_tables.articles.assign(outlet=None))
    selection = catalogue.Selection(tables, tables.articles["id"].tolist(), "armed_opposition")
    assert selection.sampled and not selection.grouped
    assert len(selection.charts.ids) == 6 and set(selection.charts.ids) < set(selection.ids)
    overview = catalogue.overview(selection.charts)
    assert sorted(overview.data["id"]) == sorted(selection.charts.ids)
    assert "a sample of 6 of 24 articles, drawn at random" in overview.figure.layout.title.subtitle.text


def test_outlet_pairs_keep_which_way_text_was_copied():
    from analysis.corpus import Article
    from analysis.pipeline import analyse_corpus
    from ui.grouping import by_outlet

    original = (
        "The floodwater reached the second floor of the district hospital before engineers opened the northern "
        "sluice gates late on Sunday. Officials said more rain was due on Tuesday across the valley."
    )
    articles = [
        Article("z.txt", "Copy", original + " A nurse said the ward was evacuated at night.", outlet="Zeta"),
        Article("a.txt", "Original", original, outlet="Alpha"),
    ]
    _, tables = analyse_corpus(articles, workers=1)
    (pair,) = tables.pairs.itertuples()
    alpha_in_zeta = pair.a_in_b if pair.a == "a.txt" else pair.b_in_a
    grouped, _ = by_outlet(tables, ["z.txt", "a.txt"])
    (row,) = grouped.pairs.itertuples()
    assert (row.a, row.b) == ("Alpha", "Zeta")  # the pair is put in outlet order...
    assert row.a_in_b == alpha_in_zeta == 1.0 and row.b_in_a < 1.0  # ...and its one-way figures with it


def test_the_shared_corpus_survives_many_sessions_at_once(synthetic_tables, monkeypatch):
    """Eight sessions (threads) ask one cached corpus for views of varied selections, actors and
    naming styles at once, with the interpreter switching threads as often as it can: no error,
    and the corpus never keeps more views than its bound."""
    import sys
    import threading

    from app_pages.state import MOST_VIEWS, AnalysedCorpus
    from ui import catalogue

    monkeypatch.setattr(catalogue, "MAX_ROWS", 6)
    corpus = AnalysedCorpus(synthetic_tables)
    ids = synthetic_tables.articles["id"].tolist()
    errors, most = [], [0]

    def session(number: int) -> None:
        try:
            for step in range(40):
                chosen = ids[: 5 + (number * 7 + step) % (len(ids) - 5)]
                actor = ("armed_opposition", "syrian_government")[step % 2]
                view = corpus.view(chosen, actor, ("headline", "outlet_date")[number % 2])
                assert view.ids == chosen and view.actor == actor
                view.charts.intervals  # noqa: B018 (made and shared through the corpus's caches)
                most[0] = max(most[0], len(corpus.views))
        except Exception as error:  # any failure of any thread fails the test
            errors.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == [] and most[0] <= MOST_VIEWS
