"""Find and replace over plain text with Python's ``re``, reporting Qt (UTF-16) positions.

No Qt here: the find bar hands in the document's text and gets back ranges it can select.
Zero-length matches (``^``, ``a*`` on "b") are skipped: they cannot be selected or counted
sensibly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.text.utf16 import Utf16Map


class SearchError(ValueError):
    """The pattern or the replacement template is not valid.

    ``reason`` is Python's explanation; ``column`` is the 1-based character it points at, when
    known.
    """

    def __init__(self, reason: str, column: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.column = column


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for and how."""

    text: str
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern; raises :class:`SearchError` for an invalid expression."""
        source = self.text if self.regex else re.escape(self.text)
        if self.whole_word:
            source = rf"(?<!\w)(?:{source})(?!\w)"
        flags = re.MULTILINE if self.match_case else re.MULTILINE | re.IGNORECASE
        try:
            return re.compile(source, flags)
        except re.error as error:
            raise _search_error(error, self) from error


@dataclass(frozen=True, slots=True)
class Match:
    """One match: Qt positions (UTF-16 units) and the Python indices it came from."""

    start: int
    end: int
    index_start: int
    index_end: int


def _search_error(error: re.error, query: SearchQuery) -> SearchError:
    column = None
    if error.pos is not None and query.regex and not query.whole_word:
        column = error.pos + 1
    return SearchError(error.msg, column)


def find_all(text: str, pattern: re.Pattern[str], offsets: Utf16Map | None = None) -> list[Match]:
    """Every non-empty match of ``pattern`` in ``text``, in document order."""
    offsets = offsets or Utf16Map(text)
    matches = []
    for found in pattern.finditer(text):
        start, end = found.span()
        if start != end:
            matches.append(Match(offsets.to_utf16(start), offsets.to_utf16(end), start, end))
    return matches


def replacement_for(
    text: str, pattern: re.Pattern[str], match: Match, template: str, *, regex: bool
) -> str | None:
    """The text that replaces ``match``; ``None`` if the text there no longer matches.

    In regular-expression mode ``template`` may use ``\\1`` and ``\\g<name>``; otherwise it is
    inserted literally. Raises :class:`SearchError` for a bad template.
    """
    found = pattern.match(text, match.index_start)
    if found is None or found.end() != match.index_end:
        return None
    return _expand(found, template, regex=regex)


def replacements(
    text: str, pattern: re.Pattern[str], template: str, *, regex: bool
) -> list[tuple[Match, str]]:
    """Every non-empty match with its replacement text, in document order."""
    offsets = Utf16Map(text)
    result = []
    for found in pattern.finditer(text):
        start, end = found.span()
        if start != end:
            match = Match(offsets.to_utf16(start), offsets.to_utf16(end), start, end)
            result.append((match, _expand(found, template, regex=regex)))
    return result


def _expand(found: re.Match[str], template: str, *, regex: bool) -> str:
    if not regex:
        return template
    try:
        return found.expand(template)
    except (re.error, IndexError) as error:
        reason = error.msg if isinstance(error, re.error) else str(error)
        raise SearchError(reason, None) from error
