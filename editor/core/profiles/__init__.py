"""Site profiles: what a publishing target expects of a post, and checking posts against it.

The public API: :func:`load_profile`, :func:`load_profiles`, :func:`builtin_profiles_dir`,
:func:`match_profile`, :func:`validate_metadata` and :func:`fill_template`, with the data
classes they use.
"""

from __future__ import annotations

from pathlib import Path

from editor.core.profiles.loading import SCHEMA_VERSION, load_profile, load_profiles
from editor.core.profiles.matching import match_profile
from editor.core.profiles.model import (
    FIELD_TYPES,
    ExtraFile,
    FieldSpec,
    NamingRules,
    Profile,
    ProfileError,
    ProfileProblem,
    ProfileSet,
    Snippet,
    fill_template,
)
from editor.core.profiles.validation import (
    Finding,
    FixSuggestion,
    Severity,
    key_lines,
    validate_metadata,
)
from editor.core.resources import resource_path


def builtin_profiles_dir() -> Path:
    """The folder of the profiles that ship with Postwright (``resources/profiles``)."""
    return resource_path("profiles")


__all__ = [
    "FIELD_TYPES",
    "SCHEMA_VERSION",
    "ExtraFile",
    "FieldSpec",
    "Finding",
    "FixSuggestion",
    "NamingRules",
    "Profile",
    "ProfileError",
    "ProfileProblem",
    "ProfileSet",
    "Severity",
    "Snippet",
    "builtin_profiles_dir",
    "fill_template",
    "key_lines",
    "load_profile",
    "load_profiles",
    "match_profile",
    "validate_metadata",
]
