"""`python -m benchmarks`: scoring, overlap, dashboard and import, timed on a synthetic corpus.

Each measurement runs in a fresh process (so its peak memory is its own) and is repeated;
the table shows medians. The naive baseline is timed on a sample of articles and compared
per article, and its numbers are checked against the pipeline's where both compute the same
thing (readability; VADER on each sentence).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).parent / "results.md"
PROJECT = Path(__file__).resolve().parent.parent


def _run(kind: str, n: int, extra: list[str] | None = None) -> dict:
    command = [sys.executable, "-m", "benchmarks.measure", kind, str(n), *(extra or [])]
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} {n} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB memory"
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"


def _news(args: argparse.Namespace) -> list[str]:
    """Scoring and overlap on real news text (the Propaganda Techniques Corpus's sentences, read
    from the evaluation data sets), in process and through the command line as a user runs it."""
    from evaluation.data import eval_dir

    if not (eval_dir() / "ptc-train").exists() or not (args.news_sizes or args.news_overlap_sizes):
        return ["", "## Real news text", "", "Not measured: the evaluation data sets are not beside the project."]
    lines = ["", "## Real news text", ""]
    lines += [
        "Articles of 400-900 words made of runs of six consecutive sentences of real news articles. "
        "`python -m analysis score FOLDER --format json` is timed as a user runs it, from a fresh database "
        "(no cached scores), start-up, reading the files and writing the JSON included.",
        "",
        "| articles | pipeline s | command line s | peak MB | baseline articles/s | pipeline ratio "
        "| command-line ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    baseline = [_run("baseline-news", args.baseline_sample) for _ in range(args.runs)]
    base_rate = _median(baseline, "rate")
    for n in args.news_sizes:
        inside = [_run("score-news", n) for _ in range(args.runs)]
        outside = [_run("cli-score-news", n) for _ in range(args.runs)]
        pipeline, command = _median(inside, "seconds"), _median(outside, "seconds")
        lines.append(
            f"| {n:,} | {pipeline:.1f} | {command:.1f} | {_median(outside, 'peak_mb'):.0f} | {base_rate:.0f} | "
            f"{n / pipeline / base_rate:.1f}x | {n / command / base_rate:.1f}x |"
        )
        print(lines[-1], flush=True)
    if args.news_overlap_sizes:
        lines += ["", *_overlap_rows(args.news_overlap_sizes, "-news", args.runs)]
    if args.news_cli_overlap_sizes:
        lines += [
            "",
            "`python -m analysis overlap FOLDER --format json` as a user runs it: start-up, reading and preparing "
            "the files on every core, the comparison and writing the JSON included.",
            "",
            "| articles | command line s | peak MB |",
            "|---:|---:|---:|",
        ]
        for n in args.news_cli_overlap_sizes:
            done = [_run("cli-overlap", n) for _ in range(args.runs)]
            lines.append(f"| {n:,} | {_median(done, 'seconds'):.1f} | {_median(done, 'peak_mb'):.0f} |")
            print(lines[-1], flush=True)
    return lines


def _dask(args: argparse.Namespace) -> list[str]:
    """The command line on the Dask engine (a LocalCluster of 1 and 2 workers) beside the
    in-process engine, on real news text."""
    from evaluation.data import eval_dir

    if not args.dask_size or not (eval_dir() / "ptc-train").exists():
        return []
    n = args.dask_size
    lines = [
        "",
        "## The Dask engine",
        "",
        f"`python -m analysis score` and `overlap` on {n:,} real-text articles, from a fresh database, with "
        "`--engine dask --dask-workers N` (a LocalCluster on this machine, started and stopped by the command) "
        "beside the in-process engine (all cores).",
        "",
        "| command | engine | seconds | vs. in-process |",
        "|---|---|---:|---:|",
    ]
    for command, kinds in (
        (
            "score",
            (
                ("cli-score-news", "in-process"),
                ("cli-score-dask1", "Dask, 1 worker"),
                ("cli-score-dask2", "Dask, 2 workers"),
            ),
        ),
        ("overlap", (("cli-overlap", "in-process"), ("cli-overlap-dask2", "Dask, 2 workers"))),
    ):
        first = None
        for kind, engine in kinds:
            seconds = _median([_run(kind, n) for _ in range(args.runs)], "seconds")
            first = first or seconds
            lines.append(f"| {command} | {engine} | {seconds:.1f} | {seconds / first:.2f}x |")
            print(lines[-1], flush=True)
    return lines


def _overlap_rows(sizes: list[int], corpus: str, runs: int) -> list[str]:
    """The overlap table of one corpus (`corpus`: the kinds' suffix), each size by meaning and by
    words alone; at 10,000 articles one run each."""
    lines = [
        "| articles | sentences aligned by | seconds | peak MB | pairs compared | verbatim found | paraphrases found |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for kind, aligned_by in ((f"overlap{corpus}", "words and meaning"), (f"overlap-words{corpus}", "words alone")):
            done = [_run(kind, n) for _ in range(runs if n < 10000 else 1)]
            last = done[-1]
            lines.append(
                f"| {n:,} | {aligned_by} | {_median(done, 'seconds'):.1f} | {_median(done, 'peak_mb'):.0f} | "
                f"{last['pairs']:,} | {last['verbatim_found']}/{last['verbatim']} | "
                f"{last['paraphrase_found']}/{last['paraphrase']} |"
            )
            print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="articles to score")
    parser.add_argument("--overlap-sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--dashboard", type=int, default=1000, help="articles selected in the dashboard (0: skip)")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows of the CSV import (0: skip)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; medians are reported")
    parser.add_argument("--baseline-sample", type=int, default=200, help="articles the naive baseline scores")
    parser.add_argument(
        "--news-sizes", type=int, nargs="*", default=[2000, 10000], help="real-text articles scored (none: skip)"
    )
    parser.add_argument("--news-overlap-sizes", type=int, nargs="*", default=[2000])
    parser.add_argument(
        "--news-cli-overlap-sizes", type=int, nargs="*", default=[10000], help="real-text articles through `overlap`"
    )
    parser.add_argument("--dask-size", type=int, default=2000, help="real-text articles on the Dask engine (0: skip)")
    args = parser.parse_args(argv)

    lines = ["# Framelens benchmarks", "", f"Machine: {machine()}.", ""]
    lines += [
        f"Medians of {args.runs} runs, each in a fresh process; overlap at 10,000 articles and the dashboard "
        "run once. Peak memory is the process's peak plus its largest worker's.",
        "",
    ]
    lines += [
        "## Scoring",
        "",
        "| articles | pipeline s | articles/s | peak MB | baseline articles/s | ratio | equal |",
    ]
    lines += ["|---:|---:|---:|---:|---:|---:|---|"]
    baseline = [_run("baseline", args.baseline_sample) for _ in range(args.runs)]
    base_rate = _median(baseline, "rate")
    previous = None
    for n in args.sizes:
        runs = [_run("score", n) for _ in range(args.runs)]
        seconds = _median(runs, "seconds")
        rate = n / seconds
        growth = f" ({seconds / previous[1]:.1f}x the time of {previous[0]:,})" if previous else ""
        lines.append(
            f"| {n:,} | {seconds:.1f}{growth} | {rate:.0f} | {_median(runs, 'peak_mb'):.0f} | {base_rate:.0f} | "
            f"{rate / base_rate:.1f}x | {'yes' if all(b['equal'] for b in baseline) else 'NO'} |"
        )
        previous = (n, seconds)
        print(lines[-1], flush=True)
    lines += _news(args)
    lines += _dask(args)
    lines += ["", "## Overlap", "", *_overlap_rows(args.overlap_sizes, "", args.runs)]
    if args.dashboard:
        result = _run("dashboard", args.dashboard)
        lines += ["", f"## Dashboard with {args.dashboard:,} articles selected", ""]
        lines += [f"Analysing the corpus once (then cached): {result['analyse']:.1f} s.", ""]
        lines += [
            "| page | first render s | rerun after a widget change s (median of 3 actor changes) |",
            "|---|---:|---:|",
        ]
        for page, (first, rerun) in result["pages"].items():
            lines.append(f"| {page} | {first:.2f} | {rerun:.2f} |")
        print("\n".join(lines[-len(result["pages"]) - 2 :]), flush=True)
    if args.import_rows:
        runs = [_run("import", args.import_rows) for _ in range(args.runs)]
        lines += [
            "",
            "## Import",
            "",
            f"A {args.import_rows:,}-row CSV of real news sentences ({_median(runs, 'megabytes'):,.0f} MB) "
            f"imported by `python -m analysis import`: {_median(runs, 'seconds'):.1f} s, "
            f"{_median(runs, 'peak_mb'):,.0f} MB at most (the table is read in a stream).",
        ]
        print(lines[-1], flush=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
