"""The command line: `python -m analysis score|overlap|sources|import ...`."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.corpus import ReadResult
from analysis.lexicon import LexiconError, load_lexicon
from analysis.overlap import MIN_PASSAGE_WORDS, compare_articles
from analysis.paths import SEEDS_DIR
from analysis.readers import FIELDS, SUPPORTED, read_articles
from analysis.records import pair_record, refusal_record, score_record, sources_record
from analysis.scoring import score_articles
from analysis.sources import corpus_sources
from analysis.store import Store, StoreError, StoreUnavailable
from analysis.tables import pairs_frame, scores_frame, sources_frame
from analysis.text import prepare

TABLE_COLUMNS = {
    "tone_sentence_mean": "tone",
    "loaded_per_1k": "loaded/1k",
    "flesch_kincaid_grade": "FK grade",
    "flesch_reading_ease": "Flesch",
}
FORMATS = ("table", "csv", "json")


def _map_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"table column for a field ({', '.join(FIELDS)})",
    )


def _inputs(command: argparse.ArgumentParser) -> None:
    """PATH ... or --collection NAME: what a command reads."""
    command.add_argument("paths", nargs="*", metavar="PATH", help=f"files or folders ({', '.join(SUPPORTED)})")
    command.add_argument(
        "--collection", action="append", metavar="NAME", help="a stored collection (repeatable); 'seeds' is built in"
    )
    command.add_argument("--db", metavar="FILE", help="the collections database (default: FRAMELENS_DB or data/)")
    _map_option(command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Framelens: compare how outlets report one event."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser("score", help="framing, tone and readability of each article")
    _inputs(score)
    score.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    score.add_argument("--format", choices=FORMATS, default="table")

    overlap = commands.add_parser("overlap", help="shared passages, containment and aligned sentences per pair")
    _inputs(overlap)
    overlap.add_argument("--min-words", type=int, default=MIN_PASSAGE_WORDS, help="shortest shared passage (words)")
    overlap.add_argument(
        "--boilerplate", type=int, metavar="K", help="set aside passages found in K or more articles (boilerplate)"
    )
    overlap.add_argument("--format", choices=FORMATS, default="table")

    sources = commands.add_parser("sources", help="who each article quotes or cites, and what articles share")
    _inputs(sources)
    sources.add_argument("--format", choices=FORMATS, default="table")

    report = commands.add_parser("report", help="the whole comparison as one HTML report, and every chart as images")
    _inputs(report)
    report.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    report.add_argument("--actor", metavar="ID", help="the actor the overview charts show (default: the first)")
    report.add_argument("--out", metavar="FILE", help="write the self-contained HTML report here")
    report.add_argument("--charts", metavar="DIR", help="write every chart as PNG (3x) and SVG, and its data as CSV")

    importer = commands.add_parser("import", help="add files to a named collection that persists")
    importer.add_argument("paths", nargs="+", metavar="PATH", help=f"files or folders ({', '.join(SUPPORTED)})")
    importer.add_argument("--collection", required=True, metavar="NAME", help="the collection to add to")
    importer.add_argument("--db", metavar="FILE", help="the collections database (default: FRAMELENS_DB or data/)")
    _map_option(importer)
    return parser


class UsageError(ValueError):
    """A command given options it cannot use: printed as one line, exit status 2."""


def _mapping(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        field, sep, column = item.partition("=")
        if not sep or field not in FIELDS or not column:
            raise UsageError(f"--map takes FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        mapping[field] = column
    return mapping


def _report(result: ReadResult) -> None:
    """Each refused file or row with its reason, and each note, on stderr."""
    for refusal in result.refusals:
        print(f"refused {refusal.id}: {refusal.reason}", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)


def _read(args: argparse.Namespace) -> ReadResult:
    """The articles a command works on (paths, collections, else the seeds); refusals on stderr."""
    result = ReadResult()
    if args.paths or not args.collection:
        result = read_articles(args.paths or [SEEDS_DIR], _mapping(args.map))
    if args.collection:
        store = Store(args.db)
        known = store.collections()
        stored = []
        for name in args.collection:
            if name not in known:
                if store.problem:
                    raise StoreUnavailable(store.problem)
                raise StoreError(f"no collection named '{name}' (collections: {', '.join(known)})")
            stored += store.articles(name)
        result = ReadResult((*result.articles, *stored), result.refusals, result.notes)
    _report(result)
    return result


def _table(frame: pd.DataFrame) -> str:
    """A compact table: per actor its main label and legitimacy index, then tone and readability."""
    columns = {"id": "article", "words": "words"}
    for column in frame.columns:
        if column.startswith(("dominant_", "legitimacy_")) and not frame[column].isna().all():
            kind, _, target = column.partition("_")
            columns[column] = f"{target} {'label' if kind == 'dominant' else 'index'}"
    columns.update(TABLE_COLUMNS)
    table = frame[list(columns)].rename(columns=columns)
    return table.to_string(index=False, float_format=lambda x: f"{x:.2f}")


def _emit(fmt: str, records, frame: pd.DataFrame, table: str | None = None) -> None:
    if fmt == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        print(frame.to_csv(index=False), end="")
    else:
        print(table or frame.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


def run_score(args: argparse.Namespace) -> int:
    try:
        lexicon = load_lexicon(args.lexicon)
    except LexiconError as error:
        print(f"error: lexicon {args.lexicon}: {error}", file=sys.stderr)
        return 2
    result = _read(args)
    scores = score_articles(result.articles, lexicon)
    records = [score_record(s) for s in scores] + [refusal_record(r) for r in result.refusals]
    if scores or args.format == "json":
        frame = scores_frame(scores)
        _emit(args.format, records, frame, _table(frame) if scores else None)
    return 0 if scores else 1


def run_overlap(args: argparse.Namespace) -> int:
    if args.min_words < 2:
        print("error: --min-words must be at least 2", file=sys.stderr)
        return 2
    articles = [(article, prepare(article.text)) for article in _read(args).articles]
    if len(articles) < 2:
        print("error: overlap needs at least two readable articles", file=sys.stderr)
        return 1
    result = compare_articles(articles, args.min_words, boilerplate_min_articles=args.boilerplate)
    _emit(args.format, [pair_record(p) for p in result.pairs], pairs_frame(result))
    return 0


def run_sources(args: argparse.Namespace) -> int:
    articles = _read(args).articles
    if not articles:
        return 1
    corpus = corpus_sources({article.id: prepare(article.text) for article in articles})
    _emit(args.format, sources_record(corpus), sources_frame(corpus))
    return 0


def run_import(args: argparse.Namespace) -> int:
    result = read_articles(args.paths, _mapping(args.map))
    report = Store(args.db).import_articles(args.collection, result.articles, result.refusals)
    print(f"{len(report.added)} added to '{report.collection}'")
    for dup in report.duplicates:
        print(f"duplicate {dup.article.id}: same text as {dup.existing_id} in '{dup.existing_collection}'")
    _report(ReadResult(refusals=tuple(report.refused), notes=result.notes))
    if report.refused:
        print(f"{len(report.refused)} refused (reasons above)", file=sys.stderr)
    return 0 if report.added or report.duplicates else 1


def _corpus_name(args: argparse.Namespace) -> str:
    names = [*(args.collection or []), *(Path(p).name for p in args.paths)]
    return ", ".join(names) or "seeds"


def run_report(args: argparse.Namespace) -> int:
    # The report needs the figure builders; they are loaded only for this command.
    from tqdm import tqdm

    from analysis.pipeline import analyse_corpus
    from ui.catalogue import Selection, all_charts, scorecard
    from ui.export import browser_available, chart_files, provenance, report_html

    if not args.out and not args.charts:
        print("error: give --out FILE, --charts DIR or both", file=sys.stderr)
        return 2
    try:
        lexicon = load_lexicon(args.lexicon)
    except LexiconError as error:
        print(f"error: lexicon {args.lexicon}: {error}", file=sys.stderr)
        return 2
    articles = _read(args).articles
    if not articles:
        print("error: no readable articles", file=sys.stderr)
        return 1
    actors = [t.id for t in lexicon.actors]
    if args.actor and args.actor not in actors:
        print(f"error: no actor '{args.actor}' in the lexicon (actors: {', '.join(actors)})", file=sys.stderr)
        return 2
    bar = tqdm(total=len(articles) + 2, desc="Analysing", unit="step", file=sys.stderr)

    def advance(done: int, total: int, step: str) -> None:
        bar.set_postfix_str(step[:40])
        bar.update(1)

    _, tables = analyse_corpus(
        articles, lexicon, corpus=", ".join(args.collection or []) or "articles", progress=advance
    )
    bar.update(bar.total - bar.n)
    bar.close()
    selection = Selection(tables, tables.articles["id"].tolist(), args.actor or actors[0])
    charts = all_charts(selection)
    origin = provenance(selection)
    if args.out:
        Path(args.out).write_text(report_html(selection, charts, origin, scorecard(selection)), encoding="utf-8")
        print(f"report: {args.out}")
    if args.charts:
        ready, reason = browser_available()
        folder = Path(args.charts)
        folder.mkdir(parents=True, exist_ok=True)
        for number, chart in enumerate(tqdm(charts, desc="Charts", unit="chart", file=sys.stderr), start=1):
            for name, make in chart_files(chart, origin.note).items():
                if name.endswith(".csv") or ready:
                    (folder / f"{number:02d}-{name}").write_bytes(make())
        print(f"charts: {folder}" + ("" if ready else f" (CSV only: {reason})"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {
        "score": run_score,
        "overlap": run_overlap,
        "sources": run_sources,
        "import": run_import,
        "report": run_report,
    }
    try:
        return commands[args.command](args)
    except (StoreError, UsageError, LexiconError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except sqlite3.Error as error:  # a database that broke while in use
        print(f"error: the collections database failed ({error})", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output (head, less) stopped reading: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (so the interpreter's final flush is quiet)
        return 0
    except Exception as error:
        if os.environ.get("FRAMELENS_DEBUG"):
            raise
        print(
            f"error: {type(error).__name__}: {error} (set FRAMELENS_DEBUG=1 to see where it happened)", file=sys.stderr
        )
        return 1
