"""Lexicon: view and edit the word lists and scale, save them under a name and version, import and export."""

import streamlit as st

from analysis.lexicon import LEXICON_DIR, LexiconError, actor_rows, parse_lexicon, slug
from analysis.tables import lexicon_frame
from app_pages import keys
from app_pages.sidebar import request
from app_pages.state import add_form, current_view, lexicon_choices, save_lexicon_version, suggest_for
from ui.lexicon import ignore_frame, ignore_lists, in_context, set_aside_summary, suggestions_frame
from ui.markdown import md
from ui.style import counted

COLUMNS = ["kind", "target", "target_label", "group", "position", "rationale", "forms"]
NEW_GROUP = "a new group\u2026"
TEMPLATE = (LEXICON_DIR / "template.toml").read_text(encoding="utf-8")

st.title("Lexicon")
st.caption(
    "The label groups of each actor and event, their forms (comma-separated; a space matches any whitespace) and "
    "their place on the scale from -1 (delegitimising) to +1 (legitimising). Add a row for a new group or actor. "
    "Saving stores a new version under the name you give; every page and export names the lexicon and its version."
)

choices = lexicon_choices()
active = st.session_state.get(keys.LEXICON) or next(iter(choices))
text = choices.get(active, next(iter(choices.values())))
lexicon = parse_lexicon(text)
st.markdown(f"**Active:** {md(lexicon.name)}, version {md(lexicon.version)}. {md(lexicon.description)}")

with st.expander("Start a lexicon for a new story", icon=":material/add:"):
    st.markdown(
        "A lexicon names the **actors** of a story (and the **events** whose wording you compare), sorts the words "
        "reports use for each into **label groups**, and places each group on one scale from -1 (delegitimising) to "
        "+1 (legitimising) with a one-line **rationale**. **Forms** are matched as whole words regardless of case "
        "(a space matches any whitespace); **ignore** lists phrases that contain a form without labelling the "
        "actor. Name your story's actors and the forms you know below, then split them into groups with the "
        "suggestions further down; or copy the template (protests and the police), which shows every part."
    )
    st.code(TEMPLATE, language="toml")
    new_name = st.text_input("Name of the new lexicon", key="lexicon_new_name", max_chars=100).strip()
    actors_spec = st.text_area(
        "Its actors (optional): one a line, the name, a colon and the forms you know",
        key="lexicon_new_actors",
        placeholder="Immigrants: immigrants, migrants\nImmigration enforcement: ICE, immigration agents",
        help="Each actor starts with one label group holding these forms, at 0 on the scale. Split them into "
        "groups and place them with the suggestions below or in the table. Left empty, the template is copied.",
    )
    if st.button("Create it", key="lexicon_new", disabled=not new_name):
        template = parse_lexicon(TEMPLATE)
        try:
            if actors_spec.strip():
                rows = actor_rows(actors_spec)
                ignore: dict[str, list[str]] = {}
                labels = " and ".join(dict.fromkeys(r["target_label"] for r in rows))
                save_lexicon_version(new_name, f"The labels reports give {labels}.", rows, ignore)
            else:
                rows = lexicon_frame(template)[COLUMNS].to_dict("records")
                ignore = {t.id: list(t.ignore) for t in template.targets}
                save_lexicon_version(new_name, template.description, rows, ignore)
        except LexiconError as error:
            st.error(md(f"Not created: {error}."))
        else:
            st.rerun()

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

st.markdown("**Ignore**: phrases that contain a form but do not label the actor (one row each).")
ignored = st.data_editor(
    ignore_frame(lexicon),
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="lexicon_ignore",
    column_config={
        "target": st.column_config.SelectboxColumn(options=[t.id for t in lexicon.targets], required=True),
        "phrase": st.column_config.TextColumn(width="large"),
    },
)

st.caption(
    "A \\* in a phrase stands for any form: “pro-government \\*” sets aside the form that follows "
    "“pro-government”, “\\* of the opposition” one that “of the opposition” follows."
)
view = current_view()
if lexicon.name == view.tables.lexicon_name and lexicon.version == view.tables.lexicon_version:
    summary = set_aside_summary(view.tables.set_aside, view.ids, {t.id: t.label for t in lexicon.targets})
    with st.expander(f"What the ignore phrases set aside in the selected articles ({summary['set aside'].sum():,})"):
        if summary.empty:
            st.caption("No form in the selected articles is set aside by an ignore phrase.")
        else:
            st.dataframe(summary, hide_index=True, width="stretch")
            st.caption("Every set-aside form, with its article and offsets, is in the ZIP export (table `set_aside`).")

left, right = st.columns(2, gap="large")
with left:
    # One box per lexicon: a box kept across lexicons would offer the previous lexicon's name.
    name = st.text_input("Save as", value=lexicon.name, key=f"lexicon_name_{active}", max_chars=100).strip()
    if st.button("Save lexicon", key="lexicon_save", disabled=not name):
        try:
            save_lexicon_version(name, lexicon.description, edited.to_dict("records"), ignore_lists(ignored))
        except LexiconError as error:
            st.error(md(f"Not saved: {error}. The previous version stays active."))
        else:
            st.rerun()
    if st.button("Reset to the bundled default", key="lexicon_reset"):
        request(keys.LEXICON, next(iter(choices)))
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
            try:
                save_lexicon_version(imported.name, imported.description, rows, ignore, version=imported.version)
            except LexiconError as error:
                st.error(md(f"{upload.name} was refused: {error}. The previous lexicon stays active."))
            else:
                st.rerun()

st.header("Suggest terms from your articles", anchor="suggest")
st.caption(
    "Give a few forms an actor goes by: Framelens lists other words and two-word phrases the selected articles "
    "use in the same places (\u201cthe _ captured\u201d, \u201c_ fighters\u201d, \u201c_ said\u201d), with how often "
    "each outlet uses them. Read a term's uses, then add it to a label group (a new version of the lexicon)."
)
actors = {t.id: t for t in lexicon.targets if t.kind == "actor"}
if actors:
    pick, forms_box = st.columns([1, 3])
    target = pick.selectbox("Actor", list(actors), format_func=lambda t: actors[t].label, key="suggest_target")
    known = [form for group in actors[target].groups for form in group.forms]
    seeds = forms_box.text_input(
        "Forms it goes by (comma-separated)", value=", ".join(known[:6]), key=f"suggest_forms_{target}"
    )
    seed_forms = [f.strip() for f in seeds.split(",") if f.strip()]
    if st.button("Suggest terms", key="suggest_go", disabled=not seed_forms, icon=":material/lightbulb:"):
        st.session_state[keys.SUGGESTED] = (target, suggest_for(view, seed_forms, [*known, *actors[target].ignore]))
    target_done, suggestions = st.session_state.get(keys.SUGGESTED, (None, []))
    if target_done == target and not suggestions:
        st.info("No term is used like these forms in the selected articles: try other forms or more articles.")
    elif target_done == target:
        picked = st.dataframe(
            suggestions_frame(suggestions),
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="suggest_table",
            column_config={"score": st.column_config.NumberColumn(format="%.2f")},
        )
        picked_rows = picked.selection.rows if picked else []
        if picked_rows and picked_rows[0] < len(suggestions):
            chosen = suggestions[picked_rows[0]]
            kwic = [in_context(view.text(a), start, end) for a, start, end in chosen.examples[:12]]
            uses = f"{counted(chosen.count, 'use')} in {counted(chosen.articles, 'article')}"
            st.markdown(f"**{md(chosen.term)}**: {uses}")
            st.dataframe(
                {
                    "Article": [view.label(a) for a, _, _ in chosen.examples[:12]],
                    "Before": [k[0] for k in kwic],
                    "Term": [k[1] for k in kwic],
                    "After": [k[2] for k in kwic],
                },
                hide_index=True,
                width="stretch",
            )
            groups = [g.name for g in actors[target].groups]
            group = st.selectbox("Add it to the group", [*groups, NEW_GROUP], key="suggest_group")
            position = 0.0
            if group == NEW_GROUP:
                name_box, place_box = st.columns([2, 1])
                group = slug(name_box.text_input("Name of the new group", value=chosen.term, key="suggest_new_group"))
                position = place_box.number_input(
                    "Its place on the scale",
                    min_value=-1.0,
                    max_value=1.0,
                    value=0.0,
                    step=0.1,
                    key="suggest_position",
                    help="-1 delegitimising, +1 legitimising; say why in the table's rationale",
                )
            if st.button(f"Add \u201c{chosen.term}\u201d to {group}", key="suggest_add", icon=":material/add:"):
                add_form(text, target, group, chosen.term, position)
                st.session_state.pop(keys.SUGGESTED, None)
                st.rerun()
