"""Group comparisons checked against textbook values and scipy's own implementations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.statistics import (
    MIN_GROUP_SIZE,
    NORMAL_P_FROM,
    NORMAL_P_WITHIN_FROM,
    bootstrap_interval,
    cohens_d,
    compare_groups,
    compare_within,
    difference_p,
    holm,
    in_words,
    normal_permutation_p,
    normal_stratified_permutation_p,
    permutation_p,
    stratified_difference_p,
    stratified_permutation_p,
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


def test_normal_permutation_p_agrees_with_relabelling_on_large_skewed_groups():
    # Skewed, zero-inflated values like loaded terms per 1,000 words, at the size it is used from.
    rng = np.random.default_rng(4)
    for shift in (0.0, 0.15, 0.3):
        a = rng.gamma(0.8, 3.0, 120) * (rng.random(120) > 0.3) + shift * 3
        b = rng.gamma(0.8, 3.0, 140) * (rng.random(140) > 0.3)
        relabelled = permutation_p(a, b, np.random.default_rng(1), permutations=20_000)
        error = np.sqrt(max(relabelled * (1 - relabelled), 1 / 20_000) / 20_000)
        assert abs(normal_permutation_p(a, b) - relabelled) < 4 * error


def test_normal_stratified_p_agrees_with_relabelling_within_events():
    # Skewed values in 30 events of uneven coverage; one outlet a little higher in every event.
    rng = np.random.default_rng(9)
    for shift in (0.0, 0.4):
        blocks = [
            (rng.gamma(0.8, 3.0, rng.integers(2, 9)) + shift, rng.gamma(0.8, 3.0, rng.integers(2, 9)))
            for _ in range(30)
        ]
        relabelled = stratified_permutation_p(blocks, np.random.default_rng(1), permutations=20_000)
        error = np.sqrt(max(relabelled * (1 - relabelled), 1 / 20_000) / 20_000)
        assert abs(normal_stratified_permutation_p(blocks) - relabelled) < 4 * error
    few = [([1.0, 2.0], [2.0, 3.0])] * 3
    assert stratified_difference_p(few, np.random.default_rng(3)) == stratified_permutation_p(
        few, np.random.default_rng(3)
    )
    many = [(rng.gamma(0.8, 3.0, 8), rng.gamma(0.8, 3.0, 8)) for _ in range(NORMAL_P_WITHIN_FROM // 8)]
    assert stratified_difference_p(many, rng) == normal_stratified_permutation_p(many)
    assert stratified_difference_p(many[1:], np.random.default_rng(4)) == stratified_permutation_p(
        many[1:], np.random.default_rng(4)
    )


def test_whole_number_values_get_the_continuity_correction():
    # A reading grade: few distinct whole numbers, so many relabellings tie with the observed difference.
    rng = np.random.default_rng(8)
    a, b = rng.integers(6, 11, 150).astype(float), rng.integers(6, 11, 150).astype(float)
    b[:4] += 1  # a small difference, a p-value in the middle of the range
    relabelled = permutation_p(a, b, np.random.default_rng(1), permutations=20_000)
    error = np.sqrt(relabelled * (1 - relabelled) / 20_000)
    assert 0.05 < relabelled < 0.95
    assert abs(normal_permutation_p(a, b) - relabelled) < 3 * error


def test_groups_from_the_normal_size_on_use_the_normal_approximation():
    rng = np.random.default_rng(6)
    small, large = rng.exponential(1.0, (2, NORMAL_P_FROM - 1)), rng.exponential(1.0, (2, NORMAL_P_FROM))
    assert difference_p(*small, np.random.default_rng(2)) == permutation_p(*small, np.random.default_rng(2))
    assert difference_p(*large, np.random.default_rng(2)) == normal_permutation_p(*large)
    assert normal_permutation_p([1.0, 1.0, 1.0], [1.0, 1.0]) == 1.0


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


def _events(rng, n_events=40, effect=0.0, covered=None):
    """Articles of three outlets on `n_events` events whose own level varies a lot (sd 3); the
    outlet A adds `effect`. `covered(outlet, event)` says whether the outlet covered the event."""
    rows = []
    for event in range(n_events):
        level = rng.normal(0, 3)
        for outlet in ("A", "B", "C"):
            if covered is None or covered(outlet, event, level):
                for _ in range(rng.integers(1, 3)):
                    rows.append((outlet, f"e{event}", level + rng.normal(0, 1) + (effect if outlet == "A" else 0)))
    return rows


def test_outlets_covering_different_events_differ_overall_but_not_within_events():
    """The design reason for the within-event test: A covers the high-level events more often.
    The plain comparison finds a difference that is only the events'; within events none is found."""
    rng = np.random.default_rng(7)

    def covered(outlet, event, level):
        return outlet != "A" or level > 0.5 or event % 6 == 0

    rows = _events(rng, 120, covered=covered)
    plain = compare_groups({o: [v for g, _, v in rows if g == o] for o in "ABC"}, "x", seed=1)
    assert any(p.p_adjusted < 0.01 for p in plain.pairs if "A" in (p.a, p.b))
    within = compare_within(rows, "x", "event", seed=1)
    assert all(p.p_adjusted > 0.05 and p.ci_low < 0 < p.ci_high for p in within.pairs)
    assert within.within == "event" and all(p.blocks >= 20 for p in within.pairs)


def test_a_planted_difference_within_events_is_found():
    rng = np.random.default_rng(3)
    rows = _events(rng, 40, effect=0.8)
    result = compare_within(rows, "x", "event", seed=2)
    for pair in result.pairs:
        if "A" in (pair.a, pair.b):
            assert pair.p_adjusted < 0.01
            assert pair.ci_low <= 0.8 * (1 if pair.a == "A" else -1) <= pair.ci_high
        else:
            assert pair.ci_low < 0 < pair.ci_high
    a_vs_b = next(p for p in result.pairs if {p.a, p.b} == {"A", "B"})
    assert "within event (40 in common)" in in_words(a_vs_b, "x", within="event")
    # Hidden by the spread of events, the same effect is not found without blocking.
    plain = compare_groups({o: [v for g, _, v in rows if g == o] for o in "ABC"}, "x", seed=2)
    assert all(p.p_adjusted > 0.01 for p in plain.pairs)


def test_outlets_assigned_at_random_within_events_rarely_differ():
    """Random outlets inside real-looking event structure: p-values spread evenly, so about 5 in
    100 fall under 0.05 (under 0.12 allows for the Monte Carlo spread of 100 draws)."""
    below = 0
    for draw in range(100):
        rng = np.random.default_rng(100 + draw)
        rows = _events(rng, 15)
        blocks = {}
        for outlet, event, value in rows:
            blocks.setdefault(event, ([], []))[0 if outlet == "A" else 1].append(value) if outlet in "AB" else None
        pairs = [(a, b) for a, b in blocks.values() if a and b]
        below += stratified_permutation_p(pairs, np.random.default_rng(draw), permutations=499) < 0.05
    assert 1 <= below <= 12


def test_stratified_permutation_with_one_article_each_is_the_sign_flip_test():
    """One article per group and event: shuffling within an event flips the sign of its
    difference, so the exact p-value is the share of the 2^k sign patterns as extreme."""
    import itertools as it

    differences = np.array([1.2, 0.4, -0.3, 0.9, 1.5, 0.2, 0.7])
    exact = np.mean(
        [
            abs(np.mean(np.array(s) * differences)) >= abs(differences.mean()) - 1e-12
            for s in it.product((1, -1), repeat=len(differences))
        ]
    )
    blocks = [([d], [0.0]) for d in differences]
    ours = stratified_permutation_p(blocks, np.random.default_rng(0), permutations=20_000)
    assert ours == pytest.approx(exact, abs=0.01)
