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


# Capitalised words of an office, a party or a body that stand before a person's name ("Secretary
# of State Antony Blinken", "California Democrat Adam Schiff", "White House spokesman Josh Earnest").
OFFICES = frozenset(
    """state house white department treasury justice security homeland energy commerce labor health
    education agriculture transportation congress senate council ministry cabinet party democratic
    republican democrat republicans democrats gop conservative liberal labour tory longtime former""".split()
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


def name_core(name: str) -> str:
    """The person's own name in a subject that may describe them first: what follows the last
    title, role, office or lower-case word ("Florida Sen. Marco Rubio", "White House spokesman
    Josh Earnest", "Longtime Democratic strategist Paul Begala" are Marco Rubio, Josh Earnest and
    Paul Begala), and what precedes an "of" phrase ("Chuck Schumer of New York")."""
    head = re.split(r"\s+of\s+(?=[A-Z])", name, maxsplit=1)
    if len(head) == 2 and head[0].split() and head[0].split()[-1].lower() not in TITLES | OFFICES:
        name = head[0]  # "X of New York"; not "Secretary of State X"
    tokens = name.split()
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        bare = token.strip(".,").lower()
        lower_role = not token[:1].isupper() and not _PARTICLE.match(token) and bare not in _JOINING
        if bare in TITLES | OFFICES | ARTICLES or lower_role:
            cut = index + 1
    core = tokens[cut:]
    # A body's initials before a person's name: "(Ambassador to the) UN Nikki Haley".
    while len(core) > 2 and re.fullmatch(r"(?:[A-Z]\.?){2,5}", core[0]):
        core = core[1:]
    return " ".join(core) if core else name


_JOINING = frozenset({"for", "and", "of", "on", "in", "at", "to", "&"})  # inside a body's name
_PARTICLE = re.compile(
    r"(?:al|el|ad|an|ar|as|at|az|bin|ibn|abu|abd|de|van|von|da|di|le|la)\b[-\u2019']?", re.IGNORECASE
)


def as_named(name: str) -> str:
    """How a person is listed: their own name with the title written just before it ("Sen. Marco
    Rubio" for "Florida Sen. Marco Rubio"; "Paul Begala" for "Longtime Democratic strategist Paul
    Begala")."""
    core = name_core(name)
    before = name[: len(name) - len(core)].split() if name.endswith(core) else []
    if before and before[-1][:1].isupper() and before[-1].strip(".,").lower() in TITLES:
        return f"{before[-1]} {core}"
    return core


def name_parts(name: str) -> tuple[str, str]:
    """(first name, surname) of a person-like name, titles and particles dropped; first may be ''."""
    words = [w for w in re.findall(r"[\w'-]+", name) if w.lower() not in TITLES | ARTICLES]
    words = [w.rstrip("'s") if w.endswith("'s") else w for w in words]
    if not words:
        return "", ""
    return (fold(words[0]) if len(words) > 1 else ""), fold(words[-1])
