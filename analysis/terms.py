"""Finding a word or phrase in a corpus, and the terms that set one group of articles apart.

Search: a phrase matches case-insensitively on word boundaries, any whitespace between its
words; a word ending in `*` matches any ending ("terror*": terror, terrorist, terrorism). Every
hit keeps its character offsets.

Distinguishing terms: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
and Quinn 2008, "Fightin' words", Political Analysis 16(4), section 3.5), each group against all
the others. A term is counted once per article that uses it: words cluster within articles (a name
repeated through one story), and counting every use treats those repetitions as independent
evidence (on 372 real news articles of the PTC set with outlets assigned at random, counting uses
listed 100 "distinguishing" terms in every draw, counting articles 1 to 6). The prior is the whole
corpus's own count of each term (alpha_w = y_w, as tidylo and most implementations set it), which
shrinks rare terms towards no difference; a term is reported by its z-score (the log-odds
difference over its approximate standard deviation).

What says nothing about framing is set aside before counting: the outlets' own names (an outlet
names itself: "told Fox News", "a CNN poll"), matched in full whatever the case and, without
generic words such as "News" or "Daily", when capitalised ("Fox", not "fox"); and honorifics
("Mr", "Dr"), a house style rather than a choice of words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.statistics import MIN_GROUP_SIZE, bootstrap_interval

CONTEXT_CHARS = 70
MIN_COUNT = 5  # a term used in fewer articles of the whole corpus is not ranked
TOKEN = r"(?u)\b[^\W\d_][\w'\u2019-]*\b"  # words, with inner apostrophes and hyphens ("so-called")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame"})
# Words of an outlet's name that name no outlet by themselves ("Fox News" is also "Fox").
GENERIC_NAME_WORDS = frozenset({"the", "news", "daily", "online", "network", "channel", "tv", "media"})
NAME_MARK = "outletnamemark"  # stands where an outlet's name was, so no phrase spans it


@dataclass(frozen=True)
class Hit:
    id: str
    start: int
    end: int
    left: str
    match: str
    right: str


def phrase_pattern(query: str) -> re.Pattern | None:
    """The regular expression of a search phrase (see the module); None for an empty query."""
    parts = []
    for word in query.split():
        stem = word.rstrip("*")
        if not stem:
            continue
        piece = re.escape(stem) + (r"\w*" if word.endswith("*") else "")
        if stem[0].isalnum():
            piece = r"\b" + piece
        if word.endswith("*") or stem[-1].isalnum():
            piece += r"\b"
        parts.append(piece)
    return re.compile(r"\s+".join(parts), re.IGNORECASE) if parts else None


def search(
    texts: Mapping[str, str], query: str, context: int = CONTEXT_CHARS, starts: Mapping[str, int] | None = None
) -> list[Hit]:
    """Every occurrence of `query` in `texts` (id -> text), in corpus order, with its context;
    `starts` (id -> offset) leaves out what stands before an article's content (front matter)."""
    pattern = phrase_pattern(query)
    if pattern is None:
        return []
    hits = []
    for article_id, text in texts.items():
        for found in pattern.finditer(text, (starts or {}).get(article_id, 0)):
            start, end = found.span()
            hits.append(Hit(article_id, start, end, *around(text, start, end, context)))
    return hits


def around(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """The text before `start:end` (up to `context` characters), the span, and the text after,
    whitespace collapsed: a keyword-in-context row."""
    left = " ".join(text[max(0, start - context) : start].split())
    right = " ".join(text[end : end + context].split())
    return left, text[start:end], right


@dataclass(frozen=True)
class Term:
    group: str
    term: str
    z: float  # log-odds difference over its standard deviation: above 1.96 is unlikely by chance
    log_odds: float
    in_group: int  # articles of the group that use it
    in_rest: int  # other articles that use it
    group_share: float  # of the group's articles
    rest_share: float  # of all other articles


def without_names(texts: Sequence[str], outlets: Sequence[str]) -> list[str]:
    """`texts` with every outlet's name replaced by a mark (see the module)."""
    patterns = []
    for outlet in {o.strip() for o in outlets if o and o.strip()}:
        patterns.append(re.compile(r"\b" + r"\s+".join(map(re.escape, outlet.split())) + r"\b", re.IGNORECASE))
        short = [w for w in outlet.split() if w.lower() not in GENERIC_NAME_WORDS]
        if short and len(short) < len(outlet.split()):
            patterns.append(re.compile(r"\b" + r"\s+".join(map(re.escape, short)) + r"\b"))
    if not patterns:
        return list(texts)
    # Longest names first: "Fox News" before "Fox".
    patterns.sort(key=lambda p: -len(p.pattern))
    out = []
    for text in texts:
        for pattern in patterns:
            text = pattern.sub(NAME_MARK, text)
        out.append(text)
    return out


def distinguishing_terms(
    texts: Sequence[str],
    groups: Sequence[str],
    top: int = 25,
    min_count: int = MIN_COUNT,
    ngrams: tuple[int, int] = (1, 2),
    per_article: bool = True,
    outlets: Sequence[str] = (),
) -> list[Term]:
    """For each group, the `top` terms (words and two-word phrases) most over-used in its articles
    compared with all the others (see the module), with z above 1.96 only; `outlets`' names and
    honorifics set aside. `per_article=False` counts every use instead (Monroe et al.'s own
    counts; the evaluation's baseline)."""
    labels = np.asarray(groups)
    if len(set(labels)) < 2:
        return []
    texts = without_names(texts, outlets)
    from sklearn.feature_extraction.text import CountVectorizer  # here: a second to import, needed by search only

    vectorizer = CountVectorizer(lowercase=True, token_pattern=TOKEN, ngram_range=ngrams, binary=per_article)
    try:
        counts = vectorizer.fit_transform(texts).tocsc()
    except ValueError:  # no words at all
        return []
    totals = np.asarray(counts.sum(axis=0)).ravel().astype(float)
    set_aside = {NAME_MARK, *HONORIFICS}
    said = np.array([not set_aside & set(term.split()) for term in vectorizer.get_feature_names_out()])
    kept = (totals >= min_count) & said
    counts, totals = counts[:, kept], totals[kept]
    vocabulary = vectorizer.get_feature_names_out()[kept]
    if not len(vocabulary):
        return []
    alpha = totals  # the informative prior: each term's count in the whole corpus
    alpha_0 = alpha.sum()
    results = []
    for group in sorted(set(labels)):
        inside = labels == group
        y_i = np.asarray(counts[inside].sum(axis=0)).ravel().astype(float)
        y_j = totals - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        articles_i, articles_j = int(inside.sum()), int((~inside).sum())
        delta = np.log((y_i + alpha) / (n_i + alpha_0 - y_i - alpha)) - np.log(
            (y_j + alpha) / (n_j + alpha_0 - y_j - alpha)
        )
        z = delta / np.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
        for index in np.argsort(-z)[:top]:
            if z[index] < 1.96:
                break
            results.append(
                Term(
                    group=str(group),
                    term=str(vocabulary[index]),
                    z=round(float(z[index]), 2),
                    log_odds=round(float(delta[index]), 3),
                    in_group=int(y_i[index]),
                    in_rest=int(y_j[index]),
                    group_share=round(y_i[index] / articles_i, 3),
                    rest_share=round(y_j[index] / articles_j, 3),
                )
            )
    return results


@dataclass(frozen=True)
class GroupRate:
    group: str
    articles: int
    hits: int
    estimate: float | None  # mean of the articles' uses per 1,000 words
    ci_low: float | None
    ci_high: float | None


def rates_by_group(
    hits: Mapping[str, int], words: Mapping[str, int], groups: Mapping[str, str], seed: int = 0
) -> list[GroupRate]:
    """Uses per 1,000 words in each group (article id -> group): the mean of its articles' rates,
    with a 95% bootstrap interval over its articles (none below `MIN_GROUP_SIZE` articles)."""
    rng = np.random.default_rng(seed)
    members: dict[str, list[str]] = {}
    for article_id, group in groups.items():
        members.setdefault(group, []).append(article_id)
    found = []
    for group in sorted(members):
        ids = members[group]
        rates = [1000 * hits.get(i, 0) / words[i] for i in ids if words.get(i)]
        total = sum(hits.get(i, 0) for i in ids)
        if len(rates) < MIN_GROUP_SIZE:
            found.append(GroupRate(group, len(ids), total, None, None, None))
            continue
        low, high = bootstrap_interval(rates, rng)
        found.append(GroupRate(group, len(ids), total, round(float(np.mean(rates)), 3), round(low, 3), round(high, 3)))
    return found
