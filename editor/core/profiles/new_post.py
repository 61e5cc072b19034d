"""A new post from its title: where it goes and what it starts with, as the site wants it.

The author gives a title (and, once, their name and GitHub login); everything else is derived:
the folder or file name from the site's naming rules, the date in the site's format, the front
matter and body from the profile's template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePosixPath

from editor.core.profiles.model import NamingRules, Profile, fill_template
from editor.core.text.ascii_names import fold_to_ascii

_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def name_from_title(title: str, rules: NamingRules, taken: Collection[str] = ()) -> str:
    """The folder or file name for ``title``: ASCII words joined by the separator, within the
    length limit, and not one of ``taken`` (a number is added: ``my-post-2``)."""
    words = [word for word in _NOT_WORD.split(fold_to_ascii(title)) if word]
    base = rules.separator.join(words) or "post"
    if rules.lowercase:
        base = base.lower()
    base = _shorten(base, rules)
    taken_names = {name.lower() for name in taken}
    name, number = base, 2
    while name.lower() in taken_names:
        suffix = f"{rules.separator}{number}"
        name = _shorten(base, rules, len(suffix)) + suffix
        number += 1
    return name


def _shorten(name: str, rules: NamingRules, reserve: int = 0) -> str:
    """Cut ``name`` to the length limit at a separator where possible."""
    limit = max(rules.max_length - reserve, 1)
    if len(name) <= limit:
        return name
    cut = name[:limit]
    if rules.separator and rules.separator in cut:
        cut = cut[: cut.rindex(rules.separator)]
    return cut.strip(rules.separator) or name[:limit]


@dataclass(frozen=True, slots=True)
class NewPostPlan:
    """Everything needed to create a new post, before anything is written."""

    name: str  # the folder or file name derived from the title
    post_path: PurePosixPath  # where the post goes in the site's repository
    image_folder: PurePosixPath  # where its pictures go in the repository
    text: str  # the whole new document: front matter and body


def plan_new_post(
    profile: Profile,
    title: str,
    *,
    now: dt.datetime,
    author: str,
    login: str,
    taken: Collection[str] = (),
) -> NewPostPlan:
    """The new post for ``title`` on ``profile``'s site, dated ``now`` (timezone-aware)."""
    name = name_from_title(title, profile.naming, taken)
    values = {"folder": name, "name": name, "date": _date_for(profile, now)}
    plain = {"title": title.strip(), "author": author.strip(), "githubname": login.strip()}
    front_matter = fill_template(
        profile.new_post_front_matter, values | {k: _yaml_quoted(v) for k, v in plain.items()}
    )
    body = fill_template(profile.new_post_body, values | plain)
    return NewPostPlan(
        name=name,
        post_path=profile.post_file(name),
        image_folder=PurePosixPath(fill_template(profile.image_folder, values)),
        text=f"---\n{front_matter}---\n\n{body}",
    )


def _date_for(profile: Profile, now: dt.datetime) -> str:
    """``now`` in the format the profile's date field wants (RFC 3339 with offset otherwise)."""
    date_field = next((f for f in profile.fields if f.type in ("date", "datetime")), None)
    if date_field is not None and date_field.format == "MM/DD/YYYY":
        return now.strftime("%m/%d/%Y")
    return now.replace(microsecond=0).isoformat()


def _yaml_quoted(value: str) -> str:
    """``value`` made safe inside a double-quoted YAML scalar (the templates supply the quotes)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
