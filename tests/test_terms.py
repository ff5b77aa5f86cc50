"""Search and distinguishing terms on real sentences; filters of a selection."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analysis.terms import distinguishing_terms, phrase_pattern, rates_by_group, search
from benchmarks.corpus import build_corpus
from ui.filters import Filters, apply


def test_a_phrase_matches_on_word_boundaries_whatever_the_case_and_spacing():
    text = "The so-called\nreform. So-Called reformers. Terrorists and terror; counterterrorism."
    hits = search({"a": text}, "so-called reform")
    assert [(h.start, h.end, h.match) for h in hits] == [(4, 20, "so-called\nreform")]
    assert [h.match for h in search({"a": text}, "terror*")] == ["Terrorists", "terror"]
    assert text[hits[0].start : hits[0].end] == hits[0].match
    assert search({"a": text}, "  ") == [] and phrase_pattern("*") is None
    assert search({"a": "a (b) c"}, "(b)")[0].match == "(b)"  # punctuation is matched literally


def test_log_odds_with_the_corpus_as_prior_matches_the_formula():
    # Sixty articles: "delta" in all thirty of A's and three of B's; every article has "beta" and "gamma".
    texts = ["beta gamma delta"] * 30 + ["beta gamma delta"] * 3 + ["beta gamma"] * 27
    groups = ["A"] * 30 + ["B"] * 30
    found = {(t.group, t.term): t for t in distinguishing_terms(texts, groups, min_count=1, ngrams=(1, 1))}
    # Counted once per article: y_A = 30, y_B = 3 of n_A = 90 and n_B = 63 terms; prior alpha = 33 of 153.
    y_i, y_j, n_i, n_j, a, a0 = 30, 3, 90, 63, 33, 153
    delta = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
    z = delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    assert found[("A", "delta")].z == pytest.approx(z, abs=0.01) and z > 1.96
    assert (found[("A", "delta")].in_group, found[("A", "delta")].group_share) == (30, 1.0)
    assert ("A", "beta") not in found and ("B", "beta") not in found


def test_planted_words_set_their_outlet_apart_and_random_outlets_share_their_words():
    articles, _ = build_corpus(90, random_state=2)
    texts = [a.text for a in articles]
    random_outlets = [("A", "B", "C")[i % 3] for i in range(len(texts))]
    assert distinguishing_terms(texts, random_outlets) == []
    planted = [t + " The radical mob slammed the reform." * (i % 3 == 2) for i, t in enumerate(texts)]
    found = distinguishing_terms(planted, random_outlets)
    assert {t.group for t in found} == {"C"}
    assert {"mob", "radical mob", "slammed"} <= {t.term for t in found}
    mob = next(t for t in found if t.term == "mob")
    assert (mob.in_group, mob.in_rest, mob.group_share, mob.rest_share) == (30, 0, 1.0, 0.0)


def test_outlet_names_and_honorifics_are_not_distinguishing_terms():
    """Each outlet names itself ("told Fox News", "a CNN poll") and one writes "Mr."; neither is a
    choice of words about the story. A fox in a story is still a word."""
    articles, _ = build_corpus(60, random_state=5)
    outlets = [("Fox News", "CNN", "The Daily Planet")[i % 3] for i in range(60)]
    signature = {
        "Fox News": " Mr. Smith told Fox News the radical mob slammed the reform.",
        "CNN": " A CNN poll found support.",
        "The Daily Planet": " The Daily Planet learned that a fox ran.",
    }
    texts = [a.text + signature[o] for a, o in zip(articles, outlets, strict=True)]
    found = {(t.group, t.term) for t in distinguishing_terms(texts, outlets, outlets=outlets)}
    words = {w for _, term in found for w in term.split()}
    assert not words & {"cnn", "mr", "news", "daily", "planet"}
    assert ("Fox News", "fox") not in found and ("Fox News", "told fox") not in found
    assert ("Fox News", "mob") in found and ("Fox News", "radical mob") in found
    assert ("The Daily Planet", "fox") in found  # the animal, lower case, is a word of the story
    assert ("CNN", "poll") in found and ("CNN", "cnn") not in found
    # Without the names given, the outlets' names top their lists.
    plain = {(t.group, t.term) for t in distinguishing_terms(texts, outlets)}
    assert ("CNN", "cnn") in plain


def test_rates_by_group_are_means_of_article_rates_with_intervals():
    hits = {"a": 2, "b": 0, "c": 1, "d": 4}
    words = {"a": 1000, "b": 500, "c": 250, "d": 2000, "e": 100}
    groups = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
    x, y = rates_by_group(hits, words, groups)
    assert (x.group, x.articles, x.hits) == ("X", 3, 3)
    assert x.estimate == pytest.approx(np.mean([2.0, 0.0, 4.0]))
    assert x.ci_low <= x.estimate <= x.ci_high
    assert (y.estimate, y.ci_low) == (None, None)  # two articles: too few for an interval


def test_filters_keep_outlets_dates_and_metadata_and_round_trip_through_the_address():
    articles = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "outlet": ["Alpha", "Beta", None, "Alpha"],
            "published": ["2024-12-01T08:00:00+00:00", "2024-12-05", None, "2024-12-09"],
            "metadata": [{"lean": "left"}, {"lean": "right"}, {}, {"lean": "right"}],
        }
    )
    chosen = Filters(outlets=("Alpha",), start=dt.date(2024, 12, 2), column="lean", values=("right",))
    assert apply(chosen, articles) == (["d"], 0)
    assert Filters.from_query(chosen.to_query()) == chosen
    assert apply(Filters(end=dt.date(2024, 12, 5)), articles) == (["a", "b"], 1)  # c has no date
    assert apply(Filters(outlets=("(not stated)",)), articles) == (["c"], 0)
    assert Filters.from_query({"from": "not a date"}) == Filters()


def test_search_leaves_out_front_matter():
    text = "---\noutlet: Alpha\n---\nAlpha troops entered Hama."
    content = text.index("Alpha troops")
    assert [h.start for h in search({"a": text}, "alpha", starts={"a": content})] == [content]


def test_weeks_start_on_monday_and_undated_articles_are_counted():
    from ui.timeline import buckets

    articles = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["Alpha", "Alpha", "Beta"],
            "published": ["2024-12-11", "2024-12-15", None],  # a Wednesday and the Sunday after
        }
    )
    members, table, undated = buckets(articles, "W")
    assert table["start"].dt.date.tolist() == [dt.date(2024, 12, 9)] and undated == 1
    assert list(members.values()) == [["a", "b"]]
