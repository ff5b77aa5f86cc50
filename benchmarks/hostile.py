"""Files built to make a reader's patterns backtrack or rescan, or to expand without bound: the
tests read each at two sizes (time must grow in proportion), and `python -m benchmarks.measure
hostile MB` times each at a size a user could upload."""

from __future__ import annotations

import io

LEAD = b"<html><body><p>Rebels took Hama on Thursday, and the army withdrew from the city.</p>"

# Each as a function of its size in bytes.
HOSTILE_FILES = {
    "blank-lines.txt": lambda n: b"Rebels took Hama.\n" + b"\n" * n,
    "blank-spaced-lines.txt": lambda n: b"Rebels took Hama.\n" + b" \t\n" * (n // 3),
    "near-end-of-document.txt": lambda n: b"Rebels took Hama.\n" + b"\n \n End of Document x\n" * (n // 22),
    "unclosed-scripts.html": lambda n: LEAD + b"<script" * (n // 7),
    "unclosed-tags.html": lambda n: LEAD + b"<" * n,
    "unclosed-breaks.html": lambda n: LEAD + b"<br" * (n // 3),
    "factiva-scripts.html": lambda n: b"<p>HD</p><p>x</p><p>TD</p><p>t</p><p>AN</p>" + b"<script" * (n // 7),
    "font-table.rtf": lambda n: b"{\\rtf1{\\fonttbl" + b"\\f1\\fcharset0 x" * (n // 15) + b"} Rebels took Hama.}",
    "hyperlinks.rtf": lambda n: b"{\\rtf1 Rebels took Hama " + b'{\\field{\\*\\fldinst{HYPERLINK "x" ' * (n // 35),
    "long-cell.csv": lambda n: b"title,text\nx," + b"a " * (n // 2) + b"\n",
    "blank-lines.jsonl": lambda n: b'{"text": "Rebels took Hama."}\n' + b"\n" * n,
    "front-matter.md": lambda n: b"---\n" + b"a: b\n" * (n // 5) + b"Rebels took Hama.",
    "deep.json": lambda n: b"[" * n,
    "long-string.json": lambda n: b'[{"text": "' + b"Rebels took Hama. " * (n // 18) + b'"}]',
}


def docx_of_paragraphs(n: int) -> bytes:
    """A Word file of about `n` bytes of short paragraphs."""
    from docx import Document

    document = Document()
    for _ in range(max(1, n // 180)):
        document.add_paragraph("Rebels took Hama on Thursday. " * 4)
    sink = io.BytesIO()
    document.save(sink)
    return sink.getvalue()


def pdf_of_blank_pages(n: int) -> bytes:
    """A PDF of about `n` bytes of empty pages: nothing to read, many pages to open."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(max(1, n // 140)):
        writer.add_blank_page(width=72, height=72)
    sink = io.BytesIO()
    writer.write(sink)
    return sink.getvalue()


# Formats whose files are built by their libraries, for the timing at a user's size.
BUILT_FILES = {"paragraphs.docx": docx_of_paragraphs, "blank-pages.pdf": pdf_of_blank_pages}


def dictionary_bomb(rows: int = 20_000, value_bytes: int = 1_000_000) -> bytes:
    """A Parquet file of a few kilobytes whose one text value, dictionary-encoded, repeats in
    every row: read naively it expands to rows x value_bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    column = pa.DictionaryArray.from_arrays(pa.array([0] * rows, pa.int32()), pa.array(["a" * value_bytes]))
    sink = io.BytesIO()
    pq.write_table(pa.table({"title": ["t"] * rows, "text": column}), sink, compression="zstd")
    return sink.getvalue()
