"""The comparison figures (intervals, group tests, distinguishing terms) on real news articles.

There are no human labels for "these outlets differ": the test is what happens when they
cannot differ. The articles of each half of the Propaganda Techniques Corpus (dev: even article
ids) are scored as `python -m analysis score` scores them and dealt at random into made-up
outlets, so every difference between outlets is chance:

- **Interval coverage.** An "outlet" of `OUTLET_SIZE` articles drawn at random from the half:
  how often its 95% bootstrap interval (as the charts draw an outlet's, `RESAMPLES` resamples
  over its articles) holds the mean of the whole half, beside the normal-approximation interval
  (mean +- 1.96 standard errors) on the same draws.
- **Group test.** Four random outlets compared with `analysis.statistics.compare_groups`: the
  share of draws in which any pair differs at the 1% level after Holm's adjustment, beside the
  same test unadjusted.
- **Distinguishing terms.** Terms listed (z above 1.96) for four random outlets: counting each
  term once per article (Framelens) beside counting every use (the raw counts of Monroe et al.);
  and, with "The radical mob slammed the reform." planted in half of one outlet's articles, the
  share of draws in which "radical mob" is listed for that outlet and for no other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from analysis.corpus import article_from_text
from analysis.intervals import RESAMPLES
from analysis.pipeline import analyse_corpus
from analysis.registry import LOADED, SENTENCE_TONE
from analysis.statistics import bootstrap_interval, compare_groups
from analysis.terms import distinguishing_terms
from evaluation.propaganda import load

OUTLET_SIZE = 20
COVERAGE_DRAWS = 200
TEST_DRAWS = 20
TERM_DRAWS = 10
OUTLETS = 4
PLANTED = " The radical mob slammed the reform."
MEASURES = (LOADED.column, SENTENCE_TONE.column)


def _coverage(values: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
    truth = float(values.mean())
    bootstrap = normal = 0
    for _ in range(COVERAGE_DRAWS):
        sample = values[rng.choice(len(values), OUTLET_SIZE, replace=False)]
        low, high = bootstrap_interval(sample.tolist(), rng, resamples=RESAMPLES)
        bootstrap += low <= truth <= high
        half_width = 1.96 * sample.std(ddof=1) / np.sqrt(len(sample))
        normal += abs(sample.mean() - truth) <= half_width
    return {"bootstrap": round(bootstrap / COVERAGE_DRAWS, 3), "normal": round(normal / COVERAGE_DRAWS, 3)}


def _false_differences(values: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
    holm = raw = 0
    for draw in range(TEST_DRAWS):
        outlets = rng.integers(0, OUTLETS, len(values))
        groups = {f"outlet {k}": values[outlets == k].tolist() for k in range(OUTLETS)}
        result = compare_groups(groups, seed=draw)
        holm += any(p.p_adjusted < 0.01 for p in result.pairs)
        raw += any(p.p < 0.01 for p in result.pairs)
    return {"holm": round(holm / TEST_DRAWS, 3), "unadjusted": round(raw / TEST_DRAWS, 3)}


def _terms(texts: list[str], rng: np.random.Generator) -> dict[str, float]:
    listed: dict[str, list[int]] = {"per_article": [], "every_use": []}
    found_planted = 0
    for _ in range(TERM_DRAWS):
        outlets = [f"outlet {k}" for k in rng.integers(0, OUTLETS, len(texts))]
        listed["per_article"].append(len(distinguishing_terms(texts, outlets)))
        listed["every_use"].append(len(distinguishing_terms(texts, outlets, per_article=False)))
        planted = [
            t + PLANTED if o == "outlet 0" and i % 2 == 0 else t
            for i, (t, o) in enumerate(zip(texts, outlets, strict=True))
        ]
        hits = [t for t in distinguishing_terms(planted, outlets) if t.term == "radical mob"]
        found_planted += [t.group for t in hits] == ["outlet 0"]
    return {
        "terms_listed_per_draw_per_article": round(float(np.mean(listed["per_article"])), 1),
        "terms_listed_per_draw_every_use": round(float(np.mean(listed["every_use"])), 1),
        "planted_phrase_found_share": round(found_planted / TERM_DRAWS, 2),
    }


def _half(texts: dict[str, str]) -> dict:
    articles = [article_from_text(text, f"article{key}.txt") for key, text in texts.items()]
    _, tables = analyse_corpus(articles, workers=1)
    rng = np.random.default_rng(0)
    figures: dict = {"articles": len(articles)}
    for measure in MEASURES:
        values = tables.scores[measure].dropna().to_numpy(dtype=float)
        figures[measure] = {
            "coverage_95": _coverage(values, rng),
            "any_pair_differs_at_1pct": _false_differences(values, rng),
        }
    figures["distinguishing_terms"] = _terms(list(texts.values()), rng)
    return figures


def evaluate(root: Path, limit: int | None = None) -> dict:
    texts, _ = load(root, limit)
    halves = {
        "dev": {k: v for k, v in texts.items() if int(k) % 2 == 0},
        "held_out": {k: v for k, v in texts.items() if int(k) % 2 == 1},
    }
    return {
        "dataset": "Propaganda Techniques Corpus articles (SemEval-2020 Task 11), outlets assigned at random",
        "score": "interval coverage, false differences between random outlets, distinguishing terms",
        "halves": {name: _half(part) for name, part in halves.items()},
        "reference": {"nominal_coverage": 0.95, "nominal_false_difference_rate_at_most": 0.01},
    }
