"""Corpus: bring articles in (files, pasted text, tables), edit their metadata, manage collections."""

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.corpus import (
    KNOWN_FIELDS,
    Article,
    Refusal,
    RefusedInput,
    article_from_text,
    parse_date,
    with_headline,
)
from analysis.isolation import Refused, run_isolated
from analysis.lexicon import GROUP_NAME_RE as COLUMN_NAME_RE
from analysis.lexicon import bundled_lexicon_texts, known_lexicons
from analysis.limits import MAX_FILE_BYTES, MAX_PARQUET_BYTES, MAX_TABLE_ROWS, UPLOAD_WIDGET_MB
from analysis.readers import FIELDS, SUPPORTED, guess_mapping, read_table, read_uploads
from analysis.results import keep_scores
from analysis.store import SEEDS_COLLECTION, ImportReport, StoreError
from analysis.table_files import Table
from app_pages import keys
from app_pages.sidebar import request
from app_pages.state import active_lexicon_text, store
from ui.labels import named
from ui.markdown import md
from ui.style import counted

URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
LIMIT_MB = MAX_FILE_BYTES / 1e6


# Up to this many lines of one kind are shown one by one; more are summed up over a table.
LISTED = 5
# Up to this many rows a details table is plain text (readable, searchable, copied whole).
TABLE_AS_TEXT = 100


def _lines(kind, items: list[str], summary: str, table: pd.DataFrame) -> None:
    if len(items) <= LISTED:
        for item in items:
            kind(md(item))
        return
    kind(md(summary))
    with st.expander(f"Show all {len(items):,}"):
        if len(table) <= TABLE_AS_TEXT:
            st.table(table.set_index(table.columns[0]))
        else:
            st.dataframe(table, hide_index=True, width="stretch")


def show_report(report: ImportReport, notes: list[str]) -> None:
    """What an import did: one line per article or file while they are few, else a count with the
    details on demand; never a traceback."""
    if report.added:
        st.success(md(f"{counted(len(report.added), 'article')} added to \u201c{report.collection}\u201d."))
        with st.expander("Articles added"):
            added = pd.DataFrame({"id": [a.id for a in report.added], "title": [a.title for a in report.added]})
            st.dataframe(added, hide_index=True, width="stretch")
    _lines(
        st.warning,
        [
            f"{d.article.id} was not stored again: it has the same text as {d.existing_id} "
            f"in \u201c{d.existing_collection}\u201d."
            for d in report.duplicates
        ],
        f"{counted(len(report.duplicates), 'article')} {'was' if len(report.duplicates) == 1 else 'were'} not stored "
        "again: already stored.",
        pd.DataFrame(
            [(d.article.id, d.existing_id, d.existing_collection) for d in report.duplicates],
            columns=["article", "same text as", "in collection"],
        ),
    )
    _lines(
        st.error,
        [f"{r.id} was refused: {r.reason}" for r in report.refused],
        f"{len(report.refused):,} files or rows were refused; each is listed with its reason.",
        pd.DataFrame([(r.id, r.reason) for r in report.refused], columns=["file or row", "reason"]),
    )
    _lines(st.info, notes, f"{len(notes):,} notes on the imported files.", pd.DataFrame({"note": notes}))


@st.cache_data(max_entries=4, show_spinner="Reading the table…")
def table_preview(data: bytes, name: str) -> Table | Refused:
    """A table's rows for choosing its columns, read in a child process (see `analysis.isolation`)."""
    (parsed,) = run_isolated(read_table, [(data, name)])
    return parsed


def import_into(
    collection: str,
    articles: list[Article],
    refused: list[Refusal],
    notes: list[str],
    results: Sequence[tuple[str, Callable[[], bytes]]] = (),
) -> None:
    """Store the articles; the scores that `results` files carry are kept only for articles stored now."""
    try:
        report = store().import_articles(collection, articles, refused)
    except StoreError as error:
        st.error(md(error))
        show_report(ImportReport(collection, refused=list(refused)), notes)
        return
    if results and report.added:
        saved = [text for _, _, text in store().lexicons()]
        notes = [*notes, *keep_scores(store(), results, report.added, known_lexicons(saved)).notes()]
    st.session_state[keys.LAST_IMPORT] = (report, notes)
    # The next run keeps the collection chosen and starts a fresh uploader (an import does not
    # send the researcher back to "New collection…" with the old files still listed).
    st.session_state[keys.UPLOADS] = st.session_state.get(keys.UPLOADS, 0) + 1
    if report.added:
        for key in keys.PASTE_FIELDS.values():  # an empty paste form for the next
            st.session_state.pop(key, None)
        st.session_state[keys.PENDING_CORPUS_TARGET] = report.collection
        chosen = st.session_state.get(keys.COLLECTIONS, [])
        if not chosen or chosen == [SEEDS_COLLECTION]:  # a new study starts clean: its own articles alone
            # (and from now on a new session opens on the researcher's own collections, not the bundled ones)
            request(keys.COLLECTIONS, [report.collection])
            st.session_state[keys.NEW_STUDY] = report.collection
        else:
            request(keys.COLLECTIONS, chosen if report.collection in chosen else [*chosen, report.collection])
        request(keys.ARTICLES, None)
    st.rerun()


@st.dialog("Delete")
def confirm_delete(collection: str, article_id: str | None, what: str) -> None:
    """Ask before deleting; deleted articles go to the trash, where they can be restored."""
    st.markdown(md(f"Delete {what}?"))
    st.caption("Deleted articles wait in the trash below, where they can be restored.")
    yes, no = st.columns(2)
    if yes.button("Delete", type="primary", key="confirm_delete", icon=":material/delete:"):
        try:
            if article_id is None:
                moved = store().delete_collection(collection)
            else:
                moved = store().delete_article(collection, article_id)
        except StoreError as error:
            st.error(md(error))
            return
        request(keys.ARTICLES, None)
        st.session_state[keys.DELETED_NOTE] = (
            f"Moved {what} to the trash."
            if moved
            else f"Nothing was moved: {what} had already been deleted (in another window or session)."
        )
        st.rerun()
    if no.button("Cancel", key="cancel_delete"):
        st.rerun()


def trash_section() -> None:
    """Deleted articles, to restore or to delete for good."""
    trashed = store().trash()
    with st.expander(f"Trash ({counted(len(trashed), 'article')})", icon=":material/delete:"):
        if not trashed:
            st.caption("Nothing has been deleted.")
            return
        frame = pd.DataFrame(
            {
                "title": [t.title for t in trashed],
                "collection": [t.collection for t in trashed],
                "id": [t.article_id for t in trashed],
                "deleted": [t.deleted.replace("T", " ")[:16] for t in trashed],
            }
        )
        picked = st.dataframe(
            frame, hide_index=True, width="stretch", on_select="rerun", selection_mode="multi-row", key="trash_rows"
        )
        rows = picked.selection.rows if picked else []
        left, right = st.columns(2)
        if left.button(
            f"Restore {len(rows)} selected" if rows else "Restore selected", key="trash_restore", disabled=not rows
        ):
            reports = store().restore([trashed[r].id for r in rows])
            back = sum(len(r.added) for r in reports)
            note = f"Restored {counted(back, 'article')} to {', '.join(r.collection for r in reports)}."
            taken = [d for r in reports for d in r.duplicates]
            if taken:
                note += f" {len(taken):,} had been stored again since and stay where they are now."
            st.session_state[keys.DELETED_NOTE] = note
            request(keys.ARTICLES, None)
            st.rerun()
        if right.button("Empty the trash…", key="trash_empty"):
            confirm_empty([t.id for t in trashed])


@st.dialog("Empty the trash")
def confirm_empty(trash_ids: list[int]) -> None:
    st.markdown(f"Delete {counted(len(trash_ids), 'article')} for good? This cannot be undone.")
    yes, no = st.columns(2)
    if yes.button("Delete for good", type="primary", key="confirm_empty"):
        store().empty_trash(trash_ids)
        st.rerun()
    if no.button("Cancel", key="cancel_empty"):
        st.rerun()


st.title("Corpus")
st.caption(
    f"Files of up to {LIMIT_MB:.0f} MB each are read, tables of up to {MAX_TABLE_ROWS:,} rows (the upload box takes "
    f"files up to {UPLOAD_WIDGET_MB} MB so that a larger one is named in the report with its reason; a file over "
    f"{UPLOAD_WIDGET_MB} MB never leaves the browser, and the upload box names it). "
    f"Supported: {', '.join(SUPPORTED)}. Web pages saved from a browser keep only the article's text; "
    "a Nexis Uni export (.docx, .rtf, .pdf), a nexis.com text export or a Factiva export (.html, .rtf) is split into "
    "its articles; a Media Cloud "
    "story list needs a text column added. Outlet, author and date are taken from what a file states and are "
    f"never guessed. A Parquet file may be up to {UPLOAD_WIDGET_MB} MB here ({MAX_PARQUET_BYTES / 1e9:.0f} GB with "
    "`python -m analysis import`); the `scores.parquet` of `--parquet` brings its scores along, so its articles "
    "are not scored again."
)
if store().problem:
    st.error(md(store().problem), icon=":material/database:")
if keys.LAST_IMPORT in st.session_state:
    show_report(*st.session_state.pop(keys.LAST_IMPORT))
if keys.NEW_STUDY in st.session_state:
    new_collection = st.session_state.pop(keys.NEW_STUDY)
    bundled_words = active_lexicon_text() in bundled_lexicon_texts().values()
    st.info(
        md(
            f"\u201c{new_collection}\u201d is shown on its own, without the bundled Hama articles "
            "(add them back in the sidebar to compare)."
            + (
                " The word list is still the bundled one, written for Syria: start one for this story on the Lexicon "
                "page, from the actors you name and the terms your articles use."
                if bundled_words
                else ""
            )
        ),
        icon=":material/dictionary:",
    )
    if bundled_words:
        st.page_link("app_pages/lexicon.py", label="Start a word list for this story", icon=":material/arrow_forward:")
if keys.DELETED_NOTE in st.session_state:
    st.success(md(st.session_state.pop(keys.DELETED_NOTE)), icon=":material/delete:")


def blocked(*reasons: tuple[str, bool]) -> str | None:
    """Why a button is greyed out: the first reason that holds, said under the button."""
    return next((reason for reason, holds in reasons if holds), None)


def import_button(label: str, key: str, *reasons: tuple[str, bool]) -> bool:
    why = blocked(("Name the new collection above first", not target), *reasons)
    pressed = st.button(label, key=key, disabled=why is not None, help=why)
    if why:
        st.caption(why + ".")
    return pressed


collections = [c for c in store().collections() if c != SEEDS_COLLECTION]
if st.session_state.get(keys.PENDING_CORPUS_TARGET) in collections:
    st.session_state[keys.CORPUS_TARGET] = st.session_state.pop(keys.PENDING_CORPUS_TARGET)
target_choice = st.selectbox("Add to collection", ["New collection…", *collections], key=keys.CORPUS_TARGET)
if target_choice == "New collection…":
    target = st.text_input("Name of the new collection", key="corpus_new_name", max_chars=80).strip()
else:
    target = target_choice

# A key keeps the open tab across reruns: an import does not send the researcher back to the first.
upload, paste, table = st.tabs(["Upload files", "Paste text", "Import a table"], key="corpus_tab", on_change="rerun")
with upload:
    # No type filter and a generous size: a file the readers refuse is named in the import report
    # with its reason, instead of being turned away in the browser where the report never sees it.
    files = st.file_uploader(
        "Articles",
        accept_multiple_files=True,
        key=f"corpus_files_{st.session_state.get(keys.UPLOADS, 0)}",
        max_upload_size=UPLOAD_WIDGET_MB,
    )
    if import_button("Import files", "corpus_import_files", ("Choose one or more files above", not files)):
        with st.spinner("Reading the files…"):  # in a child process: no file can hold up the server
            batch = read_uploads(((file.name, file.getvalue()) for file in files), isolated=True)
        # Framelens results files bring their scores: the articles they add open without scoring again.
        refused = {r.id for r in batch.refusals}
        results = [(f.name, f.getvalue) for f in files if f.name not in refused]
        import_into(target, batch.articles, batch.refusals, batch.notes, results)

with paste:
    title = st.text_input("Title", key=keys.PASTE_FIELDS["title"])
    text = st.text_area("Text", height=240, key=keys.PASTE_FIELDS["text"])
    c1, c2, c3, c4 = st.columns(4)
    outlet = c1.text_input("Outlet", key=keys.PASTE_FIELDS["outlet"])
    author = c2.text_input("Author", key=keys.PASTE_FIELDS["author"])
    date = c3.text_input("Date (YYYY-MM-DD)", key=keys.PASTE_FIELDS["date"])
    url = c4.text_input("URL", key=keys.PASTE_FIELDS["url"])
    if import_button("Add this article", "paste_add", ("Paste the article's text above", not text.strip())):
        problems = []
        if date.strip() and parse_date(date) is None:
            problems.append(f"the date \u201c{date}\u201d is not a date (use YYYY-MM-DD)")
        if url.strip() and not URL_RE.match(url.strip()):
            problems.append(f"\u201c{url}\u201d is not a web address")
        if problems:
            st.error("Not added: " + "; ".join(problems) + ".")
        else:
            try:
                base = article_from_text(text, (title.strip() or "pasted")[:80], None)
            except RefusedInput as error:
                st.error(md(f"Not added: {error}."))
            else:
                article = Article(
                    id=base.id,
                    title=title.strip() or base.title,
                    text=with_headline(base.text, title.strip()),
                    outlet=outlet.strip() or base.outlet,
                    author=author.strip() or base.author,
                    published=parse_date(date) or base.published,
                    url=url.strip() or None,
                )
                import_into(target, [article], [], [])

with table:
    sheet = st.file_uploader(
        "Table (.csv, .json, .jsonl or .parquet, one article per row)",
        type=["csv", "json", "jsonl", "parquet"],
        key="corpus_table",
    )
    if sheet is not None:
        parsed = table_preview(sheet.getvalue(), sheet.name)
        if isinstance(parsed, Refused) or not parsed.rows:
            reason = parsed.reason if isinstance(parsed, Refused) else "the table has no rows"
            st.error(md(f"{sheet.name} was refused: {reason}"))
            rows, columns = [], []
        else:
            rows, columns = parsed.rows, parsed.columns
        if rows:
            st.caption(f"{len(rows):,} rows. Choose which column holds each field (text is required).")
            guess = guess_mapping(columns)
            mapping = {}
            cells = st.columns(len(FIELDS))
            for cell, field in zip(cells, FIELDS, strict=True):
                options = ["(none)", *columns]
                default = options.index(guess[field]) if field in guess else 0
                chosen = cell.selectbox(field, options, index=default, key=f"map_{field}")
                mapping[field] = None if chosen == "(none)" else chosen
            st.dataframe(pd.DataFrame(rows[:5]), hide_index=True)
            kept = [c for c in columns if c not in mapping.values() and c.lower() not in KNOWN_FIELDS]
            if kept:
                st.caption(
                    md(
                        f"Kept as the articles' own fields: {', '.join(kept)}. Compare can group by any of them "
                        "or compare within one (an event or story id); edit them under Collections below."
                    )
                )
            if import_button(
                "Import table", "corpus_import_table", ("Choose the column that holds the text", not mapping["text"])
            ):
                chosen_columns = {k: v for k, v in mapping.items() if v}
                result = read_uploads([(sheet.name, sheet.getvalue())], chosen_columns, isolated=True)
                import_into(target, result.articles, result.refusals, result.notes)

st.header("Collections")
counts = store().collections()
st.dataframe(
    pd.DataFrame({"collection": list(counts), "articles": list(counts.values())}).replace(
        {SEEDS_COLLECTION: "seeds (built in, read-only)"}
    ),
    hide_index=True,
)
if not collections:
    st.stop()
chosen = st.selectbox("Collection to edit", collections, key="manage_collection")
articles = store().articles(chosen)
# The stated fields beyond the named ones (an event id, a lean), one column each, and any the
# researcher adds here: Compare groups by them and compares within them.
added = st.session_state.setdefault(keys.ADDED_COLUMNS, {}).setdefault(chosen, [])
extra = list(dict.fromkeys([k for a in articles for k, _ in a.metadata] + added))
FIXED = ["id", "title", "outlet", "author", "date", "url"]
frame = pd.DataFrame(
    [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet or "",
            "author": a.author or "",
            "date": a.published.isoformat() if a.published else "",
            "url": a.url or "",
            **{k: dict(a.metadata).get(k, "") for k in extra},
        }
        for a in articles
    ],
    columns=[*FIXED, *extra],
)
st.caption(
    "Edit a cell and save. Columns after `url` are the articles' other stated fields (a table's extra columns, "
    "front-matter keys): Compare can group by them or compare within them (an event or story id)."
)
with st.popover("Add a column", icon=":material/add:"):
    new_column = st.text_input("Column name", key="manage_new_column", placeholder="event").strip()
    if st.button("Add", key="manage_add_column", disabled=not new_column):
        if new_column.lower() in KNOWN_FIELDS or new_column in extra:
            st.error(md(f"“{new_column}” is a column already (or one of the named fields)."))
        elif not COLUMN_NAME_RE.fullmatch(new_column):
            st.error("A column name holds letters, digits, spaces, - and _ (at most 48 characters).")
        else:
            added.append(new_column)
            st.rerun()
edited = st.data_editor(frame, hide_index=True, disabled=["id"], key="manage_editor", width="stretch")
if st.button("Save changes", key="manage_save"):
    problems, saved = [], 0
    by_id = {a.id: a for a in articles}
    for row in edited.itertuples():
        date_text, url_text = str(row.date or "").strip(), str(row.url or "").strip()
        published = parse_date(date_text) if date_text else None
        if date_text and published is None:
            problems.append(f"{row.id}: \u201c{date_text}\u201d is not a date (use YYYY-MM-DD)")
            continue
        if url_text and not URL_RE.match(url_text):
            problems.append(f"{row.id}: \u201c{url_text}\u201d is not a web address")
            continue
        if not str(row.title or "").strip():
            problems.append(f"{row.id}: a title cannot be empty")
            continue
        original = by_id[row.id]
        values = edited.loc[edited["id"] == row.id].iloc[0]
        metadata = tuple((k, str(values[k]).strip()) for k in extra if str(values[k] or "").strip())
        updated = Article(
            id=row.id,
            title=str(row.title).strip(),
            text=original.text,
            outlet=str(row.outlet or "").strip() or None,
            author=str(row.author or "").strip() or None,
            published=published,
            url=url_text or None,
            source_file=original.source_file,
            metadata=metadata,
        )
        # Compared as fields, the stated ones as a mapping: their order is not an edit.
        if replace(updated, metadata=()) != replace(original, metadata=()) or dict(metadata) != dict(original.metadata):
            try:
                store().update_article(chosen, updated)
            except StoreError as error:
                problems.append(str(error))
                break
            saved += 1
    for problem in problems:
        st.error(md(problem))
    if saved:
        st.success(f"{counted(saved, 'article')} updated.")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Export")
    st.download_button(
        "Download the collection as JSONL",
        store().export_jsonl(chosen),
        file_name=f"{re.sub(r'[^A-Za-z0-9_-]+', '-', chosen)}.jsonl",
        mime="application/jsonl",
        key="manage_export",
    )
    st.caption("Import the file elsewhere (Import a table) to get every article back with its metadata.")
with right:
    st.subheader("Delete")
    titles = {a.id: f"{a.title} ({a.id})" for a in articles}
    victim = st.selectbox(
        "Article",
        list(titles),
        key="manage_delete_article",
        format_func=named(titles),
        index=None,
        placeholder="Choose an article to delete",
    )
    if st.button("Delete article…", key="manage_delete", disabled=victim is None) and victim is not None:
        confirm_delete(chosen, victim, titles[victim])
    if st.button("Delete collection…", key="manage_delete_collection"):
        confirm_delete(chosen, None, f"the whole collection “{chosen}” ({len(articles):,} articles)")

trash_section()
st.caption(md(f"Stored in {store().path.name}; set FRAMELENS_DB or framelens.toml to keep it elsewhere."))
