"""The one adapter from typed results to pandas tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.lexicon import Lexicon
from analysis.overlap import OverlapResult
from analysis.records import score_record
from analysis.scoring import ArticleScores
from analysis.sources import CorpusSources


def scores_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article: metadata, dominant labels, legitimacy, tone and readability."""
    rows = []
    for item in scores:
        record = score_record(item)
        row = {key: record[key] for key in ("id", "title", "outlet", "author", "published", "url", "words")}
        for actor, group in record["dominant_label"].items():
            row[f"dominant_{actor}"] = group
        for actor, value in record["legitimacy"].items():
            row[f"legitimacy_{actor}"] = value
        for event, info in record["events"].items():
            row[f"dominant_{event}"] = info["dominant"]
        tone = record["tone"]
        row.update(
            {
                "tone_sentence_mean": tone["sentence_mean"],
                "tone_negative_share": tone["negative_share"],
                "tone_positive_share": tone["positive_share"],
                "tone_own_voice_mean": tone["own_voice"]["mean"],
                "tone_quoted_mean": tone["quoted"]["mean"],
                "tone_headline": tone["headline"],
                "loaded_per_1k": tone["loaded_per_1k"],
                "loaded_own_voice_per_1k": tone["loaded_own_voice_per_1k"],
            }
        )
        row.update(record["readability"])
        rows.append(row)
    return pd.DataFrame(rows)


def labels_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article, target and label group: counts in each voice and per 1,000 words."""
    rows = [
        {
            "id": item.article.id,
            "title": item.article.title,
            "target": target.target,
            "kind": target.kind,
            "group": group,
            "total": count.total,
            "own_voice": count.own_voice,
            "quoted": count.quoted,
            "headline": count.headline,
            "per_1k": count.per_1k,
        }
        for item in scores
        for target in item.framing.targets.values()
        for group, count in target.counts.items()
    ]
    return pd.DataFrame(rows)


def label_hits_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """Every label hit with its sentence: the keyword-in-context evidence."""
    rows = []
    for item in scores:
        sentences = item.prepared.sentences
        for hit in item.framing.hits:
            sentence = sentences[hit.sentence]
            rows.append(
                {
                    "id": item.article.id,
                    "target": hit.target,
                    "group": hit.group,
                    "term": hit.text,
                    "voice": hit.voice,
                    "headline": hit.in_headline,
                    "start": hit.start,
                    "end": hit.end,
                    "sentence": hit.sentence,
                    "sentence_text": sentence.text,
                    "sentence_start": sentence.start,
                }
            )
    columns = ["id", "target", "group", "term", "voice", "headline", "start", "end", "sentence"]
    return pd.DataFrame(rows, columns=[*columns, "sentence_text", "sentence_start"])


def pairs_frame(result: OverlapResult) -> pd.DataFrame:
    """One row per compared pair: similarity, containment both ways and counts of shared text."""
    return pd.DataFrame(
        [
            {
                "a": p.a,
                "b": p.b,
                "similarity": p.similarity,
                "a_in_b": p.a_in_b,
                "b_in_a": p.b_in_a,
                "shared_passages": len(p.shared_passages),
                "shared_words": sum(s.words for s in p.shared_passages),
                "aligned_sentences": len(p.aligned_sentences),
                "likely_borrower": p.likely_borrower,
                "borrower_basis": p.borrower_basis,
            }
            for p in result.pairs
        ],
        columns=[
            "a",
            "b",
            "similarity",
            "a_in_b",
            "b_in_a",
            "shared_passages",
            "shared_words",
            "aligned_sentences",
            "likely_borrower",
            "borrower_basis",
        ],
    )


def similarity_frame(result: OverlapResult) -> pd.DataFrame:
    """The article-by-article similarity matrix, labelled by id (pairs never compared are 0)."""
    matrix = result.similarity.toarray() if sparse.issparse(result.similarity) else result.similarity
    return pd.DataFrame(matrix, index=list(result.ids), columns=list(result.ids))


def source_matrix_frame(corpus: CorpusSources) -> pd.DataFrame:
    """Articles by named sources: how many times each article cites each source."""
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for article_id, sources in corpus.articles.items():
        counts[article_id] = {}
        for source in sources:
            if source.named:
                counts[article_id][source.key] = len(source.citations)
                names.setdefault(source.key, source.name)
    frame = pd.DataFrame.from_dict(counts, orient="index").fillna(0).astype(int)
    return frame.rename(columns=names)


def sources_frame(corpus: CorpusSources) -> pd.DataFrame:
    """One row per article and source: type, citations, quotations and spellings seen."""
    return pd.DataFrame(
        [
            {
                "id": article_id,
                "source": s.name,
                "type": s.type,
                "named": s.named,
                "citations": len(s.citations),
                "quotes": len(s.quotes),
                "aliases_seen": "; ".join(s.aliases_seen),
            }
            for article_id, sources in corpus.articles.items()
            for s in sources
        ],
        columns=["id", "source", "type", "named", "citations", "quotes", "aliases_seen"],
    )


def short_label(title: str, limit: int = 42) -> str:
    """A readable chart label: the title cut at a word boundary."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:.-") + "\u2026"


def articles_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per article: metadata, a unique short label for charts, and the text."""
    rows, seen = [], set()
    for item in scores:
        article = item.article
        label = short_label(article.title)
        if article.outlet:
            label = f"{article.outlet}: {short_label(article.title, 32)}"
        base, n = label, 2
        while label in seen:
            label, n = f"{base} ({n})", n + 1
        seen.add(label)
        rows.append(
            {
                "id": article.id,
                "label": label,
                "title": article.title,
                "outlet": article.outlet,
                "author": article.author,
                "published": article.published.isoformat() if article.published else None,
                "url": article.url,
                "words": item.words,
                "text": article.text,
            }
        )
    return pd.DataFrame(rows, columns=["id", "label", "title", "outlet", "author", "published", "url", "words", "text"])


def lexicon_frame(lexicon: Lexicon) -> pd.DataFrame:
    """One row per target and label group: its scale position and rationale, in lexicon order."""
    return pd.DataFrame(
        [
            {
                "target": target.id,
                "kind": target.kind,
                "target_label": target.label,
                "group": group.name,
                "position": group.position,
                "rationale": group.rationale,
                "forms": ", ".join(group.forms),
                "order": order,
            }
            for target in lexicon.targets
            for order, group in enumerate(target.groups)
        ]
    )


def sentences_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """One row per sentence: offsets, voice, tone (whole, own voice, quoted) and length in words."""
    rows = []
    for item in scores:
        words_per_sentence = Counter(item.prepared.words.sentence)
        count = len(item.prepared.sentences)
        for sentence, tone in zip(item.prepared.sentences, item.tone.sentences, strict=True):
            rows.append(
                {
                    "id": item.article.id,
                    "sentence": sentence.index,
                    "position": sentence.index / (count - 1) if count > 1 else 0.0,
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": sentence.text,
                    "voice": sentence.voice,
                    "headline": sentence.in_headline,
                    "heading": sentence.is_heading,
                    "words": words_per_sentence.get(sentence.index, 0),
                    "compound": tone.compound,
                    "own_compound": tone.own_compound,
                    "quoted_compound": tone.quoted_compound,
                }
            )
    return pd.DataFrame(rows)


def loaded_frame(scores: Sequence[ArticleScores]) -> pd.DataFrame:
    """Every loaded-language hit with its sentence."""
    rows = []
    for item in scores:
        for hit in item.tone.loaded:
            sentence = item.prepared.sentences[hit.sentence]
            rows.append(
                {
                    "id": item.article.id,
                    "category": hit.category,
                    "term": hit.text,
                    "term_key": hit.text.lower(),
                    "voice": hit.voice,
                    "start": hit.start,
                    "end": hit.end,
                    "sentence": hit.sentence,
                    "sentence_text": sentence.text,
                    "sentence_start": sentence.start,
                }
            )
    columns = [
        "id",
        "category",
        "term",
        "term_key",
        "voice",
        "start",
        "end",
        "sentence",
        "sentence_text",
        "sentence_start",
    ]
    return pd.DataFrame(rows, columns=columns)


def passages_frame(result: OverlapResult) -> pd.DataFrame:
    """Every shared passage of every pair, with offsets into both texts."""
    rows = [
        {
            "a": p.a,
            "b": p.b,
            "text": s.text,
            "words": s.words,
            "a_start": s.a_start,
            "a_end": s.a_end,
            "b_start": s.b_start,
            "b_end": s.b_end,
        }
        for p in result.pairs
        for s in p.shared_passages
    ]
    return pd.DataFrame(rows, columns=["a", "b", "text", "words", "a_start", "a_end", "b_start", "b_end"])


def aligned_frame(result: OverlapResult) -> pd.DataFrame:
    """Every aligned sentence pair, with both sentences, offsets and score."""
    rows = [{"a": p.a, "b": p.b, **asdict(s)} for p in result.pairs for s in p.aligned_sentences]
    return pd.DataFrame(rows, columns=["a", "b", "a_text", "b_text", "a_start", "a_end", "b_start", "b_end", "score"])


def source_spans_frame(corpus: CorpusSources) -> pd.DataFrame:
    """Where each source stands in each text: its mentions and its quotations."""
    rows = []
    for article_id, sources in corpus.articles.items():
        for source in sources:
            for mention in source.mentions:
                rows.append(
                    {
                        "id": article_id,
                        "source": source.name,
                        "type": source.type,
                        "kind": "mention",
                        "start": mention.start,
                        "end": mention.end,
                    }
                )
            for quote in source.quotes:
                rows.append(
                    {
                        "id": article_id,
                        "source": source.name,
                        "type": source.type,
                        "kind": "quote",
                        "start": quote.quote_start,
                        "end": quote.quote_end,
                    }
                )
    return pd.DataFrame(rows, columns=["id", "source", "type", "kind", "start", "end"])


def shared_quotes_frame(corpus: CorpusSources) -> pd.DataFrame:
    """One row per quotation shared by two or more articles, and per article carrying it."""
    rows = [
        {
            "quotation": shared.text,
            "id": occurrence[0],
            "source": occurrence[1],
            "text": occurrence[2],
            "articles": len(shared.articles),
        }
        for shared in corpus.shared_quotations
        for occurrence in shared.occurrences
    ]
    return pd.DataFrame(rows, columns=["quotation", "id", "source", "text", "articles"])


def shared_sources_frame(corpus: CorpusSources) -> pd.DataFrame:
    rows = [
        {"source": source.name, "type": source.type, "articles": len(ids), "ids": list(ids)}
        for source, ids in corpus.shared_sources()
    ]
    frame = pd.DataFrame(rows, columns=["source", "type", "articles", "ids"])
    return frame.sort_values(["articles", "source"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class CorpusTables:
    """Everything the dashboard and the reports show of one scored corpus, as tables."""

    corpus: str
    lexicon_name: str
    lexicon_version: str
    articles: pd.DataFrame
    scores: pd.DataFrame
    lexicon: pd.DataFrame
    labels: pd.DataFrame
    hits: pd.DataFrame
    sentences: pd.DataFrame
    loaded: pd.DataFrame
    pairs: pd.DataFrame
    similarity: pd.DataFrame
    passages: pd.DataFrame
    aligned: pd.DataFrame
    sources: pd.DataFrame
    source_matrix: pd.DataFrame
    source_spans: pd.DataFrame
    shared_sources: pd.DataFrame
    shared_quotes: pd.DataFrame
    refusals: tuple[tuple[str, str], ...] = ()


def corpus_tables(
    corpus: str,
    scores: Sequence[ArticleScores],
    lexicon: Lexicon,
    overlap: OverlapResult,
    sources: CorpusSources,
    refusals: Sequence[tuple[str, str]] = (),
) -> CorpusTables:
    """All the tables of a scored corpus, built once."""
    return CorpusTables(
        corpus=corpus,
        lexicon_name=lexicon.name,
        lexicon_version=lexicon.version,
        articles=articles_frame(scores),
        scores=scores_frame(scores),
        lexicon=lexicon_frame(lexicon),
        labels=labels_frame(scores),
        hits=label_hits_frame(scores),
        sentences=sentences_frame(scores),
        loaded=loaded_frame(scores),
        pairs=pairs_frame(overlap),
        similarity=similarity_frame(overlap),
        passages=passages_frame(overlap),
        aligned=aligned_frame(overlap),
        sources=sources_frame(sources),
        source_matrix=source_matrix_frame(sources),
        source_spans=source_spans_frame(sources),
        shared_sources=shared_sources_frame(sources),
        shared_quotes=shared_quotes_frame(sources),
        refusals=tuple(refusals),
    )


NO_OUTLET = "Outlet not stated"
OTHER_OUTLETS = "Other outlets"


def by_outlet(
    tables: CorpusTables, ids: Sequence[str], limit: int | None = None
) -> tuple[CorpusTables, dict[str, list[str]]]:
    """The chosen articles grouped by outlet, as if each outlet were one article: label counts
    summed, scores averaged, similarity averaged over the article pairs compared. Articles with
    no stated outlet form their own group; above `limit` groups, the outlets with fewest articles
    are put together as "Other outlets". Returns the grouped tables and each group's article ids."""
    articles = tables.articles[tables.articles["id"].isin(ids)].copy()
    articles["group"] = articles["outlet"].fillna(NO_OUTLET)
    sizes = articles["group"].value_counts()
    if limit and len(sizes) > limit:
        kept = set(sizes.sort_values(ascending=False, kind="stable").index[: limit - 1])
        articles["group"] = articles["group"].where(articles["group"].isin(kept), OTHER_OUTLETS)
    members = {group: frame["id"].tolist() for group, frame in articles.groupby("group", sort=True)}
    group_of = dict(zip(articles["id"], articles["group"], strict=True))
    grouped_articles = pd.DataFrame(
        [
            {
                "id": group,
                "label": f"{group} ({len(found)} articles)",
                "articles": len(found),
                "title": group,
                "outlet": None if group in (NO_OUTLET, OTHER_OUTLETS) else group,
                "author": None,
                "published": None,
                "url": None,
                "words": int(articles.loc[articles["id"].isin(found), "words"].sum()),
                "text": "",
            }
            for group, found in members.items()
        ]
    )
    scores = tables.scores[tables.scores["id"].isin(ids)].copy()
    scores["id"] = scores["id"].map(group_of)
    numeric = scores.select_dtypes("number").columns
    grouped_scores = scores.groupby("id", sort=True)[list(numeric)].mean().reset_index()
    grouped_scores["outlet"] = grouped_scores["id"]
    labels = tables.labels[tables.labels["id"].isin(ids)].copy()
    labels["id"] = labels["id"].map(group_of)
    grouped_labels = (
        labels.groupby(["id", "target", "kind", "group"], sort=False)[["total", "own_voice", "quoted", "headline"]]
        .sum()
        .reset_index()
    )
    words = grouped_articles.set_index("id")["words"]
    grouped_labels["per_1k"] = (1000 * grouped_labels["total"] / grouped_labels["id"].map(words)).round(3)
    grouped_labels["title"] = grouped_labels["id"]
    for target in grouped_labels["target"].unique():
        own = grouped_labels[grouped_labels["target"] == target].pivot_table(
            index="id", columns="group", values="own_voice", aggfunc="sum"
        )
        dominant = own.idxmax(axis=1).where(own.max(axis=1) > 0)
        grouped_scores[f"dominant_{target}"] = grouped_scores["id"].map(dominant)
    pairs = tables.pairs[tables.pairs["a"].isin(ids) & tables.pairs["b"].isin(ids)].copy()
    pairs["a"], pairs["b"] = pairs["a"].map(group_of), pairs["b"].map(group_of)
    # Within an outlet: the mean similarity of its own articles' compared pairs, not 1.
    within = pairs[pairs["a"] == pairs["b"]].groupby("a")["similarity"].mean()
    pairs = pairs[pairs["a"] != pairs["b"]]
    first = pairs["a"] < pairs["b"]
    pairs["a"], pairs["b"] = pairs["a"].where(first, pairs["b"]), pairs["b"].where(first, pairs["a"])
    numeric_pairs = ["similarity", "a_in_b", "b_in_a", "shared_passages", "shared_words", "aligned_sentences"]
    grouped_pairs = pairs.groupby(["a", "b"], sort=True)[numeric_pairs].mean().reset_index()
    grouped_pairs["likely_borrower"], grouped_pairs["borrower_basis"] = None, None
    groups = list(members)
    similarity = pd.DataFrame(0.0, index=groups, columns=groups)
    for row in grouped_pairs.itertuples():
        similarity.loc[row.a, row.b] = similarity.loc[row.b, row.a] = row.similarity
    for group in groups:
        similarity.loc[group, group] = within.get(group, np.nan)
    sentences = tables.sentences[tables.sentences["id"].isin(ids)].copy()
    sentences["id"] = sentences["id"].map(group_of)
    loaded = tables.loaded[tables.loaded["id"].isin(ids)].copy()
    loaded["id"] = loaded["id"].map(group_of)
    matrix = tables.source_matrix[tables.source_matrix.index.isin(ids)]
    matrix = matrix.groupby(matrix.index.map(group_of)).sum()
    grouped = CorpusTables(
        **{
            **tables.__dict__,
            "articles": grouped_articles,
            "scores": grouped_scores,
            "labels": grouped_labels,
            "pairs": grouped_pairs,
            "similarity": similarity,
            "sentences": sentences,
            "loaded": loaded,
            "source_matrix": matrix,
        }
    )
    return grouped, members
