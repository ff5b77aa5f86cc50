"""Time: how each outlet's labels, legitimacy, tone and loaded language move over days, weeks or months."""

import pandas as pd
import streamlit as st

from analysis.registry import LOADED
from app_pages import keys
from app_pages.address import in_address
from app_pages.state import current_view
from app_pages.widgets import evidence, just_clicked, label_evidence, sentence_card, show
from ui import catalogue, timeline
from ui.clicks import PeriodClick
from ui.highlight import Mark
from ui.labels import named
from ui.markdown import md
from ui.style import counted, group_colors, pretty
from ui.timeline import PERIODS, SEPARATOR

view = current_view()
tables = view.tables
st.title("Over time")
st.caption(
    "Each point is the mean of one outlet's articles in one period, with its 95% interval over those articles. "
    "Click a point to read the sentences behind it."
)

left, middle, right = st.columns([2, 3, 2])  # five periods need the room
choices = catalogue.time_measures()
in_address(keys.TIME_MEASURE, "measure", list(choices), next(iter(choices)))
# From the dates of the articles that have a value of the measure (a quarter of them may label the actor).
suited = timeline.period_for(catalogue.measured_articles(view, st.session_state[keys.TIME_MEASURE]))
in_address(keys.TIME_PERIOD, "period", list(PERIODS), suited)
with left:
    measure = st.selectbox("Measure", list(choices), key=keys.TIME_MEASURE, format_func=named(choices))
with middle:
    period = st.segmented_control("Period", list(PERIODS), key=keys.TIME_PERIOD, format_func=named(PERIODS))
    period = period or suited
group = ""
if measure == "share":
    with right:
        groups = tables.lexicon.loc[tables.lexicon["target"] == view.actor, "group"].tolist()
        in_address(keys.TIME_GROUP, "label", groups, groups[0])
        group = st.selectbox("Label", groups, key=keys.TIME_GROUP, format_func=pretty)

item = catalogue.over_time(view, measure, period, group)
undated = int(item.data["undated_articles_left_out"].iloc[0]) if len(item.data) else len(view.ids)
if item.data.empty:
    st.info(
        "None of the selected articles states a publication date, so nothing can be drawn over time. Dates come "
        "from front matter, a date column when importing a table, or a page's metadata."
    )
    st.stop()
if not item.data["estimate"].notna().any():
    st.info(
        f"No outlet has three or more dated articles in any one {PERIODS[period]}, which a point and its interval "
        "need. Choose a longer period above, or select more articles."
    )
    st.stop()
if undated:
    st.caption(
        f"{undated:,} selected article{' states' if undated == 1 else 's state'} no publication date and "
        f"{'is' if undated == 1 else 'are'} left out of this chart."
    )
key = f"time_{measure}"
picks = {key: show(view, item, key)}
clicked = just_clicked(picks)

if clicked and period and isinstance(clicked[1], PeriodClick):
    bucket = clicked[1].bucket
    outlet, start = bucket.split(SEPARATOR)
    chosen_period = period
    ids = timeline.buckets(view.articles, chosen_period)[0].get(bucket, [])

    def bucket_evidence() -> None:
        when = timeline.period_name(pd.Timestamp(start), chosen_period)
        st.markdown(md(f"{outlet}, {when}") + f" \u00b7 {counted(len(ids), 'article')}")
        if measure in ("legitimacy", "share", "rate"):
            hits = tables.hits[tables.hits["id"].isin(ids) & (tables.hits["target"] == view.actor)]
            if measure != "rate":  # the rate counts every voice; the others the outlet's own
                hits = hits[hits["voice"] == "own"]
            if group:
                hits = hits[hits["group"] == group]
            label_evidence(view, hits, group_colors(tables.lexicon, view.actor))
        elif measure == LOADED.column:
            hits = tables.loaded[tables.loaded["id"].isin(ids) & (tables.loaded["voice"] == "own")]
            for (article_id, sentence), rows in list(hits.groupby(["id", "sentence"], sort=False))[:20]:
                first = rows.iloc[0]
                marks = [Mark(int(h.start), int(h.end), "loaded", pretty(h.category)) for h in rows.itertuples()]
                end = int(first.sentence_start) + len(first.sentence_text)
                sentence_card(view, article_id, int(first.sentence_start), end, marks, f"sentence {sentence + 1}")
            if hits.empty:
                st.info("No loaded terms in the outlet's own voice in these articles.")
        else:
            sentences = tables.sentences[tables.sentences["id"].isin(ids) & ~tables.sentences["headline"]]
            st.caption("The five most negative and the five most positive sentences of these articles.")
            chosen = [*sentences.nsmallest(5, "compound").itertuples(), *sentences.nlargest(5, "compound").itertuples()]
            for row in chosen:
                note = f"sentence {row.sentence + 1} \u00b7 tone {row.compound:+.2f}"
                sentence_card(view, row.id, int(row.start), int(row.end), [], note)

    evidence("One outlet in one period", bucket_evidence)
