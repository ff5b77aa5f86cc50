"""Lexicon files: the bundled default loads; a broken or contradictory one names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.lexicon import DEFAULT_LEXICON, LexiconError, lexicon_toml, load_lexicon, parse_lexicon

MINIMAL = """
name = "Protest"
version = "2"

[actors.crowd]
label = "Crowd"

[actors.crowd.groups.rioters]
position = -0.8
rationale = "criminalises"
forms = ["rioters", "mob"]

[actors.crowd.groups.protesters]
position = 0.4
rationale = "political standing"
forms = ["protesters", "demonstrators"]
"""


def test_default_lexicon_has_the_required_groups():
    lexicon = load_lexicon()
    opposition = lexicon.target("armed_opposition")
    assert [g.name for g in opposition.groups] == [
        "terrorist",
        "extremist",
        "jihadist",
        "islamist",
        "militant",
        "insurgent",
        "fighter",
        "rebel",
        "opposition",
        "revolutionary",
    ]
    assert {"regime", "government"} <= {g.name for g in lexicon.target("syrian_government").groups}
    assert [e.id for e in lexicon.events] == ["capture", "withdrawal"]
    for target in lexicon.targets:
        for group in target.groups:
            assert -1 <= group.position <= 1 and group.rationale and group.forms


def test_parse_minimal():
    lexicon = parse_lexicon(MINIMAL)
    assert (lexicon.name, lexicon.version) == ("Protest", "2")
    assert [g.name for g in lexicon.target("crowd").groups] == ["rioters", "protesters"]


@pytest.mark.parametrize(
    "change, message",
    [
        (('"mob"]', '"mob", "demonstrators"]'), "line 16: form 'demonstrators' is in two groups of crowd"),
        (("position = -0.8", "position = -3"), "line 9: actors.crowd.groups.rioters position must be"),
        (('forms = ["rioters", "mob"]', "forms = []"), "line 11: actors.crowd.groups.rioters needs a list"),
        (("[actors.crowd]", "[actors.crowd"), "does not parse"),
    ],
)
def test_broken_lexicon_names_the_line(change, message):
    with pytest.raises(LexiconError) as error:
        parse_lexicon(MINIMAL.replace(*change))
    assert message in str(error.value)


def test_no_targets_is_refused():
    with pytest.raises(LexiconError, match="defines no"):
        parse_lexicon('name = "empty"')


def test_lexicon_from_table_rows_round_trips():
    from analysis.lexicon import lexicon_toml
    from analysis.tables import lexicon_frame

    lexicon = load_lexicon()
    rows = lexicon_frame(lexicon).to_dict("records")
    text = lexicon_toml("Copy", "7", "d", rows, {t.id: list(t.ignore) for t in lexicon.targets})
    copy = parse_lexicon(text)
    assert copy.targets == lexicon.targets and copy.version == "7"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"position": 2}, "row 1 (crowd / rioters): position must be a number from -1 to 1"),
        ({"forms": " , "}, "row 1 (crowd / rioters): needs at least one form"),
        ({"kind": "person"}, "row 1 (crowd / rioters): kind must be actor or event"),
        ({"forms": "rioters, protesters"}, "form 'protesters' is in two groups of crowd"),
    ],
)
def test_edited_rows_that_contradict_themselves_are_refused(change, message):
    from analysis.lexicon import lexicon_toml

    rows = [
        {
            "kind": "actor",
            "target": "crowd",
            "target_label": "Crowd",
            "group": "rioters",
            "position": -0.8,
            "rationale": "",
            "forms": "rioters, mob",
        },
        {
            "kind": "actor",
            "target": "crowd",
            "target_label": "Crowd",
            "group": "protesters",
            "position": 0.4,
            "rationale": "",
            "forms": "protesters",
        },
    ]
    rows[0].update(change)
    with pytest.raises(LexiconError) as error:
        lexicon_toml("x", "1", "", rows, {})
    assert message in str(error.value)


@pytest.mark.parametrize(
    "version, following",
    [
        (None, "1"),
        ("", "1"),
        ("1", "2"),
        ("9", "10"),
        ("1.0.0", "1.0.1"),
        ("2.9", "2.10"),
        ("2024-draft", "2024-draft.1"),
    ],
)
def test_the_next_version_follows_the_lexicon_s_own_numbering(version, following):
    from analysis.lexicon import next_version

    assert next_version(version) == following


def test_a_form_goes_into_one_group_made_when_new_and_leaves_the_others():
    from analysis.lexicon import actor_rows, lexicon_toml, with_form

    rows = actor_rows("Immigrants: immigrants, migrants, aliens\nPolice: officers")
    rows = with_form(rows, "immigrants", "illegal_aliens", "Aliens", position=-0.8)
    rows = with_form(rows, "immigrants", "illegal_aliens", "illegal aliens")
    rows = with_form(rows, "immigrants", "immigrants", "undocumented immigrants")
    lexicon = parse_lexicon(lexicon_toml("Migration", "1", "", rows, {}))
    immigrants = lexicon.target("immigrants")
    assert [(g.name, g.position, g.forms) for g in immigrants.groups] == [
        ("immigrants", 0.0, ("immigrants", "migrants", "undocumented immigrants")),
        ("illegal_aliens", -0.8, ("Aliens", "illegal aliens")),
    ]
    # a group left without forms goes; the other actor is untouched
    rows = with_form(with_form(rows, "police", "agents", "officers"), "police", "agents", "agents")
    assert [(r["group"], r["forms"]) for r in rows if r["target"] == "police"] == [("agents", "officers, agents")]


EVENTS_ONLY = """name = "Events only"
version = "1"
[events.capture]
label = "Capture"
[events.capture.groups.seized]
position = 0
forms = ["seized"]
"""


def test_a_lexicon_needs_an_actor_and_the_app_never_breaks_on_one_without(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from analysis.store import Store

    with pytest.raises(LexiconError, match="needs an actor"):
        parse_lexicon(EVENTS_ONLY)
    monkeypatch.setenv("FRAMELENS_DB", str(tmp_path / "events.sqlite"))
    Store().save_lexicon("Events only", EVENTS_ONLY)  # saved by an earlier version, or by hand
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=120)
    at.query_params["lexicon"] = "Events only (v1)"
    at.run()
    assert not at.exception


@pytest.mark.parametrize(("group", "accepted"), [("armed groups", True), ("pro-government", True), ("a,b", False)])
def test_a_group_name_follows_one_rule_in_a_file_and_in_the_app_table(group, accepted):
    rows = [
        {
            "kind": "actor",
            "target": "opposition",
            "target_label": "Opposition",
            "group": group,
            "position": 0.5,
            "rationale": "",
            "forms": "rebels",
        }
    ]
    text = DEFAULT_LEXICON.read_text(encoding="utf-8").replace(
        "[actors.armed_opposition.groups.rebel]", f'[actors.armed_opposition.groups."{group}"]'
    )
    if accepted:
        assert group in [g.name for t in parse_lexicon(text).targets for g in t.groups]
        assert parse_lexicon(lexicon_toml("Test", "1", "", rows, {})).targets[0].groups[0].name == group
    else:
        with pytest.raises(LexiconError, match="group name"):
            parse_lexicon(text)
        with pytest.raises(LexiconError, match="group name"):
            lexicon_toml("Test", "1", "", rows, {})
