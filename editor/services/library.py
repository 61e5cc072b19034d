"""The local library: each post stored as in its site's repository, one folder per site.

``<library>/<profile id>/content/post/<folder>/index.md`` for the blog,
``<library>/<profile id>/Community/<name>.md`` for Learn: images and relative links then
resolve exactly as they will on the site.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from editor.core.front_matter import FrontMatterEditError, read_front_matter, set_field
from editor.core.i18n import message
from editor.core.profiles.model import Profile, fill_template
from editor.core.profiles.new_post import NewPostPlan, name_from_title
from editor.services.storage import StorageError, atomic_write_bytes

_CONTEXT = "library"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One post in the library, as the library list shows it."""

    path: Path  # the post's Markdown file
    profile_id: str  # the site it belongs to
    title: str  # the front matter title, or the name when there is none
    name: str  # the folder (blog) or file stem (Learn) naming the post
    modified: float  # the file's last modification time (seconds since the epoch)
    draft: bool  # True when the front matter says ``draft: true``


class Library:
    """Where the user's posts live on this computer."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def site_root(self, profile: Profile) -> Path:
        """The folder that mirrors ``profile``'s repository."""
        return self.root / profile.id

    def taken_names(self, profile: Profile) -> set[str]:
        """Names already used by posts of ``profile`` here (folders or file stems)."""
        parent = self.site_root(profile) / _names_folder(profile)
        if not parent.is_dir():
            return set()
        return {entry.stem if entry.is_file() else entry.name for entry in parent.iterdir()}

    def create_post(self, profile: Profile, plan: NewPostPlan) -> Path:
        """Write the new post (never over an existing file) and make its image folder."""
        site = self.site_root(profile)
        post = site / Path(*plan.post_path.parts)
        try:
            post.parent.mkdir(parents=True, exist_ok=True)
            (site / Path(*plan.image_folder.parts)).mkdir(parents=True, exist_ok=True)
            descriptor = os.open(post, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(plan.text)
        except FileExistsError:
            raise StorageError(
                message(_CONTEXT, "A post already exists at {path}.", path=str(post)), path=post
            ) from None
        except OSError as error:
            raise StorageError(
                message(
                    _CONTEXT,
                    "The new post could not be created in {folder}: {reason}.",
                    folder=str(post.parent),
                    reason=error.strerror or str(error),
                ),
                path=post,
            ) from error
        return post

    def entries(self, profiles: Iterable[Profile]) -> list[LibraryEntry]:
        """Every post of ``profiles`` in the library, most recently edited first."""
        found = [entry for profile in profiles for entry in self._site_entries(profile)]
        return sorted(found, key=lambda entry: entry.modified, reverse=True)

    def known_tags(self, profiles: Iterable[Profile]) -> set[str]:
        """The tags used by the library's posts (for tag completion)."""
        tags: set[str] = set()
        for profile in profiles:
            for path in self._post_files(profile):
                tags.update(_tags(_metadata(path)))
        return tags

    def duplicate(self, profile: Profile, entry: LibraryEntry) -> Path:
        """Copy ``entry`` and its images to a free name ``<name>-copy`` (``-copy-2``...).

        The copy's title gets " (copy)" added. Returns the new post file.
        """
        new_name = _copy_name(entry.name, self.taken_names(profile))
        new_path = self._post_for(profile, new_name)
        try:
            self._check_entry(profile, entry)
            self._copy_files(profile, entry.name, new_name)
            _retitle(profile, new_path, (entry.name, new_name), f"{entry.title} (copy)")
        except OSError as error:
            raise _problem("The post could not be copied: {reason}.", error, entry.path) from error
        return new_path

    def rename(self, profile: Profile, entry: LibraryEntry, new_title: str) -> Path:
        """Give ``entry`` the title ``new_title`` and the matching folder or file name.

        Its images move with it. Refuses (StorageError) when a post of that name exists.
        """
        new_name = name_from_title(new_title, profile.naming)
        if new_name != entry.name:
            self._refuse_taken(profile, new_name, new_title)
        new_path = self._post_for(profile, new_name)
        moved: list[tuple[Path, Path]] = []
        try:
            self._check_entry(profile, entry)
            moved = self._move_files(profile, entry.name, new_name)
            _retitle(profile, new_path, (entry.name, new_name), new_title.strip())
        except OSError as error:
            _move_back(moved)  # all or nothing: the post stays whole under its old name
            raise _problem("The post could not be renamed: {reason}.", error, entry.path) from error
        return new_path

    def delete(self, profile: Profile, entry: LibraryEntry) -> None:
        """Remove ``entry``'s file and its images (for the blog, the whole post folder).

        Only paths inside the site's folder are removed; symbolic links are never followed.
        """
        targets = [self._bundle(profile, entry.name) or entry.path]
        targets.append(self._image_folder(profile, entry.name))
        try:
            self._check_entry(profile, entry)
            for target in targets:
                self._check_inside(profile, target)
            for target in targets:
                _remove(target)
        except OSError as error:
            raise _problem("The post could not be deleted: {reason}.", error, entry.path) from error

    # --- helpers ---------------------------------------------------------------------------

    def _post_files(self, profile: Profile) -> Iterator[Path]:
        """The post files of ``profile``'s layout found in its site folder."""
        site = self.site_root(profile)
        if not site.is_dir():
            return
        for path in sorted(site.glob(str(profile.post_file("*")))):
            if path.is_file() and not path.is_symlink():
                yield path

    def _site_entries(self, profile: Profile) -> Iterator[LibraryEntry]:
        """The entries for ``profile``'s posts."""
        for path in self._post_files(profile):
            name = _name_of(profile, self.site_root(profile), path)
            data = _metadata(path)
            title = data.get("title")
            yield LibraryEntry(
                path=path,
                profile_id=profile.id,
                title=title.strip() if isinstance(title, str) and title.strip() else name,
                name=name,
                modified=path.stat().st_mtime,
                draft=data.get("draft") is True,
            )

    def _post_for(self, profile: Profile, name: str) -> Path:
        """The post file called ``name``."""
        return self.site_root(profile) / Path(*profile.post_file(name).parts)

    def _bundle(self, profile: Profile, name: str) -> Path | None:
        """The folder holding the whole post (the blog's page bundle), or None for a file."""
        parts = profile.post_file(name).parts
        names = _names_folder(profile).parts
        if len(parts) <= len(names) + 1 or names == (".",):
            return None
        return self.site_root(profile) / Path(*names, parts[len(names)])

    def _image_folder(self, profile: Profile, name: str) -> Path:
        """The folder of ``name``'s images."""
        relative = fill_template(profile.image_folder, {"folder": name, "name": name})
        return self.site_root(profile) / Path(*PurePosixPath(relative).parts)

    def _moved_paths(self, profile: Profile, old: str, new: str) -> list[tuple[Path, Path]]:
        """What moves or is copied when post ``old`` becomes ``new``: source, target pairs."""
        bundle = self._bundle(profile, old)
        if bundle is not None:
            return [(bundle, self._bundle(profile, new) or bundle)]
        return [
            (self._post_for(profile, old), self._post_for(profile, new)),
            (self._image_folder(profile, old), self._image_folder(profile, new)),
        ]

    def _copy_files(self, profile: Profile, old: str, new: str) -> None:
        """Copy post ``old`` (file and images) to ``new``."""
        for source, target in self._moved_paths(profile, old, new):
            if source.is_dir() and not source.is_symlink():
                shutil.copytree(source, target, symlinks=True)
            elif source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)

    def _move_files(self, profile: Profile, old: str, new: str) -> list[tuple[Path, Path]]:
        """Move post ``old`` (file and images) to ``new``; the moves made, as (from, to).

        When one move fails, those already made are undone before the error is raised.
        """
        done: list[tuple[Path, Path]] = []
        if old == new:
            return done
        try:
            for source, target in self._moved_paths(profile, old, new):
                if source.exists() or source.is_symlink():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source.rename(target)
                    done.append((source, target))
        except OSError:
            _move_back(done)
            raise
        return done

    def _refuse_taken(self, profile: Profile, name: str, title: str) -> None:
        """Raise StorageError when anything the post ``name`` needs already exists."""
        for _source, target in self._moved_paths(profile, name, name):
            if target.exists() or target.is_symlink():
                raise StorageError(
                    message(
                        _CONTEXT,
                        "There is already a post called \u201c{name}\u201d. Choose another"
                        " title than \u201c{title}\u201d.",
                        name=name,
                        title=title,
                    ),
                    path=target,
                )

    def _check_inside(self, profile: Profile, target: Path) -> None:
        """Raise OSError unless ``target`` (not followed if a link) is inside the site folder."""
        site = self.site_root(profile).resolve()
        where = target.parent.resolve() / target.name
        if target.name in {"", ".", ".."} or where == site or not where.is_relative_to(site):
            raise OSError(f"{target} is outside the library")

    def _check_entry(self, profile: Profile, entry: LibraryEntry) -> None:
        """Raise OSError unless ``entry`` is a post of ``profile`` in this library."""
        plain = entry.name not in {"", ".", ".."} and not {"/", "\\"} & set(entry.name)
        if not plain or entry.path != self._post_for(profile, entry.name):
            raise OSError(f"{entry.path} is not a post of this library")


_MARKER = "__postwright_name__"


def _names_folder(profile: Profile) -> PurePosixPath:
    """The folder whose entries are post names: ``content/post`` for the blog's
    ``content/post/{folder}/index.md``, ``Community`` for Learn's ``Community/{name}.md``."""
    parts = profile.post_file(_MARKER).parts
    index = next(i for i, part in enumerate(parts) if part.startswith(_MARKER))
    return PurePosixPath(*parts[:index]) if index else PurePosixPath(".")


def _name_of(profile: Profile, site: Path, path: Path) -> str:
    """The post name in ``path`` (the part of it that ``*`` matched)."""
    pattern = profile.post_file(_MARKER).parts
    index = next(i for i, part in enumerate(pattern) if _MARKER in part)
    prefix, _, suffix = pattern[index].partition(_MARKER)
    part = path.relative_to(site).parts[index]
    return part[len(prefix) : len(part) - len(suffix)]


def _metadata(path: Path) -> Mapping[str, object]:
    """The front matter of ``path``, empty when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    return read_front_matter(text).data or {}


def _tags(data: Mapping[str, object]) -> set[str]:
    """The tags listed in front matter ``data``."""
    tags = data.get("tags")
    if isinstance(tags, str):
        return {tags.strip()} - {""}
    if isinstance(tags, (list, tuple)):
        return {tag.strip() for tag in tags if isinstance(tag, str) and tag.strip()}
    return set()


def _copy_name(name: str, taken: set[str]) -> str:
    """``<name>-copy``, or ``<name>-copy-2``, ... whichever is free."""
    candidate, number = f"{name}-copy", 2
    while candidate in taken:
        candidate, number = f"{name}-copy-{number}", number + 1
    return candidate


def _with_title(text: str, title: str) -> str:
    """``text`` with its title field set (unchanged when the front matter cannot be edited)."""
    try:
        return set_field(text, "title", title)
    except FrontMatterEditError:
        return text


def _relinked(profile: Profile, text: str, old: str, new: str) -> str:
    """``text`` with links into ``old``'s image folder pointed at ``new``'s."""
    before, after = (profile.image_link(name) for name in (old, new))
    return text if before == after else text.replace(before, after)


def _retitle(profile: Profile, path: Path, names: tuple[str, str], title: str) -> None:
    """Set the title of the post at ``path``, which was called ``names[0]`` and now ``names[1]``,
    and point its image links at the new image folder (a file that is not UTF-8 is left alone).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    new_text = _with_title(_relinked(profile, text, *names), title)
    if new_text != text:
        atomic_write_bytes(path, new_text.encode("utf-8"))


def _move_back(moves: list[tuple[Path, Path]]) -> None:
    """Undo ``moves`` (as made by ``_move_files``), last first, as far as the disk allows."""
    for source, target in reversed(moves):
        with contextlib.suppress(OSError):
            target.rename(source)
    moves.clear()


def _remove(target: Path) -> None:
    """Delete a file, a link or a folder tree (links inside are removed, not followed)."""
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)


def _problem(text: str, error: OSError, path: Path) -> StorageError:
    """A StorageError explaining ``error`` in plain words."""
    reason = error.strerror or str(error)
    return StorageError(message(_CONTEXT, text, reason=reason), path=path)
