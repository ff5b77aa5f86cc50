"""Readability: the standard formulas side by side, what each scale means, and sentence lengths."""

import pandas as pd
import streamlit as st

from analysis.limits import MAX_SENTENCE_WORDS
from analysis.readability import FORMULAS
from app_pages.state import current_view
from app_pages.widgets import evidence, just_clicked, sentence_card, show
from ui import catalogue
from ui.clicks import SentenceClick
from ui.markdown import md
from ui.style import counted

view = current_view()
tables = view.tables
st.title("Readability")
st.caption(
    "Computed with textstat. Flesch reading ease runs from 0 to 100 and higher is easier; every other formula is "
    "a grade (US school years) and higher is harder. The shaded reading levels of a grade: below 6 elementary, "
    "6-9 middle school, 9-13 high school, 13-17 college, 17 and above graduate."
)

view.note()
counts = view.articles[["id", "label"]].merge(tables.scores, on="id")
unpunctuated = counts[counts["words_per_sentence"] > MAX_SENTENCE_WORDS]
if not unpunctuated.empty:
    st.warning(
        md(
            f"{counted(len(unpunctuated), 'article')} average{'s' if len(unpunctuated) == 1 else ''} over "
            f"{MAX_SENTENCE_WORDS} words a sentence, so the scores below are not meaningful: the text has "
            "lost its sentence punctuation (a one-line export?). " + "; ".join(unpunctuated["label"].head(5))
        )
    )
show(view, catalogue.readability(view.charts), "rd_panels", select=False)
with st.expander("What each formula measures", expanded=False):
    st.dataframe(
        pd.DataFrame({"formula": [f.title for f in FORMULAS.values()], "scale": [f.scale for f in FORMULAS.values()]}),
        hide_index=True,
        width="stretch",
    )

picks = {"rd_lengths": show(view, catalogue.sentence_lengths(view.sample), "rd_lengths")}
clicked = just_clicked(picks)
st.subheader("Counts")
st.dataframe(
    counts[["label", "words", "sentences", "words_per_sentence", "long_word_share"]].rename(
        columns={
            "label": "Article",
            "words": "Words",
            "sentences": "Sentences (as the formulas count)",
            "words_per_sentence": "Words per sentence (as the formulas count)",
            "long_word_share": "Words of 3+ syllables",
        }
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "Words": st.column_config.NumberColumn(help="the article's word count, the same on every page"),
        "Words of 3+ syllables": st.column_config.NumberColumn(format="percent"),
    },
)
if clicked:
    chosen = [(c.article, c.sentence) for c in picks["rd_lengths"] if isinstance(c, SentenceClick)][:10]

    def sentences() -> None:
        for article_id, sentence in chosen:
            row = tables.sentences[(tables.sentences["id"] == article_id) & (tables.sentences["sentence"] == sentence)]
            row = row.iloc[0]
            note = f"sentence {sentence + 1} \u00b7 {row.words} words"
            sentence_card(view, article_id, int(row.start), int(row.end), [], note)

    evidence(counted(len(chosen), "sentence"), sentences)
