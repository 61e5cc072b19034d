"""Where a post keeps its pictures, as a path relative to the post's own folder.

The site profile says it in repository terms (``content/post/{folder}/images/``,
``Community/media/{name}/``); a post on disk gives the name: its folder's name for a blog
bundle, its file's stem for a Learn article. A post with no site keeps them in ``images/``.
"""

from __future__ import annotations

from pathlib import PurePath

from editor.core.profiles.model import Profile

DEFAULT_FOLDER = "images"


def image_folder_for(profile: Profile | None, post_path: PurePath | None) -> str:
    """The post-relative folder of the post's pictures, without a trailing slash."""
    if profile is None:
        return DEFAULT_FOLDER
    name = None
    if post_path is not None:
        name = profile.post_name(post_path)
        if name is None:  # not in the site's layout (yet): guess from the path
            name = post_path.parent.name if "{folder}" in profile.post_path else post_path.stem
    link = profile.image_link(name or "post").rstrip("/")
    return link if link not in ("", ".") else DEFAULT_FOLDER
