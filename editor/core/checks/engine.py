"""Running every rule of a post's site over it: :func:`check_post`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePath, PurePosixPath

from editor.core.checks import (
    rules_extensions,
    rules_files,
    rules_images,
    rules_metadata,
    rules_structure,
)
from editor.core.checks.context import CheckContext
from editor.core.checks.document import PostDocument
from editor.core.checks.files import FileView
from editor.core.checks.model import CheckReport, Problem, severity_rank
from editor.core.checks.sites import SiteRules, rules_for
from editor.core.images import ImageFile
from editor.core.profiles.model import Profile

Rule = Callable[[CheckContext], Iterable[Problem]]
RULES: tuple[Rule, ...] = (
    rules_metadata.check,
    rules_structure.check,
    rules_extensions.check,
    rules_files.check,
)


def check_post(
    text: str,
    profile: Profile | None,
    *,
    files: FileView | None = None,
    path: PurePath | str | None = None,
    site: SiteRules | None = None,
    images: Sequence[ImageFile] | None = None,
) -> CheckReport:
    """Every problem of the post ``text`` under ``profile`` (None: only the generic rules).

    ``files`` shows the files around the post (relative to its folder) and ``path`` is the
    post's own path (its file and folder names name its image folder); without them the rules
    that need the disk are skipped. ``images`` are the post's picture files as the Images
    panel reads them: given (with a profile), the pictures are checked by its rules.
    """
    post_path = PurePosixPath(str(path).replace("\\", "/")) if path is not None else None
    context = CheckContext(
        doc=PostDocument(text, post_path),
        site=site or rules_for(profile),
        profile=profile,
        files=files,
        shared_image_rules=images is not None and profile is not None,
    )
    problems = [problem for rule in RULES for problem in rule(context)]
    if images is not None:
        problems.extend(rules_images.check(context, images))
    problems.sort(key=_order)
    return CheckReport(tuple(problems), context.site.name, profile.id if profile else None)


def _order(problem: Problem) -> tuple[int, int, int]:
    line = -1 if problem.line is None else problem.line
    return line, problem.start or 0, severity_rank(problem.severity)
