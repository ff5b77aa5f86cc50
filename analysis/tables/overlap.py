"""Tables of what articles share: pairs, the similarity matrix, passages and aligned sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.overlap import OverlapResult

# The figures of a pair that average over an outlet's article pairs when charts group by outlet.
PAIR_FIGURES = [
    "similarity",
    "similarity_with_quotes",
    "a_in_b",
    "b_in_a",
    "a_in_b_with_quotes",
    "b_in_a_with_quotes",
    "shared_passages",
    "copied_passages",
    "quoted_passages",
    "shared_words",
    "aligned_sentences",
]


def pairs_frame(result: OverlapResult) -> pd.DataFrame:
    """One row per compared pair: similarity and containment both ways (of each outlet's own text, and
    of whole texts with quotations) and counts of shared text, copied and quoted apart."""
    return pd.DataFrame(
        [
            {
                "a": p.a,
                "b": p.b,
                "similarity": p.similarity,
                "similarity_with_quotes": p.similarity_with_quotes,
                "a_in_b": p.a_in_b,
                "b_in_a": p.b_in_a,
                "a_in_b_with_quotes": p.a_in_b_with_quotes,
                "b_in_a_with_quotes": p.b_in_a_with_quotes,
                "shared_passages": len(p.shared_passages),
                "copied_passages": len(p.copied),
                "quoted_passages": len(p.quotations),
                "shared_words": sum(s.words for s in p.shared_passages),
                "aligned_sentences": len(p.aligned_sentences),
                "likely_borrower": p.likely_borrower,
                "borrower_basis": p.borrower_basis,
                "borrower_evidence": p.borrower_evidence,
            }
            for p in result.pairs
        ],
        columns=["a", "b", *PAIR_FIGURES, "likely_borrower", "borrower_basis", "borrower_evidence"],
    )


@dataclass(frozen=True)
class SimilarityMatrix:
    """The article-by-article (or outlet-by-outlet) similarity matrix, kept sparse: a pair never
    compared is 0, and a dense table of 10,000 articles was 800 MB. `frame(ids)` is the dense
    table of the rows a chart shows."""

    ids: tuple[str, ...]
    matrix: sparse.csr_matrix

    @classmethod
    def of_frame(cls, frame: pd.DataFrame) -> SimilarityMatrix:
        """From a square table labelled alike on both axes (NaN kept: a diagonal with no pair)."""
        return cls(tuple(frame.index), sparse.csr_matrix(frame.to_numpy(dtype=float)))

    def frame(self, ids: Sequence[str] | None = None) -> pd.DataFrame:
        """The dense table of `ids` (all by default), in that order."""
        chosen = list(self.ids) if ids is None else list(ids)
        position = {identifier: k for k, identifier in enumerate(self.ids)}
        rows = np.fromiter((position[i] for i in chosen), dtype=np.int64, count=len(chosen))
        return pd.DataFrame(self.matrix[rows][:, rows].toarray(), index=chosen, columns=chosen)


def similarity_frame(result: OverlapResult) -> SimilarityMatrix:
    """The article-by-article similarity matrix (pairs never compared are 0)."""
    return SimilarityMatrix(tuple(result.ids), result.similarity.tocsr())


def passages_frame(result: OverlapResult) -> pd.DataFrame:
    """Every shared passage of every pair, with offsets into both texts, whether it stands inside a
    quotation in each, and its kind: "quotation" (quoted in both) or "copied"."""
    rows = [
        {
            "a": p.a,
            "b": p.b,
            "text": s.text,
            "words": s.words,
            "a_start": s.a_start,
            "a_end": s.a_end,
            "b_start": s.b_start,
            "b_end": s.b_end,
            "a_quoted": s.a_quoted,
            "b_quoted": s.b_quoted,
            "kind": s.kind,
        }
        for p in result.pairs
        for s in p.shared_passages
    ]
    columns = ["a", "b", "text", "words", "a_start", "a_end", "b_start", "b_end", "a_quoted", "b_quoted", "kind"]
    return pd.DataFrame(rows, columns=columns)


def aligned_frame(result: OverlapResult) -> pd.DataFrame:
    """Every aligned sentence pair, with both sentences, offsets and score (rows made as tuples:
    `asdict`'s deep copies took half the time of all the tables at 3,000 articles)."""
    rows = [
        (p.a, p.b, s.a_text, s.b_text, s.a_start, s.a_end, s.b_start, s.b_end, s.score)
        for p in result.pairs
        for s in p.aligned_sentences
    ]
    return pd.DataFrame(rows, columns=["a", "b", "a_text", "b_text", "a_start", "a_end", "b_start", "b_end", "score"])


def reprinted_frame(result: OverlapResult) -> pd.DataFrame:
    """One row per article: the share of its own text reprinted from another outlet's article
    published no later (`analysis.overlap.reprints`), and the reprint cluster it belongs to."""
    cluster_of = {m.id: number for number, c in enumerate(result.clusters, 1) for m in c.members}
    return pd.DataFrame(
        [
            {"id": article, "reprinted_share": result.reprinted.get(article), "cluster": cluster_of.get(article)}
            for article in result.ids
        ],
        columns=["id", "reprinted_share", "cluster"],
    ).astype({"cluster": "Int64"})


def clusters_frame(result: OverlapResult) -> pd.DataFrame:
    """One row per member of each reprint cluster, earliest first: its outlet, date and the most
    of its own text found in one other member."""
    return pd.DataFrame(
        [
            {
                "cluster": number,
                "order": order,
                "id": m.id,
                "outlet": m.outlet,
                "published": m.published,
                "own_share": m.own_share,
            }
            for number, cluster in enumerate(result.clusters, 1)
            for order, m in enumerate(cluster.members, 1)
        ],
        columns=["cluster", "order", "id", "outlet", "published", "own_share"],
    )
