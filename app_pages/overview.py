"""Overview: every article compared on framing, tone, readability and overlap, on one screen."""

import streamlit as st

from analysis.registry import FK_GRADE, HEADLINE_TONE, LEGITIMACY, LOADED, by_column, chosen
from app_pages import keys
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


def loudest_outlet(view, row: str, rate: float) -> str:
    """The outlet with the most loaded language, said as strongly as Compare's test allows."""
    outlet = row.rsplit(" (", 1)[0]  # an outlet group's row is named "Outlet (12 articles)"
    _, result = catalogue.comparison(view, "outlet", LOADED)
    if outlet not in {g.group for g in result.groups}:  # "Other outlets", or outlets not stated
        return f"Highest loaded-language rate: {md(row)} ({rate:.0f} loaded terms per 1,000 words)."
    above = [
        p.b if p.a == outlet else p.a
        for p in result.pairs
        if outlet in (p.a, p.b) and p.p_adjusted < 0.05 and (p.difference > 0) == (p.a == outlet)
    ]
    others = [g.group for g in result.groups if g.group != outlet and g.estimate is not None]
    said = f"Most loaded language: {md(outlet)} ({rate:.0f} loaded terms per 1,000 words)"
    if others and len(above) == len(others):
        return f"{said}, clearly above every other outlet (Compare, Holm-adjusted p < 0.05)."
    if above:
        return f"{said}, clearly above {md(', '.join(sorted(above)))} only (Compare); not clearly above the rest."
    return (
        f"Highest loaded-language rate: {md(outlet)} ({rate:.0f} per 1,000 words), but Compare finds no clear "
        "difference from the other outlets."
    )


view.note()
picked = show(view, catalogue.overview(view.charts), "ov_panels")

clicked = just_clicked({"ov_panels": picked})
click = clicked[1] if clicked else None
if isinstance(click, LabelClick):
    label_dialog(view, click.row, click.group, click.target)
elif isinstance(click, PairClick) and click.b and not view.grouped:  # a strongest-overlap bar
    st.session_state[keys.PAIR] = (click.a, click.b)
    switch_to("app_pages/overlap.py")
elif isinstance(click, ArticleClick) and not view.grouped:  # a reading-grade or loaded-language diamond
    st.session_state[keys.FOCUS_ARTICLE] = click.row
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
            else st.column_config.NumberColumn(
                format=m.format, help=m.help + ("; blank: too few for an estimate" if m.interval_unit else "")
            )
            for m in (LEGITIMACY, *chosen("scorecard"))
        },
    },
)
grade_column = by_column(FK_GRADE).short
lines = []
if card[LOADED.short].notna().any():
    most_loaded = card.loc[card[LOADED.short].idxmax()]
    rate = most_loaded[LOADED.short]
    if view.grouped:
        # An outlet is named only as far as Compare finds it apart from the others.
        lines.append(loudest_outlet(view, str(most_loaded["Article"]), rate))
    else:
        lines.append(f"Most sensational: {md(most_loaded['Article'])} ({rate:.0f} loaded terms per 1,000 words).")
if card[grade_column].notna().any():
    hardest = card.loc[card[grade_column].idxmax()]
    lines.append(f"Hardest to read: {md(hardest['Article'])} (grade {hardest[grade_column]:.1f}).")
st.caption(" ".join(lines))
