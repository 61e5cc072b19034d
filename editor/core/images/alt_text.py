"""Alt-text rules: what a screen reader user needs, and what the site's build checks.

Learn's build rejects missing alt text, alt text equal to the file name
(``alt-text-bad-value``) and the same alt text twice in one article (``altText-duplicate``);
its SEO guide recommends 40 to 150 characters and its authoring pack stops at 250. The blog
checks nothing, but an empty ``![]()`` tells a screen reader user nothing either.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from editor.core.i18n import Message, message
from editor.core.images.naming import slug
from editor.core.profiles.model import ImageRules
from editor.core.profiles.validation import Severity

_CONTEXT = "Images"


@dataclass(frozen=True, slots=True)
class AltFinding:
    """One problem with one alt text."""

    rule: str
    severity: Severity
    message: Message


def same_as_file_name(alt: str, file_name: str) -> bool:
    """Whether ``alt`` only repeats the file name (with or without extension, any case)."""
    name = posixpath.basename(file_name.replace("\\", "/"))
    stem = name.rsplit(".", 1)[0]
    plain = alt.strip().casefold()
    return bool(plain) and (
        plain in (name.casefold(), stem.casefold()) or slug(alt) in (slug(name), slug(stem))
    )


def normalized_alt(alt: str) -> str:
    """The form in which two alt texts are compared for duplicates."""
    return " ".join(alt.split()).casefold().rstrip(".")


def alt_findings(
    alt: str | None, file_name: str, rules: ImageRules, *, duplicate: bool = False
) -> tuple[AltFinding, ...]:
    """The problems of ``alt`` (None: the syntax has no alt text) for an image ``file_name``."""
    text = " ".join((alt or "").split())
    if not text:
        return (
            AltFinding(
                "alt-missing",
                "error" if rules.alt_required else "warning",
                message(
                    _CONTEXT,
                    "The image {name} has no alt text. Describe what it shows for readers who "
                    "cannot see it.",
                    name=file_name,
                ),
            ),
        )
    findings: list[AltFinding] = []
    if same_as_file_name(text, file_name):
        findings.append(
            AltFinding(
                "alt-file-name",
                "error" if rules.alt_unique else "warning",
                message(
                    _CONTEXT,
                    "The alt text of {name} is just its file name. Describe what the picture "
                    "shows instead.",
                    name=file_name,
                ),
            )
        )
    if duplicate:
        findings.append(
            AltFinding(
                "alt-duplicate",
                "error" if rules.alt_unique else "hint",
                message(
                    _CONTEXT,
                    "Another image has the same alt text “{alt}”. Each picture needs its own "
                    "description.",
                    alt=text,
                ),
            )
        )
    findings.extend(_length_findings(text, file_name, rules))
    return tuple(findings)


def _length_findings(text: str, file_name: str, rules: ImageRules) -> list[AltFinding]:
    length = len(text)
    if rules.alt_max_length is not None and length > rules.alt_max_length:
        return [
            AltFinding(
                "alt-too-long",
                "warning",
                message(
                    _CONTEXT,
                    "The alt text of {name} has {count} characters; the site allows at most "
                    "{limit}.",
                    name=file_name,
                    count=length,
                    limit=rules.alt_max_length,
                ),
            )
        ]
    low, high = rules.alt_hint_min_length, rules.alt_hint_max_length
    if (low is not None and length < low) or (high is not None and length > high):
        return [
            AltFinding(
                "alt-length",
                "hint",
                message(
                    _CONTEXT,
                    "The alt text of {name} has {count} characters; {low} to {high} are "
                    "recommended.",
                    name=file_name,
                    count=length,
                    low=low if low is not None else 1,
                    high=high if high is not None else length,
                ),
            )
        ]
    return []


def alt_rules_summary(rules: ImageRules) -> tuple[Message, ...]:
    """The site's alt-text rules in plain words, for the dialog that asks for alt text."""
    lines = [
        message(_CONTEXT, "Required: the site's build rejects an image without alt text.")
        if rules.alt_required
        else message(_CONTEXT, "Strongly recommended: screen readers read it aloud."),
        message(_CONTEXT, "Describe what the picture shows; do not repeat the file name."),
    ]
    if rules.alt_unique:
        lines.append(message(_CONTEXT, "Unique in the article: no two images share alt text."))
    if rules.alt_hint_min_length is not None or rules.alt_hint_max_length is not None:
        lines.append(
            message(
                _CONTEXT,
                "{low} to {high} characters recommended.",
                low=rules.alt_hint_min_length or 1,
                high=rules.alt_hint_max_length or rules.alt_max_length or 250,
            )
        )
    if rules.alt_max_length is not None:
        lines.append(message(_CONTEXT, "At most {limit} characters.", limit=rules.alt_max_length))
    return tuple(lines)
