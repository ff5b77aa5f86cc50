"""Framelens dashboard: page set-up, navigation and the controls every page shares."""

from pathlib import Path

import streamlit as st

from app_pages.sidebar import sidebar
from app_pages.widgets import forget_click

# The icon is a file served by this server: an emoji or a Material icon name would make every
# visitor's browser fetch it from an outside font host.
ICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"
st.set_page_config(page_title="Framelens", page_icon=str(ICON), layout="wide")

# The page that imports articles: it needs no analysis of them.
CORPUS = st.Page("app_pages/corpus.py", title="Corpus", icon=":material/library_add:")
PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/framing.py", title="Framing", icon=":material/label:"),
    st.Page("app_pages/tone.py", title="Tone", icon=":material/mood:"),
    st.Page("app_pages/readability.py", title="Readability", icon=":material/menu_book:"),
    st.Page("app_pages/overlap.py", title="Overlap", icon=":material/join_inner:"),
    st.Page("app_pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("app_pages/time.py", title="Over time", icon=":material/timeline:"),
    st.Page("app_pages/search.py", title="Search", icon=":material/search:"),
    st.Page("app_pages/article.py", title="Article", icon=":material/article:"),
    st.Page("app_pages/validation.py", title="Validation", icon=":material/fact_check:"),
    st.Page("app_pages/export.py", title="Export", icon=":material/ios_share:"),
    CORPUS,
    st.Page("app_pages/lexicon.py", title="Lexicon", icon=":material/dictionary:"),
    st.Page("app_pages/methods.py", title="Methods", icon=":material/science:"),
]
page = st.navigation(PAGES)
sidebar(analysed=page is not CORPUS)  # the Corpus page reports an import at once
try:
    page.run()
finally:  # also when the page stops early or switches: a click is for the run it caused
    forget_click()
