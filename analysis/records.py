"""Plain-dict records of scores, for JSON output and for building tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, fields
from functools import cache
from typing import Any

from analysis.corpus import NO_OUTLET, Refusal
from analysis.framing import GroupCount
from analysis.overlap import OverlapResult, PairOverlap
from analysis.overlap.reprints import reprinted_by_outlet
from analysis.registry import number as _number
from analysis.registry import tone_record
from analysis.scoring import ArticleScores
from analysis.sources import CorpusSources, Source
from analysis.sources.kinds import kind_of
from analysis.statistics import Comparison, in_words


def _counts(count: GroupCount) -> dict[str, Any]:
    return {
        "total": count.total,
        "own_voice": count.own_voice,
        "quoted": count.quoted,
        "headline": count.headline,
        "per_1k": count.per_1k,
    }


def _label_counts(counts: dict[str, GroupCount]) -> dict[str, dict[str, Any]]:
    """An actor's label groups: counts, and each group's share of the own-voice mentions (None
    when the outlet's own words never label the actor), which `compare --measure` can take."""
    own = sum(c.own_voice for c in counts.values())
    return {g: {**_counts(c), "own_share": _number(c.own_voice / own) if own else None} for g, c in counts.items()}


def score_record(scores: ArticleScores) -> dict[str, Any]:
    """One article's scores as the JSON object the command line prints."""
    article, framing = scores.article, scores.framing
    actors, events = framing.of_kind("actor"), framing.of_kind("event")
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "words": scores.words,
        "lexicon": {"name": framing.lexicon_name, "version": framing.lexicon_version},
        "labels": {tid: _label_counts(t.counts) for tid, t in actors.items()},
        "dominant_label": {tid: t.dominant for tid, t in actors.items()},
        "legitimacy": {tid: _number(t.legitimacy) for tid, t in actors.items()},
        "events": {
            tid: {
                "groups": {g: _counts(c) for g, c in t.counts.items()},
                "dominant": t.dominant,
                "scale": _number(t.legitimacy),
            }
            for tid, t in events.items()
        },
        "tone": tone_record(scores),
        "readability": {k: _number(v) if isinstance(v, float) else v for k, v in scores.readability.as_dict().items()},
    }


def refusal_record(refusal: Refusal) -> dict[str, Any]:
    return {"id": refusal.id, "error": refusal.reason}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def _plain(record: object) -> dict[str, Any]:
    """`asdict` of a record of plain values (text and numbers), without its deep copy of each: a
    tenth of the time, for the hundreds of thousands of aligned sentences of a large corpus."""
    return {name: getattr(record, name) for name in _field_names(type(record))}  # type: ignore[arg-type]


def pair_record(pair: PairOverlap) -> dict[str, Any]:
    """One unordered pair of articles: similarity, containment both ways, passages, paraphrases."""
    return {
        "a": pair.a,
        "b": pair.b,
        "similarity": pair.similarity,  # own text, quotations left out
        "similarity_with_quotes": pair.similarity_with_quotes,
        "containment": {"a_in_b": pair.a_in_b, "b_in_a": pair.b_in_a},  # own text, quotations left out
        "containment_with_quotes": {"a_in_b": pair.a_in_b_with_quotes, "b_in_a": pair.b_in_a_with_quotes},
        "likely_borrower": pair.likely_borrower,
        "borrower_basis": pair.borrower_basis,
        "borrower_evidence": pair.borrower_evidence,
        "copied_passages": len(pair.copied),
        "quoted_passages": len(pair.quotations),
        "shared_passages": [{**_plain(p), "kind": p.kind} for p in pair.shared_passages],
        "aligned_sentences": [_plain(s) for s in pair.aligned_sentences],
    }


def source_record(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "key": source.key,
        "source_kind": kind_of(source),  # person, organisation, government body, anonymous, ...
        "type": source.type,
        "named": source.named,
        "aliases_seen": list(source.aliases_seen),
        "merged_by": source.merge_rules,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in source.mentions],
        "citations": [
            {"kind": c.kind, "sentence": c.sentence, "cue_start": c.cue_start, "cue_end": c.cue_end}
            for c in source.citations
            if c.quote is None
        ],
        "quotes": [
            {"text": c.quote, "kind": c.kind, "start": c.quote_start, "end": c.quote_end, "sentence": c.sentence}
            for c in source.quotes
        ],
    }


def sources_record(corpus: CorpusSources) -> dict[str, Any]:
    """Every article's sources, the sources and quotations shared across articles, and Jaccard overlaps."""
    ids = list(corpus.articles)
    return {
        "articles": [
            {"id": article_id, "sources": [source_record(s) for s in sources]}
            for article_id, sources in corpus.articles.items()
        ],
        "shared_sources": [
            {"name": source.name, "key": source.key, "type": source.type, "articles": list(articles)}
            for source, articles in corpus.shared_sources()
        ],
        "shared_quotations": [
            {
                "text": shared.text,
                "articles": list(shared.articles),
                "occurrences": [
                    {"id": o[0], "source": o[1], "text": o[2], "start": o[3], "end": o[4]} for o in shared.occurrences
                ],
            }
            for shared in corpus.shared_quotations
        ],
        "source_overlap": [
            {"a": a, "b": b, "jaccard": _number(corpus.jaccard(a, b))} for i, a in enumerate(ids) for b in ids[i + 1 :]
        ],
    }


def comparison_record(comparison: Comparison, by: str) -> dict[str, Any]:
    """The JSON the compare command prints: each group with its interval, every pair tested."""
    within = comparison.within
    return {
        "measure": comparison.measure,
        "by": by,
        "within": within,
        "seed": comparison.seed,
        "left_out": comparison.left_out,
        "interval": (
            f"95% paired bootstrap over the {within} values both groups share ({within} resampled as blocks)"
            if within
            else "95% percentile bootstrap over articles"
        )
        + ", not adjusted for the number of pairs",
        "test": (
            f"two-sided stratified permutation test (labels shuffled within each {within}) of the mean "
            f"within-{within} difference, Holm-adjusted"
            if within
            else "two-sided permutation test of the difference of means, Holm-adjusted"
        ),
        "groups": [asdict(g) for g in comparison.groups],
        "pairs": [{k: v for k, v in asdict(p).items() if within or k != "blocks"} for p in comparison.pairs],
        "sentences": [in_words(p, comparison.measure, within=within) for p in comparison.pairs],
    }


def reprint_records(result: OverlapResult, outlets: Mapping[str, str | None]) -> dict[str, Any]:
    """The copies of one story and how much each article and outlet took from another outlet
    (`analysis.overlap.reprints`), as the overlap JSON gives them beside its pairs."""
    return {
        "reprint_clusters": [
            [
                {
                    "id": m.id,
                    "outlet": m.outlet,
                    "published": m.published.isoformat() if m.published else None,
                    "own_share": m.own_share,
                }
                for m in cluster.members
            ]
            for cluster in result.clusters
        ],
        "reprinted_share": dict(result.reprinted),
        "reprinted_by_outlet": reprinted_by_outlet(
            result.reprinted, {article: outlets.get(article) or NO_OUTLET for article in result.ids}
        ),
    }
