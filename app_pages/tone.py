"""Tone: the sentiment of every sentence, its course through each article, and loaded language."""

import itertools

import pandas as pd
import streamlit as st

from app_pages.state import current_view, judged_sentences
from app_pages.widgets import evidence, just_clicked, sentence_card, show
from ui import catalogue
from ui.clicks import ArticleClick, CategoryClick, SentenceClick
from ui.highlight import Mark
from ui.markdown import md
from ui.style import counted, pretty

view = current_view()
tables = view.tables
st.title("Tone")
st.caption(
    "Sentence tone is the news-tuned VADER score (see Methods), from -1 (most negative) to +1 (most positive), "
    "for each sentence: a single score for a whole article saturates near -1 on any war report. "
    "Click a point to read it."
)

view.note()
picks = {
    "tone_strip": show(view, catalogue.sentence_tone(view.sample), "tone_strip"),
    "tone_arc": show(view, catalogue.tone_arc(view.sample), "tone_arc"),
}


def model_judgement(article_id: str, start: int) -> tuple[str, list[Mark]]:
    """The sentence model's score of the sentence starting at `start`, for its card's note, and
    the words behind it in bold where the model flags it."""
    judged = next((j for j in judged_sentences(view.text(article_id)) if j.start == start), None)
    if judged is None:
        return "", []
    note = f" \u00b7 loaded score {judged.probability:.2f}" + (" (flagged)" if judged.loaded else "")
    marks = [Mark(a, b, "model_word", "the sentence model's evidence") for _, a, b in judged.evidence]
    return note, marks if judged.loaded else []


clicked = just_clicked(picks)
if clicked:
    chosen = [(c.article, c.sentence) for c in picks[clicked[0]] if isinstance(c, SentenceClick)][:10]
    title = f"{counted(len(chosen), 'sentence')} and {'its' if len(chosen) == 1 else 'their'} tone"
    if isinstance(clicked[1], ArticleClick):  # an article's mean: its most negative and most positive sentences
        body = tables.sentences[(tables.sentences["id"] == clicked[1].row) & ~tables.sentences["headline"]]
        extremes = pd.concat([body.nsmallest(5, "compound"), body.nlargest(5, "compound")]).drop_duplicates("sentence")
        chosen = [(clicked[1].row, int(s)) for s in extremes["sentence"]]
        title = "The article's most negative and most positive sentences"  # each card names the article

    def sentences() -> None:
        for article_id, sentence in chosen:
            row = tables.sentences[(tables.sentences["id"] == article_id) & (tables.sentences["sentence"] == sentence)]
            if row.empty:
                continue
            row = row.iloc[0]
            loaded = tables.loaded[(tables.loaded["id"] == article_id) & (tables.loaded["sentence"] == sentence)]
            marks = [Mark(int(h.start), int(h.end), "loaded", pretty(h.category)) for h in loaded.itertuples()]
            note = f"sentence {sentence + 1} \u00b7 tone {row.compound:+.2f}"
            extra, evidence_marks = model_judgement(article_id, int(row.start))
            sentence_card(view, article_id, int(row.start), int(row.end), marks + evidence_marks, note + extra)
        st.caption(
            "Loaded terms of the word list are underlined; where the sentence model flags a sentence, the words "
            "behind its score are in bold (Methods: the loaded-wording sentence model)."
        )

    evidence(title, sentences)

st.divider()  # the chart below carries its own title
loaded_picks = {"tone_loaded": show(view, catalogue.loaded(view.charts), "tone_loaded")}
clicked = just_clicked(loaded_picks)
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
if clicked and isinstance(clicked[1], CategoryClick):
    chart_id, category = clicked[1].row, clicked[1].category
    rows = tables.loaded[tables.loaded["id"].isin(view.expand(chart_id)) & (tables.loaded["category"] == category)]

    def loaded_sentences() -> None:
        st.markdown(md(f"{pretty(category)} in {view.label(chart_id)}") + f" \u00b7 {counted(len(rows), 'term')}")
        for (article_id, sentence), group in itertools.islice(rows.groupby(["id", "sentence"], sort=False), 12):
            first = group.iloc[0]
            marks = [Mark(int(h.start), int(h.end), "loaded", pretty(h.category)) for h in group.itertuples()]
            end = int(first.sentence_start) + len(first.sentence_text)
            note = f"sentence {sentence + 1} \u00b7 {first.voice} voice"
            extra, evidence_marks = model_judgement(article_id, int(first.sentence_start))
            sentence_card(view, article_id, int(first.sentence_start), end, marks + evidence_marks, note + extra)
        st.caption(
            "The category's terms are underlined; where the sentence model flags a sentence, the words behind its "
            "score are in bold (Methods: the loaded-wording sentence model)."
        )

    evidence(f"Evidence: {pretty(category)}", loaded_sentences)
