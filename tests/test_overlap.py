"""Overlap: verbatim passages with offsets in both texts, containment, aligned paraphrases, similarity."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import Article, article_from_text
from analysis.overlap import Document, compare, compare_articles, containment, shared_passages
from analysis.text import normalise, prepare
from tests.conftest import SOCIAL_POSTS, TERRORISTS_HEADLINE


def document(text: str, article_id: str = "x", published: dt.date | None = None) -> Document:
    article = Article(article_id, article_id, text, published=published)
    return Document.from_prepared(article, prepare(text))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("", "", 0.0),
        ("one two three four five", "", 0.0),
        ("one two three four five", "one two three four five six", 1.0),
        ("one two three four five six", "one two three four five", 0.5),
        ("one two three four", "one two three four", 0.0),  # no 5-gram at all
    ],
)
def test_containment(a, b, expected):
    assert containment(a.split(), b.split()) == expected


def test_shared_passage_is_maximal_and_offsets_point_into_both_texts():
    a = document("Before it all. The Syrian army\u2019s withdrawal from Hama was announced on Thursday night. After.")
    b = document("Earlier: the syrian army's withdrawal from Hama \u2014 was announced on Thursday night, he said.")
    (passage,) = shared_passages(a, b, min_words=8)
    assert passage.words == 11
    assert (
        a.text[passage.a_start : passage.a_end]
        == "The Syrian army\u2019s withdrawal from Hama was announced on Thursday night"
    )
    assert (
        b.text[passage.b_start : passage.b_end]
        == "the syrian army's withdrawal from Hama \u2014 was announced on Thursday night"
    )


def test_runs_shorter_than_min_words_are_not_passages():
    a, b = document("one two three four five six seven"), document("one two three four five six seven")
    assert shared_passages(a, b, min_words=8) == []
    assert len(shared_passages(a, b, min_words=7)) == 1


def test_boilerplate_can_be_set_aside():
    line = "Subscribe to our newsletter for the latest news from the region today."
    docs = [
        document(f"{story} {line}", f"d{i}")
        for i, story in enumerate(["Rebels took Hama.", "Army left.", "Homs next."])
    ]
    kept = compare(docs)
    assert all(len(p.shared_passages) == 1 for p in kept.pairs)
    dropped = compare(docs, boilerplate_min_articles=3)
    assert all(p.shared_passages == () for p in dropped.pairs)


def test_copied_sentences_are_found_with_containment_pointing_the_right_way(seeds):
    seed = next(a for a in seeds if a.id == SOCIAL_POSTS)
    sentences = [s.text for s in prepare(seed.text).sentences if not s.is_heading]
    copied = [normalise(sentences[i]).replace('"', "'") for i in (0, 9, 21)]  # straight apostrophes
    text = (
        "Local Blog Post\n\nResidents of Homs watched the news with fear on Thursday night. "
        + copied[0]
        + " A shopkeeper said prices had doubled within a day.\n"
        + copied[1]
        + " Schools were closed until further notice.\n"
        + copied[2]
    )
    mine = article_from_text(text, "copy.txt")
    articles = [(a, prepare(a.text)) for a in [*seeds, mine]]
    result = compare_articles(articles)
    pairs = [p for p in result.pairs if "copy.txt" in (p.a, p.b)]
    top = max(pairs, key=lambda p: p.similarity)
    assert {top.a, top.b} == {"copy.txt", SOCIAL_POSTS}
    assert top.a == SOCIAL_POSTS and top.b == "copy.txt"
    assert len(top.shared_passages) == 3
    for passage, sentence in zip(top.shared_passages, [sentences[i] for i in (0, 9, 21)], strict=True):
        assert sentence.rstrip(".").startswith(seed.text[passage.a_start : passage.a_end].rstrip("."))
        assert passage.words >= len(sentence.split()) - 1
    assert top.b_in_a > 0.4 > top.a_in_b  # the copy is contained in the seed, not the other way
    # Without publication dates the direction is unknown, however much one contains the other.
    assert top.likely_borrower is None and top.borrower_basis is None
    assert "direction unknown without both publication dates" in top.borrower_evidence


def test_dates_decide_the_borrower_when_known():
    text = (
        "The Syrian army announced its withdrawal from Hama on Thursday to protect civilian lives. "
        "Rebel fighters entered the city from the north and raised their flags over the governor's office."
    )
    early = document(text + " More.", "early", dt.date(2024, 12, 5))
    late = document(text, "late", dt.date(2024, 12, 6))
    (pair,) = compare([early, late]).pairs
    assert (pair.likely_borrower, pair.borrower_basis) == ("late", "dates")


def test_one_shared_formula_names_no_borrower_even_with_dates():
    """A dateline line or a sign-off of a dozen words is shared by unrelated stories: 115 of 160
    spurious borrowers rested on ten shared words or fewer. Under the minimum, no borrower."""
    from analysis.overlap.settings import MIN_BORROWED_WORDS

    formula = "This story was reported with the help of our correspondents in the region."
    early = document(f"Floods hit the north on Monday. {formula}", "early", dt.date(2024, 12, 5))
    late = document(f"The parliament passed the budget late on Friday. {formula}", "late", dt.date(2024, 12, 6))
    (pair,) = compare([early, late]).pairs
    (passage,) = pair.copied
    assert passage.words < MIN_BORROWED_WORDS
    assert pair.likely_borrower is None and f"under the {MIN_BORROWED_WORDS} copied words" in pair.borrower_evidence


QUOTE = (
    '"We will not rest until every family in the northern provinces has clean water and a roof over its head '
    'before the winter comes," the minister said.'
)


def test_a_shared_quotation_is_not_copied_text_and_names_no_borrower():
    a = document(
        f"Floods hit the north on Monday.\n\n{QUOTE} Aid lorries waited at the border.", "a", dt.date(2024, 3, 1)
    )
    b = document(
        f"Rescue teams reached three villages.\n\n{QUOTE} Critics called the plan late.", "b", dt.date(2024, 3, 2)
    )
    (pair,) = compare([a, b], min_words=8).pairs
    (passage,) = pair.shared_passages
    assert passage.a_quoted and passage.b_quoted and passage.kind == "quotation"
    assert pair.quotations == (passage,) and pair.copied == ()
    # quotations left out, the outlets' own texts share nothing; whole texts share the quotation
    assert pair.a_in_b == pair.b_in_a == 0.0 and pair.a_in_b_with_quotes > 0.3
    assert (pair.likely_borrower, pair.borrower_basis, pair.borrower_evidence) == (None, None, None)
    # so is their similarity: the quotation makes the whole texts alike, not the outlets' own words
    assert pair.similarity < 0.2 < 0.4 < pair.similarity_with_quotes  # "minister" is in both own texts


def test_copied_outlet_text_names_the_later_article_and_says_why():
    copied = (
        "The floodwater reached the second floor of the district hospital before engineers opened the "
        "northern sluice gates late on Sunday."
    )
    a = document(f"{copied} Officials said more rain was due.", "wire", dt.date(2024, 3, 1))
    b = document(f'{copied} "It is a disaster," said a nurse.', "paper", dt.date(2024, 3, 2))
    (pair,) = compare([a, b], min_words=8).pairs
    (passage,) = pair.copied
    assert not passage.a_quoted and not passage.b_quoted and passage.kind == "copied"
    assert (pair.likely_borrower, pair.borrower_basis) == ("paper", "dates")
    assert pair.borrower_evidence.startswith(f"1 copied passage ({passage.words} words) of the outlets' own text")
    # text quoted in one article and written as the outlet's own in the other is copied text
    c = document(f'"{copied}" the wire reported.', "c", dt.date(2024, 3, 3))
    (pair,) = compare([a, c], min_words=8).pairs
    assert pair.shared_passages[0].b_quoted and pair.shared_passages[0].kind == "copied"


def test_army_withdrawal_statements_are_aligned_on_the_seeds(seed_scores):
    articles = [(s.article, s.prepared) for s in seed_scores.values()]
    result = compare_articles(articles)
    pair = result.pair(TERRORISTS_HEADLINE, SOCIAL_POSTS)
    texts = [(s.a_text, s.b_text) for s in pair.aligned_sentences]
    assert (
        "The Syrian army announced its withdrawal from Hama, stating it aimed to \u201cpreserve civilian lives and "
        "prevent urban combat\u201d following intense clashes.",
        "The Syrian army announced it was redeploying to areas outside Hama to avoid urban combat "
        "and protect civilians.",
    ) in texts
    army = [
        s for p in result.pairs for s in p.aligned_sentences if "Syrian army" in s.a_text and "Syrian army" in s.b_text
    ]
    assert len(army) >= 3


def test_similarity_matrix_on_the_seeds(seed_scores):
    result = compare_articles([(s.article, s.prepared) for s in seed_scores.values()])
    matrix = result.similarity.toarray()
    assert matrix.shape == (5, 5)
    assert np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 1.0)
    assert len(result.pairs) == 10


WORDS = st.lists(st.sampled_from("rebels army hama the city fell on thursday and withdrew said".split()), max_size=60)


@settings(max_examples=60, deadline=None)
@given(WORDS, WORDS)
def test_overlap_properties(a_words, b_words):
    a, b = document(" ".join(a_words), "a"), document(" ".join(b_words), "b")
    result = compare([a, b])
    matrix = result.similarity.toarray()
    assert np.allclose(matrix, matrix.T)
    assert np.allclose(np.diag(matrix), 1.0)
    (pair,) = result.pairs
    assert 0 <= pair.a_in_b <= 1 and 0 <= pair.b_in_a <= 1 and 0 <= pair.similarity <= 1
    assert containment(a.stems, a.stems) == (1.0 if len(a_words) >= 5 else 0.0)
    # The corpus comparison (hashed 5-grams, sparse products) gives the evaluated measure.
    assert (pair.a_in_b, pair.b_in_a) == (
        round(containment(a.stems, b.stems), 4),
        round(containment(b.stems, a.stems), 4),
    )
    for passage in pair.shared_passages:
        assert passage.words >= 8
        assert a.text[passage.a_start : passage.a_end].lower() == b.text[passage.b_start : passage.b_end].lower()


@pytest.mark.parametrize(
    "a, b, aligned",
    [
        ("Can it actually make the streets more dangerous?", "It is extremely dangerous.", False),  # one word
        ("Obama met Merkel in Berlin.", "In Berlin, Obama spoke about Merkel.", False),  # names and places alone
        ("The Syrian army announced its withdrawal from Hama.", "The Syrian army said it would withdraw.", True),
    ],
)
def test_alignment_rests_on_shared_content_not_one_word_or_names(a, b, aligned):
    from analysis.overlap.words import rests_on_content

    assert rests_on_content(a, b) is aligned
    (pair,) = compare([document(a, "a"), document(b, "b")], align_threshold=0.1).pairs
    assert bool(pair.aligned_sentences) is aligned


def test_content_check_of_many_sentence_pairs_at_once_equals_one_pair_at_a_time(seed_scores):
    from analysis.overlap.alignment import SentenceVectors, rest_on_content, sentence_words
    from analysis.overlap.words import rests_on_content

    documents = [Document.from_prepared(s.article, s.prepared) for s in seed_scores.values()] + [
        document("Obama met Merkel in Berlin. The Syrian army announced its withdrawal from Hama.", "a"),
        document("In Berlin, Obama spoke about Merkel. The Syrian army said it would withdraw.", "b"),
    ]
    vectors = SentenceVectors.of(sentence_words(documents))
    texts = [d.text[start:end] for d in documents for start, end in d.sentences]
    first, second = np.triu_indices(len(texts), k=1)
    one_by_one = [rests_on_content(texts[i], texts[j]) for i, j in zip(first.tolist(), second.tolist(), strict=True)]
    assert rest_on_content(vectors, documents, first, second).tolist() == one_by_one
    made = [d.with_facts() for d in documents]  # every sentence's names made before, as workers make them
    assert rest_on_content(vectors, made, first, second).tolist() == one_by_one
    assert 0 < sum(one_by_one) < len(one_by_one)
    names_alone = texts.index("Obama met Merkel in Berlin."), texts.index("In Berlin, Obama spoke about Merkel.")
    assert not rest_on_content(vectors, documents, *map(np.array, zip(names_alone, strict=True)))[0]


def test_the_comparison_tells_its_stages_in_order(seed_scores):
    from analysis.overlap.compare import STAGES

    documents = [Document.from_prepared(s.article, s.prepared) for s in seed_scores.values()]
    told = []
    result = compare(documents, progress=lambda done, total, step: told.append((done, total, step)))
    assert [(done, total) for done, total, _ in told] == [(k, STAGES) for k in range(1, STAGES + 1)]
    assert told[0][2] == f"{len(result.pairs)} candidate pairs"


def _reprinted_corpus():
    """Ten copies of one story among 298 others (past the size where every pair is compared),
    and one outlet's footer under eight of its unrelated articles."""
    from dataclasses import replace

    from benchmarks.corpus import build_corpus

    articles, _ = build_corpus(300, random_state=9)
    reprints = [replace(articles[0], id=f"reprint{k}", outlet=f"Paper {k}") for k in range(10)]
    footer = "\n\nSubscribe to the Daily Ledger for unlimited access to our award-winning local journalism today."
    ledger = [
        replace(a, id=f"ledger{k}", outlet="Daily Ledger", text=a.text + footer) for k, a in enumerate(articles[1:9])
    ]
    return reprints + ledger + articles[9:]


@pytest.mark.parametrize("boilerplate", [None, 5])
def test_a_story_reprinted_by_ten_outlets_shows_its_passage_in_every_pair(boilerplate):
    """A run held by more than four articles does not make a pair a candidate, and it used to keep
    the passages of pairs found otherwise from being looked for: all 45 pairs of ten reprints
    showed similarity 1 and no shared passage. With --boilerplate, a run held by copies of one
    story is reuse, while a footer under one outlet's unrelated articles is still set aside."""
    from analysis.pipeline import comparable_documents

    result = compare(comparable_documents(_reprinted_corpus()), 8, boilerplate_min_articles=boilerplate)
    copies = {f"reprint{k}" for k in range(10)}
    pairs = [p for p in result.pairs if p.a in copies and p.b in copies]
    assert len(pairs) == 45 and all(p.shared_passages for p in pairs)
    ledger = {f"ledger{k}" for k in range(8)}
    footers = [p for p in result.pairs if p.a in ledger and p.b in ledger and p.shared_passages]
    with_footer = sum(any("Subscribe" in s.text for s in p.shared_passages) for p in footers)
    assert with_footer == (0 if boilerplate else len(footers)) and (boilerplate or with_footer > 0)
    # The ten copies are one cluster, and no article outside them joins it.
    (cluster,) = [c for c in result.clusters if copies & {m.id for m in c.members}]
    assert {m.id for m in cluster.members} == copies and all(m.own_share > 0.9 for m in cluster.members)


WIRE = (
    "The storm crossed the northern coast on Monday night, flooding low streets and cutting power to thousands "
    "of homes, the regional authority said. Rescue teams moved families from the river banks before dawn, and "
    "schools in three districts will stay closed until the water recedes."
)


def _story(article_id: str, outlet: str | None, day: int | None, own: str, wire: bool = True) -> Article:
    published = dt.date(2024, 3, day) if day else None
    body = f"{WIRE} {own}" if wire else own
    return Article(
        article_id, f"Storm {article_id}", f"Storm {article_id}\n\n{body}", outlet=outlet, published=published
    )


def test_reprinted_share_counts_own_text_taken_from_another_outlet_no_later():
    """The agency's story is its own (nothing earlier holds it); the paper that ran it later took
    most of its own text; a paper's second use of its own copy, and a quotation of the wire, take
    nothing from another outlet. An undated copy may have been first or last: then both count."""
    from analysis.text import prepare

    local = "Shopkeepers on the harbour road said they had moved their stock upstairs by Sunday evening."
    articles = [
        _story("wire", "Agency", 1, "Further reports will follow through the day from our correspondents."),
        _story("paper", "Daily", 2, local),
        _story("paper-again", "Daily", 3, local, wire=False),
        _story("quoting", "Herald", 4, f'The agency wrote: "{WIRE}" Nothing else was said.', wire=False),
    ]
    result = compare_articles([(a, prepare(a.text)) for a in articles])
    shares = result.reprinted
    assert shares["wire"] == 0.0  # published first: it took nothing
    assert shares["paper"] > 0.6
    assert shares["paper-again"] == 0.0  # shares only its own outlet's words
    assert shares["quoting"] < 0.2  # the wire's words stand in quotation marks: not its own text
    (cluster,) = result.clusters
    # The paper's second article is half its own first one: a copy too, joined through it.
    assert [m.id for m in cluster.members] == ["wire", "paper", "paper-again"]
    undated = _story("undated", "Post", None, "The Post adds that the mayor visited two shelters in the afternoon.")
    again = compare_articles([(a, prepare(a.text)) for a in [*articles, undated]])
    assert again.reprinted["undated"] > 0.6 and again.reprinted["wire"] > 0.6  # direction unknown: both count
    (cluster,) = again.clusters
    assert [m.id for m in cluster.members][-1] == "undated"  # the undated copy last


def test_churnalism_per_outlet_is_the_mean_of_its_articles_with_an_interval():
    from analysis.overlap.reprints import reprinted_by_outlet

    shares = {"a1": 0.9, "a2": 0.7, "a3": 0.8, "b1": 0.0, "b2": 0.1, "c1": 0.5, "d1": None}
    outlets = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C", "d1": "D"}
    rows = {r["outlet"]: r for r in reprinted_by_outlet(shares, outlets)}
    assert rows["A"]["reprinted_share"] == pytest.approx(0.8) and rows["A"]["articles"] == 3
    assert 0.7 <= rows["A"]["ci_low"] <= 0.8 <= rows["A"]["ci_high"] <= 0.9
    assert rows["B"]["ci_low"] is None and rows["C"]["articles"] == 1  # too few articles: no interval
    assert "D" not in rows  # an article without own words has no share


def test_an_arabic_script_corpus_splits_into_sentences_and_finds_its_planted_reuse():
    """Urdu-style text ends sentences with \u06d4: each article used to be one sentence. A passage
    of twelve words one article copies from another is found; a third article shares none."""
    from analysis.text import prepare

    copied = "حکومت نے اعلان کیا کہ شہر میں امن بحال ہو گیا ہے اور بازار کھل گئے"
    a = Article("a", "خبر ایک", f"آج صبح شہر میں فوج داخل ہوئی۔ {copied}۔ لوگ گھروں سے نکل آئے۔")
    b = Article("b", "خبر دو", f"رپورٹ کے مطابق صورتحال بدل گئی ہے۔ {copied}۔ مزید تفصیلات بعد میں۔")
    c = Article("c", "خبر تین", "کھیل کے میدان میں آج بڑا مقابلہ ہوا۔ ٹیم نے جیت حاصل کی۔ شائقین خوش تھے۔")
    assert len(prepare(a.text).sentences) == 3
    result = compare_articles([(x, prepare(x.text)) for x in (a, b, c)])
    pair = next(p for p in result.pairs if {p.a, p.b} == {"a", "b"})
    (passage,) = pair.shared_passages
    assert passage.words >= 12 and copied.split()[0] in passage.text
    assert not any(p.shared_passages for p in result.pairs if "c" in (p.a, p.b))


LETTERS = st.lists(st.sampled_from("a b c d".split()), max_size=40)


@settings(max_examples=200, deadline=None)
@given(LETTERS, st.lists(LETTERS, min_size=1, max_size=4))
def test_runs_found_for_all_partners_at_once_are_the_runs_found_pair_by_pair(a_words, partner_words):
    # Few distinct words: runs repeat within and across the texts, on many diagonals.
    from analysis.overlap.passages import _live, _runs_by_words, _runs_of_partners
    from analysis.overlap.words import run_keys

    documents = [document(" ".join(words), str(k)) for k, words in enumerate([a_words, *partner_words])]
    live = [_live(run_keys(d.tokens, 3), np.array([], dtype=np.int64)) for d in documents]
    ids = list(range(1, len(documents)))
    together = _runs_of_partners(live[0], live[1:], ids)
    for j in ids:
        alone = _runs_by_words(documents[0], documents[j], 3, live[0], live[j])
        assert sorted((f, e, d) for k, f, e, d in together if k == j) == sorted(alone)


def test_two_word_runs_with_one_hash_are_not_a_passage():
    from analysis.overlap.passages import passages_of_pairs
    from analysis.overlap.words import run_keys

    a = document("the quick brown fox jumps over the lazy dog near the river bank today")
    b = document("one two three four five six seven eight nine ten eleven twelve thirteen")
    keys = [run_keys(a.tokens, 3), run_keys(b.tokens, 3).copy()]
    keys[1][4] = keys[0][2]  # a collision: "five six seven" hashed as "brown fox jumps"
    keys[1][5] = keys[0][3]  # and the next run too, on the same diagonal
    assert passages_of_pairs([a, b], [(0, 1)], keys, 3, np.array([], dtype=np.int64)) == {(0, 1): []}
