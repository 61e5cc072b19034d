"""Editing a published article: the "last updated" date the site shows."""

from __future__ import annotations

import datetime as dt

from editor.core.front_matter import read_front_matter, set_field
from editor.core.profiles.model import Profile


def updated_date_text(profile: Profile, now: dt.datetime) -> str | None:
    """``now`` written the way the site's "last updated" field wants, or None (no such field)."""
    site = profile.published
    if not site.updated_field or not site.updated_format:
        return None
    return now.astimezone(dt.UTC).strftime(site.updated_format)


def with_updated_date(profile: Profile, text: str, now: dt.datetime) -> str:
    """``text`` with the site's "last updated" field set to ``now`` (unchanged if it has none)."""
    value = updated_date_text(profile, now)
    if value is None or read_front_matter(text).data is None:
        return text
    return set_field(text, profile.published.updated_field, value)
