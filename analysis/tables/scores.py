"""Tables of article scores: one row per article, label group, hit, sentence or loaded term."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from analysis.lexicon import Lexicon
from analysis.records import score_record
from analysis.registry import flat_tone
from analysis.scoring import ArticleScores


def articles_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article: its metadata, length in words and text."""
    rows = [
        {
            "id": item.article.id,
            "title": item.article.title,
            "outlet": item.article.outlet,
            "author": item.article.author,
            "published": item.article.published.isoformat() if item.article.published else None,
            "url": item.article.url,
            "words": item.words,
            "text": item.article.text,
            "metadata": dict(item.article.metadata),
        }
        for item in scores
    ]
    columns = ["id", "title", "outlet", "author", "published", "url", "words", "text", "metadata"]
    return pd.DataFrame(rows, columns=columns)


def scores_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article: metadata, dominant labels, legitimacy, tone and readability."""
    return records_frame([score_record(item) for item in scores])


def records_frame(records: Sequence[dict]) -> pd.DataFrame:
    """`scores_frame` from the articles' `score_record`s."""
    rows = []
    for record in records:
        row = {key: record[key] for key in ("id", "title", "outlet", "author", "published", "url", "words")}
        for actor, group in record["dominant_label"].items():
            row[f"dominant_{actor}"] = group
        for actor, value in record["legitimacy"].items():
            row[f"legitimacy_{actor}"] = value
        for event, info in record["events"].items():
            row[f"dominant_{event}"] = info["dominant"]
        row.update(flat_tone(record))
        # The formulas count words their own way (textstat's); "words" stays the article's one count.
        row.update({"readability_words" if k == "words" else k: v for k, v in record["readability"].items()})
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


def set_aside_frame(scores: Sequence[ArticleScores], lexicon: Lexicon) -> pd.DataFrame:
    """Every form the lexicon's ignore lists kept from counting, with the phrase that did it:
    what a reviewer checks to see that the exclusions exclude only what they should."""
    rows = []
    for item in scores:
        prepared = item.prepared
        for target in lexicon.targets:
            found = target.matcher.set_aside(prepared.tokens)
            for match, rule in found:
                sentence = prepared.sentence_at(match.start)
                if sentence is not None:
                    text = prepared.text[match.start : match.end]
                    rows.append((item.article.id, target.id, rule, text, match.start, match.end, sentence.index))
    return pd.DataFrame(rows, columns=["id", "target", "rule", "term", "start", "end", "sentence"])


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
    columns = ["id", "target", "group", "term", "voice", "headline", "start", "end", "sentence"]
    return pd.DataFrame(rows, columns=[*columns, "sentence_text", "sentence_start"])


def lexicon_frame(lexicon: Lexicon) -> pd.DataFrame:
    """One row per target and label group: its scale position and rationale, in lexicon order."""
    return pd.DataFrame(
        [
            {
                "target": target.id,
                "kind": target.kind,
                "target_label": target.label,
                "group": group.name,
                "position": group.position,
                "rationale": group.rationale,
                "forms": ", ".join(group.forms),
                "order": order,
            }
            for target in lexicon.targets
            for order, group in enumerate(target.groups)
        ]
    )


def sentences_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per sentence: offsets, voice, tone (whole, own voice, quoted) and length in words."""
    rows = []
    for item in scores:
        words_per_sentence = Counter(item.prepared.words.sentence)
        count = len(item.prepared.sentences)
        for sentence, tone in zip(item.prepared.sentences, item.tone.sentences, strict=True):
            rows.append(
                {
                    "id": item.article.id,
                    "sentence": sentence.index,
                    "position": sentence.index / (count - 1) if count > 1 else 0.0,
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": sentence.text,
                    "voice": sentence.voice,
                    "headline": sentence.in_headline,
                    "heading": sentence.is_heading,
                    "words": words_per_sentence.get(sentence.index, 0),
                    "compound": tone.compound,
                    "own_compound": tone.own_compound,
                    "quoted_compound": tone.quoted_compound,
                    "loaded": tone.loaded,
                }
            )
    return pd.DataFrame(rows)


def loaded_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """Every loaded-language hit with its sentence."""
    rows = []
    for item in scores:
        for hit in item.tone.loaded:
            sentence = item.prepared.sentences[hit.sentence]
            rows.append(
                {
                    "id": item.article.id,
                    "category": hit.category,
                    "term": hit.text,
                    "term_key": hit.text.lower(),
                    "voice": hit.voice,
                    "start": hit.start,
                    "end": hit.end,
                    "sentence": hit.sentence,
                    "sentence_text": sentence.text,
                    "sentence_start": sentence.start,
                    # What the hit adds to its article's rate per 1,000 words: rates sum over hits.
                    "per_1k": 1000 / item.words if item.words else 0.0,
                }
            )
    columns = [
        "id",
        "category",
        "term",
        "term_key",
        "voice",
        "start",
        "end",
        "sentence",
        "sentence_text",
        "sentence_start",
        "per_1k",
    ]
    return pd.DataFrame(rows, columns=columns)
