"""A synthetic corpus that looks like news about the seeds' event, with planted reuse.

Sentences come from a word-bigram model of the five seed articles, so vocabulary, labels
and sentence lengths look like the seeds. A known share of articles copies a passage of
sentences verbatim from another article, and another share rewrites sentences of another
article (words swapped for near-synonyms, clauses dropped), so the benchmark can measure
whether the planted pairs are found. Everything is deterministic given `random_state`.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field

from analysis.corpus import Article
from analysis.paths import SEEDS_DIR
from analysis.readers import read_articles
from analysis.text import prepare

# Near-synonyms used to rewrite planted paraphrases; both directions.
SYNONYMS = {
    "captured": "seized",
    "city": "town",
    "announced": "said",
    "withdrawal": "pullback",
    "rebels": "fighters",
    "significant": "major",
    "strategic": "key",
    "forces": "troops",
    "government": "authorities",
    "offensive": "campaign",
    "control": "command",
    "advance": "push",
    "clashes": "fighting",
    "residents": "locals",
    "central": "main",
    "northern": "north",
    "regime": "government",
}
SYNONYMS |= {v: k for k, v in SYNONYMS.items()}
TITLE_WORDS = 9


@dataclass
class Planted:
    """Which article copied or rewrote which, and the sentences involved."""

    verbatim: list[tuple[str, str]] = field(default_factory=list)  # (source id, borrower id)
    paraphrase: list[tuple[str, str]] = field(default_factory=list)


def _sentences() -> list[list[str]]:
    found = []
    for article in read_articles([SEEDS_DIR]).articles:
        prepared = prepare(article.text)
        for sentence in prepared.sentences:
            if not sentence.is_heading and len(sentence.text.split()) >= 6:
                found.append(sentence.text.split())
    return found


class WordModel:
    """A word-bigram model of the seed sentences: news-like vocabulary and lengths, and new
    sentences rather than copies of the seeds' (a trigram model mostly re-creates them)."""

    def __init__(self, sentences: list[list[str]]):
        self.next: dict[str, list[str]] = defaultdict(list)
        self.lengths = [len(s) for s in sentences]
        for words in sentences:
            padded = ["<s>", *words, "</s>"]
            for a, b in itertools.pairwise(padded):
                self.next[a].append(b)

    def sentence(self, rng: random.Random) -> str:
        target = rng.choice(self.lengths)
        words = ["<s>"]
        while len(words) < target + 1:
            word = rng.choice(self.next.get(words[-1]) or ["</s>"])
            if word == "</s>":
                if len(words) - 1 >= min(8, target):
                    break
                words = ["<s>"]  # too short to be a sentence: start again
                continue
            words.append(word)
        text = " ".join(words[1:]).strip()
        text = text[0].upper() + text[1:] if text else "Rebels advanced."
        return text if text.endswith((".", "!", "?", '"', "\u201d")) else text + "."


def _paraphrase(sentence: str, rng: random.Random) -> str:
    words = sentence.rstrip(".").split()
    changed = [SYNONYMS.get(w.lower(), w) if rng.random() < 0.6 else w for w in words]
    if len(changed) > 10:  # drop a short stretch, as a rewrite trims a clause
        start = rng.randrange(3, len(changed) - 4)
        del changed[start : start + 2]
    text = " ".join(changed)
    return text[0].upper() + text[1:] + "."


def build_corpus(n: int, random_state: int = 0, reuse_share: float = 0.1) -> tuple[list[Article], Planted]:
    """`n` articles of 400-900 words; `reuse_share` of them copy from, and as many rewrite, another."""
    rng = random.Random(random_state)
    model = WordModel(_sentences())
    bodies: list[list[str]] = []
    for _ in range(n):
        target, words, sentences = rng.randint(400, 900), 0, []
        while words < target:
            sentence = model.sentence(rng)
            sentences.append(sentence)
            words += len(sentence.split())
        bodies.append(sentences)
    planted = Planted()
    order = list(range(n))
    rng.shuffle(order)
    planted_count = int(n * reuse_share)
    for borrower, source in zip(order[:planted_count], order[planted_count : 2 * planted_count], strict=False):
        start = rng.randrange(0, max(1, len(bodies[source]) - 3))
        bodies[borrower][2:2] = bodies[source][start : start + 3]
        planted.verbatim.append((f"a{source:05d}", f"a{borrower:05d}"))
    for borrower, source in zip(
        order[2 * planted_count : 3 * planted_count], order[3 * planted_count : 4 * planted_count], strict=False
    ):
        start = rng.randrange(0, max(1, len(bodies[source]) - 3))
        rewritten = [_paraphrase(s, rng) for s in bodies[source][start : start + 3]]
        bodies[borrower][4:4] = rewritten
        planted.paraphrase.append((f"a{source:05d}", f"a{borrower:05d}"))
    outlets = ["Wire A", "Daily B", "Channel C", "Post D", "Herald E", "Times F", "Review G", "Bulletin H"]
    articles = []
    for index, sentences in enumerate(bodies):
        title = " ".join(re.sub(r"[^\w\s'-]", "", sentences[0]).split()[:TITLE_WORDS]).title()
        articles.append(
            Article(
                id=f"a{index:05d}",
                title=title,
                text=title + "\n\n" + " ".join(sentences),
                outlet=outlets[index % len(outlets)],
            )
        )
    return articles, planted
