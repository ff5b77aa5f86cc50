"""Framing: which labels each article gives the chosen actor, in which voice and where."""

import streamlit as st

from app_pages.state import current_view
from app_pages.widgets import label_evidence, show
from ui import catalogue
from ui.markdown import md
from ui.style import group_colors, pretty

view = current_view()
tables = view.tables
lexicon = tables.lexicon
actor_label = lexicon.loc[lexicon["target"] == view.actor, "target_label"].iloc[0]
st.title("Framing")
st.caption(
    f"Labels for the {actor_label.lower()} (choose the actor in the sidebar). Own voice is the outlet's "
    "words; quotations are the words of the people it quotes. Click a bar to read the sentences."
)

view.note()
measure = (
    st.segmented_control(
        "Measure",
        ["per_1k", "total"],
        default="per_1k",
        key="framing_measure",
        format_func={"per_1k": "Per 1,000 words", "total": "Counts"}.get,
    )
    or "per_1k"
)
picks = show(view, catalogue.label_rates(view.charts, measure), "fr_rates")
picks += show(view, catalogue.label_split(view.charts, "voice"), "fr_voice")
picks += show(view, catalogue.label_split(view.charts, "place"), "fr_place")
st.header("Legitimacy of every actor")
show(view, catalogue.legitimacy(view.charts), "fr_legit", select=False)

st.header("Event framing")
for item in catalogue.events(view.charts):
    event = item.key.removeprefix("event_")
    picks += [[point[0], point[1], event] for point in show(view, item, f"fr_{item.key}")]

st.header("Keyword in context")
targets = lexicon["target"].drop_duplicates().tolist()
target_labels = lexicon.drop_duplicates("target").set_index("target")["target_label"].to_dict()
if picks and len(picks[0]) >= 2 and picks[0][1] in set(lexicon["group"]):
    st.session_state["kwic_article"] = picks[0][0]
    st.session_state["kwic_target"] = picks[0][2] if len(picks[0]) > 2 and picks[0][2] in targets else view.actor
    st.session_state["kwic_group"] = picks[0][1]
if st.session_state.get("kwic_actor") != view.actor:  # the sidebar's actor changed: follow it
    st.session_state["kwic_actor"] = st.session_state["kwic_target"] = view.actor
c1, c2, c3 = st.columns(3)
with c1:
    if st.session_state.get("kwic_target") not in targets:
        st.session_state["kwic_target"] = view.actor
    target = st.selectbox("Actor or event", targets, key="kwic_target", format_func=target_labels.get)
with c2:
    groups = lexicon.loc[lexicon["target"] == target, "group"].tolist()
    if st.session_state.get("kwic_group") not in groups:
        st.session_state["kwic_group"] = groups[0]
    group = st.selectbox("Label group", groups, key="kwic_group", format_func=pretty)
with c3:
    options = ["all", *view.ids]
    if st.session_state.get("kwic_article") not in options:
        st.session_state["kwic_article"] = "all"
    article = st.selectbox(
        "Article",
        options,
        key="kwic_article",
        format_func=lambda i: "All selected articles" if i == "all" else view.label(i),
    )
hits = tables.hits[
    (tables.hits["target"] == target) & (tables.hits["group"] == group) & tables.hits["id"].isin(view.ids)
]
if article != "all":
    hits = hits[hits["id"] == article]
rationale = lexicon[(lexicon["target"] == target) & (lexicon["group"] == group)].iloc[0]
st.caption(md(f"Scale position {rationale.position:+.1f}: {rationale.rationale} Forms: {rationale.forms}."))
label_evidence(view, hits, group_colors(lexicon, target))
