"""VADER without its quadratic step, scores unchanged.

vaderSentiment 3.3.2 lower-cases the whole sentence again for every word it checks for
negation and idioms, which makes long news sentences quadratic. This subclass lower-cases
each sentence once; the two checks below are vaderSentiment's own (C.J. Hutto, MIT licence)
reading that one list. Tests compare every score with the original analyser.
"""

from __future__ import annotations

from vaderSentiment.vaderSentiment import BOOSTER_DICT, N_SCALAR, SPECIAL_CASES, SentimentIntensityAnalyzer, negated


class FastVader(SentimentIntensityAnalyzer):
    def __init__(self) -> None:
        super().__init__()
        self._cached: tuple[list | None, list[str]] = (None, [])

    def _lower(self, words: list) -> list[str]:
        if self._cached[0] is not words:
            self._cached = (words, [str(w).lower() for w in words])
        return self._cached[1]

    def _negation_check(self, valence, words_and_emoticons, start_i, i):
        lower = self._lower(words_and_emoticons)
        if start_i == 0 and negated([lower[i - (start_i + 1)]]):
            valence = valence * N_SCALAR
        if start_i == 1:
            if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                valence = valence
            elif negated([lower[i - (start_i + 1)]]):
                valence = valence * N_SCALAR
        if start_i == 2:
            if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
                lower[i - 1] == "so" or lower[i - 1] == "this"
            ):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                valence = valence
            elif negated([lower[i - (start_i + 1)]]):
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
