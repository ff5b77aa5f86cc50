"""Comparing groups of articles on one measure, with the uncertainty a reviewer asks for.

Per group: the mean and a 95% percentile bootstrap interval over its articles (Efron and
Tibshirani 1993). Per pair of groups: the difference of means with a bootstrap interval,
Cohen's d (pooled standard deviation) and a two-sided permutation test of the difference
(Good 2005), its p-values adjusted for the number of pairs by Holm's step-down method
(Holm 1979). Resampling runs on a seeded generator, so the same seed gives the same numbers.

Within blocks (`compare_within`, for example outlets within the events they all covered): a
pair of groups is compared on the events both covered, each event giving the difference of the
two groups' means there. The estimate is the mean of those differences, its interval a paired
bootstrap over events (events resampled as blocks), its test a stratified permutation test
(group labels shuffled only among the articles of one event), its effect size the mean
difference over their standard deviation (Cohen's d_z). Each group's own mean has a bootstrap
interval over its events. Outlets that cover different events can differ because the events
differ; within events that difference is held fixed.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
BOOTSTRAP_RESAMPLES = 4_000
PERMUTATIONS = 10_000
# Both groups at least this large: the permutation p-value from the normal approximation of the
# permutation distribution (its exact variance), not from relabellings. On real articles' scores
# it matched 10,000 relabellings within their Monte Carlo error from 100 articles a group (mean
# gap 0.8 standard errors, largest 2.7 over 112 comparisons of 14 measures, as Monte Carlo noise
# alone gives; 2.4 at 200, 2.7 at 300), not below (largest 3.3 at 50, 7.3 at 30);
# `python -m evaluation permutation`. Ten outlets of 1,000 articles took 15 s of relabellings.
NORMAL_P_FROM = 100
# The same within events (`compare_within`), where each event holds a few articles of each group:
# from 200 articles a group (mean gap 0.8, largest 2.7; 3.7 at 100, with a zero-inflated measure).
NORMAL_P_WITHIN_FROM = 200
# Fewer articles than this in a group give no estimate: an interval from one or two values is noise.
MIN_GROUP_SIZE = 3


@dataclass(frozen=True)
class GroupEstimate:
    group: str
    articles: int
    estimate: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class PairDifference:
    a: str
    b: str
    difference: float  # mean of a minus mean of b
    ci_low: float
    ci_high: float
    effect_size: float | None  # Cohen's d
    p: float
    p_adjusted: float  # Holm
    blocks: int | None = None  # events both groups covered (within-event comparisons only)


@dataclass(frozen=True)
class Comparison:
    measure: str
    groups: tuple[GroupEstimate, ...]
    pairs: tuple[PairDifference, ...]
    left_out: int  # articles without a value of the measure or without a group
    seed: int
    within: str | None = None  # the column whose values are the blocks (events), if any


def bootstrap_interval(
    values: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> tuple[float, float]:
    """The percentile bootstrap interval of the mean of `values`."""
    return _percentile_interval(bootstrap_means(values, rng, resamples))


def bootstrap_means(
    values: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> np.ndarray:
    """The mean of each of `resamples` resamples of `values` (drawn with replacement)."""
    data = np.asarray(values, dtype=float)
    return data[rng.integers(0, len(data), size=(resamples, len(data)))].mean(axis=1)


def _percentile_interval(replicates: np.ndarray) -> tuple[float, float]:
    tail = (1 - CONFIDENCE) / 2
    return float(np.quantile(replicates, tail)), float(np.quantile(replicates, 1 - tail))


def difference_interval(
    a: Sequence[float], b: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> tuple[float, float]:
    """The percentile bootstrap interval of mean(a) - mean(b), each group resampled on its own."""
    return _percentile_interval(bootstrap_means(a, rng, resamples) - bootstrap_means(b, rng, resamples))


def permutation_p(
    a: Sequence[float], b: Sequence[float], rng: np.random.Generator, permutations: int = PERMUTATIONS
) -> float:
    """Two-sided permutation p-value of the difference of means: the share of relabellings whose
    difference is at least as large as the one observed, the observed one counted (so p > 0)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pooled = np.concatenate([x, y])
    observed = abs(x.mean() - y.mean())
    extreme, done = 0, 0
    chunk = max(1, 2_000_000 // len(pooled))  # relabellings per step: memory stays flat on large groups
    while done < permutations:
        n = min(chunk, permutations - done)
        groups = pooled[np.argsort(rng.random((n, len(pooled))), axis=1)]
        diffs = np.abs(groups[:, : len(x)].mean(axis=1) - groups[:, len(x) :].mean(axis=1))
        extreme += int(np.sum(diffs >= observed - 1e-12))
        done += n
    return (extreme + 1) / (permutations + 1)


def normal_permutation_p(a: Sequence[float], b: Sequence[float]) -> float:
    """Two-sided p-value of the difference of means from the normal approximation of its
    permutation distribution: mean 0, variance S^2 (1/n_a + 1/n_b) with S^2 the pooled values'
    variance (exact under relabelling; Hajek 1960 for the normal limit). 1 when all values are equal."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pooled = np.concatenate([x, y])
    step = 1 / len(x) + 1 / len(y)
    variance = pooled.var(ddof=1) * step
    if not variance > 0:
        return 1.0
    gap = abs(x.mean() - y.mean())
    if np.all(pooled == np.round(pooled)):
        # Whole numbers (a grade, a count) put the difference on a lattice of `step`, and the
        # relabellings count the differences equal to the one observed: half a step off (a
        # continuity correction).
        gap = max(0.0, gap - step / 2)
    return min(1.0, math.erfc(gap / math.sqrt(2 * variance)))


def difference_p(a: Sequence[float], b: Sequence[float], rng: np.random.Generator) -> float:
    """`permutation_p`, or `normal_permutation_p` when both groups reach `NORMAL_P_FROM`."""
    if min(len(a), len(b)) >= NORMAL_P_FROM:
        return normal_permutation_p(a, b)
    return permutation_p(a, b, rng)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjustment: the k-th smallest p times (m - k + 1), kept monotone, at most 1."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def cohens_d(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Difference of means over the pooled standard deviation; None when both groups are constant."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pooled = ((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / (len(x) + len(y) - 2)
    return float((x.mean() - y.mean()) / np.sqrt(pooled)) if pooled > 0 else None


def compare_groups(
    values: Mapping[str, Sequence[float]], measure: str = "", seed: int = 0, left_out: int = 0
) -> Comparison:
    """Each group's mean with its interval, and every pair of groups compared (see the module).

    Each group is resampled once: its resampled means give its own interval and, less those of
    the other group, each pair's difference interval (each group resampled on its own, as
    `difference_interval`), so ten groups draw ten sets of resamples, not ninety."""
    rng = np.random.default_rng(seed)
    estimates = []
    replicates: dict[str, np.ndarray] = {}
    for group in sorted(values):
        data = list(values[group])
        if len(data) < MIN_GROUP_SIZE:
            estimates.append(GroupEstimate(group, len(data), None, None, None))
            continue
        replicates[group] = bootstrap_means(data, rng)
        low, high = _percentile_interval(replicates[group])
        estimates.append(GroupEstimate(group, len(data), _round(float(np.mean(data))), _round(low), _round(high)))
    usable = [g.group for g in estimates if g.estimate is not None]
    raw = []
    for a, b in itertools.combinations(usable, 2):
        low, high = _percentile_interval(replicates[a] - replicates[b])
        difference = float(np.mean(values[a]) - np.mean(values[b]))
        raw.append(
            (a, b, difference, low, high, cohens_d(values[a], values[b]), difference_p(values[a], values[b], rng))
        )
    adjusted = holm([r[-1] for r in raw])
    pairs = tuple(
        PairDifference(
            a, b, _round(d), _round(lo), _round(hi), None if es is None else _round(es), _round(p), _round(q)
        )
        for (a, b, d, lo, hi, es, p), q in zip(raw, adjusted, strict=True)
    )
    return Comparison(measure, tuple(estimates), pairs, left_out, seed)


def compare_within(
    rows: Sequence[tuple[str, str, float]], measure: str = "", within: str = "event", seed: int = 0, left_out: int = 0
) -> Comparison:
    """Groups compared within blocks: `rows` are (group, block, value) per article (see the module).
    A pair needs `MIN_GROUP_SIZE` blocks in common to be compared."""
    rng = np.random.default_rng(seed)
    by_group: dict[str, dict[str, list[float]]] = {}
    for group, block, value in rows:
        by_group.setdefault(group, {}).setdefault(block, []).append(float(value))
    estimates = []
    for group in sorted(by_group):
        blocks = by_group[group]
        data = [v for values in blocks.values() for v in values]
        if len(blocks) < MIN_GROUP_SIZE:
            estimates.append(GroupEstimate(group, len(data), None, None, None))
            continue
        low, high = _block_interval(list(blocks.values()), rng)
        estimates.append(GroupEstimate(group, len(data), _round(float(np.mean(data))), _round(low), _round(high)))
    raw = []
    for a, b in itertools.combinations(sorted(by_group), 2):
        shared = sorted(set(by_group[a]) & set(by_group[b]))
        if len(shared) < MIN_GROUP_SIZE:
            continue
        differences = np.array([np.mean(by_group[a][e]) - np.mean(by_group[b][e]) for e in shared])
        weights = rng.multinomial(len(shared), np.full(len(shared), 1 / len(shared)), size=BOOTSTRAP_RESAMPLES)
        means = weights @ differences / len(shared)
        tail = (1 - CONFIDENCE) / 2
        low, high = np.quantile(means, [tail, 1 - tail])
        spread = differences.std(ddof=1)
        effect = float(differences.mean() / spread) if spread > 0 else None
        p = stratified_difference_p([(by_group[a][e], by_group[b][e]) for e in shared], rng)
        raw.append((a, b, float(differences.mean()), float(low), float(high), effect, p, len(shared)))
    adjusted = holm([r[6] for r in raw])
    pairs = tuple(
        PairDifference(
            a, b, _round(d), _round(lo), _round(hi), None if es is None else _round(es), _round(p), _round(q), n
        )
        for (a, b, d, lo, hi, es, p, n), q in zip(raw, adjusted, strict=True)
    )
    return Comparison(measure, tuple(estimates), pairs, left_out, seed, within)


def _block_interval(blocks: Sequence[Sequence[float]], rng: np.random.Generator) -> tuple[float, float]:
    """The percentile bootstrap interval of a mean over articles, whole blocks resampled."""
    sums = np.array([sum(b) for b in blocks])
    counts = np.array([len(b) for b in blocks], dtype=float)
    weights = rng.multinomial(len(blocks), np.full(len(blocks), 1 / len(blocks)), size=BOOTSTRAP_RESAMPLES)
    means = (weights @ sums) / (weights @ counts)
    tail = (1 - CONFIDENCE) / 2
    return float(np.quantile(means, tail)), float(np.quantile(means, 1 - tail))


def stratified_permutation_p(
    blocks: Sequence[tuple[Sequence[float], Sequence[float]]],
    rng: np.random.Generator,
    permutations: int = PERMUTATIONS,
) -> float:
    """Two-sided permutation p-value of the mean over blocks of (mean of a - mean of b) in each
    block, the a and b labels shuffled only within a block; the observed labelling counted."""
    values = np.concatenate([np.concatenate([a, b]) for a, b in blocks]).astype(float)
    is_a = np.concatenate([np.r_[np.ones(len(a)), np.zeros(len(b))] for a, b in blocks])
    sizes = np.array([len(a) + len(b) for a, b in blocks])
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    block_of = np.repeat(np.arange(len(blocks)), sizes)
    n_a = np.array([len(a) for a, _ in blocks], dtype=float)
    n_b = sizes - n_a

    def statistic(v: np.ndarray) -> np.ndarray:  # (rows x articles) -> one value per row
        sum_a = np.add.reduceat(v * is_a, starts, axis=1)
        sum_b = np.add.reduceat(v * (1 - is_a), starts, axis=1)
        return (sum_a / n_a - sum_b / n_b).mean(axis=1)

    observed = abs(statistic(values[None, :])[0])
    extreme, done = 0, 0
    chunk = max(1, 2_000_000 // len(values))
    while done < permutations:
        n = min(chunk, permutations - done)
        # Sorting block number plus a uniform draw shuffles within each block and keeps blocks in place.
        order = np.argsort(block_of + rng.random((n, len(values))), axis=1)
        extreme += int(np.sum(np.abs(statistic(values[order])) >= observed - 1e-12))
        done += n
    return (extreme + 1) / (permutations + 1)


def normal_stratified_permutation_p(blocks: Sequence[tuple[Sequence[float], Sequence[float]]]) -> float:
    """`stratified_permutation_p` from the normal approximation of its permutation distribution:
    relabelled within its block, each block's difference of means has mean 0 and variance
    S^2 (1/n_a + 1/n_b) (S^2 the block's pooled variance), independently of the other blocks. 1 when
    nothing varies."""
    variance, total = 0.0, 0.0
    for a, b in blocks:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        total += x.mean() - y.mean()
        variance += np.concatenate([x, y]).var(ddof=1) * (1 / len(x) + 1 / len(y))
    variance /= len(blocks) ** 2
    if not variance > 0:
        return 1.0
    return min(1.0, math.erfc(abs(total / len(blocks)) / math.sqrt(2 * variance)))


def stratified_difference_p(
    blocks: Sequence[tuple[Sequence[float], Sequence[float]]], rng: np.random.Generator
) -> float:
    """`stratified_permutation_p`, or its normal approximation when both groups hold at least
    `NORMAL_P_WITHIN_FROM` articles over the blocks."""
    if min(sum(len(a) for a, _ in blocks), sum(len(b) for _, b in blocks)) >= NORMAL_P_WITHIN_FROM:
        return normal_stratified_permutation_p(blocks)
    return stratified_permutation_p(blocks, rng)


def _round(value: float) -> float:
    return round(value, 4)


def in_words(pair: PairDifference, measure: str, alpha: float = 0.05, within: str | None = None) -> str:
    """One sentence a researcher can quote, or say that the difference may be noise. The interval
    is the pair's own 95% interval; the p-value is adjusted for the number of pairs (Holm), so
    the sentence says when the two disagree."""
    where = f" within {within} ({pair.blocks} in common)" if within and pair.blocks else ""
    p = f"p = {pair.p_adjusted:.3f} after Holm"
    if pair.p_adjusted >= alpha:
        excludes_zero = pair.ci_low > 0 or pair.ci_high < 0
        caveat = (
            "; the interval, not adjusted for the number of pairs, leaves out zero, the adjusted test does not"
            if excludes_zero
            else ""
        )
        return (
            f"{pair.a} and {pair.b} do not differ clearly in {measure}{where}: {pair.difference:+.2f} "
            f"[{pair.ci_low:+.2f}, {pair.ci_high:+.2f}], {p}{caveat}."
        )
    more, less = (pair.a, pair.b) if pair.difference > 0 else (pair.b, pair.a)
    size = abs(pair.difference)
    low, high = sorted((abs(pair.ci_low), abs(pair.ci_high)))
    return f"{more} scores higher than {less} on {measure}{where}: +{size:.2f} [{low:.2f}, {high:.2f}], {p}."
