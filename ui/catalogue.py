"""Every chart Framelens draws, with the table behind it: one place for pages, exports and reports."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

import pandas as pd
import plotly.graph_objects as go

from analysis import terms
from analysis.corpus import NO_OUTLET
from analysis.intervals import PER_ARTICLE, row_intervals
from analysis.overlap.reprints import reprinted_by_outlet
from analysis.readability import FORMULAS
from analysis.registry import FK_GRADE, HEADLINE_TONE, LEGITIMACY, LOADED, LOADED_QUOTED, Measure, chosen, label_values
from analysis.sources.kinds import kind_shares
from analysis.statistics import Comparison, PairDifference, compare_groups, compare_within
from analysis.store import content_hash
from analysis.tables import CorpusTables
from analysis.tone import load_loaded_words
from ui import charts, filters, timeline
from ui.capped import CappedCache
from ui.grouping import by_outlet, sample_by_outlet
from ui.labels import labelled

MAX_ROWS = 40  # articles a per-article chart shows one by one; above that, grouped by outlet
MAX_SHARED = 32  # sets of rows whose intervals a corpus keeps for its views
# Above this many selected articles the Search page counts the terms that set groups apart only
# when asked: counting every word and phrase of 10,000 articles takes half a minute.
TERMS_UP_FRONT = 1_000


@dataclass(frozen=True)
class Chart:
    """A figure, the data behind it (what its CSV export holds) and the Methods section it belongs to.

    The figure is drawn when first asked for: an export lists and counts its charts without
    drawing the ones nobody downloads."""

    key: str
    draw: Callable[[], go.Figure]
    data: pd.DataFrame
    method: str

    @cached_property
    def figure(self) -> go.Figure:
        return self.draw()

    @property
    def title(self) -> str:
        return self.figure.layout.title.text or self.key


@dataclass(frozen=True)
class Selection:
    """The corpus tables narrowed to the chosen articles and actor.

    Above `MAX_ROWS` articles, per-article charts stop being legible: `charts` then groups the
    articles by outlet (at most `MAX_ROWS` groups; a sample of `MAX_ROWS` articles when no
    outlets are stated), and `sample` keeps `MAX_ROWS` articles drawn evenly across outlets for
    sentence-level charts.
    """

    tables: CorpusTables
    ids: list[str]
    actor: str
    of: int | None = None  # when these are the first articles of a larger selection: its size
    # When the rows are outlets: each outlet's article ids, and the article-level tables they came from.
    members: dict[str, list[str]] | None = field(default=None, compare=False)
    source: CorpusTables | None = field(default=None, compare=False, repr=False)
    # What selections of the same tables derive alike whatever their actor (each row's intervals),
    # shared with the selections made from this one and, in the app, with every view of the corpus.
    shared: CappedCache = field(default_factory=lambda: CappedCache(MAX_SHARED), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", labelled(self.tables))  # charts name articles by their labels

    @cached_property
    def _grouping(self) -> tuple[Selection, dict[str, list[str]]]:
        if len(self.ids) <= MAX_ROWS:
            return self, {}
        grouped, members = by_outlet(self.tables, self.ids, limit=MAX_ROWS)
        if len(members) < 2:  # no outlets to tell apart: the first articles, one by one
            return self.sample, {}
        grouped_selection = Selection(
            grouped, list(members), self.actor, members=members, source=self.tables, shared=self.shared
        )
        return grouped_selection, members

    @property
    def charts(self) -> Selection:
        """What the article-level charts show: the articles, or their outlets when there are many."""
        return self._grouping[0]

    @property
    def grouped(self) -> bool:
        return bool(self._grouping[1])

    @property
    def sampled(self) -> bool:
        """Whether article-level charts show only the first `MAX_ROWS` articles (no outlets to group by)."""
        return len(self.ids) > MAX_ROWS and not self.grouped

    @cached_property
    def every_chart(self) -> list[Chart]:
        """`all_charts` of this selection, made once: the Export page lists, counts and exports
        them on every run, and a selection's tables never change."""
        return all_charts(self)

    @property
    def groups(self) -> dict[str, list[str]]:
        """Each outlet group's article ids, when grouped."""
        return self._grouping[1]

    @cached_property
    def sample(self) -> Selection:
        """`MAX_ROWS` articles drawn evenly across outlets (the same draw each time), for charts that
        draw every sentence."""
        if len(self.ids) <= MAX_ROWS:
            return self
        sampled = sample_by_outlet(self.tables.articles, self.ids, MAX_ROWS)
        return Selection(self.tables, sampled, self.actor, of=len(self.ids), shared=self.shared)

    def expand(self, chart_id: str) -> list[str]:
        """The articles behind a mark: a grouped outlet's articles, or the article itself."""
        return self._grouping[1].get(chart_id, [chart_id])

    @cached_property
    def articles(self) -> pd.DataFrame:
        frame = self.tables.articles[self.tables.articles["id"].isin(self.ids)]
        if self.of:
            frame = frame.copy()
            frame.attrs["of"] = self.of  # chart subtitles say "a sample of 40 of 1,000 articles"
        return frame

    @cached_property
    def intervals(self) -> pd.DataFrame:
        """Each chart row's estimates with 95% intervals and counts (`analysis.intervals`): the
        same for every actor, so made once per set of rows and kept in `shared` (resampling 40 rows
        takes about a second, which every change of actor would otherwise pay)."""
        groups = tuple((name, tuple(ids)) for name, ids in self.members.items()) if self.members else None
        key = ("intervals", tuple(self.ids), groups)
        if self.members:
            source = self.source
            assert source is not None, "a grouped selection keeps the tables its groups come from"
            return self.shared.get(key, lambda: row_intervals(source, [], self.members))
        return self.shared.get(key, lambda: row_intervals(self.tables, self.ids))

    def with_intervals(self, data: pd.DataFrame, columns: dict[str, tuple[str, str, str]]) -> pd.DataFrame:
        """`data` with the interval and count of each named column beside it: column -> (measure,
        target, group) of `intervals`; shares in percent as the charts draw them."""
        data = data.copy()
        for column, (measure, target, group) in columns.items():
            found = self.intervals[
                (self.intervals["measure"] == measure)
                & (self.intervals["target"] == target)
                & (self.intervals["group"] == group)
            ].set_index("id")
            scale = 100 if "share" in measure else 1
            if column not in data:
                data[column] = data["id"].map(found["estimate"]) * scale
            data[f"{column}_ci_low"] = data["id"].map(found["ci_low"]) * scale
            data[f"{column}_ci_high"] = data["id"].map(found["ci_high"]) * scale
            data[f"{column}_n"] = data["id"].map(found["n"])
            data[f"{column}_n_unit"] = data["id"].map(found["unit"])
        return data

    @cached_property
    def corpus_hash(self) -> str:
        """A short hash of the selected articles' ids and normalised texts: which corpus a figure shows."""
        articles = self.articles
        pairs = sorted(f"{i}:{content_hash(t)}" for i, t in zip(articles["id"], articles["text"], strict=True))
        return hashlib.sha256("".join(pairs).encode()).hexdigest()[:16]

    @property
    def corpus(self) -> str:
        return self.tables.corpus

    def with_titles(self, frame: pd.DataFrame, column: str = "id") -> pd.DataFrame:
        """`frame` for the selected articles, with each article's title beside its id."""
        labels = self.tables.articles.set_index("id")["label"]
        part = frame[frame[column].isin(self.ids)].copy()
        part.insert(part.columns.get_loc(column) + 1, "article", part[column].map(labels))
        return part.reset_index(drop=True)


def _labels(s: Selection, target: str) -> pd.DataFrame:
    frame = s.tables.labels[s.tables.labels["target"] == target]
    return s.with_titles(frame.drop(columns=["title"]))


def _shares(s: Selection, target: str) -> pd.DataFrame:
    """A target's label counts per row with each group's share (percent) and its interval."""
    data = _labels(s, target)
    found = s.intervals[(s.intervals["target"] == target) & (s.intervals["measure"] == "share")]
    keyed = found.set_index(["id", "group"])
    index = pd.MultiIndex.from_frame(data[["id", "group"]])
    for column in ("estimate", "ci_low", "ci_high"):  # numbers even when no row has an interval (empty: no dtype)
        values = pd.to_numeric(keyed[column], errors="coerce").reindex(index).to_numpy(dtype=float)
        data[f"share_{column}" if column != "estimate" else "share"] = values * 100
    data["share_n"] = keyed["n"].reindex(index).to_numpy()
    return data


def overview(s: Selection) -> Chart:
    t = s.tables
    figure = partial(
        charts.overview_panels, t.labels, t.lexicon, t.scores, t.pairs, s.articles, s.actor, s.corpus, s.intervals
    )
    columns = ["id", f"dominant_{s.actor}", f"legitimacy_{s.actor}", *PER_ARTICLE]
    data = s.with_titles(t.scores[[c for c in columns if c in t.scores]])
    shares = _labels(s, s.actor)[["id", "group", "own_voice"]].pivot_table(
        index="id", columns="group", values="own_voice", aggfunc="sum"
    )
    data = data.merge(shares.add_prefix("own_voice_").reset_index(), on="id", how="left")
    measured = {
        f"legitimacy_{s.actor}": ("legitimacy", s.actor, ""),
        **{m: (m, "", "") for m in PER_ARTICLE},
        **{f"share_{g}": ("share", s.actor, g) for g in t.lexicon.loc[t.lexicon["target"] == s.actor, "group"]},
    }
    return Chart("overview", figure, s.with_intervals(data, measured), "labels")


def label_rates(s: Selection, measure: str = "per_1k") -> Chart:
    t = s.tables
    figure = partial(charts.label_rates, t.labels, t.lexicon, s.articles, s.actor, s.corpus, measure, s.intervals)
    data = _labels(s, s.actor)
    rates = s.intervals[(s.intervals["measure"] == "rate") & (s.intervals["target"] == s.actor)].set_index("id")
    for column in ("estimate", "ci_low", "ci_high", "n"):  # the whole bar's rate and its interval, per row
        data[f"all_labels_per_1k_{column}" if column != "n" else "row_n"] = data["id"].map(rates[column])
    return Chart(f"label_rates_{measure}", figure, data, "labels")


def label_split(s: Selection, split: str) -> Chart:
    t = s.tables
    figure = partial(charts.label_split, t.labels, t.lexicon, s.articles, s.actor, s.corpus, split)
    return Chart(f"label_split_{split}", figure, _labels(s, s.actor), "labels")


def legitimacy(s: Selection) -> Chart:
    t = s.tables
    figure = partial(charts.legitimacy, t.scores, t.lexicon, s.articles, s.corpus, intervals=s.intervals)
    columns = [c for c in t.scores if c.startswith("legitimacy_")]
    data = s.with_titles(t.scores[["id", *columns]])
    measured = {c: ("legitimacy", c.removeprefix("legitimacy_"), "") for c in columns}
    return Chart("legitimacy", figure, s.with_intervals(data, measured), "labels")


def events(s: Selection) -> list[Chart]:
    t = s.tables
    found = []
    for event in t.lexicon.loc[t.lexicon["kind"] == "event", "target"].drop_duplicates():
        figure = partial(
            charts.label_mix, t.labels, t.lexicon, s.articles, event, s.corpus, voice="total", intervals=s.intervals
        )
        found.append(Chart(f"event_{event}", figure, _shares(s, event), "labels"))
    return found


def sentence_tone(s: Selection) -> Chart:
    figure = partial(charts.sentence_tone_strip, s.tables.sentences, s.articles, s.corpus, s.intervals)
    return Chart("sentence_tone", figure, s.with_titles(s.tables.sentences), "tone")


def tone_arc(s: Selection) -> Chart:
    figure = partial(charts.tone_arc, s.tables.sentences, s.articles, s.corpus)
    data = s.with_titles(s.tables.sentences[["id", "sentence", "compound", "voice", "text"]])
    return Chart("tone_arc", figure, data, "tone")


def loaded(s: Selection) -> Chart:
    present = set(s.tables.loaded["category"])
    order = load_loaded_words().categories  # the word list's own order: the same colours everywhere
    categories = [c for c in order if c in present] + sorted(present - set(order))
    figure = partial(charts.loaded_rates, s.tables.loaded, s.articles, categories or ["emotive"], s.corpus, s.intervals)
    data = s.with_titles(s.tables.scores[["id", LOADED.column, LOADED_QUOTED.column]])
    data = s.with_intervals(data, {LOADED.flat: (LOADED.flat, "", "")})
    hits = s.with_titles(s.tables.loaded.drop(columns=["term_key"]))
    per_category = hits.pivot_table(index="id", columns="category", values="per_1k", aggfunc="sum", fill_value=0)
    data = data.merge(per_category.add_suffix("_per_1k").reset_index(), on="id", how="left")
    return Chart("loaded", figure, data, "loaded")


def readability(s: Selection) -> Chart:
    figure = partial(charts.readability_panels, s.tables.scores, s.articles, list(FORMULAS), s.corpus, s.intervals)
    data = s.with_titles(
        s.tables.scores[["id", *FORMULAS, "words", "sentences", "words_per_sentence", "long_word_share"]]
    )
    data = s.with_intervals(data, {FK_GRADE: (FK_GRADE, "", "")})
    return Chart("readability", figure, data, "readability")


def sentence_lengths(s: Selection) -> Chart:
    figure = partial(charts.sentence_lengths, s.tables.sentences, s.articles, s.corpus)
    data = s.with_titles(s.tables.sentences[["id", "sentence", "words", "text"]])
    return Chart("sentence_lengths", figure, data, "readability")


def similarity(s: Selection) -> Chart:
    figure = partial(charts.similarity_heatmap, s.tables.similarity, s.articles, s.corpus)
    pairs = s.tables.pairs
    data = pairs[pairs["a"].isin(s.ids) & pairs["b"].isin(s.ids)].reset_index(drop=True)
    return Chart("similarity", figure, data, "overlap")


def outlet_of(s: Selection) -> dict[str, str]:
    """Each selected article's outlet, `NO_OUTLET` when it states none."""
    outlets = dict(zip(s.tables.articles["id"], s.tables.articles["outlet"], strict=True))
    return {i: str(outlets[i]) if isinstance(outlets.get(i), str) and outlets[i] else NO_OUTLET for i in s.ids}


def reprinted(s: Selection) -> Chart:
    """Churnalism per outlet (`analysis.overlap.reprints`), over the selected articles whatever
    the charts' grouping: an outlet's figure is the mean of its articles'. Its intervals do not
    depend on the actor: made once per selection."""

    def made() -> pd.DataFrame:
        found = s.tables.reprinted
        shares = {} if found.empty else dict(zip(found["id"], found["reprinted_share"], strict=True))
        chosen = outlet_of(s)
        clean = {i: None if shares.get(i) is None or pd.isna(shares.get(i)) else float(shares[i]) for i in chosen}
        return pd.DataFrame(
            reprinted_by_outlet(clean, chosen), columns=["outlet", "articles", "reprinted_share", "ci_low", "ci_high"]
        )

    data = s.shared.get(("reprinted", tuple(s.ids)), made)
    return Chart("reprinted", partial(charts.reprinted_by_outlet, data, s.corpus), data, "overlap")


def source_kinds(s: Selection) -> pd.DataFrame:
    """`analysis.sources.kinds.kind_shares` of the selected articles by outlet, made once per
    selection (its intervals do not depend on the actor; they were a fifth of an Overlap rerun)."""
    sources = s.tables.sources
    return s.shared.get(
        ("source kinds", tuple(s.ids)), lambda: kind_shares(sources[sources["id"].isin(s.ids)], outlet_of(s))
    )


def sources(s: Selection) -> Chart:
    types = dict(zip(s.tables.sources["source"], s.tables.sources["type"], strict=False))
    figure = partial(charts.source_matrix, s.tables.source_matrix, types, s.articles, s.corpus)
    return Chart("sources", figure, s.with_titles(s.tables.sources), "sources")


def time_measures() -> dict[str, str]:
    """What Over time can follow: the actor's legitimacy, a label's share, and the registry's
    measures marked for it (column -> label)."""
    fixed = {m.column: m.label for m in chosen("over_time") if m.column}
    return {"legitimacy": "Legitimacy index", "share": "Share of a label", "rate": "Labels per 1,000 words", **fixed}


def measured_articles(s: Selection, measure: str) -> pd.DataFrame:
    """The selected articles that have a value of an Over time measure."""
    scores = s.tables.scores.set_index("id")
    if measure in ("legitimacy", "share"):  # both need the actor labelled in the outlet's own voice
        column = f"legitimacy_{s.actor}"
        values = scores[column] if column in scores else pd.Series(dtype=float)
    elif measure == "rate":
        return s.articles
    else:
        values = scores.get(measure, pd.Series(dtype=float))
    return s.articles[s.articles["id"].map(values).notna()]


def over_time(s: Selection, measure: str, period: str = "W", group: str = "") -> Chart:
    """A measure per outlet and period (`ui.timeline.PERIODS`), from the dated articles of `s`:
    legitimacy of the actor, the share of one of its label groups, tone or loaded language."""
    members, buckets, undated = timeline.buckets(s.articles, period)
    found = row_intervals(s.tables, [], members, measures=[measure])
    target = s.actor if measure in ("legitimacy", "share", "rate") else ""
    found = found[(found["measure"] == measure) & (found["target"] == target) & (found["group"] == group)]
    points = buckets.merge(found.rename(columns={"id": "key"}), on="key", how="left")
    if measure == "share":
        points[["estimate", "ci_low", "ci_high"]] = points[["estimate", "ci_low", "ci_high"]] * 100
    points["n"] = points["articles"]
    label = time_measures()[measure]
    if measure == "share":
        label = f"Share of “{group}” (%)"
    elif measure == "legitimacy":
        label = f"Legitimacy of the {charts.target_name(s.tables.lexicon, s.actor)}"
    elif measure == "rate":
        label = f"Labels of the {charts.target_name(s.tables.lexicon, s.actor)} per 1,000 words"
    dated = int(buckets["articles"].sum())
    figure = partial(charts.over_time, points, label, timeline.PERIODS[period], s.corpus, dated)
    data = points.drop(columns=["key", "measure", "target"]).assign(undated_articles_left_out=undated)
    return Chart(f"over_time_{measure}", figure, data, "labels" if target else "tone")


def group_of(s: Selection, by: str = "outlet") -> dict[str, str]:
    """Each selected article's group: its outlet, or its value of a metadata column."""
    articles = s.articles
    if by == "outlet":
        values = filters.outlet_of(articles)
    else:
        values = articles["metadata"].map(lambda m: str((m or {}).get(by, filters.NOT_STATED)))
    return dict(zip(articles["id"], values, strict=True))


def group_columns(s: Selection) -> dict[str, pd.Series]:
    """What Compare can group by, or compare within: the outlet, author and date, and every
    metadata column, each a series by article id, kept when it holds two or more values."""
    articles = s.articles.set_index("id")
    columns = {"outlet": articles["outlet"], "author": articles["author"], "date": articles["published"]}
    for key in sorted({k for m in articles["metadata"] for k in m}):
        columns[key] = articles["metadata"].map(lambda m, key=key: m.get(key))
    return {name: values for name, values in columns.items() if values.dropna().nunique() >= 2}


def comparison(s: Selection, by: str, measure: Measure, within: str = "") -> tuple[Chart, Comparison]:
    """Groups of the selected articles compared on one measure (`analysis.statistics`), within the
    values of a second column when `within` is given; the chart of group means and the table of
    every group and pair behind it."""
    columns = group_columns(s)
    if measure.key.startswith("labels."):
        scores = label_values(s.tables.labels, measure)
    else:
        scores = s.tables.scores.set_index("id")[measure.column]
    rows: list[tuple[str, str, float]] = []
    left_out = 0
    for article_id, group in columns[by].items():
        value = scores.get(article_id)
        block = columns[within].get(article_id) if within else ""
        if any(v is None or pd.isna(v) for v in (group, value, block)):
            left_out += 1
            continue
        rows.append((str(group), str(block), float(value)))
    if within:
        result = compare_within(rows, measure.key, within, seed=0, left_out=left_out)
    else:
        values: dict[str, list[float]] = {}
        for group, _, value in rows:
            values.setdefault(group, []).append(value)
        result = compare_groups(values, measure.key, seed=0, left_out=left_out)
    figure = partial(charts.group_intervals, result, measure.label, s.corpus, by, measure.direction, within or None)
    # The CSV behind the chart holds the test results too: every group, then every pair.
    data = pd.concat(
        [
            pd.DataFrame([g.__dict__ for g in result.groups]).assign(row="group"),
            pd.DataFrame([p.__dict__ for p in result.pairs], columns=list(PairDifference.__dataclass_fields__)).assign(
                row="pair"
            ),
        ],
        ignore_index=True,
    ).assign(measure=measure.key, grouped_by=by, within=within or None, seed=result.seed)
    return Chart("compare", figure, data, "compare"), result


def _content_starts(s: Selection) -> dict[str, int]:
    """Where each article's content begins (its first sentence): front matter stays out of searches."""
    sentences = s.tables.sentences
    return sentences[sentences["id"].isin(s.ids)].groupby("id")["start"].min().astype(int).to_dict()


def _uses_and_words(s: Selection, hits: list[terms.Hit]) -> tuple[dict[str, int], dict[str, int]]:
    """Each article's uses of a searched phrase, and its word count (what a rate per 1,000 divides by)."""
    uses = pd.Series([h.id for h in hits], dtype=object).value_counts().to_dict()
    return uses, dict(zip(s.tables.scores["id"], s.tables.scores["words"], strict=True))


def term_use(s: Selection, query: str, by: str = "outlet") -> tuple[Chart, list[terms.Hit]]:
    """Every use of a word or phrase in the selection, and its rate per 1,000 words in each group."""
    texts = dict(zip(s.articles["id"], s.articles["text"], strict=True))
    hits = terms.search(texts, query, starts=_content_starts(s))
    rates = pd.DataFrame([r.__dict__ for r in terms.rates_by_group(*_uses_and_words(s, hits), group_of(s, by))])
    figure = partial(charts.term_rates, rates, query, s.corpus, len(s.ids))
    return Chart("term_use", figure, rates.assign(query=query, grouped_by=by), "terms"), hits


def term_over_time(s: Selection, hits: list[terms.Hit], query: str, period: str = "W") -> Chart:
    """A word or phrase's uses per 1,000 words per outlet and period, with intervals."""
    members, buckets, undated = timeline.buckets(s.articles, period)
    key_of = {i: key for key, ids in members.items() for i in ids}
    rates = pd.DataFrame(
        [r.__dict__ for r in terms.rates_by_group(*_uses_and_words(s, hits), key_of)],
        columns=list(terms.GroupRate.__dataclass_fields__),
    )
    points = buckets.merge(rates.drop(columns=["articles"]).rename(columns={"group": "key"}), on="key", how="left")
    points["n"] = points["articles"]
    dated = int(buckets["articles"].sum())
    figure = partial(charts.over_time, points, f"“{query}” per 1,000 words", timeline.PERIODS[period], s.corpus, dated)
    return Chart(
        "term_over_time", figure, points.drop(columns=["key"]).assign(undated_articles_left_out=undated), "terms"
    )


def distinguishing_terms(s: Selection, by: str = "outlet", top: int = 25) -> pd.DataFrame:
    """The terms that set each group apart from the rest (`analysis.terms.distinguishing_terms`),
    counted once per selection and grouping and kept with the corpus (a rerun, a keystroke in the
    search box, does not count them again)."""
    return s.shared.get(("terms", tuple(s.ids), by, top), lambda: _distinguishing_terms(s, by, top))


def _distinguishing_terms(s: Selection, by: str, top: int) -> pd.DataFrame:
    groups = group_of(s, by)
    ids = list(groups)
    starts = _content_starts(s)
    texts = [text[starts.get(i, 0) :] for i, text in zip(ids, s.articles.set_index("id").loc[ids, "text"], strict=True)]
    outlets = s.articles["outlet"].dropna().unique().tolist()
    found = terms.distinguishing_terms(texts, [groups[i] for i in ids], top=top, outlets=outlets)
    return pd.DataFrame([t.__dict__ for t in found], columns=list(terms.Term.__dataclass_fields__))


def all_charts(s: Selection) -> list[Chart]:
    """Every chart of the selection, in page order, as the pages draw them (grouped by outlet and
    sampled for sentences when the selection is large): what the report and the ZIP hold."""
    grouped, sample = s.charts, s.sample
    return [
        overview(grouped),
        label_rates(grouped),
        label_split(grouped, "voice"),
        label_split(grouped, "place"),
        legitimacy(grouped),
        *events(grouped),
        sentence_tone(sample),
        tone_arc(sample),
        loaded(grouped),
        readability(grouped),
        sentence_lengths(sample),
        similarity(grouped),
        reprinted(s),
        sources(grouped),
    ]


def scorecard_columns() -> dict[str, str]:
    """The scorecard's columns (the article, its outlet, the actor's main label and legitimacy,
    then the registry's measures marked for it) and their headers."""
    fixed = {"label": "Article", "outlet": "Outlet", "dominant": "Main label", "legitimacy": LEGITIMACY.short}
    return {**fixed, **{m.column: m.short for m in chosen("scorecard") if m.column}}


def scorecard(s: Selection) -> pd.DataFrame:
    """One row per selected article: its outlet, main label and legitimacy for the actor, tone,
    loaded language and reading grade; unknown outlets and missing headlines said in words."""
    card = s.articles[["id", "label"]].merge(s.tables.scores, on="id")
    card["outlet"] = card["outlet"].fillna("not stated")
    card[HEADLINE_TONE.column] = card[HEADLINE_TONE.column].map(
        lambda v: "no headline" if v != v or v is None else f"{v:+.2f}"
    )
    card["dominant"] = card.get(f"dominant_{s.actor}")
    card["legitimacy"] = card.get(f"legitimacy_{s.actor}")
    # Blank where the charts say "too few": fewer mentions or sentences than an estimate needs.
    found = s.intervals
    for column, measure, target in (
        ("legitimacy", "legitimacy", s.actor),
        *((m.column, m.column, "") for m in chosen("scorecard") if m.column and m.interval_unit),
    ):
        rows = found[(found["measure"] == measure) & (found["target"] == target) & (found["group"] == "")]
        estimated = rows.set_index("id")["estimate"].reindex(card["id"])
        if len(rows):
            card[column] = card[column].where(estimated.notna().to_numpy())
    columns = scorecard_columns()
    return card[list(columns)].rename(columns=columns)
