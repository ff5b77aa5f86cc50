"""Streamlit pieces the pages share: clickable charts and the evidence behind a mark."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from functools import partial
from typing import cast

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app_pages import keys
from app_pages.address import switch_to
from app_pages.state import View, keep_for_export, view_provenance
from ui.catalogue import Chart
from ui.clicks import Click, parse
from ui.export import browser_available, chart_files
from ui.highlight import Mark, highlight
from ui.markdown import md
from ui.style import counted, group_colors, pretty, toolbar_config

ARTICLE_PAGE = "app_pages/article.py"


METHODS = {
    "labels": "labels and the legitimacy index",
    "tone": "sentence tone",
    "loaded": "loaded language",
    "readability": "the readability formulas",
    "overlap": "shared text and similarity",
    "sources": "sources",
    "compare": "comparing groups",
    "terms": "search and distinguishing terms",
    "validation": "validation on your own corpus",
}


def chart(fig: go.Figure, key: str, select: bool = True, method: str | None = None) -> list[Click]:
    """Draw a figure, with a help link to its Methods section; return what the marks the user
    clicked or boxed stand for (`ui.clicks`)."""
    title = fig.layout.title.text or key
    event = st.plotly_chart(
        fig,
        key=key,
        on_select=partial(_note_click, key) if select else "ignore",
        selection_mode=("points", "box") if select else ("points",),
        config=toolbar_config(title),
        width="stretch",
    )
    if method:
        st.caption(
            f"How this is measured: {METHODS[method]}",
            help=f"What the score means, how it is computed, its limits and how well it agrees with people: "
            f"[Methods \u203a {METHODS[method]}](/methods#{method})",
        )
    if not select or not event:
        return []
    points = cast(dict, event).get("selection", {}).get("points", [])  # a PlotlyState: selections are on
    return [click for p in points if (click := parse(p.get("customdata"))) is not None]


def _note_click(key: str) -> None:
    st.session_state[keys.CLICKED] = key


def just_clicked(picks: dict[str, list[Click]]) -> tuple[str, Click] | None:
    """The chart the user has just clicked among a page's charts (`key -> its picks`) and the
    first mark clicked; None when this run has another cause, so evidence opens once per click
    and a later rerun (another widget, a page switch) does not bring it back."""
    key = st.session_state.get(keys.CLICKED)
    if key not in picks:  # another of the page's charts: its own call takes the click
        return None
    st.session_state.pop(keys.CLICKED)
    return (key, picks[key][0]) if picks[key] else None


def forget_click() -> None:
    """At the end of every run: a click no chart of the page took is not kept for a later run."""
    st.session_state.pop(keys.CLICKED, None)


def evidence(title: str, body: Callable[[], None]) -> None:
    """Evidence for a click, in a dialog over the page: it opens where the eye is, whatever the
    page's length and the window's size."""
    st.dialog(title, width="large")(body)()


def show(view: View, item: Chart, key: str, select: bool = True, export: bool = False) -> list[Click]:
    """A catalogue chart of `view` with its downloads: PNG and SVG with the view's source note
    inside (for the screen, or for the print size chosen on the Export page), and the data
    behind it as CSV; files are made only when a button is pressed. `export`: a chart the
    catalogue cannot make by itself (Compare, Search, Validation), kept for the report and ZIP."""
    picked = chart(item.figure, key, select, item.method)
    if export:
        keep_for_export(key, item)
    files = chart_files(item, view_provenance(view).note, st.session_state.get(keys.PRINT_SIZE))
    ready, reason = browser_available()
    columns = st.columns([1, 1, 1, 5])
    for column, (name, make) in zip(columns, files.items(), strict=False):
        kind = name.rsplit(".", 1)[1]
        column.download_button(
            kind.upper(),
            data=make,
            file_name=name,
            mime={"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv"}[kind],
            key=f"{key}_{kind}",
            disabled=kind != "csv" and not ready,
            help=reason if kind != "csv" and not ready else f"Download {name}",
            icon=":material/download:",
        )
    return picked


def html_block(body: str) -> None:
    """Render HTML built from escaped article text."""
    st.html(f'<div style="font-size:1rem">{body}</div>')


def sentence_card(view: View, article_id: str, start: int, end: int, marks: list[Mark], note: str = "") -> None:
    """One sentence of an article with its highlighted spans, and where it comes from."""
    text = view.text(article_id)
    label = html.escape(view.label(article_id))
    body = highlight(text, marks, start, end)
    extra = f" \u00b7 {html.escape(note)}" if note else ""
    html_block(
        f'<div style="border-left:3px solid #1f4e79;padding:4px 10px;margin:6px 0">'
        f'<div style="color:#5f6b7a;font-size:0.85em">{label}{extra}</div>{body}</div>'
    )


def label_evidence(view: View, hits: pd.DataFrame, colors: dict[str, str], limit: int = 30) -> None:
    """The sentences behind label hits, each term highlighted in its group's colour."""
    if hits.empty:
        st.info("No mentions of this label in the selection.")
        return
    sentences = hits.groupby(["id", "sentence"], sort=False)
    for (article_id, sentence), group in itertools.islice(sentences, limit):
        first = group.iloc[0]
        marks = [Mark(int(h.start), int(h.end), "label", h.group, colors.get(h.group)) for h in group.itertuples()]
        voice = "inside a quotation" if first.voice == "quoted" else "outlet's own voice"
        place = "headline" if first.headline else f"sentence {sentence + 1}"
        end = int(first.sentence_start) + len(first.sentence_text)
        sentence_card(view, article_id, int(first.sentence_start), end, marks, f"{place} \u00b7 {voice}")
    if sentences.ngroups > limit:
        st.caption(f"First {limit} sentences shown.")


def open_article_button(article_id: str, key: str) -> None:
    if st.button("Open this article", key=key, icon=":material/article:"):
        st.session_state[keys.FOCUS_ARTICLE] = article_id
        switch_to(ARTICLE_PAGE)


def label_dialog(view: View, chart_id: str, group: str, target: str) -> None:
    """The sentences behind one clicked label mark (an article's, or a grouped outlet's), in a dialog."""
    lexicon = view.tables.lexicon
    target_label = lexicon.loc[lexicon["target"] == target, "target_label"].iloc[0]
    members = view.expand(chart_id)

    def body() -> None:
        hits = view.tables.hits
        hits = hits[(hits["target"] == target) & (hits["group"] == group) & hits["id"].isin(members)]
        st.markdown(
            md(f"{pretty(group)} for the {target_label.lower()} in {view.label(chart_id)}")
            + f" \u00b7 {counted(len(hits), 'mention')}"
        )
        label_evidence(view, hits, group_colors(lexicon, target), limit=12)
        if not view.grouped:
            open_article_button(chart_id, f"open_{chart_id}")

    evidence(f"Evidence: {pretty(group)}", body)
