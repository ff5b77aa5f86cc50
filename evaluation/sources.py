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


def _text(root: Path, name: str) -> str:
    folder = root / "ptc-train" / "train-articles"
    if not folder.exists():
        raise MissingData(f"{folder} not found")
    path = folder / f"{name}.txt"
    return article_from_text(decode(path.read_bytes()), path.name).text


def _named(root: Path, name: str) -> list:
    return [s for s in article_sources(prepare(_text(root, name))) if s.named]


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


# The simple baseline: a run of capitalised words next to "said", "says", "told", "wrote" or
# "added", or after "said" or "according to".
_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*"
_BASELINE = re.compile(rf"({_NAME})\s+(?:said|says|told|wrote|added)\b|\b(?:said|says|according to)\s+({_NAME})")


def _rules(text: str) -> list[list[str]]:
    """Each named source the rules find, as its name and spellings."""
    return [[s.name, *s.aliases_seen] for s in article_sources(prepare(text)) if s.named]


def _baseline(text: str) -> list[list[str]]:
    """Each distinct name the simple baseline finds."""
    return [[name] for name in sorted({a or b for a, b in _BASELINE.findall(text)})]


def _words(names: list[str]) -> set[str]:
    """The hashed lowercase words of names, with and without a possessive."""
    words = {w.lower() for n in names for w in re.findall(r"[\w'\u2019-]+", n)}
    words |= {re.sub(r"['\u2019]s$", "", w) for w in words}
    return {name_key(w) for w in words}


def _interval(hits: int, n: int) -> list[float] | None:
    interval = wilson(hits, n)
    return [round(interval[0], 4), round(interval[1], 4)] if interval else None


def recall(root: Path, limit: int | None = None) -> dict[str, dict[str, dict]]:
    """Per sample and half, for the rules and the baseline: the coded items of whole articles
    found (recall), and the share of named sources found that name a coded item (precision,
    on the same articles; a generous one, as a name counts when it carries an item's word)."""
    with RECALL.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    articles = sorted({row["article"] for row in rows})[:limit]
    coded: dict[str, dict[str, set[str]]] = {name: defaultdict(set) for name in articles}
    where = {row["article"]: (row["sample"], row["half"]) for row in rows}
    for row in rows:
        if row["item"] and row["article"] in coded:
            coded[row["article"]][row["item"]].add(row["word_sha1"])
    result: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for method, finder in (("rules", _rules), ("baseline", _baseline)):
        tally: dict[tuple[str, str], list[int]] = defaultdict(
            lambda: [0, 0, 0, 0]
        )  # items, found, outputs, outputs naming an item
        for name in articles:
            outputs = [_words(names) for names in finder(_text(root, name))]
            items = list(coded[name].values())
            every: set[str] = set().union(*items) if items else set()
            counts = tally[where[name]]
            counts[0] += len(items)
            counts[1] += sum(any(item & out for out in outputs) for item in items)
            counts[2] += len(outputs)
            counts[3] += sum(bool(out & every) for out in outputs)
        for (sample, half), (n, found, named, right) in tally.items():
            result[sample][half][method] = {
                "items": n,
                "found": found,
                "recall": round(found / n, 4) if n else None,
                "recall_ci95": _interval(found, n),
                "named_sources": named,
                "naming_a_coded_source": right,
                "precision": round(right / named, 4) if named else None,
                "precision_ci95": _interval(right, named),
            }
    return {sample: dict(halves) for sample, halves in result.items()}


def _share(correct: int, n: int) -> dict:
    return {
        "n": n,
        "correct": correct,
        "precision": round(correct / n, 4) if n else None,
        "ci95": _interval(correct, n),
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
