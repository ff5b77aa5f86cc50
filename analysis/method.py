"""How every number was measured: the live thresholds, word-list versions and formulas.

The exports, the report, the Methods page and the evaluation read this record instead of
restating its values, so changing a constant in the code changes what they say.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from analysis import intervals, statistics, tone
from analysis.overlap import meaning
from analysis.overlap import settings as overlap
from analysis.readability import FORMULAS
from analysis.scoring import scoring_fingerprint


def method_record() -> dict[str, Any]:
    """The settings every score of this run was computed with, as JSON-ready values."""
    return {
        "shared_passage_min_words": overlap.MIN_PASSAGE_WORDS,
        "containment_ngram": overlap.CONTAINMENT_NGRAM,
        "containment_stemmed": True,
        "paraphrase_alignment": "words and meaning" if overlap.ALIGN_BY_MEANING else "words",
        "paraphrase_min_cosine": overlap.ALIGN_THRESHOLD,  # by words alone
        "paraphrase_meaning_model": (
            f"wordllama {version('wordllama')}, {meaning.MODEL}, {meaning.DIMENSIONS} dimensions"
        ),
        "paraphrase_min_similarity": overlap.MEANING_FLOOR,  # by words and meaning
        "paraphrase_min_margin": overlap.MEANING_THRESHOLD,
        "paraphrase_margin_neighbours": overlap.HUB_NEIGHBOURS,
        "paraphrase_min_shared_content_words": overlap.MIN_SHARED_CONTENT_WORDS,
        "all_pairs_up_to_articles": overlap.ALL_PAIRS_UP_TO,
        "candidate_nearest_neighbours": overlap.NEAREST,
        "sentence_negative_at_most": tone.NEGATIVE_AT,
        "sentence_positive_at_least": tone.POSITIVE_AT,
        "loaded_word_list_version": tone.load_loaded_words().version,
        "tone_tuning_version": str(tone.news_tuning()["version"]),
        "readability_formulas": list(FORMULAS),
        "textstat_version": version("textstat"),
        "vader_version": version("vaderSentiment"),
        "scoring_fingerprint": scoring_fingerprint(),
        "confidence": statistics.CONFIDENCE,
        "bootstrap_resamples": statistics.BOOTSTRAP_RESAMPLES,
        "permutations": statistics.PERMUTATIONS,
        "min_group_size": statistics.MIN_GROUP_SIZE,
        "chart_interval_resamples": intervals.RESAMPLES,
        "chart_interval_min_units": intervals.MIN_UNITS,
    }


def thresholds_in_words(record: dict[str, Any] | None = None) -> str:
    """The thresholds of `record` (the live one by default) as one sentence for a report."""
    r = record or method_record()
    return (
        f"shared passages of {r['shared_passage_min_words']}+ words; containment of "
        f"{'stemmed ' if r['containment_stemmed'] else ''}{r['containment_ngram']}-grams; {_paraphrases(r)}; "
        f"sentence tone negative at {r['sentence_negative_at_most']} or below, "
        f"positive at +{r['sentence_positive_at_least']} or above"
    )


def _paraphrases(r: dict[str, Any]) -> str:
    if r.get("paraphrase_alignment", "words") == "words":
        return f"paraphrase cosine {r['paraphrase_min_cosine']}"
    return (
        f"paraphrases at a mean word and meaning cosine of {r['paraphrase_min_similarity']}+, "
        f"{r['paraphrase_min_margin']} above their {r['paraphrase_margin_neighbours']} nearest other sentences"
    )
