"""No page renders Markdown from user or file text: every page is driven with hostile names in
every stored place (collection, lexicon, coder, outlet, author, title, extra columns) and in
its address, and no element that Streamlit renders as Markdown may hold a live link or image."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import Article
from tests.test_app import PAGES, clear_cache  # noqa: F401 (clear_cache: the same fixture, autouse here too)

ROOT = Path(__file__).resolve().parent.parent
EVIL = "![x](https://evil.invalid/i.png)[go](https://evil.invalid/a) :red[red] $x^2$"
# What Markdown would render of it: the link or image ("](" whose bracket is not escaped), the
# colour or the formula. (The Methods page's own references are links, to other hosts.)
LIVE_LINK = re.compile(r"(?<!\\)\]\(https://evil|(?<![\\])\:red\[|(?<!\\)\$x")
# Protobuf fields that Streamlit renders as Markdown, and widget kinds whose options it renders so.
MARKDOWN_FIELDS = {"body", "label", "help", "title", "placeholder"}
MARKDOWN_OPTIONS = {"Radio", "ButtonGroup"}
# Elements whose text is shown as it is (st.text, st.code) or as sanitised HTML (st.html), never as Markdown.
PLAIN = {"Text", "Code", "Html"}


def _strings(message, markdown_options: bool = False):
    """(field name, text) of every string a protobuf message holds, nested messages included."""
    for field, value in message.ListFields():
        values = (
            value
            if getattr(field, "is_repeated", False)
            or isinstance(value, list | tuple)
            or (hasattr(value, "__len__") and not isinstance(value, str | bytes) and not hasattr(value, "ListFields"))
            else [value]
        )
        for item in values:
            if isinstance(item, str):
                yield field.name, item
            elif hasattr(item, "ListFields"):
                kind = type(item).__name__
                yield from _strings(item, markdown_options or kind in MARKDOWN_OPTIONS)


def _rendered_markdown(at: AppTest) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown."""
    found = []
    stack = [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        kind = type(proto).__name__
        if kind in PLAIN:
            continue
        for name, text in _strings(proto, kind in MARKDOWN_OPTIONS):
            if name in MARKDOWN_FIELDS or (name == "options" and kind in MARKDOWN_OPTIONS):
                found.append(text)
    return found


@pytest.fixture
def hostile_database(tmp_path, monkeypatch):
    from analysis.lexicon import load_lexicon
    from analysis.store import Store
    from analysis.validation import SheetRow

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "hostile.sqlite"))
    store = Store()
    texts = [
        "Rebels took Hama on Thursday after the army withdrew. Residents said the rebels entered the city centre.",
        "Insurgents seized Hama as government forces redeployed. The army said it left to protect civilians.",
        "Fighters captured the city. Terrorists, the minister said, had attacked the town. The rebels advanced.",
    ]
    articles = [
        Article(
            id=f"{EVIL} {n}",
            title=f"{EVIL} title {n}",
            text=f"{EVIL} headline {n}\n\n{text}",
            outlet=f"{EVIL} outlet {n % 2}",
            author=f"{EVIL} author",
            metadata=((EVIL, f"{EVIL} value {n % 2}"),),
        )
        for n, text in enumerate(texts)
    ]
    toml = (ROOT / "analysis" / "lexicons" / "framing_syria.toml").read_text(encoding="utf-8")
    names = ('"Syria, December 2024: armed opposition and government"', '"Armed opposition"', '"Capture of the city"')
    for old in names:
        toml = toml.replace(old, '"' + EVIL.replace("\\", "\\\\") + '"', 1)
    toml = toml.replace('description = "', f'description = "{EVIL} ', 1)
    store.save_lexicon(EVIL, toml)
    collection = f"{EVIL} collection"[:80]
    store.import_articles(collection, articles)
    lexicon = load_lexicon()
    study = (collection, f"{lexicon.name} {lexicon.version}", "labels")
    store.save_codes(study, f"{EVIL} coder", [SheetRow(f"{EVIL} 0", 0, 5, EVIL, EVIL, EVIL, "own", True, 3)])
    return collection


@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_markdown_from_hostile_names_or_addresses(page, hostile_database):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["collections"] = [hostile_database]
    at.session_state["lexicon"] = f"{EVIL} (v1.1.0)"
    at.query_params.update(
        {"q": EVIL, "where": EVIL, "is": EVIL, "by": EVIL, "article": f"{EVIL} 0", "measure": EVIL, "actor": EVIL}
    )
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    if page == "validation":
        at.text_input(key="validate_coder").input(f"{EVIL} coder").run()
        assert not at.exception
    live = [text for text in _rendered_markdown(at) if LIVE_LINK.search(text)]
    assert not live, live[:3]
