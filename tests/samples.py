"""Small files of every supported kind, made here so the tests need no fixtures on disk."""

from __future__ import annotations

import io
import zlib

HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Rebels seize Hama | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-12-06T08:00:00Z">
<script>window.__pwned = 1</script></head>
<body><nav>Home | World | Sport</nav><div class="ad">Buy now! Subscribe today!</div>
<article><h1>Rebels seize Hama after army withdrawal</h1>
<p>Syrian rebels seized the city of Hama on Thursday after the army announced it was withdrawing
to protect civilians.</p>
<p>The insurgents, led by Hayat Tahrir al-Sham, entered the city from several directions, residents said.</p>
<p>"This is a historic day," said a rebel commander, as fighters celebrated in the central square.</p>
<p onclick="steal()">Analysts warn that Homs could be next <img src=x onerror="alert(1)">.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def docx_bytes(paragraphs: list[str], title: str = "", author: str = "") -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.core_properties.title = title
    document.core_properties.author = author
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (no lines: a page with no text, like a scan)."""
    text = " ".join(f"({line.replace('(', '').replace(')', '')}) Tj T*" for line in lines)
    return pdf_with_stream(f"BT /F1 12 Tf 14 TL 72 720 Td {text} ET".encode() if lines else b"", compress=False)


def pdf_with_stream(content: bytes, compress: bool = True, deflated: bytes | None = None) -> bytes:
    """A one-page PDF whose content stream is `content`, deflated unless told otherwise, or
    `deflated` as given (a stream made elsewhere, such as a decompression bomb)."""
    stream = deflated if deflated is not None else zlib.compress(content, 9) if compress else content
    filters = b"/Filter /FlateDecode " if compress or deflated is not None else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + filters + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
