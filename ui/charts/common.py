"""Shared pieces of the figure builders: target names and article labels in chart order."""

from __future__ import annotations

import pandas as pd

from ui.style import (
    safe,
    wrap,
)


def target_name(lexicon: pd.DataFrame, target: str) -> str:
    """The target's label for a title: lower case, without a leading article ("the army's withdrawal")."""
    label = str(lexicon.loc[lexicon["target"] == target, "target_label"].iloc[0])
    return safe(label[4:] if label.lower().startswith("the ") else label).lower()


def label_map(articles: pd.DataFrame) -> dict[str, str]:
    return {row.id: wrap(row.label) for row in articles.itertuples()}


def label_order(articles: pd.DataFrame) -> list[str]:
    """Article labels top to bottom in corpus order (plotly draws categories bottom-up)."""
    return list(reversed([wrap(label) for label in articles["label"]]))


INTERVAL_COLOR = "#2b2b2b"
TOO_FEW = "too few"


def intervals_of(
    intervals: pd.DataFrame | None, ids: list[str], measure: str, target: str = "", group: str = ""
) -> pd.DataFrame:
    """One row per id (in `ids` order) of `measure`'s estimate, interval and count; empty rows
    where no interval was computed (see `analysis.intervals`)."""
    columns = ["estimate", "ci_low", "ci_high", "n", "unit"]
    if intervals is None or intervals.empty:
        return pd.DataFrame(index=ids, columns=columns, dtype=object)
    chosen = intervals[
        (intervals["measure"] == measure) & (intervals["target"] == target) & (intervals["group"] == group)
    ]
    return chosen.drop_duplicates("id").set_index("id").reindex(ids)[columns]


def as_percent(rows: pd.DataFrame) -> pd.DataFrame:
    """Interval rows of a share (0 to 1) in percent."""
    rows = rows.copy()
    for column in ("estimate", "ci_low", "ci_high"):
        rows[column] = rows[column].astype(float) * 100
    return rows


def error_bars(values, rows: pd.DataFrame, horizontal: bool = True) -> dict:
    """Plotly error-bar settings drawing each row's 95% interval around `values` (none where unknown)."""
    values = pd.Series(list(values), index=rows.index, dtype=float)
    high = (rows["ci_high"].astype(float) - values).clip(lower=0)
    low = (values - rows["ci_low"].astype(float)).clip(lower=0)
    bars = {
        "type": "data",
        "symmetric": False,
        "array": high.tolist(),
        "arrayminus": low.tolist(),
        "color": INTERVAL_COLOR,
        "thickness": 1.3,
        "width": 4,
    }
    return {"error_x" if horizontal else "error_y": bars}


def interval_text(rows: pd.DataFrame, fmt: str = "{:+.2f}") -> list[str]:
    """Hover text per row: "95% CI [a, b] · 14 mentions", or why there is no estimate."""
    texts = []
    for row in rows.itertuples():
        n = "" if row.n != row.n or row.n is None else f"{int(row.n):,} {row.unit}"
        if row.ci_low is None or row.ci_low != row.ci_low:
            texts.append(f"{TOO_FEW} for an interval ({n})" if n else "no interval")
        else:
            texts.append(f"95% interval [{fmt.format(row.ci_low)}, {fmt.format(row.ci_high)}] \u00b7 {n}")
    return texts


def count_text(rows: pd.DataFrame) -> list[str]:
    """A row's count for a label beside its mark, small and grey: "n 14"."""
    return [
        "" if row.n != row.n or row.n is None else f"<span style='font-size:11px;color:#6b7280'>n {int(row.n):,}</span>"
        for row in rows.itertuples()
    ]


def row_positions(ids: list[str]) -> dict[str, int]:
    """Numeric y of each row, the first on top: lets marks sit above or below a row's centre."""
    return {article_id: len(ids) - 1 - index for index, article_id in enumerate(ids)}


def share_whiskers(fig, positions: dict[str, int], boundaries: list[tuple[str, pd.DataFrame]], **where) -> None:
    """The 95% interval of where each stacked segment ends (the running share up to it), one
    whisker per boundary, stepped down the bar so that neighbouring boundaries do not overlap.
    `boundaries`: (group name, interval rows in percent indexed by id) for every segment but the last."""
    xs, ys, high, low, texts = [], [], [], [], []
    for article_id, position in positions.items():
        drawn, previous = [], 0.0
        for name, rows in boundaries:
            row = rows.loc[article_id]
            estimate = float(row["estimate"])
            # A group this row does not use adds no boundary; nor does the bar's end at 100%.
            if estimate == estimate and previous + 1e-9 < estimate < 100 - 1e-9 and row["ci_low"] == row["ci_low"]:
                drawn.append((name, row))
            previous = estimate if estimate == estimate else previous
        steps = max(1, len(drawn) - 1)
        for k, (name, row) in enumerate(drawn):
            xs.append(row["estimate"])
            ys.append(position + (0.2 - 0.4 * k / steps if len(drawn) > 1 else 0.0))
            high.append(max(0.0, row["ci_high"] - row["estimate"]))
            low.append(max(0.0, row["estimate"] - row["ci_low"]))
            texts.append(f"up to {name}: {row['estimate']:.0f}% [{row['ci_low']:.0f}, {row['ci_high']:.0f}]")
    if not xs:
        return
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"symbol": "line-ns-open", "size": 7, "color": INTERVAL_COLOR, "line": {"width": 1.3}},
        error_x={"type": "data", "symmetric": False, "array": high, "arrayminus": low}
        | {"color": INTERVAL_COLOR, "thickness": 1, "width": 2},
        text=texts,
        # Not hoverable: a click on a segment must reach the bar (its evidence), not the whisker;
        # each segment's own share and interval are in the bar's hover.
        hoverinfo="skip",
        showlegend=False,
        **where,
    )
