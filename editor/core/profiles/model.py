"""The data a site profile holds: where posts go, how they are named, which fields they have.

Everything here is frozen; profiles are read from JSON files by :mod:`.loading`. See
docs/decisions/0006-site-profiles.md for the file format.
"""

from __future__ import annotations

import copyreg
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath
from types import MappingProxyType

from editor.core.i18n import Message


def read_only(contents: dict[object, object]) -> MappingProxyType[object, object]:
    """``contents`` behind a read-only view (how a pickled read-only mapping comes back)."""
    return MappingProxyType(contents)


def _pickle_read_only_mapping(
    mapping: MappingProxyType[object, object],
) -> tuple[Callable[[dict[object, object]], MappingProxyType[object, object]], tuple[object]]:
    return read_only, (dict(mapping),)


# A profile goes to the render child with each check (the checks run there). Its read-only
# mappings travel as copies of their contents and arrive read-only again.
copyreg.pickle(MappingProxyType, _pickle_read_only_mapping)

#: The kinds of front-matter field a profile can declare.
FIELD_TYPES = frozenset(
    {"text", "long_text", "date", "datetime", "list", "tags", "choice", "boolean", "image"}
)
#: Value formats a field can require.
FORMATS = frozenset({"MM/DD/YYYY", "rfc3339"})
#: The placeholders templates may use, each written ``{name}``.
PLACEHOLDERS = frozenset({"title", "folder", "name", "date", "author", "githubname"})
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
#: Stands for the post's name while a path template is taken apart.
_NAME_MARKER = "__postwright_name__"


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each known ``{placeholder}`` replaced; other braces stay as written."""
    return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), template)


def _no_replacements() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One front-matter field: how to show it, edit it and check it.

    Lengths count characters. ``min_length``/``max_length`` are hard limits (errors);
    ``hint_min_length``/``hint_max_length`` are advice (hints). ``deprecated`` maps an old
    value to its replacement. ``expected_item`` is a value a list should contain.
    ``suggestions`` are values offered for completion (the library's own values are added).
    ``item_type`` says what a list holds: ``"image"`` for paths of the post's pictures.
    """

    key: str
    label: str
    type: str
    help: str = ""
    required: bool = False
    default: object = None
    allowed: tuple[str, ...] = ()
    deprecated: Mapping[str, str] = field(default_factory=_no_replacements)
    min_length: int | None = None
    max_length: int | None = None
    hint_min_length: int | None = None
    hint_max_length: int | None = None
    pattern: str | None = None
    format: str | None = None
    expected_item: str | None = None
    suggestions: tuple[str, ...] = ()
    item_type: str | None = None


@dataclass(frozen=True, slots=True)
class ImageRules:
    """How a site wants its pictures (see docs/decisions/0007-image-processing.md).

    ``syntax`` is ``"markdown"`` (``![alt](path)``) or ``"learn"`` (``:::image:::``).
    ``max_width`` (pixels) is what images are scaled down to on the way in; ``max_bytes`` is
    the size above which a file is flagged. ``formats`` are the file extensions the site
    publishes. Alt-text lengths count characters: ``alt_hint_*`` are advice,
    ``alt_max_length`` a limit. ``thumbnail_field`` is the front-matter list whose first
    item is the post's card picture, shown cropped to ``card_size`` (width, height).
    """

    syntax: str = "markdown"
    max_width: int | None = None
    max_bytes: int | None = None
    formats: tuple[str, ...] = ("png", "jpg", "jpeg", "gif", "webp", "svg")
    alt_required: bool = True
    alt_unique: bool = False
    alt_hint_min_length: int | None = None
    alt_hint_max_length: int | None = None
    alt_max_length: int | None = None
    name_max_length: int = 80
    thumbnail_field: str | None = None
    card_size: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class NamingRules:
    """How the post's folder or file name is made from its title."""

    lowercase: bool = True
    separator: str = "-"
    max_length: int = 75


@dataclass(frozen=True, slots=True)
class ExtraFile:
    """Another file a new post must change, e.g. a table of contents.

    ``entry`` is template text to add to ``path`` (a repository-relative path).
    """

    path: str
    entry: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class PublishedSite:
    """Where the site publishes its posts, for editing a published article.

    ``addresses`` are address templates of published posts (``{folder}``/``{name}`` is the
    post's stem, ``{locale}`` any language segment). ``updated_field`` is the front-matter
    key the site shows as "last updated", written with the ``strftime`` pattern
    ``updated_format``. ``issue_template`` is the repository path of the issue template used
    to report a problem with an article ("" for none).
    """

    addresses: tuple[str, ...] = ()
    updated_field: str = ""
    updated_format: str = ""
    issue_template: str = ""


@dataclass(frozen=True, slots=True)
class RepositoryFile:
    """A file of the site's repository that posts use but the local library does not hold
    (Learn's shared disclaimer include): not reported missing, shown as the site's in the
    preview. ``path`` is repository-relative."""

    path: str
    description: str


@dataclass(frozen=True, slots=True)
class Snippet:
    """A construct of the site the Format menu inserts (a notice, an alert, a video, ...).

    ``text`` may hold ``{selection}`` (replaced by the selected text) and ``{cursor}`` (where
    the caret goes); it is inserted as a block of its own.
    """

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Profile:
    """A site Postwright can publish to.

    Path templates are repository-relative and use ``{folder}`` (blog bundles) or ``{name}``
    (file stem). ``detect_paths`` are glob patterns matched against the end of a post's path;
    ``detect_keys`` are front-matter keys typical of the site. ``warnings`` are problems
    found while loading that do not stop the profile from being used.
    """

    id: str
    name: str
    repository: str
    base_branch: str
    post_path: str
    image_folder: str
    naming: NamingRules
    dialect: str
    preview_theme: str
    fields: tuple[FieldSpec, ...]
    new_post_front_matter: str
    new_post_body: str
    pr_title: str
    pr_body: str
    extra_files: tuple[ExtraFile, ...] = ()
    detect_paths: tuple[str, ...] = ()
    detect_keys: tuple[str, ...] = ()
    source: str = ""
    warnings: tuple[Message, ...] = ()
    images: ImageRules = ImageRules()
    snippets: tuple[Snippet, ...] = ()
    repository_files: tuple[RepositoryFile, ...] = ()
    #: Words the site uses that are spelt right though no dictionary has them (SharePoint).
    words: tuple[str, ...] = ()
    #: Where published posts live on the web (editing published articles).
    published: PublishedSite = PublishedSite()

    def field(self, key: str) -> FieldSpec | None:
        """The field declared for ``key``, or None."""
        return next((spec for spec in self.fields if spec.key == key), None)

    def post_file(self, stem: str) -> PurePosixPath:
        """The repository path of a post whose folder or file name is ``stem``."""
        return PurePosixPath(fill_template(self.post_path, {"folder": stem, "name": stem}))

    def post_name(self, path: PurePath) -> str | None:
        """The folder or file name (``stem``) of the post at ``path``, read from the end of
        the path as the post layout places it; None when ``path`` does not fit the layout."""
        pattern = self.post_file(_NAME_MARKER).parts
        index = next(i for i, part in enumerate(pattern) if _NAME_MARKER in part)
        from_end = len(pattern) - index
        if len(path.parts) < from_end:
            return None
        if any(
            path.parts[-len(pattern) + i] != part
            for i, part in enumerate(pattern[index + 1 :], index + 1)
        ):
            return None
        prefix, _, suffix = pattern[index].partition(_NAME_MARKER)
        part = path.parts[-from_end]
        if not part.startswith(prefix) or not part.endswith(suffix):
            return None
        name = part[len(prefix) : len(part) - len(suffix)]
        return name or None

    def image_link(self, stem: str) -> str:
        """The post's image folder as a link relative to the post file, ending in ``/``
        (``images/`` for a blog bundle, ``media/<name>/`` for a Learn article)."""
        values = {"folder": stem, "name": stem}
        images = fill_template(self.image_folder, values).rstrip("/")
        post_folder = posixpath.dirname(str(self.post_file(stem))) or "."
        return posixpath.relpath(images, post_folder) + "/"


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """A profile file that could not be used: which file, which line (1-based) and why."""

    source: str
    line: int | None
    message: Message


class ProfileError(ValueError):
    """A profile file is not valid; ``problem`` names the file, the line and the problem."""

    def __init__(self, problem: ProfileProblem) -> None:
        super().__init__(problem.message.english())
        self.problem = problem

    @property
    def message(self) -> Message:
        """The user-visible explanation."""
        return self.problem.message


@dataclass(frozen=True, slots=True)
class ProfileSet:
    """The profiles that loaded, and the files that did not."""

    profiles: tuple[Profile, ...]
    problems: tuple[ProfileProblem, ...] = ()

    def get(self, profile_id: str) -> Profile | None:
        """The profile with that id, or None."""
        return next((p for p in self.profiles if p.id == profile_id), None)
