"""What the Validation page shows of a coding sheet and its report: an editable table and a few
sentences a reviewer can check. Pure: no streamlit."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from analysis.validation import Estimate, SheetRow, ValidationReport, validation_report
from ui.markdown import md

CODES = {True: "right", False: "wrong"}
VOICE_NAMES = {"own": "own words", "quoted": "quotation", "mixed": "part quotation"}


# Characters of context kept before and after an item in the table: a cell shows about sixty.
BEFORE, AFTER = 36, 90


def around(context: str, before: int = BEFORE, after: int = AFTER) -> str:
    """The [bracketed] item of a context with some of its sentence either side, so that a table
    cell shows the item however long its sentence."""
    start, end = context.find("["), context.find("]")
    if start < 0 or end < start:
        return context
    left, right = context[:start], context[end + 1 :]
    left = left if len(left) <= before else "…" + left[-before:]
    right = right if len(right) <= after else right[:after] + "…"
    return f"{left}{context[start : end + 1]}{right}"


def sheet_editor_frame(rows: Sequence[SheetRow], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per item: the item, the item in its sentence, what it was counted as (by `names`,
    else as written), its voice and the code."""
    names = names or {}
    return pd.DataFrame(
        {
            "term": [r.text for r in rows],
            "item": [around(r.context) for r in rows],
            "group": [names.get(r.group, r.group) for r in rows],
            "voice": [r.voice for r in rows],
            "code": [None if r.correct is None else CODES[r.correct] for r in rows],
            "voice_code": [None if r.voice_correct is None else CODES[r.voice_correct] for r in rows],
        }
    )


def group_names(lexicon: pd.DataFrame) -> dict[str, str]:
    """`actor/group` strata named as a reader says them: "Armed opposition: rebel"."""
    return {
        f"{row.target}/{row.group}": f"{row.target_label}: {row.group.replace('_', ' ')}"
        for row in lexicon.itertuples(index=False)
    }


def coded_rows(rows: Sequence[SheetRow], edited: pd.DataFrame) -> list[SheetRow]:
    """The sheet with the codes of the edited table (same rows, same order)."""
    back = {value: key for key, value in CODES.items()}

    def code(value: object) -> bool | None:
        return back.get(value) if isinstance(value, str) else None

    return [
        replace(row, correct=code(first), voice_correct=code(voice))
        for row, first, voice in zip(rows, edited["code"], edited["voice_code"], strict=True)
    ]


def share_text(estimate: Estimate) -> str:
    """An estimate with its interval, the value in bold: **0.95** (95% interval 0.85 to 1.00)."""
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
        f"{share_text(report.overall_precision)}, from {report.coded} coded items."
    ]
    coded = sorted(g.coded for g in report.groups if g.coded)
    typical = coded[len(coded) // 2] if coded else 0
    if typical < 10:
        lines.append(
            f"Half the groups have {typical} or fewer coded items, so their intervals are wide: draw a larger "
            "sample before reporting a group's precision."
        )
    if report.recall:
        lines.append(
            f"Recall of loaded sentences (the flagged share of all sentences the coder judges loaded, estimated "
            f"from both strata): {share_text(report.recall)}."
        )
    if report.voices:
        calls = "; ".join(
            f"{VOICE_NAMES.get(v.group, v.group)} {v.correct} of {v.coded} right, "
            f"{share_text(Estimate(v.precision, v.ci_low, v.ci_high))}"
            for v in report.voices
        )
        lines.append(f"The voice the tool gave (the outlet's own words or a quotation): {calls}.")
    if report.tool_and_coder:
        lines.append(_agreement("The tool and the coder", report.tool_and_coder))
    if report.coders and second_coder:
        lines.append(_agreement(f"The two coders (with {md(second_coder)})", report.coders))
    lines.append(
        "Wilson (1927) intervals per group; Cohen (1960); Krippendorff (2011). Alpha of 0.8 or more is the usual "
        "bar for drawing conclusions, 0.667 for tentative ones (Krippendorff 2004)."
    )
    return lines


@dataclass(frozen=True)
class Coded:
    """One coder's sheet of one kind of item, as saved for the selection's study."""

    what: str
    coder: str
    rows: tuple[SheetRow, ...]

    @cached_property
    def report(self) -> ValidationReport:
        return validation_report(self.rows)


def precision_frame(report: ValidationReport, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Precision per group as a table: the chart's data and the report's rows."""
    names = names or {}
    return pd.DataFrame(
        [
            {
                "group": names.get(g.group, g.group),
                "coded": g.coded,
                "right": g.correct,
                "precision": g.precision,
                "ci_low": g.ci_low,
                "ci_high": g.ci_high,
                "items in selection": g.stratum_size,
            }
            for g in report.groups
        ],
        columns=["group", "coded", "right", "precision", "ci_low", "ci_high", "items in selection"],
    )


def plain(markdown: str) -> str:
    """A report line without its markdown emphasis, for HTML and text."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
