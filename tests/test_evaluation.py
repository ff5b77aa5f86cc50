"""The committed evaluation figures: they match the code's versions and are reproduced.

The full runs take a minute (`python -m evaluation all`); these tests re-run each evaluation
on the small fixed slice recorded in its JSON, and check the bars the issues set.
"""

from __future__ import annotations

import json

import pytest

from evaluation.__main__ import EVALUATIONS
from evaluation.common import versions
from evaluation.data import RESULTS_DIR, eval_dir

DATA = eval_dir()
needs_data = pytest.mark.skipif(not DATA.exists(), reason="evaluation data not present beside the project")


def committed(name: str) -> dict:
    return json.loads((RESULTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(EVALUATIONS))
def test_committed_figures_were_made_by_this_code(name):
    assert committed(name)["versions"] == versions(), f"re-run: python -m evaluation {name}"


@needs_data
@pytest.mark.parametrize("name", list(EVALUATIONS))
def test_slice_is_reproduced(name):
    result = committed(name)
    limit = result["slice"]["limit"]
    assert EVALUATIONS[name](DATA, limit)["halves"] == result["slice"]["halves"]


def test_reuse_meets_the_bar_on_both_halves():
    for half in committed("reuse")["halves"].values():
        assert half["spearman"] >= 0.78 and half["auc"] >= 0.96


def test_tone_beats_published_vader_on_the_held_out_half():
    held_out = committed("tone")["halves"]["held_out"]
    assert held_out["framelens_pearson_r"] > 0.492
    assert held_out["framelens_pearson_r"] > held_out["vader_pearson_r"]


def test_readability_reproduces_published_clear_figures():
    whole = committed("readability")["whole_clear_pearson_r"]
    for formula in ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index"):
        published = {"flesch_reading_ease": 0.55, "flesch_kincaid_grade": -0.52, "smog_index": -0.56}[formula]
        assert abs(whole[formula] - published) <= 0.03, formula
    # textstat's Dale-Chall (its own easy-word list) lands 0.03 short of the authors' -0.56.
    assert abs(whole["dale_chall_readability_score"] - -0.56) <= 0.04
