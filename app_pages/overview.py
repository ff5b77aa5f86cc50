"""Overview: every article compared on framing, tone and readability."""

import streamlit as st

from app_pages.data import seed_scores_table

st.title("Framelens")
st.caption("How five outlets reported the rebel capture of Hama, Syria, on 5 December 2024.")

frame, refusals = seed_scores_table()
for article_id, reason in refusals:
    st.warning(f"{article_id} was not analysed: {reason}")

columns = {
    "title": "Article",
    "words": "Words",
    "dominant_armed_opposition": "Main label (opposition)",
    "legitimacy_armed_opposition": "Legitimacy index",
    "tone_sentence_mean": "Mean sentence tone",
    "loaded_per_1k": "Loaded terms / 1,000 words",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
}
st.dataframe(frame[list(columns)].rename(columns=columns), hide_index=True, width="stretch")
