"""One measurement in its own process: `python -m benchmarks.measure KIND N`; prints one JSON line."""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.corpus import build_corpus


def peak_mb() -> float:
    """Peak resident memory of this process and its finished worker processes, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def score(n: int, text: str = "seeds") -> dict:
    from analysis.lexicon import load_lexicon
    from analysis.pipeline import score_all

    articles, _ = build_corpus(n, text=text)
    lexicon = load_lexicon()
    started = time.perf_counter()
    score_all(articles, lexicon)
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def baseline(n: int, text: str = "seeds") -> dict:
    """The naive way: every textstat formula called on its own, VADER on every sentence, and a
    regular expression per label form; then checks the pipeline gives the same numbers."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.lexicon import load_lexicon
    from analysis.readability import readability_textstat
    from analysis.scoring import score_article
    from analysis.text import prepare
    from analysis.tone import tune_for_news

    articles, _ = build_corpus(n, random_state=1, text=text)
    lexicon = load_lexicon()
    vader = tune_for_news(SentimentIntensityAnalyzer())  # the original analyser, not the faster one
    patterns = [
        re.compile(rf"\b{re.escape(form)}\b", re.IGNORECASE)
        for target in lexicon.targets
        for group in target.groups
        for form in group.forms
    ]
    readability_textstat("Warm up.")  # textstat's dictionary loaded before the clock starts, as for the pipeline
    started = time.perf_counter()
    naive = []
    for article in articles:
        prepared = prepare(article.text)
        tones = []
        for sentence in prepared.sentences:
            scores = vader.polarity_scores(prepared.normalised[sentence.start : sentence.end])
            tones.append(round((scores["compound"] + scores["pos"] - scores["neg"]) / 2, 4))
        counts = [len(p.findall(article.text)) for p in patterns]
        naive.append((readability_textstat(prepared.content), tones, counts))
    seconds = time.perf_counter() - started
    equal = True
    for article, (readability, tones, _) in zip(articles, naive, strict=True):
        scored = score_article(article, lexicon)
        equal &= scored.readability == readability
        equal &= [s.compound for s in scored.tone.sentences] == tones
    return {"seconds": seconds, "rate": n / seconds, "equal": bool(equal), "peak_mb": peak_mb()}


def overlap(n: int, by_meaning: bool = True, text: str = "seeds") -> dict:
    from analysis.overlap import Document, compare
    from analysis.text import prepare

    articles, planted = build_corpus(n, text=text)
    documents = [Document.from_prepared(a, prepare(a.text)) for a in articles]
    started = time.perf_counter()
    result = compare(documents, by_meaning=by_meaning)
    seconds = time.perf_counter() - started
    pairs = {(p.a, p.b): p for p in result.pairs}

    def found(kind: str, pair: tuple[str, str]) -> bool:
        item = pairs.get((min(pair), max(pair)))
        return bool(item and (item.shared_passages if kind == "verbatim" else item.aligned_sentences))

    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "pairs": len(result.pairs),
        "verbatim": len(planted.verbatim),
        "verbatim_found": sum(found("verbatim", p) for p in planted.verbatim),
        "paraphrase": len(planted.paraphrase),
        "paraphrase_found": sum(found("paraphrase", p) for p in planted.paraphrase),
    }


def dashboard(n: int) -> dict:
    from streamlit.testing.v1 import AppTest

    articles, _ = build_corpus(n)
    folder = Path(tempfile.mkdtemp(prefix="framelens-bench-"))
    corpus = folder / "corpus"
    corpus.mkdir()
    for article in articles:  # with their outlets, so that the pages group them as a researcher's would
        front = f"---\noutlet: {article.outlet}\n---\n"
        (corpus / f"{article.id}.md").write_text(front + article.text, encoding="utf-8")
    os.environ["FRAMELENS_CORPUS_DIR"] = str(corpus)
    os.environ["FRAMELENS_DB"] = str(folder / "bench.sqlite")
    app = str(Path(__file__).resolve().parent.parent / "dashboard.py")
    started = time.perf_counter()
    at = AppTest.from_file(app, default_timeout=3600).run()
    analyse = time.perf_counter() - started
    pages = {}
    for page in ("overview", "framing", "tone", "readability", "overlap", "article", "export"):
        # A new session each time: the analysis is cached, the page is drawn from scratch.
        at = AppTest.from_file(app, default_timeout=600)
        started = time.perf_counter()
        at.run()  # the Overview, the landing page
        if page != "overview":
            started = time.perf_counter()
            at.switch_page(f"app_pages/{page}.py").run()
        first = time.perf_counter() - started
        reruns = []
        for actor in ("syrian_government", "armed_opposition", "syrian_government"):
            started = time.perf_counter()
            at.selectbox(key="actor").set_value(actor).run()
            reruns.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
        pages[page] = (first, statistics.median(reruns))
    return {"analyse": analyse, "pages": pages, "peak_mb": peak_mb()}


def import_table(n: int) -> dict:
    """`python -m analysis import` of an `n`-row CSV of real news sentences (its articles as the
    overlap benchmarks build them) into a fresh database, as a user runs it: the seconds, the
    file's size and the importing process's peak memory (the table is built here, before it)."""
    import subprocess

    articles, _ = build_corpus(n, text="news", random_state=2)
    folder = Path(tempfile.mkdtemp(prefix="framelens-import-"))
    table = folder / "export.csv"
    with table.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["headline", "body", "source", "date"])
        writer.writerows([a.title, a.text, a.outlet, "2024-12-05"] for a in articles)
    del articles
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_PEAK, str(table)],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "FRAMELENS_DB": str(folder / "import.sqlite")},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak = int(done.stdout.strip().splitlines()[-1]) / 1024
    return {"seconds": seconds, "megabytes": table.stat().st_size / 1e6, "peak_mb": peak}


# `python -m analysis import TABLE`, then the importing process's own peak memory (kB): its
# VmHWM, which counts only its own pages. (getrusage's figure for a child also counts the pages
# of the parent it was started from, here the benchmark holding the corpus it just wrote.)
IMPORT_AND_PEAK = """
import contextlib, io, re, sys
from analysis.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["import", sys.argv[1], "--collection", "imported"])
print(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
"""


def overlap_by_words(n: int, text: str = "seeds") -> dict:
    """Overlap with sentences aligned by shared words alone (`--align words`): no meaning model."""
    return overlap(n, by_meaning=False, text=text)


def command_line(n: int, command: str = "score", text: str = "news", extra: tuple[str, ...] = ()) -> dict:
    """`python -m analysis score FOLDER` (or `overlap`) as a user runs it, on a fresh database (no
    cached scores): the articles written as text files with their outlet in front matter.
    `extra`: more options (the engine, say)."""
    import subprocess

    articles, _ = build_corpus(n, text=text)
    folder = Path(tempfile.mkdtemp(prefix="framelens-cli-"))
    corpus = folder / "corpus"
    corpus.mkdir()
    for article in articles:
        (corpus / f"{article.id}.md").write_text(
            f"---\noutlet: {article.outlet}\n---\n{article.text}", encoding="utf-8"
        )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "analysis", command, str(corpus), "--format", "json", *extra],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "FRAMELENS_DB": str(folder / "cli.sqlite")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=True,
    )
    del done
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def hostile(megabytes: int) -> dict:
    """Each hostile file of about `megabytes` MB read as the dashboard reads an upload (in a child
    process): the seconds it took, and what came of it."""
    from analysis.readers import read_uploads
    from benchmarks.hostile import BUILT_FILES, HOSTILE_FILES, dictionary_bomb

    size = megabytes * 1_000_000
    files = {name: make(size - 1_000) for name, make in {**HOSTILE_FILES, **BUILT_FILES}.items()}
    files["dictionary-bomb.parquet"] = dictionary_bomb()
    found: dict[str, dict[str, Any]] = {}
    for name, data in files.items():
        started = time.perf_counter()
        batch = read_uploads([(name, data)], isolated=True)
        seconds = time.perf_counter() - started
        outcome = f"{len(batch.articles)} article(s)" if batch.articles else "; ".join(r.reason for r in batch.refusals)
        found[name] = {"bytes": len(data), "seconds": round(seconds, 2), "outcome": outcome}
    return {"files": found, "slowest_seconds": max(f["seconds"] for f in found.values())}


def cache_read(n: int) -> dict:
    """Reading cached scores back: the typed decode the app uses, per article, beside the
    standard library's untyped `json.loads` of the same bytes (no checking, no dataclasses)."""
    from analysis.scoring import score_article, scores_from_json, scores_to_json

    articles, _ = build_corpus(n)
    cached = [(scores_to_json(score_article(a)), a) for a in articles]

    def per_article(read) -> float:
        started = time.perf_counter()
        for data, article in cached:
            read(data, article)
        return (time.perf_counter() - started) / len(cached) * 1000

    typed = statistics.median(per_article(scores_from_json) for _ in range(5))
    untyped = statistics.median(per_article(lambda data, _: json.loads(data)) for _ in range(5))
    return {"typed_ms": typed, "json_loads_ms": untyped, "ratio": untyped / typed}


KINDS: dict[str, Callable[[int], dict]] = {
    "cache-read": cache_read,
    "score": score,
    "baseline": baseline,
    "overlap": overlap,
    "overlap-words": overlap_by_words,
    "score-news": partial(score, text="news"),
    "baseline-news": partial(baseline, text="news"),
    "overlap-news": partial(overlap, text="news"),
    "overlap-words-news": partial(overlap_by_words, text="news"),
    "cli-score-news": partial(command_line, command="score", text="news"),
    "cli-score": partial(command_line, command="score", text="seeds"),
    "cli-score-dask1": partial(command_line, extra=("--engine", "dask", "--dask-workers", "1")),
    "cli-score-dask2": partial(command_line, extra=("--engine", "dask", "--dask-workers", "2")),
    "cli-overlap": partial(command_line, command="overlap"),
    "cli-overlap-dask2": partial(command_line, command="overlap", extra=("--engine", "dask", "--dask-workers", "2")),
    "dashboard": dashboard,
    "import": import_table,
    "hostile": hostile,
}

if __name__ == "__main__":
    print(json.dumps(KINDS[sys.argv[1]](int(sys.argv[2]))))
