"""Validation on a researcher's own corpus: coding sheets drawn from what the tool found, and
the agreement of the tool with human coders (precision, recall, kappa, alpha)."""

from analysis.validation.agreement import cohen_kappa, krippendorff_alpha, wilson
from analysis.validation.report import CoderAgreement, Estimate, GroupPrecision, ValidationReport, validation_report
from analysis.validation.sheets import (
    COLUMNS,
    WHAT,
    SheetError,
    SheetRow,
    candidates,
    read_sheet,
    sample,
    sheet_csv,
    sheet_frame,
)

__all__ = [
    "COLUMNS",
    "WHAT",
    "CoderAgreement",
    "Estimate",
    "GroupPrecision",
    "SheetError",
    "SheetRow",
    "ValidationReport",
    "candidates",
    "cohen_kappa",
    "krippendorff_alpha",
    "read_sheet",
    "sample",
    "sheet_csv",
    "sheet_frame",
    "validation_report",
    "wilson",
]
