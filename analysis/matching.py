"""Whole-word phrase matching shared by the label and loaded-language word lists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from analysis.text import match_tokens, normalise


def form_key(form: str) -> str:
    """How forms and matched text are compared: normalised, lower case, single spaces."""
    return " ".join(normalise(form).lower().split())


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    group: str


class PhraseMatcher:
    """Finds the forms of named groups as whole words, case-insensitive, longest first.

    Works on the prepared text's tokens (`PreparedText.tokens`), so every word list reads the
    same single tokenisation. Whitespace between words does not matter; ignored phrases hide
    the forms inside them ("Salvation Government" is not the government).
    """

    def __init__(self, groups: Mapping[str, Sequence[str]], ignore: Sequence[str] = ()):
        entries = [(form, name) for name, forms in groups.items() for form in forms]
        entries += [(phrase, "") for phrase in ignore]
        self.table_: dict[tuple[str, ...], str] = {}
        for form, owner in entries:  # a form listed both as a form and as ignored stays a form
            key = tuple(token for token, _, _ in match_tokens(normalise(form)))
            if key and (key not in self.table_ or owner):
                self.table_[key] = owner
        # first token -> the lengths of the phrases it starts, longest first: most tokens start none
        starts: dict[str, set[int]] = {}
        for key in self.table_:
            starts.setdefault(key[0], set()).add(len(key))
        self.starts_ = {first: sorted(lengths, reverse=True) for first, lengths in starts.items()}

    def find(
        self,
        tokens: Sequence[tuple[str, int, int]],
        words: Sequence[str] | None = None,
        positions: Mapping[str, list[int]] | None = None,
    ) -> Iterator[PhraseMatch]:
        """Leftmost-longest matches in a token sequence, ignored phrases left out.

        `words` (the tokens' text) and `positions` (where each token occurs) may be passed when
        the caller has them already.
        """
        words = words if words is not None else [t[0] for t in tokens]
        count, starts, table = len(words), self.starts_, self.table_
        if positions is None:
            candidates = [i for i, word in enumerate(words) if word in starts]  # most tokens start no phrase
        else:
            candidates = sorted(i for word in starts.keys() & positions.keys() for i in positions[word])
        after = 0  # the token after the last match: matches do not overlap
        for i in candidates:
            if i < after:
                continue
            for n in starts[words[i]]:
                owner = table.get(tuple(words[i : i + n])) if i + n <= count else None
                if owner is not None:
                    if owner:
                        yield PhraseMatch(tokens[i][1], tokens[i + n - 1][2], owner)
                    after = i + n
                    break
