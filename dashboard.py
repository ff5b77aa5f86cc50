"""Framelens dashboard: page set-up and navigation, nothing else."""

import streamlit as st

st.set_page_config(page_title="Framelens", page_icon=":material/compare:", layout="wide")

pages = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
]
st.navigation(pages).run()
