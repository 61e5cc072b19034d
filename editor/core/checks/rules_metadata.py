"""The front matter: readable at all, then each field as the profile declares it.

The field rules are :func:`editor.core.profiles.validate_metadata`'s findings (required,
types, formats, lengths, allowed and deprecated values), passed on with their fixes.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks.context import CheckContext
from editor.core.checks.model import Problem, QuickFix
from editor.core.profiles.validation import validate_metadata


def check(ctx: CheckContext) -> Iterator[Problem]:
    """The front matter's problems: unreadable YAML first, then the profile's fields."""
    doc = ctx.doc
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
