"""VADER without its quadratic step and its per-word overheads, scores unchanged.

vaderSentiment 3.3.2 lower-cases the whole sentence again for every word it checks for
negation, idioms and "but", which makes long news sentences quadratic; walks every character
of a sentence looking for emoji; strips and lower-cases each word of every sentence anew; and
runs its rule chain on every word although only words in its lexicon can carry a score. This
subclass keeps what each distinct token becomes (its stripped and lower-case forms) for the
life of the process, lower-cases each sentence once, skips the emoji walk when the sentence
holds none, and applies the rules to lexicon words only. The rules below are vaderSentiment's
own (C.J. Hutto, MIT licence), restated over the one lower-case list. Tests compare every
score with the original analyser, on thousands of real news sentences when they are at hand.
"""

from __future__ import annotations

import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

_NEGATIONS = frozenset(NEGATE)
# Distinct tokens kept before the table starts again: a corpus of many languages must not grow it without end.
_TOKENS_CAP = 300_000


class FastVader(SentimentIntensityAnalyzer):
    def __init__(self) -> None:
        super().__init__()
        self._emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)
        # token -> (VADER's word for it, that word in lower case). Shared by threads: every entry
        # is a pure function of its key, so a race writes the same value twice.
        self._tokens: dict[str, tuple[str, str]] = {}

    def polarity_scores(self, text):
        # Every emoji VADER knows is outside ASCII, so an ASCII sentence needs no search.
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        text = text.strip()
        split = text.split()
        if not split:
            return self.score_valence([], text)
        known = self._tokens
        entries = [known.get(token) or self._token(token) for token in split]
        words, lower = zip(*entries, strict=True)
        lexicon = self.lexicon
        last = len(words) - 1
        is_cap_diff = 0 < len(words) - sum(map(str.isupper, words)) < len(words)
        # Every word outside the lexicon, every booster and "kind" in "kind of" scores 0 in VADER.
        sentiments = [0] * len(words)
        for i, word in enumerate(lower):
            if (
                word in lexicon
                and word not in BOOSTER_DICT
                and not (word == "kind" and i < last and lower[i + 1] == "of")
            ):
                sentiments[i] = self._valence(words, lower, i, is_cap_diff)
        if "but" in lower:
            _but_check(lower, sentiments)
        return self.score_valence(sentiments, text)

    def _token(self, token: str) -> tuple[str, str]:
        """SentiText's word for a token (stripped of punctuation unless that leaves two characters
        or fewer, an emoticon), with its lower case; remembered."""
        stripped = token.strip(string.punctuation)
        word = stripped if len(stripped) > 2 else token
        if len(self._tokens) >= _TOKENS_CAP:
            self._tokens.clear()
        entry = self._tokens[token] = (word, word.lower())
        return entry

    def _valence(self, words: tuple[str, ...], lower: tuple[str, ...], i: int, is_cap_diff: bool) -> float:
        """vaderSentiment's sentiment_valence of the lexicon word at `i`."""
        lexicon = self.lexicon
        item = lower[i]
        valence = lexicon[item]
        # "no" negates an adjacent lexicon word rather than scoring itself
        if item == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[item] * N_SCALAR
        if is_cap_diff and words[i].isupper():
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and lower[j] not in lexicon:
                s = _scalar_inc_dec(words[j], lower[j], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = _negation_check(valence + s, lower, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lower, i)
        return self._least_check_lower(valence, lower, i)

    def _least_check_lower(self, valence: float, lower: tuple[str, ...], i: int) -> float:
        """vaderSentiment's _least_check on the lower-case words."""
        if i > 1 and lower[i - 1] not in self.lexicon and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lower[i - 1] not in self.lexicon and lower[i - 1] == "least":
            valence = valence * N_SCALAR
        return valence


def _scalar_inc_dec(word: str, word_lower: str, valence: float, is_cap_diff: bool) -> float:
    """vaderSentiment's scalar_inc_dec, given the word's lower case."""
    scalar = 0.0
    if word_lower in BOOSTER_DICT:
        scalar = BOOSTER_DICT[word_lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and is_cap_diff:
            scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
    return scalar


def _negated(word: str) -> bool:
    """vaderSentiment's `negated([word])` for one lower-cased word."""
    return word in _NEGATIONS or "n't" in word


def _negation_check(valence: float, lower: tuple[str, ...], start_i: int, i: int) -> float:
    """vaderSentiment's _negation_check on the lower-case words."""
    if start_i == 0 and _negated(lower[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: tuple[str, ...], i: int) -> float:
    """vaderSentiment's _special_idioms_check on the lower-case words."""
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


def _but_check(lower: tuple[str, ...], sentiments: list) -> None:
    """vaderSentiment's _but_check, in place: scores before the first "but" halved, after it
    raised by half. Its quirk is kept: each score is found again by value (`index`), so of
    equal scores only the first one's place is changed, as often as they occur."""
    bi = lower.index("but")
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
