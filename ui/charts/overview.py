"""The one overview figure that compares every article on the four questions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.charts.common import label_map, label_order, target_name
from ui.style import (
    bar_height,
    finish,
    group_colors,
    position_color,
    pretty,
    safe,
    subtitle,
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
    names = label_map(articles)
    ids = list(names)
    y = [names[i] for i in ids]
    rows = scores.set_index("id").reindex(ids)
    target_label = target_name(lexicon, target)
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
    fig.update_yaxes(categoryorder="array", categoryarray=label_order(articles))
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_annotations(font={"size": 13}, yanchor="bottom", yshift=4)
    finish(
        fig,
        "How the articles compare",
        subtitle(
            corpus,
            articles,
            "labels and loaded terms in the outlet's own voice; legitimacy -1 to +1; news-tuned VADER tone; "
            "FK grade; TF-IDF similarity",
        ),
        height=bar_height(len(ids)) + 130,
        legend_title="Label",
        legend="bottom",
    )
    fig.update_layout(margin={"t": 160})
    return fig
