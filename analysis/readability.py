"""How hard an article is to read: the standard formulas, equal to textstat's own functions.

This is the only module that imports textstat. textstat recomputes its counts for every
formula; here one pass over the text gives the counts (words, sentences, syllables, long
and difficult words, letters, characters) and every formula is computed from them, with
syllables counted once per distinct word. The definitions follow textstat 0.7.13 line for
line (tests compare every formula with textstat's functions), with English syllables from
the CMU Pronouncing Dictionary (see `analysis.cmu`) and textstat's Pyphen fallback.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from pathlib import Path

from pyphen import Pyphen

from analysis.cmu import ensure_cmudict, syllable_table

LANG = "en_US"
# textstat's RE_NONCONTRACTION_APOSTROPHE (0.7.13): an apostrophe that does not begin a
# contraction's ending. Restated rather than imported: importing anything of textstat loads
# NLTK, a second of start-up that scoring does not need (a test checks the two are equal).
NONCONTRACTION_APOSTROPHE = r"\'(?![tsd]|ve|ll|re)"


def textstat_file(relative: str) -> Path:
    """A data file of the installed textstat, found without importing it (see above)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textstat is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / relative


@dataclass(frozen=True)
class Formula:
    """A readability formula as every page, chart, export and evaluation names it."""

    key: str  # the field of `ReadabilityResult` and the column of every table
    title: str
    scale: str  # what its numbers mean
    grade: bool  # whether it reads as a US school grade (charts shade grade bands behind it)


# The one list of formulas reported, in the order they are shown.
FORMULAS: dict[str, Formula] = {
    f.key: f
    for f in (
        Formula(
            "flesch_reading_ease",
            "Flesch reading ease (higher is easier)",
            "0-100, higher is easier; 60-70 is plain English, below 30 is very hard",
            False,
        ),
        Formula("flesch_kincaid_grade", "Flesch-Kincaid grade", "US school grade, higher is harder", True),
        Formula(
            "gunning_fog", "Gunning fog index", "years of schooling, higher is harder; 12 is a high-school senior", True
        ),
        Formula("smog_index", "SMOG grade", "US grade, higher is harder; from words of three or more syllables", True),
        Formula(
            "coleman_liau_index",
            "Coleman-Liau index",
            "US grade, higher is harder; from letters per word, not syllables",
            True,
        ),
        Formula(
            "automated_readability_index",
            "Automated readability index",
            "US grade, higher is harder; from characters per word",
            True,
        ),
        Formula(
            "dale_chall_readability_score",
            "Dale-Chall score",
            "higher is harder; 4.9 or lower is easy for a 4th grader, 9-9.9 college",
            False,
        ),
        Formula(
            "text_standard", "Consensus grade", "textstat's consensus of the grade formulas, higher is harder", True
        ),
    )
}
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_NONCONTRACTION_RE = re.compile(NONCONTRACTION_APOSTROPHE)
_PUNCTUATION_RE = re.compile(r"[^\w\s']")
_ALL_PUNCTUATION_RE = re.compile(r"[^\w\s]")


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


@cache
def _resources() -> tuple[dict[str, int], Pyphen, frozenset[str]]:
    """Syllables of the CMU dictionary's words, Pyphen for the rest, and Dale-Chall's easy words
    (textstat's list)."""
    with textstat_file("resources/en/easy_words.txt").open(encoding="utf-8") as words:
        easy = frozenset(line.strip() for line in words)
    return syllable_table(), Pyphen(lang=LANG), easy


def _strip(text: str) -> str:
    """textstat's remove_punctuation keeping contraction apostrophes."""
    return _PUNCTUATION_RE.sub("", _NONCONTRACTION_RE.sub("", text))


_strip_word = lru_cache(maxsize=200_000)(_strip)  # single words recur across articles


@lru_cache(maxsize=200_000)
def word_syllables(token: str) -> int:
    """Syllables of one lower-case token: CMU vowels of its first pronunciation, else Pyphen."""
    syllables, pyphen, _ = _resources()
    found = syllables.get(token)
    return found if found is not None else len(pyphen.positions(token)) + 1


# What the formulas need of each distinct stripped word, looked up once per process, not once per
# occurrence: its syllables, whether it is off Dale-Chall's easy list, and whether it is a
# difficult word for Gunning fog.
_WORD_FACTS: dict[str, tuple[int, bool, bool]] = {}
_WORD_FACTS_CAP = 500_000  # a corpus of many languages must not grow it without end


def _word_facts(word: str) -> tuple[int, bool, bool]:
    """Of a stripped word: its syllables (textstat's count_syllables: a stripped word is its own
    single token), whether it is off the easy list, and whether Gunning fog counts it difficult.
    textstat counts a fog word's syllables after lower-casing it and stripping again, which differs
    where lower case adds a mark ("İ" becomes "i" and a combining dot, which stripping drops)."""
    facts = _WORD_FACTS.get(word)
    if facts is None:
        if len(_WORD_FACTS) >= _WORD_FACTS_CAP:
            _WORD_FACTS.clear()
        lower = word.lower()
        syllables = word_syllables(lower)
        hard = lower not in _resources()[2]
        stripped = _strip(lower)
        fog_syllables = syllables if stripped == lower else sum(map(word_syllables, stripped.lower().split()))
        facts = _WORD_FACTS[word] = (syllables, hard, hard and fog_syllables >= 3)
    return facts


def syllable_count(text: str) -> int:
    """The syllables of a stretch of text, counted as the Flesch formulas count them."""
    return sum(word_syllables(w) for w in " ".join(_strip(text).split()).lower().split())


def _sentence_count(text: str) -> int:
    if not text:
        return 0
    pieces = _SENTENCE_RE.findall(text)
    ignored = sum(1 for piece in pieces if len(_strip(piece).split()) <= 2)
    return max(1, len(pieces) - ignored)


def _linsear_write(text_list: list[str], words: list[str]) -> float:
    """textstat's linsear_write_formula(strict_lower=False, strict_upper=True) of the text split
    at whitespace, whose stripped words are `words`."""
    if len(text_list) > 100:
        selected: list[str] = []
        i = 0
        while i < len(text_list) and len(selected) < 100:
            word = _strip_word(text_list[i])
            i += 1
            if word:
                selected.append(word)
    else:
        selected, i = words, len(text_list)
    easy = difficult = 0
    for word in selected:
        syllables = _word_facts(word)[0]
        if syllables >= 3:
            difficult += 1
        elif syllables > 0:
            easy += 1
    sentences = _sentence_count(" ".join(text_list[:i]))
    if not sentences:
        return 0.0
    number = float((easy + difficult * 3) / sentences)
    if number <= 20:
        number -= 2
    return number / 2


def _fre_band(score: float) -> int:
    for low, grade in ((90, 5), (80, 6), (70, 7), (60, 8)):
        if low <= score < low + 10:
            return grade
    for low, grade in ((50, 10), (40, 11), (30, 12)):
        if low <= score < low + 10:
            return grade
    return 13


def _consensus(scores: dict[str, float], linsear: float) -> float:
    """textstat's text_standard: the most common of the formulas' floor, ceiling and rounded grades."""
    grade: list[int] = []
    ordered = ["flesch_kincaid_grade", "flesch_reading_ease", "smog_index", "coleman_liau_index"]
    ordered += ["automated_readability_index", "dale_chall_readability_score", "linsear", "gunning_fog"]
    for name in ordered:
        score = linsear if name == "linsear" else scores[name]
        if name == "flesch_reading_ease":
            grade.append(_fre_band(score))
            if 60 <= score < 70:
                grade.append(9)
            continue
        grade.extend([math.floor(score), math.ceil(score), round(score)])
    return float(max(1, min(Counter(grade).most_common(1)[0][0], 18)))  # textstat clamps to grades 1-18


def readability(text: str) -> ReadabilityResult:
    """Every formula of `text` from one pass over it; equal to textstat's functions called on it."""
    words = _strip(text).split()
    n_words = len(words)
    n_sentences = _sentence_count(text)
    # Each distinct word's facts once, weighted by how often it occurs.
    lower_syllables = long_words = difficult_fog = difficult_dc = 0
    for word, count in Counter(words).items():
        syllables, hard, fog_hard = _word_facts(word)
        lower_syllables += syllables * count
        if hard:
            difficult_dc += count
        if fog_hard:
            difficult_fog += count
        if syllables >= 3:
            long_words += count
    raw = text.split()  # str.split's whitespace is the regex \s (every code point checked in the tests)
    raw_words = len(raw)
    characters = sum(map(len, raw))
    letters = characters - len(_ALL_PUNCTUATION_RE.findall(text))

    wps = n_words / n_sentences if n_sentences else 0.0
    spw = lower_syllables / n_words if n_words else 0.0
    scores = {
        "flesch_reading_ease": 0.0 if not wps or not spw else 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.0 if not wps or not spw else 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * difficult_fog / n_words) if n_words else 0.0,
        "smog_index": 1.043 * (30 * (long_words / n_sentences)) ** 0.5 + 3.1291 if n_sentences else 0.0,
    }
    letters_100 = letters / n_words * 100 if n_words else 0.0
    sentences_100 = n_sentences / n_words * 100 if n_words else 0.0
    scores["coleman_liau_index"] = (
        0.0 if not letters_100 or not sentences_100 else 0.058 * letters_100 - 0.296 * sentences_100 - 15.8
    )
    chars_per_word = characters / raw_words if raw_words else 0.0
    scores["automated_readability_index"] = (
        0.0 if not chars_per_word or not wps else 4.71 * chars_per_word + 0.5 * wps - 21.43
    )
    if n_words:
        percent = 100 * difficult_dc / n_words
        scores["dale_chall_readability_score"] = 0.1579 * percent + 0.0496 * wps + (3.6365 if percent > 5 else 0)
    else:
        scores["dale_chall_readability_score"] = 0.0
    return ReadabilityResult(
        **scores,
        text_standard=_consensus(scores, _linsear_write(raw, words)),
        words=n_words,
        sentences=n_sentences,
        words_per_sentence=round(n_words / n_sentences, 2) if n_sentences else 0.0,
        long_word_share=round(long_words / n_words, 4) if n_words else 0.0,
    )


def readability_textstat(text: str) -> ReadabilityResult:
    """The same figures from textstat's own functions, one call per formula: the reference the
    single-pass version is tested and benchmarked against."""
    import textstat

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
