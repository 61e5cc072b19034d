"""Problems with a post's pictures, per image: missing, unused, too large, poorly described,
in the wrong folder or of a kind the site does not publish.

The files come in as :class:`ImageFile` records made by the services layer, so these rules
stay free of I/O. Each :class:`ImageProblem` has the shape of a check result (rule, severity,
plain message, 0-based line, optional text fix), so the checks list can show it as is.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from editor.core.i18n import Message, message
from editor.core.images.alt_text import alt_findings, normalized_alt
from editor.core.images.references import ImageReference, find_references
from editor.core.images.rewrite import TextEdit, retarget_edit
from editor.core.profiles.model import ImageRules
from editor.core.profiles.validation import Severity

_CONTEXT = "Images"


@dataclass(frozen=True, slots=True)
class ImageFile:
    """A picture on disk: its post-relative path, size in bytes and pixel size (None when
    the file could not be read as an image)."""

    path: str
    size: int
    width: int | None = None
    height: int | None = None

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)


@dataclass(frozen=True, slots=True)
class ImageFix:
    """A one-click change to the text that solves the problem."""

    label: Message
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True, slots=True)
class ImageProblem:
    """One problem with one picture (``image`` is its post-relative path)."""

    rule: str
    severity: Severity
    message: Message
    image: str | None
    line: int | None = None
    fix: ImageFix | None = None


@dataclass(frozen=True, slots=True)
class ImageSituation:
    """What the rules look at: the text, the files around it, the site and its folder."""

    text: str
    files: Sequence[ImageFile]
    rules: ImageRules
    image_folder: str  # post-relative, e.g. "images" or "media/my-article"


def in_folder(path: str, folder: str) -> bool:
    """Whether the post-relative ``path`` lies inside ``folder`` (post-relative)."""
    folder = posixpath.normpath(folder.strip("/") or ".")
    return folder == "." or path.startswith(folder + "/")


def image_problems(situation: ImageSituation) -> tuple[ImageProblem, ...]:
    """Every image problem of the post, references first (in text order), then files."""
    refs = find_references(situation.text, situation.rules.thumbnail_field)
    by_path = {file.path: file for file in situation.files}
    by_folded = {file.path.casefold(): file for file in situation.files}
    problems: list[ImageProblem] = []
    for ref in refs:
        problems.extend(_reference_problems(ref, situation, by_path, by_folded))
    problems.extend(_alt_problems(refs, situation.rules))
    problems.extend(_file_problems(refs, situation))
    return tuple(problems)


def _reference_problems(
    ref: ImageReference,
    situation: ImageSituation,
    by_path: dict[str, ImageFile],
    by_folded: dict[str, ImageFile],
) -> Iterable[ImageProblem]:
    if ref.target is None:
        return
    if ref.target not in by_path:
        yield _missing(ref, by_folded.get(ref.target.casefold()))
        return
    if ref.uses_backslashes:
        edit = retarget_edit(ref, ref.target)
        yield ImageProblem(
            "image-backslash",
            "warning",
            message(
                _CONTEXT,
                "The path {path} uses backslashes. Learn accepts them, but the preview and "
                "other sites do not; use forward slashes.",
                path=ref.raw_target,
            ),
            ref.target,
            ref.line,
            ImageFix(message(_CONTEXT, "Use forward slashes"), (edit,)) if edit else None,
        )
    if not in_folder(ref.target, situation.image_folder):
        yield ImageProblem(
            "image-folder",
            "warning",
            message(
                _CONTEXT,
                "{path} is outside this post's image folder ({folder}/). The site expects "
                "the post's pictures there.",
                path=ref.target,
                folder=situation.image_folder,
            ),
            ref.target,
            ref.line,
        )


def _missing(ref: ImageReference, near: ImageFile | None) -> ImageProblem:
    fix = None
    if near is not None and (edit := retarget_edit(ref, near.path)) is not None:
        label = message(_CONTEXT, "Point the link at {path}", path=near.path)
        fix = ImageFix(label, (edit,))
    text = (
        message(
            _CONTEXT,
            "The image {path} does not exist, but {actual} does: the names differ in case, "
            "which breaks on the site's server.",
            path=ref.raw_target,
            actual=near.path,
        )
        if near is not None
        else message(
            _CONTEXT,
            "The image {path} does not exist in the post's folder.",
            path=ref.raw_target,
        )
    )
    return ImageProblem("image-missing", "error", text, ref.target, ref.line, fix)


def _alt_problems(refs: Sequence[ImageReference], rules: ImageRules) -> Iterable[ImageProblem]:
    counts: dict[str, int] = {}
    for ref in refs:
        if ref.alt:
            key = normalized_alt(ref.alt)
            counts[key] = counts.get(key, 0) + 1
    for ref in refs:
        if ref.alt_span is None:  # front matter, icons: no alt text to give
            continue
        duplicate = bool(ref.alt) and counts.get(normalized_alt(ref.alt or ""), 0) > 1
        for finding in alt_findings(ref.alt, ref.file_name, rules, duplicate=duplicate):
            yield ImageProblem(
                finding.rule, finding.severity, finding.message, ref.target, ref.line
            )


def _file_problems(
    refs: Sequence[ImageReference], situation: ImageSituation
) -> Iterable[ImageProblem]:
    used = {ref.target.casefold() for ref in refs if ref.target}
    first_line = {ref.target: ref.line for ref in reversed(refs) if ref.target}
    rules = situation.rules
    for file in situation.files:
        line = first_line.get(file.path)
        ours = in_folder(file.path, situation.image_folder)
        if ours and file.path.casefold() not in used:
            yield ImageProblem(
                "image-unused",
                "hint",
                message(
                    _CONTEXT,
                    "{name} is in the image folder but the post does not use it.",
                    name=file.name,
                ),
                file.path,
            )
        if not ours and line is None:
            continue
        yield from _size_problems(file, rules, line)
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in rules.formats:
            yield ImageProblem(
                "image-format",
                "warning",
                message(
                    _CONTEXT,
                    "The site does not publish .{extension} images ({name}). Use one of: "
                    "{formats}.",
                    extension=extension,
                    name=file.name,
                    formats=", ".join(rules.formats),
                ),
                file.path,
                line,
            )


def _size_problems(file: ImageFile, rules: ImageRules, line: int | None) -> Iterable[ImageProblem]:
    if file.width is None and file.size > 0:
        yield ImageProblem(
            "image-unreadable",
            "error",
            message(
                _CONTEXT, "{name} cannot be read as an image: it may be damaged.", name=file.name
            ),
            file.path,
            line,
        )
        return
    if rules.max_bytes is not None and file.size > rules.max_bytes:
        yield ImageProblem(
            "image-heavy",
            "warning",
            message(
                _CONTEXT,
                "{name} is {size}; images over {limit} slow the page down. Optimise it.",
                name=file.name,
                size=human_size(file.size),
                limit=human_size(rules.max_bytes),
            ),
            file.path,
            line,
        )
    if rules.max_width is not None and file.width is not None and file.width > rules.max_width:
        yield ImageProblem(
            "image-wide",
            "hint",
            message(
                _CONTEXT,
                "{name} is {width} pixels wide; the site shows at most {limit}. Optimise it "
                "to make the file smaller.",
                name=file.name,
                width=file.width,
                limit=rules.max_width,
            ),
            file.path,
            line,
        )


def human_size(size: int) -> str:
    """A byte count as people read it: 812 B, 45 KB, 3.2 MB."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


def apply_fix(text: str, fix: ImageFix) -> str:
    """``text`` with ``fix`` applied (offsets are those of the text the fix was made for)."""
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text
