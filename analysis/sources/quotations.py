"""Quotations that two or more articles carry, matched fuzzily (outlets trim and re-punctuate)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from analysis.sources.model import SharedQuotation, Source
from analysis.text import normalise


def _quote_words(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", normalise(text).lower()))


def _quote_candidates(texts: list[str], n: int = 3, share: float = 0.2, crowded: int = 200) -> set[tuple[int, int]]:
    """Pairs of quotations whose shared runs of `n` words make up at least `share` of the shorter
    one's runs: the only ones worth a fuzzy comparison.

    A trimmed or re-punctuated quotation keeps nearly all its word runs, and a changed word
    costs at most three, so quotations that still score 90 keep well over a fifth; a corpus of
    thousands of long quotations that share common phrases is not compared all against all.
    """
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    runs = []
    for position, text in enumerate(texts):
        words = text.split()
        grams = {tuple(words[k : k + n]) for k in range(max(1, len(words) - n + 1))}
        runs.append(len(grams))
        for gram in grams:
            index[gram].append(position)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        if 1 < len(members) <= crowded:
            shared.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    return {(a, b) for (a, b), count in shared.items() if count >= share * min(runs[a], runs[b])}


def shared_quotations(articles: dict[str, tuple[Source, ...]], threshold: float = 90.0) -> list[SharedQuotation]:
    """Quotations found in two or more articles, matched fuzzily (outlets trim and re-punctuate)."""
    items = [
        (article_id, source.name, c.quote, c.quote_start, c.quote_end, words)
        for article_id, sources in articles.items()
        for source in sources
        for c in source.quotes
        if c.kind == "quote" and c.quote is not None and c.quote_start is not None and c.quote_end is not None
        if len((words := _quote_words(c.quote)).split()) >= 3
    ]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _quote_candidates([item[5] for item in items]):
        same_article = items[i][0] == items[j][0]
        if not same_article and fuzz.partial_ratio(items[i][5], items[j][5], score_cutoff=threshold) >= threshold:
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    shared = []
    for members in groups.values():
        if len({items[i][0] for i in members}) > 1:
            occurrences = tuple(items[i][:5] for i in members)
            longest = max(occurrences, key=lambda o: len(o[2]))
            shared.append(SharedQuotation(longest[2], occurrences))
    return shared
