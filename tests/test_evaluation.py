"""The evaluation figures the README and the Methods page show: re-computed here, compared with
the committed ones, and held to the bars the issues set.

With the public data sets beside the project (`../shared/eval`, or FRAMELENS_EVAL_DIR) every
evaluation runs in full (about ten seconds); without them these tests are skipped, since a
figure read back from a committed file proves nothing.
"""

from __future__ import annotations

import json

import pytest

from evaluation.__main__ import EVALUATIONS
from evaluation.common import versions
from evaluation.data import RESULTS_DIR, eval_dir
from evaluation.readability import PUBLISHED_CLEAR

DATA = eval_dir()
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="evaluation data not present beside the project")


def committed(name: str) -> dict:
    return json.loads((RESULTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fresh() -> dict[str, dict]:
    return {name: evaluate(DATA) for name, evaluate in EVALUATIONS.items()}


@pytest.mark.parametrize("name", list(EVALUATIONS))
def test_committed_figures_are_this_code_s(name, fresh):
    assert committed(name)["versions"] == versions(), f"re-run: python -m evaluation {name}"
    assert committed(name)["halves"] == fresh[name]["halves"], f"re-run: python -m evaluation {name}"


def test_reuse_meets_the_bar_on_both_halves(fresh):
    for half in fresh["reuse"]["halves"].values():
        assert half["spearman"] >= 0.78 and half["auc"] >= 0.96


def test_tone_beats_published_vader_on_the_held_out_half(fresh):
    held_out = fresh["tone"]["halves"]["held_out"]
    assert held_out["framelens_pearson_r"] > 0.492
    assert held_out["framelens_pearson_r"] > held_out["vader_pearson_r"]


def test_readability_reproduces_published_clear_figures(fresh):
    whole = fresh["readability"]["whole_clear_pearson_r"]
    for formula in ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index"):
        assert abs(whole[formula] - PUBLISHED_CLEAR[formula]) <= 0.03, formula
    # textstat's Dale-Chall (its own easy-word list) lands 0.03 short of the authors' -0.56.
    assert abs(whole["dale_chall_readability_score"] - PUBLISHED_CLEAR["dale_chall_readability_score"]) <= 0.04


def test_loaded_language_beats_the_vader_word_list_on_babe(fresh):
    for half in fresh["babe"]["halves"].values():
        ours, vader = half["framelens"], half["vader_word_list"]
        assert ours["f1"] > vader["f1"] and ours["auc"] > vader["auc"]
        assert ours["biased_words_found"] > vader["biased_words_found"]


def test_loaded_language_finds_loaded_sentences_of_the_propaganda_corpus(fresh):
    assert fresh["loaded"]["halves"]["held_out"]["loaded_sentence"]["f1"] >= 0.35


def test_tone_keeps_its_agreement_on_the_held_out_half(fresh):
    assert fresh["tone"]["halves"]["held_out"]["framelens_pearson_r"] >= 0.515


def test_random_outlets_do_not_differ_and_intervals_cover_on_real_articles(fresh):
    """Outlets dealt at random from real articles: no pair differs after Holm, 95% intervals cover
    the mean in about 95 of 100 draws (200 draws: +-0.05 is chance), and counting terms once per
    article lists a few terms where counting every use lists a hundred."""
    for half in fresh["comparisons"]["halves"].values():
        for measure in ("loaded_per_1k", "tone_sentence_mean"):
            assert half[measure]["any_pair_differs_at_1pct"]["holm"] <= 0.05
            assert 0.9 <= half[measure]["coverage_95"]["bootstrap"] <= 0.99
        terms = half["distinguishing_terms"]
        assert terms["terms_listed_per_draw_per_article"] <= 10 < terms["terms_listed_per_draw_every_use"]
        assert terms["planted_phrase_found_share"] >= 0.9


def test_paraphrase_alignment_finds_the_rewrites_of_onestopenglish_and_rarely_joins_other_stories(fresh):
    """Through the command line, on both halves: at least 0.85 of elementary sentences aligned with
    their own article's advanced rewrite (above the word-overlap baseline on the same sentences),
    and at most 3% of alignments joining two different articles, a third of what words alone give."""
    for half in fresh["paraphrase"]["halves"].values():
        ours, words, baseline = half["framelens"], half["framelens_words_only"], half["baseline_word_overlap"]
        assert ours["aligned_with_own_rewrite"] >= 0.85 > baseline["aligned_with_own_rewrite"]
        assert ours["joining_different_articles"] <= 0.03
        assert 3 * ours["joining_different_articles"] < words["joining_different_articles"]
    assert fresh["paraphrase"]["left_out_misfiled"] == [
        "Arctic mapping",
        "Royal Baby",
        "Skydiver",
        "WNL Arctic Ramadan",
        "WNL The millenials",
        "WNL Tributes",
    ]


def test_named_sources_are_mostly_right_and_few_right_ones_were_lost(fresh):
    """The hand-coded sample of named sources on real news: a random sample of the current
    extractor's output is still found and right about 80% of the time on both halves (the
    previous extractor's about 54%), and the new rules lost few sources judged right in any sample."""
    for half in fresh["sources"]["halves"].values():
        current, previous = half["current_sample"], half["previous_version_sample"]
        assert current["n"] >= 0.95 * current["drawn"]  # the sample is still this code's output
        assert current["ci95"][0] > previous["precision"] and current["precision"] >= 0.75
        assert half["correct_sources_lost"] <= 0.03 * half["correct_sources_coded"]
    # Whole articles read for every named source they cite: about half are found (a floor that
    # catches a rule change losing sources wholesale; the fresh articles hold 27 items), more than
    # a capitalised name beside "said" finds, and nearly every source found names a cited one.
    fresh = [half["recall_fresh_articles"] for half in fresh["sources"]["halves"].values()]
    rules, baseline = [h["rules"] for h in fresh], [h["baseline"] for h in fresh]
    assert sum(h["items"] for h in rules) == 27 and sum(h["found"] for h in rules) >= 13
    assert sum(h["found"] for h in rules) > sum(h["found"] for h in baseline)
    assert sum(h["naming_a_coded_source"] for h in rules) >= 0.8 * sum(h["named_sources"] for h in rules)


def test_the_sentence_model_is_what_the_training_command_makes_of_the_data():
    """Trained again from the dev halves: the same figures on both halves and the same weights as
    the committed model file (which the command line and the tests load)."""
    from analysis.sentence_model import MODEL_FILE
    from evaluation import train

    again = train.evaluate(DATA, write=False)
    assert again["halves"] == committed("sentence_model")["halves"], "re-run: python -m evaluation train"
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert again["coef"] == pytest.approx(shipped["coef"], abs=1e-4)
    assert [t["sha256"] for t in again["model"]["training"]] == [t["sha256"] for t in shipped["about"]["training"]]
    held = again["halves"]["held_out"]
    # Better than the word list and VADER where it ranks (AUC), and than flagging every BABE sentence.
    for name in ("babe", "ptc", "newssd"):
        assert held[name]["model"]["auc"] > max(
            held[name]["word_list_flag"]["auc"], held[name]["vader_word_list"]["auc"]
        )
    assert held["babe"]["model"]["f1"] > held["babe"]["always_yes"]["f1"]


def test_a_story_reprinted_by_ten_outlets_among_2000_real_sentence_articles_is_one_cluster():
    """One story carried word for word by ten outlets inside 2,000 articles of real news sentences:
    every one of the 45 pairs shows the shared passage and one cluster lists the ten; a footer
    under eight unrelated articles of one outlet is still set aside as common wording."""
    from dataclasses import replace

    from analysis.overlap import compare
    from analysis.pipeline import comparable_documents
    from benchmarks.corpus import build_corpus

    articles, _ = build_corpus(2000, random_state=11, text="news")
    reprints = [replace(articles[0], id=f"reprint{k}", outlet=f"Paper {k}") for k in range(10)]
    footer = "\n\nSubscribe to the Daily Ledger for unlimited access to our award-winning local journalism today."
    ledger = [
        replace(a, id=f"ledger{k}", outlet="Daily Ledger", text=a.text + footer) for k, a in enumerate(articles[1:9])
    ]
    result = compare(comparable_documents([*reprints, *ledger, *articles[9:]]), 8, boilerplate_min_articles=5)
    copies = {f"reprint{k}" for k in range(10)}
    pairs = [p for p in result.pairs if p.a in copies and p.b in copies]
    assert len(pairs) == 45 and all(p.shared_passages for p in pairs)
    (cluster,) = [c for c in result.clusters if copies & {m.id for m in c.members}]
    assert {m.id for m in cluster.members} == copies
    ledger_ids = {a.id for a in ledger}
    footers = [p for p in result.pairs if p.a in ledger_ids and p.b in ledger_ids]
    assert not any("Subscribe" in s.text for p in footers for s in p.shared_passages)
