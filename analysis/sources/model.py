"""The typed results: citations, mentions and sources of one article, and what a corpus shares."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from analysis.sources.config import CitationKind


@dataclass(frozen=True)
class Citation:
    kind: CitationKind
    sentence: int
    cue_start: int
    cue_end: int
    quote: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    key: str
    name: str
    type: str
    named: bool
    aliases_seen: tuple[str, ...]
    merge_rules: dict[str, str]
    mentions: tuple[Mention, ...]
    citations: tuple[Citation, ...]

    @property
    def quotes(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.quote is not None)


@dataclass(frozen=True)
class SharedQuotation:
    """One quotation carried by two or more articles: (article id, source name, text, start, end) each."""

    text: str
    occurrences: tuple[tuple[str, str, str, int, int], ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o[0] for o in self.occurrences))


@dataclass(frozen=True)
class CorpusSources:
    articles: dict[str, tuple[Source, ...]]
    shared_quotations: tuple[SharedQuotation, ...]
    config_version: str

    def named(self, article_id: str) -> set[str]:
        return {s.key for s in self.articles[article_id] if s.named}

    def shared_sources(self) -> list[tuple[Source, tuple[str, ...]]]:
        """Named sources cited by two or more articles, with those articles."""
        cited: dict[str, dict[str, None]] = defaultdict(dict)
        first: dict[str, Source] = {}
        for article_id, sources in self.articles.items():
            for source in sources:
                if source.named:  # a dict: one article counts once, however many entries it has
                    cited[source.key][article_id] = None
                    first.setdefault(source.key, source)
        return [(first[key], tuple(ids)) for key, ids in cited.items() if len(ids) > 1]

    def jaccard(self, a: str, b: str) -> float:
        """Overlap of two articles' named sources: |A ∩ B| / |A ∪ B|, 0 when neither names any."""
        left, right = self.named(a), self.named(b)
        return len(left & right) / len(left | right) if left | right else 0.0
