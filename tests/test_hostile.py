"""Bad and hostile input: each file is refused on its own with its reason, the rest go through,
and nothing from a file runs, renders or reaches the user as a traceback."""

from __future__ import annotations

import os
import pickle
import re
import string
import subprocess
import sys
import tomllib

import pytest

from analysis.errors import RefusedInput
from analysis.lexicon import LexiconError, parse_lexicon
from analysis.limits import MAX_FILE_BYTES, MAX_TABLE_BYTES, UPLOAD_WIDGET_MB
from analysis.paths import PROJECT_DIR
from analysis.readers import read_upload, read_uploads
from tests.hostile import GOOD_TEXT, hostile_files, readable_files
from ui.markdown import ZERO_WIDTH_SPACE, md


@pytest.fixture(scope="module")
def hostile():
    return hostile_files()


@pytest.fixture(scope="module")
def readable():
    return readable_files()


def test_every_hostile_file_is_refused_with_its_reason(hostile):
    for name, data, reason in hostile:
        try:
            result = read_upload(name, data)
        except RefusedInput as error:
            assert reason in str(error), (name, str(error))
            continue
        # A table whose every row is refused is not refused whole: each row says why.
        assert not result.articles and result.refusals, name
        assert all(reason in r.reason for r in result.refusals), (name, result.refusals)


def test_awkward_files_are_read_and_say_what_was_odd(readable):
    for name, data, note in readable:
        result = read_upload(name, data)
        assert result.articles, name
        if note:
            assert any(note in n for n in [*result.notes, *(r.reason for r in result.refusals)]), (name, result.notes)


def test_utf16_without_a_byte_order_mark_is_text():
    data = "Les rebelles ont pris Hama, selon des habitants.".encode("utf-16-le")
    assert read_upload("f.txt", data).articles[0].text.startswith("Les rebelles")
    assert read_upload("f.txt", "Rebels took Hama.".encode("utf-16-be")).articles[0].text == "Rebels took Hama."


def test_mixed_encodings_keep_both_parts_readable():
    data = "Caf\u00e9 owners said so. ".encode() + "The na\u00efve claim.".encode("cp1252")
    result = read_upload("m.txt", data)
    assert result.articles[0].text == "Caf\u00e9 owners said so. The na\u00efve claim."
    assert "1 byte was not" in result.notes[0]


def test_a_jsonl_file_keeps_its_good_lines_and_names_the_bad_one():
    data = b'{"text": "Rebels took Hama."}\n\n{"text": broken\n{"text": "The army withdrew."}\n'
    result = read_upload("l.jsonl", data)
    assert [a.text for a in result.articles] == ["Rebels took Hama.", "The army withdrew."]
    assert [r.reason.split(":")[0] for r in result.refusals] == ["line 3"]


def test_a_single_json_object_is_one_article_and_a_list_field_its_paragraphs():
    data = b'{"title": "One", "text": ["Rebels took Hama.", "The army withdrew."], "tags": ["a"]}'
    (article,) = read_upload("o.json", data).articles
    assert article.text == "One\n\nRebels took Hama.\n\nThe army withdrew."  # the title is its headline
    assert article.title == "One"


def test_a_csv_cell_longer_than_the_csv_module_default_is_read():
    text = "Rebels took Hama. " * 10_000  # 180,000 characters, past csv's default field limit
    result = read_upload("long.csv", f'text\n"{text}"\n'.encode())
    assert len(result.articles[0].text) == len(text.strip())


def test_an_encrypted_pdf_with_an_empty_password_is_read():
    import io

    from pypdf import PdfReader, PdfWriter

    from tests.hostile import good_pdf

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(good_pdf())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert GOOD_TEXT[:20] in read_upload("open.pdf", buffer.getvalue()).articles[0].text


def test_a_batch_keeps_the_good_files_and_names_every_refused_one(hostile, readable):
    batch = read_uploads([(n, d) for n, d, _ in hostile + readable])
    refused = {r.id.split("#")[0] for r in batch.refusals}
    assert {name for name, _, _ in hostile} <= refused
    assert {a.source_file for a in batch.articles} >= {n for n, _, _ in readable}


def test_the_command_line_imports_the_good_files_of_a_hostile_batch(tmp_path, hostile, readable):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, data, _ in hostile + readable:
        (folder / name).write_bytes(data)
    env = {**os.environ, "FRAMELENS_DB": str(tmp_path / "cli.sqlite"), "PYTHONPATH": str(PROJECT_DIR)}
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "import", str(folder), "--collection", "batch"],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("9 added to 'batch'")  # 8 readable files, one with two good lines
    for name, _, reason in hostile:
        line = next(line for line in done.stderr.splitlines() if line.startswith(f"refused {name}"))
        assert reason in line


@pytest.mark.parametrize(
    "raw, line",
    [
        ("actors = 5", "line 1: actors must be a table"),
        ("[actors]\nrebels = 'x'", "line 2: actors.rebels must be a table"),
        ("[actors.'armed opposition'.groups.g]\nposition = 0\nforms = ['x']", "may hold only letters"),
        ("x = " + "[" * 600 + "]" * 600, "nested too deeply"),
        ("[actors.r]\nignore = 5\n[actors.r.groups.g]\nposition = 0\nforms = ['x']", "ignore must be a list"),
        ("name = {a = 1}\n[actors.r.groups.g]\nposition = 0\nforms = ['x']", "name must be text"),
    ],
)
def test_a_broken_lexicon_names_what_is_wrong(raw, line):
    with pytest.raises(LexiconError, match=line):
        parse_lexicon(raw)


def test_the_command_line_names_a_broken_lexicon_without_a_traceback(tmp_path):
    lexicon = tmp_path / "broken.toml"
    lexicon.write_text("actors = 5\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "score", "--lexicon", str(lexicon)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "line 1: actors must be a table" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "text",
    [
        "![x](https://example.invalid/x.png)",
        "[link](https://example.invalid)",
        ":red[coloured] $x^2$ **bold** <b>tag</b>",
        "https://example.invalid www.example.invalid someone@example.invalid",
    ],
)
def test_markdown_from_users_is_shown_as_typed(text):
    escaped = md(text)
    punctuation = re.escape(string.punctuation)
    # Every punctuation mark is escaped, so no link, image, colour, formula or tag can form.
    assert re.fullmatch(rf"(?:\\[{punctuation}]|[^{punctuation}])*", escaped), escaped
    assert re.sub(rf"\\([{punctuation}])", r"\1", escaped).replace(ZERO_WIDTH_SPACE, "") == text
    # Web and e-mail addresses are broken up invisibly, so they are not made into links either.
    assert "://" not in escaped.replace("\\", "") and "www." not in escaped.replace("\\", "")


def test_the_server_is_private_and_hides_tracebacks():
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    assert config["client"]["showErrorDetails"] == "none"
    # The uploader lets oversized files through to the readers, which refuse them by name.
    assert config["server"]["maxUploadSize"] == UPLOAD_WIDGET_MB > MAX_TABLE_BYTES / 1e6 > MAX_FILE_BYTES / 1e6


class _Exploit:
    """What a tampered score cache would hold: a pickle that runs code when it is loaded."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_tampered_score_cache_runs_nothing_and_is_rescored(tmp_path, seeds):
    from analysis.lexicon import load_lexicon
    from analysis.pipeline import score_all, scorer_key
    from analysis.scoring import score_articles
    from analysis.store import Store, content_hash

    store = Store(tmp_path / "cache.sqlite")
    lexicon = load_lexicon()
    marker = tmp_path / "pwned"
    payloads = {content_hash(a.text): pickle.dumps(_Exploit(marker)) for a in seeds[:2]}
    payloads[content_hash(seeds[2].text)] = '{"prepared": 1}'
    store.cache_scores(payloads, scorer_key(lexicon))
    scores = score_all(seeds, lexicon, workers=1, store=store)
    assert not marker.exists()
    assert scores == score_articles(seeds, lexicon)
