"""A sample of a collection too large to analyse at once in the dashboard.

Proportional to each outlet's share (largest remainders), so that outlets keep their weight;
within an outlet, the articles whose ids hash lowest. The sample is therefore the same on
every run and machine, and adding articles to a collection changes it only where the new
articles hash lower than ones already in it (a bottom-k sample), instead of drawing it anew.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from analysis.corpus import Article


def _rank(article: Article) -> bytes:
    return hashlib.blake2b(article.id.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def outlet_quotas(counts: dict[str, int], size: int) -> dict[str, int]:
    """How many of each outlet's articles a sample of `size` takes: each outlet's share of
    `size`, the rounded-down remainders given to the largest fractions (ties to the larger
    outlet, then the name)."""
    total = sum(counts.values())
    if total <= size:
        return dict(counts)
    exact = {outlet: count * size / total for outlet, count in counts.items()}
    quotas = {outlet: int(share) for outlet, share in exact.items()}
    left = size - sum(quotas.values())
    for outlet in sorted(exact, key=lambda o: (quotas[o] - exact[o], -counts[o], o))[:left]:
        quotas[outlet] += 1
    return quotas


def outlet_sample(articles: Sequence[Article], size: int) -> list[Article]:
    """At most `size` of `articles`, in their order: all of them when they are no more, else
    each outlet's quota (`outlet_quotas`; articles without an outlet are one group) of its
    articles that rank first by the hash of their ids."""
    if len(articles) <= size:
        return list(articles)
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_outlet[article.outlet or ""].append(article)
    quotas = outlet_quotas({outlet: len(group) for outlet, group in by_outlet.items()}, size)
    kept = {id(a) for outlet, group in by_outlet.items() for a in sorted(group, key=_rank)[: quotas[outlet]]}
    return [article for article in articles if id(article) in kept]
