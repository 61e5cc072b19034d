"""Whether a document's front matter would stop Hugo, in plain language.

The renderer does not show the front matter; it only passes on what
:mod:`editor.core.front_matter` finds wrong with it. The YAML is parsed again only when it
changed: the front matter rarely changes while the body is being typed.
"""

from __future__ import annotations

from functools import lru_cache

from editor.core.front_matter import (
    FrontMatterSplit,
    ParsedFrontMatter,
    indented_opening,
    parse_front_matter,
    read_front_matter,
)
from editor.core.i18n import Message

#: The YAML starts on the line after the opening ``---`` (line 0).
_FIRST_YAML_LINE = 1


def front_matter_problem(text: str, split: FrontMatterSplit) -> tuple[Message | None, int | None]:
    """What is wrong with the front matter of ``text`` (already ``split``), and its line.

    ``(None, None)`` when there is nothing wrong; the line is 0-based in the whole document.
    """
    if split.raw is None and split.closed and indented_opening(text) is None:
        return None, None
    parsed = read_front_matter(text) if split.raw is None else _parse(split.raw)
    if parsed.problem is None:
        return None, None
    return parsed.problem, parsed.problem_line


@lru_cache(maxsize=64)
def _parse(raw: str) -> ParsedFrontMatter:
    return parse_front_matter(raw, first_line=_FIRST_YAML_LINE)
