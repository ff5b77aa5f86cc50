"""What the Validation page shows of a coding sheet and its report: an editable table and a few
sentences a reviewer can check. Pure: no streamlit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from analysis.validation import Estimate, SheetRow, ValidationReport

CODES = {True: "right", False: "wrong"}


def sheet_editor_frame(rows: Sequence[SheetRow]) -> pd.DataFrame:
    """One row per item: the item in its sentence, what it was counted as, its voice and the code."""
    return pd.DataFrame(
        {
            "item": [r.context for r in rows],
            "group": [r.group for r in rows],
            "voice": [r.voice for r in rows],
            "code": [CODES.get(r.correct) for r in rows],
        }
    )


def coded_rows(rows: Sequence[SheetRow], edited: pd.DataFrame) -> list[SheetRow]:
    """The sheet with the codes of the edited table (same rows, same order)."""
    back = {value: key for key, value in CODES.items()}
    return [
        replace(row, correct=back.get(code) if isinstance(code, str) else None)
        for row, code in zip(rows, edited["code"], strict=True)
    ]


def _share(estimate: Estimate) -> str:
    if estimate.value is None:
        return "not enough coded items"
    return f"**{estimate.value:.2f}** (95% interval {estimate.ci_low:.2f} to {estimate.ci_high:.2f})"


def _agreement(name: str, agreement) -> str:
    kappa = "undefined" if agreement.cohen_kappa is None else f"{agreement.cohen_kappa:.2f}"
    alpha = "undefined" if agreement.krippendorff_alpha is None else f"{agreement.krippendorff_alpha:.2f}"
    share = "-" if agreement.agreement is None else f"{agreement.agreement:.0%}"
    return (
        f"**{name}**: {agreement.units} items coded by both, {share} the same; Cohen's kappa {kappa}, "
        f"Krippendorff's alpha (nominal) {alpha}."
    )


def report_lines(report: ValidationReport, second_coder: str | None = None) -> list[str]:
    """The report in sentences: precision over the selection, recall, and agreement."""
    lines = [
        f"Precision over the selection (each group weighted by how many items it holds): "
        f"{_share(report.overall_precision)}, from {report.coded} coded items."
    ]
    if report.recall:
        lines.append(
            f"Recall of loaded sentences (the flagged share of all sentences the coder judges loaded, estimated "
            f"from both strata): {_share(report.recall)}."
        )
    if report.tool_and_coder:
        lines.append(_agreement("The tool and the coder", report.tool_and_coder))
    if report.coders and second_coder:
        lines.append(_agreement(f"The two coders (with {second_coder})", report.coders))
    lines.append(
        "Wilson (1927) intervals per group; Cohen (1960); Krippendorff (2011). Alpha of 0.8 or more is the usual "
        "bar for drawing conclusions, 0.667 for tentative ones (Krippendorff 2004)."
    )
    return lines
