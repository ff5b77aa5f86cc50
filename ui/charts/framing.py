"""Figures of the labels articles give each actor and the legitimacy index."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.charts.common import (
    INTERVAL_COLOR,
    as_percent,
    count_text,
    error_bars,
    interval_text,
    intervals_of,
    label_map,
    label_order,
    row_positions,
    share_whiskers,
    target_name,
)
from ui.clicks import ArticleClick, LabelClick, mark
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
    intervals: pd.DataFrame | None = None,
) -> go.Figure:
    """100% stacked bars: the share of each label group in each article's labels for `target`,
    with the 95% interval of where each segment ends when `intervals` are given."""
    names = label_map(articles)
    ids = list(names)
    positions = row_positions(ids)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)]
    totals = rows.groupby("id")[voice].sum()
    colors = group_colors(lexicon, target)
    target_label = target_name(lexicon, target)
    fig = go.Figure()
    drawn = []
    for group in lexicon.loc[lexicon["target"] == target, "group"]:
        part = rows[rows["group"] == group].set_index("id").reindex(ids)
        counts = part[voice].fillna(0)
        share = [100 * c / totals.get(i, 0) if totals.get(i, 0) else 0 for i, c in counts.items()]
        if not any(share):
            continue
        drawn.append(group)
        own_share = as_percent(intervals_of(intervals, ids, "share", target, group))
        fig.add_bar(
            name=pretty(group),
            y=[positions[i] for i in counts.index],
            x=share,
            orientation="h",
            marker={"color": colors[group], "line": {"color": "white", "width": 1}},
            customdata=[mark(LabelClick(i, group, target), int(c)) for i, c in counts.items()],
            hovertext=[f"{names[i]}<br>{t}" for i, t in zip(ids, interval_text(own_share, "{:.0f}%"), strict=True)],
            hovertemplate="%{hovertext}<br>" + pretty(group) + ": %{x:.0f}% (%{customdata[4]} mentions)<extra></extra>",
        )
    if intervals is not None:
        boundaries = [
            (pretty(g), as_percent(intervals_of(intervals, ids, "cumulative_share", target, g))) for g in drawn[:-1]
        ]
        share_whiskers(fig, positions, boundaries)
    where = "in the outlet's own voice" if voice == "own_voice" else "in all voices"
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(tickvals=list(positions.values()), ticktext=[names[i] for i in ids], range=[-0.6, len(ids) - 0.4])
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    whiskers = "; whiskers: 95% interval of where each segment ends" if intervals is not None else ""
    return finish(
        fig,
        f"What each article calls the {target_label}",
        subtitle(corpus, articles, f"share of label mentions {where}{whiskers}"),
        height=bar_height(len(names)) + 60,
        legend_title="Label",
        legend="bottom",
    )


def label_rates(
    labels: pd.DataFrame,
    lexicon: pd.DataFrame,
    articles: pd.DataFrame,
    target: str,
    corpus: str,
    measure: str,
    intervals: pd.DataFrame | None = None,
) -> go.Figure:
    """Stacked bars of label mentions per article, as counts or per 1,000 words; each row's count
    of mentions (articles for outlets) beside its bar, and with `intervals` the 95% interval of
    the whole bar's rate."""
    names = label_map(articles)
    ids = list(names)
    rows = labels[(labels["target"] == target) & labels["id"].isin(names)]
    colors = group_colors(lexicon, target)
    target_label = target_name(lexicon, target)
    fig = go.Figure()
    for group in lexicon.loc[lexicon["target"] == target, "group"]:
        part = rows[rows["group"] == group].set_index("id").reindex(ids).fillna(0)
        if not part[measure].any():
            continue
        fig.add_bar(
            name=pretty(group),
            y=[names[i] for i in part.index],
            x=part[measure],
            orientation="h",
            marker={"color": colors[group], "line": {"color": "white", "width": 1}},
            customdata=[mark(LabelClick(i, group, target)) for i in part.index],
            hovertemplate="%{y}<br>" + pretty(group) + ": %{x:.3~f}<extra></extra>",
        )
    totals = rows.groupby("id")[measure].sum().reindex(ids).fillna(0)
    bounds = intervals_of(intervals, ids, "rate", target)
    if intervals is None:  # the count of mentions, from the label rows themselves
        bounds = bounds.assign(n=rows.groupby("id")["total"].sum().reindex(ids).fillna(0), unit="mentions")
    rated = measure == "per_1k" and intervals is not None
    if rated:
        fig.add_scatter(
            y=[names[i] for i in ids],
            x=totals,
            mode="markers",
            marker={"size": 1, "color": INTERVAL_COLOR},
            hovertext=interval_text(bounds, "{:.2f}"),
            hovertemplate="%{y}<br>all labels: %{x:.3~f}<br>%{hovertext}<extra></extra>",
            showlegend=False,
            **error_bars(totals, bounds),
        )
    # Each row's count right of its bar and its whisker.
    ends = pd.concat([totals, bounds["ci_high"].astype(float)], axis=1).max(axis=1) if rated else totals
    fig.add_scatter(
        y=[names[i] for i in ids],
        x=ends,
        mode="text",
        text=count_text(bounds),
        textposition="middle right",
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
    )
    unit = "mentions per 1,000 words" if measure == "per_1k" else "mentions"
    note = unit + ", all voices; n: mentions (articles for outlets)"
    if rated:
        note += "; whiskers: 95% interval of the whole bar"
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
    fig.update_xaxes(rangemode="tozero")
    return finish(
        fig,
        f"How often each article labels the {target_label}",
        subtitle(corpus, articles, note),
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
                customdata=[mark(LabelClick(i, group, target)) for i in part.index],
                hovertemplate="%{y}<br>" + pretty(group) + ": %{x} mentions<extra></extra>",
                row=1,
                col=col,
            )
        totals = rows.groupby("id")[column].sum().reindex(list(names)).fillna(0)
        fig.add_scatter(  # each row's count in this panel, beside its bar
            y=[names[i] for i in totals.index],
            x=totals,
            mode="text",
            text=count_text(pd.DataFrame({"n": totals})),
            textposition="middle right",
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
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
        subtitle(corpus, articles, "label mentions, counted apart; n: mentions in each panel"),
        height=bar_height(len(names)),
        legend_title="Label",
    )


def legitimacy(
    scores: pd.DataFrame,
    lexicon: pd.DataFrame,
    articles: pd.DataFrame,
    corpus: str,
    actors: list[str] | None = None,
    intervals: pd.DataFrame | None = None,
) -> go.Figure:
    """Each article's label-legitimacy index per actor (all, or those given) on one axis from -1
    to +1, actors side by side within a row, with 95% intervals and counts when given."""
    names = label_map(articles)
    ids = list(names)
    rows = scores[scores["id"].isin(names)].set_index("id").reindex(ids)
    actors_frame = lexicon.loc[lexicon["kind"] == "actor", ["target", "target_label"]].drop_duplicates()
    shown = actors_frame[actors_frame["target"].isin(actors)] if actors else actors_frame
    fig = go.Figure()
    fig.add_vline(x=0, line={"color": "#bdbdbd", "width": 1})
    for number, (color, actor) in enumerate(zip(ACTOR_COLORS, shown.itertuples(), strict=False)):
        column = f"legitimacy_{actor.target}"
        if column not in rows:
            continue
        bounds = intervals_of(intervals, ids, "legitimacy", actor.target)
        values = rows[column].astype(float)
        if intervals is not None:
            values = values.where(bounds["estimate"].notna())
        fig.add_scatter(
            name=safe(actor.target_label),
            y=[names[i] for i in ids],
            x=values,
            mode="markers+text" if intervals is not None else "markers",
            marker={"size": 13, "color": color, "line": {"color": "white", "width": 1.5}},
            text=count_text(bounds),
            # Each actor's count on its own side of the row (plotly puts the first actor lowest).
            textposition="bottom center" if number == 0 else "top center",
            orientation="h",
            customdata=[mark(ArticleClick(i)) for i in ids],
            hovertext=interval_text(bounds),
            hovertemplate="%{y}<br>" + safe(actor.target_label) + ": %{x:.2f}<br>%{hovertext}<extra></extra>",
            **(error_bars(values, bounds) if intervals is not None else {}),
        )
    fig.update_xaxes(
        range=[-1.15, 1.15],
        zeroline=False,
        tickvals=[-1, -0.5, 0, 0.5, 1],
        ticktext=["-1<br>delegitimising", "-0.5", "0", "+0.5", "+1<br>legitimising"],
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=label_order(articles),
        showgrid=True,
        gridcolor="#f0f2f5",
        range=[-0.7, len(ids) - 0.3],
    )
    single = len(shown) == 1
    # Actors side by side within each row, so that one actor's dot never hides another's.
    fig.update_layout(showlegend=not single, scattermode="group", scattergap=0.5)
    who = f" of the {shown.iloc[0].target_label.lower()}" if single else ""
    measure = "scale positions of the labels, weighted by own-voice mentions"
    if intervals is not None:
        measure += "; whiskers: 95% bootstrap intervals; n: mentions (articles for outlets); no dot: fewer than 3"
    return finish(
        fig,
        f"Label-legitimacy index{who} per article",
        subtitle(corpus, articles, measure),
        x_title="Legitimacy index (-1 to +1)",
        height=bar_height(len(names), per_row=72 if not single else 48) + 30,
        legend_title="Actor",
    )
