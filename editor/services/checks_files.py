"""The checks' view of the files around a post, on the real disk.

Folders are listed (never guessed from ``exists()``), so names are compared exactly even on a
disk that ignores case, as the sites' servers would compare them. Listings are cached for the
life of one view: make a new view for each check run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from editor.core.checks import CheckReport, check_post
from editor.core.images import ImageFile
from editor.core.images.folders import image_folder_for
from editor.core.profiles.model import Profile
from editor.services.images import scan_images

#: Never list more than this many entries of one folder (a post beside a huge folder).
MAX_ENTRIES = 5000
#: Text files larger than this are not read (an include is a few lines).
MAX_TEXT_BYTES = 1_000_000


class DiskFiles:
    """A :class:`editor.core.checks.FileView` rooted at the post's folder."""

    def __init__(self, post_folder: Path) -> None:
        self._root = post_folder
        self._cache: dict[str, Mapping[str, int | None] | None] = {}

    def entries(self, folder: str) -> Mapping[str, int | None] | None:
        """Names in ``folder`` (relative to the post's folder) with file sizes; None if absent."""
        if folder not in self._cache:
            self._cache[folder] = self._list(self._root / folder if folder else self._root)
        return self._cache[folder]

    def read_text(self, path: str) -> str | None:
        """The UTF-8 text of a small file (Learn's includes); None if it cannot be read."""
        try:
            file = self._root / path
            if file.stat().st_size > MAX_TEXT_BYTES:
                return None
            return file.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    @staticmethod
    def _list(folder: Path) -> Mapping[str, int | None] | None:
        try:
            with os.scandir(folder) as scan:
                found: dict[str, int | None] = {}
                for entry in scan:
                    if len(found) >= MAX_ENTRIES:
                        break
                    found[entry.name] = _size(entry)
                return found
        except OSError:
            return None


def _size(entry: os.DirEntry[str]) -> int | None:
    try:
        if entry.is_dir():
            return None
        return entry.stat().st_size
    except OSError:
        return 0


def picture_files(post: Path, profile: Profile | None, text: str) -> tuple[ImageFile, ...] | None:
    """The post's pictures with their sizes, as the Images panel reads them (None without a
    site profile: then the checks use their own smaller set of picture rules)."""
    if profile is None:
        return None
    folder = image_folder_for(profile, post)
    return scan_images(post.parent, folder, text, profile.images.thumbnail_field)


def check_saved_post(text: str, profile: Profile | None, post: Path | None) -> CheckReport:
    """The checks for ``text`` of the post at ``post`` (None: unsaved, no files to look at),
    with the files around it on disk: what the Problems panel, the publish step and
    ``postwright check`` all show."""
    if post is None:
        return check_post(text, profile)
    images = picture_files(post, profile, text)
    return check_post(text, profile, files=DiskFiles(post.parent), path=post, images=images)
