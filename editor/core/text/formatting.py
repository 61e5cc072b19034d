"""Markdown formatting commands as pure text edits: the writing aids behind the Format menu.

Every command takes the document text and the selection (character offsets, ``start <= end``)
and returns an :class:`Edit`: the span to replace, its replacement, and the selection to show
afterwards. The editor applies an edit as one undoable step. Nothing here knows about Qt.

Inline commands (bold, italic, code, strikethrough) toggle: applied to text that is already
wrapped in the same marker, they remove it. Line commands (headings, lists, quotes) work on
every line the selection touches, and also toggle.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; then select ``select`` (offsets in the
    new text)."""

    start: int
    end: int
    replacement: str
    select: tuple[int, int]

    def apply(self, text: str) -> str:
        """``text`` with this edit made (for tests and headless use)."""
        return text[: self.start] + self.replacement + text[self.end :]


# --- Inline ---------------------------------------------------------------------------------


def toggle_inline(text: str, start: int, end: int, marker: str, placeholder: str) -> Edit:
    """Wrap the selection in ``marker`` (``**``, ``_``, `````, ``~~``), or unwrap it.

    Without a selection, ``placeholder`` is inserted wrapped and selected, so typing replaces
    it. Whitespace at the selection's edges stays outside the markers (``** bold**`` would
    not be bold). Code containing backticks gets a longer fence, as CommonMark requires.
    """
    selected = text[start:end]
    core_start = start + len(selected) - len(selected.lstrip())
    core_end = end - (len(selected) - len(selected.rstrip()))
    if core_start >= core_end:  # nothing, or only spaces, selected
        core_start = core_end = end
    core = text[core_start:core_end]
    before = text[max(0, core_start - len(marker)) : core_start]
    after = text[core_end : core_end + len(marker)]
    if core and before == marker and after == marker:
        # the selection is the inside of a wrapped span: unwrap it
        return Edit(
            core_start - len(marker),
            core_end + len(marker),
            core,
            (core_start - len(marker), core_end - len(marker)),
        )
    if len(core) > 2 * len(marker) and core.startswith(marker) and core.endswith(marker):
        inner = core[len(marker) : -len(marker)]
        return Edit(core_start, core_end, inner, (core_start, core_start + len(inner)))
    if not core:
        core = placeholder
    fence = marker
    if marker == "`":
        longest = max((len(run) for run in re.findall(r"`+", core)), default=0)
        fence = "`" * (longest + 1)
        if longest:
            core = f" {core} "
    wrapped = f"{fence}{core}{fence}"
    inner_start = core_start + len(fence)
    return Edit(core_start, core_end, wrapped, (inner_start, inner_start + len(core)))


def link(text: str, start: int, end: int, url: str, label: str = "") -> Edit:
    """A link to ``url`` around the selection (or ``label``, or the URL itself as text)."""
    shown = text[start:end] or label or url
    destination = f"<{url}>" if re.search(r"\s|[()]", url) else url
    replacement = f"[{_escape_brackets(shown)}]({destination})"
    return Edit(start, end, replacement, (start + 1, start + 1 + len(_escape_brackets(shown))))


_BARE_DOMAIN = re.compile(
    r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,24})(?::\d+)?(?:[/?#]|$)"
)
_FILE_SUFFIXES = frozenset({"md", "png", "jpg", "jpeg", "gif", "svg", "webp", "html", "htm", "yml"})


def web_address(target: str) -> str:
    """``target`` with ``https://`` added when it is a web address typed without it
    (``learn.microsoft.com/teams``); anchors, relative paths and other schemes stay as typed."""
    target = target.strip()
    found = _BARE_DOMAIN.match(target)
    if found is None or found.group(1).lower() in _FILE_SUFFIXES:
        return target
    return "https://" + target


def _escape_brackets(label: str) -> str:
    return re.sub(r"(?<!\\)([\[\]])", r"\\\1", label)


# --- Lines ----------------------------------------------------------------------------------


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the whole lines the selection touches (end excludes the last newline)."""
    first = text.rfind("\n", 0, start) + 1
    if end > start and end > 0 and text[end - 1] == "\n":
        end -= 1  # a selection ending at a line start does not include that line
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


_HEADING = re.compile(r"^(#{1,6})[ \t]+|^(#{1,6})$")
_BULLET = re.compile(r"^(\s*)[-*+][ \t]+")
_NUMBER = re.compile(r"^(\s*)\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^>[ \t]?")
_TASK = re.compile(r"^(\s*)[-*+][ \t]+\[[ xX]\][ \t]+")


def set_heading(text: str, start: int, end: int, level: int) -> Edit:
    """Make the touched lines headings of ``level`` (1-6); 0, or the same level again, makes
    them plain paragraphs."""
    first, last = _line_span(text, start, end)
    lines = text[first:last].split("\n")
    current = {_heading_level(line) for line in lines if line.strip()}
    target = 0 if current == {level} else level
    new_lines = []
    for line in lines:
        body = _HEADING.sub("", line, count=1)
        new_lines.append(("#" * target + " " + body) if target and body.strip() else body)
    return _lines_edit(text, (first, last), new_lines, start, end)


def _heading_level(line: str) -> int:
    found = _HEADING.match(line)
    return len(found.group(1) or found.group(2)) if found else 0


def toggle_bullets(text: str, start: int, end: int) -> Edit:
    """Start each touched line with ``- ``, or remove the bullets when all have one."""
    return _toggle_prefix(text, start, end, _BULLET, lambda _index: "- ")


def toggle_numbers(text: str, start: int, end: int) -> Edit:
    """Number the touched lines ``1.``, ``2.``, …, or remove the numbers when all have one."""
    return _toggle_prefix(text, start, end, _NUMBER, lambda index: f"{index + 1}. ")


def toggle_tasks(text: str, start: int, end: int) -> Edit:
    """Make the touched lines a task list (``- [ ]``), or plain lines again."""
    return _toggle_prefix(text, start, end, _TASK, lambda _index: "- [ ] ")


def toggle_quote(text: str, start: int, end: int) -> Edit:
    """Quote the touched lines with ``> ``, or unquote them when all are quoted."""
    first, last = _line_span(text, start, end)
    lines = text[first:last].split("\n")
    if all(_QUOTE.match(line) for line in lines):
        new_lines = [_QUOTE.sub("", line, count=1) for line in lines]
    else:
        new_lines = [("> " + line) if line.strip() else ">" for line in lines]
    return _lines_edit(text, (first, last), new_lines, start, end)


def _toggle_prefix(
    text: str, start: int, end: int, pattern: re.Pattern[str], prefix: Callable[[int], str]
) -> Edit:
    first, last = _line_span(text, start, end)
    lines = text[first:last].split("\n")
    filled = [line for line in lines if line.strip()]
    if filled and all(pattern.match(line) for line in filled):
        new_lines = [pattern.sub(r"\1", line, count=1) for line in lines]
    else:
        new_lines, index = [], 0
        for line in lines:
            if not line.strip():
                new_lines.append(line)
                continue
            indent = line[: len(line) - len(line.lstrip())]
            body = line.lstrip()
            for other in (_TASK, _BULLET, _NUMBER):  # switching kinds replaces the marker
                body = other.sub("", body, count=1)
            new_lines.append(indent + prefix(index) + body)
            index += 1
    return _lines_edit(text, (first, last), new_lines, start, end)


def _lines_edit(
    text: str, span: tuple[int, int], new_lines: Sequence[str], start: int, end: int
) -> Edit:
    first, last = span
    replacement = "\n".join(new_lines)
    if start == end:  # a caret: keep it at the same place in its line's text
        old_line = text[first:last].split("\n", maxsplit=1)[0]
        offset = start - first
        tail = len(old_line) - offset
        caret = first + max(0, len(new_lines[0]) - tail)
        return Edit(first, last, replacement, (caret, caret))
    return Edit(first, last, replacement, (first, first + len(replacement)))


def code_block(text: str, start: int, end: int, language: str = "") -> Edit:
    """Fence the touched lines as a code block (an empty one at a caret on an empty line)."""
    first, last = _line_span(text, start, end)
    body = text[first:last] if start != end or text[first:last].strip() else ""
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", body, re.M)), default=2)
    fence = "`" * max(3, longest + 1)
    replacement = f"{fence}{language}\n{body}\n{fence}"
    inside = first + len(fence) + len(language) + 1
    return Edit(first, last, replacement, (inside, inside + len(body)))


def insert_block(text: str, start: int, end: int, block: str) -> Edit:
    """Insert ``block`` as a block of its own: blank lines around it, replacing the selection.

    ``{selection}`` in ``block`` is replaced by the selected text (or removed); in a quoted
    line (``> {selection}``) every selected line is quoted. The caret goes where ``{cursor}``
    is, or after the block.
    """
    selected = text[start:end]
    line_start = block.rfind("\n", 0, max(0, block.find("{selection}"))) + 1
    prefix = block[line_start : block.find("{selection}")] if "{selection}" in block else ""
    if prefix and not prefix.strip(" >"):  # inside a quote: every selected line is quoted
        selected = selected.replace("\n", "\n" + prefix)
    filled = block.replace("{selection}", selected)
    caret = filled.find("{cursor}")
    filled = filled.replace("{cursor}", "")
    before = text[:start]
    if not before or before.endswith("\n\n"):
        lead = ""
    else:
        lead = "\n" if before.endswith("\n") else "\n\n"
    after = text[end:]
    if not after:
        trail = "\n"
    elif after.startswith("\n\n"):
        trail = ""
    else:
        trail = "\n" if after.startswith("\n") else "\n\n"
    replacement = lead + filled + trail
    where = start + len(lead) + (caret if caret >= 0 else len(filled))
    return Edit(start, end, replacement, (where, where))


# --- Tables ---------------------------------------------------------------------------------

ALIGNMENTS = ("left", "center", "right", "none")


def new_table(rows: int, columns: int, alignments: Sequence[str] = ()) -> str:
    """A pipe table with a header row and ``rows`` body rows, cells labelled for filling in."""
    rows, columns = max(1, rows), max(1, columns)
    header = [f"Column {n + 1}" for n in range(columns)]
    body = [["" for _ in range(columns)] for _ in range(rows)]
    aligns = [alignments[n] if n < len(alignments) else "none" for n in range(columns)]
    return format_table_rows([header, *body], aligns)


def _display_width(cell: str) -> int:
    """How many columns ``cell`` takes in a monospaced font (wide East Asian characters: 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)


def _delimiter(align: str, width: int) -> str:
    width = max(3, width)
    if align == "left":
        return ":" + "-" * (width - 1)
    if align == "right":
        return "-" * (width - 1) + ":"
    if align == "center":
        return ":" + "-" * (width - 2) + ":"
    return "-" * width


def format_table_rows(rows: Sequence[Sequence[str]], alignments: Sequence[str]) -> str:
    """``rows`` (header first) as an aligned pipe table."""
    columns = max(len(row) for row in rows)
    cells = [[*row, *([""] * (columns - len(row)))] for row in rows]
    aligns = [*alignments, *(["none"] * (columns - len(alignments)))][:columns]
    widths = [max(3, *(_display_width(row[n]) for row in cells)) for n in range(columns)]

    def line(row: Sequence[str]) -> str:
        padded = []
        for n, cell in enumerate(row):
            gap = widths[n] - _display_width(cell)
            if aligns[n] == "right":
                padded.append(" " * gap + cell)
            elif aligns[n] == "center":
                padded.append(" " * (gap // 2) + cell + " " * (gap - gap // 2))
            else:
                padded.append(cell + " " * gap)
        return "| " + " | ".join(padded) + " |"

    delimiter = "| " + " | ".join(_delimiter(aligns[n], widths[n]) for n in range(columns)) + " |"
    return "\n".join([line(cells[0]), delimiter, *(line(row) for row in cells[1:])])


_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")


def split_row(line: str) -> list[str]:
    """The cells of one pipe-table row (escaped pipes and pipes in code spans kept)."""
    body = line.strip()
    body = body.removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells, current, in_code = [], "", 0
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            current += body[index : index + 2]
            index += 2
            continue
        if char == "`":
            run = len(body[index:]) - len(body[index:].lstrip("`"))
            in_code = 0 if in_code == run else (in_code or run)
            current += "`" * run
            index += run
            continue
        if char == "|" and not in_code:
            cells.append(current.strip())
            current = ""
        else:
            current += char
        index += 1
    cells.append(current.strip())
    return cells


def _alignment(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    if cell.endswith(":"):
        return "right"
    if cell.startswith(":"):
        return "left"
    return "none"


def table_at(text: str, position: int) -> tuple[int, int] | None:
    """The span of the pipe table containing ``position``, or None."""
    first, last = _line_span(text, position, position)
    lines = text.split("\n")
    line_number = text.count("\n", 0, first)

    def is_row(n: int) -> bool:
        return 0 <= n < len(lines) and "|" in lines[n] and bool(lines[n].strip())

    if not is_row(line_number):
        return None
    top = line_number
    while is_row(top - 1):
        top -= 1
    bottom = line_number
    while is_row(bottom + 1):
        bottom += 1
    if bottom - top < 1:
        return None
    delimiter = split_row(lines[top + 1])
    if not delimiter or not all(_DELIMITER_CELL.match(cell) for cell in delimiter):
        return None
    start = sum(len(line) + 1 for line in lines[:top])
    end = start + sum(len(line) + 1 for line in lines[top : bottom + 1]) - 1
    del last
    return start, end


def format_table(text: str, position: int) -> Edit | None:
    """Align the pipe table around ``position`` (None when there is no table there)."""
    span = table_at(text, position)
    if span is None:
        return None
    start, end = span
    rows = [split_row(line) for line in text[start:end].split("\n")]
    header, delimiter, body = rows[0], rows[1], rows[2:]
    aligns = [_alignment(cell) for cell in delimiter]
    formatted = format_table_rows([header, *body], aligns)
    caret = min(start + (position - start), start + len(formatted))
    return Edit(start, end, formatted, (caret, caret))
