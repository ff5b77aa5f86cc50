"""The controls every page shares, drawn once in the sidebar and kept in the address.

A copied link reproduces the view; a page changes a control with `request()`, applied here
before the widgets are drawn on the next run.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from analysis.store import SEEDS_COLLECTION
from app_pages import keys
from app_pages.address import in_address
from app_pages.state import (
    active_lexicon_text,
    corpus,
    corpus_dir,
    default_collections,
    lexicon_choices,
    sampled_from,
    store,
    wrong_hits,
)
from ui.filters import Filters, metadata_columns, outlet_of, published_dates
from ui.labels import LABEL_STYLES, named, picker_labels
from ui.markdown import md
from ui.style import counted

# Presentation view: only titles, text and charts remain; a faint "exit" link in the corner
# leads back with the same selection.
PRESENTATION_CSS = """<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stDownloadButton"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"],
[data-testid="stSegmentedControl"], [data-testid="stButton"], [data-testid="stPills"],
[data-testid="stCaptionContainer"], .modebar-container { display: none !important; }
section[data-testid="stSidebar"] { display: none !important; }
.exit-presentation { position: fixed; right: 8px; bottom: 6px; font-size: 11px; color: #9aa4b1; }
</style>"""


def _from_query(name: str, allowed: list[str], default):
    raw = st.query_params.get(name)
    if not raw:
        return default
    values = [v for v in raw.split(",") if v in allowed]
    if isinstance(default, list):
        return values or default
    return values[0] if values else default


def sidebar(analysed: bool = True) -> None:
    """Shared controls in the sidebar, drawn once by `dashboard.py` for every page.

    Their values live in the session and in the URL, so a copied link reproduces the view. A page
    changes them with `request()`, applied here before the widgets are drawn. A page that needs
    no analysis (`analysed` false: the Corpus page, where an import of 100,000 articles reports
    at once) gets the collections and the lexicon alone, and the corpus is not analysed for it.
    """
    if keys.PRESENT not in st.session_state:
        st.session_state[keys.PRESENT] = st.query_params.get("present") == "1"
    for key in (keys.LEXICON, keys.COLLECTIONS, keys.ARTICLES):
        if keys.pending(key) in st.session_state:
            value = st.session_state.pop(keys.pending(key))
            if value is None:
                st.session_state.pop(key, None)
            else:
                st.session_state[key] = value
    lexicons = list(lexicon_choices())
    if st.session_state.get(keys.LEXICON) not in lexicons:
        st.session_state[keys.LEXICON] = _from_query("lexicon", lexicons, lexicons[0])
    available = list(store().collections())
    if keys.COLLECTIONS not in st.session_state:
        st.session_state[keys.COLLECTIONS] = _from_query("collections", available, default_collections(available))
    st.session_state[keys.COLLECTIONS] = [c for c in st.session_state[keys.COLLECTIONS] if c in available]
    if not analysed:
        _study_controls(available, lexicons)
        return
    tables = corpus()
    all_ids = tables.articles["id"].tolist()
    actors = tables.lexicon.loc[tables.lexicon["kind"] == "actor", "target"].drop_duplicates().tolist()
    if keys.ARTICLES not in st.session_state:
        st.session_state[keys.ARTICLES] = _from_query("articles", all_ids, [])  # none chosen: all of them
    st.session_state[keys.ARTICLES] = [i for i in st.session_state[keys.ARTICLES] if i in all_ids]
    if st.session_state.get(keys.ACTOR) not in actors:
        st.session_state[keys.ACTOR] = _from_query("actor", actors, actors[0])
    if sampled_from():  # on every page, above its title: each of its figures rests on the sample
        st.warning(  # numbers only: nothing from an article or a file
            f"The chosen collections hold {sampled_from():,} articles; the dashboard analyses "
            f"{counted(len(all_ids), 'article')} of them, a sample that keeps each outlet's share (the same "
            "sample each time, named in every export). Every figure here is of the sample: for all of "
            "them, use the command line (`python -m analysis score --collection NAME`).",
            icon=":material/filter_alt:",
        )
    labels = picker_labels(tables.articles)
    actor_labels = tables.lexicon.drop_duplicates("target").set_index("target")["target_label"].to_dict()
    with st.sidebar:
        problem = store().problem
        if problem:  # first, where it is seen: only the built-in collection can be compared
            st.warning(md(problem), icon=":material/database:")
        _collections_control(available)
        st.multiselect(
            "Articles compared", all_ids, key=keys.ARTICLES, format_func=named(labels), placeholder="All articles"
        )
        _filter_controls(tables.articles)
        st.selectbox("Actor", actors, key=keys.ACTOR, format_func=named(actor_labels))
        in_address(keys.NAMES, "names", list(LABEL_STYLES), "headline")
        st.segmented_control(
            "Name articles by",
            list(LABEL_STYLES),
            key=keys.NAMES,
            format_func=named(LABEL_STYLES),
            help="How charts and pickers name an article: outlet and date stay short and tell outlets apart",
        )
        st.selectbox("Lexicon", lexicons, key=keys.LEXICON)
        st.caption(md(f"Lexicon {tables.lexicon_name}, version {tables.lexicon_version}."))
        wrong = wrong_hits(active_lexicon_text())
        if keys.LEAVE_OUT_WRONG not in st.session_state and st.query_params.get("wrong") == "out":
            st.session_state[keys.LEAVE_OUT_WRONG] = True  # from a shared link
        if wrong or st.session_state.get(keys.LEAVE_OUT_WRONG):
            st.toggle(
                f"Leave out {counted(len(wrong.labels) + len(wrong.loaded), 'hit')} coded wrong",
                key=keys.LEAVE_OUT_WRONG,
                help="Hits that every coder marked wrong on the Validation page (a label for another referent, a "
                "word not loaded in its sense there) are taken out of every count, chart and export, which say how "
                "many.",
            )
        if st.session_state.get(keys.LEAVE_OUT_WRONG):
            st.query_params["wrong"] = "out"
        else:
            st.query_params.pop("wrong", None)
        if st.toggle(
            "Presentation view", key=keys.PRESENT, help="Hide the controls so a screenshot shows only the charts"
        ):
            st.query_params["present"] = "1"
        elif "present" in st.query_params:
            del st.query_params["present"]
        st.caption("The address bar keeps this selection: copy the link to share this view.")
    _keep_in_url(available, all_ids)
    if st.session_state.get(keys.PRESENT):
        kept = urlencode({k: v for k, v in st.query_params.to_dict().items() if k != "present"})
        st.html(PRESENTATION_CSS + f'<a class="exit-presentation" href="?{html.escape(kept)}" target="_self">exit</a>')


FILTER_KEYS = ("outlet", "from", "to", "where", "is")


def _filter_controls(articles) -> None:
    """Outlet, date range and metadata filters, read from the address on first load and kept there."""
    if keys.FILTER_OUTLETS not in st.session_state:
        start = Filters.from_query(st.query_params.to_dict())
        st.session_state[keys.FILTER_OUTLETS] = list(start.outlets)
        st.session_state[keys.FILTER_DATES] = tuple(d for d in (start.start, start.end) if d)
        st.session_state[keys.FILTER_COLUMN] = start.column
        st.session_state[keys.FILTER_VALUES] = list(start.values)
    outlets = sorted(set(outlet_of(articles)))
    days = published_dates(articles).dropna()
    columns = metadata_columns(articles)
    active = Filters.from_query(st.query_params.to_dict()).active
    with st.expander("Filter articles", expanded=active, icon=":material/filter_alt:"):
        st.session_state[keys.FILTER_OUTLETS] = [o for o in st.session_state[keys.FILTER_OUTLETS] if o in outlets]
        st.multiselect("Outlets", outlets, key=keys.FILTER_OUTLETS, placeholder="All outlets")
        chosen_dates: Any = ()  # a date, or a tuple of one or two while the range is being picked
        if len(days):
            first, last = days.min().date(), days.max().date()
            kept = tuple(min(max(d, first), last) for d in st.session_state.get(keys.FILTER_DATES, ()))
            st.session_state[keys.FILTER_DATES] = kept
            chosen_dates = st.date_input(
                "Published between", key=keys.FILTER_DATES, min_value=first, max_value=last, format="YYYY-MM-DD"
            )
        else:
            st.caption("No article states a publication date.")
        column = ""
        if columns:
            if st.session_state.get(keys.FILTER_COLUMN) not in ("", *columns):
                st.session_state[keys.FILTER_COLUMN] = ""
            column = st.selectbox(
                "Metadata column", ["", *columns], key=keys.FILTER_COLUMN, format_func=lambda c: c or "None chosen"
            )
            if column:
                st.session_state[keys.FILTER_VALUES] = [
                    v for v in st.session_state.get(keys.FILTER_VALUES, []) if v in columns[column]
                ]
                st.multiselect(
                    md(f"Values of {column}"), columns[column], key=keys.FILTER_VALUES, placeholder="Any value"
                )
    dates = tuple(chosen_dates) if isinstance(chosen_dates, tuple | list) else (chosen_dates,)
    filters = Filters(
        outlets=tuple(st.session_state[keys.FILTER_OUTLETS]),
        start=dates[0] if dates else None,
        end=dates[1] if len(dates) > 1 else None,
        column=column,
        values=tuple(st.session_state.get(keys.FILTER_VALUES, [])) if column else (),
    )
    st.session_state[keys.FILTERS] = filters
    query = filters.to_query()
    for key in FILTER_KEYS:
        if key in query:
            st.query_params[key] = query[key]
        elif key in st.query_params:
            del st.query_params[key]


def request(key: str, value) -> None:
    """Ask for a sidebar control to change on the next run (None clears it); then `st.rerun()`."""
    st.session_state[keys.pending(key)] = value


def _reset_articles() -> None:
    st.session_state.pop(keys.ARTICLES, None)


def _study_controls(available: list[str], lexicons: list[str]) -> None:
    """The collections and the lexicon only; the other controls keep their values for the next
    page that draws them (Streamlit forgets the value of a widget a run does not draw)."""
    kept = (keys.ARTICLES, keys.ACTOR, keys.NAMES, keys.LEAVE_OUT_WRONG, keys.PRESENT)
    for key in (*kept, keys.FILTER_OUTLETS, keys.FILTER_DATES, keys.FILTER_COLUMN, keys.FILTER_VALUES):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    with st.sidebar:
        if store().problem:
            st.warning(md(store().problem), icon=":material/database:")
        _collections_control(available)
        st.selectbox("Lexicon", lexicons, key=keys.LEXICON)
        st.caption("The other controls are on the pages that analyse the articles.")


def _collections_control(available: list[str]) -> None:
    builtin = corpus_dir()[1]
    st.multiselect(
        "Collections",
        available,
        key=keys.COLLECTIONS,
        format_func=lambda c: f"{builtin} (built in)" if c == SEEDS_COLLECTION else c,
        on_change=_reset_articles,
    )


def _keep_in_url(available: list[str], all_ids: list[str]) -> None:
    st.query_params["actor"] = st.session_state[keys.ACTOR]
    st.query_params["lexicon"] = st.session_state[keys.LEXICON]
    for key, everything in (("articles", all_ids), ("collections", default_collections(available))):
        chosen = st.session_state.get(key) or []
        if chosen and chosen != everything:
            st.query_params[key] = ",".join(chosen)
        elif key in st.query_params:
            del st.query_params[key]
