"""Sources: who is quoted or cited, one entity per source however it is spelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.sources import SOURCES_FILE, article_sources, corpus_sources, load_source_config
from analysis.tables.sources import shared_sources_frame, source_matrix_frame, sources_frame
from analysis.text import prepare
from tests.conftest import INSURGENTS, SOCIAL_POSTS, TERRORISTS_HEADLINE


def cited(text: str) -> list[tuple[str, str]]:
    return sorted((s.name, s.type) for s in article_sources(prepare(text)))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("Rebels took the city.", []),
        ('"We will win," said Jihad Yazigi, editor of The Syria Report.', [("Jihad Yazigi", "analyst_expert")]),
        ("The Syrian army announced its withdrawal.", [("Syrian army", "government_military")]),
        (
            "According to the Syrian Observatory for Human Rights, 20 died.",
            [("Syrian Observatory for Human Rights", "monitor_ngo")],
        ),
        ("Analysts warn that the war will widen.", [("analysts", "unnamed")]),
        ("However, insiders suggest the retreat was forced.", [("insiders", "unnamed")]),
        ("Prisons were described as inhumane by rights groups.", [("rights groups", "unnamed")]),
        ("Detainees were held in conditions described as inhumane by rights groups.", [("rights groups", "unnamed")]),
        ("Al Jazeera broadcast images of rebels.", [("Al Jazeera", "media")]),
        ("Minister Jane Doe told reporters the army had left.", [("Minister Jane Doe", "government_military")]),
        (
            "In a video, Abu Mohammed al-Julani, leader of HTS, declared victory.",
            [("Abu Mohammed al-Golani", "armed_opposition")],
        ),
        ("Turkey's backing of militias adds a dimension.", []),
        ("He was editor of The Syria Report for years.", []),
        # Sentences of real news (the Propaganda Techniques Corpus) that were once cited wrongly.
        (
            "Two prominent US bloggers have been banned from entering the UK, the Home Office has said.",
            [("the Home Office", "other")],
        ),
        ("Early on Friday, Trump also falsely claimed on Twitter that he had won.", [("Trump", "other")]),
        (
            "The plan was delayed, according to a U.S. official, who spoke on condition of anonymity.",
            [("u.s. official", "unnamed")],
        ),
        (
            "Geneva - The World Health Organisation chief on Wednesday said the epidemic was under control.",
            [("The World Health Organisation chief", "other")],
        ),
        ("Virginia: Muslim gets 20 years for joining ISIS, says judge", []),
        (
            "When U.S. Representative Jackie Speier originally told us the sum, I was surprised.",
            [("Representative Jackie Speier", "other")],
        ),
        ("Did she omit that bit, or fail to read the entire UN report?", []),
        ("It was declassified first, followed by the FBI reports on agent interviews with Ohr.", []),
        ("Washington, D.C. As I indicated in my Monday article, it failed.", []),
        ("Likewise, I'll tell you why they are silent.", []),
        (
            "An unnamed former congressional aide said the men had no self-control.",
            [("unnamed former congressional aide", "unnamed")],
        ),
        ("As The Daily Mail notes, it is the ninth outbreak.", [("The Daily Mail", "other")]),
        ("She told a town hall it was legal, according to ABC affiliate WFAA.", [("WFAA", "other")]),
        ("Remember that Mohamed Atta told passengers to stay quiet.", [("Mohamed Atta", "other")]),
        ("Leaked emails published by WikiLeaks revealed the donations.", [("WikiLeaks", "other")]),
        (
            "In remarks after his address, reported by the German newspaper Die Tagespost, the cardinal spoke.",
            [("Die Tagespost", "media")],
        ),
        ("Late Thursday, Sen. Charles Grassley said his staff had called.", [("Sen. Charles Grassley", "other")]),
        (
            "ROME, February 2, 2018 (LifeSiteNews) \u2014His Excellency Marian Eleganti added his name.",
            [("His Excellency Marian Eleganti", "other")],
        ),
        ("Specifically, Kristian Saucier argues that the officials erred.", [("Kristian Saucier", "other")]),
        ("The GOP currently controls the Senate, which has the final say.", []),
        ("Here's what the President has said about it.", []),
        (
            '"We are first," New Horizons Principal Investigator Alan Stern, of the Southwest Research Institute, '
            "notes in a statement.",
            [("New Horizons Principal Investigator Alan Stern", "analyst_expert")],
        ),
        (
            "Distressingly, US Ambassador to the UN Nikki Haley, the most outspoken supporter of the policy, told "
            "NBC on Sunday that the US would stay.",
            [("Nikki Haley", "other")],
        ),
        (
            "Now even the distinguished canonist Edward Peters, who is a judge, declares that the pope must go.",
            [("Edward Peters", "other")],
        ),
        ("To quote Cajetan on this point, the council may judge.", [("Cajetan", "other")]),
        ("Mr. Horowitz's report focused on process.", []),
        ("A rebel advance could isolate the coast, where Russia maintains naval bases.", []),
        (
            "Fox News further reported that a source told the outlet it was followed by the FBI.",
            [("Fox News", "media"), ("source", "unnamed")],
        ),
    ],
)
def test_who_is_cited(text, expected):
    assert cited(text) == expected


def test_he_and_she_stand_for_people_not_organisations():
    text = (
        "Karim Haddad said the roads were open. The Kavkaz Center explained the history in an article. "
        "He said the city was calm."
    )
    (haddad,) = [s for s in article_sources(prepare(text)) if s.name == "Karim Haddad"]
    assert [c.sentence for c in haddad.citations] == [0, 2]


def test_quotes_go_to_their_speaker_with_offsets():
    text = (
        "Golani stated, \u201cWe come in mercy.\u201d Later, \u201cNo revenge,\u201d declared a rebel operations room."
    )
    sources = {s.name: s for s in article_sources(prepare(text))}
    golani, room = sources["Abu Mohammed al-Golani"], sources["rebel operations room"]
    (quote,) = golani.quotes
    assert (quote.quote, text[quote.quote_start : quote.quote_end]) == ("We come in mercy.", "We come in mercy.")
    assert [q.quote for q in room.quotes] == ["No revenge,"]
    assert (room.named, room.type) == (False, "unnamed")


def test_social_post_authors_are_sources():
    text = (
        "Rebels entered.\nBREAKING: #Hama has fallen.\n\u2014 Oz Katerji (@OzKaterji) December 5, 2024\nCalm returned."
    )
    (post,) = article_sources(prepare(text))
    assert (post.name, post.type, post.quotes[0].quote) == ("Oz Katerji", "social_media", "BREAKING: #Hama has fallen.")


@pytest.mark.parametrize(
    "spellings",
    [
        ["Abu Mohammed al-Golani said", "Abu Mohammad al-Julani said", "Al-Jolani said", "Golani said"],
        ["President Bashar al-Assad said", "Bashar Assad said", "Assad said"],
        ["The Syrian Observatory for Human Rights reported", "The Observatory reported"],
    ],
)
def test_one_entity_however_spelled(spellings):
    texts = {f"a{i}": prepare(f"{s} the city had fallen.") for i, s in enumerate(spellings)}
    corpus = corpus_sources(texts)
    keys = {s.key for sources in corpus.articles.values() for s in sources}
    assert len(keys) == 1
    (_, articles) = corpus.shared_sources()[0]
    assert len(articles) == len(spellings)
    assert all(
        rule == "alias list" for sources in corpus.articles.values() for s in sources for rule in s.merge_rules.values()
    )


def test_hafez_is_not_bashar():
    corpus = corpus_sources(
        {"a": prepare("Bashar Assad said it was over."), "b": prepare("Hafez Assad said so in 1982.")}
    )
    assert corpus.shared_sources() == []


def test_unknown_names_merge_by_rule():
    corpus = corpus_sources(
        {
            "a": prepare("Ahmed Hassan said the shops were shut."),
            "b": prepare("Hasan said the roads were closed."),
            "c": prepare("Ahmad Hasan told reporters he would stay."),
        }
    )
    ((_, articles),) = corpus.shared_sources()
    assert articles == ("a", "b", "c")
    b_source = corpus.articles["b"][0]
    assert b_source.merge_rules == {"Hasan": "same surname as Ahmed Hassan, the only full name with it"}


def test_outlets_sharing_a_last_word_stay_apart_and_the_article_is_no_first_name():
    corpus = corpus_sources(
        {
            "a": prepare("The New York Times reported the vote."),
            "b": prepare("The Washington Times reported the vote."),
            "c": prepare("Pope Francis said the talks would go on. Later Francis said more."),
        }
    )
    assert corpus.shared_sources() == []
    assert [s.name for s in corpus.articles["c"]] == ["Pope Francis"]


def test_short_english_names_are_not_folded_together():
    from analysis.sources.names import fold

    assert fold("Hill") != fold("Hall") != fold("Hull")
    assert fold("Hasan") == fold("Hassan") and fold("Golani") == fold("Julani") == fold("Jolani")
    corpus = corpus_sources(
        {"a": prepare("Katie Hill said the vote was close."), "b": prepare("Hall said the case was closed.")}
    )
    assert corpus.shared_sources() == []


def test_two_full_names_keep_a_bare_surname_apart():
    corpus = corpus_sources(
        {
            "a": prepare("John Smith said the army left."),
            "b": prepare("Jane Smith said the army stayed."),
            "c": prepare("Smith said nothing."),
        }
    )
    assert corpus.shared_sources() == []


def test_aliases_from_a_data_file(tmp_path):
    extra = tmp_path / "sources.toml"
    extra.write_text(
        Path(SOURCES_FILE).read_text(encoding="utf-8")
        + '\n[entities.un_envoy]\nname = "Geir Pedersen"\ntype = "monitor_ngo"\n'
        + 'aliases = ["Geir Pedersen", "the UN envoy"]\n',
        encoding="utf-8",
    )
    config = load_source_config(extra)
    corpus = corpus_sources(
        {"a": prepare("Geir Pedersen said talks must resume."), "b": prepare("The UN envoy said so.")}, config
    )
    ((source, articles),) = corpus.shared_sources()
    assert (source.name, source.type, articles) == ("Geir Pedersen", "monitor_ngo", ("a", "b"))


def test_shared_quotations_match_fuzzily():
    corpus = corpus_sources(
        {
            "a": prepare('"This is a turning point, not just militarily but symbolically," said a rebel commander.'),
            "b": prepare(
                "\u201cThis is a turning point not just militarily, but symbolically\u201d, a commander said."
            ),
            "c": prepare('"Something else entirely was said here," said a resident.'),
        }
    )
    (shared,) = corpus.shared_quotations
    assert shared.articles == ("a", "b")


def test_quotation_candidates_keep_edited_copies_and_skip_shared_phrases():
    from analysis.sources.quotations import _quote_candidates, _quote_words

    original = (
        "We have withdrawn our forces from the city of Hama to protect the lives of civilians and we will "
        "return to restore security and stability to the whole province once our units have regrouped"
    )
    trimmed_and_edited = original.split(" ", 6)[6].replace("protect", "preserve").replace("whole", "entire")
    common_phrases_only = (
        "The lives of civilians matter more than anything else, and the city of Hama is calm tonight "
        "despite the rumours spread online, officials insist again today in a statement read on television"
    )
    texts = [_quote_words(t) for t in (original, trimmed_and_edited, common_phrases_only)]
    assert _quote_candidates(texts) == {(0, 1)}
    corpus = corpus_sources(
        {key: prepare(f'"{text}," an official said.') for key, text in zip("abc", texts, strict=True)}
    )
    (shared,) = corpus.shared_quotations
    assert shared.articles == ("a", "b")


@pytest.fixture(scope="module")
def seed_sources(seeds):
    return corpus_sources({a.id: prepare(a.text) for a in seeds})


def test_hts_leader_is_one_shared_source_on_the_seeds(seed_sources):
    shared = {source.key: articles for source, articles in seed_sources.shared_sources()}
    assert shared["entity:hts_leader"] == (TERRORISTS_HEADLINE, INSURGENTS, SOCIAL_POSTS)
    spellings = {
        alias for s in seed_sources.articles[SOCIAL_POSTS] if s.key == "entity:hts_leader" for alias in s.aliases_seen
    }
    assert spellings == {"Abu Mohammed al-Julani", "Abu Mohammed al-Jolani"}


def test_army_or_state_media_cited_by_every_seed(seed_sources):
    for article_id, sources in seed_sources.articles.items():
        keys = {s.key for s in sources}
        assert keys & {"entity:syrian_army", "entity:syrian_state_media"}, article_id


def test_seed_sources_have_types_and_unnamed_kept_apart(seed_sources):
    for sources in seed_sources.articles.values():
        for source in sources:
            assert source.citations
            assert (source.type == "unnamed") == (not source.named)
    kinds = {s.type for sources in seed_sources.articles.values() for s in sources}
    assert {"government_military", "armed_opposition", "monitor_ngo", "media", "social_media", "unnamed"} <= kinds
    jaccard = seed_sources.jaccard(TERRORISTS_HEADLINE, INSURGENTS)
    assert 0 < jaccard < 1 and jaccard == seed_sources.jaccard(INSURGENTS, TERRORISTS_HEADLINE)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We are leaving," I said to the driver.', []),
        ('"Yes," she said. "Yes," said the guard.', []),
        ("According to Breitbart, officials said the road was closed.", [("Breitbart", ""), ("officials", "")]),
    ],
)
def test_pronouns_interjections_and_according_to_are_not_sources(text, expected):
    found = cited(text)
    assert [name for name, _ in found] == [name for name, _ in expected]


def test_a_person_named_in_full_and_by_surname_is_one_source_of_the_article():
    """The surname entry merged into the full name used to stay a second entry: the matrix kept one
    entry's count and the shared list counted the article twice."""
    corpus = corpus_sources(
        {
            "a": prepare(
                "Rep. Jerry Nadler said the bill was dead. Later, Nadler said it again. "
                "Nadler told reporters he was sure."
            ),
            "b": prepare("Senator Mary Smith said the vote would come. Smith told reporters it was close."),
        }
    )
    assert [(s.name, len(s.citations)) for s in corpus.articles["a"]] == [("Rep. Jerry Nadler", 3)]
    assert [len(s.mentions) for s in corpus.articles["a"]] == [3]
    matrix = source_matrix_frame(corpus)
    assert matrix.loc["a"].max() == 3 and matrix.loc["b"].max() == 2
    assert corpus.shared_sources() == []
    assert shared_sources_frame(corpus).empty


def test_an_article_counts_once_among_those_sharing_a_source():
    corpus = corpus_sources(
        {
            "a": prepare("Jerry Nadler said the bill was dead. Nadler said it again."),
            "b": prepare("Nadler told reporters the bill was dead."),
        }
    )
    ((_, articles),) = corpus.shared_sources()
    assert articles == ("a", "b")


@pytest.mark.parametrize(
    "text",
    [
        '"The bill is dead. We will not vote for it," Jerry Nadler said.',
        '"The bill is dead. We will not vote for it. Never," said Jerry Nadler.',
        "''The bill is dead. We will not vote for it,'' Jerry Nadler said.",
    ],
)
def test_a_quotation_of_several_sentences_is_credited_to_the_speaker_named_after_it(text):
    """Its attribution follows the closing mark, in the quotation's last sentence: it used to be
    looked for in the first, where there is none, so the quotation went to no one."""
    (source,) = article_sources(prepare(text), load_source_config())
    (quote,) = source.quotes
    assert source.name == "Jerry Nadler" and quote.quote.startswith("The bill is dead. We will not vote for it")


def test_a_quotation_introduced_before_it_opens_is_credited_once():
    text = 'Jerry Nadler told reporters: "The bill is dead. We will not vote for it." The vote came later.'
    (source,) = article_sources(prepare(text), load_source_config())
    assert [c.quote for c in source.quotes] == ["The bill is dead. We will not vote for it."]


def test_one_person_written_with_and_without_a_place_role_or_office_is_one_source():
    """The first word left after a title used to be taken as a first name: "Florida Sen. Marco
    Rubio" was keyed apart from "Marco Rubio" and left a bare "Rubio" unmerged."""
    table = {
        "a": "Florida Sen. Marco Rubio said the bill was dead.",
        "b": "Rubio said it again on Monday.",
        "c": "Marco Rubio told reporters he was sure.",
        "d": "White House spokesman Josh Earnest said the talks would go on.",
        "e": "Josh Earnest said the talks would go on.",
        "f": "Longtime Democratic strategist Paul Begala said the race was tight.",
        "g": "Paul Begala told CNN the race was tight.",
        "h": "California Democrat Adam Schiff said the inquiry would continue.",
        "i": "Rep. Adam Schiff said the inquiry would continue.",
        "j": "Secretary of State Antony Blinken said the talks were useful.",
        "k": "Antony Blinken told reporters the talks were useful.",
    }
    corpus = corpus_sources({k: prepare(v) for k, v in table.items()})
    shared = {source.name: ids for source, ids in corpus.shared_sources()}
    assert shared == {
        "Sen. Marco Rubio": ("a", "b", "c"),
        "Josh Earnest": ("d", "e"),
        "Paul Begala": ("f", "g"),
        "Adam Schiff": ("h", "i"),
        "Antony Blinken": ("j", "k"),
    }


@pytest.mark.parametrize(
    "text, name",
    [("Jim Kelly said the team would win.", "Jim Kelly"), ("Beverly Daly said the plan was sound.", "Beverly Daly")],
)
def test_a_surname_ending_in_ly_is_a_name_not_an_adverb(text, name):
    (source,) = article_sources(prepare(text), load_source_config())
    assert source.name == name


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Jerry Nadler said the bill was dead.", "person"),
        ("Officials said the bill was dead.", "anonymous"),
        ("Sources said the bill was dead.", "anonymous"),
        ("A source familiar with the talks said the bill was dead.", "anonymous"),
        ("Officials in Damascus said the city had fallen.", "anonymous"),
        ("The reports said the bill was dead.", "document"),
        ("A report by the agency said the city had fallen.", "document"),
        ("The statement said the bill was dead.", "document"),
        ("Fox News reported that the bill was dead.", "media outlet"),
        ("The Syrian Observatory for Human Rights said the city had fallen.", "organisation"),
        ("The Syrian army said it had withdrawn.", "government body"),
    ],
)
def test_each_source_has_the_kind_researchers_count(text, kind):
    from analysis.sources.kinds import kind_of

    (source,) = article_sources(prepare(text), load_source_config())
    assert kind_of(source) == kind


def test_how_much_each_outlet_relies_on_anonymous_sources_with_intervals():
    """Two outlets of six articles each; one cites anonymous officials in every article, the other
    named people: its anonymous share is 1 where the other's is 0, and the intervals say so."""
    from analysis.sources.kinds import KINDS, kind_shares

    texts = {}
    for k in range(6):
        texts[f"a{k}"] = prepare(f"Officials said the vote {k} was close. A source said it again.")
        texts[f"b{k}"] = prepare(f"Jerry Nadler said the vote {k} was close.")
    corpus = corpus_sources(texts)
    frame = sources_frame(corpus)
    shares = kind_shares(frame, {i: ("Alpha" if i.startswith("a") else "Beta") for i in texts})
    anonymous = shares[shares["kind"] == "anonymous"].set_index("group")
    assert anonymous.loc["Alpha", "share"] == 1.0 and anonymous.loc["Beta", "share"] == 0.0
    assert anonymous.loc["Alpha", "ci_low"] > anonymous.loc["Beta", "ci_high"]
    assert set(shares["kind"]) == set(KINDS) and (shares.groupby("group")["share"].sum() == 1.0).all()


@pytest.mark.parametrize(
    "text, credited",
    [
        # The one person of that gender named near: an honorific states it.
        ('Mr. Tom Hale said the port was shut. Mrs. Ann Reed said it was open. "It opens soon," he said.', "Hale"),
        # Only one person named in the whole article: "she" is that person, however far back.
        (
            'Senator Ann Reed said the vote was close. The debate went on. Members left. The hall emptied. "We lost," '
            "she said.",
            "Reed",
        ),
        # Two people named just before, neither's gender stated: "he" is credited to no one.
        (
            'John Adams and Peter Brown spoke. Adams said the plan would fail. Brown said it would not. "It is over," '
            "he said.",
            None,
        ),
    ],
)
def test_he_or_she_is_credited_only_when_it_is_unambiguous(text, credited):
    quoted = [s.name for s in article_sources(prepare(text)) for c in s.citations if c.kind == "quote"]
    if credited is None:
        assert quoted == []
    else:
        assert len(quoted) == 1 and credited in quoted[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Local reports said the bridge had collapsed.", [("reports", "unnamed")]),
        ("Police reports say three died.", [("police reports", "unnamed")]),
        ("Reuters reports the army left.", [("Reuters", "other")]),
    ],
)
def test_a_reporting_noun_before_the_verb_is_the_source_not_a_verb(text, expected):
    """ "reports" followed by "said" is the noun the verb belongs to: it used to be read as the verb,
    making "Local" a named source beside "reports"."""
    assert cited(text) == expected
