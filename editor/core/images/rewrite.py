"""Changing image references in a post's text: new markup, renames and alt-text edits.

Every function returns the whole new text; the ui applies it with a minimal, undoable edit.
Only the characters of the paths or alt texts concerned change: the rest of each line (titles,
attributes, their order, the author's quoting) stays as written.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from editor.core.front_matter import FrontMatterEditError, set_field
from editor.core.images.references import (
    ImageReference,
    find_references,
    front_matter_images,
    link_for,
    normalize_target,
)


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace ``text[start:end]`` with ``replacement`` (Python string offsets)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (in any order)."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def escape_markdown_alt(alt: str) -> str:
    """Alt text safe between ``![`` and ``]``: one line, brackets and backslashes escaped."""
    one_line = " ".join(alt.split())
    return one_line.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _attribute_value(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def image_markup(syntax: str, link: str, alt: str) -> str:
    """The markup that shows the picture at ``link`` (already a link) in the site's syntax."""
    if syntax == "learn":
        return (
            f':::image type="content" source="{_attribute_value(link)}" '
            f'alt-text="{_attribute_value(alt)}":::'
        )
    return f"![{escape_markdown_alt(alt)}]({link})"


def _relinked(raw: str, new_target: str) -> str:
    """``new_target`` written like ``raw`` was (a leading ``./`` is kept)."""
    prefix = "./" if raw.replace("\\", "/").startswith("./") else ""
    return prefix + link_for(new_target)


def retarget_edit(ref: ImageReference, new_target: str) -> TextEdit | None:
    """The edit pointing ``ref`` (in the body) at ``new_target``; None for front matter."""
    if ref.target_span is None:
        return None
    return TextEdit(*ref.target_span, _relinked(ref.raw_target, new_target))


def renamed(
    text: str, old_target: str, new_target: str, front_matter_key: str | None = "images"
) -> str:
    """``text`` with every reference to ``old_target`` pointing at ``new_target``.

    Paths are post-relative and normalised (see :func:`normalize_target`). References that
    reached the file through backslashes or ``%20`` now use the clean form. Front-matter
    items are changed through the YAML; if the front matter cannot be edited it is left alone.
    """
    refs = find_references(text, front_matter_key)
    edits = [
        edit
        for ref in refs
        if ref.target == old_target and (edit := retarget_edit(ref, new_target)) is not None
    ]
    text = apply_edits(text, edits)
    if front_matter_key is None:
        return text
    items = front_matter_images(text, front_matter_key)
    if not any(normalize_target(item) == old_target for item in items):
        return text
    new_items = [
        _relinked(item, new_target) if normalize_target(item) == old_target else item
        for item in items
    ]
    try:
        return set_field(text, front_matter_key, new_items)
    except FrontMatterEditError:
        return text


def alt_edit(ref: ImageReference, alt: str) -> TextEdit | None:
    """The edit that gives ``ref`` the alt text ``alt``; None when its syntax has none."""
    if ref.syntax == "markdown" and ref.alt_span is not None:
        return TextEdit(*ref.alt_span, escape_markdown_alt(alt))
    if ref.syntax == "learn" and ref.alt_span is not None:
        start, end = ref.alt_span
        if ref.alt is None:  # no alt-text attribute yet: add one after source="…"
            return TextEdit(start, end, f' alt-text="{_attribute_value(alt)}"')
        return TextEdit(start, end, _attribute_value(alt))
    if ref.syntax == "html" and ref.target_span is not None:
        if ref.alt_span is not None:
            return TextEdit(*ref.alt_span, _attribute_value(alt))
        after_src = ref.target_span[1] + 1
        return TextEdit(after_src, after_src, f' alt="{_attribute_value(alt)}"')
    return None


def with_alt_text(text: str, ref: ImageReference, alt: str) -> str:
    """``text`` with the alt text of ``ref`` (found in this same text) set to ``alt``."""
    edit = alt_edit(ref, alt)
    return text if edit is None else apply_edits(text, [edit])


def relative_link(image_folder: str, file_name: str) -> str:
    """The link from the post to ``file_name`` in ``image_folder`` (post-relative)."""
    folder = image_folder.strip("/")
    return link_for(posixpath.join(folder, file_name) if folder and folder != "." else file_name)
