"""Reading articles: decoding, metadata that is stated (never guessed), refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.corpus import MAX_FILE_BYTES, Article, RefusedInput, article_from_bytes, decode
from analysis.readers import read_articles
from tests.conftest import INSURGENTS

TYPOGRAPHIC = "The army\u2019s \u201cwithdrawal\u201d from Hama \u2014 caf\u00e9 na\u00efve."


@pytest.mark.parametrize(
    "data",
    [
        TYPOGRAPHIC.encode("utf-8"),
        b"\xef\xbb\xbf" + TYPOGRAPHIC.encode("utf-8"),
        TYPOGRAPHIC.encode("utf-16"),
        b"\xfe\xff" + TYPOGRAPHIC.encode("utf-16-be"),
        TYPOGRAPHIC.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_decodings_keep_typographic_characters(data):
    assert decode(data) == TYPOGRAPHIC


def test_latin1_fallback_decodes_anything_8bit():
    assert decode("caf\u00e9 \x81".encode("latin-1")) == "caf\u00e9 \x81"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"1234 5678 -- 90.", "no letters"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 20 + b"some text", "binary"),
        (b"a" * (MAX_FILE_BYTES + 1), "too large"),
    ],
    ids=["empty", "whitespace", "no-letters", "png", "control-characters", "too-large"],
)
def test_refusals_give_a_one_line_reason(data, reason):
    with pytest.raises(RefusedInput) as refused:
        article_from_bytes(data, "bad.txt")
    assert reason in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_batch_goes_on_past_refused_files(tmp_path):
    (tmp_path / "good.txt").write_text("Rebels took the city.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "notes.md").write_text("# Notes\n\nThe army withdrew.", encoding="utf-8")
    result = read_articles([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in result.articles] == ["good.txt", "notes.md"]
    assert {r.id: r.reason.split(" ")[0] for r in result.refusals} == {
        "empty.txt": "empty",
        "image.txt": "binary",
        "sheet.xlsx": "unsupported",
        "missing.txt": "no",
    }


def test_markdown_front_matter_gives_metadata():
    text = (
        "---\ntitle: Hama falls\noutlet: Example Times\nauthor: A. Writer\n"
        "date: 2024-12-05\nurl: https://example.org/a\n---\nRebels took Hama."
    )
    article = article_from_bytes(text.encode(), "a.md")
    assert article == Article(
        id="a.md",
        title="Hama falls",
        text=text.replace("---\nRebels", "---\nHama falls\n\nRebels"),  # the stated title is the headline
        outlet="Example Times",
        author="A. Writer",
        published=dt.date(2024, 12, 5),
        url="https://example.org/a",
    )


def test_seed_titles_and_metadata(seeds):
    by_id = {a.id: a for a in seeds}
    assert len(by_id) == 5
    assert by_id["000_e4e850f0e76c0e81.txt"].title == (
        "Syrian Islamist Terrorists Seize Control of Hama, Just Days After Capturing Aleppo"
    )
    assert by_id["001_201251cabcee9068.txt"].title.startswith("Syrian rebels captured the city of Hama")
    assert by_id[INSURGENTS].title.startswith("Syrian insurgents captured the key city of Hama")
    # One seed names its outlet and author in its first line; nothing else is stated.
    assert (by_id[INSURGENTS].outlet, by_id[INSURGENTS].author) == ("Newslooks", "J. Mansour")
    for article in seeds:
        assert article.published is None and article.url is None
        if article.id != INSURGENTS:
            assert (article.outlet, article.author) == (None, None)
        assert len(article.title) <= 91


def test_a_stretch_just_over_the_sentence_limit_is_warned_of_and_one_at_it_is_not():
    from analysis.corpus import text_warning
    from analysis.limits import MAX_SENTENCE_WORDS

    at_limit = " ".join(["a"] * MAX_SENTENCE_WORDS)  # the shortest text of that many words
    over = " ".join(["a"] * (MAX_SENTENCE_WORDS + 1))
    assert text_warning(f"Start. {at_limit}. End.") is None
    assert f"{MAX_SENTENCE_WORDS + 1:,} words" in text_warning(f"Start. {over}. End.")
