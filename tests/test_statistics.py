"""Group comparisons checked against textbook values and scipy's own implementations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.statistics import (
    MIN_GROUP_SIZE,
    bootstrap_interval,
    cohens_d,
    compare_groups,
    holm,
    in_words,
    permutation_p,
)


@pytest.mark.parametrize(
    "p, adjusted",
    [
        ([], []),
        ([0.01, 0.04, 0.03], [0.03, 0.06, 0.06]),  # Holm (1979): 3 x 0.01, 2 x 0.03, max(0.06, 0.04)
        ([0.5, 0.6], [1.0, 1.0]),
        ([0.001, 0.2, 0.04, 0.01], [0.004, 0.2, 0.08, 0.03]),
    ],
)
def test_holm_on_worked_examples(p, adjusted):
    assert holm(p) == pytest.approx(adjusted)


def test_cohens_d_on_a_textbook_example():
    # means 6 and 4, both sample SDs sqrt(2.5): d = 2 / sqrt(2.5)
    assert cohens_d([4, 5, 6, 7, 8], [2, 3, 4, 5, 6]) == pytest.approx(2 / np.sqrt(2.5))
    assert cohens_d([1, 1, 1], [1, 1, 1]) is None


def test_permutation_p_agrees_with_scipy():
    rng = np.random.default_rng(3)
    a, b = rng.normal(0, 1, 25), rng.normal(0.8, 1, 30)
    ours = permutation_p(a, b, np.random.default_rng(1), permutations=20_000)
    theirs = stats.permutation_test(
        (a, b), lambda x, y: np.mean(x) - np.mean(y), n_resamples=20_000, alternative="two-sided", random_state=1
    ).pvalue
    assert ours == pytest.approx(theirs, abs=0.01)


def test_bootstrap_interval_agrees_with_scipy():
    data = np.random.default_rng(5).exponential(2.0, 60)
    ours = bootstrap_interval(data, np.random.default_rng(0), resamples=20_000)
    theirs = stats.bootstrap((data,), np.mean, n_resamples=20_000, method="percentile", random_state=0)
    assert ours == pytest.approx((theirs.confidence_interval.low, theirs.confidence_interval.high), abs=0.05)


def test_groups_drawn_from_one_pool_rarely_differ():
    """Outlets assigned at random: at the 1% level after Holm, nearly no draw finds a difference."""
    pool = np.random.default_rng(11).gamma(2.0, 5.0, 400)
    found = 0
    for draw in range(20):
        rng = np.random.default_rng(draw)
        labels = rng.integers(0, 4, len(pool))
        groups = {f"outlet {k}": pool[labels == k].tolist() for k in range(4)}
        result = compare_groups(groups, "loaded", seed=draw)
        found += any(p.p_adjusted < 0.01 for p in result.pairs)
    assert found <= 1


def test_a_group_with_planted_loaded_words_is_separated():
    rng = np.random.default_rng(2)
    groups = {name: rng.gamma(2.0, 5.0, 40).tolist() for name in ("A", "B", "C")}
    groups["C"] = [v + 8.0 for v in groups["C"]]
    result = compare_groups(groups, "loaded per 1,000 words", seed=4)
    for pair in result.pairs:
        if "C" in (pair.a, pair.b):
            assert pair.p_adjusted < 0.01 and (pair.ci_low > 0 or pair.ci_high < 0)
        else:
            assert pair.ci_low < 0 < pair.ci_high
    c_vs_a = next(p for p in result.pairs if {p.a, p.b} == {"A", "C"})
    assert in_words(c_vs_a, "loaded words per 1,000").startswith("C scores higher than A")


def test_same_seed_same_numbers_and_small_groups_get_no_estimate():
    groups = {"big": [1.0, 2.0, 3.0, 4.0, 5.0], "tiny": [1.0] * (MIN_GROUP_SIZE - 1), "mid": [2.0, 3.0, 3.5, 4.5]}
    first, second = compare_groups(groups, seed=7), compare_groups(groups, seed=7)
    assert first == second
    tiny = next(g for g in first.groups if g.group == "tiny")
    assert (tiny.articles, tiny.estimate, tiny.ci_low) == (MIN_GROUP_SIZE - 1, None, None)
    assert [(p.a, p.b) for p in first.pairs] == [("big", "mid")]
