"""Bytes on disk <-> text in the editor, without losing anything on the way.

Postwright opens UTF-8 only and refuses to guess (a wrong guess silently corrupts a post). The
editor works in ``"\\n"`` text, so decoding removes a UTF-8 byte order mark and turns every line
ending into ``"\\n"``; :class:`TextFormat` remembers what was there so that
:func:`encode_document` writes the same bytes back. See docs/decisions/0002-file-format.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from editor.core.i18n import Message, message

UTF8_BOM = b"\xef\xbb\xbf"
LF, CRLF, CR = "\n", "\r\n", "\r"
NEWLINES = (LF, CRLF, CR)

_LINE_END = re.compile(r"\r\n|\r|\n")
_CONTEXT = "TextFormat"
_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class TextFormat:
    """How a document's text was stored, so it can be stored the same way again.

    ``newline`` is the dominant line ending (``"\\n"``, ``"\\r\\n"`` or ``"\\r"``).
    ``line_endings`` is empty unless the file mixed line endings: then it holds the original
    ending of every line, in order, and :func:`encode_document` gives line *i* the ending
    ``line_endings[i]`` while there is one, and ``newline`` after that.
    """

    bom: bool = False
    newline: str = LF
    line_endings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.newline not in NEWLINES:
            raise ValueError(f"unknown newline {self.newline!r}")
        if any(ending not in NEWLINES for ending in self.line_endings):
            raise ValueError("line_endings may hold only '\\n', '\\r\\n' and '\\r'")

    @property
    def mixed(self) -> bool:
        """True when the file used more than one kind of line ending."""
        return bool(self.line_endings)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A decoded document: ``text`` uses ``"\\n"`` only; ``format`` says how it was stored."""

    text: str
    format: TextFormat


class DecodeError(ValueError):
    """The bytes are not UTF-8 text; ``message`` explains it in plain language."""

    def __init__(
        self,
        msg: Message,
        *,
        offset: int,
        line: int,
        column: int,
        likely_encoding: str | None,
    ) -> None:
        super().__init__(msg.english())
        self.message = msg
        #: Byte offset of the first byte that is not UTF-8 text (0-based).
        self.offset = offset
        #: 1-based line and column (in characters) of that byte.
        self.line = line
        self.column = column
        #: "UTF-16", "UTF-32", "Windows-1252", "binary" or None when unknown.
        self.likely_encoding = likely_encoding


def decode_document(data: bytes) -> DecodedText:
    """Decode UTF-8 ``data`` (BOM optional) into ``"\\n"`` text and its :class:`TextFormat`.

    Raises :class:`DecodeError` for anything that is not UTF-8 text, including NUL bytes
    (binary files and UTF-16 text, which can look like valid UTF-8).
    """
    _reject_non_text(data)
    bom = data.startswith(UTF8_BOM)
    raw = data[len(UTF8_BOM) :] if bom else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _decode_error(data, error.start + (len(UTF8_BOM) if bom else 0)) from None
    newline, endings = _line_endings(text)
    text_format = TextFormat(bom=bom, newline=newline, line_endings=endings)
    return DecodedText(text=normalize_newlines(text), format=text_format)


def encode_document(text: str, text_format: TextFormat) -> bytes:
    """Encode ``"\\n"`` ``text`` the way ``text_format`` says (the reverse of decoding)."""
    if text_format.mixed:
        stored = _join_with_endings(text, text_format)
    elif text_format.newline != LF:
        stored = text.replace(LF, text_format.newline)
    else:
        stored = text
    encoded = stored.encode("utf-8")
    return UTF8_BOM + encoded if text_format.bom else encoded


def normalize_newlines(text: str) -> str:
    """``text`` with every ``"\\r\\n"`` and lone ``"\\r"`` turned into ``"\\n"``."""
    return _LINE_END.sub(LF, text) if CR in text else text


def _line_endings(text: str) -> tuple[str, tuple[str, ...]]:
    """The dominant ending, and every ending in order when they are mixed (else ``()``)."""
    crlf = text.count(CRLF)
    kinds = {CRLF: crlf, CR: text.count(CR) - crlf, LF: text.count(LF) - crlf}
    present = [kind for kind, count in kinds.items() if count]
    if len(present) <= 1:
        return (present[0] if present else LF), ()
    endings = tuple(_LINE_END.findall(text))
    # most_common keeps first-seen order among equal counts, so ties go to the first ending.
    return Counter(endings).most_common(1)[0][0], endings


def _join_with_endings(text: str, text_format: TextFormat) -> str:
    lines = text.split(LF)
    original = text_format.line_endings
    parts: list[str] = []
    previous = ""
    for index, line in enumerate(lines[:-1]):
        ending = original[index] if index < len(original) else text_format.newline
        if ending == LF and previous == CR and not line:
            ending = CR  # "\r" then "\n" would read back as one "\r\n": a line lost
        parts.append(line)
        parts.append(ending)
        previous = ending
    parts.append(lines[-1])
    return "".join(parts)


# --- Explaining what the bytes probably are -------------------------------------------------


def _reject_non_text(data: bytes) -> None:
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32")):
        if data.startswith(bom):
            raise _decode_error(data, 0, likely=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _decode_error(data, 0, likely="UTF-16")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _decode_error(data, nul, likely="UTF-16" if _looks_like_utf16(data) else "binary")


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 text without a BOM: NUL bytes on one parity of positions, almost none on the other."""
    sample = data[:_SNIFF_BYTES]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    return max(even, odd) >= half * 0.3 and min(even, odd) <= half * 0.02


def _looks_like_single_byte(data: bytes) -> bool:
    """High-bit bytes mostly stand alone between ASCII bytes, as in Windows-1252 or Latin-1."""
    sample = data[: _SNIFF_BYTES * 4]
    high = [index for index, byte in enumerate(sample) if byte >= 0x80]
    if not high:
        return False
    alone = sum(
        1
        for index in high
        if (index == 0 or sample[index - 1] < 0x80)
        and (index + 1 >= len(sample) or sample[index + 1] < 0x80)
    )
    return alone * 2 >= len(high)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``; the prefix is valid UTF-8."""
    prefix = data[:offset]
    line_start = max(prefix.rfind(b"\n"), prefix.rfind(b"\r")) + 1
    if line_start == 0 and prefix.startswith(UTF8_BOM):
        line_start = len(UTF8_BOM)
    line = len(_LINE_END.findall(prefix.decode("utf-8", errors="replace"))) + 1
    column = len(prefix[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


_EXPLANATIONS: dict[str | None, str] = {
    "UTF-16": (
        "This file is not UTF-8 text (it looks like UTF-16). Postwright opens UTF-8 files only,"
        " so it was not opened and nothing was changed. The first byte that is not UTF-8 text"
        " is byte {offset} (line {line}, column {column})."
    ),
    "UTF-32": (
        "This file is not UTF-8 text (it looks like UTF-32). Postwright opens UTF-8 files only,"
        " so it was not opened and nothing was changed. The first byte that is not UTF-8 text"
        " is byte {offset} (line {line}, column {column})."
    ),
    "Windows-1252": (
        "This file is not UTF-8 text (it looks like Windows-1252 or Latin-1). Postwright opens"
        " UTF-8 files only, so it was not opened and nothing was changed. The first byte that"
        " is not UTF-8 text is byte {offset} (line {line}, column {column})."
    ),
    "binary": (
        "This file does not look like text: it contains NUL bytes, as binary files do."
        " Postwright opens UTF-8 text files only, so it was not opened and nothing was changed."
        " The first NUL byte is byte {offset} (line {line}, column {column})."
    ),
    None: (
        "This file is not UTF-8 text, and its encoding could not be recognised. Postwright"
        " opens UTF-8 files only, so it was not opened and nothing was changed. The first byte"
        " that is not UTF-8 text is byte {offset} (line {line}, column {column})."
    ),
}


def _decode_error(data: bytes, offset: int, likely: str | None = None) -> DecodeError:
    if likely is None and _looks_like_single_byte(data):
        likely = "Windows-1252"
    line, column = _position(data, offset)
    text = _EXPLANATIONS[likely]
    msg = message(_CONTEXT, text, offset=offset, line=line, column=column)
    return DecodeError(msg, offset=offset, line=line, column=column, likely_encoding=likely)
