"""Which words of a Markdown line are prose to spell-check.

Code, addresses, file names, HTML, shortcodes, Learn's extension syntax (``:::image ...:::``,
``[!NOTE]``, ``[!INCLUDE ...]``) and link destinations are not prose; neither are words that
are clearly not dictionary words: acronyms in capitals, words with digits, single letters.
The caller says which parts of the line are already known not to be prose (the highlighter's
code and link spans); this module finds the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: A word: letters, with inner apostrophes (don't, l'été) and inner hyphens left to split.
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
#: Not prose, whatever the highlighter said: addresses, e-mail, paths, Learn's syntax.
_NOT_PROSE = re.compile(
    r"(?:https?|ftp|mailto):\S+"
    r"|www\.\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:\.{0,2}/)?[\w.-]+(?:/[\w.-]+)+/?"  # a path with slashes
    r"|\b[\w-]+\.(?:md|png|jpe?g|gif|svg|webp|yml|yaml|json|ps1|js|ts|py|cs|html?|css|txt)\b"
    r"|^\s*:::.*$"  # :::image ... :::, ::: zone pivot=..., :::row:::
    r"|\[!(?:INCLUDE|VIDEO|div)[^\]]*\](?:\([^)]*\))?\]?"
    r"|\[!(?:NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]"
    r"|<xref:[^>]*>"
    r"|\{\{[<%].*?[%>]\}\}"  # a Hugo shortcode call
    r"|\{#[\w-]+\}"  # a heading id
    r"|&[a-zA-Z]+;|&#\d+;",
    re.IGNORECASE,
)
_MIN_LENGTH = 2


def _is_checkable(word: str) -> bool:
    if len(word) < _MIN_LENGTH:
        return False
    letters = word.replace("'", "").replace("\u2019", "")
    return not (letters.isupper() and len(letters) > 1)  # SPFX, API: acronyms


def prose_words(line: str, excluded: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """The words of ``line`` to spell-check, as ``(start, end, word)`` (Python indices).

    ``excluded`` are ``(start, end)`` ranges that are not prose (code spans, link
    destinations, ...). A word touching an excluded range is skipped. A word made of parts
    joined by a hyphen is checked part by part; a word joined to digits or an underscore
    (``v2``, ``my_list``) is an identifier and skipped.
    """
    blocked = [*excluded, *((m.start(), m.end()) for m in _NOT_PROSE.finditer(line))]
    words: list[tuple[int, int, str]] = []
    for match in WORD.finditer(line):
        start, end = match.span()
        if start > 0 and (line[start - 1].isdigit() or line[start - 1] == "_"):
            continue
        if end < len(line) and (line[end].isdigit() or line[end] == "_"):
            continue
        if any(start < stop and end > begin for begin, stop in blocked):
            continue
        word = match.group()
        if _is_checkable(word):
            words.append((start, end, word))
    return words
