"""The command line: `python -m analysis score [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import pandas as pd

from analysis.corpus import Article
from analysis.lexicon import LexiconError, load_lexicon
from analysis.overlap import MIN_PASSAGE_WORDS, compare_articles
from analysis.paths import SEEDS_DIR
from analysis.readers import read_articles
from analysis.records import pair_record, refusal_record, score_record, sources_record
from analysis.scoring import score_articles
from analysis.sources import corpus_sources
from analysis.tables import pairs_frame, scores_frame, sources_frame
from analysis.text import PreparedText, prepare

TABLE_COLUMNS = {
    "tone_sentence_mean": "tone",
    "loaded_per_1k": "loaded/1k",
    "flesch_kincaid_grade": "FK grade",
    "flesch_reading_ease": "Flesch",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Framelens: compare how outlets report one event."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser("score", help="framing, tone and readability of each article")
    score.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.txt, .md); default: the seeds")
    score.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    score.add_argument("--format", choices=("table", "csv", "json"), default="table")

    overlap = commands.add_parser("overlap", help="shared passages, containment and aligned sentences per pair")
    overlap.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.txt, .md); default: the seeds")
    overlap.add_argument("--min-words", type=int, default=MIN_PASSAGE_WORDS, help="shortest shared passage (words)")
    overlap.add_argument(
        "--boilerplate", type=int, metavar="K", help="set aside passages found in K or more articles (boilerplate)"
    )
    overlap.add_argument("--format", choices=("table", "csv", "json"), default="table")

    sources = commands.add_parser("sources", help="who each article quotes or cites, and what articles share")
    sources.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.txt, .md); default: the seeds")
    sources.add_argument("--format", choices=("table", "csv", "json"), default="table")
    return parser


def _table(frame) -> str:
    """A compact table: per actor its main label and legitimacy index, then tone and readability."""
    columns = {"id": "article", "words": "words"}
    for column in frame.columns:
        if column.startswith(("dominant_", "legitimacy_")) and not frame[column].isna().all():
            kind, _, target = column.partition("_")
            columns[column] = f"{target} {'label' if kind == 'dominant' else 'index'}"
    columns.update(TABLE_COLUMNS)
    table = frame[list(columns)].rename(columns=columns)
    return table.to_string(index=False, float_format=lambda x: f"{x:.2f}")


def run_score(args: argparse.Namespace) -> int:
    try:
        lexicon = load_lexicon(args.lexicon)
    except LexiconError as error:
        print(f"error: lexicon {args.lexicon}: {error}", file=sys.stderr)
        return 2
    result = read_articles(args.paths or [SEEDS_DIR])
    for refusal in result.refusals:
        print(f"refused {refusal.id}: {refusal.reason}", file=sys.stderr)
    scores = score_articles(result.articles, lexicon)
    if args.format == "json":
        records = [score_record(s) for s in scores] + [refusal_record(r) for r in result.refusals]
        print(json.dumps(records, indent=2, ensure_ascii=False))
    elif scores:
        frame = scores_frame(scores)
        print(
            frame.to_csv(index=False) if args.format == "csv" else _table(frame),
            end="" if args.format == "csv" else "\n",
        )
    return 0 if scores else 1


def _read(paths: list[str]) -> list[tuple[Article, PreparedText]]:
    """Articles with their prepared text; refusals reported on stderr."""
    result = read_articles(paths or [SEEDS_DIR])
    for refusal in result.refusals:
        print(f"refused {refusal.id}: {refusal.reason}", file=sys.stderr)
    return [(article, prepare(article.text)) for article in result.articles]


def _emit(fmt: str, records, frame: pd.DataFrame) -> None:
    if fmt == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        print(frame.to_csv(index=False), end="")
    else:
        print(frame.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


def run_overlap(args: argparse.Namespace) -> int:
    if args.min_words < 2:
        print("error: --min-words must be at least 2", file=sys.stderr)
        return 2
    articles = _read(args.paths)
    if len(articles) < 2:
        print("error: overlap needs at least two readable articles", file=sys.stderr)
        return 1
    result = compare_articles(articles, args.min_words, boilerplate_min_articles=args.boilerplate)
    _emit(args.format, [pair_record(p) for p in result.pairs], pairs_frame(result))
    return 0


def run_sources(args: argparse.Namespace) -> int:
    articles = _read(args.paths)
    if not articles:
        return 1
    corpus = corpus_sources({article.id: prepared for article, prepared in articles})
    _emit(args.format, sources_record(corpus), sources_frame(corpus))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"score": run_score, "overlap": run_overlap, "sources": run_sources}
    return commands[args.command](args)
