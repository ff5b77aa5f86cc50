"""Tables of who articles quote or cite, where, and what they share."""

from __future__ import annotations

import pandas as pd

from analysis.sources import CorpusSources, load_source_config
from analysis.sources.kinds import kind_of


def source_matrix_frame(corpus: CorpusSources) -> pd.DataFrame:
    """Articles by named sources: how many times each article cites each source."""
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for article_id, sources in corpus.articles.items():
        counts[article_id] = {}
        for source in sources:
            if source.named:
                counts[article_id][source.key] = len(source.citations)
                names.setdefault(source.key, source.name)
    frame = pd.DataFrame.from_dict(counts, orient="index").fillna(0).astype(int)
    return frame.rename(columns=names)


def sources_frame(corpus: CorpusSources) -> pd.DataFrame:
    """One row per article and source: kind (`analysis.sources.kinds`), type, citations,
    quotations and spellings seen."""
    config = load_source_config()
    return pd.DataFrame(
        [
            {
                "id": article_id,
                "source": s.name,
                "kind": kind_of(s, config),
                "type": s.type,
                "named": s.named,
                "citations": len(s.citations),
                "quotes": len(s.quotes),
                "aliases_seen": "; ".join(s.aliases_seen),
            }
            for article_id, sources in corpus.articles.items()
            for s in sources
        ],
        columns=["id", "source", "kind", "type", "named", "citations", "quotes", "aliases_seen"],
    )


def source_spans_frame(corpus: CorpusSources) -> pd.DataFrame:
    """Where each source stands in each text: its mentions and its quotations."""
    rows = []
    for article_id, sources in corpus.articles.items():
        for source in sources:
            for mention in source.mentions:
                rows.append(
                    {
                        "id": article_id,
                        "source": source.name,
                        "type": source.type,
                        "kind": "mention",
                        "start": mention.start,
                        "end": mention.end,
                    }
                )
            for quote in source.quotes:
                rows.append(
                    {
                        "id": article_id,
                        "source": source.name,
                        "type": source.type,
                        "kind": "quote",
                        "start": quote.quote_start,
                        "end": quote.quote_end,
                    }
                )
    return pd.DataFrame(rows, columns=["id", "source", "type", "kind", "start", "end"])


def shared_quotes_frame(corpus: CorpusSources) -> pd.DataFrame:
    """One row per quotation shared by two or more articles, and per article carrying it."""
    rows = [
        {
            "quotation": shared.text,
            "id": occurrence[0],
            "source": occurrence[1],
            "text": occurrence[2],
            "articles": len(shared.articles),
        }
        for shared in corpus.shared_quotations
        for occurrence in shared.occurrences
    ]
    return pd.DataFrame(rows, columns=["quotation", "id", "source", "text", "articles"])


def shared_sources_frame(corpus: CorpusSources) -> pd.DataFrame:
    rows = [
        {"source": source.name, "type": source.type, "articles": len(ids), "ids": list(ids)}
        for source, ids in corpus.shared_sources()
    ]
    frame = pd.DataFrame(rows, columns=["source", "type", "articles", "ids"])
    return frame.sort_values(["articles", "source"], ascending=[False, True]).reset_index(drop=True)
