"""Article: one article's text with switchable highlight layers, and its scores beside it."""

import streamlit as st

from analysis.registry import FK_GRADE, HEADLINE_TONE, LOADED, LOADED_QUOTED, SENTENCE_TONE
from app_pages import keys
from app_pages.address import in_address
from app_pages.state import current_view, judged_sentences
from app_pages.widgets import html_block
from ui.highlight import Mark, article_html, legend_html
from ui.labels import named
from ui.markdown import md
from ui.style import group_colors, pretty

FACTS = {"outlet": "Outlet", "author": "Author", "published": "Published", "url": "URL"}

view = current_view()
tables = view.tables
ids = view.ids
LAYERS = {
    "labels": "Labels",
    "loaded": "Loaded terms",
    "quotes": "Quotations",
    "sources": "Sources",
    "shared": "Shared with others",
    "model": "Loaded sentences (model)",
}

if st.session_state.get(keys.FOCUS_ARTICLE) in ids:
    st.session_state[keys.ARTICLE_PICK] = st.session_state.pop(keys.FOCUS_ARTICLE)
in_address(keys.ARTICLE_PICK, "article", ids, ids[0])
in_address(keys.ARTICLE_LAYERS, "layers", list(LAYERS), ["labels", "quotes"], many=True)

st.title("Article")
article_id = st.selectbox("Article", ids, key=keys.ARTICLE_PICK, format_func=view.picker_label)
meta = tables.articles.set_index("id").loc[article_id]
scores = tables.scores.set_index("id").loc[article_id]
layers = st.pills("Highlight", list(LAYERS), selection_mode="multi", key=keys.ARTICLE_LAYERS, format_func=named(LAYERS))

marks: list[Mark] = []
legend: list[tuple[str, str]] = []
label_legends: list[str] = []  # one row per actor or event found, the chosen actor first
if "labels" in layers:
    hits = tables.hits[tables.hits["id"] == article_id]
    names = tables.lexicon.drop_duplicates("target").set_index("target")["target_label"]
    found = sorted(hits["target"].unique(), key=lambda t: (t != view.actor, list(names.index).index(t)))
    for target in found:
        colors = group_colors(tables.lexicon, target)
        mine = hits[hits["target"] == target]
        for h in mine.itertuples():
            marks.append(Mark(int(h.start), int(h.end), "label", f"{pretty(h.group)} ({h.voice})", colors[h.group]))
        entries = [(color, pretty(group)) for group, color in colors.items() if group in set(mine["group"])]
        label_legends.append(legend_html(entries, title=names[target]))
if "loaded" in layers:
    loaded = tables.loaded[tables.loaded["id"] == article_id]
    marks += [Mark(int(h.start), int(h.end), "loaded", pretty(h.category)) for h in loaded.itertuples()]
    legend.append(("loaded", "loaded term"))
if "quotes" in layers:
    sentences = tables.sentences[(tables.sentences["id"] == article_id) & (tables.sentences["voice"] != "own")]
    spans = tables.source_spans[(tables.source_spans["id"] == article_id) & (tables.source_spans["kind"] == "quote")]
    marks += [Mark(int(s.start), int(s.end), "quote", f"quoted: {s.source}") for s in spans.itertuples()]
    marks += [
        Mark(int(s.start), int(s.end), "quote", "quoted")
        for s in sentences[sentences["voice"] == "quoted"].itertuples()
    ]
    legend.append(("quote", "quotation"))
if "sources" in layers:
    spans = tables.source_spans[(tables.source_spans["id"] == article_id) & (tables.source_spans["kind"] == "mention")]
    marks += [Mark(int(s.start), int(s.end), "source", f"source: {s.source} ({s.type})") for s in spans.itertuples()]
    legend.append(("source", "source"))
if "shared" in layers:
    passages = tables.passages
    layers_of = {"copied": "passage", "quotation": "shared_quote"}
    for r in passages[passages["a"] == article_id].itertuples():
        marks.append(Mark(r.a_start, r.a_end, layers_of[r.kind], f"{r.kind} shared with {view.label(r.b)}"))
    for r in passages[passages["b"] == article_id].itertuples():
        marks.append(Mark(r.b_start, r.b_end, layers_of[r.kind], f"{r.kind} shared with {view.label(r.a)}"))
    legend += [("passage", "text copied to or from another article"), ("shared_quote", "quotation another carries")]

judged = judged_sentences(meta["text"]) if "model" in layers else []
if "model" in layers:
    for s in judged:
        if s.loaded:
            evidence = ", ".join(w for w, _, _ in s.evidence)
            marks.append(Mark(s.start, s.end, "model", f"loaded score {s.probability:.2f}: {evidence}"))
            marks += [Mark(a, b, "model_word", f"evidence ({s.probability:.2f})") for _, a, b in s.evidence]
    legend += [("model", "sentence the model flags as loaded"), ("model_word", "the words behind it")]

text_col, score_col = st.columns([3, 2], gap="large")
with text_col:
    facts = {name: meta[name] if isinstance(meta[name], str) and meta[name] else "not stated" for name in FACTS}
    st.text(" \u00b7 ".join(f"{label}: {facts[name]}" for name, label in FACTS.items()))
    if label_legends or legend:
        html_block("".join(label_legends) + (legend_html(legend) if legend else ""))
    headline = tables.sentences[(tables.sentences["id"] == article_id) & tables.sentences["headline"]]
    if headline.empty:
        st.caption(
            "No line was taken as the headline: the first line reads as body text. A title given in front matter, "
            "a table's title column or the paste form is used as the headline."
        )
    else:
        value = scores.get(HEADLINE_TONE.column)
        tone_note = f"; its tone {value:+.2f}" if isinstance(value, float) and value == value else ""
        st.caption(md(f"Headline, scored apart from the body: \u201c{' '.join(headline['text'])}\u201d{tone_note}."))
    with st.container(height=640):
        html_block(article_html(meta["text"], marks, view.content_start(article_id)))
with score_col:
    st.subheader("Scores")
    actor_label = tables.lexicon.loc[tables.lexicon["target"] == view.actor, "target_label"].iloc[0]
    dominant = scores.get(f"dominant_{view.actor}")
    legit = scores.get(f"legitimacy_{view.actor}")
    c1, c2 = st.columns(2)
    main_label = pretty(dominant) if isinstance(dominant, str) else "none"
    c1.metric("Main label", main_label, help=md(f"for the {actor_label}"))
    c2.metric("Legitimacy index", "n/a" if legit is None or legit != legit else f"{legit:+.2f}")
    c1.metric(SENTENCE_TONE.label, f"{scores[SENTENCE_TONE.column]:+.2f}")
    c2.metric(
        "Loaded / 1k words",
        f"{scores[LOADED.column]:.1f}",
        help=f"In the outlet's own voice; inside quotations: {scores[LOADED_QUOTED.column]:.1f} per 1,000 words",
    )
    c1.metric("Flesch-Kincaid grade", f"{scores[FK_GRADE]:.1f}")
    c2.metric("Flesch reading ease", f"{scores['flesch_reading_ease']:.0f}")
    own = [s for s in judged_sentences(meta["text"]) if s.voice == "own" and not s.heading]
    if own:
        share = sum(s.probability for s in own) / len(own)
        flagged = sum(s.loaded for s in own)
        c1.metric(
            "Loaded sentences",
            f"{share:.0%}",
            help=f"The sentence model's expected share of the outlet's own-voice sentences that are loaded (the "
            f"mean of their calibrated probabilities); it flags {flagged} of {len(own)}. Offered beside the word "
            "list: see Methods for how it was trained and how far it holds.",
        )
    c1.metric("Words", f"{int(meta['words'])}")
    c2.metric("Words per sentence", f"{scores['words_per_sentence']:.1f}")
    st.subheader("Labels")
    labels = tables.labels[(tables.labels["id"] == article_id) & (tables.labels["total"] > 0)].copy()
    names = tables.lexicon.drop_duplicates("target").set_index("target")["target_label"]
    labels["for"] = labels["target"].map(names)
    labels["label"] = labels["group"].map(pretty)
    st.dataframe(
        labels[["for", "label", "own_voice", "quoted", "headline"]],
        hide_index=True,
        width="stretch",
        column_config={
            "for": st.column_config.TextColumn("Actor or event", width="small"),
            "label": st.column_config.TextColumn("Label", width="small"),
            "own_voice": st.column_config.NumberColumn("Own", width=48, help="mentions in the outlet's own voice"),
            "quoted": st.column_config.NumberColumn("Quoted", width=56, help="mentions inside quotations"),
            "headline": st.column_config.NumberColumn("Head", width=48, help="mentions in the headline"),
        },
    )
    st.subheader("Sources")
    sources = tables.sources[tables.sources["id"] == article_id].copy()
    sources["type"] = sources["type"].str.replace("_", " ")
    st.dataframe(
        sources[["source", "type", "citations", "quotes"]],
        hide_index=True,
        width="stretch",
        column_config={
            "source": st.column_config.TextColumn("Source", width="medium"),
            "type": st.column_config.TextColumn("Type", width="small"),
            "citations": st.column_config.NumberColumn("Cited", width=52),
            "quotes": st.column_config.NumberColumn("Quotes", width=56),
        },
    )
