"""Overlap: how similar the articles are, what two of them share, and whose voices they carry."""

from functools import partial

import pandas as pd
import streamlit as st

from analysis.corpus import NO_OUTLET
from analysis.sources.kinds import KINDS
from app_pages import keys
from app_pages.address import in_address
from app_pages.state import View, current_view
from app_pages.widgets import evidence, html_block, just_clicked, show
from ui import catalogue
from ui.clicks import GroupClick, PairClick, SourceClick
from ui.highlight import Mark, article_html, legend_html
from ui.markdown import md
from ui.style import counted


def pair_marks(tables, a: str, b: str) -> tuple[list[Mark], list[Mark], pd.DataFrame]:
    """Highlights for A and B (shared passages, aligned sentences) and the aligned pairs, A first."""
    marks_a: list[Mark] = []
    marks_b: list[Mark] = []
    rows = []
    for first, second, frame_a, frame_b in ((a, b, marks_a, marks_b), (b, a, marks_b, marks_a)):
        passages = tables.passages[(tables.passages["a"] == first) & (tables.passages["b"] == second)]
        for r in passages.itertuples():
            layer, name = ("shared_quote", "shared quotation") if r.kind == "quotation" else ("passage", "copied text")
            frame_a.append(Mark(r.a_start, r.a_end, layer, f"{name}, {r.words} words"))
            frame_b.append(Mark(r.b_start, r.b_end, layer, f"{name}, {r.words} words"))
        aligned = tables.aligned[(tables.aligned["a"] == first) & (tables.aligned["b"] == second)]
        for r in aligned.itertuples():
            frame_a.append(Mark(r.a_start, r.a_end, "aligned", f"aligned, score {r.score:.2f}"))
            frame_b.append(Mark(r.b_start, r.b_end, "aligned", f"aligned, score {r.score:.2f}"))
            rows.append((r.a_text, r.b_text, r.score) if first == a else (r.b_text, r.a_text, r.score))
    return marks_a, marks_b, pd.DataFrame(rows, columns=["A", "B", "score"])


def pair_numbers(view: View, a: str, b: str) -> None:
    pairs = view.tables.pairs
    row = pairs[((pairs["a"] == a) & (pairs["b"] == b)) | ((pairs["a"] == b) & (pairs["b"] == a))]
    if a == b:
        st.info("Choose two different articles.")
        return
    if row.empty:  # at scale only pairs that share something are kept
        st.info("These two articles share no passage and no related sentence, and their similarity was not kept.")
        return
    pair = row.iloc[0]
    swap = pair["a"] != a
    own = (pair["b_in_a"], pair["a_in_b"]) if swap else (pair["a_in_b"], pair["b_in_a"])
    whole = (
        (pair["b_in_a_with_quotes"], pair["a_in_b_with_quotes"])
        if swap
        else (pair["a_in_b_with_quotes"], pair["b_in_a_with_quotes"])
    )
    m1, m2, m3 = st.columns(3)
    m1.metric(
        "Similarity",
        f"{pair['similarity']:.2f}",
        help="TF-IDF cosine of the two articles' own text (quotations left out); "
        f"with quotations: {pair['similarity_with_quotes']:.2f}",
    )
    for column, name, mine, other, value, with_quotes in (
        (m2, "A's own text found in B", "A", "B", own[0], whole[0]),
        (m3, "B's own text found in A", "B", "A", own[1], whole[1]),
    ):
        column.metric(
            name,
            f"{value:.0%}",
            help=f"containment: share of {mine}'s 5-word sequences in its own voice found in {other}'s own voice "
            f"(quotations left out); with quotations: {with_quotes:.0%}",
        )
    note = (
        f"{counted(pair['copied_passages'], 'copied passage')} of outlet text, "
        f"{counted(pair['quoted_passages'], 'shared quotation')} (the same words quoted by both), "
        f"{counted(pair['aligned_sentences'], 'related sentence')}."
    )
    # A column of names and missing values: missing reads as NaN, which is truthy.
    if isinstance(pair["likely_borrower"], str):
        note += (
            f" Likely borrower: {view.label(pair['likely_borrower'])} (the later of the two by publication date; "
            f"evidence: {pair['borrower_evidence']}; shared quotations are not counted as evidence)."
        )
    elif isinstance(pair["borrower_evidence"], str):  # copied text, but too little or no dates
        note += f" No borrower is named: {pair['borrower_evidence']}."
    elif pair["quoted_passages"] and not pair["copied_passages"]:
        note += " No borrower is named: the two share quotations only, which both may have taken from the speaker."
    st.caption(md(note))


view = current_view()
tables = view.tables
ids = view.ids
st.title("Overlap")
st.caption(
    "Similarity is the TF-IDF cosine of the articles' own text, quotations left out. Click a cell to compare "
    "that pair side by side: copied text (8 or more words, verbatim, in an outlet's own voice) in yellow, "
    "quotations both articles carry in lilac, and related sentences in blue: a sentence and its closest match in "
    "the other article by shared words and meaning, often a rewrite of it, not always what a reader would call a "
    "paraphrase."
)


def outlet_pairs(first: str, second: str) -> None:
    """The compared article pairs of two outlets (of one, within it), the most similar first, and
    the most similar of them side by side."""
    members = view.charts.members or {}
    left, right = set(members.get(first, ())), set(members.get(second, ()))
    pairs = tables.pairs
    across = (pairs["a"].isin(left) & pairs["b"].isin(right)) | (pairs["a"].isin(right) & pairs["b"].isin(left))
    found = pairs[across].sort_values("similarity", ascending=False)
    where = f"within {first}" if first == second else f"between {first} and {second}"
    if found.empty:
        st.info(md(f"No article pair {where} was compared: they share no passage and no close sentence."))
        return
    st.markdown(
        md(
            f"{counted(len(found), 'compared article pair')} {where}, mean similarity "
            f"{found['similarity'].mean():.2f}. The most similar, with the ten most similar below it:"
        )
    )
    top = found.head(10)
    st.dataframe(
        pd.DataFrame(
            {
                "Article A": [view.label(i) for i in top["a"]],
                "Article B": [view.label(i) for i in top["b"]],
                "Similarity": top["similarity"].round(2),
                "Shared passages": top["shared_passages"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    side_by_side(str(top.iloc[0]["a"]), str(top.iloc[0]["b"]), 380)


def side_by_side(a: str, b: str, height: int) -> None:
    """Two articles' figures and texts side by side, what they share marked; aligned sentences below."""
    pair_numbers(view, a, b)
    if a == b:
        return
    marks_a, marks_b, aligned = pair_marks(tables, a, b)
    html_block(
        legend_html(
            [
                ("passage", "copied text (verbatim, outlet's own words)"),
                ("shared_quote", "shared quotation (quoted in both)"),
                ("aligned", "related sentence (its closest match; not always a paraphrase)"),
            ]
        )
    )
    texts = tables.articles.set_index("id")["text"]
    text_a, text_b = st.columns(2, gap="large")
    for column, article_id, marks in ((text_a, a, marks_a), (text_b, b, marks_b)):
        with column, st.container(height=height):
            st.markdown(f"**{md(view.label(article_id))}**")
            html_block(article_html(texts[article_id], marks, view.content_start(article_id)))
    if not aligned.empty:
        st.subheader("Related sentences")
        st.dataframe(
            aligned,
            hide_index=True,
            width="stretch",
            column_config={
                "score": st.column_config.NumberColumn(
                    format="%.2f", help="similarity of the sentences: mean of their word (TF-IDF) and meaning cosines"
                )
            },
        )


view.note()
cells = {"ol_heatmap": show(view, catalogue.similarity(view.charts), "ol_heatmap")}
clicked = just_clicked(cells)
click = clicked[1] if clicked else None
if isinstance(click, PairClick) and click.a != click.b and not view.grouped:
    # The pair opens over the page, where the eye is; the pickers below follow it, to read on.
    st.session_state[keys.PAIR_A], st.session_state[keys.PAIR_B] = click.a, click.b
    evidence("The pair side by side", partial(side_by_side, click.a, click.b, 380))
elif isinstance(click, PairClick) and view.grouped:
    # A cell of two outlets (or of one, on the diagonal): the article pairs behind its mean.
    evidence("The article pairs behind this cell", partial(outlet_pairs, click.a, click.b))
if keys.PAIR in st.session_state:  # a click on the Overview's strongest-overlap bars
    first, second = st.session_state.pop(keys.PAIR)
    st.session_state[keys.PAIR_A], st.session_state[keys.PAIR_B] = first, second
    if first != second:
        evidence("The pair side by side", partial(side_by_side, first, second, 380))
in_address(keys.PAIR_A, "a", ids, ids[0])
in_address(keys.PAIR_B, "b", ids, next((i for i in ids if i != st.session_state[keys.PAIR_A]), ids[0]))

st.header("Compare two articles")
pick_a, pick_b = st.columns(2, gap="large")
a = pick_a.selectbox("Article A", ids, key=keys.PAIR_A, format_func=view.picker_label)
b = pick_b.selectbox("Article B", ids, key=keys.PAIR_B, format_func=view.picker_label)
side_by_side(a, b, 520)

# Each selected article's outlet, as the reprinted-copy and source-kind figures group them.
outlet_of = catalogue.outlet_of(view)

st.header("Reprinted copy")
st.caption(
    "Churnalism: how much of each outlet's own text (quotations left out) also stands, word for word, in an "
    "article of another outlet published no later (or undated), as the mean over its articles with a 95% "
    "interval. A high share says the outlet ran copy it did not write: a wire story, a press release or another "
    "outlet's report. Click an outlet for its articles."
)
reprint_picks = {"ol_reprinted": show(view, catalogue.reprinted(view), "ol_reprinted")}
clicked = just_clicked(reprint_picks)
chosen_clusters = tables.clusters[tables.clusters["id"].isin(ids)] if not tables.clusters.empty else tables.clusters
if clicked and isinstance(clicked[1], GroupClick):
    outlet = clicked[1].group
    members = [i for i in ids if outlet_of[i] == outlet]

    def outlet_articles() -> None:
        found = tables.reprinted.set_index("id")
        st.markdown(md(f"{outlet}: {counted(len(members), 'article')}"))
        st.dataframe(
            pd.DataFrame(
                {
                    "Article": [view.label(i) for i in members],
                    "Own text reprinted": [found["reprinted_share"].get(i) for i in members],
                    "Copies of one story (cluster)": [
                        "" if pd.isna(found["cluster"].get(i)) else f"cluster {found['cluster'].get(i)}"
                        for i in members
                    ],
                }
            ).sort_values("Own text reprinted", ascending=False),
            hide_index=True,
            width="stretch",
            column_config={"Own text reprinted": st.column_config.ProgressColumn(min_value=0, max_value=1)},
        )

    evidence(f"Reprinted copy: {outlet}", outlet_articles)
st.subheader("Copies of one story")
if chosen_clusters.empty:
    st.caption("No two selected articles share half of one's own text: no story was reprinted here.")
else:
    sizes = chosen_clusters.groupby("cluster")["id"].transform("size")
    shown = chosen_clusters[sizes > 1]
    stories = shown["cluster"].nunique()
    st.caption(
        f"{stories:,} {'story' if stories == 1 else 'stories'} carried by more than one selected article: "
        "articles of which at least half the own text is found in another, joined into one cluster, earliest first."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Cluster": shown["cluster"],
                "Order": shown["order"],
                "Article": [view.label(i) for i in shown["id"]],
                "Outlet": shown["outlet"].fillna(NO_OUTLET),
                "Published": shown["published"],
                "Own text in another copy": shown["own_share"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Own text in another copy": st.column_config.ProgressColumn(min_value=0, max_value=1)},
    )

st.header("Sources")
source_picks = {"ol_sources": show(view, catalogue.sources(view.charts), "ol_sources")}
clicked = just_clicked(source_picks)
if clicked and isinstance(clicked[1], SourceClick) and not view.grouped:
    article_id, source = clicked[1].article, clicked[1].source

    def source_evidence() -> None:
        rows = tables.sources[(tables.sources["id"] == article_id) & (tables.sources["source"] == source)]
        spans = tables.source_spans[
            (tables.source_spans["id"] == article_id) & (tables.source_spans["source"] == source)
        ]
        st.markdown(md(f"{source} in {view.label(article_id)}"))
        if not rows.empty:
            kind = str(rows.iloc[0]["type"]).replace("_", " ")
            st.caption(md(f"Spellings seen: {rows.iloc[0]['aliases_seen']} \u00b7 type: {kind}"))
        html_block(legend_html([("source", "named as a source"), ("quote", "quotation attributed to it")]))
        kinds = {"mention": "source", "quote": "quote"}
        marks = [Mark(int(s.start), int(s.end), kinds[s.kind], source) for s in spans.itertuples()]
        with st.container(height=460):
            html_block(article_html(view.text(article_id), marks, view.content_start(article_id)))

    evidence("Where the article cites this source", source_evidence)

st.subheader("What kinds of sources each outlet cites")
st.caption(
    "The share of each outlet's citations that go to a person, an organisation, a government body, an anonymous "
    'source ("officials said"), a document, a media outlet or a post, with its 95% interval over the outlet\'s '
    "articles (fewer than three articles: no interval). How much an outlet relies on anonymous sources is the "
    "classic question; the kind of each source is in the Sources CSV."
)
shares = catalogue.source_kinds(view)
wide = shares.assign(
    cell=[
        "" if s != s or s is None else f"{s:.0%}" + ("" if lo != lo or lo is None else f" [{lo:.0%}, {hi:.0%}]")
        for s, lo, hi in zip(shares["share"], shares["ci_low"], shares["ci_high"], strict=True)
    ]
).pivot(index="group", columns="kind", values="cell")[[k for k in KINDS]]
st.dataframe(wide.rename_axis("outlet").reset_index(), hide_index=True, width="stretch")

st.subheader("Shared sources")
# Shared within the selection: a source counts when two or more of the selected articles cite it.
selected = set(ids)
shared = tables.shared_sources.copy()
shared["ids"] = shared["ids"].map(lambda cited: [i for i in cited if i in selected])
shared = shared[shared["ids"].map(len) >= 2].assign(articles=lambda frame: frame["ids"].map(len))
shared["cited by"] = shared["ids"].map(lambda cited: ", ".join(view.label(i) for i in cited))
shared["type"] = shared["type"].str.replace("_", " ")
st.dataframe(shared[["source", "type", "articles", "cited by"]], hide_index=True, width="stretch")
st.subheader("Shared quotations")
quotes = tables.shared_quotes[tables.shared_quotes["id"].isin(ids)].copy()
if quotes.empty:
    st.info("No quotation appears in more than one of the selected articles.")
else:
    quotes["article"] = quotes["id"].map(view.label)
    st.dataframe(quotes[["quotation", "article", "source", "text"]], hide_index=True, width="stretch")
