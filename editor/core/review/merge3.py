"""Three-way merge of one text file, line by line (diff3), with conflicts the user decides.

The *base* is the file as the reviewer downloaded it, *mine* the reviewer's version, *theirs*
the version someone pushed meanwhile. Parts only one side changed take that side; parts both
changed the same way are taken once; parts both changed differently (or changes touching the
same or neighbouring lines, as git counts them) are conflicts. :func:`resolved_text` puts a
merge together with one :class:`~editor.core.text.merge.Take` per conflict, so nothing either
side wrote is lost unless the user chooses so.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from editor.core.text.merge import Take

Lines = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Both sides changed the same lines; ``base_start`` is 0-based in the base."""

    index: int
    base_start: int
    base: Lines
    mine: Lines
    theirs: Lines


@dataclass(frozen=True, slots=True)
class Merge:
    """The merged file as runs of settled lines and :class:`Conflict` s."""

    parts: tuple[Lines | Conflict, ...]

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return tuple(part for part in self.parts if isinstance(part, Conflict))

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _sync_regions(
    base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]
) -> list[tuple[int, int, int, int, int, int]]:
    """Runs of base lines both sides kept unchanged: (base, base end, mine, mine end, ...)."""
    ours = difflib.SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    others = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(ours) and j < len(others):
        a_base, a_at, a_len = ours[i]
        b_base, b_at, b_len = others[j]
        start = max(a_base, b_base)
        end = min(a_base + a_len, b_base + b_len)
        if start < end:
            mine_at = a_at + start - a_base
            theirs_at = b_at + start - b_base
            regions.append(
                (start, end, mine_at, mine_at + end - start, theirs_at, theirs_at + end - start)
            )
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions


def merge3(base: str, mine: str, theirs: str) -> Merge:
    """Merge ``mine`` and ``theirs``, both made from ``base``."""
    base_lines = base.splitlines(keepends=True)
    mine_lines = mine.splitlines(keepends=True)
    their_lines = theirs.splitlines(keepends=True)
    parts: list[Lines | Conflict] = []
    z = a = b = 0
    for z_at, z_end, a_at, a_end, b_at, b_end in _sync_regions(base_lines, mine_lines, their_lines):
        base_part = tuple(base_lines[z:z_at])
        mine_part = tuple(mine_lines[a:a_at])
        their_part = tuple(their_lines[b:b_at])
        if mine_part or their_part or base_part:
            if their_part in (mine_part, base_part):
                parts.append(mine_part)
            elif mine_part == base_part:
                parts.append(their_part)
            else:
                index = sum(isinstance(p, Conflict) for p in parts)
                parts.append(Conflict(index, z, base_part, mine_part, their_part))
        if z_end > z_at:
            parts.append(tuple(base_lines[z_at:z_end]))
        z, a, b = z_end, a_end, b_end
    return Merge(tuple(part for part in parts if part != ()))


def resolved_text(merge: Merge, choices: Mapping[int, Take] | Sequence[Take] = ()) -> str:
    """The merged text; conflict *i* takes ``choices[i]`` (mine when not given)."""
    pieces: list[str] = []
    for part in merge.parts:
        if not isinstance(part, Conflict):
            pieces.extend(part)
            continue
        if isinstance(choices, Mapping):
            take = choices.get(part.index, Take.MINE)
        else:
            take = choices[part.index] if part.index < len(choices) else Take.MINE
        if take is Take.MINE:
            pieces.extend(part.mine)
        elif take is Take.THEIRS:
            pieces.extend(part.theirs)
        else:
            pieces.extend(_joined(part.mine, part.theirs))
    return "".join(pieces)


def _joined(first: Lines, second: Lines) -> list[str]:
    lines = list(first)
    if lines and second and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return [*lines, *second]
