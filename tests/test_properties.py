"""Invariants that hold for any input string."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import RefusedInput, article_from_bytes
from analysis.framing import frame
from analysis.lexicon import load_lexicon
from analysis.readability import readability
from analysis.text import normalise, prepare
from analysis.tone import tone

LEXICON = load_lexicon()
NEWSY = st.text(
    alphabet=st.sampled_from(list("abc rebels insurgents regime fell !?.,\"'\u201c\u201d\u2019\u2014-\n#@()")),
    max_size=300,
)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(ANY_TEXT)
def test_no_string_crashes_a_scorer_and_shares_stay_in_range(text):
    prepared = prepare(text)
    assert len(normalise(text)) == len(text)
    for sentence in prepared.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
    for quote in prepared.quotes:
        assert 0 <= quote.start <= quote.inner_start <= quote.inner_end <= quote.end <= len(text)
    framing = frame(prepared, LEXICON)
    for hit in framing.hits:
        assert text[hit.start : hit.end] == hit.text
    for target in framing.targets.values():
        assert target.legitimacy is None or -1 <= target.legitimacy <= 1
        for count in target.counts.values():
            assert count.total == count.own_voice + count.quoted >= count.headline >= 0
    result = tone(prepared)
    for voice in (result.body, result.own_voice, result.quoted):
        for share in (voice.negative_share, voice.positive_share):
            assert share is None or 0 <= share <= 1
        assert voice.mean is None or -1 <= voice.mean <= 1
    readability(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused(data):
    try:
        article = article_from_bytes(data, "x.txt")
    except RefusedInput as refused:
        assert str(refused) and "\n" not in str(refused)
    else:
        assert any(char.isalpha() for char in article.text)


@settings(max_examples=100, deadline=None)
@given(NEWSY)
def test_label_counts_ignore_extra_whitespace(text):
    def totals(t):
        return {
            (tid, g): c.total
            for tid, target in frame(prepare(t), LEXICON).targets.items()
            for g, c in target.counts.items()
        }

    assert totals(text) == totals(text.replace(" ", "  ") + "  ")


WORDS = "the Syrian army regime government forces rebels rebel-held insurgents terrorist opposition fighters".split()
WORDS += "Hayat Tahrir al-Sham HTS Assad jihadist massacre brutal horrific slaughter . , ! \u201c \u201d".split()


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(ANY_TEXT, st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)), st.integers(0, 20))
def test_words_and_tokens_from_split_offsets_equal_a_match_per_word(text, start):
    """Words and tokens are found by `re.split` and summed lengths (no match object per word):
    the same strings and offsets as one regex match each."""
    from analysis.text.words import _TOKEN_RE, WORD_RE, match_tokens, word_bounds

    text = normalise(text)
    start = min(start, len(text))
    words = list(WORD_RE.finditer(text, start))
    if "http" not in text and "www." not in text:
        expected = [m.group() for m in words], [m.start() for m in words], [m.end() for m in words]
        assert word_bounds(text, start) == expected
    tokens = list(_TOKEN_RE.finditer(text, start))
    assert match_tokens(text, start) == (
        [m.group().lower() for m in tokens],
        [m.start() for m in tokens],
        [m.end() for m in tokens],
    )


@given(
    st.lists(st.tuples(st.integers(0, 500), st.integers(1, 40)), max_size=12),
    st.lists(st.integers(0, 600), max_size=50),
)
def test_offsets_inside_agrees_with_inside_any(raw_spans, offsets):
    from analysis.text.words import inside_any, offsets_inside

    spans, end = [], -1
    for start, length in sorted(raw_spans):  # sorted and not overlapping, as quotations are
        if start > end:
            spans.append((start, start + length))
            end = start + length
    assert offsets_inside(offsets, spans).tolist() == [inside_any(o, spans) for o in offsets]


@given(
    st.dictionaries(
        st.tuples(st.integers(0, 14), st.integers(0, 14)).filter(lambda p: p[0] < p[1]),
        st.integers(2, 6),
        max_size=60,
    ),
    st.integers(1, 4),
)
def test_top_partners_from_one_sort_equal_a_per_article_ranking(hits, keep):
    """The candidate partners each article keeps: the numpy sort equals ranking every article's
    pairs by (count, pair), highest first, as a dictionary of lists would."""
    import numpy as np

    from analysis.overlap.candidates import top_partners

    documents = 15
    meetings = np.array([a * documents + b for a, b in sorted(hits)], dtype=np.int64)
    counts = np.array([hits[pair] for pair in sorted(hits)], dtype=np.int64)
    partners: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for pair, count in hits.items():
        for end in pair:
            partners.setdefault(end, []).append((count, pair))
    expected = {pair for found in partners.values() for _, pair in sorted(found, reverse=True)[:keep]}
    assert top_partners(meetings, counts, documents, keep) == expected


QUOTE_MARKS = st.text(
    alphabet=st.sampled_from(list("a B1 '\u2018\u2019\u2014\u2013-.,!?;:()[]{}\u2026\t\u00e9x")), max_size=14
)


@settings(max_examples=500, deadline=None)
@given(QUOTE_MARKS)
def test_single_quotation_marks_are_found_as_the_lookbehind_first_patterns_find_them(line):
    import re

    from analysis.text.quotes import _SINGLE_CLOSE_RE, _SINGLE_OPEN_RE

    opening = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2014\u2013-]))['\u2018](?=[\w\u00c0-\uffff])")
    closing = re.compile(r"(?<=[\w.!?,;:\u2026)])['\u2019](?=$|[\s.,;:!?)\]\u2014\u2013-])")
    for fast, readable in ((_SINGLE_OPEN_RE, opening), (_SINGLE_CLOSE_RE, closing)):
        assert [m.span() for m in fast.finditer(line)] == [m.span() for m in readable.finditer(line)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 400), max_size=16, unique=True).map(sorted),
    st.lists(st.integers(0, 400), max_size=60, unique=True).map(sorted),
    st.integers(0, 400),
    st.integers(0, 120),
)
def test_a_sentence_s_voice_counted_by_bisection_equals_a_lookup_per_word(edges, word_starts, start, length):
    """Quotation spans that do not overlap: counting the words inside each span gives the voice the
    per-word lookup gives."""
    from analysis.text.sentences import _voice

    spans = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=False) if a < b]
    end = start + length
    words = [w for w in word_starts if start <= w < end]
    assert _voice(spans, start, end, words, apart=True) == _voice(spans, start, end, words)


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.sampled_from([f"w{n}" for n in range(60)]), min_size=4, max_size=30),
    st.sets(st.sampled_from([f"w{n}" for n in range(60)]), min_size=4, max_size=30),
)
def test_minhash_agreement_tracks_jaccard(first, second):
    """The share of MinHash values two sentences share estimates their Jaccard similarity: with
    256 hashes, within 0.15 of it (five standard errors at the worst, 0.5)."""
    import numpy as np

    from analysis.overlap.candidates import minhash

    signatures, owners = minhash([[sorted(first)], [sorted(second)]], 256)
    assert list(owners) == [0, 1]
    agreement = float(np.mean(signatures[0] == signatures[1]))
    jaccard = len(first & second) / len(first | second)
    assert abs(agreement - jaccard) <= 0.15
    assert (agreement == 1.0) == (first == second) or jaccard > 0.9
