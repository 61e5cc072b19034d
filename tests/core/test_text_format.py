"""Decoding and encoding documents: UTF-8 only, every byte kept."""

from __future__ import annotations

import pytest

from editor.core.i18n import Message
from editor.core.text_format import (
    CR,
    CRLF,
    LF,
    DecodeError,
    TextFormat,
    decode_document,
    encode_document,
    normalize_newlines,
)

BOM = b"\xef\xbb\xbf"

ROUND_TRIP_CASES = {
    "empty": b"",
    "lf": b"---\ntitle: x\n---\nBody\n",
    "crlf": b"---\r\ntitle: x\r\n---\r\nBody\r\n",
    "cr": b"---\rtitle: x\r---\rBody\r",
    "no final newline": b"---\ntitle: x\n---\nBody",
    "crlf without final newline": b"Line one\r\nLine two",
    "only newlines": b"\n\n\n",
    "bom": BOM + b"# Title\n",
    "bom and crlf": BOM + b"a\r\nb\r\n",
    "bom only": BOM,
    "mixed lf and crlf": b"a\nb\r\nc\nd\r\n",
    "mixed with lone cr": b"a\rb\nc\r\nd",
    "cr then crlf": b"a\r\r\nb\n",
    "blank crlf lines in lf file": b"a\n\r\n\r\nb\n",
    "non-ascii": "Søren Gölles — 日本語 👨‍💻\n".encode(),
    "line separators kept as text": "a\u2028b\x0cc\x85d\n".encode(),
    "bom in the middle stays text": b"a" + BOM + b"b\n",
}


@pytest.mark.parametrize("data", ROUND_TRIP_CASES.values(), ids=ROUND_TRIP_CASES.keys())
def test_decode_then_encode_gives_the_same_bytes(data: bytes) -> None:
    decoded = decode_document(data)
    assert encode_document(decoded.text, decoded.format) == data


@pytest.mark.parametrize("data", ROUND_TRIP_CASES.values(), ids=ROUND_TRIP_CASES.keys())
def test_decoded_text_has_only_lf_line_endings_and_no_bom(data: bytes) -> None:
    text = decode_document(data).text
    assert "\r" not in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\nb\n", TextFormat(bom=False, newline=LF)),
        (b"a\r\nb\r\n", TextFormat(bom=False, newline=CRLF)),
        (b"a\rb\r", TextFormat(bom=False, newline=CR)),
        (b"no newline at all", TextFormat(bom=False, newline=LF)),
        (BOM + b"a\r\n", TextFormat(bom=True, newline=CRLF)),
        (b"a\r\nb\r\nc\n", TextFormat(newline=CRLF, line_endings=(CRLF, CRLF, LF))),
        (b"a\nb\r\n", TextFormat(newline=LF, line_endings=(LF, CRLF))),  # a tie: first one wins
        (b"a\r\nb\n", TextFormat(newline=CRLF, line_endings=(CRLF, LF))),
    ],
)
def test_format_records_bom_dominant_newline_and_mixed_endings(
    data: bytes, expected: TextFormat
) -> None:
    assert decode_document(data).format == expected


def test_crlf_text_is_normalised_and_missing_final_newline_is_kept() -> None:
    decoded = decode_document(b"---\r\ntitle: x\r\n---\r\nBody")
    assert decoded.text == "---\ntitle: x\n---\nBody"
    assert not decoded.format.mixed


def test_mixed_file_keeps_endings_of_unchanged_lines_and_new_lines_get_the_dominant() -> None:
    decoded = decode_document(b"a\r\nb\nc\r\nd\r\n")
    edited = decoded.text.replace("b", "B") + "e\nf\n"
    assert encode_document(edited, decoded.format) == b"a\r\nB\nc\r\nd\r\ne\r\nf\r\n"


def test_mixed_file_endings_follow_line_numbers_after_an_insertion() -> None:
    """The documented rule: line i gets the original ending of line i."""
    decoded = decode_document(b"a\nb\r\nc\n")
    inserted = "new\n" + decoded.text
    assert encode_document(inserted, decoded.format) == b"new\na\r\nb\nc\n"


def test_encode_adds_a_bom_only_when_the_format_says_so() -> None:
    assert encode_document("x\n", TextFormat(bom=True)) == BOM + b"x\n"
    assert encode_document("x\n", TextFormat()) == b"x\n"


def test_encode_writes_the_dominant_newline() -> None:
    assert encode_document("a\nb", TextFormat(newline=CRLF)) == b"a\r\nb"
    assert encode_document("a\nb\n", TextFormat(newline=CR)) == b"a\rb\r"


def test_text_format_refuses_unknown_newlines() -> None:
    with pytest.raises(ValueError):
        TextFormat(newline="\n\r")
    with pytest.raises(ValueError):
        TextFormat(line_endings=("\n", "x"))


def test_normalize_newlines() -> None:
    assert normalize_newlines("a\r\nb\rc\nd\r\r\n") == "a\nb\nc\nd\n\n"


# --- Refusing what is not UTF-8 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "likely", "offset", "line", "column"),
    [
        pytest.param(b"caf\xe9\n", "Windows-1252", 3, 1, 4, id="latin-1"),
        pytest.param(b"ok\r\nline two\r\nna\xefve\r\n", "Windows-1252", 16, 3, 3, id="line-3"),
        pytest.param(
            "é\n".encode() + b"\x93quoted\x94\n", "Windows-1252", 3, 2, 1, id="cp1252-quotes"
        ),
        pytest.param("hé".encode("utf-16"), "UTF-16", 0, 1, 1, id="utf-16-bom"),
        pytest.param("hello".encode("utf-16-le"), "UTF-16", 1, 1, 2, id="utf-16-no-bom"),
        pytest.param("hello".encode("utf-16-be"), "UTF-16", 0, 1, 1, id="utf-16-be-no-bom"),
        pytest.param("hi".encode("utf-32"), "UTF-32", 0, 1, 1, id="utf-32-bom"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 8, 3, 1, id="png"),
        pytest.param(BOM + b"ab\xff", None, 5, 1, 3, id="bom-then-invalid"),
        pytest.param(
            "日本".encode("shift_jis") + "語".encode("shift_jis"), None, 0, 1, 1, id="sjis"
        ),
        pytest.param("é".encode()[:1], "Windows-1252", 0, 1, 1, id="truncated-sequence"),
    ],
)
def test_non_utf8_is_refused_with_position_and_a_guess(
    data: bytes, likely: str | None, offset: int, line: int, column: int
) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_document(data)
    error = caught.value
    assert (error.likely_encoding, error.offset, error.line, error.column) == (
        likely,
        offset,
        line,
        column,
    )
    assert isinstance(error, ValueError)
    assert isinstance(error.message, Message)
    assert error.message.args["offset"] == offset


def test_decode_error_message_is_plain_language() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_document("hé".encode("utf-16"))
    text = caught.value.message.english()
    assert text.startswith("This file is not UTF-8 text (it looks like UTF-16).")
    assert "so it was not opened and nothing was changed" in text
    assert "byte 0 (line 1, column 1)" in text
    assert str(caught.value) == text


def test_latin1_message_names_the_encoding() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_document(b"caf\xe9")
    assert "Windows-1252 or Latin-1" in caught.value.message.english()


def test_encoded_surrogates_are_not_utf8() -> None:
    with pytest.raises(DecodeError):
        decode_document(b"a\xed\xa0\x80b")


def test_an_empty_line_added_after_a_lone_cr_ending_is_not_lost() -> None:
    # "---\n---\n\r": its last ending is a lone CR. A blank line added at the top shifts the
    # endings: written naively, that CR would be followed by an LF and read back as one CRLF.
    decoded = decode_document(b"---\n---\n\r")
    edited = "\n" + decoded.text
    again = decode_document(encode_document(edited, decoded.format))
    assert again.text == edited
