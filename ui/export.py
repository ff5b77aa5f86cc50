"""Exports that are better than a screenshot: PNG at 3x and SVG with a source note inside the
image, the data behind each chart as spreadsheet-safe CSV, one self-contained HTML report and a
ZIP of everything. Static images come from plotly's own export (kaleido, driving the Chromium
installed on the machine)."""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import json
import shutil
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analysis.method import method_record, thresholds_in_words
from analysis.readability import FORMULAS
from analysis.safe_csv import safe_csv
from analysis.validation import sheet_csv
from analysis.validation.report import validation_record
from analysis.version import __version__
from ui.catalogue import Chart, Selection
from ui.charts.validation import WHAT_NAMES
from ui.printing import for_print, png_scale, print_width
from ui.style import EXPORT_SCALE, NOTE_OFFSET, add_note, coded_wrong, counted, file_name, slanted_depth
from ui.validation import Coded, group_names, plain, precision_frame, report_lines, share_text

EXPORT_WIDTH = 1400


@dataclass(frozen=True)
class Provenance:
    """What was compared and how: recorded in every image note and every report."""

    corpus: str
    articles: int
    lexicon_name: str
    lexicon_version: str
    corpus_hash: str
    exported: str
    method: dict = field(default_factory=method_record)
    lexicon_toml: str = ""  # the lexicon itself, as its file reads: in the report and the ZIP
    left_out: int = 0  # label hits coded wrong and taken out of the counts
    left_out_loaded: int = 0  # loaded-language hits likewise
    set_aside: int = 0  # forms in the corpus that the lexicon's ignore phrases kept from counting
    filters: str = ""  # how the articles were chosen, when narrowed (outlets, dates, a column's values)

    @property
    def exclusions(self) -> str:
        """What was kept out of the counts, and by what: the lexicon's rules and the coders."""
        parts = [f"{counted(self.set_aside, 'form')} in the corpus set aside by the lexicon's ignore phrases"]
        wrong = coded_wrong(self.left_out, self.left_out_loaded)
        parts.append(f"{wrong} coded wrong left out" if wrong else "no hits coded wrong left out")
        return "; ".join(parts)

    @property
    def note(self) -> str:
        wrong = coded_wrong(self.left_out, self.left_out_loaded)
        left_out = f" ({wrong} coded wrong left out)" if wrong else ""
        chosen = f" ({self.filters})" if self.filters else ""
        return (
            f"Source: Framelens {__version__} · {self.corpus}, {counted(self.articles, 'article')}{chosen} · "
            f"lexicon “{self.lexicon_name}” v{self.lexicon_version}{left_out} · exported {self.exported}"
        )


def provenance(selection: Selection, today: dt.date | None = None) -> Provenance:
    return Provenance(
        corpus=selection.corpus,
        articles=len(selection.articles),
        lexicon_name=selection.tables.lexicon_name,
        lexicon_version=selection.tables.lexicon_version,
        corpus_hash=selection.corpus_hash,
        exported=(today or dt.date.today()).isoformat(),
        left_out=selection.tables.left_out,
        left_out_loaded=selection.tables.left_out_loaded,
        set_aside=len(selection.tables.set_aside),
    )


def with_note(figure: go.Figure, note: str) -> go.Figure:
    """A copy of `figure` sized for export, with the source note under the plot and the legend beside it."""
    out = copy.deepcopy(figure)
    offset = NOTE_OFFSET + slanted_depth(out)
    if out.layout.legend.orientation == "h":  # a legend under the plot would collide with the note
        out.update_layout(legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"})
    add_note(out, html.escape(note), offset, 12)
    bottom = max(out.layout.margin.b or 0, offset + 30)
    out.update_layout(margin={"b": bottom}, width=EXPORT_WIDTH, height=(out.layout.height or 500) + bottom)
    return out


def browser_available() -> tuple[bool, str]:
    """Whether static images can be made here, and if not, why."""
    if not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")):
        return False, "No Chromium on this machine (apt-get install -y chromium); use the chart toolbar's camera icon."
    return True, ""


@cache
def _image_server() -> bool:
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    return True


def image_bytes(figure: go.Figure, fmt: str, scale: float = EXPORT_SCALE) -> bytes:
    """PNG (at `scale`) or SVG of an export-ready figure, from plotly's own renderer."""
    _image_server()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scale = scale if fmt == "png" else 1
        return figure.to_image(format=fmt, scale=scale, width=figure.layout.width, height=figure.layout.height)


def chart_files(chart: Chart, note: str, width_cm: float | None = None) -> dict[str, Callable[[], bytes]]:
    """The downloads of one chart, made only when asked for: for the screen, or laid out for a
    printed width in centimetres (`ui.printing`: 300 dpi, no text under 7 pt)."""
    base = file_name(chart.title)
    if width_cm:
        width_cm = print_width(chart.figure, width_cm)

        def printed() -> go.Figure:
            return for_print(chart.figure, width_cm, html.escape(note))

        size = f"{width_cm:g}cm"  # in the name: a figure of many panels is laid out for a page
        return {
            f"{base}-{size}.png": lambda: image_bytes(printed(), "png", png_scale(width_cm)),
            f"{base}-{size}.svg": lambda: image_bytes(printed(), "svg"),
            f"{base}.csv": lambda: safe_csv(chart.data),
        }
    return {
        f"{base}.png": lambda: image_bytes(with_note(chart.figure, note), "png"),
        f"{base}.svg": lambda: image_bytes(with_note(chart.figure, note), "svg"),
        f"{base}.csv": lambda: safe_csv(chart.data),
    }


def _table_html(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            text = "" if value is None or (isinstance(value, float) and value != value) else value
            text = f"{text:.2f}" if isinstance(text, float) else str(text)
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


METHODS_IN_BRIEF = [
    (
        "Labels",
        "Whole-word matches of each label group's forms; hits inside quotations count as quoted; the "
        "legitimacy index averages the groups' scale positions (-1 to +1) weighted by own-voice mentions.",
    ),
    ("Tone", "VADER sentence sentiment tuned for news, averaged over body sentences (-1 to +1)."),
    (
        "Loaded language",
        "Hits of the loaded-language word list, exclamations and rhetorical questions per 1,000 words.",
    ),
    (
        "Readability",
        "textstat's formulas: Flesch reading ease (higher is easier) and US grade levels (higher is harder).",
    ),
    (
        "Overlap",
        "TF-IDF cosine similarity of the outlets' own text (quotations left out); containment of stemmed word "
        "n-grams; shared passages, copied or quoted; sentences aligned by shared words and meaning (thresholds "
        "below).",
    ),
    ("Sources", "Speakers of quotations and subjects of reporting verbs, merged across spellings."),
]
REPORT_CSS = """
body{font-family:Inter,'Helvetica Neue',Arial,sans-serif;color:#1b1f24;max-width:1440px;margin:2rem auto;padding:0 1rem}
h1{margin-bottom:.2rem} .muted{color:#5f6b7a} table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0 1.5rem}
th,td{border:1px solid #e3e7ec;padding:4px 8px;text-align:left;vertical-align:top} th{background:#f3f5f8}
.chart{margin:1.5rem 0 2.5rem;border-top:1px solid #e3e7ec;padding-top:1rem}
"""


def validation_in_brief(validation: Sequence[Coded]) -> list[tuple[str, str]]:
    """One line per coded sheet for the report's methods: what was checked against a human coder,
    and how it came out (the section below gives the tables)."""
    lines = []
    for coded in validation:
        report = coded.report
        estimate = report.overall_precision
        parts = [f"{coded.coder} coded {report.coded} {WHAT_NAMES[coded.what]} drawn at random, stratified"]
        parts.append(f"precision {plain(share_text(estimate))}")
        if report.recall:
            parts.append(f"recall {plain(share_text(report.recall))}")
        agreement = report.tool_and_coder
        if agreement and agreement.krippendorff_alpha is not None:
            parts.append(f"the tool and the coder: Krippendorff's alpha {agreement.krippendorff_alpha:.2f}")
        lines.append((f"Validation ({WHAT_NAMES[coded.what]})", "; ".join(parts) + "."))
    return lines


def report_html(
    selection: Selection,
    charts_: Iterable[Chart],
    origin: Provenance,
    scorecard: pd.DataFrame,
    validation: Sequence[Coded] = (),
) -> str:
    """One self-contained HTML file (plotly's JavaScript inlined, so it opens offline); with the
    coders' sheets of this selection, a section on how often its counts were judged right."""
    figures = []
    for index, chart in enumerate(charts_):
        div = with_note(chart.figure, origin.note).to_html(
            full_html=False, include_plotlyjs=False, div_id=f"chart-{index}", config={"displaylogo": False}
        )
        figures.append(f'<section class="chart">{div}</section>')
    articles = selection.articles[["id", "title", "outlet", "author", "published", "url", "words"]]
    briefs = [*METHODS_IN_BRIEF, *validation_in_brief(validation)]
    methods = "".join(f"<li><b>{html.escape(k)}.</b> {html.escape(v)}</li>" for k, v in briefs)
    facts = {
        "Corpus": origin.corpus,
        "Articles": str(origin.articles),
        "Filters": origin.filters or "none: every article of the collection",
        "Corpus hash (sha-256 of ids and normalised texts)": origin.corpus_hash,
        "Lexicon": f"{origin.lexicon_name}, version {origin.lexicon_version}",
        "Exclusions": origin.exclusions,
        "Thresholds": thresholds_in_words(origin.method),
        "Readability formulas": ", ".join(FORMULAS[f].title for f in origin.method["readability_formulas"]),
        "Word lists": f"loaded language v{origin.method['loaded_word_list_version']}, "
        f"tone tuning v{origin.method['tone_tuning_version']}",
        "Framelens version": __version__,
        "Exported": origin.exported,
    }
    facts_html = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in facts.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Framelens report: {html.escape(origin.corpus)}</title>
<style>{REPORT_CSS}</style><script type="text/javascript">{get_plotlyjs()}</script></head>
<body>
<h1>Framelens report</h1>
<p class="muted">{html.escape(origin.note)}</p>
<h2>Scorecard</h2>
{_table_html(scorecard)}
{"".join(figures)}
<h2>Methods in brief</h2><ul>{methods}</ul>
<h2>What was compared, and how</h2>
<table>{facts_html}</table>
<h3>Articles</h3>
{_table_html(articles)}
{_validation_html(validation, selection)}
{_lexicon_html(origin)}
</body></html>
"""


def _validation_html(validation: Sequence[Coded], selection: Selection) -> str:
    if not validation:
        return ""
    names = group_names(selection.tables.lexicon)
    parts = ["<h2>Validation on this corpus</h2>"]
    for coded in validation:
        frame = precision_frame(coded.report, names)
        lines = "".join(f"<p>{html.escape(plain(line))}</p>" for line in report_lines(coded.report))
        parts.append(
            f"<h3>{html.escape(WHAT_NAMES[coded.what].capitalize())}, coded by {html.escape(coded.coder)}</h3>"
        )
        parts.append(_table_html(frame) + lines)
    return "".join(parts)


def _lexicon_html(origin: Provenance) -> str:
    if not origin.lexicon_toml:
        return ""
    return (
        f"<h3>The lexicon</h3><details><summary>{html.escape(origin.lexicon_name)}, version "
        f"{html.escape(origin.lexicon_version)} (TOML)</summary><pre>{html.escape(origin.lexicon_toml)}</pre></details>"
    )


def export_zip(
    charts_: list[Chart],
    origin: Provenance,
    tables: dict[str, pd.DataFrame],
    progress: Callable[[int, int], None] | None = None,
    validation: Sequence[Coded] = (),
    width_cm: float | None = None,
) -> bytes:
    """Every chart as PNG and SVG (for the screen, or laid out for a printed width) with its data
    as CSV, the full score tables as CSV and JSON, the lexicon as its TOML file, and each coder's
    sheet with its validation report."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, chart in enumerate(charts_, start=1):
            for name, make in chart_files(chart, origin.note, width_cm).items():
                folder = "data" if name.endswith(".csv") else "charts"
                archive.writestr(f"{folder}/{number:02d}-{name}", make())
            if progress:
                progress(number, len(charts_))
        for name, frame in tables.items():
            archive.writestr(f"tables/{name}.csv", safe_csv(frame))
            archive.writestr(f"tables/{name}.json", frame.to_json(orient="records", force_ascii=False, indent=1))
        for coded in validation:
            base = f"validation/{coded.what}-{file_name(coded.coder)}"
            archive.writestr(f"{base}.csv", sheet_csv(coded.rows))
            archive.writestr(f"{base}.json", json.dumps(validation_record(coded.report), indent=2))
        if origin.lexicon_toml:
            archive.writestr("lexicon.toml", origin.lexicon_toml)
        record = {k: v for k, v in origin.__dict__.items() if k != "lexicon_toml"}
        archive.writestr("provenance.json", json.dumps(record | {"note": origin.note}, indent=2))
    return buffer.getvalue()
