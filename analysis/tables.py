"""The one adapter from typed results to pandas tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.overlap import OverlapResult
from analysis.records import score_record
from analysis.scoring import ArticleScores
from analysis.sources import CorpusSources


def scores_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article: metadata, dominant labels, legitimacy, tone and readability."""
    rows = []
    for item in scores:
        record = score_record(item)
        row = {key: record[key] for key in ("id", "title", "outlet", "author", "published", "url", "words")}
        for actor, group in record["dominant_label"].items():
            row[f"dominant_{actor}"] = group
        for actor, value in record["legitimacy"].items():
            row[f"legitimacy_{actor}"] = value
        for event, info in record["events"].items():
            row[f"dominant_{event}"] = info["dominant"]
        tone = record["tone"]
        row.update(
            {
                "tone_sentence_mean": tone["sentence_mean"],
                "tone_negative_share": tone["negative_share"],
                "tone_positive_share": tone["positive_share"],
                "tone_own_voice_mean": tone["own_voice"]["mean"],
                "tone_quoted_mean": tone["quoted"]["mean"],
                "tone_headline": tone["headline"],
                "loaded_per_1k": tone["loaded_per_1k"],
                "loaded_own_voice_per_1k": tone["loaded_own_voice_per_1k"],
            }
        )
        row.update(record["readability"])
        rows.append(row)
    return pd.DataFrame(rows)


def labels_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article, target and label group: counts in each voice and per 1,000 words."""
    rows = [
        {
            "id": item.article.id,
            "title": item.article.title,
            "target": target.target,
            "kind": target.kind,
            "group": group,
            "total": count.total,
            "own_voice": count.own_voice,
            "quoted": count.quoted,
            "headline": count.headline,
            "per_1k": count.per_1k,
        }
        for item in scores
        for target in item.framing.targets.values()
        for group, count in target.counts.items()
    ]
    return pd.DataFrame(rows)


def label_hits_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """Every label hit with its sentence: the keyword-in-context evidence."""
    rows = []
    for item in scores:
        sentences = item.prepared.sentences
        for hit in item.framing.hits:
            sentence = sentences[hit.sentence]
            rows.append(
                {
                    "id": item.article.id,
                    "target": hit.target,
                    "group": hit.group,
                    "term": hit.text,
                    "voice": hit.voice,
                    "headline": hit.in_headline,
                    "start": hit.start,
                    "end": hit.end,
                    "sentence": hit.sentence,
                    "sentence_text": sentence.text,
                    "sentence_start": sentence.start,
                }
            )
    return pd.DataFrame(rows)


def pairs_frame(result: OverlapResult) -> pd.DataFrame:
    """One row per compared pair: similarity, containment both ways and counts of shared text."""
    return pd.DataFrame(
        [
            {
                "a": p.a,
                "b": p.b,
                "similarity": p.similarity,
                "a_in_b": p.a_in_b,
                "b_in_a": p.b_in_a,
                "shared_passages": len(p.shared_passages),
                "shared_words": sum(s.words for s in p.shared_passages),
                "aligned_sentences": len(p.aligned_sentences),
                "likely_borrower": p.likely_borrower,
                "borrower_basis": p.borrower_basis,
            }
            for p in result.pairs
        ],
        columns=[
            "a",
            "b",
            "similarity",
            "a_in_b",
            "b_in_a",
            "shared_passages",
            "shared_words",
            "aligned_sentences",
            "likely_borrower",
            "borrower_basis",
        ],
    )


def similarity_frame(result: OverlapResult) -> pd.DataFrame:
    """The article-by-article similarity matrix, labelled by id."""
    return pd.DataFrame(result.similarity, index=list(result.ids), columns=list(result.ids))


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
    """One row per article and source: type, citations, quotations and spellings seen."""
    return pd.DataFrame(
        [
            {
                "id": article_id,
                "source": s.name,
                "type": s.type,
                "named": s.named,
                "citations": len(s.citations),
                "quotes": len(s.quotes),
                "aliases_seen": "; ".join(s.aliases_seen),
            }
            for article_id, sources in corpus.articles.items()
            for s in sources
        ],
        columns=["id", "source", "type", "named", "citations", "quotes", "aliases_seen"],
    )
