"""Counts and intervals on every comparative chart row: right estimates, honest widths, shown as computed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.intervals import MIN_UNITS, RESAMPLES, _interval, _ratio, _weights, row_intervals
from analysis.pipeline import analyse_corpus
from benchmarks.corpus import build_corpus
from ui import catalogue
from ui.catalogue import Selection
from ui.clicks import parse
from ui.grouping import by_outlet
from ui.labels import labelled

ACTOR = "armed_opposition"
PLANTED = "\n\nThe radical mob slammed the so-called reform in a shocking, outrageous frenzy."


@pytest.fixture(scope="module")
def seed_tables(seeds):
    return labelled(analyse_corpus(seeds, corpus="seeds")[1])


def _measure(frame: pd.DataFrame, measure: str, target: str = "", group: str = "") -> pd.DataFrame:
    rows = frame[(frame["measure"] == measure) & (frame["target"] == target) & (frame["group"] == group)]
    return rows.set_index("id")


def test_article_estimates_are_the_scores_and_lie_inside_their_intervals(seed_tables):
    ids = seed_tables.articles["id"].tolist()
    found = row_intervals(seed_tables, ids)
    scores = seed_tables.scores.set_index("id")
    for measure, column, target in (
        ("legitimacy", f"legitimacy_{ACTOR}", ACTOR),
        ("tone_sentence_mean", "tone_sentence_mean", ""),
        ("loaded_per_1k", "loaded_per_1k", ""),
        ("flesch_kincaid_grade", "flesch_kincaid_grade", ""),
    ):
        rows = _measure(found, measure, target)
        assert rows["estimate"].to_numpy() == pytest.approx(scores.loc[ids, column].to_numpy(), abs=1e-3)
        assert (rows["ci_low"] <= rows["estimate"] + 1e-9).all() and (rows["estimate"] <= rows["ci_high"] + 1e-9).all()
        assert (rows["ci_high"] > rows["ci_low"]).all()  # every seed has enough sentences to vary
    own = seed_tables.hits[(seed_tables.hits["target"] == ACTOR) & (seed_tables.hits["voice"] == "own")]
    mentions = own.groupby("id").size()
    assert _measure(found, "legitimacy", ACTOR)["n"].to_dict() == mentions.reindex(ids).to_dict()
    body = seed_tables.sentences[~seed_tables.sentences["headline"]].groupby("id").size()
    assert _measure(found, "tone_sentence_mean")["n"].to_dict() == body.reindex(ids).to_dict()


def test_shares_sum_to_one_and_running_shares_end_at_one(seed_tables):
    found = row_intervals(seed_tables, seed_tables.articles["id"].tolist())
    shares = found[(found["measure"] == "share") & (found["target"] == ACTOR)]
    assert shares.groupby("id")["estimate"].sum().to_numpy() == pytest.approx(1.0, abs=1e-3)
    assert (shares["ci_low"] >= 0).all() and (shares["ci_high"] <= 1 + 1e-9).all()
    running = found[(found["measure"] == "cumulative_share") & (found["target"] == ACTOR)]
    last = running.groupby("id").tail(1)
    assert last["estimate"].to_numpy() == pytest.approx(1.0) and last["ci_low"].to_numpy() == pytest.approx(1.0)


def test_too_few_mentions_give_no_estimate(seed_tables):
    found = row_intervals(seed_tables, seed_tables.articles["id"].tolist())
    government = _measure(found, "legitimacy", "syrian_government")
    few = government[government["n"] < MIN_UNITS]
    assert len(few) >= 1  # the first seed names the government once in its own voice
    assert few["estimate"].isna().all() and few["ci_low"].isna().all()


def test_interval_covers_the_true_ratio_about_95_times_in_100():
    """Percentile bootstrap of a ratio of sums (loaded terms per 1,000 words) over 30 units:
    across 200 samples from a known population the interval holds the true rate about 95% of the time."""
    rng = np.random.default_rng(0)
    words = rng.integers(10, 40, 100_000).astype(float)
    hits = rng.poisson(words * 0.012)
    truth = 1000 * hits.sum() / words.sum()
    covered = 0
    for _ in range(200):
        pick = rng.integers(0, len(words), 30)
        top, bottom = 1000 * hits[pick].astype(float), words[pick]
        estimate = top.sum() / bottom.sum()
        low, high = _interval(_ratio(top, bottom), _weights(30, rng), estimate)
        covered += low <= truth <= high
    assert 0.88 <= covered / 200 <= 0.99


def _outlet_corpus(planted: str | None, seed: int = 8) -> tuple:
    """Sixty synthetic articles assigned to three outlets in turn; the planted outlet's articles
    carry loaded words in their own voice."""
    articles, _ = build_corpus(60, random_state=seed)
    from dataclasses import replace

    outlets = ("Alpha", "Beta", "Gamma")
    changed = []
    for i, article in enumerate(articles):
        outlet = outlets[i % 3]
        text = article.text + (PLANTED * 4 if outlet == planted else "")
        changed.append(replace(article, text=text, outlet=outlet))
    return labelled(analyse_corpus(changed, corpus="synthetic")[1])


def test_a_planted_outlet_is_separated_and_random_outlets_are_not():
    tables = _outlet_corpus("Gamma")
    ids = tables.articles["id"].tolist()
    _, members = by_outlet(tables, ids)
    loaded = _measure(row_intervals(tables, ids, members), "loaded_per_1k")
    assert (loaded["n"] == 20).all() and (loaded["unit"] == "articles").all()
    assert loaded.loc["Gamma", "ci_low"] > max(loaded.loc["Alpha", "ci_high"], loaded.loc["Beta", "ci_high"])
    plain = _outlet_corpus(None)
    ids = plain.articles["id"].tolist()
    _, members = by_outlet(plain, ids)
    for measure in ("loaded_per_1k", "tone_sentence_mean", "flesch_kincaid_grade"):
        rows = _measure(row_intervals(plain, ids, members), measure)
        assert rows["ci_low"].max() < rows["ci_high"].min(), measure  # every pair of intervals overlaps


def test_outlet_estimates_are_what_the_grouped_charts_draw():
    tables = _outlet_corpus("Gamma")
    grouped, members = by_outlet(tables, tables.articles["id"].tolist())
    found = row_intervals(tables, [], members)
    scores = grouped.scores.set_index("id")
    for measure in ("loaded_per_1k", "tone_sentence_mean", "flesch_kincaid_grade"):
        assert _measure(found, measure)["estimate"].to_dict() == pytest.approx(scores[measure].to_dict(), abs=1e-3)
    # The stacked loaded-language bars of an outlet add up to the same mean of its articles' rates.
    stacked = grouped.loaded[grouped.loaded["voice"] == "own"].groupby("id")["per_1k"].sum()
    assert stacked.to_dict() == pytest.approx(scores["loaded_per_1k"].to_dict(), abs=1e-3)


def test_charts_draw_the_intervals_their_csv_holds(seed_tables):
    selection = Selection(seed_tables, seed_tables.articles["id"].tolist(), ACTOR)
    chart = catalogue.overview(selection)
    data = chart.data.set_index("id")
    tone = next(t for t in chart.figure.data if t.xaxis == "x3" and t.error_x.array is not None)
    ids = [parse(row).row for row in tone.customdata]
    assert list(np.array(tone.x) + np.array(tone.error_x.array)) == pytest.approx(
        data.loc[ids, "tone_sentence_mean_ci_high"].tolist()
    )
    assert "n 17" in tone.text[0]  # the first seed's 17 body sentences, beside its mark
    legitimacy = catalogue.legitimacy(selection)
    assert {f"legitimacy_{ACTOR}_ci_low", f"legitimacy_{ACTOR}_n"} <= set(legitimacy.data.columns)
    readability = catalogue.readability(selection)
    assert (
        readability.data["flesch_kincaid_grade_n"].tolist()
        == _measure(selection.intervals, "flesch_kincaid_grade")["n"].tolist()
    )


def test_same_seed_same_intervals(seed_tables):
    ids = seed_tables.articles["id"].tolist()
    assert row_intervals(seed_tables, ids).equals(row_intervals(seed_tables, ids))
    assert RESAMPLES >= 1000


def test_every_table_gives_an_article_one_word_count(seed_tables):
    """The Article and Readability pages once disagreed (345 and 344 words): the formulas' own
    count is kept under its own name."""
    words = seed_tables.articles.set_index("id")["words"]
    scores = seed_tables.scores.set_index("id")
    assert scores["words"].to_dict() == words.to_dict()
    assert (scores["readability_words"] != scores["words"]).any()  # textstat counts its own way


def test_label_rates_carry_a_count_and_an_interval_for_articles_and_outlets(seed_tables):
    """The Framing page's rate bars: each row's mentions per 1,000 words (all voices), what the
    stacked bar adds up to, with its count and a 95% interval around it."""
    ids = seed_tables.articles["id"].tolist()
    rates = _measure(row_intervals(seed_tables, ids), "rate", ACTOR)
    labels = seed_tables.labels[seed_tables.labels["target"] == ACTOR].groupby("id")
    assert rates["estimate"].to_dict() == pytest.approx(labels["per_1k"].sum().reindex(ids).to_dict(), abs=0.01)
    assert rates["n"].to_dict() == labels["total"].sum().reindex(ids).to_dict()
    measured = rates.dropna(subset=["ci_low"])
    assert len(measured) >= 4
    assert (measured["ci_low"] <= measured["estimate"]).all() and (measured["estimate"] <= measured["ci_high"]).all()
    selection = Selection(seed_tables, ids, ACTOR)
    chart = catalogue.label_rates(selection)
    whole, count = chart.figure.data[-2:]
    assert whole.error_x.array is not None and "n " in count.text[0]
    assert chart.data["all_labels_per_1k_ci_high"].notna().any()

    tables = _outlet_corpus("Gamma")
    grouped, members = by_outlet(tables, tables.articles["id"].tolist())
    outlets = _measure(row_intervals(tables, [], members), "rate", ACTOR)
    drawn = grouped.labels[grouped.labels["target"] == ACTOR].groupby("id")["per_1k"].sum()
    assert outlets["estimate"].to_dict() == pytest.approx(drawn.to_dict(), abs=0.01)
    assert (outlets["n"] == 20).all() and (outlets["ci_low"] < outlets["ci_high"]).all()


def test_framing_split_panels_give_each_row_its_count(seed_tables):
    selection = Selection(seed_tables, seed_tables.articles["id"].tolist(), ACTOR)
    figure = catalogue.label_split(selection, "voice").figure
    counts = [t for t in figure.data if t.type == "scatter"]
    own = seed_tables.labels[seed_tables.labels["target"] == ACTOR].groupby("id")["own_voice"].sum()
    first = seed_tables.articles["id"].iloc[0]
    assert len(counts) == 2 and f"n {int(own[first])}<" in counts[0].text[0]
