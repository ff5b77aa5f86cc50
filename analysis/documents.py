"""Articles from documents: web pages saved from a browser, Word (.docx) and PDF files.

Each container is checked before it is parsed (what a Word file expands to, entity
declarations that Word never writes) and while it is read (the text extracted so far, the
time taken), so a decompression bomb is refused instead of filling the memory.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from collections.abc import Mapping
from typing import Any

from analysis.corpus import Article, article_from_text, parse_date, with_headline
from analysis.decoding import decode
from analysis.errors import RefusedInput
from analysis.limits import MAX_EXPANDED_BYTES, MAX_READ_SECONDS, MAX_TEXT_CHARS
from analysis.rtf import rtf_to_text

MIN_PAGE_WORDS = 5  # fewer words extracted from a web page means navigation, not an article
MAX_ZIP_MEMBERS = 5_000
_DTD_RE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# pypdf reports each repair it makes to a damaged file as a warning; the user gets one line per file.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def from_html(data: bytes, name: str) -> Article:
    """The main text of a saved web page, with the title, outlet, author and date it states."""
    import trafilatura  # imported on first use: it is slow to load and only web pages need it

    # A trafilatura Document (its declared return type also allows a dict, for as_dict=True).
    document: Any = trafilatura.bare_extraction(
        decode(data),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (document.text or "").strip() if document else ""
    if len(re.findall(r"[^\W\d_]+", text)) < MIN_PAGE_WORDS:
        raise RefusedInput("no article text found in the web page")
    title = (document.title or "").strip()
    article = article_from_text(f"{title}\n\n{text}" if title and not text.startswith(title) else text, name, name)
    return Article(
        id=name,
        title=title or article.title,
        text=article.text,
        # The page's stated site name, else the host of its stated address (www.example.org)
        outlet=(document.sitename or document.hostname or "").strip() or None,
        author=(document.author or "").strip() or None,
        published=parse_date(document.date),
        url=(document.url or "").strip() or None,
        source_file=name,
    )


def check_zip(data: bytes, kind: str) -> None:
    """Refuse a zip container that expands too far or declares XML entities, before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise RefusedInput(f"the {kind} holds {len(members):,} parts; the limit is {MAX_ZIP_MEMBERS:,}")
            expanded = sum(member.file_size for member in members)
            if expanded > MAX_EXPANDED_BYTES:
                raise RefusedInput(
                    f"the {kind} expands to {expanded / 1e6:,.0f} MB (the limit is {MAX_EXPANDED_BYTES / 1e6:.0f} MB): "
                    "a decompression bomb, or far too large to be an article"
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _DTD_RE.search(archive.read(member)):
                    raise RefusedInput(
                        f"the {kind} declares XML entities ({member.filename}), which word processors never "
                        "write: refused as unsafe"
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise RefusedInput(f"could not be read as a {kind}: not a valid zip container") from error


def from_docx(data: bytes, name: str) -> Article:
    """The paragraphs and tables of a Word file, with its stated title and author."""
    from docx import Document  # python-docx, loaded when a Word file arrives

    check_zip(data, "Word (.docx) file")
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        paragraphs += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    text = "\n\n".join(paragraphs)
    if not any(char.isalpha() for char in text):
        raise RefusedInput("no text in the Word file")
    article = article_from_text(text, name, name)
    properties = document.core_properties
    title = (properties.title or "").strip()
    return Article(
        id=name,
        title=title or article.title,
        text=with_headline(text, title),
        author=(properties.author or "").strip() or article.author,
        source_file=name,
    )


def rtf_text(data: bytes) -> str:
    """The text of a Rich Text file (Nexis Uni and Factiva export RTF), read by `analysis.rtf`:
    font tables, pictures and other hidden groups dropped, characters decoded from the file's own
    code pages and its \\u escapes (an emoji's two halves joined)."""
    raw = data.decode("latin-1")  # RTF is 7-bit: other characters arrive as escapes, so nothing is lost
    raw = raw.removeprefix("\u00ef\u00bb\u00bf").lstrip()  # a UTF-8 byte-order mark, if any
    if not raw.startswith("{\\rtf"):
        raise RefusedInput("not a Rich Text file: it does not begin with {\\rtf")
    text = rtf_to_text(raw)
    if len(text) > MAX_TEXT_CHARS:
        raise RefusedInput(f"the Rich Text file holds more than {MAX_TEXT_CHARS:,} characters of text")
    if not any(char.isalpha() for char in text):
        raise RefusedInput("no text in the Rich Text file")
    return text.replace("\r\n", "\n")


def from_pdf(data: bytes, name: str) -> Article:
    """The text layer of a PDF, page by page, stopped when it grows too long or takes too long."""
    from pypdf.errors import LimitReachedError

    try:
        return _pdf_article(data, name)
    except LimitReachedError as error:
        raise RefusedInput(
            "a stream in the PDF decompresses past the reader's safety limit: a decompression bomb, or not an article"
        ) from error


def _pdf_article(data: bytes, name: str) -> Article:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not _opens_without_password(reader):
        raise RefusedInput(
            "the PDF is password-protected: open it, save a copy without the password (or print it to PDF), "
            "and import that"
        )
    deadline = time.monotonic() + MAX_READ_SECONDS
    pages, length = [], 0
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = (page.extract_text() or "").strip()
        length += len(text)
        if length > MAX_TEXT_CHARS:
            raise RefusedInput(f"the PDF's text passes {MAX_TEXT_CHARS:,} characters by page {number} of {total}")
        if time.monotonic() > deadline:
            raise RefusedInput(f"reading the PDF took over {MAX_READ_SECONDS:.0f} s (page {number} of {total})")
        if text:
            pages.append(text)
    text = "\n\n".join(pages)
    if sum(char.isalpha() for char in text) < 20:
        raise RefusedInput("scanned PDF with no text layer (run OCR first)")
    article = article_from_text(text, name, name)
    metadata: Mapping[str, Any] = reader.metadata or {}
    title = str(metadata.get("/Title") or "").strip()
    author = str(metadata.get("/Author") or "").strip()
    return Article(
        id=name, title=title or article.title, text=with_headline(text, title), author=author or None, source_file=name
    )


def _opens_without_password(reader) -> bool:
    """Many PDFs are encrypted with an empty user password (only editing is restricted)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises several kinds, and one that needs a missing AES library
        return False
