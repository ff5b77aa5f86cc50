"""`python -m ui report`: the whole comparison as one HTML report, and every chart as image files.

It lives beside the figure builders, not in `analysis`, so that the analysis imports without
plotly, kaleido or streamlit; it reads its inputs exactly as `python -m analysis` does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from analysis.cli import add_inputs, read_inputs, run
from analysis.lexicon import DEFAULT_LEXICON, load_lexicon
from analysis.pipeline import analyse_corpus


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ui", description="Framelens charts and reports.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="the whole comparison as one HTML report, and every chart as images")
    add_inputs(report)
    report.add_argument("--lexicon", metavar="FILE", help="a framing lexicon (TOML); default: the bundled one")
    report.add_argument("--actor", metavar="ID", help="the actor the overview charts show (default: the first)")
    report.add_argument("--out", metavar="FILE", help="write the self-contained HTML report here")
    report.add_argument("--charts", metavar="DIR", help="write every chart as PNG (3x) and SVG, and its data as CSV")
    report.add_argument(
        "--width-cm",
        type=float,
        metavar="CM",
        help="lay the charts out for this printed width (8.5: a journal column, 17.5: a page) at 300 dpi, "
        "no text under 7 pt; default: for the screen",
    )
    return parser


def run_report(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ui.catalogue import Selection, all_charts, scorecard
    from ui.export import browser_available, chart_files, provenance, report_html
    from ui.printing import PRINT_WIDTHS_CM, print_width

    if not args.out and not args.charts:
        print("error: give --out FILE, --charts DIR or both", file=sys.stderr)
        return 2
    if args.width_cm is not None and not 4 <= args.width_cm <= 40:
        print("error: --width-cm takes a printed width from 4 to 40 cm (8.5: a column, 17.5: a page)", file=sys.stderr)
        return 2
    lexicon = load_lexicon(args.lexicon)
    articles = read_inputs(args).articles
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

    name = ", ".join(args.collection or []) or "articles"
    _, tables = analyse_corpus(articles, lexicon, corpus=name, progress=advance)
    bar.update(bar.total - bar.n)
    bar.close()
    selection = Selection(tables, tables.articles["id"].tolist(), args.actor or actors[0])
    charts = [*all_charts(selection), *_comparisons(selection)]
    lexicon_file = Path(args.lexicon) if args.lexicon else DEFAULT_LEXICON
    origin = replace(provenance(selection), lexicon_toml=lexicon_file.read_text(encoding="utf-8"))
    if args.out:
        Path(args.out).write_text(report_html(selection, charts, origin, scorecard(selection)), encoding="utf-8")
        print(f"report: {args.out}")
    if args.charts:
        ready, reason = browser_available()
        folder = Path(args.charts)
        folder.mkdir(parents=True, exist_ok=True)
        wider = []
        for number, chart in enumerate(tqdm(charts, desc="Charts", unit="chart", file=sys.stderr), start=1):
            if args.width_cm and print_width(chart.figure, args.width_cm) > args.width_cm:
                wider.append(f"{number:02d} {chart.title}")
            for file_name, make in chart_files(chart, origin.note, args.width_cm).items():
                if file_name.endswith(".csv") or ready:
                    (folder / f"{number:02d}-{file_name}").write_bytes(make())
        for name in wider:
            print(
                f"note: {name} has too many panels side by side for {args.width_cm:g} cm; laid out for "
                f"{PRINT_WIDTHS_CM['page']:g} cm (a page)",
                file=sys.stderr,
            )
        print(f"charts: {folder}" + ("" if ready else f" (CSV only: {reason})"))
    return 0


def _comparisons(selection) -> list:
    """Outlets compared on loaded language and on the actor's legitimacy, when two or more outlets
    are stated (the charts the Compare page draws for these choices)."""
    from analysis.registry import LEGITIMACY, LOADED, for_actor
    from ui.catalogue import comparison, group_columns

    if "outlet" not in group_columns(selection):
        return []
    label = selection.tables.lexicon.set_index("target").loc[selection.actor, "target_label"]
    label = label if isinstance(label, str) else label.iloc[0]
    measures = (LOADED, for_actor(LEGITIMACY, selection.actor, label))
    found = [comparison(selection, "outlet", measure) for measure in measures]
    return [chart for chart, result in found if any(g.estimate is not None for g in result.groups)]


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv), {"report": run_report})
