"""Copies of one story across outlets: reprint clusters, and how much of each article's own text
is reprinted from another outlet (churnalism).

A pair of articles are copies of one story when at least `REPRINT_SHARE` of one's own text (its
stemmed word n-grams, quotations left out) is found in the other; the copies joined through such
pairs form a cluster, listed in order of publication. An article's *reprinted share* is the
share of its own words (quotations left out) that stand in passages it shares, as copied text,
with an article of another outlet published no later: what the outlet took rather than wrote.
With either date unknown the other article counts (it may be the earlier); with both outlets
unknown, any other article counts. Two articles of one outlet never count: an outlet reusing its
own copy is not taking another's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from analysis.overlap.model import Document, PairOverlap, ReprintCluster, ReprintMember
from analysis.overlap.settings import REPRINT_SHARE
from analysis.statistics import MIN_GROUP_SIZE, bootstrap_interval


def _own_share(pair: PairOverlap, article: str) -> float:
    return pair.a_in_b if pair.a == article else pair.b_in_a


def reprint_clusters(documents: Sequence[Document], pairs: Sequence[PairOverlap]) -> tuple[ReprintCluster, ...]:
    """The clusters of copies of one story (see the module), largest first."""
    by_id = {d.id: d for d in documents}
    parent = {d.id: d.id for d in documents}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    copies = [p for p in pairs if max(p.a_in_b, p.b_in_a) >= REPRINT_SHARE]
    for pair in copies:
        parent[root(pair.a)] = root(pair.b)
    best: dict[str, float] = {}
    for pair in copies:
        for article in (pair.a, pair.b):
            best[article] = max(best.get(article, 0.0), _own_share(pair, article))

    def order(article: str) -> tuple:
        published = by_id[article].published
        return (published is None, published or dt.date.min, article)

    groups: dict[str, list[str]] = {}
    for article in best:
        groups.setdefault(root(article), []).append(article)
    clusters = [
        ReprintCluster(
            tuple(
                ReprintMember(a, by_id[a].outlet, by_id[a].published, round(best[a], 4))
                for a in sorted(members, key=order)
            )
        )
        for members in groups.values()
        if len(members) > 1
    ]
    return tuple(sorted(clusters, key=lambda c: (-len(c.members), c.members[0].id)))


def _may_have_taken(article: Document, other: Document) -> bool:
    """Whether `article` may have taken text from `other`: another outlet, published no later."""
    if article.outlet is not None and article.outlet == other.outlet:
        return False
    return article.published is None or other.published is None or other.published <= article.published


def reprinted_shares(documents: Sequence[Document], pairs: Sequence[PairOverlap]) -> dict[str, float | None]:
    """Each article's reprinted share (see the module); None for an article without own words."""
    by_id = {d.id: d for d in documents}
    covered = {d.id: np.zeros(len(d.tokens), dtype=bool) for d in documents}
    starts_of: dict[str, np.ndarray] = {}  # made once per article, for the articles that copied
    for pair in pairs:
        copied = pair.copied
        if not copied:
            continue
        for article, other, side in ((pair.a, pair.b, "a"), (pair.b, pair.a, "b")):
            if not _may_have_taken(by_id[article], by_id[other]):
                continue
            starts = starts_of.get(article)
            if starts is None:
                starts = starts_of[article] = np.asarray(by_id[article].starts)
            for passage in copied:
                if getattr(passage, f"{side}_quoted"):
                    continue  # a quotation in this article: not its own text
                first = np.searchsorted(starts, getattr(passage, f"{side}_start"))
                last = np.searchsorted(starts, getattr(passage, f"{side}_end"))
                covered[article][first:last] = True
    shares: dict[str, float | None] = {}
    for document in documents:
        own = ~np.asarray(document.quoted, dtype=bool) if document.quoted else np.ones(len(document.tokens), bool)
        own &= np.asarray(document.starts) >= document.content_start
        total = int(own.sum())
        shares[document.id] = round(float((covered[document.id] & own).sum() / total), 4) if total else None
    return shares


def reprinted_by_outlet(
    shares: Mapping[str, float | None], outlets: Mapping[str, str], seed: int = 0
) -> list[dict[str, Any]]:
    """Churnalism per outlet: the mean reprinted share of its articles (each article counting
    once), with a 95% percentile bootstrap interval over its articles (none below
    `MIN_GROUP_SIZE`), outlets in order of name."""
    rng = np.random.default_rng(seed)
    grouped: dict[str, list[float]] = {}
    for article, outlet in outlets.items():
        share = shares.get(article)
        if share is not None:
            grouped.setdefault(outlet, []).append(share)
    rows = []
    for outlet, values in sorted(grouped.items()):
        low, high = bootstrap_interval(values, rng) if len(values) >= MIN_GROUP_SIZE else (None, None)
        rows.append(
            {
                "outlet": outlet,
                "articles": len(values),
                "reprinted_share": round(float(np.mean(values)), 4),
                "ci_low": None if low is None else round(low, 4),
                "ci_high": None if high is None else round(high, 4),
            }
        )
    return rows
