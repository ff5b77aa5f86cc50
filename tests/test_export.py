"""Exports: spreadsheet-safe CSV, images with the source note inside, the report and the ZIP."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import zipfile
from xml.etree import ElementTree

import pandas as pd
import pytest

from analysis.pipeline import analyse_corpus
from analysis.version import __version__
from ui.catalogue import Selection, all_charts, scorecard
from ui.export import chart_files, export_zip, provenance, report_html, safe_csv, with_note

HOSTILE_TITLE = '<img src=x onerror="alert(1)">=cmd|calc'
needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None and os.environ.get("CI") != "true", reason="Chromium is not installed"
)


@pytest.fixture(scope="module")
def selection(seeds):
    _, tables = analyse_corpus(seeds, corpus="Hama seeds")
    return Selection(tables, tables.articles["id"].tolist(), "armed_opposition")


def test_csv_cells_that_could_run_as_formulas_are_neutralised():
    frame = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://x")', "+1+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "plain", "-0.5"],
            "number": [1.5, -2.0, 3, 0, 1, 2, 3, -4],
        }
    )
    back = pd.read_csv(io.BytesIO(safe_csv(frame)))
    assert list(back["text"]) == [
        '\'=HYPERLINK("http://x")',
        "'+1+1",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "plain",
        "-0.5",  # looks like a number, so it is left alone
    ]
    assert list(back["number"]) == [1.5, -2.0, 3, 0, 1, 2, 3, -4]
    assert back["number"].dtype.kind == "f"


def test_source_note_names_corpus_lexicon_and_version(selection):
    origin = provenance(selection, today=dt.date(2026, 1, 2))
    assert origin.note == (
        f"Source: Framelens {__version__} \u00b7 Hama seeds, 5 articles \u00b7 lexicon "
        "\u201cSyria, December 2024: armed opposition and government\u201d v1.1.0 \u00b7 exported 2026-01-02"
    )
    figure = with_note(all_charts(selection)[0].figure, origin.note)
    notes = [a.text for a in figure.layout.annotations if "Source: Framelens" in a.text]
    assert len(notes) == 1 and "v1.1.0" in notes[0]
    assert figure.layout.width == 1400


def test_every_chart_has_data_behind_it(selection):
    charts = all_charts(selection)
    assert len(charts) == 15 and len({c.title for c in charts}) == 15
    for chart in charts:
        assert not chart.data.empty, chart.key
        # Rows of articles, pairs of articles, or (reprinted copy) outlets, whatever the grouping.
        assert {"article", "outlet"} & set(chart.data.columns) or {"a", "b"} <= set(chart.data.columns), chart.key


def test_report_is_self_contained_and_escapes_article_text(selection):
    articles = selection.tables.articles.copy()
    articles.loc[0, "title"] = HOSTILE_TITLE
    tables = selection.tables.__class__(**{**selection.tables.__dict__, "articles": articles})
    hostile = Selection(tables, selection.ids, selection.actor)
    html = report_html(hostile, all_charts(hostile), provenance(hostile), scorecard(hostile))
    assert html.count('class="chart"') == 15
    assert "<script src=" not in html and "<link " not in html
    assert "Plotly" in html and "Syria, December 2024" in html and "Corpus hash" in html
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


@needs_browser
def test_png_at_3x_and_valid_svg(selection):
    chart = all_charts(selection)[0]
    files = chart_files(chart, provenance(selection).note)
    png = files[next(k for k in files if k.endswith(".png"))]()
    svg = files[next(k for k in files if k.endswith(".svg"))]()
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.size[0] == 3 * 1400 and image.size[1] >= 3 * 400
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    text = b"".join(
        svg.split(b"<")[i] for i in range(len(svg.split(b"<"))) if b"Source: Framelens" in svg.split(b"<")[i]
    )
    assert b"v1.1.0" in text and b"How the articles compare" in svg


@needs_browser
def test_zip_holds_every_chart_and_the_tables(selection):
    charts = all_charts(selection)[:2]
    data = export_zip(charts, provenance(selection), {"scores": selection.tables.scores})
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("charts/") and n.endswith(".png") for n in names) == 2
    assert sum(n.startswith("charts/") and n.endswith(".svg") for n in names) == 2
    assert sum(n.startswith("data/") for n in names) == 2
    assert {"tables/scores.csv", "tables/scores.json", "provenance.json"} <= set(names)
    provenance_json = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("provenance.json"))
    assert provenance_json["lexicon_version"] == "1.1.0"


def test_report_command(tmp_path, capsys):
    from ui.report import main

    out = tmp_path / "report.html"
    assert main(["report", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('class="chart"') == 15
    assert main(["report"]) == 2
    assert main(["report", "--out", str(out), "--actor", "nobody"]) == 2


def test_the_exported_record_of_the_method_is_the_code_s(selection, monkeypatch):
    from analysis import tone
    from analysis.method import method_record
    from analysis.overlap import settings as overlap

    def exported() -> dict:
        data = export_zip([], provenance(selection), {})
        return json.loads(zipfile.ZipFile(io.BytesIO(data)).read("provenance.json"))["method"]

    assert exported() == method_record()
    assert exported()["shared_passage_min_words"] == overlap.MIN_PASSAGE_WORDS
    # A changed constant changes the record, the report and the Methods page with it.
    monkeypatch.setattr(overlap, "MEANING_THRESHOLD", 0.42)
    monkeypatch.setattr(tone, "NEGATIVE_AT", -0.2)
    assert exported()["paraphrase_min_margin"] == 0.42
    report = report_html(selection, [], provenance(selection), pd.DataFrame())
    assert "0.42 above their 10 nearest other sentences" in report and "negative at -0.2 or below" in report


def test_report_and_zip_carry_the_lexicon_and_each_coder_s_validation(selection):
    from dataclasses import replace

    from analysis.lexicon import DEFAULT_LEXICON
    from analysis.validation import SheetRow, validation_report
    from ui.validation import Coded

    toml = DEFAULT_LEXICON.read_text(encoding="utf-8") + '\n# <script>alert("lexicon")</script>\n'
    origin = replace(provenance(selection), lexicon_toml=toml)
    rows = tuple(
        SheetRow(
            "a", k, k + 3, "rebels", "the [rebels] <b>took</b> Hama", "armed_opposition/rebel", "own", k % 5 != 0, 40
        )
        for k in range(20)
    )
    coded = Coded("labels", "Ana <i>", rows)
    page = report_html(selection, [], origin, scorecard(selection), [coded])
    assert "Validation on this corpus" in page and "coded by Ana &lt;i&gt;" in page
    methods = page.split("<h2>Methods in brief</h2>", 1)[1].split("</ul>", 1)[0]
    overall = validation_report(rows).overall_precision
    assert "<b>Validation (label hits).</b> Ana &lt;i&gt; coded 20 label hits drawn at random" in methods
    assert f"precision {overall.value:.2f} (95% interval {overall.ci_low:.2f} to {overall.ci_high:.2f})" in methods
    expected = validation_report(rows).groups[0]
    assert "Armed opposition: rebel" in page and f"<td>{expected.precision:.2f}</td>" in page
    assert "&lt;script&gt;alert(&quot;lexicon&quot;)&lt;/script&gt;" in page and '<script>alert("lexicon")' not in page
    archive = zipfile.ZipFile(io.BytesIO(export_zip([], origin, {}, validation=[coded])))
    assert archive.read("lexicon.toml").decode("utf-8") == toml
    assert "lexicon_toml" not in json.loads(archive.read("provenance.json"))
    sheet = next(n for n in archive.namelist() if n.startswith("validation/") and n.endswith(".csv"))
    from analysis.validation import read_sheet

    assert tuple(read_sheet(archive.read(sheet))) == rows
    record = json.loads(archive.read(sheet.replace(".csv", ".json")))
    assert record["groups"][0]["precision"] == expected.precision


def test_forms_set_aside_by_context_are_listed_and_the_report_says_how_many(seeds):
    from analysis.corpus import Article

    extra = Article("pro", "", "Pro-government fighters and Kurdish fighters held the road as rebels withdrew.", "Wire")
    _, tables = analyse_corpus([*seeds, extra], corpus="Hama seeds and one more")
    mine = tables.set_aside[tables.set_aside["id"] == "pro"]
    assert mine[["target", "rule", "term"]].values.tolist() == [
        ["armed_opposition", "pro-government *", "fighters"],
        ["armed_opposition", "Kurdish *", "fighters"],
    ]
    assert not tables.hits[(tables.hits["id"] == "pro") & (tables.hits["group"] == "fighter")].shape[0]
    from ui.lexicon import set_aside_summary

    summary = set_aside_summary(tables.set_aside, ["pro"], {"armed_opposition": "Armed opposition"})
    assert summary.values.tolist() == [
        ["Kurdish *", "Armed opposition", 1, 1, "fighters"],
        ["pro-government *", "Armed opposition", 1, 1, "fighters"],
    ]
    view = Selection(tables, tables.articles["id"].tolist(), "armed_opposition")
    origin = provenance(view)
    assert origin.set_aside == len(tables.set_aside) >= 2
    page = report_html(view, [], origin, scorecard(view))
    assert f"{len(tables.set_aside)} forms in the corpus set aside by the lexicon&#x27;s ignore phrases" in page


def test_the_source_note_clears_long_slanted_labels():
    import plotly.graph_objects as go

    from ui.export import NOTE_OFFSET, with_note

    short = go.Figure(go.Heatmap(z=[[1, 2]], x=["Orban", "Reuters"], y=["a"]))
    short.update_xaxes(tickangle=-45)
    long = go.Figure(go.Heatmap(z=[[1, 2]], x=["Orban", "former vice presidential candidate Matt Gonzalez"], y=["a"]))
    long.update_xaxes(tickangle=-45)
    shifts = [-with_note(f, "Source: x").layout.annotations[-1].yshift for f in (short, long)]
    assert NOTE_OFFSET < shifts[0] < shifts[1]
    # 47 characters at 45 degrees reach about 47 * 6.5 * 0.71 = 216 px below the plot
    assert shifts[1] >= NOTE_OFFSET + 200
    assert with_note(long, "x").layout.margin.b >= shifts[1]


def test_the_filters_are_recorded_in_every_note_and_the_report(selection):
    from dataclasses import replace

    from ui.filters import Filters

    chosen = Filters(outlets=("Alpha", "Beta"), start=dt.date(2024, 1, 1), column="lean", values=("left",))
    assert chosen.describe() == "outlets Alpha, Beta; 2024-01-01 to …; lean: left"
    assert Filters().describe() == ""
    origin = replace(provenance(selection), filters=chosen.describe())
    assert "5 articles (outlets Alpha, Beta; 2024-01-01 to …; lean: left)" in origin.note
    page = report_html(selection, [], origin, scorecard(selection))
    assert "<th>Filters</th><td>outlets Alpha, Beta; 2024-01-01 to …; lean: left</td>" in page
    assert "every article of the collection" in report_html(selection, [], provenance(selection), scorecard(selection))


def test_the_report_compares_the_outlets_when_the_articles_name_several(tmp_path):
    import csv

    from benchmarks.corpus import build_corpus
    from ui.report import main

    table = tmp_path / "outlets.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "outlet"])
        for i, article in enumerate(build_corpus(12, random_state=4)[0]):
            writer.writerow([f"a{i}", article.title, article.text, ("Alpha", "Beta", "Gamma")[i % 3]])
    out = tmp_path / "report.html"
    assert main(["report", str(table), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Loaded terms per 1,000 words (own voice) by outlet" in page
