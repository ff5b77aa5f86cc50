"""Compare: groups of articles (by outlet or any stated column) on one measure, with intervals and tests."""

import pandas as pd
import streamlit as st

from analysis.registry import comparable
from analysis.statistics import MIN_GROUP_SIZE, NORMAL_P_FROM, PairDifference, in_words
from app_pages import keys
from app_pages.address import in_address
from app_pages.state import current_view
from app_pages.widgets import show
from ui import catalogue
from ui.markdown import md
from ui.style import a_or_an, counted

view = current_view()
tables = view.tables
st.title("Compare")
st.caption(
    "Do the groups really differ, or could the difference be noise? Each group's mean with a 95% bootstrap "
    "interval, and every pair's difference with its interval, effect size and a permutation test adjusted "
    f"for the number of pairs (Holm; the intervals are not adjusted; from {NORMAL_P_FROM} articles a group, "
    "the test's normal approximation, checked to agree within its Monte Carlo error). With an event or "
    "story column, the groups can be compared within events. The same numbers as `python -m analysis compare`."
)

columns = catalogue.group_columns(view)
usable = list(columns)
if not usable:
    st.info(
        "The selected articles do not state two or more outlets (or other groups) to compare. Give them an "
        "outlet in front matter or a table column, or add a column such as `lean` when importing a table."
    )
    st.stop()
actors = dict(tables.lexicon.drop_duplicates("target").query("kind == 'actor'")[["target", "target_label"]].values)
groups = {view.actor: tables.lexicon.loc[tables.lexicon["target"] == view.actor, "group"].tolist()}
options = {
    m.key: m for m in comparable(actors, groups) if m.column in tables.scores.columns or m.key.startswith("labels.")
}
# Blocks: a column whose values repeat across groups (an event or story id).
blocks = [name for name in usable if columns[name].dropna().duplicated().any()]
in_address(keys.COMPARE_BY, "by", usable, usable[0])
in_address(keys.COMPARE_MEASURE, "measure", list(options), next(iter(options)))
in_address(keys.COMPARE_WITHIN, "within", ["", *blocks], "")
left, middle, right = st.columns([2, 3, 2])
by = left.selectbox("Group by", usable, key=keys.COMPARE_BY)
chosen = middle.selectbox("Measure", list(options), key=keys.COMPARE_MEASURE, format_func=lambda k: options[k].label)
within = right.selectbox(
    "Within",
    ["", *[b for b in blocks if b != by]],
    key=keys.COMPARE_WITHIN,
    format_func=lambda b: b or "(all articles together)",
    help="Compare the groups within the values of this column, an event or story id: each pair on the "
    "events both covered. Outlets that cover different events can differ because the events differ.",
)
measure = options[chosen]

item, result = catalogue.comparison(view, by, measure, within)
left_out = result.left_out
if left_out:
    missing = f"{a_or_an(by)}, {a_or_an(within)}" if within else a_or_an(by)
    articles_left = counted(left_out, "article")
    st.caption(
        md(f"{articles_left} without {missing} or a value of this measure {'is' if left_out == 1 else 'are'} left out.")
    )
if within:
    st.caption(
        md(
            f"Within {within}: each pair is compared on the {within} values both groups covered (the mean of "
            f"their differences there), its interval resamples whole {within}s, and its test shuffles the "
            f"groups only within each {within}. Pairs with fewer than {MIN_GROUP_SIZE} in common are not compared."
        )
    )
if any(g.estimate is not None for g in result.groups):
    show(view, item, "cmp_groups", select=False, export=True)
else:
    st.info(
        md(
            f"No {by} has the three or more articles with a value of this measure that an estimate needs. "
            "Choose another measure or grouping, or select more articles."
        )
    )

st.subheader("Every pair")
in_sentence = measure.label[0].lower() + measure.label[1:]
for pair in result.pairs:
    st.markdown(md(in_words(pair, in_sentence, within=within or None)))
if within and not result.pairs:
    st.info(
        md(f"No two {by} values share {MIN_GROUP_SIZE} or more {within} values, so no pair is compared within them.")
    )
st.dataframe(
    pd.DataFrame([p.__dict__ for p in result.pairs], columns=list(PairDifference.__dataclass_fields__)).drop(
        columns=[] if within else ["blocks"]
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "difference": st.column_config.NumberColumn(help="mean of a minus mean of b"),
        "effect_size": st.column_config.NumberColumn("Cohen's d"),
        "p_adjusted": st.column_config.NumberColumn("p (Holm)"),
        "blocks": st.column_config.NumberColumn(f"{within or 'blocks'} in common"),
        "ci_low": st.column_config.NumberColumn("95% low", help="not adjusted for the number of pairs"),
        "ci_high": st.column_config.NumberColumn("95% high", help="not adjusted for the number of pairs"),
    },
)
st.subheader("Every group")
st.dataframe(pd.DataFrame([g.__dict__ for g in result.groups]), hide_index=True, width="stretch", key="cmp_table")
