"""A file's bytes as text: which encoding, and a note when the bytes mixed two of them.

UTF-8 (with or without a byte-order mark), UTF-16 with or without one, and Windows-1252 for
legacy exports. Binary data is refused; a few stray control characters are not.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from analysis.errors import RefusedInput

# More than one control character in this many is binary data, not text with a few strays.
BINARY_CONTROL_SHARE = 20
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A well-formed UTF-8 sequence of two to four bytes: its presence beside invalid bytes means a
# file that mixes UTF-8 with a legacy encoding (text pasted together from two sources).
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: read them as Latin-1
        return chr(byte)


_CP1252 = {byte: _cp1252_char(byte) for byte in range(0x80, 0x100)}


@dataclass(frozen=True)
class Decoded:
    text: str
    note: str | None = None


def decode(data: bytes) -> str:
    """The text of a file's bytes; raises `RefusedInput` for empty or binary data."""
    return decode_bytes(data).text


def decode_bytes(data: bytes) -> Decoded:
    """The text of a file's bytes, with a note when its encoding had to be guessed in part."""
    if not data.strip():
        raise RefusedInput("empty file")
    decoder = StreamDecoder(io.BytesIO(data), piece_bytes=len(data))  # the whole file as one piece
    return Decoded("".join(decoder.pieces()), decoder.note)


# A large file (a table of a hundred thousand articles) is decoded this many bytes at a time.
DECODE_PIECE_BYTES = 1 << 22


class StreamDecoder:
    """The text of a binary stream, a piece at a time, decoded as `decode_bytes` decodes a file:
    the encoding is told from the first piece (a UTF-16 byte-order mark or zero bytes), and each
    piece of an 8-bit file is read as UTF-8, Windows-1252 or a mix of the two on its own. Each
    piece is cut just after a line break, which is never inside a character of either."""

    def __init__(self, stream: BinaryIO, piece_bytes: int = DECODE_PIECE_BYTES):
        self._stream = stream
        self._piece_bytes = max(piece_bytes, 1)
        self.legacy_bytes = 0  # bytes of a mixed file read as Windows-1252
        self.bytes_read = 0

    def _read(self) -> bytes:
        data = self._stream.read(self._piece_bytes)
        self.bytes_read += len(data)
        return data

    def pieces(self) -> Iterator[str]:
        """The text, in pieces with line breaks as \\n and stray control characters as spaces;
        raises `RefusedInput` for binary or empty data (the latter once the stream is read)."""
        first = self._read()
        if first.startswith(_UTF16_BOMS) or b"\x00" in first:
            encoding = "utf-16" if first.startswith(_UTF16_BOMS) else _utf16_order(first)
            if encoding is None:
                raise RefusedInput("binary file, not text")
            raw = self._utf16(first, encoding)
        else:
            raw = (self._decode_8bit(block) for block in self._line_blocks(first))
        carry, empty = "", True
        for index, piece in enumerate(raw):
            text = carry + (piece.removeprefix("\ufeff") if index == 0 else piece)
            carry = "\r" if text.endswith("\r") else ""  # the \r of a \r\n cut between two pieces
            text = text[: len(text) - len(carry)]
            if text.strip():
                empty = False
                if len(_CONTROL_RE.findall(text)) > max(2, len(text) // BINARY_CONTROL_SHARE):
                    raise RefusedInput("binary file, not text")
            # Stray control characters (legacy encodings of dashes and quotes) become spaces, one for one.
            yield _CONTROL_RE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        if empty:
            raise RefusedInput("empty file")
        if carry:
            yield "\n"

    def _line_blocks(self, first: bytes) -> Iterator[bytes]:
        buffer = first
        while buffer:
            more = self._read()
            if not more:
                yield buffer
                return
            cut = max(buffer.rfind(b"\n"), buffer.rfind(b"\r"))
            if cut < 0:  # one line longer than a piece: read on
                buffer += more
                continue
            yield buffer[: cut + 1]
            buffer = buffer[cut + 1 :] + more

    def _utf16(self, first: bytes, encoding: str) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            data = first
            while data:
                yield decoder.decode(data)
                data = self._read()
            yield decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise RefusedInput("could not be decoded as UTF-16") from error

    def _decode_8bit(self, data: bytes) -> str:
        text, legacy = _decode_8bit(data)
        self.legacy_bytes += legacy
        return text

    @property
    def note(self) -> str | None:
        """What to check when part of a UTF-8 file was in a legacy encoding."""
        if not self.legacy_bytes:
            return None
        bytes_were = f"{self.legacy_bytes:,} bytes were" if self.legacy_bytes != 1 else "1 byte was"
        return (
            f"mixed encodings: the file is UTF-8 but {bytes_were} not, and read as Windows-1252; "
            "check accented letters and quotation marks"
        )


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_PAIR_RE = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def valid_unicode(text: str) -> tuple[str, int]:
    """`text` as valid Unicode: a surrogate pair (a JSON escape of an emoji, say) joined into its
    character, a lone surrogate replaced with U+FFFD; and how many were replaced."""
    if not _SURROGATE_RE.search(text):
        return text, 0
    joined = _PAIR_RE.sub(lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), text)
    return _SURROGATE_RE.subn("\ufffd", joined)


def _utf16_order(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: text in a Latin script has a zero in every other byte."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > 0.3 and even_zeros < 0.02:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.02:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes) -> tuple[str, int]:
    """The text of 8-bit data, and how many of its bytes were read as Windows-1252 in a mix."""
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    sequences = _UTF8_SEQUENCE_RE.findall(data)
    if not sequences:  # a legacy file throughout
        return data.decode("latin-1").translate(_CP1252), 0
    # Mixed: each run of valid UTF-8 as UTF-8, every other byte as Windows-1252.
    text = data.decode("utf-8", errors="framelens-cp1252")
    return text, sum(byte >= 0x80 for byte in data) - sum(len(s) for s in sequences)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)  # registered for decoding only
    chunk = error.object[error.start : error.end]
    return "".join(_CP1252[byte] if byte >= 0x80 else chr(byte) for byte in chunk), error.end


codecs.register_error("framelens-cp1252", _cp1252_fallback)
