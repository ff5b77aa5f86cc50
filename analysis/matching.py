"""Whole-word phrase matching shared by the label and loaded-language word lists."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from analysis.text import normalise


def form_key(form: str) -> str:
    """How forms and matched text are compared: normalised, lower case, single spaces."""
    return " ".join(normalise(form).lower().split())


def _form_regex(form: str) -> str:
    return r"\s+".join(re.escape(word) for word in normalise(form).split())


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    group: str


class PhraseMatcher:
    """Finds the forms of named groups as whole words, case-insensitive, longest first.

    A space in a form matches any whitespace; ignored phrases hide the forms inside them
    ("Salvation Government" is not the government).
    """

    def __init__(self, groups: Mapping[str, Sequence[str]], ignore: Sequence[str] = ()):
        entries = [(form, name) for name, forms in groups.items() for form in forms]
        entries += [(phrase, "") for phrase in ignore]
        entries.sort(key=lambda entry: -len(entry[0]))
        self.owners_ = {form_key(form): owner for form, owner in reversed(entries)}
        alternatives = "|".join(_form_regex(form) for form, _ in entries) or r"(?!)"
        self.pattern_ = re.compile(rf"(?<![\w'])(?:{alternatives})(?!\w)", re.IGNORECASE)

    def finditer(self, normalised: str, start: int = 0) -> Iterator[PhraseMatch]:
        """Matches in an already normalised text, ignored phrases left out."""
        for match in self.pattern_.finditer(normalised, start):
            group = self.owners_.get(form_key(match.group()), "")
            if group:
                yield PhraseMatch(match.start(), match.end(), group)
