"""Readability equals textstat's own functions, with the CMU dictionary and no download."""

from __future__ import annotations

import nltk
import pytest
import textstat

from analysis.cmu import ensure_cmudict
from analysis.readability import FORMULAS, readability

SAMPLES = {
    "empty": "",
    "one word": "Hama.",
    "plain": "The cat sat on the mat. It was a sunny day, and the cat was happy.",
    "dense": (
        "Notwithstanding considerable institutional opposition, the administration's comprehensive "
        "reorganisation precipitated unprecedented constitutional controversy."
    ),
}


@pytest.fixture(autouse=True)
def no_downloads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a download was attempted")

    monkeypatch.setattr(nltk, "download", refuse)
    # The reference, textstat's own functions, reads NLTK's copy of the dictionary; Framelens's
    # scoring reads its own table and never loads NLTK.
    ensure_cmudict()


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_formulas_equal_textstat(text):
    result = readability(text)
    for name in FORMULAS:
        expected = (
            getattr(textstat, name)(text, float_output=True)
            if name == "text_standard"
            else getattr(textstat, name)(text)
        )
        assert getattr(result, name) == pytest.approx(float(expected)), name


def test_seeds_equal_textstat(seed_scores):
    for scores in seed_scores.values():
        content = scores.prepared.content
        assert scores.readability.flesch_kincaid_grade == textstat.flesch_kincaid_grade(content)
        assert scores.readability.smog_index == textstat.smog_index(content)
        assert scores.readability.words == textstat.lexicon_count(content)


def test_counts_and_shares():
    result = readability(SAMPLES["plain"])
    assert (result.words, result.sentences, result.words_per_sentence) == (16, 2, 8.0)
    assert result.long_word_share == 0.0
    assert 0 < readability(SAMPLES["dense"]).long_word_share <= 1


def test_cmu_dictionary_is_used():
    assert textstat.syllable_count("unprecedented") == 5
    assert nltk.corpus.cmudict.dict()["hama"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.readability import readability_textstat  # noqa: E402

PROSE = st.text(alphabet=st.sampled_from(list("abcdefghij klmnop.,!?'-\u2019\"\n ")), max_size=400)


@settings(max_examples=80, deadline=None)
@given(PROSE)
def test_single_pass_equals_textstat_on_any_text(text):
    assert readability(text) == readability_textstat(text)


def test_single_pass_equals_textstat_on_the_seeds(seed_scores):
    for scores in seed_scores.values():
        assert scores.readability == readability_textstat(scores.prepared.content)


def test_the_syllable_table_counts_as_textstat_s_dictionary_does():
    from textstat.backend.utils import get_cmudict

    from analysis.cmu import ensure_cmudict, syllable_table

    ensure_cmudict()
    nltk_dictionary = get_cmudict("en_US")
    table = syllable_table()
    expected = {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in nltk_dictionary.items() if prons}
    assert table == expected and len(table) > 100_000


def test_scoring_needs_neither_nltk_nor_textstat_loaded_and_restates_textstat_s_pattern():
    import subprocess
    import sys

    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    from analysis.readability import NONCONTRACTION_APOSTROPHE

    assert NONCONTRACTION_APOSTROPHE == RE_NONCONTRACTION_APOSTROPHE
    code = (
        "import sys; from analysis.cli import main; "
        "assert main(['score', '--format', 'json', '--db', sys.argv[1]]) == 0; "
        "print(sorted(m for m in ('nltk', 'textstat', 'sklearn') if m in sys.modules))"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", code, f"{folder}/x.sqlite"], capture_output=True, text=True, check=True
        )
    assert done.stdout.strip().splitlines()[-1] == "[]"


UNUSUAL = st.text(
    alphabet=st.sampled_from(list("Ab cD Éé ß İ 1 2 .,;:!?'\u2019\"-_()[]\n\t\u00a0\u2003\x1c\u3000\u200bæ\U0001f600")),
    max_size=300,
)


@settings(max_examples=80, deadline=None)
@given(UNUSUAL)
def test_single_pass_equals_textstat_with_unusual_spaces_capitals_and_symbols(text):
    # The counts are taken once per distinct word and from str.split: any difference in case,
    # whitespace or symbols from textstat's own regular expressions would show here.
    assert readability(text) == readability_textstat(text)


def test_a_capital_dotted_i_is_counted_difficult_as_textstat_counts_it():
    # Lower case turns "İ" into "i" and a combining dot, which textstat strips before it counts a
    # Gunning fog word's syllables (and not before it counts the Flesch ones).
    for text in ("1İİİ1", "The İSTANBUL İNTERNATİONAL office was closed. It opened later."):
        assert readability(text) == readability_textstat(text)


def test_str_split_and_the_regex_whitespace_agree_on_every_code_point():
    import re
    import sys

    space = re.compile(r"\s")
    differ = [c for c in map(chr, range(sys.maxunicode + 1)) if bool(space.match(c)) != (len(f"a{c}a".split()) == 2)]
    assert differ == []
