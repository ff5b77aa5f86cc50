"""The kind of each source, as media researchers count them, and how much each outlet relies on each.

Kinds: a **person** (named; the role, when stated, is in the source's spellings), an
**organisation**, a **government body**, an **anonymous** source ("officials said", "a source
familiar with"), a **document** ("a report said", "the statement added"), a **media outlet** and a
**post** (an embedded social-media post). An outlet's share of a kind pools its articles'
citations; its 95% interval resamples its articles (percentile bootstrap), so an outlet with few
articles gets a wide one.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.sources.config import SourceConfig, load_source_config
from analysis.sources.model import Source
from analysis.statistics import CONFIDENCE, MIN_GROUP_SIZE

KINDS = ("person", "organisation", "government body", "anonymous", "document", "media outlet", "post")
RESAMPLES = 2_000


def kind_of(source: Source, config: SourceConfig | None = None) -> str:
    """One of `KINDS` for a source (see the module)."""
    config = config or load_source_config()
    if source.key.startswith("post:") or source.type == "social_media":
        return "post"
    if not source.named:
        last = source.name.lower().split()[-1] if source.name.split() else ""
        return "document" if last in config.document_nouns else "anonymous"
    if source.type == "media":
        return "media outlet"
    words = {w.lower().strip(".,'\u2019") for w in source.name.split()}
    bodylike = bool(words & config.organisation_words)
    if source.key.startswith("name:") and not bodylike:
        return "person"
    if source.type == "government_military":
        return "government body"
    return "organisation"


def kind_shares(sources: pd.DataFrame, groups: Mapping[str, str], seed: int = 0) -> pd.DataFrame:
    """Per group (an outlet, say: article id -> group) and kind: citations, the share of the
    group's citations, its 95% interval over articles, and the number of articles. `sources` is
    `analysis.tables.sources_frame`: one row per article and source, with its kind and citations."""
    rng = np.random.default_rng(seed)
    cited = sources.groupby(["id", "kind"])["citations"].sum().to_dict()
    members: dict[str, list[str]] = {}
    for article_id, group in groups.items():
        members.setdefault(group, []).append(article_id)
    rows = []
    tail = (1 - CONFIDENCE) / 2
    for group, ids in sorted(members.items()):
        per_kind = {k: np.array([float(cited.get((i, k), 0)) for i in ids]) for k in KINDS}
        total = np.sum(list(per_kind.values()), axis=0)
        weights = (
            rng.multinomial(len(ids), np.full(len(ids), 1 / len(ids)), size=RESAMPLES).astype(float)
            if len(ids) >= MIN_GROUP_SIZE
            else None
        )
        for kind in KINDS:
            found, all_cited = per_kind[kind].sum(), total.sum()
            share = found / all_cited if all_cited else None
            low = high = None
            if weights is not None and all_cited:
                below = weights @ total
                draws = np.where(below > 0, (weights @ per_kind[kind]) / np.where(below > 0, below, 1), np.nan)
                draws = draws[np.isfinite(draws)]
                if len(draws):
                    low, high = (float(v) for v in np.quantile(draws, [tail, 1 - tail]))
            rows.append(
                {
                    "group": group,
                    "kind": kind,
                    "citations": int(found),
                    "share": None if share is None else round(float(share), 4),
                    "ci_low": None if low is None else round(low, 4),
                    "ci_high": None if high is None else round(high, 4),
                    "articles": len(ids),
                }
            )
    return pd.DataFrame(rows, columns=["group", "kind", "citations", "share", "ci_low", "ci_high", "articles"])
