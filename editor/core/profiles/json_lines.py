"""Where each value of a JSON document starts, so schema errors can name a line."""

from __future__ import annotations

import json

#: A path into a JSON document: object keys and array indexes.
JsonPath = tuple[str | int, ...]

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


def value_lines(text: str) -> dict[JsonPath, int]:
    """The 1-based line where each value of the (valid) JSON ``text`` starts, by path."""
    lines: dict[JsonPath, int] = {}
    _walk(text, _skip(text, 0), (), lines)
    return lines


def line_of(lines: dict[JsonPath, int], path: JsonPath) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def format_path(path: JsonPath) -> str:
    """``fields[2].type`` style text for ``path``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


def _walk(text: str, index: int, path: JsonPath, lines: dict[JsonPath, int]) -> int:
    """Record ``path`` at ``index`` and return the index after its value."""
    lines[path] = text.count("\n", 0, index) + 1
    opener = text[index]
    if opener == "{":
        return _walk_object(text, index + 1, path, lines)
    if opener == "[":
        return _walk_array(text, index + 1, path, lines)
    return int(_DECODER.raw_decode(text, index)[1])


def _walk_object(text: str, index: int, path: JsonPath, lines: dict[JsonPath, int]) -> int:
    index = _skip(text, index)
    while text[index] != "}":
        key, index = _DECODER.raw_decode(text, index)
        index = _skip(text, _skip(text, index) + 1)  # past the colon
        index = _skip(text, _walk(text, index, (*path, str(key)), lines))
        if text[index] == ",":
            index = _skip(text, index + 1)
    return index + 1


def _walk_array(text: str, index: int, path: JsonPath, lines: dict[JsonPath, int]) -> int:
    index = _skip(text, index)
    position = 0
    while text[index] != "]":
        index = _skip(text, _walk(text, index, (*path, position), lines))
        position += 1
        if text[index] == ",":
            index = _skip(text, index + 1)
    return index + 1
