"""Counts and 95% intervals for every row of a comparative chart.

A row is an article or an outlet. For an article the bootstrap resamples its sentences, for an
outlet its articles (Efron and Tibshirani 1993, percentile intervals), and recomputes the figure
the chart draws from the resampled units:

- the share of each label group among the actor's own-voice mentions (and the running share up
  to each group, which is where a stacked bar's segment ends),
- the label-legitimacy index of each actor (own-voice mentions weighted by scale position),
- each actor's label mentions per 1,000 words, all voices (the Framing page's rates; an outlet
  pools its articles' mentions and words as its bars do),
- the mean sentence tone (body sentences),
- loaded terms per 1,000 words in the outlet's own voice,
- the Flesch-Kincaid grade.

An outlet's figure is the mean of its articles' figures (each article counts once, as on the
Compare page), except label shares, which pool the outlet's mentions as the stacked bars do.
Where the sentence-level recomputation of a figure differs slightly from the article's own
(readability counts sentences its own way), the interval is the bootstrap spread around the
reported figure. Fewer than `MIN_UNITS` mentions, sentences or articles give no estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.readability import syllable_count
from analysis.registry import FK_GRADE, LOADED, SENTENCE_TONE
from analysis.registry import MEASURES as REGISTERED
from analysis.statistics import CONFIDENCE
from analysis.tables import CorpusTables

RESAMPLES = 2_000
MIN_UNITS = 3
COLUMNS = ["id", "measure", "target", "group", "estimate", "ci_low", "ci_high", "n", "unit"]
# The measures a chart row can carry an interval for, with the unit its count is in for an article.
MEASURES = {
    "share": "mentions",
    "cumulative_share": "mentions",
    "legitimacy": "mentions",
    "rate": "mentions",
    **{m.column: m.interval_unit for m in REGISTERED if m.interval_unit and m.column},
}
# The per-article measures with intervals, by flat column, in registry order.
PER_ARTICLE = [m.column for m in REGISTERED if m.interval_unit and m.column]

Statistic = Callable[[np.ndarray], np.ndarray]  # resample weights (resamples x units) -> one value per resample


def row_intervals(
    tables: CorpusTables,
    ids: Sequence[str],
    members: Mapping[str, Sequence[str]] | None = None,
    seed: int = 0,
    measures: Collection[str] = tuple(MEASURES),
) -> pd.DataFrame:
    """One row per chart row and measure (see the module): estimate, 95% interval and count.

    `tables` are article-level; with `members` (outlet -> its article ids) the rows are the
    outlets, otherwise the articles `ids`. For outlets only the `measures` asked for are
    resampled (a chart over time needs one measure for hundreds of outlet-periods)."""
    rng = np.random.default_rng(seed)
    if members:
        # Each article's label rows found once, not once per outlet (only label shares need them).
        wants_shares = bool(set(measures) & {"share", "cumulative_share", "rate"})
        labels = dict(tuple(tables.labels.groupby("id", sort=False))) if wants_shares else {}
        scores = tables.scores.set_index("id")
        rows = [
            r
            for group, found in members.items()
            for r in _outlet_rows(tables.lexicon, labels, scores, group, list(found), rng, set(measures))
        ]
    else:
        wanted = set(ids)
        parts = {
            name: dict(tuple(frame[frame["id"].isin(wanted)].groupby("id", sort=False)))
            for name, frame in (
                ("sentences", tables.sentences),
                ("hits", tables.hits),
                ("loaded", tables.loaded[tables.loaded["voice"] == "own"]),
            )
        }
        scores = tables.scores.set_index("id")
        rows = [
            r
            for article_id in ids
            for r in _article_rows(tables.lexicon, scores.loc[article_id], *_parts_of(parts, tables, article_id), rng)
        ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _weights(units: int, rng: np.random.Generator) -> np.ndarray:
    """How often each unit is drawn in each resample: (resamples x units)."""
    return rng.multinomial(units, np.full(units, 1 / units), size=RESAMPLES).astype(float)


def _interval(statistic: Statistic, weights: np.ndarray, estimate: float) -> tuple[float | None, float | None]:
    """The percentile interval of the resampled statistic, moved to centre on `estimate` by the
    amount the full sample's recomputation differs from it (zero when they agree)."""
    draws = statistic(weights)
    full = statistic(np.ones((1, weights.shape[1])))[0]
    draws = draws[np.isfinite(draws)]
    if not len(draws) or not np.isfinite(full):
        return None, None
    tail = (1 - CONFIDENCE) / 2
    shift = estimate - full
    low, high = np.quantile(draws, [tail, 1 - tail]) + shift
    return round(float(low), 4), round(float(high), 4)


def _ratio(top: np.ndarray, bottom: np.ndarray) -> Statistic:
    """Sum of `top` over sum of `bottom` in each resample (undefined where the bottom is 0)."""

    def statistic(weights: np.ndarray) -> np.ndarray:
        below = weights @ bottom
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(below > 0, (weights @ top) / np.where(below > 0, below, 1), np.nan)

    return statistic


def _row(article_id, measure, estimate, interval, n, unit, target="", group="") -> dict:
    low, high = interval
    return {
        "id": article_id,
        "measure": measure,
        "target": target,
        "group": group,
        "estimate": None if estimate is None else round(float(estimate), 4),
        "ci_low": low,
        "ci_high": high,
        "n": int(n),
        "unit": unit,
    }


def _too_few(article_id, measure, n, unit, target="", group="") -> dict:
    return _row(article_id, measure, None, (None, None), n, unit, target, group)


def _label_rows(
    lexicon: pd.DataFrame,
    row_id: str,
    counts: Mapping[tuple[str, str], np.ndarray],
    units: int,
    weights: np.ndarray | None,
    unit: str,
    n_of: Callable[[int], int] = int,
    wanted: Collection[str] = tuple(MEASURES),
) -> list[dict]:
    """Shares, running shares and the legitimacy index of every target from `counts`: (target,
    group) -> mentions in each unit (sentence or article); own-voice mentions for actors and all
    mentions for events (what the charts draw). A row's count is `n_of(mentions)`; only the
    `wanted` measures are computed."""
    rows = []
    for target, groups in lexicon.groupby("target", sort=False):
        zero = np.zeros(units)
        matrix = np.column_stack([counts.get((target, g), zero) for g in groups["group"]]).astype(float)
        total = matrix.sum(axis=1)
        n = int(total.sum())
        count_n = n_of(n)
        enough = n >= MIN_UNITS and weights is not None
        running = np.zeros(len(total))
        for index, group in enumerate(groups["group"]):
            running = running + matrix[:, index]
            share = matrix[:, index].sum() / n if n else None
            cumulative = running.sum() / n if n else None
            for measure, top, estimate in (
                ("share", matrix[:, index], share),
                ("cumulative_share", running.copy(), cumulative),
            ):
                if measure not in wanted:
                    continue
                if not enough or weights is None or estimate is None:
                    rows.append(_too_few(row_id, measure, count_n, unit, target, group))
                    continue
                interval = _interval(_ratio(top, total), weights, estimate)
                rows.append(_row(row_id, measure, estimate, interval, count_n, unit, target, group))
        if groups["kind"].iloc[0] == "actor" and "legitimacy" in wanted:
            positions = groups["position"].to_numpy(dtype=float)
            weighted = matrix @ positions
            if not enough or weights is None:
                rows.append(_too_few(row_id, "legitimacy", count_n, unit, target))
                continue
            estimate = weighted.sum() / n
            interval = _interval(_ratio(weighted, total), weights, estimate)
            rows.append(_row(row_id, "legitimacy", estimate, interval, count_n, unit, target))
    return rows


def _parts_of(
    parts: Mapping[str, Mapping[str, pd.DataFrame]], tables: CorpusTables, article_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """An article's sentences, label hits and own-voice loaded hits (empty frames when it has none)."""
    sentences, hits, loaded = (
        parts[name].get(article_id, getattr(tables, name).iloc[:0]) for name in ("sentences", "hits", "loaded")
    )
    return sentences, hits, loaded


def _article_rows(
    lexicon: pd.DataFrame,
    score: pd.Series,
    sentences: pd.DataFrame,
    hits: pd.DataFrame,
    own_loaded: pd.DataFrame,
    rng: np.random.Generator,
) -> list[dict]:
    """Every measure of one article (its score row and its sentences, label hits and own-voice
    loaded terms), its sentences resampled."""
    article_id = score.name
    sentences = sentences.sort_values("sentence")
    count = len(sentences)
    weights = _weights(count, rng) if count >= MIN_UNITS else None
    actors = set(lexicon.loc[lexicon["kind"] == "actor", "target"])
    # Own-voice mentions for actors, every mention for events: what the charts draw.
    counted = hits[(hits["voice"] == "own") | ~hits["target"].isin(actors)]
    position = {sentence: i for i, sentence in enumerate(sentences["sentence"])}
    per_sentence = {
        key: np.bincount([position[s] for s in frame["sentence"]], minlength=count)
        for key, frame in counted.groupby(["target", "group"], sort=False)
    }
    rows = _label_rows(lexicon, article_id, per_sentence, count, weights, "mentions")
    words = sentences["words"].to_numpy(dtype=float)
    for actor in sorted(actors):
        mentions = hits.loc[hits["target"] == actor, "sentence"]
        top = np.bincount([position[s] for s in mentions], minlength=count).astype(float)
        estimate = 1000 * len(mentions) / float(score["words"]) if score["words"] else None
        if weights is None or estimate is None:
            rows.append(_too_few(article_id, "rate", len(mentions), "mentions", actor))
            continue
        interval = _interval(_ratio(1000 * top, words), weights, estimate)
        rows.append(_row(article_id, "rate", estimate, interval, len(mentions), "mentions", actor))
    body = ~sentences["headline"].to_numpy()
    tone = sentences["compound"].to_numpy(dtype=float)
    rows.append(_sentence_measure(article_id, SENTENCE_TONE.column, score, tone * body, body.astype(float), rng))
    loaded = own_loaded.groupby("sentence").size().reindex(sentences["sentence"], fill_value=0).to_numpy(float)
    rows.append(
        _measure_row(
            article_id, LOADED.column, score, _ratio(1000 * loaded, words), weights, int(score["words"]), "words"
        )
    )
    syllables = np.array([syllable_count(text) for text in sentences["text"]], dtype=float)

    def grade(w: np.ndarray) -> np.ndarray:
        n_words, n_sentences = w @ words, w.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return 0.39 * n_words / n_sentences + 11.8 * (w @ syllables) / n_words - 15.59

    rows.append(_measure_row(article_id, FK_GRADE, score, grade, weights, count, "sentences"))
    return rows


def _sentence_measure(article_id, measure, score, top, bottom, rng) -> dict:
    """A mean over the sentences where `bottom` is 1 (body sentences), those sentences resampled."""
    kept = bottom > 0
    n = int(kept.sum())
    weights = _weights(n, rng) if n >= MIN_UNITS else None
    return _measure_row(article_id, measure, score, _ratio(top[kept], bottom[kept]), weights, n, "sentences")


def _measure_row(article_id, measure, score, statistic, weights, n, unit) -> dict:
    estimate = score.get(measure)
    if weights is None or estimate is None or estimate != estimate:
        return _too_few(article_id, measure, n, unit)
    return _row(article_id, measure, estimate, _interval(statistic, weights, float(estimate)), n, unit)


def _outlet_rows(
    lexicon: pd.DataFrame,
    labels_of: Mapping[str, pd.DataFrame],
    scores: pd.DataFrame,
    group: str,
    ids: list[str],
    rng: np.random.Generator,
    wanted: set[str],
) -> list[dict]:
    """The `wanted` measures of one outlet (its articles' label rows and scores), its articles resampled."""
    weights = _weights(len(ids), rng) if len(ids) >= MIN_UNITS else None
    actors = set(lexicon.loc[lexicon["kind"] == "actor", "target"])
    shares = wanted & {"share", "cumulative_share"}
    parts = [labels_of[i] for i in ids if i in labels_of] if shares or "rate" in wanted else []
    labels = pd.concat(parts) if parts else None  # the outlet's label rows, gathered once
    rows = _outlet_shares(lexicon, labels, group, ids, weights, shares) if shares else []
    scores = scores.reindex(ids)
    if "rate" in wanted:
        rows += _outlet_rates(sorted(actors), labels, group, ids, scores["words"].to_numpy(float), weights)
    measures = [m for m in PER_ARTICLE if m in wanted]
    measures += [f"legitimacy_{a}" for a in sorted(actors)] if "legitimacy" in wanted else []
    for measure in measures:
        if measure not in scores:
            continue
        values = scores[measure].to_numpy(dtype=float)
        present = np.isfinite(values)
        n = int(present.sum())
        name, target = (
            ("legitimacy", measure.removeprefix("legitimacy_")) if measure.startswith("legitimacy_") else (measure, "")
        )
        if n < MIN_UNITS or weights is None:
            rows.append(_too_few(group, name, n, "articles", target))
            continue
        estimate = float(values[present].mean())
        statistic = _ratio(np.where(present, values, 0.0), present.astype(float))
        rows.append(_row(group, name, estimate, _interval(statistic, weights, estimate), n, "articles", target))
    return rows


def _per_article(labels: pd.DataFrame, ids: list[str], by: str | list[str], column: str) -> dict:
    """`column` summed per article (in the order of `ids`) for each value of `by`."""
    position = {article_id: i for i, article_id in enumerate(ids)}
    return {
        key: np.bincount(
            [position[i] for i in frame["id"]], weights=np.nan_to_num(frame[column].to_numpy(float)), minlength=len(ids)
        )
        for key, frame in labels.groupby(by, sort=False)
    }


def _outlet_shares(
    lexicon: pd.DataFrame,
    labels: pd.DataFrame | None,
    group: str,
    ids: list[str],
    weights: np.ndarray | None,
    shares: set[str],
) -> list[dict]:
    """An outlet's label shares: its mentions pooled, its articles resampled (n: articles)."""
    actors = set(lexicon.loc[lexicon["kind"] == "actor", "target"])
    per_article = {}
    if labels is not None:
        labels = labels.assign(counted=np.where(labels["target"].isin(actors), labels["own_voice"], labels["total"]))
        per_article = _per_article(labels, ids, ["target", "group"], "counted")
    return _label_rows(lexicon, group, per_article, len(ids), weights, "articles", lambda _: len(ids), shares)


def _outlet_rates(
    actors: list[str],
    labels: pd.DataFrame | None,
    group: str,
    ids: list[str],
    words: np.ndarray,
    weights: np.ndarray | None,
) -> list[dict]:
    """An outlet's label mentions per 1,000 words for each actor: mentions and words pooled over
    its articles, the articles resampled (n: articles)."""
    rows = []
    by_actor = _per_article(labels, ids, "target", "total") if labels is not None else {}
    for actor in actors:
        mentions = by_actor.get(actor, np.zeros(len(ids)))
        total_words = float(np.nansum(words))
        if weights is None or not total_words:
            rows.append(_too_few(group, "rate", len(ids), "articles", actor))
            continue
        estimate = 1000 * mentions.sum() / total_words
        interval = _interval(_ratio(1000 * mentions, np.nan_to_num(words)), weights, estimate)
        rows.append(_row(group, "rate", estimate, interval, len(ids), "articles", actor))
    return rows
