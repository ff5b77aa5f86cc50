"""Reading every supported format, and refusing what cannot be an article, one file at a time."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import analysis.readers
from analysis.corpus import RefusedInput, parse_date
from analysis.limits import MAX_FILE_BYTES
from analysis.readers import read_articles, read_upload, read_uploads
from tests.samples import HTML_PAGE, docx_bytes, pdf_bytes

TEXT = "Rebels took the city of Hama on Thursday. The army said it had withdrawn to protect civilians."


def test_html_keeps_the_article_and_its_metadata_and_drops_the_rest():
    (article,) = read_upload("page.html", HTML_PAGE).articles
    assert article.title == "Rebels seize Hama after army withdrawal"
    assert (article.outlet, article.author, article.published) == ("Example News", "Jane Roe", dt.date(2024, 12, 6))
    assert "insurgents, led by Hayat Tahrir al-Sham" in article.text
    for dropped in ("Buy now", "Subscribe", "Home | World", "Copyright", "__pwned", "onerror", "steal()"):
        assert dropped not in article.text


def test_html_without_an_article_is_refused():
    with pytest.raises(RefusedInput, match="no article text"):
        read_upload("empty.html", b"<html><head><script>x()</script></head><body><nav>Home</nav></body></html>")


def test_docx_text_and_properties():
    data = docx_bytes(["Hama falls", TEXT, "Residents stayed home."], title="Hama falls", author="A. Writer")
    (article,) = read_upload("report.docx", data).articles
    assert (article.title, article.author) == ("Hama falls", "A. Writer")
    assert "Residents stayed home." in article.text


def test_broken_docx_is_refused():
    with pytest.raises(RefusedInput, match="Word"):
        read_upload("broken.docx", b"PK\x03\x04 not really a zip")


def test_pdf_text_layer():
    (article,) = read_upload("report.pdf", pdf_bytes(["Rebels took Hama on Thursday.", "The army withdrew."])).articles
    assert "Rebels took Hama" in article.text and "army withdrew" in article.text


def test_scanned_pdf_is_refused_with_that_reason():
    with pytest.raises(RefusedInput, match="scanned PDF with no text layer"):
        read_upload("scan.pdf", pdf_bytes([]))


def test_csv_with_its_own_column_names():
    data = (
        "Headline,Body,Publication,Byline,Published,Link\n"
        f'Hama falls,"{TEXT}",Example Times,A. Writer,2024-12-05,https://example.org/a\n'
        'Second,"The rebels advanced towards Homs on Friday.",,,,\n'
    ).encode()
    result = read_upload("news.csv", data)
    first, second = result.articles
    assert (first.title, first.outlet, first.author, first.published, first.url) == (
        "Hama falls",
        "Example Times",
        "A. Writer",
        dt.date(2024, 12, 5),
        "https://example.org/a",
    )
    assert (second.outlet, second.author, second.published, second.url) == (None, None, None, None)
    assert [a.id for a in result.articles] == ["news.csv#1", "news.csv#2"]


def test_csv_mapping_chosen_by_the_user():
    data = b"a,b\nMy title,Rebels took Hama on Thursday.\n"
    with pytest.raises(RefusedInput, match="no text column"):
        read_upload("odd.csv", data)
    (article,) = read_upload("odd.csv", data, {"title": "a", "text": "b"}).articles
    assert article.title == "My title"


def test_utf16_csv_and_bad_rows():
    data = "title;text\nA;Rebels took Hama \u2014 \u201cfinally\u201d.\nB;\nC;1234\n".encode("utf-16")
    result = read_upload("sheet.csv", data)
    (article,) = result.articles
    assert "\u201cfinally\u201d" in article.text
    assert [r.reason for r in result.refusals] == ["row 2: empty text", "row 3: no letters: nothing to analyse"]


@pytest.mark.parametrize(
    "name, data",
    [
        ("rows.json", json.dumps([{"title": "A", "text": TEXT, "date": "5 December 2024"}]).encode()),
        ("rows.json", json.dumps({"articles": [{"title": "A", "text": TEXT, "date": "5 December 2024"}]}).encode()),
        ("rows.jsonl", (json.dumps({"title": "A", "text": TEXT, "date": "5 December 2024"}) + "\n").encode()),
    ],
)
def test_json_and_jsonl(name, data):
    (article,) = read_upload(name, data).articles
    assert (article.title, article.published) == ("A", dt.date(2024, 12, 5))


def test_table_row_limit_is_stated(monkeypatch):
    monkeypatch.setattr("analysis.table_files.MAX_TABLE_ROWS", 2)
    data = "text\n" + "\n".join(f"Article number {i} about Hama." for i in range(5))
    result = read_upload("big.csv", data.encode())
    assert len(result.articles) == 2
    assert result.notes == ["big.csv: only the first 2 of 5 rows were imported"]


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
        ("broken.json", b"{not json", "could not be read as JSON"),
        ("huge.txt", b"a" * (5 * 1024 * 1024 + 1), "file too large"),
    ],
)
def test_refusals(name, data, reason):
    with pytest.raises(RefusedInput, match=reason):
        read_upload(name, data)


def test_a_table_over_the_file_limit_is_read_in_a_stream_and_a_json_document_is_told_what_would_work(
    tmp_path, monkeypatch
):
    rows = [f"Article {i}: rebels took Hama on Thursday and the army withdrew to the south." for i in range(70_000)]
    csv_data = ("text\n" + "\n".join(rows) + "\n").encode()
    jsonl_data = "\n".join(json.dumps({"text": row}) for row in rows).encode()
    assert len(csv_data) > MAX_FILE_BYTES and len(jsonl_data) > MAX_FILE_BYTES
    (tmp_path / "big.csv").write_bytes(csv_data)
    (tmp_path / "big.jsonl").write_bytes(jsonl_data)
    (tmp_path / "big.json").write_bytes(b"[" + jsonl_data.replace(b"\n", b",") + b"]")
    (tmp_path / "long.txt").write_bytes(csv_data)
    read = read_articles([tmp_path])
    texts = {name: [a.text for a in read.articles if a.source_file.endswith(name)] for name in ("big.csv", "big.jsonl")}
    assert texts["big.csv"] == texts["big.jsonl"] == rows
    reasons = {r.id: r.reason for r in read.refusals}
    assert reasons.keys() == {"big.json", "long.txt"}
    assert "save the table as JSON Lines (one article per line), CSV or Parquet" in reasons["big.json"]
    assert reasons["long.txt"] == f"file too large ({len(csv_data) / 1e6:.1f} MB; the limit is 5 MB)"
    assert [a.text for a in read_upload("big.csv", csv_data).articles] == rows  # an upload's bytes alike

    monkeypatch.setattr(analysis.readers, "MAX_TABLE_BYTES", 1_000_000)
    with pytest.raises(
        RefusedInput, match=r"file too large \(.* the limit is 1 MB\): split the table into files under 1 MB"
    ):
        read_upload("big.csv", csv_data)


def test_a_folder_of_mixed_files(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="cp1252")
    (tmp_path / "b.html").write_bytes(HTML_PAGE)
    (tmp_path / "c.docx").write_bytes(docx_bytes([TEXT]))
    (tmp_path / "d.pdf").write_bytes(pdf_bytes([]))
    (tmp_path / "e.csv").write_text("text\nRebels took Hama.\n\n", encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["a.txt", "b.html", "c.docx", "e.csv#1"]
    assert [(r.id, r.reason) for r in result.refusals] == [("d.pdf", "scanned PDF with no text layer (run OCR first)")]


def test_many_files_read_on_several_processes_equal_one_process_with_every_refusal_in_place(tmp_path, monkeypatch):
    from analysis.readers import _read_each

    (tmp_path / "a.txt").write_text(TEXT, encoding="cp1252")
    (tmp_path / "b.html").write_bytes(HTML_PAGE)
    (tmp_path / "c.docx").write_bytes(docx_bytes([TEXT]))
    (tmp_path / "d.pdf").write_bytes(pdf_bytes([]))  # refused: no text layer
    (tmp_path / "e.csv").write_text("text\nRebels took Hama.\n\n", encoding="utf-8")
    (tmp_path / "f.txt").write_bytes(b"")  # refused: empty
    (tmp_path / "g.txt").write_bytes(bytes(range(256)) * 40)  # refused: binary
    (tmp_path / "h.xyz").write_text("not a supported kind")  # refused: its type
    paths = [tmp_path, tmp_path / "missing.txt", tmp_path / "a.txt"]
    one = read_articles(paths, workers=1)
    monkeypatch.setattr("analysis.readers.PARALLEL_READ_FROM", 2)
    calls = []
    monkeypatch.setattr(
        "analysis.readers._read_each",
        lambda files, mapping, workers: calls.append(workers) or _read_each(files, mapping, workers),
    )
    several = read_articles(paths, workers=2)
    assert calls == [2]
    assert several == one
    assert [a.id for a in one.articles] == ["a.txt", "b.html", "c.docx", "e.csv#1", str(tmp_path / "a.txt")]
    assert [r.id for r in one.refusals] == ["d.pdf", "f.txt", "g.txt", "h.xyz", "missing.txt"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", None),
        ("2024-12-05", dt.date(2024, 12, 5)),
        ("2024-12-05T08:00:00Z", dt.date(2024, 12, 5)),
        ("5 December 2024", dt.date(2024, 12, 5)),
        ("December 5, 2024", dt.date(2024, 12, 5)),
        ("05/12/2024", None),
        ("yesterday", None),
    ],
)
def test_dates_are_parsed_never_guessed(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "name, data",
    [
        ("table.csv", b'title,text\n"Islamist terrorists seize Hama","The city fell on Thursday, residents said."\n'),
        ("front.md", b"---\ntitle: Islamist terrorists seize Hama\n---\nThe city fell on Thursday, residents said."),
        ("one.json", b'{"title": "Islamist terrorists seize Hama", "text": "The city fell on Thursday, people said."}'),
    ],
)
def test_a_stated_title_is_scored_as_the_headline(name, data):
    from analysis.scoring import score_article

    (article,) = read_upload(name, data).articles
    scores = score_article(article)
    assert article.text[scores.prepared.headline.start : scores.prepared.headline.end] == article.title
    headline_groups = {h.group for h in scores.framing.hits if h.in_headline}
    assert {"terrorist", "islamist"} <= headline_groups
    assert scores.tone.headline_compound is not None


def test_a_title_already_at_the_top_is_not_repeated():
    (article,) = read_upload("t.csv", b'title,text\n"Rebels take Hama","Rebels take Hama\n\nThe city fell."\n').articles
    assert article.text.count("Rebels take Hama") == 1


# A Media Cloud story list as its search exports it (stories_id, publish_date, title, url, language,
# media_name, media_url), made up here; a researcher adds the texts as a column.
MEDIA_CLOUD = (
    "stories_id,publish_date,title,url,language,media_name,media_url\n"
    "2871231,2024-12-05 09:14:00,Rebels take Hama,https://news.example.org/a,en,Example News,news.example.org\n"
    "2871299,2024-12-06 17:02:11,Army leaves Hama,https://other.example.com/b,en,,other.example.com\n"
)


def test_media_cloud_export_with_texts_added_reads_its_outlets_ids_and_dates():
    rows = MEDIA_CLOUD.splitlines()
    texts = [TEXT, "The army withdrew from Hama on Friday, the ministry said."]
    data = "\n".join([rows[0] + ",text", *(f'{row},"{text}"' for row, text in zip(rows[1:], texts, strict=True))])
    first, second = read_upload("mediacloud.csv", data.encode()).articles
    assert (first.id, first.outlet, first.published, first.url) == (
        "2871231",
        "Example News",
        dt.date(2024, 12, 5),
        "https://news.example.org/a",
    )
    assert (second.id, second.outlet) == ("2871299", "other.example.com")  # no name: the outlet's address
    assert dict(first.metadata) == {"language": "en", "media_url": "news.example.org"}


def test_media_cloud_export_without_texts_is_refused_once_saying_why():
    with pytest.raises(RefusedInput, match="Media Cloud exports carry no article text") as refused:
        read_upload("mediacloud.csv", MEDIA_CLOUD.encode())
    assert "url column" in str(refused.value) and "#1" not in str(refused.value)
    batch = read_uploads([("mediacloud.csv", MEDIA_CLOUD.encode()), ("ok.txt", TEXT.encode())])
    assert [a.id for a in batch.articles] == ["ok.txt"]
    (refusal,) = batch.refusals  # one refusal for the file, none per row
    assert refusal.id == "mediacloud.csv" and "Media Cloud" in refusal.reason


def test_trafilatura_json_names_the_outlet_by_site_name_then_host():
    rows = [
        {"title": "Rebels take Hama", "text": TEXT, "sitename": "Example News", "hostname": "news.example.org"},
        {"title": "Army leaves", "text": TEXT + " More.", "hostname": "other.example.com"},
    ]
    first, second = read_upload("pages.json", json.dumps(rows).encode()).articles
    assert (first.outlet, second.outlet) == ("Example News", "other.example.com")


def test_saved_page_without_a_site_name_takes_its_host():
    page = HTML_PAGE.replace(b'<meta property="og:site_name" content="Example News">', b"").replace(
        b"<head>", b'<head><link rel="canonical" href="https://www.example.net/world/hama">'
    )
    (article,) = read_upload("page.html", page).articles
    assert article.outlet == "example.net"  # as trafilatura gives the host, without www.


def nexis_uni_paragraphs() -> list[str]:
    """A Nexis Uni export in its documented layout (made up here): a cover page, then articles
    that each end at "End of Document"; the third has no date and is refused on its own."""
    return [
        "Results list for: Hama",
        "Search Terms: Hama AND rebels",
        "Documents (3)",
        "Client/Matter: -None-",
        "Rebels seize Hama as army withdraws",
        "The Daily Example",
        "December 5, 2024 Thursday",
        "Copyright 2024 The Daily Example",
        "Section: WORLD; Pg. 12",
        "Length: 48 words",
        "Byline: Jane Roe",
        "Body",
        "Rebels took the city of Hama on Thursday.",
        "The army said it had withdrawn to protect civilians.",
        "Load-Date: December 6, 2024",
        "End of Document",
        "Army redeploys outside Hama",
        "Evening Wire",
        "December 6, 2024 Friday 9:14 PM GMT",
        "Length: 30 words",
        "Body",
        "The army said its units were redeploying outside the city.",
        "Load-Date: December 7, 2024",
        "End of Document",
        "An item without a date",
        "Body",
        "Some text.",
        "End of Document",
    ]


def test_a_nexis_uni_docx_splits_into_its_articles_with_their_fields():
    result = read_upload("nexis.docx", docx_bytes(nexis_uni_paragraphs()))
    first, second = result.articles
    assert (first.id, first.title, first.outlet, first.author, first.published) == (
        "nexis.docx#1",
        "Rebels seize Hama as army withdraws",
        "The Daily Example",
        "Jane Roe",
        dt.date(2024, 12, 5),
    )
    assert dict(first.metadata) == {"section": "WORLD; Pg. 12", "length": "48 words"}
    assert "Rebels took the city of Hama" in first.text and "Load-Date" not in first.text
    assert "Search Terms" not in first.text and "End of Document" not in first.text  # cover page dropped
    assert (second.title, second.outlet, second.published) == (
        "Army redeploys outside Hama",
        "Evening Wire",
        dt.date(2024, 12, 6),
    )
    (refused,) = result.refusals
    assert refused.id == "nexis.docx#3" and "headline, outlet and date" in refused.reason


def test_an_old_nexis_com_text_export_splits_at_its_document_counters():
    text = (
        "                1 of 2 DOCUMENTS\n\n"
        "The Example Times\n\nDecember 5, 2024 Thursday\n\nRebels enter Hama\n\n"
        "BYLINE: A. Writer\n\nSECTION: FOREIGN; Pg. 3\n\nLENGTH: 20 words\n\n"
        "Rebels entered the city of Hama on Thursday, residents said.\n\n"
        "LOAD-DATE: December 6, 2024\n\nLANGUAGE: ENGLISH\n\n"
        "                2 of 2 DOCUMENTS\n\n"
        "Wire Service\n\nDecember 6, 2024\n\nArmy leaves Hama\n\nLENGTH: 12 words\n\n"
        "The army withdrew from Hama, the ministry said.\n\nLANGUAGE: ENGLISH\n"
    )
    first, second = read_upload("nexis.txt", text.encode()).articles
    assert (first.outlet, first.published, first.title, first.author) == (
        "The Example Times",
        dt.date(2024, 12, 5),
        "Rebels enter Hama",
        "A. Writer",
    )
    assert first.text.endswith("residents said.") and "LANGUAGE" not in first.text
    assert (second.outlet, second.title) == ("Wire Service", "Army leaves Hama")


def test_an_ordinary_text_that_mentions_documents_is_one_article():
    text = "Rebels took Hama.\n\nThe end of document review came later; 3 of 4 documents were signed."
    (article,) = read_upload("plain.txt", text.encode()).articles
    assert article.id == "plain.txt"


def factiva_html() -> bytes:
    """A Factiva export saved as HTML in its documented layout (made up here): each field a tag cell
    beside its value; the second article has no text and is refused on its own."""

    def article(fields: list[tuple[str, str]]) -> str:
        rows = "".join(f"<tr><td><b>{tag}</b></td><td>{value}</td></tr>" for tag, value in fields)
        return f'<div class="article"><table>{rows}</table></div>'

    return (
        "<html><head><script>window.__pwned = 1</script></head><body><p>Search Summary</p>"
        + article(
            [
                ("HD", "Rebels seize Hama &amp; the army withdraws"),
                ("BY", "By Jane Roe"),
                ("WC", "48 words"),
                ("PD", "5 December 2024"),
                ("SN", "The Example Times"),
                ("LA", "English"),
                ("LP", "Rebels took the city of Hama on Thursday."),
                ("TD", "The army said it had withdrawn <img src=x onerror=alert(1)> to protect civilians."),
                ("AN", "Document EXTIM00020241205ek5c0001a"),
            ]
        )
        + article([("HD", "An item without text"), ("SN", "Wire"), ("AN", "Document WIRE000020241206ek5c0002b")])
        + "</body></html>"
    ).encode()


def test_a_factiva_html_export_splits_into_its_articles():
    result = read_upload("factiva.html", factiva_html())
    (article,) = result.articles
    assert (article.id, article.title, article.outlet, article.author, article.published) == (
        "EXTIM00020241205ek5c0001a",
        "Rebels seize Hama & the army withdraws",
        "The Example Times",
        "Jane Roe",
        dt.date(2024, 12, 5),
    )
    assert "Rebels took the city of Hama" in article.text and "to protect civilians" in article.text
    assert "onerror" not in article.text and "Search Summary" not in article.text
    assert dict(article.metadata) == {"words": "48 words", "language": "English"}
    (refused,) = result.refusals
    assert refused.id == "WIRE000020241206ek5c0002b"  # Factiva's own id, so the reason names the file
    assert "of factiva.html: no headline (HD) or no text" in refused.reason


def test_a_factiva_text_export_splits_too():
    fields = ["HD", "Army leaves Hama", "SN", "Wire Service", "PD", "6 December 2024", "TD", "The army withdrew."]
    text = "\n".join([*fields, "AN", "Document W1"])
    (article,) = read_upload("factiva.txt", text.encode()).articles
    assert (article.id, article.outlet, article.title) == ("W1", "Wire Service", "Army leaves Hama")


def rtf_bytes(paragraphs: list[str]) -> bytes:
    """A Rich Text file as word processors write it: a font table, a hidden picture group, one
    paragraph per \\par, characters outside ASCII as \\u escapes."""

    def escaped(text: str) -> str:
        text = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in text)

    body = "".join(f"\\pard\\plain\\f0\\fs24 {escaped(p)}\\par\n" for p in paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n"
        "{\\*\\generator Example Writer;}{\\pict\\pngblip 89504e470d0a1a0a}\n" + body + "}"
    ).encode("ascii")


def test_a_nexis_uni_rtf_splits_like_its_docx():
    paragraphs = nexis_uni_paragraphs()
    paragraphs[paragraphs.index("Rebels took the city of Hama on Thursday.")] = "Rebels took Ḥamā\u2019s centre."
    result = read_upload("nexis.rtf", rtf_bytes(paragraphs))
    first, second = result.articles
    assert (first.id, first.title, first.outlet, first.author, first.published) == (
        "nexis.rtf#1",
        "Rebels seize Hama as army withdraws",
        "The Daily Example",
        "Jane Roe",
        dt.date(2024, 12, 5),
    )
    assert "Rebels took Ḥamā\u2019s centre." in first.text  # \u escapes decoded
    assert "pngblip" not in first.text and "89504e" not in first.text and "Times New Roman" not in first.text
    assert second.title == "Army redeploys outside Hama"
    (refused,) = result.refusals
    assert refused.id == "nexis.rtf#3"


def test_a_factiva_rtf_splits_into_its_articles():
    fields = ["HD", "Army leaves Hama", "SN", "Wire Service", "PD", "6 December 2024", "TD", "The army withdrew."]
    (article,) = read_upload("factiva.rtf", rtf_bytes([*fields, "AN", "Document W1"])).articles
    assert (article.id, article.outlet, article.title, article.published) == (
        "W1",
        "Wire Service",
        "Army leaves Hama",
        dt.date(2024, 12, 6),
    )


def test_a_single_rtf_article_and_bad_rtf_files_are_refused_on_their_own(tmp_path):
    (article,) = read_upload("note.rtf", rtf_bytes(["Rebels enter Hama", "Residents said the army had gone."])).articles
    assert article.title == "Rebels enter Hama" and "army had gone" in article.text
    (tmp_path / "fake.rtf").write_bytes(b"MZ\x90\x00 not rich text at all")
    (tmp_path / "empty.rtf").write_bytes(b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par\\par}")
    (tmp_path / "good.rtf").write_bytes(rtf_bytes(["Army leaves Hama", "The army withdrew from Hama."]))
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["good.rtf"]
    reasons = {r.id: r.reason for r in result.refusals}
    assert "does not begin with {\\rtf" in reasons["fake.rtf"] and "no text" in reasons["empty.rtf"]


def test_a_parquet_table_imports_and_a_broken_one_is_refused_on_its_own():
    import io

    import pandas as pd

    frame = pd.DataFrame(
        {
            "stories_id": ["1", "2"],
            "media_name": ["Wire", "Daily"],
            "publish_date": pd.to_datetime(["2018-04-02", "2018-04-03"]),
            "text": ["Rebels took the city on Monday.", "The army withdrew from the city."],
        }
    )
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    good = buffer.getvalue()
    batch = read_uploads([("export.parquet", good), ("broken.parquet", good[: len(good) // 2]), ("x.parquet", b"")])
    assert [(a.id, a.outlet, a.published) for a in batch.articles] == [
        ("1", "Wire", dt.date(2018, 4, 2)),
        ("2", "Daily", dt.date(2018, 4, 3)),
    ]
    reasons = {r.id: r.reason for r in batch.refusals}
    assert "could not be read as Parquet" in reasons["broken.parquet"] and reasons["x.parquet"] == "empty file"


def test_a_csv_row_with_more_fields_than_its_header_is_refused_not_cut():
    data = b"title,text\nOne,Rebels took Hama.\nTwo,The army withdrew, residents said, from the city.\n"
    result = read_upload("extra.csv", data)
    assert [a.title for a in result.articles] == ["One"]
    (refusal,) = result.refusals
    assert refusal.id == "extra.csv#2" and "4 fields where the header names 2" in refusal.reason


def test_a_database_export_keeps_at_most_the_table_row_limit(monkeypatch):
    import analysis.readers

    monkeypatch.setattr(analysis.readers, "MAX_TABLE_ROWS", 3)
    fields = ["HD", "Army leaves Hama", "SN", "Wire", "TD", "The army withdrew.", "AN"]
    text = "\n".join(line for n in range(5) for line in [*fields, f"Document W{n}"])
    result = read_upload("factiva.txt", text.encode())
    assert [a.id for a in result.articles] == ["W0", "W1", "W2"]
    assert "only the first 3 of 5 articles" in " ".join(result.notes)


def test_a_file_that_yields_no_article_is_refused_with_a_reason():
    """A Factiva export whose only article never closes with its AN line: refused, not silently empty."""
    with pytest.raises(RefusedInput, match="no article found"):
        read_upload("open.html", b"<p>HD</p><p>Army leaves Hama</p><p>TD</p><p>The army withdrew.</p><p>AN</p>")


def test_a_table_that_turns_binary_part_way_keeps_the_rows_before_and_says_how_many(tmp_path):
    from analysis.readers import read_in_parts
    from analysis.store import Store

    rows = [f"Article {i}: rebels took Hama on Thursday and the army withdrew to the south." for i in range(60_000)]
    text = ("text\n" + "\n".join(rows) + "\n").encode()
    table = tmp_path / "dump.csv"
    table.write_bytes(text + bytes(range(32)) * 100_000)  # a binary block after 4.8 MB of rows
    assert table.stat().st_size > MAX_FILE_BYTES  # read in a stream
    report, _ = Store(tmp_path / "s.sqlite").import_parts("dump", read_in_parts([table]))
    assert [a.text for a in report.added][:3] == rows[:3] and 0 < len(report.added) < len(rows) + 1
    (refused,) = report.refused
    assert refused.id == "dump.csv"
    assert refused.reason == f"binary file, not text (its first {len(report.added):,} rows were read)"
