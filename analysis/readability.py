"""How hard an article is to read: the standard formulas, computed with textstat.

This is the only module that imports textstat. Scores are textstat's own functions on the
article's content (the text after any front matter or keyword preamble), with English
syllables from the CMU Pronouncing Dictionary (see `analysis.cmu`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import textstat

from analysis.cmu import ensure_cmudict

# (field, what the scale means) for every formula reported.
FORMULAS: dict[str, str] = {
    "flesch_reading_ease": "0-100, higher is easier; 60-70 is plain English, below 30 is very hard",
    "flesch_kincaid_grade": "US school grade, higher is harder",
    "gunning_fog": "years of schooling, higher is harder; 12 is a high-school senior",
    "smog_index": "US grade, higher is harder; from words of three or more syllables",
    "coleman_liau_index": "US grade, higher is harder; from letters per word, not syllables",
    "automated_readability_index": "US grade, higher is harder; from characters per word",
    "dale_chall_readability_score": "higher is harder; 4.9 or lower is easy for a 4th grader, 9-9.9 college",
    "text_standard": "textstat's consensus of the grade formulas, higher is harder",
}


@dataclass(frozen=True)
class ReadabilityResult:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float
    text_standard: float
    words: int
    sentences: int
    words_per_sentence: float
    long_word_share: float

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def readability(text: str) -> ReadabilityResult:
    """Every formula of `text`, equal to textstat's functions called on it."""
    ensure_cmudict()
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    return ReadabilityResult(
        flesch_reading_ease=textstat.flesch_reading_ease(text),
        flesch_kincaid_grade=textstat.flesch_kincaid_grade(text),
        gunning_fog=textstat.gunning_fog(text),
        smog_index=textstat.smog_index(text),
        coleman_liau_index=textstat.coleman_liau_index(text),
        automated_readability_index=textstat.automated_readability_index(text),
        dale_chall_readability_score=textstat.dale_chall_readability_score(text),
        text_standard=float(textstat.text_standard(text, float_output=True)),
        words=words,
        sentences=sentences,
        words_per_sentence=round(words / sentences, 2) if sentences else 0.0,
        long_word_share=round(textstat.polysyllabcount(text) / words, 4) if words else 0.0,
    )
