"""The one adapter from typed results to pandas tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.records import score_record
from analysis.scoring import ArticleScores


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
