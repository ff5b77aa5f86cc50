"""The one overview figure that compares every article on the four questions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.registry import FK_GRADE, LOADED, SENTENCE_TONE
from ui.charts.common import (
    TOO_FEW,
    as_percent,
    count_text,
    error_bars,
    interval_text,
    intervals_of,
    label_map,
    row_positions,
    share_whiskers,
    target_name,
)
from ui.clicks import ArticleClick, LabelClick, PairClick, mark
from ui.style import (
    bar_height,
    finish,
    group_colors,
    position_color,
    pretty,
    safe,
    subtitle,
)

TONE, LOADED_RATE = SENTENCE_TONE.flat, LOADED.flat


def _strongest_partners(pairs: pd.DataFrame, ids: list[str]) -> list[tuple[str, str | None, float]]:
    """For each article, (id, most similar other article, similarity) within `ids`."""
    best: list[tuple[str, str | None, float]] = []
    chosen = pairs[pairs["a"].isin(ids) & pairs["b"].isin(ids)]
    for article_id in ids:
        mine = chosen[(chosen["a"] == article_id) | (chosen["b"] == article_id)]
        if mine.empty:
            best.append((article_id, None, 0.0))
            continue
        top = mine.loc[mine["similarity"].idxmax()]
        partner = str(top["b"] if top["a"] == article_id else top["a"])
        best.append((article_id, partner, float(top["similarity"])))
    return best


def overview_panels(
    labels: pd.DataFrame,
    lexicon: pd.DataFrame,
    scores: pd.DataFrame,
    pairs: pd.DataFrame,
    articles: pd.DataFrame,
    target: str,
    corpus: str,
    intervals: pd.DataFrame | None = None,
) -> go.Figure:
    """All four questions on one screen, one row per article: label mix, legitimacy, tone,
    loaded language, reading grade and strongest overlap; each estimate with its 95% interval
    and count when `intervals` (from `analysis.intervals`) are given."""
    names = label_map(articles)
    ids = list(names)
    positions = row_positions(ids)
    y = [positions[i] for i in ids]
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
    groups = lexicon.loc[lexicon["target"] == target, "group"].tolist()
    present = [g for g in groups if own.loc[own["group"] == g, "own_voice"].any()]
    first = intervals_of(intervals, ids, "cumulative_share", target, groups[0]) if groups else None
    too_few = [
        i
        for i in ids
        if intervals is not None and first is not None and first.loc[i, "estimate"] != first.loc[i, "estimate"]
    ]
    for group in present:
        counts = own[own["group"] == group].set_index("id").reindex(ids)["own_voice"].fillna(0)
        share = [0 if i in too_few or not totals.get(i, 0) else 100 * c / totals[i] for i, c in counts.items()]
        own_share = as_percent(intervals_of(intervals, ids, "share", target, group))
        fig.add_bar(
            name=pretty(group),
            y=y,
            x=share,
            orientation="h",
            marker={"color": colors[group], "line": {"color": "white", "width": 1}},
            customdata=[mark(LabelClick(i, group, target), int(c)) for i, c in counts.items()],
            hovertext=[f"{names[i]}<br>{t}" for i, t in zip(ids, interval_text(own_share, "{:.0f}%"), strict=True)],
            hovertemplate="%{hovertext}<br>" + pretty(group) + ": %{x:.0f}% (%{customdata[4]} mentions)<extra></extra>",
            row=1,
            col=1,
        )
    if intervals is not None:
        boundaries = [
            (pretty(g), as_percent(intervals_of(intervals, ids, "cumulative_share", target, g))) for g in present[:-1]
        ]
        share_whiskers(fig, positions, boundaries, row=1, col=1)
    if too_few:
        fig.add_scatter(
            y=[positions[i] for i in too_few],
            x=[1] * len(too_few),
            mode="text",
            text=[f"{TOO_FEW} mentions ({int(totals.get(i, 0))})" for i in too_few],
            textposition="middle right",
            textfont={"size": 11, "color": "#6b7280"},
            hoverinfo="skip",
            showlegend=False,
            row=1,
            col=1,
        )
    column = f"legitimacy_{target}"
    panels = [
        (2, "legitimacy", target, rows[column] if column in rows else pd.Series(np.nan, index=ids), "{:+.2f}"),
        (3, TONE, "", rows[TONE], "{:+.2f}"),
        (4, LOADED_RATE, "", rows[LOADED_RATE], "{:.0f}"),
        (5, FK_GRADE, "", rows[FK_GRADE], "{:.1f}"),
    ]
    for col, measure, measure_target, values, fmt in panels:
        bounds = intervals_of(intervals, ids, measure, measure_target)
        shown = values.astype(float)
        if intervals is not None:  # no estimate (too few mentions or sentences): no mark
            shown = shown.where(bounds["estimate"].notna().to_numpy())
        counts = count_text(bounds)
        fig.add_scatter(
            y=y,
            x=shown,
            mode="markers+text",
            marker={
                "size": 11,
                "symbol": "diamond" if col > 2 else "circle",
                "color": [_panel_color(measure, v) for v in shown],
                "line": {"color": "white", "width": 1},
            },
            text=[
                f"{fmt.format(v)} {c}" if v == v else f"<span style='color:#6b7280'>{TOO_FEW} {c}</span>"
                for v, c in zip(shown, counts, strict=True)
            ],
            textposition="top center",
            textfont={"size": 11},
            cliponaxis=False,
            customdata=[mark(ArticleClick(i)) for i in ids],
            hovertext=[f"{names[i]}<br>{t}" for i, t in zip(ids, interval_text(bounds, fmt), strict=True)],
            hovertemplate="%{x:.2f}<br>%{hovertext}<extra>" + titles[col - 1].replace("<br>", " ") + "</extra>",
            showlegend=False,
            row=1,
            col=col,
            **(error_bars(shown, bounds) if intervals is not None else {}),
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
        customdata=[mark(PairClick(a, b or "")) for a, b, _ in best],
        hovertext=[f"{names[a]}<br>most similar to {safe(partner_names.get(b, ''))}" for a, b, _ in best],
        hovertemplate="%{hovertext}: %{x:.2f}<extra></extra>",
        showlegend=False,
        row=1,
        col=6,
    )
    tone_values = pd.concat([rows[TONE], intervals_of(intervals, ids, TONE)["ci_low"]])
    loaded_top = pd.concat([rows[LOADED_RATE], intervals_of(intervals, ids, LOADED_RATE)["ci_high"]])
    grade_top = pd.concat([rows[FK_GRADE], intervals_of(intervals, ids, FK_GRADE)["ci_high"]])
    tone_low = min(-0.5, float(tone_values.astype(float).min()) - 0.1)
    ranges = {
        1: [0, 100],
        2: [-1.15, 1.15],
        3: [tone_low, 0.35],
        4: [0, max(10, float(loaded_top.astype(float).max()) * 1.15)],
        5: [0, max(16, float(grade_top.astype(float).max()) * 1.15)],
        6: [0, 1.2],
    }
    for col, bounds in ranges.items():
        fig.update_xaxes(range=bounds, row=1, col=col, nticks=4)
    fig.update_xaxes(tickvals=[0, 50, 100], ticktext=["0", "50", "100%"], row=1, col=1)
    fig.update_xaxes(tickvals=[-1, 0, 1], ticktext=["-1", "0", "+1"], row=1, col=2)
    fig.add_vline(x=0, line={"color": "#bdbdbd", "width": 1}, row=1, col=2)
    fig.update_yaxes(tickvals=list(positions.values()), ticktext=[names[i] for i in ids], range=[-0.6, len(ids) - 0.4])
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_annotations(font={"size": 13}, yanchor="bottom", yshift=4)
    finish(
        fig,
        "How the articles compare",
        subtitle(
            corpus,
            articles,
            "labels and loaded terms in the outlet's own voice; legitimacy -1 to +1; news-tuned VADER tone; "
            "FK grade; TF-IDF similarity<br>"
            "Whiskers: 95% bootstrap intervals; n: mentions, sentences, words or articles",
        ),
        height=bar_height(len(ids)) + 155,
        legend_title="Label",
        legend="bottom",
    )
    return fig


def _panel_color(measure: str, value: float) -> str:
    if value != value:
        return "#bdbdbd"
    if measure == "legitimacy":
        return position_color(value)
    if measure == TONE:
        return "#b2182b" if value < 0 else "#2166ac"
    return {LOADED_RATE: "#D55E00", FK_GRADE: "#1f4e79"}[measure]
