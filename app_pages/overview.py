"""Overview: every article compared on framing, tone, readability and overlap, on one screen."""

import streamlit as st

from analysis.registry import FK_GRADE, HEADLINE_TONE, LEGITIMACY, LOADED, by_column, chosen
from app_pages.address import switch_to
from app_pages.state import current_view
from app_pages.widgets import just_clicked, label_dialog, show
from ui import catalogue
from ui.clicks import ArticleClick, LabelClick, PairClick
from ui.markdown import md

view = current_view()
tables = view.tables
st.title("Overview")
st.caption(
    "One row per outlet: click a coloured label segment to read the sentences behind it."
    if view.grouped
    else "One row per article. Click a coloured label segment to read the sentences behind it, any other bar to "
    "open the article, or a strongest-overlap bar to compare the pair side by side."
)

view.note()
picked = show(view, catalogue.overview(view.charts), "ov_panels")

clicked = just_clicked({"ov_panels": picked})
click = clicked[1] if clicked else None
if isinstance(click, LabelClick):
    label_dialog(view, click.row, click.group, click.target)
elif isinstance(click, PairClick) and click.b and not view.grouped:  # a strongest-overlap bar
    st.session_state["pair"] = (click.a, click.b)
    switch_to("app_pages/overlap.py")
elif isinstance(click, ArticleClick) and not view.grouped:  # a reading-grade or loaded-language diamond
    st.session_state["focus_article"] = click.row
    switch_to("app_pages/article.py")

st.subheader("Scorecard")
card = catalogue.scorecard(view.charts)
st.dataframe(
    card,
    hide_index=True,
    width="stretch",
    column_config={
        "Article": st.column_config.TextColumn(width="medium"),
        "Outlet": st.column_config.TextColumn(help="as stated in the article; 'not stated' when it does not say"),
        **{
            m.short: st.column_config.TextColumn(help=m.help)  # shown as text: "no headline" where there is none
            if m is HEADLINE_TONE
            else st.column_config.NumberColumn(format=m.format, help=m.help)
            for m in (LEGITIMACY, *chosen("scorecard"))
        },
    },
)
most_loaded = card.loc[card[LOADED.short].idxmax()]
hardest = card.loc[card[by_column(FK_GRADE).short].idxmax()]
rate, grade = most_loaded[LOADED.short], hardest[by_column(FK_GRADE).short]
st.caption(
    f"Most sensational: {md(most_loaded['Article'])} ({rate:.0f} loaded terms per 1,000 words). "
    f"Hardest to read: {md(hardest['Article'])} (grade {grade:.1f})."
)
