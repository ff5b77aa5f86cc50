"""What coded sheets say about the tool: precision per stratum with Wilson intervals, recall of
loaded sentences estimated over the strata, and agreement of the tool and of two coders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from analysis.validation.agreement import cohen_kappa, krippendorff_alpha, wilson
from analysis.validation.sheets import LOADED, NOT_LOADED, SheetRow

RESAMPLES = 2_000


@dataclass(frozen=True)
class GroupPrecision:
    group: str
    coded: int
    correct: int
    precision: float | None
    ci_low: float | None
    ci_high: float | None
    stratum_size: int  # items of this group in the corpus the sample was drawn from


@dataclass(frozen=True)
class Estimate:
    value: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class CoderAgreement:
    units: int  # items both coders coded
    agreement: float | None  # share of those with the same code
    cohen_kappa: float | None
    krippendorff_alpha: float | None  # over every item at least one coder coded


@dataclass(frozen=True)
class ValidationReport:
    coded: int
    groups: tuple[GroupPrecision, ...]
    overall_precision: Estimate  # weighted by stratum size when the sheet gives it
    recall: Estimate | None  # of loaded sentences, for a sentence sheet
    tool_and_coder: CoderAgreement | None  # for a sentence sheet: the tool's call against the coder's
    coders: CoderAgreement | None  # with a second coder's sheet
    # Whether the tool's voice (own words or quotation) is right, per voice it gave, where coded.
    voices: tuple[GroupPrecision, ...] = ()


def _precision(group: str, rows: Sequence[SheetRow], code: str = "correct") -> GroupPrecision:
    coded = [r for r in rows if getattr(r, code) is not None]
    right = sum(bool(getattr(r, code)) for r in coded)
    interval = wilson(right, len(coded))
    return GroupPrecision(
        group,
        len(coded),
        right,
        right / len(coded) if coded else None,
        interval[0] if interval else None,
        interval[1] if interval else None,
        max((r.stratum_size for r in rows), default=0),
    )


def _weighted(groups: Sequence[GroupPrecision], rows_of: dict[str, list[bool]], truth) -> Estimate:
    """A corpus-level share from per-stratum shares weighted by stratum size (equal weights when
    the sheet gives no sizes), with a percentile interval from resampling within strata."""
    usable = [g for g in groups if g.coded]
    if not usable:
        return Estimate(None, None, None)
    weights = np.array([g.stratum_size or 1 for g in usable], dtype=float)
    rng = np.random.default_rng(0)
    shares = np.array([[np.mean(rows_of[g.group])] for g in usable])
    draws = np.stack(
        [rng.choice(rows_of[g.group], size=(RESAMPLES, len(rows_of[g.group]))).mean(axis=1) for g in usable]
    )
    value = truth(weights, shares[:, 0])
    resampled = np.array([truth(weights, draws[:, k]) for k in range(RESAMPLES)], dtype=float)
    resampled = resampled[~np.isnan(resampled)]
    if value is None or np.isnan(value) or not resampled.size:
        return Estimate(None, None, None)
    low, high = np.percentile(resampled, [2.5, 97.5])
    return Estimate(float(value), float(low), float(high))


def _overall(weights: np.ndarray, shares: np.ndarray) -> float:
    return float(weights @ shares / weights.sum())


def _recall(groups: Sequence[GroupPrecision], rows_of: dict[str, list[bool]]) -> Estimate | None:
    """Loaded sentences found: flagged-and-right over flagged-and-right plus unflagged-and-wrong,
    each stratum's share scaled to its size in the corpus."""
    flagged = next((g for g in groups if g.group == LOADED and g.coded), None)
    unflagged = next((g for g in groups if g.group == NOT_LOADED and g.coded), None)
    if not flagged or not unflagged:
        return None
    pair = [flagged, unflagged]

    def recall(weights: np.ndarray, shares: np.ndarray) -> float:
        found = weights[0] * shares[0]
        missed = weights[1] * (1 - shares[1])
        return float(found / (found + missed)) if found + missed else float("nan")

    return _weighted(pair, rows_of, recall)


def _tool_and_coder(rows: Sequence[SheetRow]) -> CoderAgreement | None:
    coded = [r for r in rows if r.correct is not None and r.group in (LOADED, NOT_LOADED)]
    if not coded:
        return None
    tool = [r.group == LOADED for r in coded]
    coder = [t if r.correct else not t for t, r in zip(tool, coded, strict=True)]
    return _agreement(tool, coder, [(t, c) for t, c in zip(tool, coder, strict=True)])


def _agreement(first: list, second: list, units: list) -> CoderAgreement:
    same = sum(a == b for a, b in zip(first, second, strict=True))
    return CoderAgreement(
        len(first),
        same / len(first) if first else None,
        cohen_kappa(first, second),
        krippendorff_alpha(units),
    )


def _coders(rows: Sequence[SheetRow], second: Sequence[SheetRow]) -> CoderAgreement:
    theirs = {r.key: r.correct for r in second}
    mine = {r.key: r.correct for r in rows}
    keys = sorted(set(mine) | set(theirs))
    both = [k for k in keys if mine.get(k) is not None and theirs.get(k) is not None]
    return _agreement([mine[k] for k in both], [theirs[k] for k in both], [(mine.get(k), theirs.get(k)) for k in keys])


def validation_report(rows: Sequence[SheetRow], second: Sequence[SheetRow] | None = None) -> ValidationReport:
    by_group: dict[str, list[SheetRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    groups = tuple(_precision(g, by_group[g]) for g in sorted(by_group))
    rows_of = {g: [bool(r.correct) for r in members if r.correct is not None] for g, members in by_group.items()}
    sentences = set(by_group) <= {LOADED, NOT_LOADED}
    return ValidationReport(
        coded=sum(g.coded for g in groups),
        groups=groups,
        # For sentences, precision is that of the flagged ones; for hits, over every group.
        overall_precision=_weighted(
            [g for g in groups if g.group == LOADED] if sentences else groups, rows_of, _overall
        ),
        recall=_recall(groups, rows_of) if sentences else None,
        tool_and_coder=_tool_and_coder(rows) if sentences else None,
        coders=_coders(rows, second) if second is not None else None,
        voices=_voices(rows),
    )


def _voices(rows: Sequence[SheetRow]) -> tuple[GroupPrecision, ...]:
    by_voice: dict[str, list[SheetRow]] = {}
    for row in rows:
        if row.voice_correct is not None:
            by_voice.setdefault(row.voice, []).append(row)
    return tuple(_precision(v, by_voice[v], "voice_correct") for v in sorted(by_voice))


def validation_record(report: ValidationReport) -> dict:
    """The report as JSON-ready values (the `validate report --format json` output)."""
    record = asdict(report)
    record["krippendorff_alpha"] = report.coders.krippendorff_alpha if report.coders else None
    record["cohen_kappa"] = report.coders.cohen_kappa if report.coders else None
    return record


def _share(estimate: Estimate) -> str:
    if estimate.value is None:
        return "-"
    return f"{estimate.value:.2f} ({estimate.ci_low:.2f}-{estimate.ci_high:.2f})"


def validation_text(report: ValidationReport) -> str:
    """The report as a table and a few lines, for a terminal."""
    lines = [f"{'group':<40} {'coded':>5} {'right':>5}  precision (95% Wilson)"]
    for g in report.groups:
        value = _share(Estimate(g.precision, g.ci_low, g.ci_high))
        lines.append(f"{g.group:<40} {g.coded:>5} {g.correct:>5}  {value}")
    lines.append(f"precision over the corpus (strata weighted by size): {_share(report.overall_precision)}")
    if report.recall:
        lines.append(f"recall of loaded sentences (estimated over the strata): {_share(report.recall)}")
    for v in report.voices:
        value = _share(Estimate(v.precision, v.ci_low, v.ci_high))
        lines.append(f"voice '{v.group}' right: {v.correct} of {v.coded}, {value}")
    for name, agreement in (("tool and coder", report.tool_and_coder), ("two coders", report.coders)):
        if agreement:
            kappa = "-" if agreement.cohen_kappa is None else f"{agreement.cohen_kappa:.3f}"
            alpha = "-" if agreement.krippendorff_alpha is None else f"{agreement.krippendorff_alpha:.3f}"
            lines.append(f"{name}: {agreement.units} items, Cohen's kappa {kappa}, Krippendorff's alpha {alpha}")
    return "\n".join(lines)
