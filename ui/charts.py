"""Pure figure builders: tables in, plotly figures out. No streamlit, no scoring.

Every mark carries `customdata` that names its evidence (article id, and the label group or
sentence), so a page can open the sentences behind a click. Every figure has a title that
says what it shows, a subtitle with the corpus, the number of articles and the measure,
labelled axes and a legend.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.readability import FORMULAS
from ui.labels import short_label
from ui.style import (
    ACTOR_COLORS,
    VOICE_COLORS,
    VOICE_NAMES,
    bar_height,
    category_colors,
    finish,
    group_colors,
    position_color,
    pretty,
    safe,
    subtitle,
    wrap,
)

READING_BANDS = [  # US grade bands shaded behind grade-level charts
    (0, 6, "Elementary", "#f1f7f1"),
    (6, 9, "Middle school", "#f7f9ef"),
    (9, 13, "High school", "#fbf6ea"),
    (13, 17, "College", "#fbefef"),
    (17, 40, "Graduate", "#f6e8ec"),
]


def _target_name(lexicon: pd.DataFrame, target: str) -> str:
    """The target's label for a title: lower case, without a leading article ("the army's withdrawal")."""
    label = str(lexicon.loc[lexicon["target"] == target, "target_label"].iloc[0])
    return safe(label[4:] if label.lower().startswith("the ") else label).lower()


def _labels(articles: pd.DataFrame) -> dict[str, str]:
    return {row.id: wrap(row.label) for row in articles.itertuples()}


def _order(articles: pd.DataFrame) -> list[str]:
    """Article labels top to bottom in corpus order (plotly draws categories bottom-up)."""
    return list(reversed([wrap(label) for label in articles["label"]]))


def label_mix(
    labels: pd.DataFrame,
    lexicon: pd.DataFrame,
    articles: pd.DataFrame,
    target: str,
    corpus: str,
    voice: str = "own_voice",
) -> go.Figure:
    """100% stacked bars: the share of each label group in each article's labels for `target`."""
    names = _labels(articles)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)]
    totals = rows.groupby("id")[voice].sum()
    colors = group_colors(lexicon, target)
    target_label = _target_name(lexicon, target)
    fig = go.Figure()
    for group in lexicon.loc[lexicon["target"] == target, "group"]:
        part = rows[rows["group"] == group].set_index("id").reindex(list(names))
        counts = part[voice].fillna(0)
        share = [100 * c / totals.get(i, 0) if totals.get(i, 0) else 0 for i, c in counts.items()]
        if not any(share):
            continue
        fig.add_bar(
            name=pretty(group),
            y=[names[i] for i in counts.index],
            x=share,
            orientation="h",
            marker={"color": colors[group], "line": {"color": "white", "width": 1}},
            customdata=[[i, group, int(c)] for i, c in counts.items()],
            hovertemplate="%{y}<br>" + pretty(group) + ": %{x:.0f}% (%{customdata[2]} mentions)<extra></extra>",
        )
    where = "in the outlet's own voice" if voice == "own_voice" else "in all voices"
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    return finish(
        fig,
        f"What each article calls the {target_label}",
        subtitle(corpus, articles, f"share of label mentions {where}"),
        height=bar_height(len(names)) + 60,
        legend_title="Label",
        legend="bottom",
    )


def label_rates(
    labels: pd.DataFrame, lexicon: pd.DataFrame, articles: pd.DataFrame, target: str, corpus: str, measure: str
) -> go.Figure:
    """Stacked bars of label mentions per article, as counts or per 1,000 words."""
    names = _labels(articles)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)]
    colors = group_colors(lexicon, target)
    target_label = _target_name(lexicon, target)
    fig = go.Figure()
    for group in lexicon.loc[lexicon["target"] == target, "group"]:
        part = rows[rows["group"] == group].set_index("id").reindex(list(names)).fillna(0)
        if not part[measure].any():
            continue
        fig.add_bar(
            name=pretty(group),
            y=[names[i] for i in part.index],
            x=part[measure],
            orientation="h",
            marker={"color": colors[group], "line": {"color": "white", "width": 1}},
            customdata=[[i, group] for i in part.index],
            hovertemplate="%{y}<br>" + pretty(group) + ": %{x:.3~f}<extra></extra>",
        )
    unit = "mentions per 1,000 words" if measure == "per_1k" else "mentions"
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    return finish(
        fig,
        f"How often each article labels the {target_label}",
        subtitle(corpus, articles, unit + ", all voices"),
        x_title=unit.capitalize(),
        height=bar_height(len(names)),
        legend_title="Label",
    )


def label_split(
    labels: pd.DataFrame, lexicon: pd.DataFrame, articles: pd.DataFrame, target: str, corpus: str, split: str
) -> go.Figure:
    """Side-by-side panels of label counts: own voice | quoted, or headline | body."""
    names = _labels(articles)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)].copy()
    rows["body"] = rows["total"] - rows["headline"]
    panels = {"voice": [("own_voice", "Outlet's own voice"), ("quoted", "Inside quotations")]}
    panels["place"] = [("headline", "Headline"), ("body", "Body")]
    columns = panels[split]
    colors = group_colors(lexicon, target)
    target_label = _target_name(lexicon, target)
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        shared_xaxes=True,  # one scale for both panels, so a short bar means few mentions in either
        subplot_titles=[t for _, t in columns],
        horizontal_spacing=0.04,
    )
    for col, (column, _) in enumerate(columns, start=1):
        for group in lexicon.loc[lexicon["target"] == target, "group"]:
            part = rows[rows["group"] == group].set_index("id").reindex(list(names)).fillna(0)
            if not rows.loc[rows["group"] == group, ["own_voice", "quoted", "headline"]].to_numpy().any():
                continue
            fig.add_bar(
                name=pretty(group),
                legendgroup=group,
                showlegend=col == 1,
                y=[names[i] for i in part.index],
                x=part[column],
                orientation="h",
                marker={"color": colors[group], "line": {"color": "white", "width": 1}},
                customdata=[[i, group, column] for i in part.index],
                hovertemplate="%{y}<br>" + pretty(group) + ": %{x} mentions<extra></extra>",
                row=1,
                col=col,
            )
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_xaxes(title_text="Mentions", rangemode="tozero")
    what = "own voice and quotations" if split == "voice" else "headline and body"
    return finish(
        fig,
        f"Labels for the {target_label}: {what}",
        subtitle(corpus, articles, "label mentions, counted apart"),
        height=bar_height(len(names)),
        legend_title="Label",
    )


def legitimacy(
    scores: pd.DataFrame, lexicon: pd.DataFrame, articles: pd.DataFrame, corpus: str, actors: list[str] | None = None
) -> go.Figure:
    """Each article's label-legitimacy index per actor (all, or those given) on one axis from -1 to +1."""
    names = _labels(articles)
    rows = scores[scores["id"].isin(names)].set_index("id").reindex(list(names))
    actors_frame = lexicon.loc[lexicon["kind"] == "actor", ["target", "target_label"]].drop_duplicates()
    actors = actors_frame[actors_frame["target"].isin(actors)] if actors else actors_frame
    fig = go.Figure()
    fig.add_vline(x=0, line={"color": "#bdbdbd", "width": 1})
    for color, actor in zip(ACTOR_COLORS, actors.itertuples(), strict=False):
        column = f"legitimacy_{actor.target}"
        if column not in rows:
            continue
        fig.add_scatter(
            name=safe(actor.target_label),
            y=[names[i] for i in rows.index],
            x=rows[column],
            mode="markers",
            marker={"size": 14, "color": color, "line": {"color": "white", "width": 1.5}},
            customdata=[[i, actor.target] for i in rows.index],
            hovertemplate="%{y}<br>" + safe(actor.target_label) + ": %{x:.2f}<extra></extra>",
        )
    fig.update_xaxes(
        range=[-1.1, 1.1],
        zeroline=False,
        tickvals=[-1, -0.5, 0, 0.5, 1],
        ticktext=["-1<br>delegitimising", "-0.5", "0", "+0.5", "+1<br>legitimising"],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles), showgrid=True, gridcolor="#f0f2f5")
    single = len(actors) == 1
    fig.update_layout(showlegend=not single)
    who = f" of the {actors.iloc[0].target_label.lower()}" if single else ""
    return finish(
        fig,
        f"Label-legitimacy index{who} per article",
        subtitle(corpus, articles, "scale positions of the labels, weighted by own-voice mentions"),
        x_title="Legitimacy index (-1 to +1)",
        height=bar_height(len(names)) + 30,
        legend_title="Actor",
    )


def tone_and_loaded(scores: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """Two panels sharing the articles: mean sentence tone, and loaded terms per 1,000 words."""
    names = _labels(articles)
    rows = scores[scores["id"].isin(names)].set_index("id").reindex(list(names))
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.05,
        subplot_titles=["Mean sentence tone", "Loaded terms per 1,000 words"],
    )
    tone = rows["tone_sentence_mean"]
    fig.add_bar(
        y=[names[i] for i in rows.index],
        x=tone,
        orientation="h",
        marker={"color": ["#b2182b" if v < 0 else "#2166ac" for v in tone]},
        text=[f"{v:+.2f}" for v in tone],
        textposition="outside",
        cliponaxis=False,
        customdata=[[i] for i in rows.index],
        hovertemplate="%{y}<br>mean sentence tone %{x:.2f}<extra></extra>",
        showlegend=False,
        row=1,
        col=1,
    )
    fig.add_bar(
        y=[names[i] for i in rows.index],
        x=rows["loaded_per_1k"],
        orientation="h",
        marker={"color": "#D55E00"},
        text=[f"{v:.0f}" for v in rows["loaded_per_1k"]],
        textposition="outside",
        cliponaxis=False,
        customdata=[[i] for i in rows.index],
        hovertemplate="%{y}<br>%{x:.1f} loaded terms per 1,000 words<extra></extra>",
        showlegend=False,
        row=1,
        col=2,
    )
    low = min(-0.5, float(tone.min()) - 0.1)
    fig.update_xaxes(
        range=[low, max(0.3, float(tone.max()) + 0.15)], title_text="-1 negative to +1 positive", row=1, col=1
    )
    fig.update_xaxes(
        range=[0, max(10, float(rows["loaded_per_1k"].max()) * 1.25)], title_text="per 1,000 words", row=1, col=2
    )
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_annotations(font={"size": 14})
    return finish(
        fig,
        "Tone and loaded language per article",
        subtitle(corpus, articles, "VADER sentence tone averaged over body sentences; loaded-language hits"),
        height=bar_height(len(names)) + 20,
    )


def metric_bars(
    scores: pd.DataFrame, articles: pd.DataFrame, column: str, corpus: str, title: str, axis: str, measure: str
) -> go.Figure:
    """One horizontal bar per article for one score."""
    names = _labels(articles)
    rows = scores[scores["id"].isin(names)].set_index("id").reindex(list(names))
    fig = go.Figure(
        go.Bar(
            y=[names[i] for i in rows.index],
            x=rows[column],
            orientation="h",
            marker={"color": "#1f4e79"},
            text=[f"{v:.1f}" for v in rows[column]],
            textposition="outside",
            cliponaxis=False,
            customdata=[[i] for i in rows.index],
            hovertemplate="%{y}<br>%{x:.2f}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_xaxes(rangemode="tozero", range=[0, float(np.nanmax(rows[column])) * 1.18 if len(rows) else 1])
    return finish(fig, title, subtitle(corpus, articles, measure), x_title=axis, height=bar_height(len(names)))


def strongest_overlap(pairs: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """For each article, the other article it is most similar to."""
    names = _labels(articles)
    partner_names = articles.set_index("id")["label"].to_dict()
    best = _strongest_partners(pairs, list(names))
    fig = go.Figure(
        go.Bar(
            y=[names[a] for a, _, _ in best],
            x=[s for _, _, s in best],
            orientation="h",
            marker={"color": "#4393c3"},
            text=[f"with {short_label(partner_names[b], 28)}" if b else "" for _, b, _ in best],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 12, "color": "#1b1f24"},
            customdata=[[a, b or ""] for a, b, _ in best],
            hovertemplate="%{y}<br>most similar to %{customdata[1]}: %{x:.2f}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_xaxes(range=[0, 1])
    return finish(
        fig,
        "Strongest overlap of each article",
        subtitle(corpus, articles, "TF-IDF cosine similarity with its closest other article"),
        x_title="Similarity (0 to 1)",
        height=bar_height(len(names)),
    )


def sentence_tone_strip(sentences: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """One point per sentence: its tone, by article, own voice and quotations distinguished."""
    names = _labels(articles)
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
            customdata=list(zip(part["id"], part["sentence"], strict=True)),
            text=[safe(t[:120]) for t in part["text"]],
            hovertemplate="%{text}<br>tone %{x:.2f}<extra></extra>",
        )
    fig.update_yaxes(
        tickvals=list(range(len(order))), ticktext=[names[i] for i in reversed(order)], range=[-0.6, len(order) - 0.4]
    )
    fig.update_xaxes(range=[-1.05, 1.05], zeroline=True, zerolinecolor="#bdbdbd")
    return finish(
        fig,
        "Tone of every sentence",
        subtitle(corpus, articles, "VADER compound score per sentence"),
        x_title="Sentence tone (-1 to +1)",
        height=bar_height(len(names), per_row=60),
        legend_title="",
    )


def tone_arc(sentences: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """Sentence tone from first to last sentence: one strip per article, a bar per sentence.

    One bar trace on one pair of axes, each article's bars standing on its own baseline: forty
    articles draw as fast as five (a subplot per article takes seconds to build)."""
    names = _labels(articles)
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
            custom.append((article_id, int(sentence)))
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
        subtitle(corpus, articles, "VADER tone of each sentence, red negative, blue positive"),
        x_title="Sentence number, first to last",
        height=bar_height(len(ids), per_row=90),
    )


def loaded_rates(loaded: pd.DataFrame, articles: pd.DataFrame, categories: list[str], corpus: str) -> go.Figure:
    """Loaded and sensational language per 1,000 words, stacked by category."""
    names = _labels(articles)
    words = articles.set_index("id")["words"]
    colors = category_colors(categories)
    fig = go.Figure()
    for category in categories:
        counts = loaded[loaded["category"] == category].groupby("id").size().reindex(list(names)).fillna(0)
        if not counts.any():
            continue
        fig.add_bar(
            name=pretty(category),
            y=[names[i] for i in counts.index],
            x=[1000 * c / words[i] if words[i] else 0 for i, c in counts.items()],
            orientation="h",
            marker={"color": colors[category], "line": {"color": "white", "width": 1}},
            customdata=[[i, category] for i in counts.index],
            hovertemplate="%{y}<br>" + pretty(category) + ": %{x:.1f} per 1,000 words<extra></extra>",
        )
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    return finish(
        fig,
        "Loaded and sensational language",
        subtitle(corpus, articles, "hits per 1,000 words, own voice and quotations"),
        x_title="Hits per 1,000 words",
        height=bar_height(len(names)),
        legend_title="Kind",
    )


def _reading_bands(fig: go.Figure, row: int, col: int, top: float) -> list[dict]:
    """The shaded reading levels behind one grade panel, as shapes (add_vrect per panel is slow)."""
    panel = fig.get_subplot(row, col)
    xref = panel.xaxis.plotly_name.replace("axis", "")
    yref = panel.yaxis.plotly_name.replace("axis", "") + " domain"
    return [
        {"type": "rect", "xref": xref, "yref": yref, "x0": low, "x1": min(high, top), "y0": 0, "y1": 1}
        | {"fillcolor": color, "line": {"width": 0}, "layer": "below"}
        for low, high, _, color in READING_BANDS
    ]


def readability_panels(scores: pd.DataFrame, articles: pd.DataFrame, formulas: list[str], corpus: str) -> go.Figure:
    """Every formula side by side, one panel each, grade panels shaded by reading level."""
    names = _labels(articles)
    rows = scores[scores["id"].isin(names)].set_index("id").reindex(list(names))
    cols = 2
    nrows = (len(formulas) + cols - 1) // cols
    fig = make_subplots(
        rows=nrows,
        cols=cols,
        subplot_titles=[FORMULAS[f].title if f in FORMULAS else pretty(f) for f in formulas],
        shared_yaxes=True,
        horizontal_spacing=0.06,
        vertical_spacing=0.32 / max(1, nrows - 1) if nrows > 1 else 0.1,
    )
    bands = []
    for index, formula in enumerate(formulas):
        row, col = index // cols + 1, index % cols + 1
        values = rows[formula]
        fig.add_bar(
            y=[names[i] for i in rows.index],
            x=values,
            orientation="h",
            marker={"color": "#1f4e79" if formula != "flesch_reading_ease" else "#1b7837"},
            text=[f"{v:.1f}" for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=[[i, formula] for i in rows.index],
            hovertemplate="%{y}<br>%{x:.2f}<extra>"
            + (FORMULAS[formula].title if formula in FORMULAS else formula)
            + "</extra>",
            showlegend=False,
            row=row,
            col=col,
        )
        top = 100 if formula == "flesch_reading_ease" else max(20, float(np.nanmax(values)) * 1.25)
        fig.update_xaxes(range=[0, top], row=row, col=col)
        if formula in FORMULAS and FORMULAS[formula].grade:
            bands += _reading_bands(fig, row, col, top)
    fig.update_layout(shapes=bands)
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_annotations(font={"size": 14}, yshift=4)
    finish(
        fig,
        "How hard each article is to read",
        subtitle(corpus, articles, "textstat readability formulas; grades are US school years, shaded by level"),
        height=max(480, 160 + nrows * (80 + 44 * len(names))),
    )
    fig.update_layout(margin={"t": 140})
    return fig


def sentence_lengths(sentences: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """The distribution of sentence length in words, one box per article."""
    names = _labels(articles)
    fig = go.Figure()
    for article_id, label in names.items():
        part = sentences[(sentences["id"] == article_id) & ~sentences["heading"] & (sentences["words"] > 0)]
        fig.add_box(
            name=label,
            x=part["words"],
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker={"color": "#1f4e79", "size": 5, "opacity": 0.6},
            line={"color": "#1f4e79"},
            fillcolor="rgba(31,78,121,0.12)",
            customdata=list(zip(part["id"], part["sentence"], strict=True)),
            text=[safe(t[:120]) for t in part["text"]],
            hovertemplate="%{text}<br>%{x} words<extra></extra>",
            orientation="h",
            showlegend=False,
        )
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_xaxes(rangemode="tozero")
    return finish(
        fig,
        "Sentence length",
        subtitle(corpus, articles, "words per sentence, one point per sentence"),
        x_title="Words per sentence",
        height=bar_height(len(names), per_row=50),
    )


def similarity_heatmap(similarity: pd.DataFrame, articles: pd.DataFrame, corpus: str) -> go.Figure:
    """The pairwise similarity matrix; a cell opens that pair."""
    names = _labels(articles)
    ids = [i for i in names if i in similarity.index]
    matrix = similarity.loc[ids, ids].to_numpy()
    labels = [names[i] for i in ids]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=labels,
            y=labels,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            colorbar={"title": {"text": "Similarity"}, "thickness": 14},
            text=[["" if np.isnan(v) else f"{v:.2f}" for v in row] for row in matrix],
            texttemplate="%{text}",
            customdata=[[[a, b] for b in ids] for a in ids],
            hovertemplate="%{y}<br>%{x}<br>similarity %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30, showgrid=False)
    return finish(
        fig,
        "How similar the articles are",
        subtitle(
            corpus,
            articles,
            "TF-IDF cosine similarity of whole texts"
            + ("; mean over compared article pairs, the diagonal within one outlet" if "articles" in articles else ""),
        ),
        height=max(420, 220 + 48 * len(ids)),
    )


def source_matrix(matrix: pd.DataFrame, types: dict[str, str], articles: pd.DataFrame, corpus: str) -> go.Figure:
    """Articles by named sources: how often each article cites each source."""
    names = _labels(articles)
    ids = [i for i in names if i in matrix.index]
    part = matrix.loc[ids]
    part = part.loc[:, part.sum(axis=0) > 0]
    order = part.astype(bool).sum(axis=0).sort_values(ascending=False).index
    part = part[order]
    fig = go.Figure(
        go.Heatmap(
            z=part.to_numpy(),
            x=[safe(c) for c in part.columns],
            y=[names[i] for i in ids],
            colorscale=[[0, "#ffffff"], [0.0001, "#d1e5f0"], [1, "#053061"]],
            colorbar={"title": {"text": "Citations"}, "thickness": 14},
            text=[[str(v) if v else "" for v in row] for row in part.to_numpy()],
            texttemplate="%{text}",
            xgap=2,
            ygap=2,
            customdata=[[[i, c] for c in part.columns] for i in ids],
            hovertemplate="%{y}<br>%{x}: %{z} citations<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-35)
    kinds = [[safe(types.get(c, "other")).replace("_", " ") for c in part.columns] for _ in ids]
    fig.update_traces(hovertext=kinds, hovertemplate="%{y}<br>%{x} (%{hovertext}): %{z} citations<extra></extra>")
    return finish(
        fig,
        "Who each article cites",
        subtitle(corpus, articles, "citations of named sources (quotes, reported speech, posts)"),
        height=max(380, 260 + 40 * len(ids)),
    )


def _strongest_partners(pairs: pd.DataFrame, ids: list[str]) -> list[tuple[str, str | None, float]]:
    """For each article, (id, most similar other article, similarity) within `ids`."""
    best = []
    chosen = pairs[pairs["a"].isin(ids) & pairs["b"].isin(ids)]
    for article_id in ids:
        mine = chosen[(chosen["a"] == article_id) | (chosen["b"] == article_id)]
        if mine.empty:
            best.append((article_id, None, 0.0))
            continue
        top = mine.loc[mine["similarity"].idxmax()]
        best.append((article_id, top["b"] if top["a"] == article_id else top["a"], float(top["similarity"])))
    return best


def overview_panels(
    labels: pd.DataFrame,
    lexicon: pd.DataFrame,
    scores: pd.DataFrame,
    pairs: pd.DataFrame,
    articles: pd.DataFrame,
    target: str,
    corpus: str,
) -> go.Figure:
    """All four questions on one screen, one row per article: label mix, legitimacy, tone,
    loaded language, reading grade and strongest overlap."""
    names = _labels(articles)
    ids = list(names)
    y = [names[i] for i in ids]
    rows = scores.set_index("id").reindex(ids)
    target_label = _target_name(lexicon, target)
    titles = [
        f"Labels for the<br>{target_label} (share)",
        "Legitimacy<br>index",
        "Mean<br>sentence tone",
        "Loaded terms<br>per 1,000 words",
        "Reading grade<br>(Flesch-Kincaid)",
        "Strongest<br>overlap",
    ]
    fig = make_subplots(
        rows=1,
        cols=6,
        shared_yaxes=True,
        horizontal_spacing=0.035,
        column_widths=[0.3, 0.14, 0.14, 0.14, 0.14, 0.14],
        subplot_titles=titles,
    )
    own = labels[(labels["target"] == target) & labels["id"].isin(ids)]
    totals = own.groupby("id")["own_voice"].sum()
    colors = group_colors(lexicon, target)
    for group in lexicon.loc[lexicon["target"] == target, "group"]:
        counts = own[own["group"] == group].set_index("id").reindex(ids)["own_voice"].fillna(0)
        if not counts.any():
            continue
        share = [100 * c / totals[i] if totals.get(i, 0) else 0 for i, c in counts.items()]
        fig.add_bar(
            name=pretty(group),
            y=y,
            x=share,
            orientation="h",
            marker={"color": colors[group], "line": {"color": "white", "width": 1}},
            customdata=[[i, group, int(c)] for i, c in counts.items()],
            hovertemplate="%{y}<br>" + pretty(group) + ": %{x:.0f}% (%{customdata[2]} mentions)<extra></extra>",
            row=1,
            col=1,
        )
    legit = rows[f"legitimacy_{target}"] if f"legitimacy_{target}" in rows else pd.Series(np.nan, index=ids)
    fig.add_scatter(
        y=y,
        x=legit,
        mode="markers+text",
        marker={"size": 13, "color": [position_color(v) if v == v else "#bdbdbd" for v in legit]},
        text=[f"{v:+.2f}" if v == v else "n/a" for v in legit],
        textposition="top center",
        textfont={"size": 11},
        customdata=[[i] for i in ids],
        hovertemplate="%{y}<br>legitimacy index %{x:.2f}<extra></extra>",
        showlegend=False,
        row=1,
        col=2,
    )
    panels = [
        (
            3,
            rows["tone_sentence_mean"],
            "{:+.2f}",
            ["#b2182b" if v < 0 else "#2166ac" for v in rows["tone_sentence_mean"]],
        ),
        (4, rows["loaded_per_1k"], "{:.0f}", "#D55E00"),
        (5, rows["flesch_kincaid_grade"], "{:.1f}", "#1f4e79"),
    ]
    for col, values, fmt, color in panels:
        fig.add_bar(
            y=y,
            x=values,
            orientation="h",
            marker={"color": color},
            text=[fmt.format(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=[[i] for i in ids],
            hovertemplate="%{y}<br>%{x:.2f}<extra>" + titles[col - 1].replace("<br>", " ") + "</extra>",
            showlegend=False,
            row=1,
            col=col,
        )
    best = _strongest_partners(pairs, ids)
    partner_names = articles.set_index("id")["label"].to_dict()
    fig.add_bar(
        y=y,
        x=[s for _, _, s in best],
        orientation="h",
        marker={"color": "#4393c3"},
        text=[f"{s:.2f}" for _, _, s in best],
        textposition="outside",
        cliponaxis=False,
        customdata=[[a, b or ""] for a, b, _ in best],
        hovertext=[safe(partner_names.get(b, "")) for _, b, _ in best],
        hovertemplate="%{y}<br>most similar to %{hovertext}: %{x:.2f}<extra></extra>",
        showlegend=False,
        row=1,
        col=6,
    )
    tone_low = min(-0.5, float(rows["tone_sentence_mean"].min()) - 0.1)
    ranges = {
        1: [0, 100],
        2: [-1.15, 1.15],
        3: [tone_low, 0.35],
        4: [0, max(10, float(rows["loaded_per_1k"].max()) * 1.35)],
        5: [0, max(16, float(rows["flesch_kincaid_grade"].max()) * 1.3)],
        6: [0, 1.2],
    }
    for col, bounds in ranges.items():
        fig.update_xaxes(range=bounds, row=1, col=col, nticks=4)
    fig.update_xaxes(tickvals=[0, 50, 100], ticktext=["0", "50", "100%"], row=1, col=1)
    fig.update_xaxes(tickvals=[-1, 0, 1], ticktext=["-1", "0", "+1"], row=1, col=2)
    fig.add_vline(x=0, line={"color": "#bdbdbd", "width": 1}, row=1, col=2)
    fig.update_yaxes(categoryorder="array", categoryarray=_order(articles))
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_annotations(font={"size": 13}, yanchor="bottom", yshift=4)
    finish(
        fig,
        "How the articles compare",
        subtitle(
            corpus,
            articles,
            "labels in the outlet's own voice; legitimacy -1 to +1; VADER tone; FK grade; TF-IDF similarity",
        ),
        height=bar_height(len(ids)) + 130,
        legend_title="Label",
        legend="bottom",
    )
    fig.update_layout(margin={"t": 160})
    return fig
