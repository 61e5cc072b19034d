"""What every rule is given: the post, its site's rules, its profile and the files beside it."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.checks.document import PostDocument
from editor.core.checks.files import FileView
from editor.core.checks.sites import SiteRules
from editor.core.profiles.model import Profile


@dataclass(frozen=True, slots=True)
class CheckContext:
    """One check run. ``files`` is None when the post's folder is unknown (an unsaved post):
    then the rules that need the disk are skipped rather than guessed."""

    doc: PostDocument
    site: SiteRules
    profile: Profile | None = None
    files: FileView | None = None
    #: True when the pictures are checked by :mod:`.rules_images` (the Images panel's rules):
    #: then :mod:`.rules_files` leaves picture files and alt text to them.
    shared_image_rules: bool = False
