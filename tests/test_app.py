"""The dashboard driven as a user would, with streamlit's AppTest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.corpus import Article

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
PAGES = [
    "overview",
    "framing",
    "tone",
    "readability",
    "overlap",
    "compare",
    "time",
    "search",
    "article",
    "validation",
    "export",
    "corpus",
    "lexicon",
    "methods",
]


@pytest.fixture(autouse=True)
def clear_cache():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def start(page: str = "overview") -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert not at.exception
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    return at


def test_every_page_file_is_registered():
    source = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    files = sorted(
        p.stem
        for p in (ROOT / "app_pages").glob("*.py")
        if p.stem not in {"__init__", "state", "sidebar", "widgets", "address", "keys"}
    )
    assert files == sorted(PAGES)
    for page in PAGES:
        assert f'"app_pages/{page}.py"' in source


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_seeds(page):
    at = start(page)
    assert at.title[0].value == {"time": "Over time"}.get(page, page.capitalize())


def test_overview_shows_the_scorecard_and_the_most_sensational_article():
    at = start()
    card = at.dataframe[0].value
    assert list(card["Main label"]) == ["rebel", "rebel", "insurgent", "rebel", "rebel"]
    assert any("Most sensational: In a stunning and decisive blow" in c.value for c in at.caption)


def test_export_lists_its_charts_when_asked():
    at = start("export")
    assert not at.dataframe
    at.toggle(key="export_list").set_value(True).run()
    listing = at.dataframe[0].value
    assert not at.exception and len(listing) == 15
    assert {"How the articles compare", "Own text reprinted from another outlet"} <= set(listing["chart"])


def test_choosing_an_actor_switches_the_framing_page():
    at = start("framing")
    at.selectbox(key="actor").set_value("syrian_government").run()
    assert not at.exception
    assert at.selectbox(key="kwic_target").value == "syrian_government"
    assert at.query_params["actor"] in ("syrian_government", ["syrian_government"])


def test_keyword_in_context_lists_the_sentences():
    at = start("framing")
    at.selectbox(key="kwic_group").set_value("insurgent").run()
    at.selectbox(key="kwic_article").set_value("002_2268d81e6a4f22d2.txt").run()
    assert not at.exception
    cards = [h for h in at.get("html") if "Newslooks" in h.proto.body]
    assert len(cards) >= 8


def test_choosing_an_article(seed_scores):
    at = start("article")
    at.selectbox(key="article_pick").set_value("004_db7c404e82ad06c1.txt").run()
    assert not at.exception
    assert any("stunning" in h.proto.body for h in at.get("html"))
    metrics = {m.label: m.value for m in at.metric}
    own_voice = seed_scores["004_db7c404e82ad06c1.txt"].tone.loaded_per_1k
    assert metrics["Loaded / 1k words"] == f"{own_voice:.1f}"
    # every highlighted term has its legend entry: the other actor's and the events' too
    legend = next(h.proto.body for h in at.get("html") if "Armed opposition:" in h.proto.body)
    assert "Syrian government:" in legend and "Capture of the city:" in legend and ">Regime<" in legend


def test_page_choices_live_in_the_address():
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params["article"] = "003_75cbe6951555812d.txt"
    at.query_params["layers"] = "loaded,sources"
    at.run()
    at.switch_page("app_pages/article.py").run()
    assert not at.exception
    assert at.selectbox(key="article_pick").value == "003_75cbe6951555812d.txt"
    assert at.pills(key="article_layers").value == ["loaded", "sources"]
    at.selectbox(key="article_pick").set_value("001_201251cabcee9068.txt").run()
    assert at.query_params["article"] == "001_201251cabcee9068.txt"

    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params.update({"a": "004_db7c404e82ad06c1.txt", "b": "002_2268d81e6a4f22d2.txt", "measure": "total"})
    at.run()
    at.switch_page("app_pages/overlap.py").run()
    assert (at.selectbox(key="pair_a").value, at.selectbox(key="pair_b").value) == (
        "004_db7c404e82ad06c1.txt",
        "002_2268d81e6a4f22d2.txt",
    )
    at.switch_page("app_pages/framing.py").run()
    assert at.segmented_control(key="framing_measure").value == "total"


def test_choosing_a_pair():
    at = start("overlap")
    at.selectbox(key="pair_a").set_value("000_e4e850f0e76c0e81.txt").run()
    at.selectbox(key="pair_b").set_value("003_75cbe6951555812d.txt").run()
    assert not at.exception
    aligned = at.dataframe[0].value
    assert any("The Syrian army announced it was redeploying" in b for b in aligned["B"])


def test_selection_narrows_every_page():
    at = start()
    at.multiselect(key="articles").set_value(["000_e4e850f0e76c0e81.txt", "004_db7c404e82ad06c1.txt"]).run()
    assert len(at.dataframe[0].value) == 2
    for page in PAGES[1:]:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page


def test_methods_page_shows_the_committed_figures():
    at = start("methods")
    every = [frame.value for frame in at.dataframe]
    tables = [t for t in every if "measure" in t.columns]
    measures = {m for table in tables for m in table["measure"]}
    assert "Pearson r with mean human rating" in measures
    assert "AUC, reused vs not" in measures
    tone = next(t for t in tables if "Pearson r with mean human rating" in set(t["measure"]))
    assert tone.iloc[0]["held-out half"] > 0.492
    (model,) = [t for t in every if "model AUC" in t.columns]
    assert len(model) == 6 and set(model["set"]) == {"BABE", "PTC", "NewsSD-ENG"}


def test_charts_link_to_their_methods_section():
    at = start("tone")
    helps = [c.proto.help for c in at.caption if c.proto.help]
    assert any("/methods#tone" in h for h in helps) and any("/methods#loaded" in h for h in helps)


def test_pasting_an_article_adds_it_beside_the_seeds(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("corpus")
    at.text_input(key="corpus_new_name").input("my clippings").run()
    at.text_input(key="paste_title").input("Clipping about Hama").run()
    at.text_area(key="paste_text").input("Militants <script>alert(1)</script> stormed Hama, residents said.").run()
    at.text_input(key="paste_date").input("5 December 2024").run()
    at.button(key="paste_add").click().run()
    assert not at.exception
    assert any("added to \u201cmy clippings\u201d" in s.value for s in at.success)
    assert "my clippings" in at.multiselect(key="collections").value
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception
    assert "Clipping about Hama" in list(at.dataframe[0].value["Article"])


def test_a_bad_date_or_url_is_refused_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("corpus")
    at.text_input(key="corpus_new_name").input("mine").run()
    at.text_area(key="paste_text").input("Rebels took Hama.").run()
    at.text_input(key="paste_date").input("05/12/2024").run()
    at.text_input(key="paste_url").input("not a url").run()
    at.button(key="paste_add").click().run()
    errors = " ".join(e.value for e in at.error)
    assert "is not a date" in errors and "is not a web address" in errors
    assert not at.exception


def test_saving_a_lexicon_makes_a_new_active_version(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("lexicon")
    save_as(at).input("My Syria lexicon").run()
    at.button(key="lexicon_save").click().run()
    assert not at.exception
    assert at.selectbox(key="lexicon").value == "My Syria lexicon (v1)"
    assert save_as(at).value == "My Syria lexicon"  # the box names the lexicon now active
    at.button(key="lexicon_save").click().run()
    assert at.selectbox(key="lexicon").value == "My Syria lexicon (v2)"
    at.switch_page("app_pages/framing.py").run()
    assert not at.exception


def save_as(at: AppTest):
    return next(box for box in at.text_input if box.label == "Save as")


def test_versions_follow_the_lexicon_s_own_numbering(tmp_path, monkeypatch):
    from analysis.lexicon import DEFAULT_LEXICON, parse_lexicon

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    bundled = parse_lexicon(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    at = start("lexicon")
    at.button(key="lexicon_save").click().run()  # the bundled 1.1.0, edited under its own name
    assert at.selectbox(key="lexicon").value == f"{bundled.name} (v1.1.1)"
    at.button(key="lexicon_save").click().run()
    assert at.selectbox(key="lexicon").value == f"{bundled.name} (v1.1.2)"


def test_a_large_selection_is_grouped_by_outlet(tmp_path, monkeypatch):
    from benchmarks.corpus import build_corpus

    articles, _ = build_corpus(48, random_state=5)
    folder = tmp_path / "many"
    folder.mkdir()
    for article in articles:
        (folder / f"{article.id}.md").write_text(
            f"---\noutlet: {article.outlet}\n---\n{article.text}", encoding="utf-8"
        )
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(folder))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start()
    assert any("group them by outlet (8 outlets)" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == 8
    for page in ("framing", "tone", "readability", "overlap"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page


def copying_corpus(folder: Path) -> Path:
    """The seeds, plus a later article that copies most of one of them: a pair with a borrower."""
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for path in seeds:
        (folder / path.name).write_bytes(path.read_bytes())
    original = seeds[2].read_text(encoding="utf-8")
    body = original.split("\n", 1)[1]
    (folder / "copy.md").write_text(
        f"---\ntitle: A later copy\noutlet: Copy Desk\ndate: 2024-12-09\n---\nA later copy\n\n{body}", encoding="utf-8"
    )
    (folder / "original.md").write_text(
        f"---\ntitle: The original\noutlet: Wire\ndate: 2024-12-05\n---\n{original}", encoding="utf-8"
    )
    return folder


def test_every_page_renders_when_one_article_copies_another(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(copying_corpus(tmp_path / "copies")))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("overlap")
    at.selectbox(key="pair_a").set_value("original.md").run()
    at.selectbox(key="pair_b").set_value("copy.md").run()
    assert not at.exception
    assert any("Likely borrower" in c.value for c in at.caption)
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page


def test_every_page_renders_on_the_seeds_with_a_corrupt_database(tmp_path, monkeypatch):
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    at = start()
    assert len(at.dataframe[0].value) == 5
    assert any("cannot be used" in w.value and "move the file aside" in w.value for w in at.sidebar.warning)
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page


def test_names_from_users_are_shown_as_text_not_markdown(tmp_path, monkeypatch):
    from analysis.store import Store

    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    name = "![x](https://example.invalid/x.png) :red[loud]"
    Store(db).import_articles(name, [Article("a.txt", "[click](https://example.invalid)", "Rebels took Hama.")])
    at = start("corpus")
    assert not at.exception
    at.button(key="manage_delete_collection").click().run()
    asked = " ".join(m.value for m in at.markdown if m.value.startswith("Delete "))
    assert "![x](" not in asked and "\\!\\[x\\]" in asked
    at.switch_page("app_pages/export.py").run()
    assert not at.exception
    rendered = " ".join(m.value for m in at.markdown)
    assert "\\!\\[x\\]" in rendered and "![x](" not in rendered and ":red[" not in rendered


def test_deleting_asks_first_and_the_trash_gives_articles_back(tmp_path, monkeypatch):
    from analysis.store import Store

    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    Store(db).import_articles(
        "mine", [Article("a.txt", "Rebels take Hama", "Rebels took Hama."), Article("b.txt", "B", "Army left.")]
    )
    at = start("corpus")
    picker = at.selectbox(key="manage_delete_article")
    assert picker.value is None and "Rebels take Hama (a.txt)" in picker.options  # titles, not bare ids
    picker.set_value("a.txt").run()
    at.button(key="manage_delete").click().run()
    assert not at.exception
    assert any(m.value.startswith("Delete Rebels take Hama") for m in at.markdown)  # a question first
    assert Store(db).trash() == [] and len(Store(db).articles("mine")) == 2
    # (the dialog's own buttons rerun only the dialog, which AppTest cannot; the browser test answers it)
    Store(db).delete_article("mine", "a.txt")
    at = start("corpus")
    assert any(e.label.startswith("Trash (1 article)") for e in at.expander)
    assert "Rebels take Hama" in at.dataframe[-1].value["title"].tolist()


def test_readability_warns_about_a_text_without_sentence_punctuation(tmp_path, monkeypatch):
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "dump.txt").write_text("rebels advance on the city " * 400, encoding="utf-8")
    (folder / "normal.txt").write_text("Rebels took Hama. The army withdrew.", encoding="utf-8")
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(folder))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("readability")
    assert any("1 article averages over" in w.value and "rebels advance" in w.value for w in at.warning)


def test_after_an_import_the_collection_stays_chosen(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("corpus")
    at.text_input(key="corpus_new_name").input("clippings").run()
    at.text_area(key="paste_text").input("Rebels took Hama on Thursday, residents said.").run()
    at.button(key="paste_add").click().run()
    assert not at.exception
    assert at.selectbox(key="corpus_target").value == "clippings"


def test_a_pasted_article_s_title_is_its_headline(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("corpus")
    at.text_input(key="corpus_new_name").input("pasted").run()
    at.text_input(key="paste_title").input("Terrorists Seize Hama").run()
    at.text_area(key="paste_text").input("Fighters entered the city on Thursday, residents said.").run()
    at.button(key="paste_add").click().run()
    at.switch_page("app_pages/article.py").run()
    at.selectbox(key="article_pick").set_value("Terrorists Seize Hama").run()  # the id a pasted article gets
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any("Headline, scored apart from the body: \u201cTerrorists Seize Hama\u201d" in c for c in captions)


def test_every_page_renders_with_a_read_only_database(tmp_path, monkeypatch):
    from analysis.store import Store

    db = tmp_path / "ro.sqlite"
    Store(db).import_articles("kept", [Article("k.txt", "Kept", "Kept\n\nRebels took Hama on Thursday.")])
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    # As root nothing is read-only on disk: the store is told what os.access would say.
    monkeypatch.setattr("analysis.store.database.os.access", lambda path, mode: mode != os.W_OK)
    at = start()
    assert "kept" in at.multiselect(key="collections").value
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
    at.switch_page("app_pages/corpus.py").run()
    at.text_area(key="paste_text").input("Another article about Homs.").run()
    at.text_input(key="corpus_new_name").input("new").run()
    at.button(key="paste_add").click().run()
    assert not at.exception
    assert any("read-only" in e.value.replace("\\", "") for e in at.error)


def test_the_compare_page_gives_the_command_line_s_numbers(tmp_path, monkeypatch, capsys):
    from analysis.cli import main

    folder = tmp_path / "outlets"
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(12):
        text = seeds[i % 5].read_text(encoding="utf-8").split("\n", 1)[1]
        outlet = ("Alpha", "Beta", "Gamma")[i % 3]
        loaded = "\n\nThe radical mob slammed the so-called deal." * (i % 3)
        (folder / f"a{i:02d}.md").write_text(
            f"---\ntitle: Story {i}\noutlet: {outlet}\nlean: {'left' if i % 2 else 'right'}\nevent: e{i // 3}\n"
            f"---\n{text}{loaded}",
            encoding="utf-8",
        )
    assert main(["compare", str(folder), "--by", "outlet", "--measure", "tone.loaded_per_1k", "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(folder))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    within = ["compare", str(folder), "--by", "outlet", "--within", "event", "--measure", "tone.loaded_per_1k"]
    assert main([*within, "--format", "json"]) == 0
    expected_within = json.loads(capsys.readouterr().out)
    at = start("compare")
    assert at.selectbox(key="compare_by").options == ["outlet", "event", "lean"]
    loaded = next(m for m in at.selectbox(key="compare_measure").options if "own voice" in m)
    at.selectbox(key="compare_measure").select(loaded).run()
    assert not at.exception
    groups = at.dataframe[-1].value
    assert groups.to_dict("records") == expected["groups"]
    at.selectbox(key="compare_within").set_value("event").run()
    assert not at.exception
    assert at.dataframe[-1].value.to_dict("records") == expected_within["groups"]
    pairs = at.dataframe[-2].value
    assert pairs.to_dict("records") == expected_within["pairs"]
    # A label group's share is offered, for the sidebar's actor.
    share = [m for m in at.selectbox(key="compare_measure").options if m.startswith("Share of")]
    assert share
    at.selectbox(key="compare_measure").select(share[0]).run()
    assert not at.exception
    group = share[0].split('"')[1].replace(" ", "_")
    label = ["compare", str(folder), "--by", "outlet", "--within", "event"]
    assert main([*label, "--measure", f"labels.armed_opposition.{group}.own_share", "--format", "json"]) == 0
    assert at.dataframe[-1].value.to_dict("records") == json.loads(capsys.readouterr().out)["groups"]
    at.selectbox(key="compare_within").set_value("").run()
    at.selectbox(key="compare_by").set_value("lean").run()
    assert not at.exception
    # The Compare chart as last drawn joins the report and the ZIP.
    at.switch_page("app_pages/export.py").run()
    assert not at.exception
    assert any("the 1 chart last drawn on Compare" in c.value for c in at.caption)
    at.radio[0].set_value("8.5").run()
    assert at.session_state["export_print_cm"] == 8.5


def dated_corpus(folder: Path, size: int = 18, planted: bool = True) -> Path:
    """`size` seed texts in three outlets over three weeks with a `lean` column; Gamma's articles
    carry loaded words in their own voice (unless not `planted`) and the last article states no date."""
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(size):
        text = seeds[i % 5].read_text(encoding="utf-8").split("\n", 1)[1]
        outlet = ("Alpha", "Beta", "Gamma")[i % 3]
        loaded = "\n\nThe radical mob slammed the so-called deal." * 3 if outlet == "Gamma" and planted else ""
        date = "" if i == size - 1 else f"date: 2024-12-{1 + (i % 3) * 7 + i // 6:02d}\n"
        (folder / f"a{i:02d}.md").write_text(
            f"---\ntitle: Story {i}\noutlet: {outlet}\n{date}lean: {'left' if outlet == 'Alpha' else 'right'}\n---\n"
            f"{text}{loaded}",
            encoding="utf-8",
        )
    return folder


def test_filters_narrow_the_selection_and_stay_in_the_address(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(dated_corpus(tmp_path / "dated")))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start()
    assert len(at.dataframe[0].value) == 18
    at.multiselect(key="f_outlets").set_value(["Gamma"]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["Outlet"]) == {"Gamma"} and len(at.dataframe[0].value) == 6
    assert at.query_params["outlet"] == "Gamma"
    at.multiselect(key="f_outlets").set_value([]).run()
    at.selectbox(key="f_column").set_value("lean").run()
    at.multiselect(key="f_values").set_value(["left"]).run()
    assert set(at.dataframe[0].value["Outlet"]) == {"Alpha"}
    assert at.query_params["where"] == "lean" and at.query_params["is"] == "left"
    # A link with filters opens on the same articles, and a date range leaves out the undated one.
    again = AppTest.from_file(DASHBOARD, default_timeout=120)
    again.query_params["from"] = "2024-12-01"
    again.query_params["to"] = "2024-12-31"
    again.run()
    assert not again.exception
    assert len(again.dataframe[0].value) == 17
    assert any("1 left out for stating no date" in c.value for c in again.sidebar.caption)


def test_time_and_search_pages_on_dated_outlets(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(dated_corpus(tmp_path / "dated", size=30)))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("time")
    assert any("1 selected article states no publication date" in c.value for c in at.caption)
    for measure in ("share", "rate", "tone_sentence_mean", "loaded_per_1k"):
        at.selectbox(key="time_measure").set_value(measure).run()
        assert not at.exception, measure
        if measure == "rate":
            assert at.get("plotly_chart"), measure  # points drawn, not the message of an empty chart
    at.switch_page("app_pages/search.py").run()
    terms = at.dataframe[-1].value
    gamma = terms[terms["Outlet"] == "Gamma"]["Term"].tolist()
    assert "mob" in gamma and "radical mob" in gamma
    assert not set(terms["Outlet"]) - {"Gamma"}  # the seed texts themselves set no outlet apart
    at.text_input(key="q").set_value("radical MOB").run()
    assert not at.exception
    assert any("30 uses in 10 articles" in h.value for h in at.subheader)


def test_a_large_selection_counts_distinguishing_terms_only_when_asked(tmp_path, monkeypatch):
    """Above the up-front limit the Search page offers the count instead of making every visitor
    wait for it; once asked, the terms appear and stay for that selection."""
    from ui import catalogue

    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(dated_corpus(tmp_path / "dated", size=30)))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    monkeypatch.setattr(catalogue, "TERMS_UP_FRONT", 10)
    at = start("search")
    assert not at.exception and not any(d.key == "search_terms" for d in at.dataframe)
    at.button(key="terms_find").click().run()
    terms = next(d for d in at.dataframe if d.key == "search_terms").value
    assert "radical mob" in terms[terms["Outlet"] == "Gamma"]["Term"].tolist()
    at.text_input(key="q").set_value("radical mob").run()  # a search keeps them, counted once
    assert not at.exception and any(d.key == "search_terms" for d in at.dataframe)


def test_a_searched_word_is_added_to_a_label_group(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("search")
    at.text_input(key="q").set_value("Islamist factions").run()
    assert any("uses in" in h.value for h in at.subheader)
    at.selectbox(key="search_target").set_value("armed_opposition").run()
    at.selectbox(key="search_group").set_value("islamist").run()
    at.button(key="search_add").click().run()
    assert not at.exception
    assert at.session_state["lexicon"].endswith("(v1.1.1)")  # the bundled 1.1.0 with one form more
    from analysis.lexicon import parse_lexicon
    from analysis.store import Store

    ((_, _, toml),) = Store(tmp_path / "app.sqlite").lexicons()
    group = parse_lexicon(toml).target("armed_opposition").group("islamist")
    assert "Islamist factions" in group.forms


def test_charts_can_name_articles_by_outlet_and_date(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(dated_corpus(tmp_path / "dated", size=6)))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start()
    assert any(a.startswith("Alpha: Story") for a in at.dataframe[0].value["Article"])
    at.segmented_control(key="names").set_value("outlet_date").run()
    assert not at.exception
    names = list(at.dataframe[0].value["Article"])
    assert "Alpha, 1 Dec 2024" in names and "Gamma: Story 5" in names  # the undated one keeps its headline
    assert at.query_params["names"] == "outlet_date"


def built_in(tmp_path, monkeypatch, texts: dict[str, str]) -> None:
    """A built-in collection of these files (name -> text) and a fresh database, for one test."""
    folder = tmp_path / "built-in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(folder))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))


def test_a_lexicon_for_another_story_is_named_as_the_reason_for_empty_charts(tmp_path, monkeypatch):
    protest = "Thousands marched through the capital on Saturday. Police closed the main square."
    texts = {f"p{i}.txt": f"Protest {i}\n\n{protest}" for i in range(4)}
    texts["syria.txt"] = (ROOT / "seeds" / "000_e4e850f0e76c0e81.txt").read_text(encoding="utf-8")
    built_in(tmp_path, monkeypatch, texts)
    at = start("framing")
    assert not at.exception
    hint = " ".join(w.value for w in at.warning).replace("\\", "")  # shown as text: Markdown escaped
    assert "finds no label for the armed opposition in 4 of the 5 selected articles (80%)" in hint
    at.multiselect(key="articles").set_value(["syria.txt", "p0.txt"]).run()
    assert not any("finds no label" in w.value for w in at.warning)  # one in two is not most


def test_government_words_in_any_political_prose_do_not_silence_the_wrong_lexicon_warning(tmp_path, monkeypatch):
    """US political articles say "government" and "officials": the Syria lexicon finds its
    government's labels everywhere, and none for the armed opposition, the actor shown."""
    budget = "The government said the budget would pass. Officials met senators on Tuesday."
    built_in(tmp_path, monkeypatch, {f"u{i}.txt": f"Budget talks {i}\n\n{budget}" for i in range(6)})
    at = start("framing")
    hint = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "finds no label for the armed opposition in 6 of the 6 selected articles" in hint


def test_a_first_import_starts_a_study_of_its_own(tmp_path, monkeypatch):
    """The first collection a researcher imports is shown alone, not mixed with the bundled Syria
    articles, and the page offers to start a word list for the new story."""
    from analysis.store import Store

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("corpus")
    at.text_input(key="corpus_new_name").input("Budget").run()
    at.text_area(key="paste_text").input("Budget talks\n\nThe government said the budget would pass.").run()
    at.button(key="paste_add").click().run()
    assert not at.exception
    assert "Budget" in Store().collections()
    assert at.session_state["collections"] == ["Budget"]
    assert any("shown on its own" in i.value for i in at.info)


def test_overlap_tells_shared_quotations_from_copied_text(tmp_path, monkeypatch):
    folder = tmp_path / "quotes"
    folder.mkdir()
    quote = (
        '"We will not rest until every family in the northern provinces has clean water and a roof over its '
        'head before the winter comes," the minister said.'
    )
    (folder / "a.md").write_text(
        f"---\ntitle: Floods in the north\noutlet: Wire\ndate: 2024-03-01\n---\nFloods hit the north.\n\n{quote}",
        encoding="utf-8",
    )
    (folder / "b.md").write_text(
        f"---\ntitle: Rescue teams arrive\noutlet: Daily\ndate: 2024-03-02\n---\nRescue teams arrived.\n\n{quote}",
        encoding="utf-8",
    )
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(folder))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("overlap")
    assert not at.exception
    caption = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "0 copied passages of outlet text, 1 shared quotation" in caption
    assert "No borrower is named: the two share quotations only" in caption and "Likely borrower" not in caption
    assert any("#eadcf5" in h.proto.body for h in at.get("html"))  # drawn in the shared-quotation colour
    assert not any("outlet: Wire" in h.proto.body for h in at.get("html"))  # front matter is facts, not text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["A's own text found in B"] == "0%"


def test_validation_draws_a_sample_and_reports_precision_and_agreement(tmp_path, monkeypatch):
    from dataclasses import replace

    from analysis.lexicon import load_lexicon
    from analysis.store import Store
    from analysis.validation import validation_report

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("validation")
    assert any("Enter your name" in i.value for i in at.info)
    at.text_input(key="validate_coder").input("Ana").run()
    at.number_input(key="validate_n").set_value(20).run()
    at.button(key="validate_draw").click().run()
    assert not at.exception
    lexicon = load_lexicon()
    study = ("seeds", f"{lexicon.name} {lexicon.version}", "labels")
    database = Store()
    drawn = database.codes(study, "Ana")
    assert len(drawn) == 20 and all(r.correct is None for r in drawn)
    # Ana codes every fourth item wrong; Ben disagrees with her on two items.
    ana = [replace(r, correct=k % 4 != 0) for k, r in enumerate(drawn)]
    ben = [replace(r, correct=(not r.correct) if k in (1, 2) else r.correct) for k, r in enumerate(ana)]
    database.save_codes(study, "Ana", ana)
    database.save_codes(study, "Ben", ben)
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    expected = validation_report(ana).overall_precision.value
    assert f"**{expected:.2f}**" in text and "from 20 coded items" in text
    at.selectbox(key="validate_second").set_value("Ben").run()
    text = " ".join(m.value for m in at.markdown)
    kappa = validation_report(ana, ben).coders.cohen_kappa
    assert f"Cohen's kappa {kappa:.2f}" in text and "20 items coded by both, 90% the same" in text


def test_a_new_lexicon_from_the_template_and_a_suggested_term_added_to_a_group(tmp_path, monkeypatch):
    from analysis.lexicon import DEFAULT_LEXICON, parse_lexicon
    from analysis.store import Store

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("lexicon")
    at.text_input(key="lexicon_new_name").input("Protests 2026").run()
    at.button(key="lexicon_new").click().run()
    assert not at.exception
    assert at.selectbox(key="lexicon").value == "Protests 2026 (v1)"
    saved = parse_lexicon(Store().lexicons()[-1][2])
    assert [t.id for t in saved.targets] == ["protesters", "police", "clearing"]
    assert saved.targets[0].ignore == ("rioting police", "pro-government *")  # the template's ignore list kept

    # Back on the Syria lexicon: ask for terms used like "rebels" and add the first to a group.
    at.selectbox(key="lexicon").set_value(next(o for o in at.selectbox(key="lexicon").options if "bundled" in o))
    at.run()
    at.switch_page("app_pages/lexicon.py").run()
    at.text_input(key="suggest_forms_armed_opposition").input("rebels").run()
    at.button(key="suggest_go").click().run()
    assert not at.exception
    listed = next(d.value for d in at.dataframe if "term" in d.value.columns)
    known = {f for g in parse_lexicon(DEFAULT_LEXICON.read_text()).targets[0].groups for f in g.forms}
    assert len(listed) and known.isdisjoint(listed["term"]) and (listed["uses"] >= 3).all()


def test_a_new_lexicon_from_the_actors_a_researcher_names(tmp_path, monkeypatch):
    from analysis.lexicon import UNPLACED, parse_lexicon
    from analysis.store import Store

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("lexicon")
    at.text_input(key="lexicon_new_name").input("Migration 2018").run()
    at.text_area(key="lexicon_new_actors").input("Immigrants: immigrants, migrants\nEnforcement ICE agents").run()
    at.button(key="lexicon_new").click().run()
    assert any("line 2" in e.value and "write the actor" in e.value for e in at.error)
    at.text_area(key="lexicon_new_actors").input("Immigrants: immigrants, migrants\nEnforcement: ICE, agents").run()
    at.button(key="lexicon_new").click().run()
    assert not at.exception and at.selectbox(key="lexicon").value == "Migration 2018 (v1)"
    saved = parse_lexicon(Store().lexicons()[-1][2])
    assert [(t.id, t.label, [g.forms for g in t.groups]) for t in saved.targets] == [
        ("immigrants", "Immigrants", [("immigrants", "migrants")]),
        ("enforcement", "Enforcement", [("ICE", "agents")]),
    ]
    assert saved.targets[0].groups[0].rationale == UNPLACED


def test_hits_coded_wrong_can_be_left_out_and_every_page_says_so(tmp_path, monkeypatch, seed_scores):
    from analysis.lexicon import load_lexicon
    from analysis.store import Store
    from analysis.validation import SheetRow

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    lexicon = load_lexicon()
    rows = [
        SheetRow(s.article.id, h.start, h.end, h.text, "c", f"{h.target}/{h.group}", h.voice, False)
        for s in seed_scores.values()
        for h in s.framing.hits
        if h.target == "armed_opposition"
    ][:3]
    Store().save_codes(("seeds", f"{lexicon.name} {lexicon.version}", "labels"), "Ana", rows)
    at = start("framing")
    assert not any("coded wrong" in c.value for c in at.caption)
    at.toggle(key="leave_out_wrong").set_value(True).run()
    assert not at.exception
    assert any("3 label hits coded wrong" in c.value for c in at.caption)
    assert at.query_params["wrong"] in ("out", ["out"])  # kept in the address, so a shared link shows the same counts
    again = AppTest.from_file(DASHBOARD, default_timeout=120)
    again.query_params["wrong"] = "out"
    again.run()
    assert again.toggle(key="leave_out_wrong").value is True
    assert any("3 label hits coded wrong" in c.value for c in again.caption)


def test_drawing_a_new_sample_asks_before_it_discards_coded_work(tmp_path, monkeypatch):
    from dataclasses import replace

    from analysis.lexicon import load_lexicon
    from analysis.store import Store

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("validation")
    at.text_input(key="validate_coder").input("Ana").run()
    at.button(key="validate_draw").click().run()
    lexicon = load_lexicon()
    study = ("seeds", f"{lexicon.name} {lexicon.version}", "labels")
    coded = [replace(r, correct=True) for r in Store().codes(study, "Ana")]
    Store().save_codes(study, "Ana", coded)
    at.number_input(key="validate_seed").set_value(7).run()
    at.button(key="validate_draw").click().run()
    assert not at.exception
    assert Store().codes(study, "Ana") == coded  # nothing replaced before the researcher confirms
    assert any("those codes are lost" in m.value for m in at.markdown)
    at.button(key="validate_keep_sheet").click().run()
    assert Store().codes(study, "Ana") == coded
    at.button(key="validate_draw").click().run()
    at.button(key="validate_confirm_draw").click().run()
    assert not at.exception
    assert all(r.correct is None for r in Store().codes(study, "Ana"))


def test_over_time_on_a_corpus_that_spans_years(tmp_path, monkeypatch):
    """Two outlets' articles in two years three apart, three a month: the page picks quarters
    (a month holds one or two articles of an outlet, under the three a point needs), draws
    points, and says plainly when the period chosen is too short for any point."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    dates = [f"{year}-{month:02d}-{day:02d}" for year in (2021, 2023) for month in (1, 2, 4, 5) for day in (5, 15, 25)]
    texts = {
        f"y{i:02d}.md": f"---\ntitle: Y {i}\noutlet: {('Alpha', 'Beta')[i % 2]}\ndate: {date}\n---\n"
        + seeds[i % 5].read_text(encoding="utf-8").split("\n", 1)[1]
        for i, date in enumerate(dates)
    }
    built_in(tmp_path, monkeypatch, texts)
    at = start("time")
    assert not at.exception
    assert at.session_state["time_period"] == "Q"
    assert not any("No outlet has three" in i.value for i in at.info)
    at.segmented_control(key="time_period").set_value("W").run()
    assert any("No outlet has three or more dated articles in any one week" in i.value for i in at.info)


def test_a_line_over_time_breaks_where_periods_are_empty():
    import pandas as pd

    from ui import charts
    from ui.timeline import period_for, period_name, with_gaps

    points = pd.DataFrame(
        {
            "outlet": "Alpha",
            "start": pd.to_datetime(["2021-01-01", "2021-04-01", "2023-01-01"]),
            "estimate": [0.1, 0.2, 0.3],
            "ci_low": [0.0, 0.1, 0.2],
            "ci_high": [0.2, 0.3, 0.4],
            "n": [3, 4, 5],
            "key": ["a", "b", "c"],
        }
    )
    figure = charts.over_time(points, "Mean sentence tone", "quarter", "Test", 12)
    (line,) = figure.data
    assert [y != y for y in line.y] == [False, False, True, False]  # one break, between 2021 Q2 and 2023 Q1
    assert len(with_gaps(points.iloc[:2], "Q")) == 2  # consecutive quarters: no break
    assert period_name(pd.Timestamp("2024-10-01"), "Q") == "Q4 2024"
    dense = pd.DataFrame({"published": [f"2024-12-0{1 + i // 3}" for i in range(9)], "outlet": "Alpha"})
    thin = pd.DataFrame({"published": [f"{2010 + i}-0{1 + i % 9}-01" for i in range(12)], "outlet": "Alpha"})
    assert period_for(dense) == "D" and period_for(thin) == "Y"


def test_a_collection_s_own_columns_are_edited_kept_and_counted_only_when_changed(tmp_path, monkeypatch):
    """Saving without an edit changes nothing (every row with extra columns used to be counted as
    updated); the extra columns are in the table; a column added here is saved to the articles."""
    from dataclasses import replace

    from analysis.store import Store

    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    stated = (("event", "e1"), ("lean", "left"))
    Store(db).import_articles(
        "mine",
        [
            Article("a.txt", "A", "Rebels took Hama.", metadata=stated),
            Article("b.txt", "B", "Army left.", metadata=stated),
        ],
    )
    at = start("corpus")
    at.selectbox(key="manage_collection").set_value("mine").run()
    (editor,) = [d for d in at.dataframe if {"id", "title"} <= set(d.value.columns)]
    assert list(editor.value.columns)[-2:] == ["event", "lean"] and editor.value["event"].tolist() == ["e1", "e1"]
    at.button(key="manage_save").click().run()
    assert not at.exception and not at.success  # nothing was edited, nothing is said to be
    at.text_input(key="manage_new_column").input("story").run()
    at.button(key="manage_add_column").click().run()
    assert not at.exception
    (editor,) = [d for d in at.dataframe if {"id", "title"} <= set(d.value.columns)]
    assert list(editor.value.columns)[-1] == "story"
    # The article as the table would save it with one cell of the new column filled.
    store = Store(db)
    a = min(store.articles("mine"), key=lambda x: x.id)
    store.update_article("mine", replace(a, metadata=(*a.metadata, ("story", "s9"))))
    assert dict(Store(db).articles("mine")[0].metadata) == {"event": "e1", "lean": "left", "story": "s9"}
    at = start("corpus")
    at.selectbox(key="manage_collection").set_value("mine").run()
    assert not at.exception


@pytest.mark.parametrize("planted", [True, False])
def test_the_overview_names_an_outlet_only_as_far_as_compare_sets_it_apart(tmp_path, monkeypatch, planted):
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(dated_corpus(tmp_path / "dated", size=42, planted=planted)))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start()
    said = " ".join(c.value for c in at.caption)
    if planted:
        assert "Most loaded language: Gamma" in said and "clearly above every other outlet" in said
    else:
        assert "but Compare finds no clear difference from the other outlets" in said
        assert "Most sensational" not in said and "Most loaded language" not in said


def test_the_scorecard_leaves_a_figure_blank_where_the_chart_says_too_few():
    """The first seed names the government once in its own voice: no legitimacy index, as on the chart."""
    at = start()
    at.selectbox(key="actor").set_value("syrian_government").run()
    card = at.dataframe[0].value
    assert card["Legitimacy"].isna().iloc[0] and card["Legitimacy"].notna().sum() >= 3


def test_the_article_pickers_find_an_article_by_outlet_and_date_or_by_headline(tmp_path, monkeypatch):
    """With charts naming articles by outlet and date, a picker still lists both, so typing what a
    chart shows ("Alpha, 2 Dec 2024") or a headline finds the article."""
    monkeypatch.setenv("FRAMELENS_CORPUS_DIR", str(dated_corpus(tmp_path / "dated")))
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start("article")
    at.segmented_control(key="names").set_value("outlet_date").run()
    options = at.selectbox(key="article_pick").options
    assert any(o.startswith("Alpha, 1 Dec 2024 \u00b7 Story 0") for o in options), options[:3]
    sidebar = at.multiselect(key="articles").options
    assert any(o.startswith("Alpha, 1 Dec 2024 \u00b7 Story 0") for o in sidebar)
    assert len(set(options)) == len(options)


def test_the_article_page_shows_the_sentence_model_s_flags_and_figure():
    """The layer shades the sentences the model flags and sets the words behind each in bold;
    the scores column gives the expected share of own-voice sentences that are loaded. Seed 004,
    written to be loaded, has the highest share."""
    at = start("article")
    at.selectbox(key="article_pick").set_value("004_db7c404e82ad06c1.txt").run()
    at.pills(key="article_layers").set_value(["model"]).run()
    assert not at.exception
    html = " ".join(str(h.proto) for h in at.get("html"))
    assert "font-weight:600" in html and "#fde2c8" in html and "linchpin" in html
    shares = {}
    for article in ("000_e4e850f0e76c0e81.txt", "004_db7c404e82ad06c1.txt"):
        at.selectbox(key="article_pick").set_value(article).run()
        (metric,) = [m for m in at.metric if m.label == "Loaded sentences"]
        shares[article] = int(metric.value.rstrip("%"))
    assert shares["004_db7c404e82ad06c1.txt"] > shares["000_e4e850f0e76c0e81.txt"] + 15


def test_collections_larger_than_the_dashboard_analyses_are_sampled_by_outlet_and_every_page_says_so(
    tmp_path, monkeypatch
):
    from analysis.store import Store

    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    monkeypatch.setattr("app_pages.state.MAX_DASHBOARD_ARTICLES", 10)
    counts = {"Wire": 20, "Daily": 7, "Post": 3}
    Store(db).import_articles(
        "a year",
        [
            Article(f"{outlet}-{i}", f"{outlet} {i}", f"Rebels took Hama on day {i}, {outlet} reported.", outlet=outlet)
            for outlet, count in counts.items()
            for i in range(count)
        ],
    )
    at = start()
    for page in ("overview", "framing", "export"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
        said = " ".join(w.value for w in at.warning)
        assert "hold 30 articles; the dashboard analyses 10 articles of them" in said, page
    from app_pages.state import corpus

    assert corpus().articles["outlet"].value_counts().to_dict() == {"Wire": 7, "Daily": 2, "Post": 1}
    assert corpus().corpus == "a year (a sample of 10 of its 30 articles)"  # as exports name it


def test_the_corpus_page_analyses_nothing_and_the_other_controls_keep_their_values(tmp_path, monkeypatch):
    import app_pages.state

    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "app.sqlite"))
    at = start()
    at.selectbox(key="actor").set_value("syrian_government").run()
    analyse = app_pages.state.analyse_corpus

    def refuse(*args, **kwargs):
        raise AssertionError("the Corpus page analysed the corpus")

    monkeypatch.setattr(app_pages.state, "analyse_corpus", refuse)
    st.cache_resource.clear()  # a page that analysed would have to analyse again
    at.switch_page("app_pages/corpus.py").run()
    assert not at.exception
    assert [s.label for s in at.sidebar.multiselect] == ["Collections"]
    monkeypatch.setattr(app_pages.state, "analyse_corpus", analyse)
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception and at.selectbox(key="actor").value == "syrian_government"


def test_a_collection_reopened_unchanged_is_read_back_not_analysed_again(tmp_path, monkeypatch):
    import app_pages.state
    from analysis.store import Store

    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("FRAMELENS_DB", str(db))
    first = start()
    shown = [m.value for m in first.metric]
    analyse = app_pages.state.analyse_corpus
    calls = []
    monkeypatch.setattr(app_pages.state, "analyse_corpus", lambda *a, **k: calls.append(1) or analyse(*a, **k))
    st.cache_resource.clear()  # as after a restart of the server
    again = start()
    assert calls == [] and [m.value for m in again.metric] == shown
    assert list((tmp_path / "app-analyses").glob("*.tables"))
    Store(db).import_articles("mine", [Article("new.txt", "New", "Rebels took Hama on Friday.")])
    st.cache_resource.clear()
    start()  # the researcher's own collection opens now: other articles, another key
    assert calls == [1]
