"""The one cache of the dashboard, and the selection every page shares.

`corpus()` returns the chosen collections scored under the chosen lexicon, as tables (cached
per collection contents and lexicon text); `sidebar()` draws the shared controls and keeps
them in the URL, so a link reproduces the view and a researcher can follow one question
through the pages.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analysis.corpus import Article
from analysis.lexicon import LEXICON_DIR, LexiconError, parse_lexicon
from analysis.paths import SEEDS_DIR, builtin_dir
from analysis.pipeline import analyse_corpus
from analysis.store import SEEDS_COLLECTION, Store
from analysis.tables import CorpusTables
from ui.catalogue import MAX_ROWS, Selection
from ui.grouping import NO_OUTLET, OTHER_OUTLETS
from ui.labels import labelled
from ui.markdown import md

SEEDS_NAME = "Hama, 5 Dec 2024 (seeds)"
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
NON_FRAMING = {"loaded_language.toml", "sources.toml", "news_tone.toml"}


def corpus_dir() -> tuple[Path, str]:
    """The built-in collection's folder and name: `FRAMELENS_CORPUS_DIR`, else the bundled seeds."""
    folder = builtin_dir()
    return (folder, SEEDS_NAME if folder == SEEDS_DIR else folder.name)


def store() -> Store:
    return Store()


def lexicon_choices() -> dict[str, str]:
    """Every lexicon the user can choose, display name -> TOML text: bundled first, then saved ones."""
    found = {}
    for path in sorted(LEXICON_DIR.glob("*.toml")):
        if path.name in NON_FRAMING:
            continue
        text = path.read_text(encoding="utf-8")
        try:
            lexicon = parse_lexicon(text, str(path))
        except LexiconError:
            continue
        found[f"{lexicon.name} (v{lexicon.version}, bundled)"] = text
    for name, version, text in store().lexicons():
        found[f"{name} (v{version})"] = text
    return found


def collection_articles(collections: list[str]) -> list[Article]:
    """The articles of the chosen collections; an id that two collections share is prefixed."""
    articles: list[tuple[str, Article]] = []
    for name in collections:
        articles += [(name, a) for a in store().articles(name)]
    counts = pd.Series([a.id for _, a in articles]).value_counts()
    return [a if counts[a.id] == 1 else replace(a, id=f"{n}/{a.id}") for n, a in articles]


# A resource, not data: every rerun and page shares the one set of tables instead of unpickling
# a copy of a thousand articles' tables each time; nothing may modify them in place.
@st.cache_resource(show_spinner=False, max_entries=8)
def _analysed(
    collections: tuple[str, ...], fingerprint: str, name: str, lexicon_text: str, _progress=None
) -> CorpusTables:
    articles = collection_articles(list(collections))
    _, tables = analyse_corpus(articles, parse_lexicon(lexicon_text), name, progress=_progress, store=store())
    return labelled(tables)


def corpus_name(collections: list[str]) -> str:
    builtin = corpus_dir()[1]
    names = [builtin if c == SEEDS_COLLECTION else c for c in collections]
    return " + ".join(names)


def corpus() -> CorpusTables:
    """The chosen collections scored under the chosen lexicon (cached per contents and lexicon text)."""
    choices = lexicon_choices()
    text = choices.get(st.session_state.get("lexicon", ""), next(iter(choices.values())))
    collections = chosen_collections()
    fingerprint = store().fingerprint(collections)
    return _analysed(tuple(collections), fingerprint, corpus_name(collections), text)


def chosen_collections() -> list[str]:
    available = list(store().collections())
    chosen = [c for c in st.session_state.get("collections", available) if c in available]
    return chosen or [SEEDS_COLLECTION]


@dataclass(frozen=True)
class View(Selection):
    """What the researcher is looking at: the corpus tables narrowed to the chosen articles."""

    @property
    def corpus_name(self) -> str:
        return self.tables.corpus

    def note(self) -> None:
        """Say how the charts below show a large selection."""
        if self.grouped:
            st.caption(
                f"{len(self.ids):,} articles are selected: article-level charts group them by outlet "
                f"({_outlets(self.groups)}), charts of single sentences show the first {MAX_ROWS}. "
                "Narrow the selection in the sidebar to see articles one by one."
            )
        elif self.sampled:
            st.caption(
                f"{len(self.ids):,} articles are selected and they do not state their outlets, so the charts show "
                f"the first {MAX_ROWS}. Narrow the selection in the sidebar, or give the articles an outlet "
                "(front matter, or a column when importing a table) to see them grouped by outlet."
            )

    @cached_property
    def _labels(self) -> dict[str, str]:
        labels = dict(zip(self.tables.articles["id"], self.tables.articles["label"], strict=True))
        if self.grouped:
            grouped = self.charts.tables.articles
            labels |= dict(zip(grouped["id"], grouped["label"], strict=True))
        return labels

    def label(self, article_id: str) -> str:
        """An article's (or a grouped outlet's) label, for pickers and captions."""
        return self._labels[article_id]

    @cached_property
    def _texts(self) -> dict[str, str]:
        return dict(zip(self.tables.articles["id"], self.tables.articles["text"], strict=True))

    def text(self, article_id: str) -> str:
        return self._texts[article_id]


def _outlets(groups: dict[str, list[str]]) -> str:
    """How the groups read in a sentence: "8 outlets", "the 39 largest outlets and 120 articles from others"."""
    named = [g for g in groups if g not in (NO_OUTLET, OTHER_OUTLETS)]
    text = f"{len(named)} outlet{'s' if len(named) != 1 else ''}"
    if OTHER_OUTLETS in groups:
        text = f"the {len(named)} largest outlets and {len(groups[OTHER_OUTLETS])} articles from others"
    if NO_OUTLET in groups:
        text += f", and {len(groups[NO_OUTLET])} articles that state none"
    return text


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

    Their values live in the session and in the URL, so a copied link reproduces the view. A page
    changes them with `request()`, applied here before the widgets are drawn.
    """
    if "present" not in st.session_state:
        st.session_state["present"] = st.query_params.get("present") == "1"
    for key in ("lexicon", "collections", "articles"):
        if f"pending_{key}" in st.session_state:
            value = st.session_state.pop(f"pending_{key}")
            if value is None:
                st.session_state.pop(key, None)
            else:
                st.session_state[key] = value
    lexicons = list(lexicon_choices())
    if st.session_state.get("lexicon") not in lexicons:
        st.session_state["lexicon"] = _from_query("lexicon", lexicons, lexicons[0])
    available = list(store().collections())
    if "collections" not in st.session_state:
        st.session_state["collections"] = _from_query("collections", available, available)
    st.session_state["collections"] = [c for c in st.session_state["collections"] if c in available]
    tables = corpus()
    all_ids = tables.articles["id"].tolist()
    actors = tables.lexicon.loc[tables.lexicon["kind"] == "actor", "target"].drop_duplicates().tolist()
    if "articles" not in st.session_state:
        st.session_state["articles"] = _from_query("articles", all_ids, all_ids)
    st.session_state["articles"] = [i for i in st.session_state["articles"] if i in all_ids]
    if st.session_state.get("actor") not in actors:
        st.session_state["actor"] = _from_query("actor", actors, actors[0])
    labels = tables.articles.set_index("id")["label"].to_dict()
    actor_labels = tables.lexicon.drop_duplicates("target").set_index("target")["target_label"].to_dict()
    builtin = corpus_dir()[1]
    with st.sidebar:
        st.multiselect(
            "Collections",
            available,
            key="collections",
            format_func=lambda c: f"{builtin} (built in)" if c == SEEDS_COLLECTION else c,
            on_change=_reset_articles,
        )
        st.multiselect("Articles compared", all_ids, key="articles", format_func=labels.get, placeholder="All articles")
        st.selectbox("Actor", actors, key="actor", format_func=actor_labels.get)
        st.selectbox("Lexicon", lexicons, key="lexicon")
        st.caption(md(f"Lexicon {tables.lexicon_name}, version {tables.lexicon_version}."))
        if store().problem:
            st.warning(md(store().problem), icon=":material/database:")
        if st.toggle(
            "Presentation view", key="present", help="Hide the controls so a screenshot shows only the charts"
        ):
            st.query_params["present"] = "1"
        elif "present" in st.query_params:
            del st.query_params["present"]
        st.caption("The address bar keeps this selection: copy the link to share this view.")
    _keep_in_url(available, all_ids)
    if st.session_state.get("present"):
        kept = urlencode({k: v for k, v in st.query_params.to_dict().items() if k != "present"})
        st.html(PRESENTATION_CSS + f'<a class="exit-presentation" href="?{html.escape(kept)}" target="_self">exit</a>')


def request(key: str, value) -> None:
    """Ask for a sidebar control to change on the next run (None clears it); then `st.rerun()`."""
    st.session_state[f"pending_{key}"] = value


def _reset_articles() -> None:
    st.session_state.pop("articles", None)


def _keep_in_url(available: list[str], all_ids: list[str]) -> None:
    st.query_params["actor"] = st.session_state["actor"]
    st.query_params["lexicon"] = st.session_state["lexicon"]
    for key, everything in (("articles", all_ids), ("collections", available)):
        chosen = st.session_state.get(key) or []
        if chosen and chosen != everything:
            st.query_params[key] = ",".join(chosen)
        elif key in st.query_params:
            del st.query_params[key]


def current_view() -> View:
    """The corpus tables and the selection made in the sidebar (no article chosen means all)."""
    tables = corpus()
    if tables.articles.empty:
        st.info("The chosen collections hold no articles yet: add some on the Corpus page.")
        st.stop()
    all_ids = tables.articles["id"].tolist()
    known = set(all_ids)
    ids = [i for i in st.session_state.get("articles", all_ids) if i in known] or all_ids
    actors = tables.lexicon.loc[tables.lexicon["kind"] == "actor", "target"].tolist()
    actor = st.session_state.get("actor")
    return _view(tables, ids, actor if actor in actors else actors[0])


_VIEWS: OrderedDict[tuple[int, tuple[str, ...], str], View] = OrderedDict()


def _view(tables: CorpusTables, ids: list[str], actor: str) -> View:
    """The same View for the same tables and choices, on every call and rerun, so that what it
    derives (grouping by outlet, labels, the corpus hash) is computed once, not per chart."""
    key = (id(tables), tuple(ids), actor)
    view = _VIEWS.get(key)
    if view is None or view.tables is not tables:
        view = _VIEWS[key] = View(tables, ids, actor)
    _VIEWS.move_to_end(key)
    while len(_VIEWS) > 8:
        _VIEWS.popitem(last=False)
    return view
