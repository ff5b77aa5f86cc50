"""Plain-dict records of scores, for JSON output and for building tables."""

from __future__ import annotations

from typing import Any

from analysis.corpus import Refusal
from analysis.framing import GroupCount
from analysis.scoring import ArticleScores
from analysis.tone import VoiceTone

DECIMALS = 4


def _number(value: float | None) -> float | None:
    return None if value is None else round(float(value), DECIMALS)


def _counts(count: GroupCount) -> dict[str, Any]:
    return {
        "total": count.total,
        "own_voice": count.own_voice,
        "quoted": count.quoted,
        "headline": count.headline,
        "per_1k": count.per_1k,
    }


def _voice(voice: VoiceTone) -> dict[str, Any]:
    return {
        "mean": _number(voice.mean),
        "negative_share": _number(voice.negative_share),
        "positive_share": _number(voice.positive_share),
        "sentences": voice.n,
    }


def score_record(scores: ArticleScores) -> dict[str, Any]:
    """One article's scores as the JSON object the command line prints."""
    article, framing, tone = scores.article, scores.framing, scores.tone
    actors, events = framing.of_kind("actor"), framing.of_kind("event")
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "words": scores.words,
        "lexicon": {"name": framing.lexicon_name, "version": framing.lexicon_version},
        "labels": {tid: {g: _counts(c) for g, c in t.counts.items()} for tid, t in actors.items()},
        "dominant_label": {tid: t.dominant for tid, t in actors.items()},
        "legitimacy": {tid: _number(t.legitimacy) for tid, t in actors.items()},
        "events": {
            tid: {
                "groups": {g: _counts(c) for g, c in t.counts.items()},
                "dominant": t.dominant,
                "scale": _number(t.legitimacy),
            }
            for tid, t in events.items()
        },
        "tone": {
            "sentence_mean": _number(tone.body.mean),
            "negative_share": _number(tone.body.negative_share),
            "positive_share": _number(tone.body.positive_share),
            "own_voice": _voice(tone.own_voice),
            "quoted": _voice(tone.quoted),
            "headline": _number(tone.headline_compound),
            "loaded_per_1k": tone.loaded_per_1k,
            "loaded_own_voice_per_1k": tone.loaded_own_per_1k,
            "loaded_by_category": tone.loaded_by_category,
        },
        "readability": {k: _number(v) if isinstance(v, float) else v for k, v in scores.readability.as_dict().items()},
    }


def refusal_record(refusal: Refusal) -> dict[str, Any]:
    return {"id": refusal.id, "error": refusal.reason}
