"""Checks: what would fail a site's build, lint or review, found while the author writes.

:func:`check_post` runs the rules of the post's site (chosen from its profile, see
:mod:`.sites`) and returns a :class:`CheckReport` of :class:`Problem` s, each with a severity,
a plain message, its line and a :class:`QuickFix` where one is safe (:func:`apply_fix`).
Files beside the post are seen through an injected :class:`FileView`.
"""

from __future__ import annotations

from editor.core.checks.engine import CheckReport, check_post
from editor.core.checks.files import FileView, Lookup, MemoryFiles, look_up
from editor.core.checks.model import (
    SEVERITIES,
    FixNotApplicableError,
    Problem,
    QuickFix,
    TextEdit,
    apply_fix,
)
from editor.core.checks.sites import BLOG, GENERIC, LEARN, SiteRules, rules_for

__all__ = [
    "BLOG",
    "GENERIC",
    "LEARN",
    "SEVERITIES",
    "CheckReport",
    "FileView",
    "FixNotApplicableError",
    "Lookup",
    "MemoryFiles",
    "Problem",
    "QuickFix",
    "SiteRules",
    "TextEdit",
    "apply_fix",
    "check_post",
    "look_up",
    "rules_for",
]
