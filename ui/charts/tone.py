"""Figures of sentence tone and loaded language."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.registry import LOADED, SENTENCE_TONE
from ui.charts.common import (
    INTERVAL_COLOR,
    count_text,
    error_bars,
    interval_text,
    intervals_of,
    label_map,
    label_order,
)
from ui.clicks import ArticleClick, CategoryClick, SentenceClick, mark
from ui.style import (
    VOICE_COLORS,
    VOICE_NAMES,
    bar_height,
    category_colors,
    category_patterns,
    finish,
    position_color,
    pretty,
    safe,
    subtitle,
)


def sentence_tone_strip(
    sentences: pd.DataFrame, articles: pd.DataFrame, corpus: str, intervals: pd.DataFrame | None = None
) -> go.Figure:
    """One point per sentence: its tone, by article, own voice and quotations distinguished; with
    `intervals`, each article's mean body-sentence tone and its 95% interval over the points."""
    names = label_map(articles)
    rows = sentences[sentences["id"].isin(names) & ~sentences["heading"]]
    order = list(names)
    fig = go.Figure()
    rng = np.random.default_rng(0)
    for voice in ("own", "quoted", "mixed"):
        part = rows[rows["voice"] == voice]
        if part.empty:
            continue
        base = np.array([order.index(i) for i in part["id"]], dtype=float)
        fig.add_scatter(
            name=VOICE_NAMES[voice],
            x=part["compound"],
            y=len(order) - 1 - base + rng.uniform(-0.22, 0.22, len(part)),
            mode="markers",
            marker={"size": 9, "color": VOICE_COLORS[voice], "opacity": 0.75, "line": {"color": "white", "width": 0.5}},
            customdata=[mark(SentenceClick(i, int(n))) for i, n in zip(part["id"], part["sentence"], strict=True)],
            text=[safe(t[:120]) for t in part["text"]],
            hovertemplate="%{text}<br>tone %{x:.2f}<extra></extra>",
        )
    measure = "news-tuned VADER tone per sentence, -1 to +1"
    if intervals is not None:
        bounds = intervals_of(intervals, order, SENTENCE_TONE.flat)
        means = bounds["estimate"].astype(float)
        fig.add_scatter(
            name="Mean of the article (95% interval)",
            x=means,
            y=[len(order) - 1 - k for k in range(len(order))],
            mode="markers+text",
            marker={"symbol": "diamond", "size": 13, "color": INTERVAL_COLOR, "line": {"color": "white", "width": 1}},
            text=count_text(bounds),
            textposition="top center",
            hovertext=[f"{names[i]}<br>{t}" for i, t in zip(order, interval_text(bounds), strict=True)],
            hovertemplate="mean tone %{x:+.2f}<br>%{hovertext}<extra></extra>",
            customdata=[mark(ArticleClick(i)) for i in order],
            **error_bars(means, bounds),
        )
        measure += "; black: the article's mean with its 95% bootstrap interval, n sentences"
    fig.update_yaxes(
        tickvals=list(range(len(order))), ticktext=[names[i] for i in reversed(order)], range=[-0.6, len(order) - 0.4]
    )
    fig.update_xaxes(range=[-1.05, 1.05], zeroline=True, zerolinecolor="#bdbdbd")
    return finish(
        fig,
        "Tone of every sentence",
        subtitle(corpus, articles, measure),
        x_title="Sentence tone (-1 to +1)",
        height=bar_height(len(names), per_row=60),
        legend_title="",
    )


def tone_arc(sentences: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """Sentence tone from first to last sentence: one strip per article, a bar per sentence.

    One bar trace on one pair of axes, each article's bars standing on its own baseline: forty
    articles draw as fast as five (a subplot per article takes seconds to build)."""
    names = label_map(articles)
    ids = list(names)
    half = 0.45  # a tone of +-1 fills the strip up to the next article's baseline, not beyond
    xs, heights, bases, colors, custom, texts = [], [], [], [], [], []
    body = sentences[sentences["id"].isin(ids) & ~sentences["heading"]].sort_values(["id", "sentence"])
    parts = dict(tuple(body.groupby("id", sort=False)))
    for row, article_id in enumerate(ids):
        part = parts.get(article_id)
        if part is None:
            continue
        baseline = len(ids) - 1 - row  # the first article on top
        for number, (sentence, tone, text) in enumerate(
            zip(part["sentence"], part["compound"], part["text"], strict=True), start=1
        ):
            xs.append(number)
            heights.append(tone * half)
            bases.append(baseline)
            colors.append(position_color(tone))
            custom.append(mark(SentenceClick(article_id, int(sentence))))
            texts.append(f"{safe(text[:120])}<br>sentence {number}: tone {tone:+.2f}")
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=heights,
            base=bases,
            marker={"color": colors},
            customdata=custom,
            text=texts,
            textposition="none",
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    baselines = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": row, "y1": row, "layer": "below"}
        | {"line": {"color": "#bdbdbd", "width": 1}}
        for row in range(len(ids))
    ]
    fig.update_yaxes(
        tickvals=list(range(len(ids))),
        ticktext=[names[i] for i in reversed(ids)],
        range=[-0.55, len(ids) - 0.45],
        showgrid=False,
        zeroline=False,
    )
    fig.update_layout(bargap=0.15, shapes=baselines)
    return finish(
        fig,
        "Tone along each article",
        subtitle(corpus, articles, "news-tuned VADER tone of each sentence, red negative, blue positive"),
        x_title="Sentence number, first to last",
        height=bar_height(len(ids), per_row=90),
    )


def loaded_rates(
    loaded: pd.DataFrame,
    articles: pd.DataFrame,
    categories: list[str],
    corpus: str,
    intervals: pd.DataFrame | None = None,
) -> go.Figure:
    """Loaded and sensational language in the outlet's own voice per 1,000 words, stacked by
    category (quotations are other people's words: they are counted apart); with `intervals`,
    the 95% interval of the total at each bar's end."""
    loaded = loaded[loaded["voice"] == "own"]
    names = label_map(articles)
    colors, patterns = category_colors(categories), category_patterns(categories)
    fig = go.Figure()
    for category in categories:
        rates = loaded[loaded["category"] == category].groupby("id")["per_1k"].sum().reindex(list(names)).fillna(0)
        if not rates.any():
            continue
        fig.add_bar(
            name=pretty(category),
            y=[names[i] for i in rates.index],
            x=rates,
            orientation="h",
            marker={
                "color": colors[category],
                "line": {"color": "white", "width": 1},
                "pattern": {"shape": patterns[category]},
            },
            customdata=[mark(CategoryClick(i, category)) for i in rates.index],
            hovertemplate="%{y}<br>" + pretty(category) + ": %{x:.1f} per 1,000 words<extra></extra>",
        )
    measure = "hits per 1,000 words in the outlet's own voice, quotations left out"
    if intervals is not None:
        ids = list(names)
        bounds = intervals_of(intervals, ids, LOADED.flat)
        totals = bounds["estimate"].astype(float)
        fig.add_scatter(
            name="Total (95% interval)",
            y=[names[i] for i in ids],
            x=totals,
            mode="markers+text",
            marker={"symbol": "line-ns-open", "size": 12, "color": INTERVAL_COLOR, "line": {"width": 2}},
            text=count_text(bounds),
            textposition="top right",
            hovertext=interval_text(bounds, "{:.1f}"),
            hovertemplate="%{y}<br>total %{x:.1f} per 1,000 words<br>%{hovertext}<extra></extra>",
            **error_bars(totals, bounds),
        )
        measure += "; whiskers: 95% bootstrap intervals of the total; n: words (articles for outlets)"
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
    return finish(
        fig,
        "Loaded and sensational language",
        subtitle(corpus, articles, measure),
        x_title="Hits per 1,000 words",
        height=bar_height(len(names)),
        legend_title="Kind",
    )
