"""A large selection shown by outlet: each outlet's articles summed up as if they were one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.corpus import NO_OUTLET
from analysis.framing import GroupCount, dominant_group
from analysis.tables import CorpusTables
from analysis.tables.overlap import PAIR_FIGURES, SimilarityMatrix
from ui.style import counted

OTHER_OUTLETS = "Other outlets"


def sample_by_outlet(articles: pd.DataFrame, ids: Sequence[str], size: int, seed: int = 0) -> list[str]:
    """`size` of the articles `ids`, drawn at random (the same draw each time) and evenly across
    outlets: one from each outlet in turn, so a small outlet is not crowded out by a large one.
    Returned outlet by outlet, each outlet's articles in their corpus order."""
    if len(ids) <= size:
        return list(ids)
    chosen = articles[articles["id"].isin(ids)]
    outlets = chosen["outlet"].fillna(NO_OUTLET)
    rng = np.random.default_rng(seed)
    queues = {
        outlet: list(rng.permutation(group.to_numpy())) for outlet, group in chosen["id"].groupby(outlets, sort=True)
    }
    picked: set[str] = set()
    while len(picked) < size:
        for queue in queues.values():
            if queue and len(picked) < size:
                picked.add(queue.pop())
    order = chosen.assign(outlet_key=outlets).sort_values("outlet_key", kind="stable")
    return [i for i in order["id"] if i in picked]


def by_outlet(
    tables: CorpusTables, ids: Sequence[str], limit: int | None = None
) -> tuple[CorpusTables, dict[str, list[str]]]:
    """The chosen articles grouped by outlet, as if each outlet were one article: label counts
    summed, scores averaged, similarity averaged over the article pairs compared. Articles with
    no stated outlet form their own group; above `limit` groups, the outlets with fewest articles
    are put together as "Other outlets". Returns the grouped tables and each group's article ids."""
    articles = tables.articles[tables.articles["id"].isin(ids)].copy()
    articles["group"] = articles["outlet"].fillna(NO_OUTLET)
    sizes = articles["group"].value_counts()
    if limit and len(sizes) > limit:
        kept = set(sizes.sort_values(ascending=False, kind="stable").index[: limit - 1])
        articles["group"] = articles["group"].where(articles["group"].isin(kept), OTHER_OUTLETS)
    members = {group: frame["id"].tolist() for group, frame in articles.groupby("group", sort=True)}
    group_of = dict(zip(articles["id"], articles["group"], strict=True))
    grouped_articles = pd.DataFrame(
        [
            {
                "id": group,
                "label": f"{group} ({counted(len(found), 'article')})",
                "articles": len(found),
                "title": group,
                "outlet": None if group in (NO_OUTLET, OTHER_OUTLETS) else group,
                "author": None,
                "published": None,
                "url": None,
                "words": int(articles.loc[articles["id"].isin(found), "words"].sum()),
                "text": "",
            }
            for group, found in members.items()
        ]
    )
    scores = tables.scores[tables.scores["id"].isin(ids)].copy()
    scores["id"] = scores["id"].map(group_of)
    numeric = scores.select_dtypes("number").columns
    grouped_scores = scores.groupby("id", sort=True)[list(numeric)].mean().reset_index()
    grouped_scores["outlet"] = grouped_scores["id"]
    labels = tables.labels[tables.labels["id"].isin(ids)].copy()
    labels["id"] = labels["id"].map(group_of)
    grouped_labels = (
        labels.groupby(["id", "target", "kind", "group"], sort=False)[["total", "own_voice", "quoted", "headline"]]
        .sum()
        .reset_index()
    )
    words = grouped_articles.set_index("id")["words"]
    grouped_labels["per_1k"] = (1000 * grouped_labels["total"] / grouped_labels["id"].map(words)).round(3)
    grouped_labels["title"] = grouped_labels["id"]
    # The same rule as for one article (`analysis.framing.dominant_group`), on the outlet's sums.
    dominant: dict[tuple[str, str], str | None] = {}
    for (group_id, target), rows in grouped_labels.groupby(["id", "target"], sort=False):
        counts = {
            row.group: GroupCount(total=int(row.total), own_voice=int(row.own_voice)) for row in rows.itertuples()
        }
        dominant[(group_id, target)] = dominant_group(counts)
    for target in grouped_labels["target"].unique():
        grouped_scores[f"dominant_{target}"] = [dominant.get((g, target)) for g in grouped_scores["id"]]
    pairs = tables.pairs[tables.pairs["a"].isin(ids) & tables.pairs["b"].isin(ids)].copy()
    pairs["a"], pairs["b"] = pairs["a"].map(group_of), pairs["b"].map(group_of)
    # Within an outlet: the mean similarity of its own articles' compared pairs, not 1.
    within = pairs[pairs["a"] == pairs["b"]].groupby("a")["similarity"].mean()
    pairs = pairs[pairs["a"] != pairs["b"]]
    first = pairs["a"] < pairs["b"]
    # Put every pair in group order, and its one-way figures with it.
    for left, right in (("a", "b"), ("a_in_b", "b_in_a"), ("a_in_b_with_quotes", "b_in_a_with_quotes")):
        pairs[left], pairs[right] = pairs[left].where(first, pairs[right]), pairs[right].where(first, pairs[left])
    grouped_pairs = pairs.groupby(["a", "b"], sort=True)[PAIR_FIGURES].mean().reset_index()
    for verdict in ("likely_borrower", "borrower_basis", "borrower_evidence"):  # no verdict between outlets
        grouped_pairs[verdict] = None
    groups = list(members)
    similarity = pd.DataFrame(0.0, index=groups, columns=groups)
    for row in grouped_pairs.itertuples():
        similarity.loc[row.a, row.b] = similarity.loc[row.b, row.a] = row.similarity
    for group in groups:
        similarity.loc[group, group] = within.get(group, np.nan)
    sentences = tables.sentences[tables.sentences["id"].isin(ids)].copy()
    sentences["id"] = sentences["id"].map(group_of)
    loaded = tables.loaded[tables.loaded["id"].isin(ids)].copy()
    loaded["id"] = loaded["id"].map(group_of)
    # An outlet's rate is the mean of its articles' rates (each article counts once, as in the
    # scores above and on the Compare page): each hit's share of its article's rate, over the outlet's size.
    # (as floats: with no loaded term at all the empty columns are strings, and dividing them fails)
    sizes = loaded["id"].map({g: len(found) for g, found in members.items()}).astype(float)
    loaded["per_1k"] = loaded["per_1k"].astype(float) / sizes
    matrix = tables.source_matrix[tables.source_matrix.index.isin(ids)]
    matrix = matrix.groupby(matrix.index.map(group_of)).sum()
    grouped = CorpusTables(
        **{
            **tables.__dict__,
            "articles": grouped_articles,
            "scores": grouped_scores,
            "labels": grouped_labels,
            "pairs": grouped_pairs,
            "similarity": SimilarityMatrix.of_frame(similarity),
            "sentences": sentences,
            "loaded": loaded,
            "source_matrix": matrix,
        }
    )
    return grouped, members
