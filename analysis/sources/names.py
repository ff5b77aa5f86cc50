"""Names folded so that spellings of one person meet: al-Golani, al-Julani and al-Jolani are one key."""

from __future__ import annotations

import re
import unicodedata

TITLES = frozenset(
    """president prime minister foreign defence defense interior commander leader chief general gen
    dr mr mrs ms sheikh spokesman spokeswoman editor analyst colonel col major maj lt captain
    hts pope cardinal archbishop bishop father rev reverend sen senator rep representative gov
    governor mayor judge sheriff officer attorney lawyer professor prof secretary ambassador
    chairman chairwoman""".split()
)


ARTICLES = frozenset({"the", "a", "an"})  # "The Washington Times" and "The New York Times" are not one "th ... tms"


def fold(word: str) -> str:
    """A transliteration-tolerant key for one name: its first letter and consonant skeleton.

    Golani, Julani and Jolani fold alike ("jln"), as do Hassan and Hasan, Ahmed and Ahmad.
    """
    word = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    word = re.sub(r"^(?:al|el|ad|an|ar|as|at|az)[-\s]", "", word)
    word = re.sub(r"[^a-z]", "", word).replace("q", "k")
    if not word:
        return ""
    skeleton = word[0] + re.sub(r"[aeiouyw]", "", word[1:])
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    if len(skeleton) <= 2:
        # Two letters say too little: Hill, Hall and Hull would be one person. Short names keep
        # their vowels (Musa and Moussa stay apart; an alias in the data file can join them).
        return word
    return "j" + skeleton[1:] if skeleton.startswith("g") else skeleton


def name_parts(name: str) -> tuple[str, str]:
    """(first name, surname) of a person-like name, titles and particles dropped; first may be ''."""
    words = [w for w in re.findall(r"[\w'-]+", name) if w.lower() not in TITLES | ARTICLES]
    words = [w.rstrip("'s") if w.endswith("'s") else w for w in words]
    if not words:
        return "", ""
    return (fold(words[0]) if len(words) > 1 else ""), fold(words[-1])
