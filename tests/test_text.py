"""Text preparation: layout, sentences, words, quotation spans, all with original offsets."""

from __future__ import annotations

import pytest

from analysis.text import normalise, prepare


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("One sentence.", ["One sentence."]),
        ("First one. Second one! Third?", ["First one.", "Second one!", "Third?"]),
        (
            "Mr. Smith met Dr. Jones in the U.S. capital. Then he left.",
            ["Mr. Smith met Dr. Jones in the U.S. capital.", "Then he left."],
        ),
        ("J. Mansour wrote it. It ran.", ["J. Mansour wrote it.", "It ran."]),
        (
            "He said, \u201cWe won. We stay.\u201d Then silence.",
            ["He said, \u201cWe won.", "We stay.\u201d", "Then silence."],  # a quotation is split too
        ),
        ("Line one\nLine two.", ["Line one", "Line two."]),
        ("- A bullet point.\n- Another one.", ["A bullet point.", "Another one."]),
    ],
)
def test_sentences(text, expected):
    assert [s.text for s in prepare(text).sentences] == expected


def test_normalise_keeps_length_and_maps_typography():
    text = "\u201cIt\u2019s over\u201d \u2014 she said\u00a0now"
    assert normalise(text) == '"It\'s over" - she said now'
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("", []),
        ('He said "we will win" today.', ["we will win"]),
        ("He said \u201cwe will win\u201d today.", ["we will win"]),
        ("\u201cFirst,\u201d he said, \u201csecond.\u201d", ["First,", "second."]),
        ("The rebels\u2019 advance, the army\u2019s retreat.", []),
        (
            "\u201cAn open quotation runs on to the end of the paragraph\nNext paragraph.",
            ["An open quotation runs on to the end of the paragraph"],
        ),
    ],
)
def test_quotation_spans(text, quoted):
    prepared = prepare(text)
    assert [text[q.inner_start : q.inner_end] for q in prepared.quotes] == quoted


def test_social_post_is_a_quotation_with_its_author():
    text = (
        "The army withdrew.\n"
        "NEW - #HTS fighters are in #Hama city center.\n"
        "With that, #Assad is in trouble. pic.twitter.com/abc\n"
        "\u2014 Charles Lister (@Charles_Lister) December 5, 2024\n"
        "Residents stayed home."
    )
    prepared = prepare(text)
    (post,) = prepared.quotes
    assert (post.kind, post.author, post.handle) == ("social_post", "Charles Lister", "@Charles_Lister")
    assert text[post.inner_start : post.inner_end].startswith("NEW - #HTS")
    assert text[post.inner_start : post.inner_end].endswith("pic.twitter.com/abc")
    assert [s.voice for s in prepared.sentences] == ["own", "quoted", "quoted", "own"]
    assert "Charles" not in [w.lower for w in prepared.words]


def test_headline_is_a_short_first_line_without_full_stop():
    prepared = prepare("Rebels Take Hama\n\nThe rebels took the city on Thursday.")
    assert prepared.headline is not None
    assert prepared.sentences[0].in_headline
    assert not prepared.sentences[1].in_headline


@pytest.mark.parametrize(
    "text",
    [
        "The rebels took the city on Thursday.\nThey paraded.",
        "A single line with no more text",
        "This first line is much too long to be the headline of any article that a newspaper "
        "would print on its front page today",
    ],
)
def test_no_headline(text):
    assert prepare(text).headline is None


def test_keyword_preamble_is_not_content():
    text = "Tag one/ Tag two/ Outlet/ A. Writer/ Section/ The story starts here. It goes on."
    prepared = prepare(text)
    assert prepared.layout.preamble == ("Tag one", "Tag two", "Outlet", "A. Writer", "Section")
    assert prepared.sentences[0].text == "The story starts here."


def test_offsets_point_into_the_original_text(seeds):
    for article in seeds:
        prepared = prepare(article.text)
        for sentence in prepared.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
        for word in prepared.words:
            assert normalise(article.text[word.start : word.end]).lower() == word.lower


@pytest.mark.parametrize(
    "body, sentences",
    [
        ("", []),
        ("Reps. Peter DeFazio and Sen. Ron Wyden spoke.", ["Reps. Peter DeFazio and Sen. Ron Wyden spoke."]),
        ("O.J. Simpson was there. Gen. Smith left.", ["O.J. Simpson was there.", "Gen. Smith left."]),
        ("The U.S. envoy arrived at 9 a.m. on Friday.", ["The U.S. envoy arrived at 9 a.m. on Friday."]),
        (
            '"We won. The city is ours," he said. Fighters cheered.',
            ['"We won.', 'The city is ours," he said.', "Fighters cheered."],
        ),
        (
            'He asked: "Will you rename it in honor of the city?" Mr. Trump was quoted as saying. Nobody answered.',
            [
                'He asked: "Will you rename it in honor of the city?" Mr. Trump was quoted as saying.',
                "Nobody answered.",
            ],
        ),
        ('"Jail!" the crowd shouted. It was over.', ['"Jail!" the crowd shouted.', "It was over."]),
        ('"Go home!" Police then cleared the square.', ['"Go home!"', "Police then cleared the square."]),
    ],
)
def test_sentence_bounds(body, sentences):
    prepared = prepare(f"Headline of the story\n\n{body}")
    assert [s.text for s in prepared.sentences if s.text != "Headline of the story"] == sentences


def test_a_multi_sentence_quotation_is_split_and_each_sentence_keeps_its_voice():
    prepared = prepare('Headline\n\n"We won. The city is ours," he said.')
    assert [s.voice for s in prepared.sentences if not s.in_headline] == ["quoted", "mixed"]


@pytest.mark.parametrize(
    "text, headline",
    [
        ("", None),
        ("Migrant Caravan of Asylum Seekers Reaches U.S. Border.\n\nThe caravan arrived.", (0, 54)),
        ("Rebels take Hama\nThe city fell on Thursday.", (0, 16)),
        ("Rebels took the city of Hama on Thursday.\n\nThe army withdrew.", None),  # a lede, not a title
        ("Migrant Caravan Reaches U.S. Border.\nThe caravan arrived.", None),  # no blank line after it
    ],
)
def test_headline(text, headline):
    found = prepare(text).headline
    assert ((found.start, found.end) if found else None) == headline


@pytest.mark.parametrize(
    "line, quoted",
    [
        ("", []),
        ("Trump calls report 'Outrageous Distortion' as aides scramble", ["Outrageous Distortion"]),
        ("Crowd chants \u2018Jail!\u2019 at rally, reporters said.", ["Jail!"]),
        ("Fans wrote \u2018I got your back\u2019 on the wall.", ["I got your back"]),
        ("The rebels' swift offensive took Assad's forces by surprise.", []),
        ("He said 'we are ready' and left; the rebels' advance went on.", ["we are ready"]),
        ("\"He told me 'no' twice,\" she said.", ["He told me 'no' twice,"]),  # inside a double-quoted one
    ],
)
def test_single_quotation_marks_are_quotations_and_apostrophes_are_not(line, quoted):
    prepared = prepare(f"Headline of the story\n\n{line}")
    assert [prepared.text[q.inner_start : q.inner_end] for q in prepared.quotes] == quoted


def test_a_quotation_that_runs_on_to_the_next_paragraph_does_not_shift_the_pairing():
    text = (
        "Headline of the story\n\n"
        '"We will fight on. We will not stop until the city is free\n\n'
        '"The army has left," the commander said. Residents stayed indoors.'
    )
    prepared = prepare(text)
    voices = {s.text: s.voice for s in prepared.sentences}
    assert voices['"We will fight on.'] == "quoted"
    assert voices["We will not stop until the city is free"] == "quoted"
    assert voices['"The army has left," the commander said.'] == "mixed"
    assert voices["Residents stayed indoors."] == "own"


def test_the_stop_word_file_is_scikit_learn_s_list():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as LIBRARY

    from analysis.text.stop_words import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == LIBRARY


def test_two_apostrophes_are_quotation_marks_as_news_archives_write_them():
    """''Like this'' and ``like this'': the words inside are quoted, not the outlet's own, and a
    sentence that opens with them starts a new sentence."""
    from analysis.text import prepare

    text = "The senator called the plan ''a disgraceful betrayal,'' aides said. ``We will fight it,'' she added."
    prepared = prepare(text)
    inner = [text[q.inner_start : q.inner_end] for q in prepared.quotes]
    assert inner == ["a disgraceful betrayal,", "We will fight it,"]
    assert [s.text for s in prepared.sentences] == [
        "The senator called the plan ''a disgraceful betrayal,'' aides said.",
        "``We will fight it,'' she added.",
    ]
    assert all(s.voice == "mixed" for s in prepared.sentences)
    from analysis.tone import find_loaded, load_loaded_words

    hits = find_loaded(prepared, load_loaded_words())
    assert hits and all(h.voice == "quoted" for h in hits if h.text.lower().startswith("disgrace"))
    assert not prepare("The rebels' advance and Assad's army.").quotes


@pytest.mark.parametrize(
    "text, sentences, quoted",
    [
        ("قال المتحدث إن الوضع هادئ۔ وأضاف أن القوات انسحبت؟ ثم غادر.", 3, []),
        ("他说局势平静。部队已经撤离！", 2, []),
        ("Er sagte: „Das ist ein Skandal“, und ging.", 1, ["Das ist ein Skandal"]),
        ("Il a dit « c’est fini » hier.", 1, ["c’est fini"]),
        ("彼は「終わった」と言った。", 1, ["終わった"]),
    ],
)
def test_sentence_ends_and_quotation_marks_of_other_scripts(text, sentences, quoted):
    from analysis.text import prepare

    prepared = prepare(text)
    assert len(prepared.sentences) == sentences
    assert [text[q.inner_start : q.inner_end] for q in prepared.quotes] == quoted
