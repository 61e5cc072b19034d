"""Which files a publish sends, where they go in the repository, and which must be uploaded.

A post is published as one commit holding the post's Markdown file at the profile's
``post_path``, the pictures of its image folder at the profile's ``image_folder``, and, for a
new post, the entries the profile's ``extra_files`` ask for (the Learn table of contents).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from editor.core.i18n import Message, message
from editor.core.profiles.model import ExtraFile, Profile, fill_template
from editor.core.publish.git_objects import blob_sha

_CONTEXT = "publish"

#: The largest file GitHub accepts in a repository (it refuses pushes of larger blobs).
GITHUB_FILE_LIMIT = 100 * 1024 * 1024
#: Above this GitHub warns; a post's picture this large is almost certainly a mistake.
GITHUB_FILE_WARNING = 50 * 1024 * 1024

FILE_MODE = "100644"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file of the commit: its repository path, its bytes and their git blob SHA."""

    path: str
    data: bytes
    sha: str

    @classmethod
    def of(cls, path: str, data: bytes) -> PlannedFile:
        return cls(path, data, blob_sha(data))


@dataclass(frozen=True, slots=True)
class FilePlan:
    """Everything one publish puts in the repository."""

    post: PlannedFile
    images: tuple[PlannedFile, ...]
    extra_files: tuple[ExtraFile, ...]

    @property
    def files(self) -> tuple[PlannedFile, ...]:
        """The post first, then its pictures in path order."""
        return (self.post, *self.images)


def repository_paths(profile: Profile, stem: str) -> tuple[str, str]:
    """(post file, image folder ending in ``/``) in the repository for the post ``stem``."""
    post = str(profile.post_file(stem))
    images = fill_template(profile.image_folder, {"folder": stem, "name": stem}).strip("/")
    return post, images + "/"


def plan_files(profile: Profile, stem: str, post: bytes, images: Mapping[str, bytes]) -> FilePlan:
    """The files of one publish.

    ``images`` maps a picture's path relative to the post's image folder (``a.png``,
    ``sub/b.png``) to its bytes; files whose extension the site does not publish are left
    out, as are hidden files.
    """
    post_path, image_folder = repository_paths(profile, stem)
    formats = {f".{fmt.lower()}" for fmt in profile.images.formats}
    planned = []
    for name, data in sorted(images.items()):
        relative = PurePosixPath(name)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if relative.suffix.lower() not in formats:
            continue
        planned.append(PlannedFile.of(image_folder + relative.as_posix(), data))
    return FilePlan(PlannedFile.of(post_path, post), tuple(planned), profile.extra_files)


def oversized(plan: FilePlan, limit: int = GITHUB_FILE_LIMIT) -> list[Message]:
    """A message for every file GitHub would refuse, before anything is sent."""
    return [
        message(
            _CONTEXT,
            "{path} is {size} MB; GitHub accepts files of at most {limit} MB. Make the "
            "picture smaller (or remove it) and publish again.",
            path=file.path,
            size=_megabytes(len(file.data)),
            limit=_megabytes(limit),
        )
        for file in plan.files
        if len(file.data) > limit
    ]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def changed_files(files: Iterable[PlannedFile], base_tree: Mapping[str, str]) -> list[PlannedFile]:
    """The files whose content differs from the base tree (``path -> blob SHA``)."""
    return [file for file in files if base_tree.get(file.path) != file.sha]


def blobs_to_upload(
    files: Iterable[PlannedFile], base_tree: Mapping[str, str]
) -> list[PlannedFile]:
    """The changed files whose content GitHub does not already hold anywhere in the tree
    (a picture copied under a new name needs no upload); one per distinct content."""
    known = set(base_tree.values())
    wanted: dict[str, PlannedFile] = {}
    for file in changed_files(files, base_tree):
        if file.sha not in known:
            wanted.setdefault(file.sha, file)
    return list(wanted.values())


# --- branch --------------------------------------------------------------------------------

_REF_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def branch_name(stem: str, attempt: int = 1) -> str:
    """The branch a post is published on: ``post/<name>`` (``post/<name>-2`` if taken)."""
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    clean = _REF_UNSAFE.sub("-", ascii_only).strip(".-") or "post"
    clean = re.sub(r"\.{2,}", ".", clean)
    if clean.endswith(".lock"):
        clean = clean[: -len(".lock")] or "post"
    suffix = "" if attempt <= 1 else f"-{attempt}"
    return f"post/{clean[:80]}{suffix}"


# --- other files a new post touches ---------------------------------------------------------


def _yaml_scalar(value: str) -> str:
    if (
        value
        and re.fullmatch(r"[A-Za-z0-9][^:#'\"{}\[\],&*!|>%@`\n]*", value)
        and (value == value.strip())
    ):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def extra_file_text(extra: ExtraFile, current: str | None, values: Mapping[str, str]) -> str | None:
    """``current`` with the entry for this post added, or None when it is already there.

    The entry's ``{title}`` is written as a YAML scalar (quoted when it needs to be). A
    missing file is created holding only the entry.
    """
    safe = dict(values)
    if "title" in safe:
        safe["title"] = _yaml_scalar(safe["title"])
    entry = fill_template(extra.entry, safe)
    if not entry.endswith("\n"):
        entry += "\n"
    text = current or ""
    href = re.search(r"href:\s*(\S+)", entry)
    if href is not None and re.search(
        rf"href:\s*['\"]?{re.escape(href.group(1))}['\"]?\s*$", text, re.MULTILINE
    ):
        return None
    if entry in text:
        return None
    if text and not text.endswith("\n"):
        text += "\r\n" if text.endswith("\r") or "\r\n" in text else "\n"
    if "\r\n" in text:
        entry = entry.replace("\n", "\r\n")
    return text + entry
