"""VADER without its quadratic step and its per-character loop, scores unchanged.

vaderSentiment 3.3.2 lower-cases the whole sentence again for every word it checks for
negation and idioms, which makes long news sentences quadratic, walks every character of a
sentence looking for emoji, and runs its rule chain on every word although only words in its
lexicon can carry a score. This subclass lower-cases each sentence once, skips the emoji walk
when the sentence holds none, and applies the rules to lexicon words only; the checks below
are vaderSentiment's own (C.J. Hutto, MIT licence) reading that one list. Tests compare
every score with the original analyser.
"""

from __future__ import annotations

import string
import threading

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    SentiText,
)


class FastVader(SentimentIntensityAnalyzer):
    def __init__(self) -> None:
        super().__init__()
        # The lower-cased words of the sentence being scored, per thread: Streamlit scores in one
        # thread per session, and a shared entry would let one session read another's sentence.
        self._local = threading.local()
        self._emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)

    def polarity_scores(self, text):
        if not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        text = text.strip()
        sentitext = _senti_text(text)
        words = sentitext.words_and_emoticons
        lower = self._lower(words)
        lexicon = self.lexicon
        last = len(words) - 1
        # Every word outside the lexicon, every booster and "kind" in "kind of" scores 0 in VADER.
        sentiments = [0] * len(words)
        for i, word in enumerate(lower):
            if (
                word in lexicon
                and word not in BOOSTER_DICT
                and not (word == "kind" and i < last and lower[i + 1] == "of")
            ):
                sentiments[i] = self.sentiment_valence(0, sentitext, words[i], i, [])[0]
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def _lower(self, words: list) -> list[str]:
        cached = getattr(self._local, "cached", None)
        if cached is None or cached[0] is not words:
            cached = self._local.cached = (words, [str(w).lower() for w in words])
        return cached[1]

    def _negation_check(self, valence, words_and_emoticons, start_i, i):
        lower = self._lower(words_and_emoticons)
        if start_i == 0 and _negated(lower[i - (start_i + 1)]):
            valence = valence * N_SCALAR
        if start_i == 1:
            if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                valence = valence
            elif _negated(lower[i - (start_i + 1)]):
                valence = valence * N_SCALAR
        if start_i == 2:
            if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
                lower[i - 1] == "so" or lower[i - 1] == "this"
            ):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                valence = valence
            elif _negated(lower[i - (start_i + 1)]):
                valence = valence * N_SCALAR
        return valence

    def _special_idioms_check(self, valence, words_and_emoticons, i):
        lower = self._lower(words_and_emoticons)
        onezero = f"{lower[i - 1]} {lower[i]}"
        twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
        twoone = f"{lower[i - 2]} {lower[i - 1]}"
        threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
        threetwo = f"{lower[i - 3]} {lower[i - 2]}"
        for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if sequence in SPECIAL_CASES:
                valence = SPECIAL_CASES[sequence]
                break
        if len(lower) - 1 > i:
            zeroone = f"{lower[i]} {lower[i + 1]}"
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(lower) - 1 > i + 1:
            zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence


_NEGATIONS = frozenset(NEGATE)


def _negated(word: str) -> bool:
    """vaderSentiment's `negated([word])` for one lower-cased word."""
    return word in _NEGATIONS or "n't" in word


def _senti_text(text: str) -> SentiText:
    """vaderSentiment's SentiText of `text`, built with comprehensions instead of per-word calls."""
    sentitext = SentiText.__new__(SentiText)
    sentitext.text = text
    words = [s if len(s := token.strip(string.punctuation)) > 2 else token for token in text.split()]
    sentitext.words_and_emoticons = words
    sentitext.is_cap_diff = 0 < len(words) - sum(map(str.isupper, words)) < len(words)
    return sentitext
