"""The one place the dashboard caches: a corpus, scored."""

from __future__ import annotations

import streamlit as st

from analysis import read_articles, score_articles, scores_frame
from analysis.paths import SEEDS_DIR


@st.cache_data(show_spinner="Scoring the articles…")
def seed_scores_table():
    """Scores of the bundled articles, one row each, and the reasons for any refused file."""
    batch = read_articles([SEEDS_DIR])
    frame = scores_frame(score_articles(batch.articles))
    return frame, [(r.id, r.reason) for r in batch.refusals]
