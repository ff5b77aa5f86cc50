"""Tone: sentence sentiment by voice, and loaded language with its evidence."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.paths import SEEDS_DIR
from analysis.text import prepare
from analysis.tone import LoadedHit, find_loaded, load_loaded_words, sentiment, tone
from tests.conftest import SENSATIONAL


def test_empty_text_has_no_tone():
    result = tone(prepare(""))
    assert (result.body.mean, result.body.n, result.loaded_per_1k, result.headline_compound) == (None, 0, 0.0, None)


def test_sentence_scores_are_vader_on_each_sentence():
    text = "The rebels won a great victory. Thousands were killed in a horrible massacre."
    result = tone(prepare(text))
    assert [s.compound for s in result.sentences] == [
        sentiment("The rebels won a great victory."),
        sentiment("Thousands were killed in a horrible massacre."),
    ]
    assert result.body.negative_share == 0.5 and result.body.positive_share == 0.5


def test_own_voice_and_quotations_are_scored_apart():
    text = "\u201cThis is a wonderful, joyful day,\u201d said the commander amid the terrible destruction."
    (sentence,) = tone(prepare(text)).sentences
    assert sentence.voice == "mixed"
    assert sentence.quoted_compound == sentiment("This is a wonderful, joyful day,")
    assert sentence.own_compound == sentiment("said the commander amid the terrible destruction.")
    assert sentence.quoted_compound > 0 > sentence.own_compound


def test_headline_is_scored_on_its_own():
    result = tone(prepare("Horrific Massacre in the City\n\nThe council met on Tuesday."))
    assert result.headline_compound == pytest.approx(sentiment("Horrific Massacre in the City"), abs=1e-4)
    assert result.body.n == 1


def test_loaded_language_hits_and_markers():
    text = "A stunning, seismic blow! Is this the end? You must see it.\nWhat Next?"
    result = tone(prepare(text))
    assert [(h.category, h.text, h.start, h.end) for h in result.loaded] == [
        ("emotive", "stunning", 2, 10),
        ("hyperbole", "seismic", 12, 19),
        ("war_metaphor", "blow", 20, 24),
        ("exclamation", "!", 24, 25),
        ("rhetorical_question", "?", 41, 42),
        ("direct_address", "You", 43, 46),
    ]
    assert result.loaded_by_category["rhetorical_question"] == 1  # "What Next?" is a heading


def test_loaded_terms_in_quotations_are_marked_quoted():
    result = tone(prepare("\u201cIt was a bloodbath,\u201d he said."))
    assert result.loaded == (LoadedHit("emotive", "bloodbath", 10, 19, 0, "quoted"),)
    assert result.loaded_per_1k == 0.0 and result.loaded_quoted_per_1k > 0  # own voice is the headline figure


def test_sensational_seed_is_the_most_loaded(seed_scores):
    rates = {i: s.tone.loaded_per_1k for i, s in seed_scores.items()}
    assert max(rates, key=rates.get) == SENSATIONAL
    assert rates[SENSATIONAL] > 2 * sorted(rates.values())[-2]


def test_sentence_means_do_not_saturate(seed_scores):
    for scores in seed_scores.values():
        assert -0.6 < scores.tone.body.mean < 0.3
        assert scores.tone.body.n == sum(1 for s in scores.prepared.sentences if not s.in_headline)


VADER_RULES = [
    "The army was never so strong, without doubt the best.",
    "It is not bad at all, but kind of sad and at least not terrible!!",
    "NO WAY this is GOOD :) and never this bad, sort of",
    "Rebels did not win; they hardly lost, yet fewer were killed than feared.",
    "",
    "   ",
    "I love it \U0001f600 but NOT this",
    "It was kind of good, no good, and not at least good; at least it isn't bad.",
    "The bomb was kind of great but sort of sad?? Nobody was hurt, nor happy!",
    "Residents   didn't   welcome the \u201cliberators\u201d -- they feared them. ",
    "Good, good, good but good and good, bad but bad.",  # equal scores around "but": VADER's index quirk
    "no good; no, not good; no or bad; no nor happy; very least happy; at least happy; least happy",
    "The EXTREMELY GOOD news was VERY bad, the kiss of death, yeah right, cut the mustard.",
    "It was the shit, a bad ass day, not bad at all?!?! ok :( :-) <3 ok!",
    "Caf\u00e9 owners were happy in S\u00e3o Paulo; \u00fcber-happy even \u2014 no emoji here.",
    "kind of",
    "but",
    "HAPPY",
    "happy HAPPY",
]


def _vader_cases():
    sentences = list(VADER_RULES)
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        sentences += [s.text for s in prepare(path.read_text("utf-8")).sentences]
    return sentences


def test_fast_vader_scores_exactly_as_vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.vader import FastVader

    sentences = _vader_cases()
    plain, fast = SentimentIntensityAnalyzer(), FastVader()
    assert [fast.polarity_scores(s) for s in sentences] == [plain.polarity_scores(s) for s in sentences]
    # A second pass reads each token's forms from the table the first one filled.
    assert [fast.polarity_scores(s) for s in sentences] == [plain.polarity_scores(s) for s in sentences]


RULE_WORDS = (
    "no not never without doubt so this least at very but kind of sort nor or isn't don't hardly "
    "extremely barely good GOOD bad BAD happy sad great terrible love hate kill killed war peace "
    "the army rebels said ! ? , . :) :( the shit bad ass kiss death cut mustard yeah right"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RULE_WORDS), max_size=30).map(" ".join))
def test_fast_vader_equals_vader_on_any_arrangement_of_its_rule_words(text):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    assert _fast().polarity_scores(text) == _plain(SentimentIntensityAnalyzer).polarity_scores(text)


@cache
def _fast():
    from analysis.vader import FastVader

    return FastVader()


@cache
def _plain(kind):
    return kind()


def test_fast_vader_equals_vader_on_real_news_sentences():
    """Every sentence of the human-labelled news sets beside the project (skipped without them)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from evaluation.data import eval_dir

    folder = eval_dir()
    if not folder.exists():
        pytest.skip("evaluation data not present beside the project")
    snippets = (folder / "vader-nyt" / "nytEditorialSnippets_GroundTruth.txt").read_text("utf-8", "replace")
    sentences = [line.split("\t")[-1] for line in snippets.splitlines()]
    for path in sorted((folder / "ptc-train" / "train-articles").glob("*.txt"))[:150]:
        sentences += [s.text for s in prepare(path.read_text("utf-8", "replace")).sentences]
    assert len(sentences) > 5000
    plain = _plain(SentimentIntensityAnalyzer)
    assert [_fast().polarity_scores(s) for s in sentences] == [plain.polarity_scores(s) for s in sentences]


def test_fast_vader_scores_the_same_from_several_threads_at_once():
    """Streamlit scores in one thread per session on the one shared analyser."""
    from concurrent.futures import ThreadPoolExecutor

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.vader import FastVader

    sentences = _vader_cases() * 20
    expected = [_plain(SentimentIntensityAnalyzer).polarity_scores(s) for s in sentences]
    shared = FastVader()
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: [shared.polarity_scores(s) for s in sentences], range(4)))
    assert all(run == expected for run in runs)


@pytest.mark.parametrize(
    "text, direct_address",
    [
        ("", 0),
        ("You will not believe what the army did.", 1),
        ('"You will see," the commander told reporters.', 0),  # someone speaking, not the outlet
        ('The commander said: "your city is free." You should read on.', 1),
    ],
)
def test_direct_address_counts_in_the_outlet_s_own_voice_only(text, direct_address):
    result = tone(prepare(text))
    assert result.loaded_by_category.get("direct_address", 0) == direct_address


@pytest.mark.parametrize(
    "text, category",
    [
        ("The senator slammed the bill as a giveaway.", "slanted_attribution"),
        ("The so-called reform passed on Tuesday.", "epistemic_distancing"),
        ("Radical leftist groups marched downtown.", "partisan_label"),
        ("Illegal aliens crossed the border, the report said.", "partisan_label"),
        ("The plan is a bizarre and dangerous idea.", "pejorative"),
        ("They hate the plan.", "strong_sentiment"),
    ],
)
def test_the_categories_news_slants_through(text, category):
    assert category in {h.category for h in tone(prepare(text)).loaded}


def test_event_words_of_a_war_report_are_not_loaded():
    result = tone(prepare("Rebels killed 20 soldiers in the war, and prisoners were freed after the attack."))
    assert result.loaded == ()


def test_a_sentence_score_ranks_sentences_and_one_strong_word_does_not_flag():
    result = tone(prepare("They hate the plan. They hate and loathe the plan. The radical mob slammed it."))
    scores = [s.loaded for s in result.sentences]
    assert scores[0] < scores[1] < scores[2]
    flag = load_loaded_words().flag_at
    assert scores[0] < flag <= scores[1]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("", []),
        ("The Supreme Court ruled on Friday.", []),
        ("Rep. Savage and Gen. Hope Hicks spoke to the Grand Jury.", []),
        ("Samuel L. Jackson and NH voters met KIA Motors and the VIP lounge staff.", []),
        ("Awful Records signed the band.", []),
        ("Awful weather hit the city, a sad sight.", ["Awful", "sad"]),
        ("Critics slammed the awful plan.", ["slammed", "awful"]),
        ("Minister Slams Brutal Crackdown\n\nThe army left.", ["Slams", "Brutal"]),
    ],
)
def test_no_loaded_hit_inside_a_proper_name_or_initials(text, counted):
    """A capitalised word of a name (a court, a surname that is also a word, initials) is never a
    loaded word; the same word in the writer's own lower case is, and so is a title-case headline's."""
    hits = find_loaded(prepare(text), load_loaded_words())
    assert [h.text for h in hits if h.category not in ("exclamation", "rhetorical_question")] == counted


def test_quoted_loaded_words_never_count_in_the_own_voice_figure():
    text = 'The minister said: "These brutal, evil terrorists slammed the door." The army left.'
    result = tone(prepare(text), load_loaded_words())
    assert result.loaded_per_1k == 0 and result.loaded_quoted_per_1k > 0
