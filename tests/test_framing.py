"""Framing: label groups per actor in own voice and in quotations, headline and body."""

from __future__ import annotations

import pytest

from analysis.framing import GroupCount, LabelHit, frame
from analysis.lexicon import load_lexicon, parse_lexicon
from analysis.text import prepare
from tests.conftest import INSURGENTS, SOCIAL_POSTS, TERRORISTS_HEADLINE
from tests.test_lexicon import MINIMAL

LEXICON = load_lexicon()


def counts(text: str, target: str = "armed_opposition") -> dict[str, tuple[int, int, int, int]]:
    result = frame(prepare(text), LEXICON).targets[target]
    return {g: (c.total, c.own_voice, c.quoted, c.headline) for g, c in result.counts.items() if c.total}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", {}),
        ("Rebels took the city.", {"rebel": (1, 1, 0, 0)}),
        (
            '"The terrorists will pay," the minister said of the rebels.',
            {"terrorist": (1, 0, 1, 0), "rebel": (1, 1, 0, 0)},
        ),
        ("Opposition fighters entered. Fighters cheered.", {"opposition": (1, 1, 0, 0), "fighter": (1, 1, 0, 0)}),
        ("Islamist militants advanced.", {"islamist": (1, 1, 0, 0), "militant": (1, 1, 0, 0)}),
        ("An Islamist uprising in 1982 was crushed.", {}),
        ("Rebel-held areas were shelled by insurgents\u2019 foes.", {"rebel": (1, 1, 0, 0), "insurgent": (1, 1, 0, 0)}),
        ("Jihadists Seize City\n\nThe jihadists entered.", {"jihadist": (2, 2, 0, 1)}),
        ("THE REBELS WON.", {"rebel": (1, 1, 0, 0)}),
        ("Rebellion and insurgency spread.", {}),
    ],
)
def test_opposition_labels(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The regime fell.", {"regime": (1, 1, 0, 0)}),
        ("Government troops and the Syrian army withdrew.", {"army": (2, 2, 0, 0)}),
        ("The so-called Salvation Government rules Idlib.", {}),
        ("The Syrian National Army advanced on the government.", {"government": (1, 1, 0, 0)}),
    ],
)
def test_government_labels(text, expected):
    assert counts(text, "syrian_government") == expected


def test_hits_keep_offsets_sentence_and_voice():
    text = "Rebels advanced.\n\u201cThe terrorists are coming,\u201d he said."
    result = frame(prepare(text), LEXICON)
    assert [h for h in result.hits if h.target == "armed_opposition"] == [
        LabelHit("armed_opposition", "rebel", 0, 6, "Rebels", 0, "own", False),
        LabelHit("armed_opposition", "terrorist", 22, 32, "terrorists", 1, "quoted", False),
    ]


def test_per_1k_dominant_and_legitimacy():
    text = "Rebels and rebels and insurgents. " + "word " * 95
    result = frame(prepare(text), LEXICON).targets["armed_opposition"]
    assert result.counts["rebel"] == GroupCount(total=2, own_voice=2, quoted=0, headline=0, per_1k=20.0)
    assert result.dominant == "rebel"
    rebel, insurgent = (
        LEXICON.target("armed_opposition").group("rebel"),
        LEXICON.target("armed_opposition").group("insurgent"),
    )
    assert result.legitimacy == pytest.approx((2 * rebel.position + insurgent.position) / 3, abs=1e-4)


def test_quoted_only_labels_leave_the_index_empty():
    result = frame(prepare('He said: "The terrorists won."'), LEXICON).targets["armed_opposition"]
    assert result.dominant == "terrorist"
    assert result.legitimacy is None


def test_another_story_with_its_own_lexicon():
    lexicon = parse_lexicon(MINIMAL)
    text = 'Protesters gathered. Police called them "a mob". Rioters, said the mayor.'
    result = frame(prepare(text), lexicon).targets["crowd"]
    assert {g: (c.own_voice, c.quoted) for g, c in result.counts.items()} == {"rioters": (1, 1), "protesters": (1, 0)}


def test_seed_with_insurgents_throughout(seed_scores):
    labels = seed_scores[INSURGENTS].framing.targets["armed_opposition"]
    assert labels.dominant == "insurgent"
    assert labels.counts["insurgent"].own_voice > labels.counts["rebel"].own_voice


def test_seed_with_terrorists_in_its_headline(seed_scores):
    labels = seed_scores[TERRORISTS_HEADLINE].framing.targets["armed_opposition"]
    assert labels.counts["terrorist"].headline == 1
    assert labels.counts["islamist"].headline == 1
    assert labels.dominant == "rebel"
    # "The revolutionaries have begun entering Hama..." is Golani's word, not the outlet's.
    assert (labels.counts["revolutionary"].own_voice, labels.counts["revolutionary"].quoted) == (0, 1)
    for other_id, other in seed_scores.items():
        if other_id != TERRORISTS_HEADLINE:
            assert other.framing.targets["armed_opposition"].counts["terrorist"].headline == 0


def test_seed_social_posts_count_as_quoted(seed_scores):
    result = seed_scores[SOCIAL_POSTS].framing
    opposition = result.targets["armed_opposition"].counts["opposition"]
    assert (opposition.own_voice, opposition.quoted) == (0, 2)
    liberated = result.targets["capture"].counts["liberated"]
    assert (liberated.own_voice, liberated.quoted) == (0, 1)


def test_event_framing_on_the_seeds(seed_scores):
    redeployed = {i: s.framing.targets["withdrawal"].counts["redeployed"] for i, s in seed_scores.items()}
    assert redeployed[INSURGENTS].own_voice == 1
    assert redeployed[SOCIAL_POSTS].own_voice == 1
    assert redeployed["004_db7c404e82ad06c1.txt"].quoted == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        # a form in an ignored context is not the opposition's; the same form elsewhere still is
        ("Pro-government fighters shelled the town; fighters answered.", {"fighter": (1, 1, 0, 0)}),
        ("Kurdish-led fighters and Hezbollah fighters held the bridge.", {}),
        ("Pro-regime militants and the rebels clashed.", {"rebel": (1, 1, 0, 0)}),
    ],
)
def test_ignored_contexts_set_a_form_aside(text, expected):
    assert counts(text) == expected


def test_a_context_rule_can_follow_the_form_and_names_what_it_set_aside():
    from analysis.matching import PhraseMatcher
    from analysis.text import match_tokens, normalise

    matcher = PhraseMatcher({"leader": ["leader"]}, ["U.S. *", "* of the opposition", "Supreme Leader"])
    text = "The U.S. leader met the leader of the opposition, not the Supreme Leader; the leader spoke."
    tokens = match_tokens(normalise(text))
    assert [text[m.start : m.end] for m in matcher.find(tokens)] == ["leader"]
    assert [m.start for m in matcher.find(tokens)] == [text.rindex("leader")]
    assert [(text[m.start : m.end], rule) for m, rule in matcher.set_aside(tokens)] == [
        ("leader", "U.S. *"),
        ("leader", "* of the opposition"),
        ("Supreme Leader", "Supreme Leader"),
    ]
