"""`python -m evaluation permutation`: the permutation test's normal approximation against
relabellings, on real articles' scores.

`compare` tests a difference of two groups' means by relabelling articles (10,000 times), or,
when both groups hold at least `NORMAL_P_FROM` articles, by the normal approximation of the same
permutation distribution (its exact variance). This measures where the two agree: articles made of
runs of real news sentences (the benchmarks' corpus, from the Propaganda Techniques Corpus) are
scored; for each measure and group size, two groups are drawn at random, a shift of 0 to 0.6
standard deviations (scaled to the group size, so the p-values spread over the range that
matters) added to one, and both p-values computed. The gap is counted in Monte Carlo standard
errors of the relabelled p-value, sqrt(p (1 - p) / 10,000): Monte Carlo noise alone gives a mean
near 0.8 and, over some hundred draws, a largest gap near 3.

Writes `evaluation/results/permutation.json`.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from analysis.registry import chosen
from analysis.statistics import (
    PERMUTATIONS,
    normal_permutation_p,
    normal_stratified_permutation_p,
    permutation_p,
    stratified_permutation_p,
)
from evaluation.data import RESULTS_DIR

# Every measure Compare offers: skewed and zero-inflated (loaded terms), bounded (tone), near
# normal (grades), counts (words).
MEASURES = tuple(m.column for m in chosen("comparable") if m.column and "{" not in m.column)
SIZES = (10, 30, 50, 100, 200, 300)
DRAWS = 8  # per measure and size
SHIFTS = (0.0, 0.2, 0.4, 0.6)  # standard deviations at 100 articles a group
ARTICLES = 3_000


def article_values(articles: int = ARTICLES) -> dict[str, np.ndarray]:
    """Each measure's values over `articles` real-sentence articles (articles without one left out)."""
    from analysis.lexicon import load_lexicon
    from analysis.pipeline import score_all
    from analysis.records import score_record
    from analysis.tables import records_frame
    from benchmarks.corpus import build_corpus

    corpus, _ = build_corpus(articles, text="news")
    frame = records_frame(score_all(corpus, load_lexicon(), keep=score_record))
    return {m: frame[m].dropna().to_numpy(dtype=float) for m in MEASURES}


def _groups(pool: np.ndarray, size: int, shift: float, rng: np.random.Generator) -> tuple[list, list]:
    chosen = rng.choice(len(pool), 2 * size, replace=False)
    return (pool[chosen[:size]] + shift).tolist(), pool[chosen[size:]].tolist()


def _in_events(a: list, b: list, rng: np.random.Generator) -> list[tuple[list, list]]:
    """The two groups spread over events (about four articles of each a event, at least one), as
    outlets cover the same events unevenly."""
    events = max(3, min(len(a), len(b)) // 4)
    blocks: list[tuple[list, list]] = [([], []) for _ in range(events)]
    for side, values in enumerate((a, b)):
        where = np.r_[np.arange(events), rng.integers(0, events, len(values) - events)]
        for event, value in zip(where.tolist(), values, strict=True):
            blocks[event][side].append(value)
    return blocks


def _agreement(values: dict[str, np.ndarray], within: bool) -> dict[str, dict]:
    """Per group size: the gaps between the normal approximation and 10,000 relabellings, in
    Monte Carlo standard errors, over every measure and draw."""
    rng = np.random.default_rng(0)
    by_size: dict[str, dict] = {}
    for size in SIZES:
        gaps, decisions, worst = [], 0, {}
        for measure, pool in values.items():
            for draw in range(DRAWS):
                shift = SHIFTS[draw % len(SHIFTS)] * pool.std() * math.sqrt(100 / size)
                a, b = _groups(pool, size, shift, rng)
                if within:
                    blocks = _in_events(a, b, rng)
                    relabelled = stratified_permutation_p(blocks, np.random.default_rng(draw), PERMUTATIONS)
                    normal = normal_stratified_permutation_p(blocks)
                else:
                    relabelled = permutation_p(a, b, np.random.default_rng(draw), PERMUTATIONS)
                    normal = normal_permutation_p(a, b)
                error = math.sqrt(max(relabelled * (1 - relabelled), 1 / PERMUTATIONS) / PERMUTATIONS)
                gaps.append(abs(normal - relabelled) / error)
                if gaps[-1] == max(gaps):
                    worst = {"measure": measure, "relabelled_p": relabelled, "normal_p": round(normal, 6)}
                decisions += (normal < 0.05) != (relabelled < 0.05)
        by_size[str(size)] = {
            "comparisons": len(gaps),
            "mean_gap_in_mc_errors": round(float(np.mean(gaps)), 2),
            "largest_gap_in_mc_errors": round(float(np.max(gaps)), 2),
            "decisions_at_0.05_that_differ": decisions,
            "largest_gap": worst,
        }
    return by_size


def evaluate(values: dict[str, np.ndarray]) -> dict:
    return {
        "what": "normal approximation of the permutation test against 10,000 relabellings, per group size",
        "articles": {m: len(v) for m, v in values.items()},
        "measures": list(MEASURES),
        "by_group_size": _agreement(values, within=False),
        "within_events_by_group_size": _agreement(values, within=True),
    }


def main(root: Path) -> dict:
    import json
    import os

    os.environ["FRAMELENS_EVAL_DIR"] = str(root)  # where the benchmarks' builder reads the sentences
    result = evaluate(article_values())
    (RESULTS_DIR / "permutation.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
