"""Who is cited: the named sources Framelens finds in real news, judged by hand.

No public data set labels who a news article cites, so a sample was coded here: named sources
(article, source) drawn at random from the extractor's output on the Propaganda Techniques
Corpus articles, each judged correct when the article cites that source (says, told, according
to, wrote, quoted...) in the sentence behind it under a name that is the source's and nothing
more ("said Ms. Broaddrick", "The GOP currently controls the Senate" and "Likewise" are wrong).
One coder, the author, judged each item without seeing which version of the extractor had
drawn it (samples of two versions shuffled together).

`coded/ptc_sources.csv` holds the judgements, without the corpus's text (its licence lets it be
used, not copied): the article, its half, the first 16 hex digits of the SHA-1 of the source's
name as found, the verdict, the sample and which version's output it was drawn from
(`previous`: the extractor before the rules of December 2026; `intermediate`: versions while
those rules were written, and looked at to write them; `current`: 80 items drawn at random from
this extractor's output after its last change, 23 of them judged before in earlier samples, the
other 57 judged then, knowing they came from this version). Dev half: even article ids.

Figures, per half: the precision of the `current` sample that this code still finds (with a
Wilson 95% interval), that of the `previous` sample (a reference: that code is gone), and how
many of the sources judged right in any sample this code no longer finds (a lower bound on
what the new rules lost).

Recall: `coded/ptc_sources_recall.csv` lists, for whole articles read by the same coder, every
named source the article cites (an item may be recognised by one of several words: "ratzinger"
or "benedict"; hashed). An item is found when a named source of the article carries one of its
words in its name or a spelling. The `tuning` articles were read, and then the rules changed to
find more of their sources; the `fresh` articles (eight, drawn at random afterwards, four per
half) were coded before the extractor's output on them was seen, and give the figure.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from pathlib import Path

from analysis.corpus import article_from_text, decode
from analysis.sources import article_sources
from analysis.text import prepare
from analysis.validation.agreement import wilson
from evaluation.data import MissingData

CODED = Path(__file__).parent / "coded" / "ptc_sources.csv"
RECALL = Path(__file__).parent / "coded" / "ptc_sources_recall.csv"


def name_key(name: str) -> str:
    """How a coded source is named in the sheet: no text of the corpus, only a hash of it."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def _coded() -> list[dict]:
    with CODED.open(encoding="utf-8") as handle:
        return [{**row, "correct": row["correct"] == "1"} for row in csv.DictReader(handle)]


def _named(root: Path, name: str) -> list:
    folder = root / "ptc-train" / "train-articles"
    if not folder.exists():
        raise MissingData(f"{folder} not found")
    path = folder / f"{name}.txt"
    article = article_from_text(decode(path.read_bytes()), path.name)
    return [s for s in article_sources(prepare(article.text)) if s.named]


def named_sources(root: Path, articles: list[str]) -> tuple[dict[str, set[str]], dict[str, int]]:
    """The hashed names and spellings of the named sources this code finds in each article, and
    how many named sources that is."""
    found, counts = {}, {}
    for name in articles:
        named = _named(root, name)
        # A source merged with another spelling keeps the coded one among its aliases.
        found[name] = {name_key(spelling) for s in named for spelling in (s.name, *s.aliases_seen)}
        counts[name] = len(named)
    return found, counts


def _name_words(sources: list) -> set[str]:
    """The hashed lowercase words of every name and spelling, with and without a possessive."""
    words = {w.lower() for s in sources for n in (s.name, *s.aliases_seen) for w in re.findall(r"[\w'\u2019-]+", n)}
    words |= {re.sub(r"['\u2019]s$", "", w) for w in words}
    return {name_key(w) for w in words}


def recall(root: Path, limit: int | None = None) -> dict[str, dict[str, dict]]:
    """Per sample and half: the items of the whole-article coding that this code finds."""
    with RECALL.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["item"]]
    articles = sorted({row["article"] for row in rows})[:limit]
    words = {name: _name_words(_named(root, name)) for name in articles}
    items: dict[tuple[str, str, str, str], bool] = {}
    for row in rows:
        if row["article"] in words:
            key = (row["sample"], row["half"], row["article"], row["item"])
            items[key] = items.get(key, False) or row["word_sha1"] in words[row["article"]]
    result: dict[str, dict[str, dict]] = defaultdict(dict)
    for sample in ("fresh", "tuning"):
        for half in ("dev", "held_out"):
            found = [ok for (s, h, _, _), ok in items.items() if s == sample and h == half]
            interval = wilson(sum(found), len(found))
            result[sample][half] = {
                "items": len(found),
                "found": sum(found),
                "recall": round(sum(found) / len(found), 4) if found else None,
                "ci95": [round(interval[0], 4), round(interval[1], 4)] if interval else None,
            }
    return result


def _share(correct: int, n: int) -> dict:
    interval = wilson(correct, n)
    return {
        "n": n,
        "correct": correct,
        "precision": round(correct / n, 4) if n else None,
        "ci95": [round(interval[0], 4), round(interval[1], 4)] if interval else None,
    }


def evaluate(root: Path, limit: int | None = None) -> dict:
    rows = _coded()
    articles = sorted({row["article"] for row in rows})[:limit]
    rows = [row for row in rows if row["article"] in set(articles)]
    found, counts = named_sources(root, articles)
    halves: dict[str, dict] = {}
    by_half = defaultdict(list)
    for row in rows:
        by_half[row["half"]].append(row)
    for half in ("dev", "held_out"):
        coded = by_half[half]
        current = [r for r in coded if r["drawn_from"] == "current"]
        still = [r for r in current if r["source_sha1"] in found[r["article"]]]
        previous = [r for r in coded if r["drawn_from"] == "previous"]
        correct = {(r["article"], r["source_sha1"]) for r in coded if r["correct"]}
        half_articles = {r["article"] for r in coded}
        halves[half] = {
            "current_sample": {**_share(sum(r["correct"] for r in still), len(still)), "drawn": len(current)},
            "previous_version_sample": _share(sum(r["correct"] for r in previous), len(previous)),
            "correct_sources_lost": sum(1 for a, key in correct if key not in found[a]),
            "correct_sources_coded": len(correct),
            "named_sources_found_in_coded_articles": sum(counts[a] for a in half_articles),
        }
    read = recall(root, limit)
    for half in ("dev", "held_out"):
        halves[half]["recall_fresh_articles"] = read["fresh"][half]
        halves[half]["recall_tuning_articles"] = read["tuning"][half]
    return {
        "dataset": f"Propaganda Techniques Corpus articles, {len(rows)} named sources coded by hand",
        "score": "named sources of the citation extractor",
        "halves": halves,
    }
