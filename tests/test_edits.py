"""Saving what a researcher edited in the Corpus page's table of article fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from analysis.corpus import Article
from analysis.edits import edited_articles, fields_frame

STORED = [
    Article("a", "Rebels take Hama", "Rebels took Hama.", outlet="Wire", metadata=(("event", "e1"), ("lean", "left"))),
    Article("b", "Army withdraws", "The army withdrew.", outlet="Daily", published=dt.date(2024, 12, 5)),
    Article("c", "Talks", "Talks began.", outlet="Post"),
]


def _asked(calls):
    def stored():
        calls.append(1)
        return {a.id: a for a in STORED}

    return stored


def test_only_the_rows_edited_are_saved_with_their_texts_and_a_bad_cell_is_named():
    extra = ["event", "lean"]
    listed = [replace(a, text="") for a in STORED]  # listed without texts
    before = fields_frame(listed, extra)
    after = before.copy()
    after.loc[0, "title"] = "Rebels seize Hama"
    after.loc[1, "date"] = "05/12/2024"  # ambiguous: refused, not guessed
    after.loc[2, "lean"] = "centre"
    calls = []
    updated, problems = edited_articles(before, after, extra, _asked(calls))
    assert calls == [1]
    assert [(a.id, a.title, a.text, dict(a.metadata)) for a in updated] == [
        ("a", "Rebels seize Hama", "Rebels took Hama.", {"event": "e1", "lean": "left"}),
        ("c", "Talks", "Talks began.", {"lean": "centre"}),
    ]
    assert problems == ["b: \u201c05/12/2024\u201d is not a date (use YYYY-MM-DD)"]


def test_a_table_saved_unedited_changes_nothing_and_reads_no_text():
    before = fields_frame(STORED, ["event", "lean"])
    calls = []
    assert edited_articles(before, before.copy(), ["event", "lean"], _asked(calls)) == ([], [])
    assert calls == []
    reordered = before.copy()
    reordered.loc[0, "title"] = " Rebels take Hama "  # spaces around are not an edit either
    assert edited_articles(before, reordered, ["event", "lean"], _asked(calls)) == ([], [])
