"""Lexicon files: the bundled default loads; a broken or contradictory one names its line."""

from __future__ import annotations

import pytest

from analysis.lexicon import LexiconError, load_lexicon, parse_lexicon

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
