"""The front matter: readable at all, then each field as the profile declares it.

The field rules are :func:`editor.core.profiles.validate_metadata`'s findings (required,
types, formats, lengths, allowed and deprecated values), passed on with their fixes.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks.context import CheckContext
from editor.core.checks.model import Problem, QuickFix, TextEdit
from editor.core.front_matter import INDENTED_OPENING, indented_opening
from editor.core.i18n import message
from editor.core.profiles.validation import validate_metadata

_CONTEXT = "Checks"


def check(ctx: CheckContext) -> Iterator[Problem]:
    """The front matter's problems: an opening ``---`` that does not start the file, or
    unreadable YAML, first (alone: the fields are not read), then the profile's fields."""
    doc = ctx.doc
    before = indented_opening(doc.text)
    if before is not None:
        label = message(_CONTEXT, "Remove the spaces before ---")
        remove = QuickFix(label, edits=(TextEdit(0, before, ""),))
        yield Problem("metadata.indented_opening", "error", INDENTED_OPENING, 0, 0, before, remove)
        return
    if doc.front_matter_problem is not None:
        yield Problem(
            "metadata.unreadable", "error", doc.front_matter_problem, doc.front_matter_problem_line
        )
        return
    if ctx.profile is None:
        return
    for finding in validate_metadata(ctx.profile, doc.metadata, doc.text):
        fix = QuickFix(finding.fix.label, field=finding.fix) if finding.fix else None
        yield Problem(
            f"metadata.{finding.key}", finding.severity, finding.message, finding.line, fix=fix
        )
