"""The figure of a validation: precision per label group (or category) with its Wilson interval."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from analysis.validation import ValidationReport
from ui.charts.compare import intervals
from ui.style import safe

WHAT_NAMES = {"labels": "label hits", "loaded": "loaded-language hits", "sentences": "sentences"}


def precision_intervals(
    report: ValidationReport, what: str, corpus: str, coder: str, names: Mapping[str, str] | None = None
) -> go.Figure:
    """One row per stratum (named by `names` where given): the share the coder judged right, with
    its 95% Wilson interval."""
    names = names or {}
    rows = [
        (f"{safe(names.get(g.group, g.group))} ({g.correct} of {g.coded})", g.precision, g.ci_low, g.ci_high, g.group)
        for g in report.groups
    ]
    return intervals(
        rows,
        f"How often the {WHAT_NAMES[what]} are right",
        f"share judged right by {coder}, with its 95% Wilson interval<br>{corpus} \u00b7 {report.coded:,} coded",
        "share judged right",
        x_range=(0, 1.02),
    )
