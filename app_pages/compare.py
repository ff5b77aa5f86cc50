"""Compare: groups of articles (by outlet or any stated column) on one measure, with intervals and tests."""

import pandas as pd
import streamlit as st

from analysis.registry import comparable
from analysis.statistics import PairDifference, compare_groups, in_words
from app_pages.address import in_address
from app_pages.state import current_view
from app_pages.widgets import show
from ui.catalogue import Chart
from ui.charts.compare import group_intervals
from ui.markdown import md

view = current_view()
tables = view.tables
st.title("Compare")
st.caption(
    "Do the groups really differ, or could the difference be noise? Each group's mean with a 95% bootstrap "
    "interval, and every pair's difference with its interval, effect size and a permutation test adjusted "
    "for the number of pairs (Holm). The same numbers as `python -m analysis compare`."
)

articles = view.articles.set_index("id")
columns = {"outlet": articles["outlet"], "author": articles["author"], "date": articles["published"]}
for key in sorted({k for m in articles["metadata"] for k in m}):
    columns[key] = articles["metadata"].map(lambda m, key=key: m.get(key))
usable = [name for name, values in columns.items() if values.dropna().nunique() >= 2]
if not usable:
    st.info(
        "The selected articles do not state two or more outlets (or other groups) to compare. Give them an "
        "outlet in front matter or a table column, or add a column such as `lean` when importing a table."
    )
    st.stop()
actors = dict(tables.lexicon.drop_duplicates("target").query("kind == 'actor'")[["target", "target_label"]].values)
options = {m.key: m for m in comparable(actors) if m.column in tables.scores.columns}
in_address("compare_by", "by", usable, usable[0])
in_address("compare_measure", "measure", list(options), next(iter(options)))
left, right = st.columns(2)
by = left.selectbox("Group by", usable, key="compare_by")
chosen = right.selectbox("Measure", list(options), key="compare_measure", format_func=lambda k: options[k].label)
measure = options[chosen]

scores = tables.scores.set_index("id")[measure.column]
values: dict[str, list[float]] = {}
left_out = 0
for article_id, group in columns[by].items():
    value = scores.get(article_id)
    if group is None or pd.isna(group) or value is None or pd.isna(value):
        left_out += 1
        continue
    values.setdefault(str(group), []).append(float(value))
result = compare_groups(values, measure.key, seed=0, left_out=left_out)
if left_out:
    st.caption(md(f"{left_out} article(s) without a {by} or a value of this measure are left out."))
if any(g.estimate is not None for g in result.groups):
    figure = group_intervals(result, measure.label, view.corpus_name, by)
    # The CSV behind the chart holds the test results too: every group, then every pair.
    data = pd.concat(
        [
            pd.DataFrame([g.__dict__ for g in result.groups]).assign(row="group"),
            pd.DataFrame([p.__dict__ for p in result.pairs], columns=list(PairDifference.__dataclass_fields__)).assign(
                row="pair"
            ),
        ],
        ignore_index=True,
    ).assign(measure=measure.key, grouped_by=by, seed=result.seed)
    show(view, Chart("compare", lambda: figure, data, "compare"), "cmp_groups", select=False)
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
    st.markdown(md(in_words(pair, in_sentence)))
st.dataframe(
    pd.DataFrame([p.__dict__ for p in result.pairs]),
    hide_index=True,
    width="stretch",
    column_config={
        "difference": st.column_config.NumberColumn(help="mean of a minus mean of b"),
        "effect_size": st.column_config.NumberColumn("Cohen's d"),
        "p_adjusted": st.column_config.NumberColumn("p (Holm)"),
    },
)
st.subheader("Every group")
st.dataframe(pd.DataFrame([g.__dict__ for g in result.groups]), hide_index=True, width="stretch", key="cmp_table")
