"""Tone: the sentiment of every sentence, its course through each article, and loaded language."""

import streamlit as st

from app_pages.state import current_view
from app_pages.widgets import sentence_card, show
from ui import catalogue
from ui.highlight import Mark
from ui.markdown import md
from ui.style import pretty

view = current_view()
tables = view.tables
st.title("Tone")
st.caption(
    "Sentence tone is the news-tuned VADER score (see Methods), from -1 (most negative) to +1 (most positive), "
    "for each sentence: a single score for a whole article saturates near -1 on any war report. "
    "Click a point to read it."
)

view.note()
picked = show(view, catalogue.sentence_tone(view.sample), "tone_strip")
picked += show(view, catalogue.tone_arc(view.sample), "tone_arc")

for article_id, sentence in picked[:10]:
    row = tables.sentences[(tables.sentences["id"] == article_id) & (tables.sentences["sentence"] == sentence)].iloc[0]
    loaded = tables.loaded[(tables.loaded["id"] == article_id) & (tables.loaded["sentence"] == sentence)]
    marks = [Mark(int(h.start), int(h.end), "loaded", pretty(h.category)) for h in loaded.itertuples()]
    sentence_card(
        view,
        article_id,
        int(row.start),
        int(row.end),
        marks,
        f"sentence {sentence + 1} \u00b7 tone {row.compound:+.2f}",
    )

st.header("Loaded and sensational language")
hits = show(view, catalogue.loaded(view.charts), "tone_loaded")
st.subheader("Top loaded terms")
terms = tables.loaded[tables.loaded["id"].isin(view.ids) & (tables.loaded["category"] != "exclamation")]
counts = terms.groupby(["id", "term_key"]).size().reset_index(name="hits").sort_values("hits", ascending=False)


top_terms = {
    article_id: ", ".join(f"{t} ({n})" if n > 1 else t for t, n in zip(rows["term_key"], rows["hits"], strict=True))
    for article_id, rows in counts.groupby("id", sort=False).head(8).groupby("id", sort=False)
}
st.dataframe(
    {
        "Article": [view.label(i) for i in view.ids],
        "Top loaded terms (hits)": [top_terms.get(i, "none") for i in view.ids],
    },
    hide_index=True,
    width="stretch",
)
if hits and not view.grouped:
    article_id, category = hits[0][0], hits[0][1]
    st.subheader(md(f"{pretty(category)} in {view.label(article_id)}"))
    rows = tables.loaded[(tables.loaded["id"] == article_id) & (tables.loaded["category"] == category)]
    for sentence, group in rows.groupby("sentence"):
        first = group.iloc[0]
        marks = [Mark(int(h.start), int(h.end), "loaded", pretty(h.category)) for h in group.itertuples()]
        end = int(first.sentence_start) + len(first.sentence_text)
        sentence_card(
            view,
            article_id,
            int(first.sentence_start),
            end,
            marks,
            f"sentence {sentence + 1} \u00b7 {first.voice} voice",
        )
