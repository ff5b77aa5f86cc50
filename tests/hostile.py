"""Bad and hostile files, built in the test run: what a clumsy user or an attacker would upload.

Each builder returns (file name, bytes, what the refusal or note must say). None in the last
place means the file must be read, not refused.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from analysis.limits import MAX_EXPANDED_BYTES, MAX_FILE_BYTES
from tests.samples import docx_bytes, pdf_with_stream

GOOD_TEXT = "Rebels captured the city of Hama on Thursday, residents said. The army withdrew to the south."


def _docx(document_xml: bytes) -> bytes:
    """A Word file made by python-docx whose main part is replaced by `document_xml`."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def good_docx() -> bytes:
    return docx_bytes([GOOD_TEXT + " The report came from a Word file."])


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bomb() -> bytes:
    """A few hundred KB that expand past the limit: one paragraph of repeated text."""
    run = b"Hama " * ((MAX_EXPANDED_BYTES + 5_000_000) // 5)
    return _docx(
        b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>" + run + b"</w:t></w:r></w:p></w:body></w:document>"
    )


def docx_laughs() -> bytes:
    """Billion laughs: ten entities, each ten of the one before."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return _docx(
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document {W}><w:body><w:p><w:r>'
        "<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>".encode()
    )


def good_pdf() -> bytes:
    return pdf_with_stream(b"BT /F1 12 Tf 72 720 Td (" + GOOD_TEXT.encode() + b" It came as a PDF.) Tj ET")


def pdf_bomb() -> bytes:
    """A stream that decompresses to a gigabyte of text-drawing operators."""
    line = b"BT /F1 12 Tf 72 720 Td (Hama Hama Hama Hama Hama Hama) Tj ET\n"
    compressor = zlib.compressobj(9)
    chunk = line * (1_000_000 // len(line))
    body = b"".join(compressor.compress(chunk) for _ in range(1_000)) + compressor.flush()
    assert len(body) < MAX_FILE_BYTES
    return pdf_with_stream(b"", deflated=body)


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(good_pdf())))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def hostile_files() -> list[tuple[str, bytes, str | None]]:
    """Every bad file, with the words its refusal (or note) must contain."""
    return [
        ("string.json", b'"just a string"', "the JSON holds a string"),
        ("number.json", b"42", "the JSON holds a number"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("deep_object.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
        ("malformed.docx", _docx(b"<w:document " + W.encode() + b"><w:body><w:p>"), "could not be read as a Word"),
        ("laughs.docx", docx_laughs(), "declares XML entities"),
        ("bomb.docx", docx_bomb(), "decompression bomb"),
        ("not_a_zip.docx", b"PK\x03\x04 this is not really a zip archive", "could not be read as a Word"),
        ("bomb.pdf", pdf_bomb(), "PDF"),
        ("encrypted.pdf", encrypted_pdf(), "password-protected"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "could not be read as a PDF"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\t\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary file"),
        ("huge.txt", b"Hama. " * (MAX_FILE_BYTES // 6 + 10), "file too large"),
        ("picture.png", b"\x89PNG\r\n\x1a\n", "unsupported file type"),
        ("digits.txt", b"1234 5678 90", "no letters"),
        ("strings.json", b'["one", "two"]', "a string, not an object"),
        ("no_text.csv", b"title,outlet\nA,B\n", "no text column"),
    ]


def readable_files() -> list[tuple[str, bytes, str | None]]:
    """Awkward files that must be read, with the words of the note they must bring (if any)."""
    utf16 = ("Les rebelles ont pris Hama, selon des habitants. " * 3).encode("utf-16-le")
    mixed = "Caf\u00e9 owners in Hama said the rebels arrived. ".encode() + "The na\u00efve claim was denied.".encode(
        "cp1252"
    )
    one_line = b"rebels advance on the city " * (MAX_FILE_BYTES // 30)
    jsonl = b'{"text": "Rebels took Hama, residents said."}\n{"text": broken\n\n{"text": "The army withdrew."}\n'
    return [
        ("utf16.txt", utf16, None),
        ("mixed.txt", mixed, "mixed encodings"),
        ("one_line.txt", one_line, "no sentence ending"),
        ("lines.jsonl", jsonl, "line 2: not valid JSON"),
        ("paragraphs.json", b'{"title": "One object", "text": ["Rebels took Hama.", "The army withdrew."]}', None),
        ("good.docx", good_docx(), None),
        ("good.pdf", good_pdf(), None),
        ("good.txt", GOOD_TEXT.encode(), None),
    ]
