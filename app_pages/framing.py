"""Framing: which labels each article gives the chosen actor, in which voice and where."""

import streamlit as st

from app_pages import keys
from app_pages.address import in_address
from app_pages.state import current_view
from app_pages.widgets import just_clicked, label_dialog, label_evidence, show
from ui import catalogue
from ui.clicks import LabelClick
from ui.labels import named
from ui.markdown import md
from ui.style import group_colors, pretty

view = current_view()
tables = view.tables
lexicon = tables.lexicon
actor_label = lexicon.loc[lexicon["target"] == view.actor, "target_label"].iloc[0]
st.title("Framing")
st.caption(
    f"Labels for the {md(actor_label.lower())} (choose the actor in the sidebar). Own voice is the outlet's "
    "words; quotations are the words of the people it quotes. Click a bar to read the sentences."
)

view.note()
in_address(keys.FRAMING_MEASURE, "measure", ["per_1k", "total"], "per_1k")
measure = (
    st.segmented_control(
        "Measure",
        ["per_1k", "total"],
        key=keys.FRAMING_MEASURE,
        format_func=named({"per_1k": "Per 1,000 words", "total": "Counts"}),
    )
    or "per_1k"
)
picks = {
    "fr_rates": show(view, catalogue.label_rates(view.charts, measure), "fr_rates"),
    "fr_voice": show(view, catalogue.label_split(view.charts, "voice"), "fr_voice"),
    "fr_place": show(view, catalogue.label_split(view.charts, "place"), "fr_place"),
}
st.header("Legitimacy of every actor")
show(view, catalogue.legitimacy(view.charts), "fr_legit", select=False)

st.header("Event framing")
for item in catalogue.events(view.charts):
    event = item.key.removeprefix("event_")
    key = f"fr_{item.key}"
    picks[key] = show(view, item, key)

targets = lexicon["target"].drop_duplicates().tolist()
target_labels = lexicon.drop_duplicates("target").set_index("target")["target_label"].to_dict()
clicked = just_clicked(picks)
if clicked and isinstance(clicked[1], LabelClick) and clicked[1].target in targets:
    click = clicked[1]
    label_dialog(view, click.row, click.group, click.target)
    # The keyword-in-context section below follows the click too, to browse further.
    st.session_state[keys.KWIC_ARTICLE] = click.row if click.row in view.ids else "all"
    st.session_state[keys.KWIC_TARGET], st.session_state[keys.KWIC_GROUP] = click.target, click.group

st.header("Keyword in context")
st.caption("Every mention of one label, to browse beyond the sentences a click shows.")
if st.session_state.get(keys.KWIC_ACTOR) != view.actor:  # the sidebar's actor changed: follow it
    st.session_state[keys.KWIC_ACTOR] = st.session_state[keys.KWIC_TARGET] = view.actor
c1, c2, c3 = st.columns(3)
with c1:
    in_address(keys.KWIC_TARGET, "for", targets, view.actor)
    target = st.selectbox("Actor or event", targets, key=keys.KWIC_TARGET, format_func=named(target_labels))
with c2:
    groups = lexicon.loc[lexicon["target"] == target, "group"].tolist()
    in_address(keys.KWIC_GROUP, "label", groups, groups[0])
    group = st.selectbox("Label group", groups, key=keys.KWIC_GROUP, format_func=pretty)
with c3:
    options = ["all", *view.ids]
    in_address(keys.KWIC_ARTICLE, "in", options, "all")
    article = st.selectbox(
        "Article",
        options,
        key=keys.KWIC_ARTICLE,
        format_func=lambda i: "All selected articles" if i == "all" else view.picker_label(i),
    )
hits = tables.hits[
    (tables.hits["target"] == target) & (tables.hits["group"] == group) & tables.hits["id"].isin(view.ids)
]
if article != "all":
    hits = hits[hits["id"] == article]
rationale = lexicon[(lexicon["target"] == target) & (lexicon["group"] == group)].iloc[0]
st.caption(md(f"Scale position {rationale.position:+.1f}: {rationale.rationale} Forms: {rationale.forms}."))
label_evidence(view, hits, group_colors(lexicon, target))
