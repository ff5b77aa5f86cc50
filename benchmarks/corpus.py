"""Benchmark corpora with planted reuse: synthetic news about the seeds' event, or real news.

"seeds": sentences from a word-bigram model of the five seed articles, so vocabulary, labels
and sentence lengths look like the seeds (a small vocabulary: caches hit often). "news": runs of
consecutive sentences of the Propaganda Techniques Corpus's real news articles, read from the
evaluation data sets at run time and never copied in (a real vocabulary). A known share of articles copies a passage of
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


def _paraphrase(sentence: str, rng: random.Random, synonyms: dict[str, str] = SYNONYMS) -> str:
    words = sentence.rstrip(".").split()
    changed = [synonyms.get(w.lower(), w) if rng.random() < 0.6 else w for w in words]
    if len(changed) > 10:  # drop a short stretch, as a rewrite trims a clause
        start = rng.randrange(3, len(changed) - 4)
        del changed[start : start + 2]
    text = " ".join(changed)
    return text[0].upper() + text[1:] + "."


# Common news words and a plain alternative, for rewriting planted paraphrases of real sentences.
NEWS_SYNONYMS = {
    "said": "stated",
    "people": "individuals",
    "government": "administration",
    "president": "leader",
    "country": "nation",
    "police": "officers",
    "according": "referring",
    "officials": "authorities",
    "new": "fresh",
    "report": "account",
    "show": "reveal",
    "large": "big",
    "attack": "assault",
    "told": "informed",
    "state": "government",
    "also": "additionally",
    "because": "since",
    "many": "numerous",
    "however": "but",
    "children": "kids",
}
NEWS_SYNONYMS |= {v: k for k, v in NEWS_SYNONYMS.items()}
NEWS_RUN = 6  # sentences taken in a row from one real article: news articles are about one thing


def _news_articles() -> list[list[str]]:
    """The body sentences of the Propaganda Techniques Corpus articles (real news), read where the
    evaluation data sets are (never copied into the project); each article a list of sentences."""
    from evaluation.data import MissingData, eval_dir

    folder = eval_dir() / "ptc-train" / "train-articles"
    if not folder.exists():
        raise MissingData(f"{folder} not found: the real-text corpus needs the evaluation data sets")
    found = []
    for article in read_articles([folder]).articles:
        sentences = [s.text for s in prepare(article.text).sentences if not s.is_heading and len(s.text.split()) >= 6]
        if len(sentences) >= NEWS_RUN:
            found.append(sentences)
    return found


def _news_bodies(n: int, rng: random.Random) -> list[list[str]]:
    """`n` bodies of 400-900 words, each a few runs of consecutive sentences of real articles."""
    sources = _news_articles()
    bodies = []
    for _ in range(n):
        target, words, sentences = rng.randint(400, 900), 0, []
        while words < target:
            source = rng.choice(sources)
            start = rng.randrange(0, len(source) - NEWS_RUN + 1)
            for sentence in source[start : start + NEWS_RUN]:
                sentences.append(sentence)
                words += len(sentence.split())
        bodies.append(sentences)
    return bodies


def _model_bodies(n: int, rng: random.Random) -> list[list[str]]:
    """`n` bodies of 400-900 words of sentences from the word model of the seeds."""
    model = WordModel(_sentences())
    bodies: list[list[str]] = []
    for _ in range(n):
        target, words, sentences = rng.randint(400, 900), 0, []
        while words < target:
            sentence = model.sentence(rng)
            sentences.append(sentence)
            words += len(sentence.split())
        bodies.append(sentences)
    return bodies


CORPORA = ("seeds", "news")


def build_corpus(
    n: int, random_state: int = 0, reuse_share: float = 0.1, text: str = "seeds"
) -> tuple[list[Article], Planted]:
    """`n` articles of 400-900 words; `reuse_share` of them copy from, and as many rewrite, another.

    `text`: "seeds" (sentences of a word model of the five seeds: a small vocabulary) or "news"
    (runs of real news sentences from the Propaganda Techniques Corpus, read at run time)."""
    rng = random.Random(random_state)
    news = text == "news"
    bodies = _news_bodies(n, rng) if news else _model_bodies(n, rng)
    synonyms = NEWS_SYNONYMS if news else SYNONYMS
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
        rewritten = [_paraphrase(s, rng, synonyms) for s in bodies[source][start : start + 3]]
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
