"""How every number was measured: the live thresholds, word-list versions and formulas.

The exports, the report, the Methods page and the evaluation read this record instead of
restating its values, so changing a constant in the code changes what they say.
"""

from __future__ import annotations

import hashlib
import json
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
        "reprint_min_similarity": overlap.REPRINT_SIMILARITY,  # a common run held by copies is reuse
        "reprint_cluster_min_share": overlap.REPRINT_SHARE,  # of one article's own text found in the other
        "borrower_min_copied_words": overlap.MIN_BORROWED_WORDS,  # and its direction from dates only
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
        "normal_p_from": statistics.NORMAL_P_FROM,
        "normal_p_within_events_from": statistics.NORMAL_P_WITHIN_FROM,
        "min_group_size": statistics.MIN_GROUP_SIZE,
        "chart_interval_resamples": intervals.RESAMPLES,
        "chart_interval_min_units": intervals.MIN_UNITS,
    }


# Command-line options that change a number, and the entry of the record each one sets.
RUN_SETTINGS = {
    "min_words": "shared_passage_min_words",
    "boilerplate": "boilerplate_min_articles",
    "seed": "resampling_seed",
}


def fingerprint(record: dict[str, Any]) -> str:
    """A short hash of a method record: two outputs with the same one were measured alike."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def run_record(command: str, options: dict[str, Any]) -> dict[str, Any]:
    """What an output file of the command line records of how it was made: the Framelens
    version, the command and its options, and the method record with the options that change a
    number (`--min-words`, `--boilerplate`, `--align`, `--seed`) in place of the defaults."""
    from analysis.version import __version__

    record = method_record()
    for option, entry in RUN_SETTINGS.items():
        if options.get(option) is not None:
            record[entry] = options[option]
    if options.get("align"):
        record["paraphrase_alignment"] = "words and meaning" if options["align"] == "meaning" else "words"
    kept = {k: v for k, v in options.items() if isinstance(v, str | int | float | bool | list | type(None))}
    return {
        "framelens": __version__,
        "command": command,
        "options": kept,
        "method": record,
        "method_fingerprint": fingerprint(record),
    }


def run_stamp(run: dict[str, Any]) -> str:
    """The run record in one line, for a column of a CSV: "Framelens 0.4.0; overlap; method 1a2b3c4d5e6f"."""
    return f"Framelens {run['framelens']}; {run['command']}; method {run['method_fingerprint']}"


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
