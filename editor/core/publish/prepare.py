"""From a post's text to what publishing needs: the template values and the blocking
metadata problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from editor.core.front_matter import read_front_matter
from editor.core.i18n import Message
from editor.core.profiles.model import Profile
from editor.core.profiles.validation import Finding, validate_metadata


@dataclass(frozen=True, slots=True)
class MetadataCheck:
    """Errors block publishing; warnings are asked about."""

    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    unreadable: Message | None = None

    @property
    def blocks(self) -> bool:
        return bool(self.errors) or self.unreadable is not None


def check_metadata(profile: Profile, text: str) -> MetadataCheck:
    """The front matter's findings under ``profile``, split into errors and warnings."""
    parsed = read_front_matter(text)
    if parsed.problem is not None:
        return MetadataCheck((), (), parsed.problem)
    findings = validate_metadata(profile, parsed.data, text)
    return MetadataCheck(
        tuple(f for f in findings if f.severity == "error"),
        tuple(f for f in findings if f.severity == "warning"),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value).strip()


def post_values(profile: Profile, stem: str, text: str) -> Mapping[str, str]:
    """The values the profile's templates use (``title``, ``author``, ``githubname``,
    ``name``/``folder``, ``date``) plus ``description``/``summary`` for the form."""
    data = read_front_matter(text).data or {}
    values = {
        "name": stem,
        "folder": stem,
        "title": _text(data.get("title")) or stem,
        "author": _text(data.get("author")),
        "githubname": _text(data.get("githubname")),
        "date": _text(data.get("date") or data.get("ms.date")),
        "description": _text(data.get("description")),
        "summary": _text(data.get("summary")),
    }
    return values
