"""Figures of the labels articles give each actor and the legitimacy index."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.charts.common import label_map, label_order, target_name
from ui.style import (
    ACTOR_COLORS,
    bar_height,
    finish,
    group_colors,
    pretty,
    safe,
    subtitle,
)


def label_mix(
    labels: pd.DataFrame,
    lexicon: pd.DataFrame,
    articles: pd.DataFrame,
    target: str,
    corpus: str,
    voice: str = "own_voice",
) -> go.Figure:
    """100% stacked bars: the share of each label group in each article's labels for `target`."""
    names = label_map(articles)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)]
    totals = rows.groupby("id")[voice].sum()
    colors = group_colors(lexicon, target)
    target_label = target_name(lexicon, target)
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
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
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
    names = label_map(articles)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)]
    colors = group_colors(lexicon, target)
    target_label = target_name(lexicon, target)
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
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
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
    names = label_map(articles)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)].copy()
    rows["body"] = rows["total"] - rows["headline"]
    panels = {"voice": [("own_voice", "Outlet's own voice"), ("quoted", "Inside quotations")]}
    panels["place"] = [("headline", "Headline"), ("body", "Body")]
    columns = panels[split]
    colors = group_colors(lexicon, target)
    target_label = target_name(lexicon, target)
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
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
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
    names = label_map(articles)
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
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles), showgrid=True, gridcolor="#f0f2f5")
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
