"""Terms a corpus uses for an actor, found from a few forms the researcher gives: words and
two-word phrases that fill the same slots ("the _ captured", "_ fighters", "_ said").

Each occurrence of a term is described by the word before it, the word after it, and the pair
("the _ captured"). A slot counts by how specific it is: "the _" surrounds most nouns and weighs
little, "_ fighters" few. A term's score is the cosine between its slot profile and the seed
forms' profile, both weighted by specificity (a distributional-similarity method in the spirit of
Lin 1998, *Automatic retrieval and clustering of similar words*), times n / (n + 5) for a term
used n times, since a rare term matches a slot or two by chance. Every occurrence keeps its
offsets, so a suggestion opens on its sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.text.stop_words import ENGLISH_STOP_WORDS
from analysis.text.words import normalise, word_spans

START, END = "[start]", "[end]"  # sentence edges, as slot words
MIN_COUNT = 3  # a term used fewer times is not suggested
MIN_SHARED_SLOTS = 2  # nor one sharing fewer distinct slots with the seed forms
MAX_EXAMPLES = 50
MAX_SENTENCES = 20_000  # a larger selection is read from a sample of its sentences (a few seconds)
SHRINK = 5  # uses at which a term's score counts half: rare terms match a slot or two by chance
_WORD = re.compile(r"[a-z][a-z'\-]+")


@dataclass(frozen=True)
class Suggestion:
    term: str
    score: float  # cosine of slot profiles with the seed forms, shrunk for rare terms; 0 to 1
    count: int
    articles: int
    per_outlet: dict[str, int]
    slots: tuple[str, ...]  # the shared slots that weigh most, as "the _ captured"
    examples: tuple[tuple[str, int, int], ...]  # (article id, start, end) of its uses


def _content(word: str) -> bool:
    return bool(_WORD.fullmatch(word)) and len(word) >= 3 and word not in ENGLISH_STOP_WORDS


def _sentences(texts: Mapping[str, str], sentences: pd.DataFrame) -> Iterable[tuple[str, list[tuple[str, int, int]]]]:
    """Each body sentence's words, lower-cased, with their offsets in the article (a seeded sample
    of `MAX_SENTENCES` in order when there are more: suggestions are for reading, not counting)."""
    body = sentences[~sentences["heading"].astype(bool)] if "heading" in sentences else sentences
    if len(body) > MAX_SENTENCES:
        body = body.sample(MAX_SENTENCES, random_state=0).sort_index()
    for row in body[["id", "start", "end"]].itertuples(index=False):
        text = normalise(texts[row.id])
        spans = word_spans(text, int(row.start), int(row.end))
        yield row.id, [(text[a:b].lower(), a, b) for a, b in spans]


def _slots(words: Sequence[tuple[str, int, int]], first: int, last: int) -> tuple[str, str, str]:
    """The slots of the words first..last (inclusive): before, after and the pair."""
    before = words[first - 1][0] if first > 0 else START
    after = words[last + 1][0] if last + 1 < len(words) else END
    return f"{before} _", f"_ {after}", f"{before} _ {after}"


def suggest_terms(
    texts: Mapping[str, str],
    sentences: pd.DataFrame,
    outlets: Mapping[str, str],
    forms: Sequence[str],
    known: Iterable[str] = (),
    top: int = 25,
) -> list[Suggestion]:
    """Terms used like `forms` in the sentences (`id`, `start`, `end`, optionally `heading`) of the
    articles `texts`, best first; terms in `known` (a lexicon's forms) and the forms themselves left out."""
    seeds = {tuple(f.lower().split()) for f in forms if f.strip()}
    left_out = {tuple(f.lower().split()) for f in known} | seeds
    seed_slots: Counter[str] = Counter()
    background: Counter[str] = Counter()
    profiles: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    counts: Counter[tuple[str, ...]] = Counter()
    articles: Counter[tuple[str, ...]] = Counter()
    last_article: dict[tuple[str, ...], str] = {}
    by_outlet: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    uses: dict[tuple[str, ...], list[tuple[str, int, int]]] = defaultdict(list)  # the first MAX_EXAMPLES
    longest = max((len(s) for s in seeds), default=1)
    positions = 0
    for article, words in _sentences(texts, sentences):
        for i in range(len(words)):
            positions += 1
            background.update(_slots(words, i, i))
            for n in range(1, max(2, longest) + 1):
                if i + n > len(words):
                    break
                term = tuple(w for w, _, _ in words[i : i + n])
                slots = _slots(words, i, i + n - 1)
                if term in seeds:
                    seed_slots.update(slots)
                elif n <= 2 and _content(term[0]) and _content(term[-1]) and term not in left_out:
                    if n == 2 and (term[0],) in seeds:  # "immigrants legal": a seed and the next phrase's word
                        continue
                    profiles[term].update(slots)
                    counts[term] += 1
                    by_outlet[term][outlets.get(article) or "not stated"] += 1
                    if last_article.get(term) != article:
                        last_article[term] = article
                        articles[term] += 1
                    if len(uses[term]) < MAX_EXAMPLES:
                        uses[term].append((article, words[i][1], words[i + n - 1][2]))
    if not seed_slots:
        return []
    weight = {slot: math.log((positions + 1) / (background[slot] + 1)) for slot in set(seed_slots) | set(background)}

    def vector(profile: Counter[str]) -> dict[str, float]:
        return {s: math.log1p(c) * weight.get(s, 0.0) for s, c in profile.items()}

    seed = vector(seed_slots)
    seed_norm = math.sqrt(sum(v * v for v in seed.values()))
    found = []
    for term, profile in profiles.items():
        if counts[term] < MIN_COUNT:
            continue
        shared = [s for s in profile if s in seed]
        if len(shared) < MIN_SHARED_SLOTS:
            continue
        mine = vector(profile)
        norm = math.sqrt(sum(v * v for v in mine.values()))
        if not norm:
            continue
        score = sum(mine[s] * seed[s] for s in shared) / (norm * seed_norm) * counts[term] / (counts[term] + SHRINK)
        strongest = sorted(shared, key=lambda s: -mine[s] * seed[s])[:3]
        found.append(
            Suggestion(
                " ".join(term),
                round(score, 4),
                counts[term],
                articles[term],
                dict(by_outlet[term].most_common()),
                tuple(strongest),
                tuple(uses[term]),
            )
        )
    found.sort(key=lambda s: (-s.score, -s.count, s.term))
    return found[:top]
