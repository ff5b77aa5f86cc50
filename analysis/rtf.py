"""The text of a Rich Text (RTF) file, read in one pass over its tokens.

RTF is 7-bit text: groups in braces, control words (`\\par`, `\\u8220?`), hex bytes (`\\'e9`)
and plain characters. One scan keeps a stack of group states; destinations that hold no
article text (font and colour tables, styles, pictures, document information, field
instructions, any group marked `\\*`) are skipped whole. Bytes given in hex are decoded with
the code page of the current font (its `\\fcharset`) or of the document (`\\ansicpg`);
`\\uN` characters are UTF-16 code units, so a pair of surrogates (how Word writes an emoji)
is joined into one character. Nothing is matched with a pattern that can backtrack: time
grows with the length of the file, whatever it holds.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from analysis.errors import RefusedInput

# A control word with its optional numeric argument and the one space that ends it, a control
# symbol, a hex byte, a brace, or a run of plain characters: each token is found once.
_TOKEN_RE = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S
)

# RTF is 7-bit: outside pictures, control characters and bytes past ASCII are few (a legacy
# writer's accented letters). More than one character in this many is binary data.
BINARY_SHARE = 20
BINARY_REFUSAL = "not a Rich Text file: after its {\\rtf header it holds binary data, not text"
_BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Destinations whose content is never article text.
SKIPPED = frozenset(
    "fonttbl colortbl stylesheet listtable listoverridetable revtbl rsidtbl info pict object objdata "
    "fldinst header headerl headerr headerf footer footerl footerr footerf footnote annotation "
    "themedata colorschememapping datastore latentstyles xmlnstbl generator filetbl pgdsctbl "
    "shppict nonshppict bkmkstart bkmkend field_instruction txe xe tc private userprops docvar "
    "wgrffmtfilter mmathPr title author operator keywords comment doccomm company category".split()
)
BREAKS = {"par": "\n", "line": "\n", "sect": "\n\n", "page": "\n\n", "row": "\n", "cell": " | ", "tab": "\t"}
SYMBOLS = {
    "emdash": "\u2014",
    "endash": "\u2013",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "bullet": "\u2022",
    "emspace": "\u2003",
    "enspace": "\u2002",
    "qmspace": "\u2005",
}
ESCAPED = {"\\": "\\", "{": "{", "}": "}", "~": "\u00a0", "-": "\u00ad", "_": "\u2011", "\n": "\n", "\r": "\n"}
# \fcharset numbers and the code pages they stand for.
CHARSETS = {
    0: "cp1252",
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    134: "cp936",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}


@dataclass(frozen=True)
class _Group:
    skip: bool = False
    font: str | None = None
    unicode_skip: int = 1
    in_fonts: bool = False


def _code_page(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class _Reader:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.pending: bytearray = bytearray()  # hex bytes waiting to be decoded together
        self.high: str | None = None  # a high surrogate waiting for its low half
        self.document_page = "cp1252"
        self.fonts: dict[str, str] = {}
        self.font_being_defined: str | None = None

    def flush(self, group: _Group) -> None:
        if self.pending:
            page = self.fonts.get(group.font or "", self.document_page)
            self.emit(bytes(self.pending).decode(page, errors="replace"))
            self.pending.clear()

    def emit(self, text: str) -> None:
        if self.high is not None:
            self.out.append("\ufffd")  # a high surrogate with no low half after it
            self.high = None
        self.out.append(text)

    def code_unit(self, value: int) -> None:
        value &= 0xFFFF
        if 0xD800 <= value <= 0xDBFF:
            if self.high is not None:
                self.out.append("\ufffd")
            self.high = chr(value)
        elif 0xDC00 <= value <= 0xDFFF:
            if self.high is None:
                self.out.append("\ufffd")  # a low surrogate alone
            else:
                self.out.append((self.high + chr(value)).encode("utf-16", "surrogatepass").decode("utf-16"))
                self.high = None
        else:
            self.emit(chr(value))


def rtf_to_text(raw: str) -> str:
    """The visible text of an RTF document (`raw` read from its bytes as Latin-1)."""
    if "\\bin" not in raw and len(_BINARY_RE.findall(raw)) > max(16, len(raw) // BINARY_SHARE):
        raise RefusedInput(BINARY_REFUSAL)
    reader = _Reader()
    stack: list[_Group] = []
    group = _Group()
    skip_chars = 0  # characters after \uN that stand in for it in readers without Unicode
    destination_next = False  # after \*: the group is a destination this reader may not know
    plain_chars = binary_chars = 0
    position = 0
    while position < len(raw):
        match = _TOKEN_RE.match(raw, position)
        if match is None:  # a lone backslash at the very end
            break
        position = match.end()
        word, argument, hex_byte, symbol, brace, plain = match.groups()
        if word == "bin" and argument is not None:  # raw bytes of a picture: never text, and may hold braces
            position += max(0, int(argument))
            continue
        if plain is not None:
            plain_chars += len(plain)
            binary_chars += len(_BINARY_RE.findall(plain))
        if hex_byte is None and reader.pending:
            reader.flush(group)
        if brace == "{":
            stack.append(group)
            destination_next = False
            skip_chars = 0
        elif brace == "}":
            if group.in_fonts and reader.font_being_defined is not None:
                reader.font_being_defined = None
            group = stack.pop() if stack else _Group(skip=True)
            skip_chars = 0
            if not stack and position < len(raw):  # the document's group is closed: the rest is not in it
                break
        elif word is not None:
            skip_chars = 0
            if destination_next or word in SKIPPED:
                group = replace(group, skip=True, in_fonts=word == "fonttbl" or group.in_fonts)
                destination_next = False
                if word != "fonttbl":
                    continue
            if group.in_fonts:
                if word == "f" and argument is not None:
                    reader.font_being_defined = argument
                elif word == "fcharset" and argument is not None and reader.font_being_defined is not None:
                    reader.fonts[reader.font_being_defined] = CHARSETS.get(int(argument), reader.document_page)
                continue
            if word == "ansicpg" and argument is not None:
                reader.document_page = _code_page(f"cp{argument}") or reader.document_page
            elif word == "f" and argument is not None:
                group = replace(group, font=argument)
            elif word == "uc" and argument is not None:
                group = replace(group, unicode_skip=max(0, int(argument)))
            elif group.skip:
                continue
            elif word == "u" and argument is not None:
                reader.code_unit(int(argument))
                skip_chars = group.unicode_skip
            elif word in BREAKS:
                reader.emit(BREAKS[word])
            elif word in SYMBOLS:
                reader.emit(SYMBOLS[word])
        elif hex_byte is not None:
            if skip_chars:
                skip_chars -= 1
            elif not group.skip:
                reader.pending.append(int(hex_byte, 16))
        elif symbol is not None:
            if symbol == "*":
                destination_next = True
            elif skip_chars:
                skip_chars -= 1
            elif not group.skip and symbol in ESCAPED:
                reader.emit(ESCAPED[symbol])
        elif plain is not None and not group.skip:
            if skip_chars:
                dropped = min(skip_chars, len(plain))
                skip_chars -= dropped
                plain = plain[dropped:]
            if plain:
                reader.emit(plain)
    if binary_chars > max(16, plain_chars // BINARY_SHARE):
        raise RefusedInput(BINARY_REFUSAL)
    reader.flush(group)
    if reader.high is not None:
        reader.out.append("\ufffd")
    return "".join(reader.out)
