"""The rules for a post's pictures: names, references, renames, alt text and problems.

Pure functions and frozen data (no Qt, no I/O); image processing and files are in
:mod:`editor.services.images`.
"""

from __future__ import annotations

from editor.core.images.alt_text import AltFinding, alt_findings, alt_rules_summary
from editor.core.images.folders import image_folder_for
from editor.core.images.naming import image_file_name, is_safe_name, slug, unique_name
from editor.core.images.problems import (
    ImageFile,
    ImageFix,
    ImageProblem,
    ImageSituation,
    apply_fix,
    human_size,
    image_problems,
)
from editor.core.images.references import (
    ImageReference,
    find_references,
    link_for,
    normalize_target,
)
from editor.core.images.rewrite import (
    TextEdit,
    apply_edits,
    image_markup,
    relative_link,
    renamed,
    with_alt_text,
)

__all__ = [
    "AltFinding",
    "ImageFile",
    "ImageFix",
    "ImageProblem",
    "ImageReference",
    "ImageSituation",
    "TextEdit",
    "alt_findings",
    "alt_rules_summary",
    "apply_edits",
    "apply_fix",
    "find_references",
    "human_size",
    "image_file_name",
    "image_folder_for",
    "image_markup",
    "image_problems",
    "is_safe_name",
    "link_for",
    "normalize_target",
    "relative_link",
    "renamed",
    "slug",
    "unique_name",
    "with_alt_text",
]
