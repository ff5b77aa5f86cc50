"""Page choices kept in the address, so a copied link (or a reload) shows what was on screen.

`in_address` is called just before a page draws a keyed widget: on a new session it starts the
widget from the address, and on every run it writes the widget's value back. A value the
address names but the page does not offer (an article since deleted, a mistyped measure) is
ignored, and a page's default is left out of the address to keep links short.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

import streamlit as st

# What every page shares, drawn by the sidebar: a move to another page carries these along.
SHARED = (
    "lexicon",
    "actor",
    "collections",
    "articles",
    "names",
    "outlet",
    "from",
    "to",
    "where",
    "is",
    "wrong",
    "present",
)


def switch_to(page: str) -> NoReturn:
    """Open another page with the study as it is: lexicon, actor, collections, articles and filters
    stay in the address (a bare switch drops the address, and the sidebar fell back to its defaults)."""
    st.switch_page(page, query_params={k: v for k, v in st.query_params.to_dict().items() if k in SHARED})


def in_address(key: str, param: str, allowed: Sequence, default, many: bool = False) -> None:
    """Start widget `key` from `?param=` when the session has no value yet; keep its value there."""
    allowed = [str(a) for a in allowed]
    if key not in st.session_state:
        raw = st.query_params.get(param)
        if raw is not None:
            chosen = [v for v in raw.split(",") if v in allowed] if many else raw
            if (many and chosen) or (not many and chosen in allowed):
                st.session_state[key] = chosen
    value = st.session_state.get(key, default)
    if many:
        value = [v for v in value or [] if v in allowed]
    elif value not in allowed:
        value = default
    st.session_state[key] = value
    if value == default or value is None:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = ",".join(value) if many else str(value)
