"""The command line: `python -m analysis score|overlap|sources|compare|validate|import ...`

Charts and the HTML report: `python -m ui report`.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from functools import partial
from pathlib import Path

import orjson
import pandas as pd

from analysis.corpus import READABILITY_NOTE, Article, ReadResult
from analysis.lexicon import Lexicon, LexiconError, known_lexicons, load_lexicon
from analysis.method import run_record, run_stamp
from analysis.overlap import MIN_PASSAGE_WORDS, compare
from analysis.overlap.compare import STAGES
from analysis.paths import SEEDS_DIR
from analysis.pipeline import Keep, Progress, comparable_documents, score_all
from analysis.readers import FIELDS, SUPPORTED, read_articles, read_in_parts
from analysis.records import (
    comparison_record,
    pair_record,
    refusal_record,
    reprint_records,
    score_record,
    sources_record,
)
from analysis.registry import LOADED, chosen
from analysis.results import keep_scores
from analysis.safe_csv import safe_csv
from analysis.sentence_model import SentenceModel, score_inputs, sentence_inputs
from analysis.sentence_model import load_model as load_sentence_model
from analysis.sources import corpus_sources
from analysis.statistics import MIN_GROUP_SIZE, compare_groups, compare_within
from analysis.store import Store, StoreError, StoreUnavailable
from analysis.tables import pairs_frame, records_frame, sources_frame
from analysis.tables.scores import label_hits_frame, loaded_frame, sentences_frame
from analysis.tone import load_loaded_words
from analysis.validation import WHAT, SheetError, candidates, read_sheet, sample, sheet_csv, validation_report
from analysis.validation.report import validation_record, validation_text

FORMATS = ("table", "csv", "json")


def _map_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"table column for a field ({', '.join(FIELDS)})",
    )


def add_inputs(command: argparse.ArgumentParser) -> None:
    """PATH ... or --collection NAME: what a command reads."""
    command.add_argument("paths", nargs="*", metavar="PATH", help=f"files or folders ({', '.join(SUPPORTED)})")
    command.add_argument(
        "--collection", action="append", metavar="NAME", help="a stored collection (repeatable); 'seeds' is built in"
    )
    command.add_argument("--db", metavar="FILE", help="the collections database (default: FRAMELENS_DB or data/)")
    _map_option(command)


def add_engine(command: argparse.ArgumentParser) -> None:
    """--engine, --scheduler, --dask-workers and --parquet: where the work runs, where results go."""
    command.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="score (and find candidate pairs) on this machine's cores (default) or on a Dask cluster",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler (tcp://host:8786); default: a cluster on this machine",
    )
    command.add_argument(
        "--dask-workers", type=int, metavar="N", help="worker processes of the cluster on this machine (default: cores)"
    )
    command.add_argument("--parquet", metavar="FOLDER", help="also write the results as Parquet files into FOLDER")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Framelens: compare how outlets report one event."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser("score", help="framing, tone and readability of each article")
    add_inputs(score)
    score.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    score.add_argument("--format", choices=FORMATS, default="table")
    score.add_argument(
        "--sentences",
        action="store_true",
        help="one row per sentence: offsets, text, voice, headline, tone, the sentence model's loaded_score "
        "and flag, and the words behind it",
    )
    add_engine(score)

    overlap = commands.add_parser("overlap", help="shared passages, containment and aligned sentences per pair")
    add_inputs(overlap)
    overlap.add_argument("--min-words", type=int, default=MIN_PASSAGE_WORDS, help="shortest shared passage (words)")
    overlap.add_argument(
        "--boilerplate", type=int, metavar="K", help="set aside passages found in K or more articles (boilerplate)"
    )
    overlap.add_argument(
        "--align",
        choices=("meaning", "words"),
        default="meaning",
        help="align sentences by words and meaning (default) or by shared words alone",
    )
    overlap.add_argument("--format", choices=FORMATS, default="table")
    add_engine(overlap)

    sources = commands.add_parser("sources", help="who each article quotes or cites, and what articles share")
    add_inputs(sources)
    sources.add_argument("--format", choices=FORMATS, default="table")

    compare = commands.add_parser("compare", help="compare groups of articles on one measure, with intervals and tests")
    add_inputs(compare)
    compare.add_argument(
        "--by", required=True, metavar="COLUMN", help="group by outlet, author, date or any other stated column"
    )
    compare.add_argument(
        "--measure",
        required=True,
        metavar="KEY",
        help=f"a dotted numeric key of the score JSON, e.g. {LOADED.path}, legitimacy.armed_opposition",
    )
    compare.add_argument(
        "--within",
        metavar="COLUMN",
        help="compare within the values of this column (an event or story id): each pair on the events both "
        "covered, tested by shuffling groups within each event",
    )
    compare.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    compare.add_argument("--seed", type=int, default=0, help="seed of the resampling (same seed, same numbers)")
    compare.add_argument("--format", choices=FORMATS, default="table")

    validate = commands.add_parser("validate", help="coding sheets for a human coder, and how far the tool agrees")
    steps = validate.add_subparsers(dest="step", required=True)
    draw = steps.add_parser("sample", help="a stratified random sample of hits or sentences to code")
    add_inputs(draw)
    draw.add_argument("--what", choices=WHAT, required=True, help="label hits, loaded-language hits or sentences")
    draw.add_argument("--n", type=int, default=50, help="items in the sheet (default 50)")
    draw.add_argument("--seed", type=int, default=1, help="the same seed draws the same sheet")
    draw.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    draw.add_argument("--out", metavar="SHEET.csv", help="where to write the sheet (default: standard output)")
    judge = steps.add_parser("report", help="precision, recall and agreement from coded sheets")
    judge.add_argument("sheet", metavar="SHEET.csv", help="a coded sheet (`correct` filled with 1 or 0)")
    judge.add_argument("second", nargs="?", metavar="SECOND_CODER.csv", help="the same sheet coded by another coder")
    judge.add_argument("--format", choices=("table", "json"), default="table")

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


# Commands that print no readability figure: a note about readability would say nothing to them.
WITHOUT_READABILITY = frozenset({"overlap", "sources"})


def _report(result: ReadResult, command: str = "") -> None:
    """Each refused file or row with its reason, and each note that concerns `command`, on stderr."""
    for refusal in result.refusals:
        print(f"refused {refusal.id}: {refusal.reason}", file=sys.stderr)
    for note in result.notes:
        if command in WITHOUT_READABILITY and READABILITY_NOTE in note:
            continue
        print(f"note: {note}", file=sys.stderr)


def read_inputs(args: argparse.Namespace) -> ReadResult:
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
    _report(result, args.command)
    return result


def _table(frame: pd.DataFrame) -> str:
    """A compact table: per actor its main label and legitimacy index, then tone and readability."""
    columns = {"id": "article", "words": "words"}
    for column in frame.columns:
        if column.startswith(("dominant_", "legitimacy_")) and not frame[column].isna().all():
            kind, _, target = column.partition("_")
            columns[column] = f"{target} {'label' if kind == 'dominant' else 'index'}"
    columns.update({m.column: m.short for m in chosen("table") if m.column})
    table = frame[list(columns)].rename(columns=columns)
    return table.to_string(index=False, float_format=lambda x: f"{x:.2f}")


JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
JSON_BATCH = 500  # list items written at once


def print_json(value: object) -> None:
    """Indented JSON on stdout, as json.dumps(indent=2) writes it, by orjson and as bytes: the
    standard library indents in pure Python, and a 60 MB text decoded only to be encoded again
    cost another half second at 10,000 articles.

    A dict is written key by key, and a list or iterator in it item by item (`json_pieces`): the
    pairs of 10,000 articles are 400 MB of JSON, made whole and copied once more they were the
    command's peak of memory; an iterator of records is never held whole at all."""
    binary = getattr(sys.stdout, "buffer", None)
    write = binary.write if binary is not None else lambda data: sys.stdout.write(data.decode())
    sys.stdout.flush()
    for piece in json_pieces(value):
        write(piece)
    write(b"\n")
    (binary or sys.stdout).flush()


def json_pieces(value: object) -> Iterator[bytes]:
    """`orjson.dumps(value, option=JSON_OPTIONS)` in pieces, byte for byte (JSON strings hold no
    raw line break, so an item dumped alone is indented by inserting spaces after each one)."""
    if not isinstance(value, dict) or not value or not all(isinstance(key, str) for key in value):
        yield orjson.dumps(value, option=JSON_OPTIONS)
        return
    yield b"{\n"
    for number, (key, item) in enumerate(value.items()):
        yield (b",\n" if number else b"") + b"  " + orjson.dumps(key) + b": "
        if isinstance(item, list | Iterator):
            yield from _list_pieces(item)
        else:
            yield orjson.dumps(item, option=JSON_OPTIONS).replace(b"\n", b"\n  ")
    yield b"\n}"


def _list_pieces(items: Iterable) -> Iterator[bytes]:
    """A list at the second level of `json_pieces`, `JSON_BATCH` items at a time."""
    started, items = False, iter(items)
    while batch := list(itertools.islice(items, JSON_BATCH)):
        dumped = (b"    " + orjson.dumps(item, option=JSON_OPTIONS).replace(b"\n", b"\n    ") for item in batch)
        yield (b",\n" if started else b"[\n") + b",\n".join(dumped)
        started = True
    yield b"\n  ]" if started else b"[]"


def run_of(args: argparse.Namespace) -> dict:
    """How this run's output was made (`analysis.method.run_record`): the command, its options and
    the method record, which every JSON output holds under `framelens` and every CSV names in a
    `framelens_method` column."""
    command = " ".join(filter(None, (args.command, getattr(args, "step", None))))
    options = {k: v for k, v in vars(args).items() if k not in ("command", "step", "format")}
    return run_record(command, options)


def with_run(frame: pd.DataFrame, run: dict) -> pd.DataFrame:
    """A CSV's rows, each naming the run that made it (rows of several runs can be told apart)."""
    return frame.assign(framelens_method=run_stamp(run))


def _emit(fmt: str, run: dict, key: str, records, frame: pd.DataFrame, table: str | None = None) -> None:
    """JSON (`records` under `key`, beside the run record), CSV (the frame, naming the run) or a table."""
    if fmt == "json":
        print_json({"framelens": run, key: records})
    elif fmt == "csv":  # cells that a spreadsheet would run as formulas are made text
        print(safe_csv(with_run(frame, run)).decode("utf-8"), end="")
    else:
        print(table or frame.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


@contextmanager
def progress_bar(description: str, total: int | None, unit: str = "article") -> Iterator[Progress]:
    """A progress bar on stderr (a terminal), shown only once the work has taken a second."""
    from tqdm import tqdm

    quiet = not sys.stderr.isatty()  # a log file gets no bar: its redraws would fill it
    with tqdm(total=total, desc=description, unit=unit, file=sys.stderr, delay=1.0, leave=False, disable=quiet) as bar:
        yield lambda done, _total, _step: bar.update(done - bar.n)


def _writable_folder(folder: str) -> None:
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--parquet {folder}: the folder cannot be made ({error.strerror or error})") from None
    if not os.access(path, os.W_OK):
        raise UsageError(f"--parquet {folder}: the folder cannot be written to")


@contextmanager
def engine(args: argparse.Namespace) -> Iterator[object | None]:
    """A Dask client when `--engine dask` was asked for, else None (this machine's cores). A
    `--parquet` folder that cannot be written is refused first, before any work is done."""
    if getattr(args, "parquet", None):
        _writable_folder(args.parquet)
    if getattr(args, "engine", "local") != "dask":
        if getattr(args, "scheduler", None):
            raise UsageError("--scheduler needs --engine dask")
        yield None
        return
    from analysis.cluster import dask_client

    try:
        with dask_client(args.scheduler, args.dask_workers) as client:
            yield client
    except OSError as error:  # no scheduler at that address, a port refused
        raise UsageError(f"the Dask scheduler {args.scheduler or '(local)'} could not be reached: {error}") from None


def scored(
    args: argparse.Namespace,
    articles: Sequence[Article],
    lexicon: Lexicon,
    client: object | None = None,
    keep: Keep | None = None,
) -> list:
    """The articles scored as the app scores them: on every core (or on the Dask cluster of
    `client`), from the database's cache of scores by content and lexicon where the same text was
    scored before (and into it). `sources` takes its prepared texts from here too, so a second run
    reads them back; `overlap` prepares its own on every core (`comparable_documents`), in less time
    than scoring or reading back the scores would take."""
    store = Store(args.db)
    scorer = None
    if client is not None:
        from analysis.cluster import DaskScorer

        scorer = DaskScorer(client)
    with progress_bar("Scoring", len(articles)) as advance:
        scores = score_all(
            articles, lexicon, store=None if store.problem else store, progress=advance, scorer=scorer, keep=keep
        )
    # The scores live until the command ends and hold no reference cycles: the collector need not
    # walk their millions of objects again each time the output's records pile up (at 10,000
    # articles that walking took longer than building the records).
    gc.freeze()
    return scores


def run_score(args: argparse.Namespace) -> int:
    try:
        lexicon = load_lexicon(args.lexicon)
    except LexiconError as error:
        print(f"error: lexicon {args.lexicon}: {error}", file=sys.stderr)
        return 2
    result = read_inputs(args)
    # The Parquet file holds the whole scores; the printed forms need only each article's record,
    # which the workers then make and send back instead.
    model = load_sentence_model() if args.sentences else None
    if args.sentences and model is None:
        raise UsageError("no sentence model is installed: train one with python -m evaluation train")
    with engine(args) as client:
        full = args.parquet or args.sentences
        scores = scored(args, result.articles, lexicon, client, keep=None if full else score_record)
    run = run_of(args)
    if model is not None:
        return _print_sentences(args.format, run, scores, model)
    if args.parquet and scores:
        from analysis.results import write_scores

        try:
            print(f"wrote {write_scores(args.parquet, scores, lexicon, run)}", file=sys.stderr)
        except OSError as error:  # the disk filled, say: the results are still printed below
            print(f"error: --parquet {args.parquet}: {error.strerror or error}", file=sys.stderr)
    records = [score_record(s) for s in scores] if args.parquet else scores
    if args.format == "json":  # the records alone: no table to build
        print_json({"framelens": run, "articles": records + [refusal_record(r) for r in result.refusals]})
    elif records:
        frame = records_frame(records)
        _emit(args.format, run, "articles", records, frame, _table(frame) if args.format == "table" else None)
    return 0 if scores else 1


SENTENCE_COLUMNS = [
    "article",
    "index",
    "start",
    "end",
    "text",
    "voice",
    "headline",
    "tone",
    "loaded_score",
    "loaded",
    "evidence",
]


def sentence_rows(scores: Sequence, model: SentenceModel) -> list[dict]:
    """One row per sentence of every scored article (see `--sentences`)."""
    rows = []
    for item in scores:
        sentences = item.prepared.sentences
        judged = score_inputs(model, sentence_inputs(item.prepared, item.tone.loaded))
        for sentence, tone, judgement in zip(sentences, item.tone.sentences, judged, strict=True):
            rows.append(
                {
                    "article": item.article.id,
                    "index": sentence.index,
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": sentence.text,
                    "voice": sentence.voice,
                    "headline": sentence.in_headline,
                    "tone": tone.compound,
                    "loaded_score": judgement.probability,
                    # A section heading ("Deep Look") is a label of the page, not a sentence of the story.
                    "loaded": judgement.loaded and not sentence.is_heading,
                    "evidence": list(judgement.evidence),
                }
            )
    return rows


def _print_sentences(fmt: str, run: dict, scores: Sequence, model: SentenceModel) -> int:
    run = {**run, "sentence_model": model.about}
    rows = sentence_rows(scores, model)
    if fmt == "json":
        print_json({"framelens": run, "sentences": rows})
        return 0 if rows else 1
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    frame["evidence"] = frame["evidence"].map("; ".join)
    if fmt == "csv":
        print(safe_csv(with_run(frame, run)).decode("utf-8"), end="")
    else:
        shown = frame.assign(text=frame["text"].str.slice(0, 60))
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    return 0 if rows else 1


def run_overlap(args: argparse.Namespace) -> int:
    if args.min_words < 2:
        print("error: --min-words must be at least 2", file=sys.stderr)
        return 2
    with engine(args) as client:
        articles = read_inputs(args).articles
        if len(articles) < 2:
            print("error: overlap needs at least two readable articles", file=sys.stderr)
            return 1
        search = None
        # Prepared on every core or worker, not scored: overlap needs the words and sentences alone.
        with progress_bar("Preparing", len(articles)) as advance:
            if client is None:
                documents = comparable_documents(articles, progress=advance)
            else:
                from analysis.cluster import DaskPairSearch, prepared_documents

                documents = prepared_documents(client, articles, progress=advance)
                search = partial(DaskPairSearch, client)
        gc.freeze()  # as the scores in `scored`: the collector need not walk them again
        with progress_bar("Comparing", STAGES, unit="stage") as advance:
            result = compare(
                documents,
                args.min_words,
                boilerplate_min_articles=args.boilerplate,
                by_meaning=args.align == "meaning",
                pair_search=search,
                progress=advance,
            )
    gc.freeze()  # and the result, for the records made from it
    run = run_of(args)
    if args.parquet:
        from analysis.results import write_overlap

        for path in write_overlap(args.parquet, result, run):
            print(f"wrote {path}", file=sys.stderr)
    if args.format == "json":  # the records alone: no table to build
        reprints = reprint_records(result, {d.id: d.outlet for d in documents})
        print_json({"framelens": run, "pairs": (pair_record(p) for p in result.pairs), **reprints})
    else:
        _emit(args.format, run, "pairs", [], pairs_frame(result))
    return 0


def run_sources(args: argparse.Namespace) -> int:
    articles = read_inputs(args).articles
    if not articles:
        return 1
    corpus = corpus_sources({s.article.id: s.prepared for s in scored(args, articles, load_lexicon())})
    if args.format == "json":
        print_json({"framelens": run_of(args), **sources_record(corpus)})
    else:
        _emit(args.format, run_of(args), "sources", None, sources_frame(corpus))
    return 0


def measure_value(record: dict, key: str) -> float | None:
    """The number at a dotted key of a score record; None when the article has none there."""
    value: object = record
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _numeric_keys(record: dict, prefix: str = "") -> list[str]:
    keys = []
    for name, value in record.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            keys += _numeric_keys(value, f"{key}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            keys.append(key)
    return keys


def run_compare(args: argparse.Namespace) -> int:
    lexicon = load_lexicon(args.lexicon)
    scores = scored(args, read_inputs(args).articles, lexicon)
    if not scores:
        print("error: no readable articles", file=sys.stderr)
        return 1
    records = [score_record(s) for s in scores]
    if not any(args.measure in _numeric_keys(r) for r in records):
        known = ", ".join(sorted(set(_numeric_keys(records[0])))[:30])
        raise UsageError(f"--measure {args.measure} is not a numeric key of the score JSON (for example: {known})")
    rows: list[tuple[str, str, float]] = []
    left_out = 0
    for item, record in zip(scores, records, strict=True):
        group, value = item.article.field(args.by), measure_value(record, args.measure)
        block = item.article.field(args.within) if args.within else ""
        if group is None or value is None or block is None:
            left_out += 1
            continue
        rows.append((group, block, value))
    if len({group for group, _, _ in rows}) < 2:
        raise UsageError(
            f"--by {args.by} gives {len({g for g, _, _ in rows})} group(s) with a value; a comparison needs two or more"
        )
    if args.within:
        result = compare_within(rows, args.measure, args.within, args.seed, left_out)
        if not result.pairs:
            raise UsageError(
                f"no two {args.by} values share {MIN_GROUP_SIZE} or more {args.within} values; a within-"
                f"{args.within} comparison needs pairs that covered the same {args.within}s"
            )
    else:
        values: dict[str, list[float]] = {}
        for group, _, value in rows:
            values.setdefault(group, []).append(value)
        result = compare_groups(values, args.measure, args.seed, left_out)
    if left_out:
        without = f", a {args.within}" if args.within else ""
        print(
            f"note: {left_out} article(s) without a {args.by}{without} or a {args.measure} were left out",
            file=sys.stderr,
        )
    record = {"framelens": run_of(args), **comparison_record(result, args.by)}
    groups = pd.DataFrame([asdict(g) for g in result.groups])
    pairs = pd.DataFrame([asdict(p) for p in result.pairs])
    if not args.within:  # blocks: only within-event comparisons have them
        pairs = pairs.drop(columns="blocks", errors="ignore")
    if args.format == "json":
        print_json(record)
    elif args.format == "csv":
        print(safe_csv(with_run(pairs, record["framelens"])).decode("utf-8"), end="")
    else:
        print(groups.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        print()
        print(pairs.to_string(index=False, float_format=lambda x: f"{x:.3f}") if len(pairs) else "no pairs to compare")
        for sentence in record["sentences"]:
            print(sentence)
    return 0


def run_import(args: argparse.Namespace) -> int:
    store = Store(args.db)
    with progress_bar("Importing", None) as advance:
        report, notes = store.import_parts(
            args.collection,
            read_in_parts(args.paths, _mapping(args.map)),
            lambda _part, so_far: advance(len(so_far.added) + len(so_far.duplicates) + len(so_far.refused), 0, ""),
            texts=any(
                Path(path).suffix.lower() == ".parquet" for path in args.paths
            ),  # results files' scores need them
        )
    print(f"{len(report.added)} added to '{report.collection}'")
    refused = {r.id for r in report.refused}
    files = [(p.name, p.read_bytes) for p in map(Path, args.paths) if p.is_file() and p.name not in refused]
    if not store.problem and report.added:
        saved = [text for _, _, text in store.lexicons()]
        for note in keep_scores(store, files, report.added, known_lexicons(saved)).notes():
            print(note)
    for dup in report.duplicates:
        print(f"duplicate {dup.article.id}: same text as {dup.existing_id} in '{dup.existing_collection}'")
    _report(ReadResult(refusals=tuple(report.refused), notes=tuple(notes)))
    if report.refused:
        print(f"{len(report.refused)} refused (reasons above)", file=sys.stderr)
    return 0 if report.added or report.duplicates else 1


def run_validate(args: argparse.Namespace) -> int:
    return _validate_sample(args) if args.step == "sample" else _validate_report(args)


def _validate_sample(args: argparse.Namespace) -> int:
    if args.n < 1:
        raise UsageError("--n must be at least 1")
    if args.out:
        _never_over_codes(args.out)
    lexicon = load_lexicon(args.lexicon)
    scores = scored(args, read_inputs(args).articles, lexicon)
    texts = {s.article.id: s.article.text for s in scores}
    frames = (label_hits_frame(scores), loaded_frame(scores), sentences_frame(scores))
    items = candidates(args.what, texts, *frames, load_loaded_words().flag_at)
    if not items:
        print(f"error: the articles hold no {args.what} to code", file=sys.stderr)
        return 1
    sheet = sample(items, args.n, args.seed)
    data = sheet_csv(sheet)
    if args.out:
        with open(args.out, "wb") as out:
            out.write(data)
    else:
        sys.stdout.write(data.decode("utf-8"))
    strata = len({row.group for row in sheet})
    where = f" to {args.out}" if args.out else ""
    print(f"{len(sheet)} of {len(items)} {args.what} in {strata} strata (seed {args.seed}){where}", file=sys.stderr)
    return 0


def _never_over_codes(path: str) -> None:
    """Refuse to write a new sample over a sheet that holds a coder's work (or over any other
    file), before anything is scored."""
    target = Path(path)
    if not target.exists():
        if not os.access(target.parent.resolve(), os.W_OK):
            raise UsageError(f"{path}: its folder cannot be written to")
        return
    try:
        rows = read_sheet(target.read_bytes())
    except (SheetError, OSError):
        raise UsageError(f"{path} exists and is not a coding sheet: choose another --out") from None
    coded = sum(r.correct is not None or r.voice_correct is not None for r in rows)
    if coded:
        raise UsageError(
            f"{path} holds {coded} code(s): a new sample would replace them. Choose another --out, or move the "
            "coded sheet aside first"
        )


def _read_sheet_file(path: str) -> list:
    try:
        with open(path, "rb") as sheet:
            data = sheet.read()
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror or error}") from None
    try:
        return read_sheet(data)
    except SheetError as error:
        raise UsageError(f"{path}: {error}") from None


def _validate_report(args: argparse.Namespace) -> int:
    rows = _read_sheet_file(args.sheet)
    second = _read_sheet_file(args.second) if args.second else None
    report = validation_report(rows, second)
    record = validation_record(report)
    if args.format == "json":
        print_json({"framelens": run_of(args), **record})
    else:
        print(validation_text(report))
    return 0 if report.coded else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(
        args,
        {
            "score": run_score,
            "overlap": run_overlap,
            "sources": run_sources,
            "import": run_import,
            "compare": run_compare,
            "validate": run_validate,
        },
    )


def run(args: argparse.Namespace, commands: dict) -> int:
    """Run the chosen command; every failure the user can fix is one line on stderr, never a traceback."""
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
