"""Every article's sources, with surnames merged across the corpus and the quotations they share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from analysis.corpus import Article
from analysis.sources.config import SourceConfig, load_source_config
from analysis.sources.extract import article_sources
from analysis.sources.model import CorpusSources, Mention, Source
from analysis.sources.quotations import shared_quotations
from analysis.text import PreparedText


def _merge_surnames(articles: dict[str, list[Source]]) -> dict[str, tuple[str, str]]:
    """Map a surname-only key to the one full name with that surname in the corpus, if there is exactly one."""
    full: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for sources in articles.values():
        for source in sources:
            if source.key.startswith("name:"):
                first, surname = source.key[5:].split("|", 1)
                if first:
                    full[surname].add(source.key)
                    names.setdefault(source.key, source.name)
    merges = {}
    for sources in articles.values():
        for source in sources:
            if source.key.startswith("name:|"):
                surname = source.key.split("|", 1)[1]
                if len(full[surname]) == 1:
                    (target,) = full[surname]
                    merges[source.key] = (target, names[target])
    return merges


def _rekey(source: Source, key: str, name: str, rule: str) -> Source:
    rules = {alias: rule for alias in source.aliases_seen}
    return Source(key, name, source.type, source.named, source.aliases_seen, rules, source.mentions, source.citations)


def _outermost(mentions: set[Mention]) -> tuple[Mention, ...]:
    """Mentions in text order, leaving out one inside another (the surname within the full name)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in ordered:
        if not kept or mention.end > kept[-1].end:
            kept.append(mention)
    return tuple(kept)


def _one_per_key(sources: Sequence[Source]) -> tuple[Source, ...]:
    """One entry per source: entries that came to share a key (a surname merged into the full name
    the same article gives) become one, with all their mentions and citations in text order."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.key, []).append(source)
    combined = []
    for key, same in groups.items():
        if len(same) == 1:
            combined.append(same[0])
            continue
        head = same[0]
        combined.append(
            Source(
                key,
                head.name,
                head.type,
                any(s.named for s in same),
                tuple(dict.fromkeys(a for s in same for a in s.aliases_seen)),
                {alias: rule for s in same for alias, rule in s.merge_rules.items()},
                _outermost({m for s in same for m in s.mentions}),
                tuple(sorted({c for s in same for c in s.citations}, key=lambda c: (c.sentence, c.cue_start))),
            )
        )
    return tuple(combined)


def corpus_sources(
    prepared: Sequence[tuple[Article, PreparedText]] | Mapping[str, PreparedText], config: SourceConfig | None = None
) -> CorpusSources:
    """Every article's sources, with names merged across the corpus and the quotations they share.

    `prepared` is what `compare_articles` takes, (article, prepared text) pairs, or a mapping of
    article id to prepared text."""
    config = config or load_source_config()
    texts = prepared.items() if isinstance(prepared, Mapping) else [(a.id, p) for a, p in prepared]
    return merged_sources({article_id: article_sources(p, config) for article_id, p in texts}, config)


def merged_sources(articles: Mapping[str, Sequence[Source]], config: SourceConfig | None = None) -> CorpusSources:
    """`corpus_sources` from each article's own `article_sources` (found on worker processes, say)."""
    config = config or load_source_config()
    found = {article_id: list(sources) for article_id, sources in articles.items()}
    merges = _merge_surnames(found)
    merged: dict[str, tuple[Source, ...]] = {}
    for article_id, sources in found.items():
        rekeyed = []
        for source in sources:
            if source.key in merges:
                key, name = merges[source.key]
                source = _rekey(source, key, name, f"same surname as {name}, the only full name with it")
            rekeyed.append(source)
        merged[article_id] = _one_per_key(rekeyed)
    return CorpusSources(merged, tuple(shared_quotations(merged)), config.version)
