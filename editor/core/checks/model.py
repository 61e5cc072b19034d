"""What a check finds: a :class:`Problem` with its severity, place, plain message and fix.

Severities mean what the site does with the problem: an ``error`` stops publishing (the site's
build, link check or required review fails), a ``warning`` asks the author to look (a lint rule
or a reviewer's habit), a ``hint`` only informs. Lines are 0-based lines of the whole document;
columns are Python string offsets within the line.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.front_matter import FrontMatterEditError, set_field
from editor.core.i18n import Message
from editor.core.profiles.validation import FixSuggestion, Severity

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "hint")


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace ``text[start:end]`` (offsets in the whole document) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class QuickFix:
    """A safe, minimal change that removes the problem.

    Either ``edits`` (non-overlapping spans of the document) or ``field`` (a front-matter key
    set to a new value, written in place by :func:`editor.core.front_matter.set_field`).
    """

    label: Message
    edits: tuple[TextEdit, ...] = ()
    field: FixSuggestion | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of one rule in one document.

    ``rule`` is a stable id (``"links.relative"``), for the command line's output and for
    sites that want to look a rule up. ``start``/``end`` are columns on ``line`` to underline
    (both None: the whole line). ``line`` is None for problems of the post as a whole.
    """

    rule: str
    severity: Severity
    message: Message
    line: int | None = None
    start: int | None = None
    end: int | None = None
    fix: QuickFix | None = None


class FixNotApplicableError(ValueError):
    """The text changed so that the fix no longer fits; check again and retry."""


def apply_fix(text: str, fix: QuickFix) -> str:
    """``text`` with ``fix`` applied; :class:`FixNotApplicableError` when it no longer fits."""
    if fix.field is not None:
        try:
            return set_field(text, fix.field.key, fix.field.new_value)
        except FrontMatterEditError as error:
            raise FixNotApplicableError(error.message.english()) from error
    result = text
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        if not 0 <= edit.start <= edit.end <= len(result):
            raise FixNotApplicableError("the text is shorter than the fix expects")
        result = result[: edit.start] + edit.replacement + result[edit.end :]
    return result


def severity_rank(severity: Severity) -> int:
    """0 for errors, 1 for warnings, 2 for hints: sorts the worst first."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The problems of one post, worst and earliest first, and which site's rules were used."""

    problems: tuple[Problem, ...]
    site: str
    profile_id: str | None = None

    def count(self, severity: str) -> int:
        """How many problems have ``severity``."""
        return sum(1 for problem in self.problems if problem.severity == severity)

    @property
    def has_errors(self) -> bool:
        """True when something would stop the post from being published."""
        return any(problem.severity == "error" for problem in self.problems)
