"""Which site profile a Markdown file belongs to: by its path first, then by its front matter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from pathlib import PurePath, PurePosixPath

from editor.core.profiles.model import Profile


def match_profile(
    path: PurePath | str | None,
    metadata: Mapping[str, object] | None,
    profiles: Iterable[Profile],
) -> Profile | None:
    """The profile ``path`` (repository-relative or absolute) or ``metadata`` points to.

    A path that ends like one of a profile's ``detect_paths`` decides; otherwise the profile
    with the most of its ``detect_keys`` in the front matter wins. None when nothing fits.
    """
    candidates = tuple(profiles)
    if path is not None:
        parts = PurePosixPath(str(path).replace("\\", "/")).parts
        for profile in candidates:
            if any(_ends_like(parts, pattern) for pattern in profile.detect_paths):
                return profile
    return _by_keys(metadata or {}, candidates)


def _ends_like(parts: tuple[str, ...], pattern: str) -> bool:
    """True when the last path parts match the glob ``pattern`` part by part."""
    wanted = PurePosixPath(pattern).parts
    if len(parts) < len(wanted):
        return False
    tail = parts[len(parts) - len(wanted) :]
    return all(fnmatchcase(part, glob) for part, glob in zip(tail, wanted, strict=True))


def _by_keys(metadata: Mapping[str, object], profiles: tuple[Profile, ...]) -> Profile | None:
    scores = [(sum(key in metadata for key in p.detect_keys), p) for p in profiles]
    best = max((score for score, _profile in scores), default=0)
    if best == 0:
        return None
    return next(profile for score, profile in scores if score == best)
