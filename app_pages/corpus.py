"""Corpus: bring articles in (files, pasted text, tables), edit their metadata, manage collections."""

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.corpus import (
    KNOWN_FIELDS,
    Article,
    FileResult,
    RefusedInput,
    article_from_text,
    parse_date,
    with_headline,
)
from analysis.edits import URL_RE, edited_articles, fields_frame
from analysis.isolation import Refused, run_isolated
from analysis.lexicon import GROUP_NAME_RE as COLUMN_NAME_RE
from analysis.lexicon import bundled_lexicon_texts, known_lexicons
from analysis.limits import MAX_FILE_BYTES, MAX_TABLE_BYTES, MAX_TABLE_ROWS, UPLOAD_WIDGET_MB
from analysis.readers import FIELDS, SUPPORTED, guess_mapping, read_table, stream_saved_uploads
from analysis.results import keep_scores
from analysis.store import SEEDS_COLLECTION, ImportReport, StoreError
from analysis.table_files import Table
from app_pages import keys
from app_pages.sidebar import request
from app_pages.state import active_lexicon_text, store
from ui.labels import named
from ui.markdown import md
from ui.style import counted

LIMIT_MB = MAX_FILE_BYTES / 1e6
# A table's first rows, read to choose its columns (the import reads them all).
PREVIEW_ROWS = 1_000


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


@contextlib.contextmanager
def saved_uploads(files: Sequence) -> Iterator[list[tuple[str, Path]]]:
    """The uploaded files written to a private temporary folder, as (name, path): the reader in
    the child process streams them from disk instead of receiving their bytes. Each is saved
    under a number, never under its uploaded name, and the folder goes when the import ends."""
    with tempfile.TemporaryDirectory(prefix="framelens-upload-") as folder:
        paths = []
        for number, file in enumerate(files):
            path = Path(folder) / f"{number}{Path(file.name).suffix.lower()}"
            path.write_bytes(file.getbuffer())
            paths.append((file.name, path))
        yield paths


@st.cache_data(max_entries=4, show_spinner="Reading the table…")
def table_preview(file_id: str, name: str, _sheet) -> Table | Refused:
    """A table's first rows for choosing its columns, read in a child process (see
    `analysis.isolation`); cached by the upload's id, not by hashing its bytes."""
    with saved_uploads([_sheet]) as ((_, path),):
        (parsed,) = run_isolated(read_table, [(path, name, PREVIEW_ROWS)])
    return parsed


def import_into(
    collection: str, parts: Iterable[FileResult], results: Sequence[tuple[str, Callable[[], bytes]]] = ()
) -> None:
    """Store the articles as their parts arrive, with a progress bar; the scores that `results`
    files carry are kept only for articles stored now."""
    bar = st.progress(0.0, text="Reading and storing the articles…")

    def advance(part: FileResult, so_far: ImportReport) -> None:
        done = len(so_far.added) + len(so_far.duplicates) + len(so_far.refused)
        reading = f" ({part.share_read:.0%} of the file)" if part.share_read < 1 else ""
        bar.progress(part.share_read, text=f"Importing: {done:,} articles read and stored so far{reading}")

    try:
        report, notes = store().import_parts(collection, parts, advance, texts=bool(results))
    except StoreError as error:
        bar.empty()
        st.error(md(error))
        return
    bar.empty()
    refused = {r.id for r in report.refused}
    results = [(name, read) for name, read in results if name not in refused]
    if results and report.added:
        saved_lexicons = [text for _, _, text in store().lexicons()]
        notes = [*notes, *keep_scores(store(), results, report.added, known_lexicons(saved_lexicons)).notes()]
        report.added = [replace(article, text="") for article in report.added]  # the report names them
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
    f"Files of up to {LIMIT_MB:.0f} MB each are read; a CSV, JSON Lines or Parquet table may be up to "
    f"{MAX_TABLE_BYTES / 1e6:,.0f} MB and {MAX_TABLE_ROWS:,} rows, read a few thousand rows at a time (a file over "
    f"{UPLOAD_WIDGET_MB:,} MB never leaves the browser, and the upload box names it). "
    f"Supported: {', '.join(SUPPORTED)}. Web pages saved from a browser keep only the article's text; "
    "a Nexis Uni export (.docx, .rtf, .pdf), a nexis.com text export or a Factiva export (.html, .rtf) is split into "
    "its articles; a Media Cloud "
    "story list needs a text column added. Outlet, author and date are taken from what a file states and are "
    "never guessed. The `scores.parquet` of `--parquet` brings its scores along, so its articles "
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
        with saved_uploads(files) as paths:  # read in a child process: no file can hold up the server
            # Framelens results files bring their scores: the articles they add open without scoring again.
            results = [(name, path.read_bytes) for name, path in paths if path.suffix == ".parquet"]
            import_into(target, stream_saved_uploads(paths), results)

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
                import_into(target, [FileResult([article])])

with table:
    sheet = st.file_uploader(
        "Table (.csv, .json, .jsonl or .parquet, one article per row)",
        type=["csv", "json", "jsonl", "parquet"],
        key="corpus_table",
    )
    if sheet is not None:
        parsed = table_preview(sheet.file_id, sheet.name, sheet)
        if isinstance(parsed, Refused) or not parsed.rows:
            reason = parsed.reason if isinstance(parsed, Refused) else "the table has no rows"
            st.error(md(f"{sheet.name} was refused: {reason}"))
            rows, columns, held = [], [], ""
        else:
            rows, columns = parsed.rows, parsed.columns
            held = f"{len(rows):,} rows" if parsed.complete else f"Its first {len(rows):,} rows are read to show it"
            if not parsed.complete:
                held += f" (of {parsed.total:,})" if parsed.total else ""
                held += "; the import reads them all"
        if rows:
            st.caption(f"{held}. Choose which column holds each field (text is required).")
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
                with saved_uploads([sheet]) as paths:
                    import_into(target, stream_saved_uploads(paths, chosen_columns))

st.header("Collections")
counts = store().collections()
st.dataframe(
    pd.DataFrame({"collection": list(counts), "articles": list(counts.values())}).replace(
        {SEEDS_COLLECTION: "seeds (built in, read-only)"}
    ),
    hide_index=True,
    column_config={"articles": st.column_config.NumberColumn(format="localized")},  # 100,000, not 100000
)
if not collections:
    st.stop()
chosen = st.selectbox("Collection to edit", collections, key="manage_collection")
articles = store().articles(chosen, texts=False)  # a collection of 100,000 is listed without its texts
# The stated fields beyond the named ones (an event id, a lean), one column each, and any the
# researcher adds here: Compare groups by them and compares within them.
added = st.session_state.setdefault(keys.ADDED_COLUMNS, {}).setdefault(chosen, [])
extra = list(dict.fromkeys([k for a in articles for k, _ in a.metadata] + added))
frame = fields_frame(articles, extra)
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
    updates, problems = edited_articles(frame, edited, extra, lambda: {a.id: a for a in store().articles(chosen)})
    saved = 0
    for article in updates:
        try:
            store().update_article(chosen, article)
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
        partial(store().export_jsonl, chosen),  # written when clicked, not on every run
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
