"""Front matter: finding it in a document (more to come: round-trip parsing and editing)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatterSplit:
    """A document cut into its YAML front matter and its body.

    Line numbers are 0-based lines of the whole text. ``raw`` is the YAML between the fences
    (fences excluded) or None when the document has no front matter. ``closed`` is False when an
    opening ``---`` has no closing fence: then ``raw`` is None and the whole text is the body.
    """

    raw: str | None
    body: str
    body_start_line: int
    closed: bool = True


def _count_lines(text: str) -> int:
    return len(re.findall(r"\r\n|\n|\r", text))


def split_front_matter(text: str) -> FrontMatterSplit:
    """Split ``text`` (already decoded, BOM removed) as Hugo does for YAML front matter."""
    opening = _OPEN.match(text)
    if opening is None:
        return FrontMatterSplit(raw=None, body=text, body_start_line=0)
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return FrontMatterSplit(raw=None, body=text, body_start_line=0, closed=False)
    raw = text[opening.end() : closing.start()]
    body = text[closing.end() :]
    return FrontMatterSplit(raw=raw, body=body, body_start_line=_count_lines(text[: closing.end()]))
