"""Containment against the Clough-Stevenson corpus: the figures the README reports, both halves."""

from __future__ import annotations

import json

import pytest

from evaluation import reuse
from evaluation.data import RESULTS_DIR, eval_dir

DATA = eval_dir()
needs_data = pytest.mark.skipif(not (DATA / "clough-stevenson").exists(), reason="evaluation data not present")


@needs_data
def test_containment_orders_reuse_levels_on_both_halves():
    result = reuse.evaluate(DATA)
    for half in ("dev", "held_out"):
        assert result["halves"][half]["spearman"] >= 0.78, half
        assert result["halves"][half]["auc"] >= 0.96, half


@needs_data
def test_committed_figures_are_reproduced():
    committed = json.loads((RESULTS_DIR / "reuse.json").read_text(encoding="utf-8"))
    assert reuse.evaluate(DATA) == committed
