"""The one cache of the dashboard, and the selection every page shares.

`corpus()` returns the scored corpus as tables (cached per lexicon file and its contents);
`sidebar()` draws the shared controls (articles, actor, lexicon) and keeps them in the URL,
so a link reproduces the view and a researcher can follow one question through the pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import read_articles
from analysis.lexicon import LEXICON_DIR, LexiconError, load_lexicon
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse_corpus
from analysis.tables import CorpusTables

SEEDS_NAME = "Hama, 5 Dec 2024 (seeds)"
NON_FRAMING = {"loaded_language.toml", "sources.toml"}


def bundled_lexicons() -> dict[str, Path]:
    """The framing lexicons shipped with Framelens, by display name."""
    found = {}
    for path in sorted(LEXICON_DIR.glob("*.toml")):
        if path.name in NON_FRAMING:
            continue
        try:
            lexicon = load_lexicon(path)
        except LexiconError:
            continue
        found[f"{lexicon.name} (v{lexicon.version})"] = path
    return found


def corpus_dir() -> tuple[Path, str]:
    """The folder of articles shown and its name: `FRAMELENS_CORPUS_DIR`, else the bundled seeds."""
    folder = os.environ.get("FRAMELENS_CORPUS_DIR")
    return (Path(folder), Path(folder).name) if folder else (SEEDS_DIR, SEEDS_NAME)


@st.cache_data(show_spinner="Scoring the articles…", max_entries=8)
def _analysed(folder: str, name: str, lexicon_path: str, lexicon_text: str) -> CorpusTables:
    batch = read_articles([folder])
    refusals = [(r.id, r.reason) for r in batch.refusals]
    _, tables = analyse_corpus(batch.articles, load_lexicon(lexicon_path), name, refusals)
    return tables


def corpus() -> CorpusTables:
    """The corpus scored under the lexicon chosen in the sidebar (cached per folder and lexicon text)."""
    path = bundled_lexicons().get(st.session_state.get("lexicon", ""), LEXICON_DIR / "framing_syria.toml")
    folder, name = corpus_dir()
    return _analysed(str(folder), name, str(path), Path(path).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class View:
    """What the researcher is looking at: the corpus tables narrowed to the chosen articles."""

    tables: CorpusTables
    ids: list[str]
    actor: str

    @property
    def articles(self) -> pd.DataFrame:
        frame = self.tables.articles
        return frame[frame["id"].isin(self.ids)]

    @property
    def corpus_name(self) -> str:
        return self.tables.corpus

    def label(self, article_id: str) -> str:
        return self.tables.articles.set_index("id").at[article_id, "label"]


def _from_query(name: str, allowed: list[str], default):
    raw = st.query_params.get(name)
    if not raw:
        return default
    values = [v for v in raw.split(",") if v in allowed]
    if isinstance(default, list):
        return values or default
    return values[0] if values else default


def sidebar() -> None:
    """Shared controls in the sidebar, drawn once by `dashboard.py` for every page.

    Their values live in the session and in the URL, so a copied link reproduces the view.
    """
    lexicons = list(bundled_lexicons())
    if "lexicon" not in st.session_state:
        st.session_state["lexicon"] = _from_query("lexicon", lexicons, lexicons[0])
    tables = corpus()
    all_ids = tables.articles["id"].tolist()
    actors = tables.lexicon.loc[tables.lexicon["kind"] == "actor", "target"].drop_duplicates().tolist()
    if "articles" not in st.session_state:
        st.session_state["articles"] = _from_query("articles", all_ids, all_ids)
    if st.session_state.get("actor") not in actors:
        st.session_state["actor"] = _from_query("actor", actors, actors[0])
    labels = tables.articles.set_index("id")["label"].to_dict()
    actor_labels = tables.lexicon.drop_duplicates("target").set_index("target")["target_label"].to_dict()
    with st.sidebar:
        st.multiselect("Articles compared", all_ids, key="articles", format_func=labels.get)
        st.selectbox("Actor", actors, key="actor", format_func=actor_labels.get)
        st.selectbox("Lexicon", lexicons, key="lexicon")
        st.caption(f"Corpus: {tables.corpus} · lexicon {tables.lexicon_name}, version {tables.lexicon_version}")
        st.caption("The address bar keeps this selection: copy the link to share this view.")
    chosen = st.session_state["articles"]
    st.query_params["actor"] = st.session_state["actor"]
    st.query_params["lexicon"] = st.session_state["lexicon"]
    if chosen and chosen != all_ids:
        st.query_params["articles"] = ",".join(chosen)
    elif "articles" in st.query_params:
        del st.query_params["articles"]
    for article_id, reason in tables.refusals:
        st.warning(f"{article_id} was not analysed: {reason}")


def current_view() -> View:
    """The corpus tables and the selection made in the sidebar."""
    tables = corpus()
    all_ids = tables.articles["id"].tolist()
    ids = [i for i in st.session_state.get("articles", all_ids) if i in all_ids] or all_ids
    actors = tables.lexicon.loc[tables.lexicon["kind"] == "actor", "target"].tolist()
    actor = st.session_state.get("actor")
    return View(tables, ids, actor if actor in actors else actors[0])
