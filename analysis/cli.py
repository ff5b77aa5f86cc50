"""The command line: `python -m analysis score [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from analysis.corpus import read_articles
from analysis.lexicon import LexiconError, load_lexicon
from analysis.paths import SEEDS_DIR
from analysis.records import refusal_record, score_record
from analysis.scoring import score_articles
from analysis.tables import scores_frame

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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"score": run_score}
    return commands[args.command](args)
