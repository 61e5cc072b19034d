"""Checks: what would fail a site's build, lint or review, found while the author writes.

:func:`check_post` runs the rules of the post's site (chosen from its profile, see
:mod:`.sites`) and returns a :class:`CheckReport` of :class:`Problem` s, each with a severity,
a plain message, its line and a :class:`QuickFix` where one is safe (:func:`apply_fix`).
Files beside the post are seen through an injected :class:`FileView`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from editor.core.checks.files import FileView, Lookup, MemoryFiles, look_up
from editor.core.checks.model import (
    SEVERITIES,
    CheckReport,
    FixNotApplicableError,
    Problem,
    QuickFix,
    TextEdit,
    apply_fix,
)

if TYPE_CHECKING:
    from editor.core.checks.engine import check_post
    from editor.core.checks.sites import BLOG, GENERIC, LEARN, SiteRules, rules_for

#: Names whose modules load the rules and the Markdown parser: imported when first asked for,
#: so that the window's process, which only shows problems, does not wait for them.
_LATER = {
    "check_post": "engine",
    "BLOG": "sites",
    "GENERIC": "sites",
    "LEARN": "sites",
    "SiteRules": "sites",
    "rules_for": "sites",
}


def __getattr__(name: str) -> object:
    if name in _LATER:
        return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
