"""The one cache of the dashboard, and the selection every page shares.

`corpus()` returns the chosen collections scored under the chosen lexicon, as tables (cached
per collection contents and lexicon text); `sidebar()` draws the shared controls and keeps
them in the URL, so a link reproduces the view and a researcher can follow one question
through the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.corpus import Article
from analysis.lexicon import LexiconError, bundled_lexicon_texts, lexicon_toml, next_version, parse_lexicon, with_form
from analysis.limits import MAX_DASHBOARD_ARTICLES
from analysis.method import method_record
from analysis.paths import SEEDS_DIR, builtin_dir
from analysis.pipeline import NOTHING_LEFT_OUT, LeftOut, analyse_corpus, scorer_key
from analysis.sampling import outlet_sample
from analysis.sentence_model import JudgedSentence, judge_text
from analysis.store import SEEDS_COLLECTION, Store, content_hash
from analysis.suggest import Suggestion, suggest_terms
from analysis.tables import CorpusTables, lexicon_frame
from analysis.tables.saved import forget_saved, read_saved, save, tables_key
from analysis.validation import WHAT
from analysis.version import __version__
from app_pages import keys
from ui.capped import CappedCache
from ui.catalogue import MAX_ROWS, MAX_SHARED, Chart, Selection
from ui.export import Provenance, provenance
from ui.filters import apply as apply_filters
from ui.grouping import NO_OUTLET, OTHER_OUTLETS
from ui.labels import LABEL_STYLES, labelled, picker_labels
from ui.markdown import md
from ui.style import coded_wrong, counted
from ui.validation import Coded

SEEDS_NAME = "Hama, 5 Dec 2024 (seeds)"
MOST_VIEWS = 8  # selections a corpus keeps derived for its sessions


def corpus_dir() -> tuple[Path, str]:
    """The built-in collection's folder and name: `FRAMELENS_CORPUS_DIR`, else the bundled seeds."""
    folder = builtin_dir()
    return (folder, SEEDS_NAME if folder == SEEDS_DIR else folder.name)


def store() -> Store:
    return Store()


def lexicon_choices() -> dict[str, str]:
    """Every lexicon the user can choose, display name -> TOML text: bundled first, then saved ones."""
    found = {}
    for path, text in bundled_lexicon_texts().items():
        try:
            lexicon = parse_lexicon(text, str(path))
        except LexiconError:
            continue
        found[f"{lexicon.name} (v{lexicon.version}, bundled)"] = text
    for name, _, text in store().lexicons():
        found[f"{name} (v{saved_version(text)})"] = text
    return found


def saved_version(text: str) -> str:
    """The version a saved lexicon's file states (its own numbering, "1.0.1" or "3")."""
    try:
        return parse_lexicon(text).version
    except LexiconError:
        return "?"


def save_lexicon_version(
    name: str, description: str, rows: list[dict], ignore: dict[str, list[str]], version: str | None = None
) -> str:
    """Save lexicon table rows under `name` and make it the active lexicon on the next run; returns
    its display name. The version follows the lexicon's own numbering (`next_version`) unless one is
    given (an imported file keeps its own). Raises `LexiconError` when a row is wrong."""
    latest = next((saved_version(t) for n, _, t in store().lexicons() if n == name), None)
    if version is None or version == latest:
        current = parse_lexicon(active_lexicon_text())
        version = next_version(latest or (current.version if current.name == name else None))
    toml = lexicon_toml(name, version, description, rows, ignore)
    store().save_lexicon(name, toml)
    chosen = f"{name} (v{version})"
    st.session_state[keys.pending(keys.LEXICON)] = chosen
    return chosen


def add_form(lexicon_text: str, target: str, group: str, form: str, position: float = 0.0) -> str:
    """Save the active lexicon again with `form` in one label group, made at `position` if new
    (a new version)."""
    lexicon = parse_lexicon(lexicon_text)
    rows = with_form(lexicon_frame(lexicon).to_dict("records"), target, group, form, position)
    ignore = {t.id: list(t.ignore) for t in lexicon.targets}
    return save_lexicon_version(lexicon.name, lexicon.description, rows, ignore)


def active_lexicon_text() -> str:
    choices = lexicon_choices()
    return choices.get(st.session_state.get(keys.LEXICON, ""), next(iter(choices.values())))


def collection_articles(collections: list[str]) -> list[Article]:
    """The articles of the chosen collections; an id that two collections share is prefixed."""
    articles: list[tuple[str, Article]] = []
    for name in collections:
        articles += [(name, a) for a in store().articles(name)]
    counts = pd.Series([a.id for _, a in articles]).value_counts()
    return [a if counts[a.id] == 1 else replace(a, id=f"{n}/{a.id}") for n, a in articles]


@dataclass
class AnalysedCorpus:
    """A scored corpus and the views of it that sessions asked for: the one cached object.

    A view derives what its charts need (grouping by outlet, labels, the corpus hash) once; it
    lives as long as its corpus does, so a rerun or another page reuses it.
    """

    tables: CorpusTables
    from_file: dict[str, str] = field(default_factory=dict)  # article id -> the results file its scores came from
    sampled_from: int = 0  # the articles of the collections, when the tables hold a sample of them
    # Shared by every session, each on its own thread: caches with a lock, and nothing else changes.
    views: CappedCache[View] = field(default_factory=lambda: CappedCache(MOST_VIEWS))
    styled: CappedCache[CorpusTables] = field(default_factory=lambda: CappedCache(len(LABEL_STYLES)))
    shared: CappedCache = field(default_factory=lambda: CappedCache(MAX_SHARED))  # `Selection.shared`

    def view(self, ids: list[str], actor: str, style: str = "headline") -> View:
        tables = self.styled.get(style, lambda: self.tables if style == "headline" else labelled(self.tables, style))
        return self.views.get(
            (tuple(ids), actor, style),
            lambda: View(tables, list(ids), actor, shared=self.shared, from_file=self.from_file),
        )


# A resource, not data: every rerun and page shares the one set of tables instead of unpickling
# a copy of a thousand articles' tables each time; nothing may modify them in place.
@st.cache_resource(show_spinner=False, max_entries=8)
def _analysed(
    collections: tuple[str, ...],
    fingerprint: str,
    name: str,
    lexicon_text: str,
    left_out: LeftOut = NOTHING_LEFT_OUT,
    _progress=None,
) -> AnalysedCorpus:
    lexicon = parse_lexicon(lexicon_text)
    # Everything the tables depend on: a collection reopened unchanged (after a restart, in
    # another session) is read back from disk in seconds instead of analysed for minutes.
    key = tables_key(
        fingerprint,
        name,
        lexicon_text,
        sorted(left_out.labels),
        sorted(left_out.loaded),
        scorer_key(lexicon),
        method_record(),
        __version__,
        MAX_DASHBOARD_ARTICLES,
    )
    saved = read_saved(saved_analyses(), key)
    if saved is not None:
        tables, from_file, sampled_from = saved
        return AnalysedCorpus(tables, from_file=from_file, sampled_from=sampled_from)
    articles = collection_articles(list(collections))
    held = len(articles)
    if held > MAX_DASHBOARD_ARTICLES:  # named as a sample wherever the corpus is named (pages, exports)
        articles = outlet_sample(articles, MAX_DASHBOARD_ARTICLES)
        name = f"{name} (a sample of {len(articles):,} of its {held:,} articles)"
    _, tables = analyse_corpus(articles, lexicon, name, progress=_progress, store=store(), left_out=left_out)
    analysed = AnalysedCorpus(
        labelled(tables),
        from_file=scores_from_files(articles, lexicon),
        sampled_from=held if held > len(articles) else 0,
    )
    save(saved_analyses(), key, (analysed.tables, analysed.from_file, analysed.sampled_from))
    return analysed


def saved_analyses() -> Path:
    """Where analysed tables are kept: beside the collections database."""
    database = store().path
    return database.parent / f"{database.stem}-analyses"


def scores_from_files(articles: list[Article], lexicon) -> dict[str, str]:
    """Article id -> the results file whose scores it shows, for the articles not scored here."""
    hashes = {content_hash(a.text): a.id for a in articles}
    found = store().file_scores(hashes, scorer_key(lexicon))
    return {hashes[digest]: source for digest, source in found.items()}


def rescore_from_files(article_ids: list[str]) -> None:
    """Score here the chosen articles whose scores were read from a results file."""
    view = _analysed_corpus()
    chosen = set(article_ids)
    texts = view.tables.articles.loc[view.tables.articles["id"].isin(chosen), "text"]
    lexicon = parse_lexicon(active_lexicon_text())
    store().forget_file_scores([content_hash(t) for t in texts], scorer_key(lexicon))
    forget_saved(saved_analyses())  # their scores change without a change of the tables' key
    _analysed.clear()


def corpus_name(collections: list[str]) -> str:
    builtin = corpus_dir()[1]
    names = [builtin if c == SEEDS_COLLECTION else c for c in collections]
    return " + ".join(names)


def corpus() -> CorpusTables:
    """The chosen collections scored under the chosen lexicon (cached per contents and lexicon text)."""
    return _analysed_corpus().tables


def sampled_from() -> int:
    """How many articles the chosen collections hold when the dashboard analyses a sample of them, else 0."""
    return _analysed_corpus().sampled_from


def _analysed_corpus() -> AnalysedCorpus:
    text = active_lexicon_text()
    collections = chosen_collections()
    fingerprint = store().fingerprint(collections)
    left_out = wrong_hits(text) if st.session_state.get(keys.LEAVE_OUT_WRONG) else NOTHING_LEFT_OUT
    return _analysed(tuple(collections), fingerprint, corpus_name(collections), text, left_out)


def wrong_hits(lexicon_text: str) -> LeftOut:
    """The label and loaded-language hits of the chosen collections that every coder judged
    wrong under this lexicon."""
    lexicon = parse_lexicon(lexicon_text)
    key = ("+".join(sorted(chosen_collections())), f"{lexicon.name} {lexicon.version}")
    return LeftOut(store().wrong_hits(*key, "labels"), store().wrong_hits(*key, "loaded"))


def default_collections(available: list[str]) -> list[str]:
    """What a new session compares: the researcher's own collections once there are any (the
    bundled articles are a demonstration, not part of their study), else the bundled ones."""
    return [c for c in available if c != SEEDS_COLLECTION] or available


def chosen_collections() -> list[str]:
    available = list(store().collections())
    chosen = [c for c in st.session_state.get(keys.COLLECTIONS, default_collections(available)) if c in available]
    return chosen or [SEEDS_COLLECTION]


@dataclass(frozen=True)
class View(Selection):
    """What the researcher is looking at: the corpus tables narrowed to the chosen articles."""

    from_file: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def corpus_name(self) -> str:
        return self.tables.corpus

    def note(self) -> None:
        """Say how the charts below show a large selection, when the lexicon does not fit it, and
        which scores were read from a results file instead of computed here."""
        self._lexicon_hint()
        self._file_scores_hint()
        wrong = coded_wrong(self.tables.left_out, self.tables.left_out_loaded)
        if wrong:
            single = self.tables.left_out + self.tables.left_out_loaded == 1
            st.caption(
                f"{wrong} coded wrong on the Validation page {'is' if single else 'are'} left out of every count "
                "(sidebar)."
            )
        if self.grouped:
            st.caption(
                f"{len(self.ids):,} articles are selected: article-level charts group them by outlet "
                f"({_outlets(self.groups)}), charts of single sentences show a sample of {MAX_ROWS} drawn evenly "
                "across outlets (the same sample each time). Narrow the selection in the sidebar to see articles "
                "one by one."
            )
        elif self.sampled:
            st.caption(
                f"{len(self.ids):,} articles are selected and they do not state their outlets, so the charts show "
                f"a random sample of {MAX_ROWS} (the same each time). Narrow the selection in the sidebar, or give "
                "the articles an outlet "
                "(front matter, or a column when importing a table) to see them grouped by outlet."
            )

    @cached_property
    def _unlabelled(self) -> int:
        """Selected articles in which the lexicon finds no label for the chosen actor (once per
        selection: every page run asks). The chosen actor's, not any actor's: a government's words
        ("government", "officials") match any political prose, and kept the warning silent."""
        hits = self.tables.hits
        return len(self.ids) - hits.loc[(hits["target"] == self.actor) & hits["id"].isin(self.ids), "id"].nunique()

    def _file_scores_hint(self) -> None:
        chosen = [i for i in self.ids if i in self.from_file]
        if not chosen:
            return
        files = sorted({self.from_file[i] for i in chosen})
        st.warning(
            md(
                f"The scores of {counted(len(chosen), 'selected article')} were read from "
                f"{'the results file' if len(files) == 1 else 'the results files'} {', '.join(files)} when "
                "they were imported, not computed here (a sample of each file was scored again and matched)."
            ),
            icon=":material/file_present:",
        )
        if st.button("Score them here", key="rescore_from_files", icon=":material/refresh:"):
            rescore_from_files(chosen)
            st.rerun()

    @property
    def _actor_name(self) -> str:
        lexicon = self.tables.lexicon
        names = lexicon.loc[lexicon["target"] == self.actor, "target_label"]
        return str(names.iloc[0]).lower() if len(names) else self.actor

    def _lexicon_hint(self) -> None:
        """A lexicon written for another story finds nothing: say so rather than draw empty charts."""
        missing = self._unlabelled
        if len(self.ids) >= 2 and missing / len(self.ids) > 0.5:
            st.warning(
                md(
                    f"The lexicon \u201c{self.tables.lexicon_name}\u201d finds no label for the {self._actor_name} in "
                    f"{missing:,} of the {len(self.ids):,} selected articles ({missing / len(self.ids):.0%}): it may "
                    "have been written for another story. Choose another lexicon in the sidebar, or make one for "
                    "this story on the Lexicon page."
                ),
                icon=":material/dictionary:",
            )
            st.page_link("app_pages/lexicon.py", label="Open the Lexicon page", icon=":material/arrow_forward:")

    @cached_property
    def _labels(self) -> dict[str, str]:
        labels = dict(zip(self.tables.articles["id"], self.tables.articles["label"], strict=True))
        if self.grouped:
            grouped = self.charts.tables.articles
            labels |= dict(zip(grouped["id"], grouped["label"], strict=True))
        return labels

    def label(self, article_id: str) -> str:
        """An article's (or a grouped outlet's) label, for captions, as the charts name it."""
        return self._labels[article_id]

    @cached_property
    def _picker_labels(self) -> dict[str, str]:
        return picker_labels(self.tables.articles)

    def picker_label(self, article_id: str) -> str:
        """An article as a picker lists it: findable by outlet and date or by headline."""
        return self._picker_labels.get(article_id) or self.label(article_id)

    @cached_property
    def _texts(self) -> dict[str, str]:
        return dict(zip(self.tables.articles["id"], self.tables.articles["text"], strict=True))

    def text(self, article_id: str) -> str:
        return self._texts[article_id]

    @cached_property
    def _starts(self) -> dict[str, int]:
        return self.tables.sentences.groupby("id")["start"].min().astype(int).to_dict()

    def content_start(self, article_id: str) -> int:
        """Where an article's readable text begins: front matter (title:, outlet:, ...) is shown
        as facts, not as text."""
        return self._starts.get(article_id, 0)


def _outlets(groups: dict[str, list[str]]) -> str:
    """How the groups read in a sentence: "8 outlets", "the 39 largest outlets and 120 articles from others"."""
    named = [g for g in groups if g not in (NO_OUTLET, OTHER_OUTLETS)]
    text = f"{len(named)} outlet{'s' if len(named) != 1 else ''}"
    if OTHER_OUTLETS in groups:
        text = f"the {len(named)} largest outlets and {len(groups[OTHER_OUTLETS])} articles from others"
    if NO_OUTLET in groups:
        text += f", and {len(groups[NO_OUTLET])} articles that state none"
    return text


def current_view() -> View:
    """The corpus tables and the selection made in the sidebar (no article chosen means all)."""
    tables = corpus()
    if tables.articles.empty:
        st.info("The chosen collections hold no articles yet: add some on the Corpus page.")
        st.stop()
    all_ids = tables.articles["id"].tolist()
    known = set(all_ids)
    ids = [i for i in st.session_state.get(keys.ARTICLES, all_ids) if i in known] or all_ids
    filters = st.session_state.get(keys.FILTERS)
    if filters is not None and filters.active:
        chosen = tables.articles[tables.articles["id"].isin(ids)]
        ids, undated = apply_filters(filters, chosen)
        if not ids:
            st.info("No selected article matches the filters in the sidebar: widen them to see charts.")
            st.stop()
        st.sidebar.caption(
            f"The filters keep {len(ids):,} of {len(chosen):,} articles"
            + (f"; {undated:,} left out for stating no date." if undated else ".")
        )
    actors = tables.lexicon.loc[tables.lexicon["kind"] == "actor", "target"].tolist()
    actor = str(st.session_state.get(keys.ACTOR))
    names = st.session_state.get(keys.NAMES) or "headline"  # how charts name articles (sidebar)
    return _analysed_corpus().view(ids, actor if actor in actors else actors[0], names)


@st.cache_data(max_entries=256, show_spinner=False)
def judged_sentences(text: str) -> list[JudgedSentence]:
    """The sentence model's judgement of each sentence of one article, made when first asked for."""
    return judge_text(text)


def view_provenance(view: View) -> Provenance:
    """What a download records of the view: the corpus, lexicon and exclusions, and the sidebar's filters."""
    filters = st.session_state.get(keys.FILTERS)
    return replace(provenance(view), filters=filters.describe() if filters is not None and filters.active else "")


def extra_charts() -> list[Chart]:
    """The charts drawn this session on pages whose choices the catalogue cannot know (Compare,
    Search, Validation), as last drawn: the report and the ZIP hold them beside the others."""
    return list(st.session_state.get(keys.EXTRA_CHARTS, {}).values())


def keep_for_export(key: str, item: Chart) -> None:
    st.session_state.setdefault(keys.EXTRA_CHARTS, {})[key] = item


def study(tables: CorpusTables, what: str) -> tuple[str, str, str]:
    """What codes are kept under: the chosen collections, the lexicon with its version, the kind of item."""
    return ("+".join(sorted(chosen_collections())), f"{tables.lexicon_name} {tables.lexicon_version}", what)


def coded_sheets(tables: CorpusTables) -> list[Coded]:
    """Every coder's sheet of this study that holds at least one code, for the report and the ZIP."""
    found = []
    for what in WHAT:
        key = study(tables, what)
        for coder in store().coders(key):
            rows = tuple(store().codes(key, coder))
            if any(r.correct is not None for r in rows):
                found.append(Coded(what, coder, rows))
    return found


def suggest_for(view: View, forms: list[str], known: list[str]) -> list[Suggestion]:
    """Terms the selected articles use like `forms` (see `analysis.suggest`)."""
    tables = view.tables
    chosen = tables.articles[tables.articles["id"].isin(view.ids)]
    texts = dict(zip(chosen["id"], chosen["text"], strict=True))
    outlets = {
        i: o if isinstance(o, str) and o else "not stated" for i, o in zip(chosen["id"], chosen["outlet"], strict=True)
    }
    sentences = tables.sentences[tables.sentences["id"].isin(texts)]
    return suggest_terms(texts, sentences, outlets, forms, known)
