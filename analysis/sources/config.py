"""What counts as a citation and who the known sources are: `lexicons/sources.toml`, loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from analysis.matching import PhraseMatcher

SOURCES_FILE = Path(__file__).parent.parent / "lexicons" / "sources.toml"
CitationKind = Literal["quote", "reported", "according_to", "post"]
SOURCE_TYPES = (
    "government_military",
    "armed_opposition",
    "monitor_ngo",
    "analyst_expert",
    "media",
    "social_media",
    "unnamed",
    "other",
)


@dataclass(frozen=True)
class SourceConfig:
    version: str
    verbs: frozenset[str]
    participles: frozenset[str]
    nounlike: frozenset[str]
    subject_cuts: tuple[str, ...]
    introductions: frozenset[str]
    conjunctions: frozenset[str]
    auxiliaries: frozenset[str]
    name_particles: frozenset[str]
    name_roles: frozenset[str]
    organisation_words: frozenset[str]
    type_words: tuple[tuple[str, str], ...]
    unnamed_nouns: frozenset[str]
    document_nouns: frozenset[str]
    entities: dict[str, tuple[str, str]]  # id -> (name, type)
    matcher: PhraseMatcher

    # Compiled once for the corpus, not once an article.

    @cached_property
    def verb_re(self) -> re.Pattern[str]:
        """Any reporting verb or participle as a whole word, the longest first."""
        verbs = "|".join(sorted(self.verbs | self.participles, key=len, reverse=True))
        return re.compile(rf"(?<![\w'-])(?:{verbs})(?![\w-])", re.IGNORECASE)

    @cached_property
    def type_patterns(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """Each type word as a whole word, with its type, in the order they are tried."""
        return tuple((re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])"), kind) for word, kind in self.type_words)

    @cached_property
    def cut_re(self) -> re.Pattern[str] | None:
        """Any subject cut after a space (its leftmost match is where a subject ends)."""
        if not self.subject_cuts:
            return None
        return re.compile(r"\s(?:" + "|".join(re.escape(cut) for cut in self.subject_cuts) + r")\b")


@cache
def load_source_config(path: Path = SOURCES_FILE) -> SourceConfig:
    """The cues, types and known entities in `path`."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cues, entities = data["cues"], data.get("entities", {})
    return SourceConfig(
        version=str(data.get("version", "0")),
        verbs=frozenset(cues["verbs"]),
        participles=frozenset(cues["participles"]),
        nounlike=frozenset(cues.get("nounlike", ())),
        subject_cuts=tuple(sorted(cues["subject_cuts"], key=len, reverse=True)),
        introductions=frozenset(cues["introductions"]),
        conjunctions=frozenset(cues["conjunctions"]),
        auxiliaries=frozenset(cues["auxiliaries"]),
        name_particles=frozenset(cues.get("name_particles", ())),
        name_roles=frozenset(cues.get("name_roles", ())),
        organisation_words=frozenset(cues.get("organisation_words", ())),
        type_words=tuple((word, kind) for kind, words in data["types"].items() for word in words),
        unnamed_nouns=frozenset(data["unnamed"]["nouns"]),
        document_nouns=frozenset(data.get("documents", {}).get("nouns", ())),
        entities={eid: (str(e["name"]), str(e["type"])) for eid, e in entities.items()},
        matcher=PhraseMatcher({eid: e["aliases"] for eid, e in entities.items()}),
    )
