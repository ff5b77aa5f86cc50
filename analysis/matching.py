"""Whole-word phrase matching shared by the label and loaded-language word lists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from analysis.text import Tokens, match_tokens, normalise


def form_key(form: str) -> str:
    """How forms and matched text are compared: normalised, lower case, single spaces."""
    return " ".join(normalise(form).lower().split())


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    group: str


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(match_tokens(normalise(phrase)).words)


# In an ignore phrase, this stands for any form: "pro-government *" sets aside a form that
# follows "pro-government", "* supporters" one followed by "supporters".
SLOT = "*"


@dataclass(frozen=True)
class _Context:
    before: tuple[str, ...]
    after: tuple[str, ...]
    rule: str

    def around(self, words: Sequence[str], start: int, end: int) -> bool:
        """Whether the words before `start` and after `end` (token indices) are this context."""
        b, a = len(self.before), len(self.after)
        return (
            start >= b and tuple(words[start - b : start]) == self.before and tuple(words[end : end + a]) == self.after
        )


class PhraseMatcher:
    """Finds the forms of named groups as whole words, case-insensitive, longest first.

    Works on the prepared text's tokens (`PreparedText.tokens`), so every word list reads the
    same single tokenisation. Whitespace between words does not matter; ignored phrases hide
    the forms inside them ("Salvation Government" is not the government), and an ignored phrase
    with a `*` hides any form in that place ("pro-government *": the fighters are not the
    opposition's).
    """

    def __init__(self, groups: Mapping[str, Sequence[str]], ignore: Sequence[str] = ()):
        entries = [(form, name) for name, forms in groups.items() for form in forms]
        entries += [(phrase, "") for phrase in ignore if SLOT not in phrase]
        self.table_: dict[tuple[str, ...], str] = {}
        self.rules_: dict[tuple[str, ...], str] = {}  # an ignored phrase's tokens -> the phrase
        for form, owner in entries:  # a form listed both as a form and as ignored stays a form
            key = _tokens(form)
            if key and (key not in self.table_ or owner):
                self.table_[key] = owner
                if not owner:
                    self.rules_[key] = form
        self.contexts_ = tuple(
            _Context(_tokens(before), _tokens(after), phrase)
            for phrase in ignore
            if SLOT in phrase
            for before, after in [phrase.split(SLOT, 1)]
            if _tokens(before) or _tokens(after)
        )
        # first token -> the lengths of the phrases it starts, longest first: most tokens start none
        starts: dict[str, set[int]] = {}
        for key in self.table_:
            starts.setdefault(key[0], set()).add(len(key))
        self.starts_ = {first: sorted(lengths, reverse=True) for first, lengths in starts.items()}

    def find(self, tokens: Tokens) -> Iterator[PhraseMatch]:
        """Leftmost-longest matches in a text's tokens, ignored phrases left out."""
        for match, rule in self.scan(tokens):
            if rule is None:
                yield match

    def set_aside(self, tokens: Tokens) -> Iterator[tuple[PhraseMatch, str]]:
        """What the ignore list kept from being a match, each with the ignored phrase that did it
        (a form inside an ignored phrase has the group "")."""
        for match, rule in self.scan(tokens):
            if rule is not None:
                yield match, rule

    def scan(self, tokens: Tokens) -> Iterator[tuple[PhraseMatch, str | None]]:
        """Every match and every ignored phrase met, leftmost-longest, each with the ignored
        phrase that sets it aside or None."""
        words, starts_at, ends_at = tokens
        count, starts, table = len(words), self.starts_, self.table_
        after = 0  # the token after the last match: matches do not overlap
        for i in [i for i, word in enumerate(words) if word in starts]:  # most tokens start no phrase
            if i < after:
                continue
            for n in starts[words[i]]:
                if i + n > count:
                    continue
                key = tuple(words[i : i + n])
                owner = table.get(key)
                if owner is not None:
                    match = PhraseMatch(starts_at[i], ends_at[i + n - 1], owner)
                    if not owner:
                        yield match, self.rules_[key]
                    else:
                        context = next((c for c in self.contexts_ if c.around(words, i, i + n)), None)
                        yield match, context.rule if context else None
                    after = i + n
                    break
