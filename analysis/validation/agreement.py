"""Agreement figures for coded samples: Wilson intervals for a share, Cohen's kappa for two
coders, Krippendorff's alpha (nominal) for any number of coders with missing codes.

Wilson (1927), Probable inference, the law of succession, and statistical inference, JASA 22;
Cohen (1960), A coefficient of agreement for nominal scales, EPM 20; Krippendorff (2011),
Computing Krippendorff's alpha-reliability (the coincidence-matrix form used here).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

CONFIDENCE = 0.95


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """The Wilson score interval of a share `successes / n` (scipy's); None when nothing was coded."""
    if n <= 0:
        return None
    from scipy.stats import binomtest

    interval = binomtest(int(successes), int(n)).proportion_ci(confidence_level=confidence, method="wilson")
    return max(0.0, float(interval.low)), min(1.0, float(interval.high))


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' codes of the same units, in order (scikit-learn's); None when
    chance agreement is certain (both coders gave one and the same code throughout) or there are
    no units."""
    if len(first) != len(second):
        raise ValueError("the two coders must code the same units")
    n = len(first)
    if n == 0:
        return None
    counts_a, counts_b = Counter(first), Counter(second)
    if sum(counts_a[c] * counts_b[c] for c in counts_a) == n * n:  # both wrote one code throughout
        return None
    from sklearn.metrics import cohen_kappa_score

    labels = sorted({*first, *second}, key=repr)
    codes = {label: k for k, label in enumerate(labels)}
    return float(cohen_kappa_score([codes[a] for a in first], [codes[b] for b in second]))


def krippendorff_alpha(units: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal codes. `units`: for each unit, every coder's code (None
    where a coder left it uncoded). Units with fewer than two codes are not pairable and are left
    out; None when no unit is pairable or all pairable codes are one value (no variation)."""
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                coincidences[(c, k)] += pairs / (m - 1)
    totals: dict[Hashable, float] = defaultdict(float)
    for (c, _), value in coincidences.items():
        totals[c] += value
    n = sum(totals.values())
    if n <= 1:
        return None
    disagreement = sum(value for (c, k), value in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * disagreement / expected
