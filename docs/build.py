"""`python docs/build.py`: the documentation site, built offline into `site/`.

Writes the generated pages first, each from its one source, then runs `mkdocs build --strict`
(a warning, a broken link or a page missing from the navigation fails the build):

- `reference.md`: every command and option, from the argument parsers themselves;
- `figures.md`: every evaluation figure, from `evaluation/results/*.json`, and the benchmark
  figures, from `benchmarks/results.md`;
- `licences.md`: every installed package's licence (`docs/licences.py`);
- `methods.md`: the Methods page's own text (`docs/source/methods.md`), its settings filled in
  from the method record.

`--check` writes nothing: it fails when a generated page differs from what it would write.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT))


def _help(parser: argparse.ArgumentParser) -> str:
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal: the page must not depend on it
    return parser.format_help().rstrip()


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def reference_page() -> str:
    from analysis.cli import build_parser as analysis_parser
    from ui.report import build_parser as ui_parser

    parts = [
        "# Command reference",
        "",
        "Every command and option, as the programs print them with `--help` (this page is written",
        "from their argument parsers by `docs/build.py`). The [command line](command-line.md) page",
        "says what each one does and prints.",
    ]
    for program, parser in (("python -m analysis", analysis_parser()), ("python -m ui", ui_parser())):
        parts += ["", f"## `{program}`", "", "```text", _help(parser), "```"]
        for name, command in _subparsers(parser).items():
            parts += ["", f"### `{program} {name}`", "", "```text", _help(command), "```"]
            for step, sub in _subparsers(command).items():
                parts += ["", f"#### `{program} {name} {step}`", "", "```text", _help(sub), "```"]
    with contextlib.redirect_stdout(io.StringIO()) as shown, contextlib.suppress(SystemExit):
        from evaluation.__main__ import main as evaluation_main

        evaluation_main(["--help"])
    parts += ["", "## `python -m evaluation`", "", "```text", shown.getvalue().rstrip(), "```", ""]
    return "\n".join(parts)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(_cell(v) for v in value) + "]"
    return str(value)


def _flat(prefix: str, value) -> list[tuple[str, object]]:
    if isinstance(value, dict):
        return [item for key, sub in value.items() for item in _flat(f"{prefix}.{key}" if prefix else key, sub)]
    return [(prefix, value)]


def figures_page() -> str:
    parts = [
        "# Figures",
        "",
        "Every figure the evaluation and the benchmarks measured, as their result files hold them",
        "(this page is written from `evaluation/results/*.json` and `benchmarks/results.md` by",
        "`docs/build.py`; a test fails when it is not current). What each figure means: the",
        "[evaluation](evaluation.md) and [performance](performance.md) pages.",
        "",
        "## Evaluation",
    ]
    for path in sorted((ROOT / "evaluation" / "results").glob("*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        halves = result.get("halves", {})
        if not halves:
            continue
        parts += ["", f"### {path.stem}", "", f"{result.get('dataset', '')} ({result.get('score', '')}).", ""]
        names = list(halves)
        rows: dict[str, dict[str, object]] = {}
        for half in names:
            for key, value in _flat("", halves[half]):
                rows.setdefault(key, {})[half] = value
        parts += ["| figure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        parts += [f"| {key} | " + " | ".join(_cell(v.get(h, "")) for h in names) + " |" for key, v in rows.items()]
    benchmarks = (ROOT / "benchmarks" / "results.md").read_text(encoding="utf-8")
    shifted = "\n".join(("#" + line) if line.startswith("#") else line for line in benchmarks.splitlines())
    parts += ["", "## Benchmarks", "", shifted.split("\n", 1)[1].strip(), ""]
    return "\n".join(parts)


# The evaluation results behind each methods section, as the Methods page shows them.
SECTION_FIGURES = {
    "labels": ["loaded"],
    "tone": ["tone"],
    "loaded": ["babe", "loaded"],
    "sentence-model": ["sentence_model"],
    "readability": ["readability"],
    "overlap": ["reuse", "paraphrase"],
    "intervals": ["comparisons"],
    "terms": ["comparisons"],
    "sources": ["sources"],
}


def _table(rows: list[dict[str, str]]) -> list[str]:
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return lines + ["| " + " | ".join(_cell(row[c]).replace("|", "\\|") for c in columns) + " |" for row in rows]


def methods_page() -> str:
    """The Methods page's own text, filled with the method record and the bundled lexicon; each
    section links to its figures, and the measures section holds the registry's table."""
    from analysis.lexicon import DEFAULT_LEXICON, load_lexicon
    from analysis.registry import measures_table
    from ui.methods_text import method_values, methods_text, split_sections

    lexicon = load_lexicon()
    home = f"`analysis/lexicons/{DEFAULT_LEXICON.name}`"
    intro, sections = split_sections(methods_text(method_values(lexicon.name, lexicon.version, home)))
    parts = [
        intro.rstrip(),
        "",
        "<!-- Written by docs/build.py from docs/source/methods.md, the Methods page's text. -->",
    ]
    for section in sections:
        parts += ["", f"{'#' * section.level} {section.title} {{#{section.anchor}}}", "", section.body]
        if section.anchor == "measures":
            parts += ["", *_table(measures_table())]
        shown = SECTION_FIGURES.get(section.anchor, [])
        if shown:
            links = ", ".join(f"[{name}](figures.md#{name})" for name in shown)
            parts += ["", f"Figures: {links}; what they mean, [how far to trust the numbers](evaluation.md)."]
    return "\n".join(parts) + "\n"


def generated() -> dict[Path, str]:
    licences = runpy.run_path(str(DOCS / "licences.py"))
    return {
        DOCS / "reference.md": reference_page(),
        DOCS / "figures.md": figures_page(),
        DOCS / "methods.md": methods_page(),
        DOCS / "licences.md": licences["page"](),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python docs/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated page is not current")
    parser.add_argument("--site", default=str(ROOT / "site"), help="where to build the site (default: site/)")
    args = parser.parse_args(argv)
    pages = generated()
    stale = [path.name for path, text in pages.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print(f"not current: {', '.join(stale)} (run python docs/build.py)", file=sys.stderr)
            return 1
        return 0
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", args.site]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
