"""Search: any word or phrase in context, how often each outlet uses it, over time; and the terms
that set one outlet (or group) apart, each a click away from its passages and the lexicon."""

import pandas as pd
import streamlit as st

from analysis.lexicon import LexiconError
from app_pages import keys
from app_pages.address import in_address
from app_pages.state import active_lexicon_text, add_form, current_view
from app_pages.widgets import open_article_button, sentence_card, show
from ui import catalogue
from ui.filters import metadata_columns
from ui.highlight import Mark
from ui.labels import named
from ui.markdown import md
from ui.style import counted, pretty
from ui.timeline import PERIODS

view = current_view()
tables = view.tables
st.title("Search")
st.caption(
    "Find a word or phrase in the selected articles (case is ignored; end a word with * for any ending, as in "
    "terror*), see every use in context and how often each outlet uses it, and add it to a label group of the "
    "lexicon. Below, the terms that set each outlet apart."
)

if keys.PENDING_QUERY in st.session_state:
    st.session_state[keys.SEARCH_QUERY] = st.session_state.pop(keys.PENDING_QUERY)
if keys.SEARCH_QUERY not in st.session_state:
    st.session_state[keys.SEARCH_QUERY] = st.query_params.get("q", "")
columns = metadata_columns(view.articles)
left, right = st.columns([3, 2])
with left:
    query = st.text_input(
        "Word or phrase", key=keys.SEARCH_QUERY, placeholder="e.g. so-called, regime, terror*"
    ).strip()
in_address(keys.SEARCH_BY, "by", ["outlet", *columns], "outlet")
with right:
    by = st.selectbox("Group by", ["outlet", *columns], key=keys.SEARCH_BY, format_func=lambda c: c.capitalize())
if query:
    st.query_params["q"] = query
elif "q" in st.query_params:
    del st.query_params["q"]

if query:
    item, hits = catalogue.term_use(view, query, by)
    st.subheader(
        md(f"\u201c{query}\u201d: {counted(len(hits), 'use')} in {counted(len({h.id for h in hits}), 'article')}")
    )
    if hits:
        show(view, item, "search_rates", select=False, export=True)
        if view.articles["published"].notna().any():
            in_address(keys.SEARCH_PERIOD, "period", list(PERIODS), "W")
            period = st.segmented_control("Period", list(PERIODS), key=keys.SEARCH_PERIOD, format_func=named(PERIODS))
            over_time = catalogue.term_over_time(view, hits, query, period or "W")
            show(view, over_time, "search_time", select=False, export=True)
        st.markdown("**Keyword in context** (click a row to read its sentence)")
        outlets = view.articles.set_index("id")["outlet"]
        kwic = pd.DataFrame(
            {
                "Article": [view.label(h.id) for h in hits],
                "Outlet": [outlets.get(h.id) or "not stated" for h in hits],
                "Before": [h.left for h in hits],
                "Match": [h.match for h in hits],
                "After": [h.right for h in hits],
            }
        )
        picked = st.dataframe(
            kwic,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="search_kwic",
            column_config={
                "Before": st.column_config.TextColumn(width="large"),
                "After": st.column_config.TextColumn(width="large"),
            },
        )
        rows = picked.selection.rows if picked else []
        if rows and rows[0] < len(hits):
            hit = hits[rows[0]]
            sentences = tables.sentences[(tables.sentences["id"] == hit.id)]
            around = sentences[(sentences["start"] <= hit.start) & (sentences["end"] >= hit.end)]
            start, end = (int(around.iloc[0].start), int(around.iloc[0].end)) if len(around) else (hit.start, hit.end)
            sentence_card(view, hit.id, start, end, [Mark(hit.start, hit.end, "loaded", query)])
            open_article_button(hit.id, "search_open")
    else:
        st.info("No article in the selection uses this word or phrase.")

    with st.expander(md(f"Add \u201c{query}\u201d to a label group of the lexicon")):
        lexicon = tables.lexicon
        targets = lexicon["target"].drop_duplicates().tolist()
        names = lexicon.drop_duplicates("target").set_index("target")["target_label"].to_dict()
        a, b = st.columns(2)
        target = a.selectbox("Actor or event", targets, key="search_target", format_func=named(names))
        group = b.selectbox(
            "Label group",
            lexicon.loc[lexicon["target"] == target, "group"].tolist(),
            key="search_group",
            format_func=pretty,
        )
        st.caption(
            md(
                f"Saves {tables.lexicon_name} as a new version with \u201c{query}\u201d among the forms of "
                f"{pretty(group)}, and makes it the active lexicon: every page is scored again with it."
            )
        )
        if st.button("Add to the lexicon", key="search_add", icon=":material/add:"):
            try:
                chosen = add_form(active_lexicon_text(), target, group, query)
            except LexiconError as error:
                st.error(md(f"Not added: {error}."))
            else:
                st.toast(md(f"Added \u201c{query}\u201d to {pretty(group)}: now {chosen}."))
                st.rerun()

st.header("Terms that set each group apart")
st.caption(
    "Words and two-word phrases used in more of a group's articles than of all the others, by the log-odds "
    "ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), each term counted once per "
    "article; z above 1.96 only, strongest first. The outlets' own names (an outlet naming itself) and "
    "honorifics (Mr, Dr: a house style) are set aside. Click a row to search for the term."
)
groups = catalogue.group_of(view, by)
asked = len(view.ids) <= catalogue.TERMS_UP_FRONT or st.session_state.get(keys.TERMS_ASKED) == (tuple(view.ids), by)
if len(set(groups.values())) < 2:
    st.info(md(f"The selected articles all share one {by}: there is nothing to set apart."))
elif not asked:
    st.caption(
        f"With {len(view.ids):,} articles selected, every word and phrase is counted only when asked (it can take "
        "half a minute); the result is kept for this selection."
    )
    if st.button("Find the terms", key="terms_find", icon=":material/manage_search:"):
        st.session_state[keys.TERMS_ASKED] = (tuple(view.ids), by)
        st.rerun()
else:
    found = catalogue.distinguishing_terms(view, by)
    if found.empty:
        st.info(
            "No term sets any group apart at z above 1.96: the groups use the same words at rates that differ by "
            "no more than chance would."
        )
    else:
        table = found.rename(
            columns={
                "group": by.capitalize(),
                "term": "Term",
                "z": "z",
                "log_odds": "Log-odds",
                "in_group": "Articles in group",
                "in_rest": "Articles elsewhere",
                "group_share": "Share of the group's articles",
                "rest_share": "Share of the others",
            }
        )
        term_pick = st.dataframe(
            table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="search_terms"
        )
        st.download_button(
            "CSV",
            found.to_csv(index=False),
            file_name="distinguishing-terms.csv",
            key="terms_csv",
            icon=":material/download:",
        )
        if term_pick and term_pick.selection.rows:
            term = found.iloc[term_pick.selection.rows[0]]["term"]
            if term != query:
                st.session_state[keys.PENDING_QUERY] = term
                st.rerun()
