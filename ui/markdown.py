"""Text from users and files, made safe to show where Streamlit renders Markdown.

Alerts, captions, headings and widget labels render Markdown: a collection name holding
`![x](https://host/x.png)` would make every visitor's browser fetch that image, and links,
colours (`:red[...]`) and LaTeX (`$...$`) would render. Escaping every ASCII punctuation mark
with a backslash (CommonMark's own rule) shows the text exactly as it was typed. Web
addresses and e-mail addresses are still turned into links after escaping (GitHub's autolink
extension reads the unescaped text), so a zero-width space is put inside `://`, `www.` and `@`.
"""

from __future__ import annotations

import re

_PUNCTUATION_RE = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_AUTOLINK_RE = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"


def md(text: object) -> str:
    """`text` as Markdown that renders as the same characters, with nothing active in it."""
    flat = _AUTOLINK_RE.sub(ZERO_WIDTH_SPACE, " ".join(str(text).split("\n")))
    return _PUNCTUATION_RE.sub(r"\\\1", flat)
