"""Figures for print: every text at least 7 pt at a journal column's or a page's width, and no two
series of a chart in one colour."""

from __future__ import annotations

import io
import os
import re
import shutil

import pytest

from analysis.pipeline import analyse_corpus
from ui.catalogue import Selection, all_charts
from ui.printing import MIN_PT, MIN_PX, PRINT_WIDTHS_CM, for_print, layout_width, print_width

needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None and os.environ.get("CI") != "true", reason="Chromium is not installed"
)
NOTE = "Source: Framelens · Hama seeds, 5 articles · lexicon “Syria” v1.1.0 · exported 2026-12-07"


@pytest.fixture(scope="module")
def charts(seeds):
    _, tables = analyse_corpus(seeds, corpus="Hama seeds")
    return all_charts(Selection(tables, tables.articles["id"].tolist(), "armed_opposition"))


def _font_sizes(node, path=""):
    """Every font size a figure's JSON sets, with where: `size` under any font, and inline styles."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and path.rsplit(".", 1)[-1].endswith("font") and isinstance(value, int | float):
                yield f"{path}.size", float(value)
            else:
                yield from _font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _font_sizes(item, path)
    elif isinstance(node, str):
        for size in re.findall(r"font-size:\s*(\d+(?:\.\d+)?)px", node):
            yield f"{path} (inline)", float(size)


@pytest.mark.parametrize("width_cm", PRINT_WIDTHS_CM.values())
def test_no_text_under_7_pt_at_the_printed_width(charts, width_cm):
    for chart in charts:
        laid_out = print_width(chart.figure, width_cm)
        figure = for_print(chart.figure, laid_out, NOTE)
        assert figure.layout.width == layout_width(laid_out)
        points_per_px = laid_out / 2.54 * 72 / figure.layout.width
        small = [(where, size) for where, size in _font_sizes(figure.to_plotly_json()) if size < MIN_PX]
        assert not small, (chart.title, small)
        assert MIN_PX * points_per_px >= MIN_PT
        assert figure.layout.annotations[-1].text.startswith("Source: Framelens")


def test_a_figure_of_many_panels_is_laid_out_for_a_page(charts):
    overview = next(c for c in charts if c.key == "overview")
    assert print_width(overview.figure, PRINT_WIDTHS_CM["column"]) == PRINT_WIDTHS_CM["page"]
    single = next(c for c in charts if c.key.startswith("label_rates"))
    assert print_width(single.figure, PRINT_WIDTHS_CM["column"]) == PRINT_WIDTHS_CM["column"]


def test_no_two_series_of_a_chart_share_a_colour(charts):
    for chart in charts:
        seen: dict[str, str] = {}
        for trace in chart.figure.data:
            if trace.showlegend is False or not trace.name:
                continue
            marker = getattr(trace, "marker", None)
            color = getattr(marker, "color", None) if marker is not None else None
            if not isinstance(color, str):
                continue
            pattern = getattr(getattr(marker, "pattern", None), "shape", None) or ""
            key = f"{color.lower()}|{pattern}"
            name = trace.legendgroup or trace.name
            assert seen.get(key, name) == name, (chart.title, trace.name, seen.get(key))
            seen[key] = name


def test_long_row_labels_are_cut_to_leave_the_plot_room(charts):
    figure = for_print(next(c for c in charts if c.key.startswith("label_rates")).figure, 8.5, NOTE)
    labels = [line for label in figure.layout.yaxis.ticktext for line in label.split("<br>")]
    assert max(len(line) for line in labels) * 0.55 * MIN_PX <= 0.36 * figure.layout.width
    assert any(line.endswith("\u2026") for line in labels)


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("width_cm", PRINT_WIDTHS_CM.values())
def test_report_command_writes_charts_for_a_printed_width(tmp_path, width_cm):
    """The SVG's smallest font, times the printed width in points over the SVG's width, is 7 pt or
    more; the PNG has 300 dots per inch at that width."""
    from PIL import Image

    from ui.report import main

    folder = tmp_path / "charts"
    assert main(["report", "--charts", str(folder), "--width-cm", str(width_cm)]) == 0
    svgs = sorted(folder.glob("*.svg"))
    assert len(svgs) == 15
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        printed_cm = float(re.search(r"-([\d.]+)cm\.svg$", svg.name).group(1))
        assert printed_cm >= width_cm
        width = float(re.search(r'<svg[^>]*width="([\d.]+)"', text).group(1))
        smallest = min(float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", text))
        assert smallest * (printed_cm / 2.54 * 72) / width >= MIN_PT, svg.name
        png = Image.open(io.BytesIO(svg.with_suffix(".png").read_bytes()))
        assert png.size[0] == pytest.approx(printed_cm / 2.54 * 300, abs=3)
    assert main(["report", "--charts", str(folder), "--width-cm", "2"]) == 2
