"""Validation: code a random sample of what Framelens found, here or in a spreadsheet, and see
how often it is right (precision with Wilson intervals, recall of loaded sentences) and how far
two coders agree (Cohen's kappa, Krippendorff's alpha)."""

from functools import partial

import streamlit as st

from analysis.store import StoreError
from analysis.tone import load_loaded_words
from analysis.validation import SheetError, candidates, sample, sheet_csv, validation_report
from analysis.validation.sheets import WHAT, What
from app_pages import keys
from app_pages.state import current_view, store
from app_pages.state import study as study_of
from app_pages.widgets import show
from ui.catalogue import Chart
from ui.charts.validation import WHAT_NAMES, precision_intervals
from ui.labels import named
from ui.markdown import md
from ui.validation import coded_rows, group_names, precision_frame, report_lines, sheet_editor_frame

view = current_view()
tables = view.tables
st.title("Validation")
st.caption(
    "Before a count goes into a paper, check it against a human coder on your own articles: draw a random sample "
    "of what Framelens found (label hits per group, loaded-language hits per category, or sentences), mark each "
    "item right or wrong here or in a spreadsheet, and read how often the tool is right, with 95% intervals. A "
    "second coder's codes of the same sample give the agreement between coders. Codes are kept per collection, "
    "lexicon version and coder."
)

left, middle, right, far = st.columns([3, 1, 1, 2])
what: What = (
    left.segmented_control("Items", WHAT, default="labels", key="validate_what", format_func=named(WHAT_NAMES))
    or "labels"
)
n = middle.number_input("Sample size", min_value=5, max_value=1000, value=50, step=5, key="validate_n")
seed = right.number_input("Seed", min_value=0, max_value=10**6, value=1, key="validate_seed")
coder = far.text_input("Your name (coder)", key="validate_coder", placeholder="e.g. Ana").strip()
study = study_of(tables, what)
st.caption(
    md(
        f"Study: {view.corpus_name} \u00b7 lexicon {tables.lexicon_name} {tables.lexicon_version} \u00b7 "
        f"{WHAT_NAMES[what]} in the {len(view.ids):,} selected articles."
    )
)
if not coder:
    st.info("Enter your name to draw a sample and code it: codes are kept under it.")
    st.stop()

database = store()
rows = database.codes(study, coder)
coded_count = sum(r.correct is not None or r.voice_correct is not None for r in rows)


def draw_sample() -> list | None:
    """A new random sample of the selection's items; None (with a warning) when it holds none."""
    texts = dict(zip(tables.articles["id"], tables.articles["text"], strict=True))
    chosen = set(view.ids)
    hits, loaded, sentences = (
        frame[frame["id"].isin(chosen)] for frame in (tables.hits, tables.loaded, tables.sentences)
    )
    items = candidates(what, texts, hits, loaded, sentences, load_loaded_words().flag_at)
    if not items:
        st.warning(f"The selected articles hold no {WHAT_NAMES[what]} to code.")
        return None
    return sample(items, int(n), int(seed))


def replace_sheet(new_rows: list) -> None:
    try:
        database.replace_codes(study, coder, new_rows)
    except StoreError as error:
        st.error(md(error))


def _close_confirmation() -> None:
    st.session_state.pop(keys.CONFIRMING_DRAW, None)


# The dialog stays open across reruns until it is answered or dismissed (a button inside it reruns the page).


@st.dialog("Replace your coded sheet?", on_dismiss=_close_confirmation)
def confirm_new_sample(codes: int) -> None:
    st.markdown(
        f"Your sheet holds {codes} code(s). A new sample replaces the whole sheet, and those codes are lost. "
        "Download the sheet first (under Code in a spreadsheet instead) to keep them."
    )
    replace, keep = st.columns(2)
    if replace.button("Replace my sheet", type="primary", key="validate_confirm_draw"):
        _close_confirmation()
        new_rows = draw_sample()
        if new_rows is not None:
            replace_sheet(new_rows)
        st.rerun()
    if keep.button("Keep my sheet", key="validate_keep_sheet"):
        _close_confirmation()
        st.rerun()


draw = st.button(
    "Draw a new sample" if rows else "Draw a sample",
    icon=":material/casino:",
    key="validate_draw",
    help="The same seed draws the same sample from the same articles. A sheet that holds codes is replaced only "
    "after you confirm.",
)
if draw and coded_count:
    st.session_state[keys.CONFIRMING_DRAW] = True
elif draw and (new_rows := draw_sample()) is not None:
    replace_sheet(new_rows)
    rows = database.codes(study, coder)
if st.session_state.get(keys.CONFIRMING_DRAW) and coded_count:
    confirm_new_sample(coded_count)

with st.expander("Code in a spreadsheet instead"):
    st.markdown(
        "Download the sheet, fill the `correct` column with 1 (the tool is right) or 0 (wrong), and upload it "
        "back; `voice_correct`, if you fill it, says whether the `voice` the tool gave is right. The columns "
        "`article`, `start` and `end` locate each item in its article; `context` shows it in "
        "[square brackets]; `stratum_size` is how many such items the selection holds."
    )
    if rows:
        st.download_button(
            "Download the sheet (CSV)",
            data=sheet_csv(rows),
            file_name=f"framelens-{what}-{coder}.csv",
            mime="text/csv",
            icon=":material/download:",
        )
    upload = st.file_uploader("A coded sheet", type=["csv"], key="validate_upload")
    if upload is not None and st.button("Use these codes", key="validate_import"):
        try:
            database.use_sheet(study, coder, upload.getvalue())  # read whole before anything is replaced
        except (SheetError, StoreError) as error:
            st.error(md(f"{upload.name} was not used, and your saved codes are unchanged: {error}"))
        else:
            rows = database.codes(study, coder)
            st.success(md(f"{sum(r.correct is not None for r in rows)} codes read for {coder}."))

if not rows:
    st.stop()

heading = st.empty()  # filled once this run's edits are saved, so the count is current
edited = st.data_editor(
    sheet_editor_frame(rows, group_names(tables.lexicon)),
    hide_index=True,
    width="stretch",
    key=f"validate_sheet_{what}_{coder}",
    disabled=["term", "item", "group", "voice"],
    column_config={
        "term": st.column_config.TextColumn("Item"),
        "item": st.column_config.TextColumn("In its sentence", width="large"),
        "group": st.column_config.TextColumn("Counted as"),
        "voice": st.column_config.TextColumn("Voice"),
        "code": st.column_config.SelectboxColumn("Your code", options=["right", "wrong"], required=False),
        "voice_code": st.column_config.SelectboxColumn(
            "Voice right?",
            options=["right", "wrong"],
            required=False,
            help="Optional: is the item in the outlet's own words (own) or in a quotation (quoted), as the tool says?",
        ),
    },
)
coded = coded_rows(rows, edited)
if coded != rows:
    database.save_codes(study, coder, coded)
    rows = coded
heading.subheader(md(f"{coder}'s sheet: {sum(r.correct is not None for r in rows)} of {len(rows)} coded"))

report_rows = [r for r in rows if r.correct is not None]
if not report_rows:
    st.info("Mark items right or wrong in the sheet above to see the figures.")
    st.stop()
others = [c for c in database.coders(study) if c != coder]
second_coder = None
if others:
    picked = st.selectbox("Compare with another coder", ["nobody", *others], key="validate_second")
    second_coder = None if picked == "nobody" else picked
second = database.codes(study, second_coder) if second_coder else None
report = validation_report(rows, second)
frame = precision_frame(report, group_names(tables.lexicon))
item = Chart(
    "validation",
    partial(precision_intervals, report, what, view.corpus_name, coder, group_names(tables.lexicon)),
    frame,
    "validation",
)
show(view, item, "validation_precision", select=False, export=True)
for line in report_lines(report, second_coder):
    st.markdown(line)
