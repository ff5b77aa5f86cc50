"""The dashboard's session state is read and written under the names in `app_pages/keys.py` only."""

from __future__ import annotations

import re
from pathlib import Path

from app_pages import keys

PAGES = Path(__file__).resolve().parent.parent / "app_pages"

# A literal string (or f-string) where the session state is indexed, read, popped or tested.
BARE_KEY = re.compile(
    r"""session_state(\[|\.get\(|\.pop\(|\.setdefault\()\s*f?["']|["'][\w-]*["']\s+(not\s+)?in\s+st\.session_state"""
)


def test_no_page_names_a_session_key_of_its_own():
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(PAGES.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BARE_KEY.search(line)
    ]
    assert found == []


def test_the_pattern_finds_a_bare_key():
    assert BARE_KEY.search('st.session_state["pair_a"] = first')
    assert BARE_KEY.search("if 'q' not in st.session_state:")
    assert BARE_KEY.search('value = st.session_state.get(f"pending_{key}")')
    assert not BARE_KEY.search("st.session_state[keys.PAIR_A] = first")


def test_every_key_is_distinct():
    names = {name: value for name, value in vars(keys).items() if name.isupper() and isinstance(value, str)}
    every = [*names.values(), *keys.PASTE_FIELDS.values()]
    assert len(set(every)) == len(every)
    assert all(keys.pending(value) not in names.values() for value in (keys.LEXICON, keys.COLLECTIONS, keys.ARTICLES))
