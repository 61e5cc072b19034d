"""What each site checks, as data: which rules run and how much each problem matters.

Chosen by the profile's dialect (``goldmark`` is pnp/blog's Hugo, ``markdig`` is Microsoft
Learn). The sources are ``research/pnp-blog.md`` §6 (markdownlint configuration, lychee link
check, ``hugo --minify``) and ``research/learn.md`` §2 (metadata rules, Learn lint rules, the
build report's rule names). On the blog the markdownlint job does not block a pull request, so
its rules are warnings; a broken link (lychee) or a broken build (Hugo) is an error. On Learn
the build's warnings block the merge, so what the build reports is an error there.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from editor.core.profiles.model import Profile, fill_template
from editor.core.profiles.validation import Severity
from editor.core.render.hugo.shortcodes import known_shortcodes

#: Shortcodes pnp/blog's theme and layouts define, and the Hugo built-ins (0.104): the ones
#: the preview renders, plus ``param`` (it prints a front-matter value).
BLOG_SHORTCODES = frozenset(known_shortcodes()) | {"param"}
#: Shortcodes whose content must be closed with ``{{< /name >}}``.
BLOG_PAIRED_SHORTCODES = frozenset({"notice", "checklist", "highlight"})
#: Learn's triple-colon extensions (the Authoring Pack's ``supportedExtensions``), with ends.
LEARN_EXTENSIONS = frozenset(
    {"zone", "moniker", "row", "column", "form", "no-loc", "image", "code", "video", "notes"}
)
ALERT_TYPES = ("NOTE", "TIP", "IMPORTANT", "CAUTION", "WARNING")


@dataclass(frozen=True, slots=True)
class SiteRules:
    """The checks one site wants. A ``None`` severity switches the rule off."""

    name: str
    #: "none": the title is the page's H1, so the body has none (MD025 with front_matter_title);
    #: "one-first": exactly one H1 and it comes first (Learn); "any": not checked.
    h1: str = "any"
    h1_severity: Severity = "warning"
    atx_headings: Severity | None = None  # MD003 atx
    list_indent: int | None = None  # MD007 indent
    list_indent_severity: Severity = "warning"
    ordered_lists: Severity | None = None  # MD029 one_or_ordered
    alt_missing: Severity | None = "warning"
    alt_duplicate: Severity | None = "hint"
    alt_file_name: Severity | None = "hint"
    missing_file: Severity = "error"
    unused_image: Severity | None = "hint"
    large_image_bytes: int | None = 1_000_000
    https_only: Severity | None = None
    locale_in_links: Severity | None = None
    backslash_paths: bool = False  # the build accepts ``media\x.png``
    shortcodes: frozenset[str] | None = None  # None: Hugo shortcodes are not supported
    paired_shortcodes: frozenset[str] = frozenset()
    learn_extensions: bool = False


BLOG = SiteRules(
    name="pnp-blog",
    h1="none",
    h1_severity="warning",
    atx_headings="warning",
    list_indent=4,
    ordered_lists="warning",
    alt_missing="warning",
    alt_duplicate="hint",
    alt_file_name="hint",
    shortcodes=BLOG_SHORTCODES,
    paired_shortcodes=BLOG_PAIRED_SHORTCODES,
)

LEARN = SiteRules(
    name="learn",
    h1="one-first",
    h1_severity="error",
    alt_missing="error",
    alt_duplicate="error",
    alt_file_name="error",
    https_only="warning",
    locale_in_links="error",
    backslash_paths=True,
    learn_extensions=True,
)

#: A post that matches no site: only what breaks everywhere (missing files, bad anchors).
GENERIC = SiteRules(name="generic", alt_missing="hint", alt_duplicate=None, alt_file_name=None)

_BY_DIALECT = {"goldmark": BLOG, "markdig": LEARN}


def rules_for(profile: Profile | None) -> SiteRules:
    """The rules of ``profile``'s site (by its dialect); the generic ones without a profile."""
    if profile is None:
        return GENERIC
    return _BY_DIALECT.get(profile.dialect, GENERIC)


def image_folder(profile: Profile | None, folder: str | None, stem: str | None) -> str | None:
    """The post's image folder relative to the post's own folder (``images``, ``media/x``)."""
    if profile is None or not profile.image_folder or folder is None or stem is None:
        return None
    values = {"folder": folder, "name": stem}
    post_dir = posixpath.dirname(fill_template(profile.post_path, values))
    images = fill_template(profile.image_folder, values).rstrip("/")
    return posixpath.relpath(images, post_dir or ".")
