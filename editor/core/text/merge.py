"""Merging two versions of a post part by part: the file on disk and the text in the editor.

:func:`merge_parts` cuts the two texts into the lines they share and the *changes* where they
differ (line-based, like a diff). For each change the user takes their version, the other
version, or both; :func:`merged_text` puts the result together. Lines both versions share are
always kept, so a merge can only choose between words that exist, never lose shared ones.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class Take(enum.Enum):
    """Which side of one change goes into the merged text."""

    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"  # mine first, then theirs


@dataclass(frozen=True, slots=True)
class Change:
    """One place where the versions differ; lines keep their ``"\\n"``."""

    index: int
    #: 0-based first line of the change in each version.
    mine_start: int
    theirs_start: int
    mine: tuple[str, ...]
    theirs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeParts:
    """Both versions as a sequence of shared runs of lines and :class:`Change` s."""

    parts: tuple[tuple[str, ...] | Change, ...]

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(part for part in self.parts if isinstance(part, Change))


def merge_parts(mine: str, theirs: str) -> MergeParts:
    """Cut ``mine`` (the editor) and ``theirs`` (the file) into shared lines and changes."""
    mine_lines = mine.splitlines(keepends=True)
    their_lines = theirs.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, mine_lines, their_lines, autojunk=False)
    parts: list[tuple[str, ...] | Change] = []
    for tag, m_start, m_end, t_start, t_end in matcher.get_opcodes():
        if tag == "equal":
            parts.append(tuple(mine_lines[m_start:m_end]))
        else:
            parts.append(
                Change(
                    index=sum(isinstance(part, Change) for part in parts),
                    mine_start=m_start,
                    theirs_start=t_start,
                    mine=tuple(mine_lines[m_start:m_end]),
                    theirs=tuple(their_lines[t_start:t_end]),
                )
            )
    return MergeParts(tuple(parts))


def merged_text(parts: MergeParts, choices: Mapping[int, Take] | Sequence[Take] = ()) -> str:
    """The merged text: shared lines, and for change *i* the side ``choices[i]`` (default mine)."""
    pieces: list[str] = []
    for part in parts.parts:
        if not isinstance(part, Change):
            pieces.extend(part)
            continue
        take = _choice(choices, part.index)
        if take is Take.MINE:
            pieces.extend(part.mine)
        elif take is Take.THEIRS:
            pieces.extend(part.theirs)
        else:
            pieces.extend(_joined(part.mine, part.theirs))
    return "".join(pieces)


def _choice(choices: Mapping[int, Take] | Sequence[Take], index: int) -> Take:
    if isinstance(choices, Mapping):
        return choices.get(index, Take.MINE)
    return choices[index] if index < len(choices) else Take.MINE


def _joined(first: tuple[str, ...], second: tuple[str, ...]) -> list[str]:
    """``first`` then ``second``; a last line of ``first`` without its newline gets one."""
    lines = list(first)
    if lines and second and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return [*lines, *second]
