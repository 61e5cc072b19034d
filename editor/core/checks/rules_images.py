"""Picture problems from :mod:`editor.core.images` (the rules the Images panel uses), as
checks: one list of picture rules for both panels.

They need the pictures as :class:`~editor.core.images.ImageFile` records (size and pixel
size, read by ``services/images.py``). When those are not given (an in-memory view, an
unsaved post, no site), :mod:`.rules_files` applies its own smaller set instead.
Rule ids become ``images.<rule>`` (``image-missing`` → ``images.missing``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from editor.core.checks.context import CheckContext
from editor.core.checks.model import Problem, QuickFix, TextEdit
from editor.core.images import ImageFile, ImageProblem, ImageSituation, image_problems
from editor.core.images.folders import image_folder_for


def check(ctx: CheckContext, files: Sequence[ImageFile]) -> Iterator[Problem]:
    """The picture problems of the post under its profile's image rules."""
    if ctx.profile is None:
        return
    folder = image_folder_for(ctx.profile, ctx.doc.path)
    situation = ImageSituation(ctx.doc.text, tuple(files), ctx.profile.images, folder)
    for problem in image_problems(situation):
        yield _as_problem(ctx, problem)


def rule_id(rule: str) -> str:
    """``image-missing`` → ``images.missing``; ``alt-missing`` → ``images.alt-missing``."""
    return "images." + rule.removeprefix("image-")


def _as_problem(ctx: CheckContext, problem: ImageProblem) -> Problem:
    fix, start, end = None, None, None
    if problem.fix is not None:
        edits = tuple(TextEdit(e.start, e.end, e.replacement) for e in problem.fix.edits)
        fix = QuickFix(problem.fix.label, edits)
        start, end = _columns(ctx, problem.line, edits[0] if edits else None)
    rule = rule_id(problem.rule)
    return Problem(rule, problem.severity, problem.message, problem.line, start, end, fix)


def _columns(
    ctx: CheckContext, line: int | None, edit: TextEdit | None
) -> tuple[int | None, int | None]:
    """The fix's span as columns of the problem's line (what to underline), if it is there."""
    if line is None or edit is None or line >= len(ctx.doc.line_starts):
        return None, None
    begin = ctx.doc.line_starts[line]
    if not begin <= edit.start <= edit.end <= begin + len(ctx.doc.lines[line]):
        return None, None
    return edit.start - begin, edit.end - begin
