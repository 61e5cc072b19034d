"""The local library: each post stored as in its site's repository, one folder per site.

``<library>/<profile id>/content/post/<folder>/index.md`` for the blog,
``<library>/<profile id>/Community/<name>.md`` for Learn: images and relative links then
resolve exactly as they will on the site.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from editor.core.i18n import message
from editor.core.profiles.model import Profile
from editor.core.profiles.new_post import NewPostPlan
from editor.services.storage import StorageError

_CONTEXT = "library"


class Library:
    """Where the user's posts live on this computer."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def site_root(self, profile: Profile) -> Path:
        """The folder that mirrors ``profile``'s repository."""
        return self.root / profile.id

    def taken_names(self, profile: Profile) -> set[str]:
        """Names already used by posts of ``profile`` here (folders or file stems)."""
        parent = self.site_root(profile) / _names_folder(profile)
        if not parent.is_dir():
            return set()
        return {entry.stem if entry.is_file() else entry.name for entry in parent.iterdir()}

    def create_post(self, profile: Profile, plan: NewPostPlan) -> Path:
        """Write the new post (never over an existing file) and make its image folder."""
        site = self.site_root(profile)
        post = site / Path(*plan.post_path.parts)
        try:
            post.parent.mkdir(parents=True, exist_ok=True)
            (site / Path(*plan.image_folder.parts)).mkdir(parents=True, exist_ok=True)
            descriptor = os.open(post, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(plan.text)
        except FileExistsError:
            raise StorageError(
                message(_CONTEXT, "A post already exists at {path}.", path=str(post)), path=post
            ) from None
        except OSError as error:
            raise StorageError(
                message(
                    _CONTEXT,
                    "The new post could not be created in {folder}: {reason}.",
                    folder=str(post.parent),
                    reason=error.strerror or str(error),
                ),
                path=post,
            ) from error
        return post


_MARKER = "__postwright_name__"


def _names_folder(profile: Profile) -> PurePosixPath:
    """The folder whose entries are post names: ``content/post`` for the blog's
    ``content/post/{folder}/index.md``, ``Community`` for Learn's ``Community/{name}.md``."""
    parts = profile.post_file(_MARKER).parts
    index = next(i for i, part in enumerate(parts) if part.startswith(_MARKER))
    return PurePosixPath(*parts[:index]) if index else PurePosixPath(".")
