"""Export: the whole comparison as one self-contained HTML report, or every chart and table in a ZIP."""

from dataclasses import replace

import streamlit as st

from app_pages import keys
from app_pages.state import active_lexicon_text, coded_sheets, current_view, extra_charts, view_provenance
from ui import catalogue
from ui.export import browser_available, export_zip, report_html
from ui.labels import named
from ui.markdown import md
from ui.printing import PRINT_WIDTHS_CM

view = current_view()
origin = replace(view_provenance(view), lexicon_toml=active_lexicon_text())
validation = coded_sheets(view.tables)
st.title("Export")
st.caption(
    "Everything below is made from the articles, actor and lexicon chosen in the sidebar. Every image carries a "
    "source note with the corpus, the number of articles, the lexicon and its version and the date of export."
)
st.markdown(f"**{md(origin.note)}** \u00b7 corpus hash `{origin.corpus_hash}`")

charts = [*view.every_chart, *extra_charts()]
ready, reason = browser_available()
sizes = {"": "For the screen: 1,400 px wide, PNG at 3x", **{str(cm): "" for cm in PRINT_WIDTHS_CM.values()}}
sizes[str(PRINT_WIDTHS_CM["column"])] = f"For print: a journal column, {PRINT_WIDTHS_CM['column']:g} cm at 300 dpi"
sizes[str(PRINT_WIDTHS_CM["page"])] = f"For print: a page, {PRINT_WIDTHS_CM['page']:g} cm at 300 dpi"
current = st.session_state.get(keys.PRINT_SIZE)
size = st.radio(
    "Size of the images",
    list(sizes),
    index=list(sizes).index(str(current) if current else ""),
    format_func=named(sizes),
    horizontal=True,
    help="For print, every chart is laid out for that width with no text under 7 pt; a chart of many panels "
    "side by side is laid out for a page. Applies to the ZIP and to every chart's PNG and SVG buttons.",
)
st.session_state[keys.PRINT_SIZE] = float(size) if size else None
left, right = st.columns(2, gap="large")
with left:
    st.subheader("Report")
    st.caption(
        "One HTML file that opens offline in any browser: every chart (interactive), the scorecard, the methods "
        "in brief, and what was compared and how (articles with their metadata, the lexicon itself, thresholds, "
        "Framelens version, a hash of the corpus), with the validation figures of every coder's sheet "
        f"({len(validation)} here; see the Validation page)."
    )
    st.download_button(
        "Download the report (HTML)",
        data=lambda: report_html(view, charts, origin, catalogue.scorecard(view), validation).encode("utf-8"),
        file_name=f"framelens-report-{origin.exported}.html",
        mime="text/html",
        key="export_report",
        icon=":material/description:",
    )
with right:
    st.subheader("Everything as files")
    st.caption(
        f"A ZIP of all {len(charts)} charts as PNG and SVG, the data behind each as CSV, and the full score "
        "tables as CSV and JSON. Making the images takes a few seconds."
    )
    st.download_button(
        "Download everything (ZIP)",
        data=lambda: export_zip(
            charts,
            origin,
            {
                "scores": view.with_titles(view.tables.scores),
                "labels": view.with_titles(view.tables.labels),
                "set_aside": view.with_titles(view.tables.set_aside),
            },
            validation=validation,
            width_cm=st.session_state[keys.PRINT_SIZE],
        ),
        file_name=f"framelens-export-{origin.exported}.zip",
        mime="application/zip",
        key="export_zip",
        disabled=not ready,
        help=reason or None,
        icon=":material/folder_zip:",
    )
    if not ready:
        st.warning(reason)

st.subheader("Charts in this export")
extra = len(extra_charts())
st.caption(
    "Every chart of the pages for this selection"
    + (
        f", and the {extra} chart{'s' if extra > 1 else ''} last drawn on Compare, Search or Validation this session."
        if extra
        else ". Charts drawn on Compare, Search or Validation join them once drawn there."
    )
)
# Listing the titles draws every chart, which takes a second or more on a large selection.
if st.toggle(f"List the {len(charts)} charts", key="export_list"):
    st.dataframe(
        {
            "chart": [c.title for c in charts],
            "data rows": [len(c.data) for c in charts],
            "method": [c.method for c in charts],
        },
        hide_index=True,
        width="stretch",
    )
