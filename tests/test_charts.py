"""Figure builders as pure functions: the right traces, colours, titles and evidence handles."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import read_articles
from analysis.pipeline import analyse_corpus
from analysis.readability import FORMULAS
from ui import charts
from ui.clicks import ArticleClick, LabelClick, PairClick, SentenceClick, parse
from ui.highlight import Mark, article_html, highlight
from ui.labels import labelled
from ui.style import group_colors, position_color, toolbar_config, wrap

CORPUS = "Test corpus"


@pytest.fixture(scope="module")
def tables(seeds):
    return labelled(analyse_corpus(seeds, corpus=CORPUS)[1])


def test_label_mix_has_one_trace_per_used_group_in_fixed_colours(tables):
    fig = charts.label_mix(tables.labels, tables.lexicon, tables.articles, "armed_opposition", CORPUS)
    colors = group_colors(tables.lexicon, "armed_opposition")
    names = [t.name for t in fig.data]
    assert "Insurgent" in names and "Terrorist" in names and "Extremist" not in names
    for trace in fig.data:
        group = parse(trace.customdata[0]).group
        assert trace.marker.color == colors[group]
        assert len(trace.y) == 5
        shares = [sum(t.x[i] for t in fig.data) for i in range(5)]
    assert all(abs(s - 100) < 1e-6 for s in shares)
    assert fig.layout.title.text == "What each article calls the armed opposition"
    assert "5 articles" in fig.layout.title.subtitle.text and CORPUS in fig.layout.title.subtitle.text


def test_same_group_same_colour_everywhere(tables):
    mix = charts.label_mix(tables.labels, tables.lexicon, tables.articles, "armed_opposition", CORPUS)
    rates = charts.label_rates(tables.labels, tables.lexicon, tables.articles, "armed_opposition", CORPUS, "per_1k")
    panels = charts.overview_panels(
        tables.labels, tables.lexicon, tables.scores, tables.pairs, tables.articles, "armed_opposition", CORPUS
    )
    colors = {t.name: t.marker.color for t in mix.data}
    colors.update({n.capitalize(): c for n, c in group_colors(tables.lexicon, "armed_opposition").items()})
    for fig in (rates, panels):
        for trace in fig.data:
            if trace.name:
                assert trace.marker.color == colors[trace.name]


def test_group_colours_follow_the_scale(tables):
    colors = group_colors(tables.lexicon, "armed_opposition")
    assert colors["terrorist"] == position_color(-1.0)
    assert len(set(colors.values())) == len(colors)
    assert len(set(group_colors(tables.lexicon, "capture").values())) == 6


def test_overview_panels_carry_evidence_handles(tables):
    fig = charts.overview_panels(
        tables.labels, tables.lexicon, tables.scores, tables.pairs, tables.articles, "armed_opposition", CORPUS
    )
    label_traces = [t for t in fig.data if t.name]
    clicks = [parse(c) for t in label_traces for c in t.customdata]
    assert clicks and all(isinstance(c, LabelClick) and c.target == "armed_opposition" for c in clicks)
    overlap = fig.data[-1]
    assert all(isinstance(c, PairClick) and c.b for c in map(parse, overlap.customdata))
    diamonds = [parse(c) for t in fig.data if not t.name and t.type == "scatter" for c in t.customdata or []]
    assert any(isinstance(c, ArticleClick) for c in diamonds)
    assert fig.layout.title.text == "How the articles compare"
    assert fig.layout.legend.title.text.strip() == "Label"


@pytest.mark.parametrize(
    "build, title",
    [
        (lambda t: charts.legitimacy(t.scores, t.lexicon, t.articles, CORPUS), "Label-legitimacy index per article"),
        (lambda t: charts.sentence_tone_strip(t.sentences, t.articles, CORPUS), "Tone of every sentence"),
        (lambda t: charts.tone_arc(t.sentences, t.articles, CORPUS), "Tone along each article"),
        (
            lambda t: charts.readability_panels(t.scores, t.articles, list(FORMULAS), CORPUS),
            "How hard each article is to read",
        ),
        (lambda t: charts.sentence_lengths(t.sentences, t.articles, CORPUS), "Sentence length"),
        (lambda t: charts.similarity_heatmap(t.similarity, t.articles, CORPUS), "How similar the articles are"),
        (lambda t: charts.label_split(t.labels, t.lexicon, t.articles, "armed_opposition", CORPUS, "voice"), None),
    ],
)
def test_every_chart_has_title_subtitle_and_data(tables, build, title):
    fig = build(tables)
    if title:
        assert fig.layout.title.text == title
    assert fig.layout.title.subtitle.text.endswith("5 articles")
    assert fig.data and fig.layout.height >= 300


def test_heatmap_cells_name_their_pair(tables):
    fig = charts.similarity_heatmap(tables.similarity, tables.articles, CORPUS)
    heatmap, cells = fig.data
    ids = tables.articles["id"].tolist()
    assert heatmap.z[2][2] == 1.0
    # plotly reports clicks on points only: every cell has a clickable point naming its pair
    assert cells.type == "scatter" and len(cells.customdata) == len(ids) ** 2
    assert parse(cells.customdata[1]) == PairClick(ids[0], ids[1])
    assert (cells.x[1], cells.y[1]) == (heatmap.x[1], heatmap.y[0])
    assert "similarity 0." in cells.hovertext[1]
    # numbers only where they say something: not an article against itself, not a faint similarity
    assert heatmap.text[2][2] == "" and "blank: under 0.05" in fig.layout.title.subtitle.text
    for row, texts in zip(heatmap.z, heatmap.text, strict=True):
        assert all((text == "") == (v < 0.05 or v == 1.0) for v, text in zip(row, texts, strict=True))


def test_sources_matrix_keeps_the_most_cited_sources_readable(tables):
    from ui.charts.overlap import MAX_SOURCES

    many = pd.DataFrame(
        [[1 + (column % 3) * (row == 0) for column in range(MAX_SOURCES + 15)] for row in range(len(tables.articles))],
        index=tables.articles["id"],
        columns=[f"Source {n}" for n in range(MAX_SOURCES + 15)],
    )
    fig = charts.source_matrix(many, {}, tables.articles, CORPUS)
    heatmap, cells = fig.data
    assert len(heatmap.x) == MAX_SOURCES
    assert heatmap.x[0] == "Source 2"  # every article cites each; the first row cites Source 2 most often
    assert f"of {MAX_SOURCES + 15}" in fig.layout.title.subtitle.text
    assert len(cells.customdata) == MAX_SOURCES * len(tables.articles)


def test_sentence_points_name_their_sentence(tables):
    fig = charts.sentence_tone_strip(tables.sentences, tables.articles, CORPUS)
    points = [parse(c) for trace in fig.data for c in trace.customdata]
    assert len(points) == int((~tables.sentences["heading"]).sum())
    assert all(isinstance(p, SentenceClick) for p in points)
    assert {trace.name for trace in fig.data} == {"Outlet's own voice", "Inside quotations", "Both in one sentence"}


def test_the_toolbar_offers_no_png_without_the_source_note():
    # plotly's camera saves the on-screen layout without the source note; the PNG button under each
    # chart (tests/test_export.py) is the one offered
    config = toolbar_config("What each article calls the armed opposition")
    assert "toImage" in config["modeBarButtonsToRemove"]
    assert config["toImageButtonOptions"]["filename"] == "what-each-article-calls-the-armed-opposition"


HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def test_article_text_is_escaped_in_highlights():
    text = f"Rebels said {HOSTILE} today.\nNext line."
    out = highlight(text, [Mark(0, 6, "loaded", "<b>title</b>")])
    assert "<script>" not in out and "<img" not in out and 'onerror="' not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;title&lt;/b&gt;" in out
    assert article_html(text, []).count("<p ") == 2


def test_hostile_titles_are_escaped_in_charts(tables):
    articles = tables.articles.copy()
    articles.loc[0, "label"] = HOSTILE
    fig = charts.legitimacy(tables.scores, tables.lexicon, articles, CORPUS)
    assert all("<script" not in str(label) and "<img" not in str(label) for label in fig.data[0].y)
    assert any("&lt;script&gt;" in str(label) for label in fig.data[0].y)
    assert wrap("<b>bold</b> label") == "&lt;b&gt;bold&lt;/b&gt; label"


def test_pages_read_the_same_tables_the_api_builds(seeds):
    scores, tables = analyse_corpus(read_articles([]).articles or seeds, corpus=CORPUS)
    assert len(scores) == len(tables.articles) == 5


def test_articles_can_be_named_by_outlet_and_date():
    from ui.labels import article_labels

    articles = pd.DataFrame(
        {
            "title": ["A very long headline about the fall of a city in the north"] * 3 + ["Untitled", "Plain"],
            "outlet": ["Reuters", "Reuters", "BBC", None, None],
            "published": [
                pd.Timestamp("2024-12-05"),
                pd.Timestamp("2024-12-05"),
                None,
                pd.Timestamp("2024-12-06"),
                None,
            ],
        }
    )
    assert article_labels(articles, "outlet_date") == [
        "Reuters, 5 Dec 2024",
        "Reuters, 5 Dec 2024 (2)",
        "BBC: A very long headline\u2026",
        "6 Dec 2024: Untitled",
        "Plain",
    ]
    assert article_labels(articles)[0] == "Reuters: A very long headline about the\u2026"


def test_long_subtitles_wrap_instead_of_running_off_the_chart():
    from ui.style import wrap_lines

    text = (
        "scale positions of the labels, weighted by own-voice mentions; whiskers: 95% bootstrap intervals; n: mentions"
    )
    lines = wrap_lines(text, width=70).split("<br>")
    assert lines == [
        "scale positions of the labels, weighted by own-voice mentions;",
        "whiskers: 95% bootstrap intervals; n: mentions",
    ]
    assert max(map(len, wrap_lines("word " * 80).split("<br>"))) <= 105


@pytest.mark.parametrize("extra", [0, 4])
def test_no_two_loaded_language_categories_look_the_same(tables, extra):
    """Every category of the word list and every mark, and more: each series its own colour (and
    past the palette, its own colour and hatching)."""
    from analysis.tone import load_loaded_words

    categories = [*load_loaded_words().labels, "exclamation", "rhetorical_question"]
    categories += [f"extra_{n}" for n in range(extra)]
    article = tables.articles["id"].iloc[0]
    loaded = pd.DataFrame(
        [{"id": article, "category": c, "per_1k": 1.0 + n, "voice": "own"} for n, c in enumerate(categories)]
    )
    figure = charts.loaded_rates(loaded, tables.articles, categories, CORPUS)
    looks = [(bar.marker.color, bar.marker.pattern.shape or "") for bar in figure.data]
    assert len(looks) == len(categories) and len(set(looks)) == len(looks)
    if not extra:
        assert len({color for color, _ in looks}) == len(looks)  # twelve series, twelve colours


def test_label_groups_close_on_the_scale_get_colours_told_apart(tables):
    """Delta E 15 or more between any two groups of a target, on the bundled lexicon and on one
    whose ten groups sit a twentieth of the scale apart around its neutral middle."""
    from ui.style import MIN_GROUP_DISTANCE, color_distance

    crowded = pd.DataFrame(
        {"target": "actor", "group": [f"g{i}" for i in range(10)], "position": [-0.45 + 0.1 * i for i in range(10)]}
    )
    for lexicon, target in ((tables.lexicon, "armed_opposition"), (tables.lexicon, "capture"), (crowded, "actor")):
        colors = list(group_colors(lexicon, target).values())
        closest = min(color_distance(a, b) for i, a in enumerate(colors) for b in colors[i + 1 :])
        assert closest >= MIN_GROUP_DISTANCE, (target, closest)
    assert color_distance("#ffffff", "#000000") == pytest.approx(100, abs=0.1)


def test_every_clickable_mark_says_what_it_stands_for(tables):
    """The click contract: every mark of every chart the pages draw parses to a typed event (a
    line's gap over time to none), and the events round-trip through the browser's lists."""
    from ui.catalogue import Selection, all_charts
    from ui.clicks import KINDS, mark

    selection = Selection(tables, tables.articles["id"].tolist(), "armed_opposition")
    for chart in all_charts(selection):
        for trace in chart.figure.data:
            if trace.customdata is None:
                continue
            for data in trace.customdata:
                assert parse(list(data)) is not None, (chart.title, trace.name, data)
    for kind in KINDS.values():
        event = kind(*(["x"] * (len(kind.__dataclass_fields__) - 1) + ["3"]))
        assert parse(mark(event, "shown only")) == parse(mark(event))
    assert parse(["", "", ""]) is None and parse(["label", "a"]) is None and parse(None) is None


def test_an_axis_over_time_reads_in_periods_never_in_hours():
    """Two days of a search over time: the axis names the days, not 06:00, 12:00 and 18:00."""
    from ui.charts.time import over_time

    points = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "start": pd.to_datetime(["2024-12-02", "2024-12-03"] * 2),
            "estimate": [1.0, 2.0, 1.5, 2.5],
            "ci_low": [0.5, 1.5, 1.0, 2.0],
            "ci_high": [1.5, 2.5, 2.0, 3.0],
            "n": [3, 4, 3, 5],
            "key": ["A|2024-12-02", "A|2024-12-03", "B|2024-12-02", "B|2024-12-03"],
        }
    )
    figure = over_time(points, "Uses per 1,000 words", "day", "Test", 15)
    assert list(figure.layout.xaxis.ticktext) == ["2 Dec 2024", "3 Dec 2024"]
