"""Lexicon: view and edit the word lists and scale, save them under a name and version, import and export."""

import streamlit as st

from analysis.lexicon import LexiconError, parse_lexicon
from analysis.tables import lexicon_frame
from app_pages.sidebar import request
from app_pages.state import lexicon_choices, save_lexicon_version
from ui.markdown import md

COLUMNS = ["kind", "target", "target_label", "group", "position", "rationale", "forms"]

st.title("Lexicon")
st.caption(
    "The label groups of each actor and event, their forms (comma-separated; a space matches any whitespace) and "
    "their place on the scale from -1 (delegitimising) to +1 (legitimising). Add a row for a new group or actor. "
    "Saving stores a new version under the name you give; every page and export names the lexicon and its version."
)

choices = lexicon_choices()
active = st.session_state.get("lexicon") or next(iter(choices))
text = choices.get(active, next(iter(choices.values())))
lexicon = parse_lexicon(text)
st.markdown(f"**Active:** {md(lexicon.name)}, version {md(lexicon.version)}. {md(lexicon.description)}")

frame = lexicon_frame(lexicon)[COLUMNS]
edited = st.data_editor(
    frame,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="lexicon_editor",
    column_config={
        "kind": st.column_config.SelectboxColumn(options=["actor", "event"], required=True),
        "position": st.column_config.NumberColumn(min_value=-1.0, max_value=1.0, step=0.1, format="%+.1f"),
        "forms": st.column_config.TextColumn(width="large"),
        "rationale": st.column_config.TextColumn(width="medium"),
    },
)

left, right = st.columns(2, gap="large")
with left:
    name = st.text_input("Save as", value=lexicon.name, key="lexicon_name", max_chars=100).strip()
    if st.button("Save lexicon", key="lexicon_save", disabled=not name):
        ignore = {t.id: list(t.ignore) for t in lexicon.targets}
        try:
            save_lexicon_version(name, lexicon.description, edited.to_dict("records"), ignore)
        except LexiconError as error:
            st.error(md(f"Not saved: {error}. The previous version stays active."))
        else:
            st.rerun()
    if st.button("Reset to the bundled default", key="lexicon_reset"):
        request("lexicon", next(iter(choices)))
        st.rerun()
with right:
    st.download_button(
        "Export this lexicon (TOML)", text, file_name=f"{lexicon.name}-v{lexicon.version}.toml", key="lexicon_export"
    )
    upload = st.file_uploader("Import a lexicon file (TOML)", type=["toml"], key="lexicon_upload")
    if upload is not None and st.button("Import", key="lexicon_import"):
        try:
            imported = parse_lexicon(upload.getvalue().decode("utf-8"), upload.name)
        except (UnicodeDecodeError, LexiconError) as error:
            st.error(md(f"{upload.name} was refused: {error}. The previous lexicon stays active."))
        else:
            rows = lexicon_frame(imported)[COLUMNS].to_dict("records")
            ignore = {t.id: list(t.ignore) for t in imported.targets}
            save_lexicon_version(imported.name, imported.description, rows, ignore)
            st.rerun()
