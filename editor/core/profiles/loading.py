"""Reading site profiles from JSON files, checking them, and collecting them into a set.

A bad file never stops the others: :func:`load_profiles` turns each failure into a
:class:`ProfileProblem` naming the file, the line and the problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from editor.core.i18n import Message, message
from editor.core.profiles.json_lines import JsonPath, format_path, line_of, value_lines
from editor.core.profiles.model import (
    FIELD_TYPES,
    FORMATS,
    PLACEHOLDER,
    PLACEHOLDERS,
    ExtraFile,
    FieldSpec,
    ImageRules,
    NamingRules,
    Profile,
    ProfileError,
    ProfileProblem,
    ProfileSet,
    PublishedSite,
    RepositoryFile,
    Snippet,
)
from editor.core.render.dialects import available_dialects

_CONTEXT = "Profiles"
SCHEMA_VERSION = 1
_T = TypeVar("_T")
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")

_TOP_KEYS = frozenset(
    {
        "$schema_version",
        "id",
        "name",
        "repository",
        "base_branch",
        "post_path",
        "image_folder",
        "naming",
        "dialect",
        "preview_theme",
        "detect",
        "fields",
        "new_post",
        "pull_request",
        "extra_files",
        "images",
        "snippets",
        "repository_files",
        "words",
        "published",
    }
)
_FIELD_KEYS = frozenset(
    {
        "key",
        "label",
        "help",
        "type",
        "required",
        "default",
        "allowed",
        "deprecated",
        "min_length",
        "max_length",
        "hint_min_length",
        "hint_max_length",
        "pattern",
        "format",
        "expected_item",
        "suggestions",
        "item_type",
    }
)


class _Reader:
    """Typed access to the parsed JSON, raising errors that point at the right line."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = value_lines(text)

    def fail(self, path: JsonPath, problem: Message) -> ProfileError:
        """An error for the value at ``path``."""
        line = line_of(self.lines, path)
        text = message(
            _CONTEXT,
            "The site profile {file} is not valid: line {line}, at {path}: {problem}",
            file=self.source,
            line=line,
            path=format_path(path),
            problem=problem,
        )
        return ProfileError(ProfileProblem(self.source, line, text))

    def get(self, data: Mapping[str, object], path: JsonPath, kind: type[_T]) -> _T:
        """The required value ``path[-1]`` of ``data``, of type ``kind``."""
        key = str(path[-1])
        if key not in data:
            raise self.fail(path[:-1], message(_CONTEXT, "“{key}” is missing.", key=key))
        return self.check(data[key], path, kind)

    def optional(
        self, data: Mapping[str, object], path: JsonPath, kind: type[_T], default: _T
    ) -> _T:
        """The value ``path[-1]`` of ``data`` if present, else ``default``."""
        key = str(path[-1])
        return self.check(data[key], path, kind) if key in data else default

    def check(self, value: object, path: JsonPath, kind: type[_T]) -> _T:
        """``value`` if it is a ``kind`` (a bool is not an int here)."""
        wrong_bool = isinstance(value, bool) and kind is not bool
        if not isinstance(value, kind) or wrong_bool:
            problem = _KIND_PROBLEMS.get(kind, "this has the wrong kind of value.")
            raise self.fail(path, message(_CONTEXT, problem))
        return value

    def strings(self, data: Mapping[str, object], path: JsonPath) -> tuple[str, ...]:
        """The optional list of strings ``path[-1]`` of ``data``."""
        items = self.optional(data, path, list, [])
        return tuple(self.check(item, (*path, i), str) for i, item in enumerate(items))

    def only_keys(self, data: Mapping[str, object], path: JsonPath, known: frozenset[str]) -> None:
        """Reject keys not in ``known`` (usually a typo)."""
        for key in data:
            if key not in known:
                problem = message(_CONTEXT, "“{key}” is not a known setting.", key=key)
                raise self.fail((*path, key), problem)


#: One whole sentence per JSON kind, so translators see complete text.
_KIND_PROBLEMS: dict[type, str] = {
    str: "this should be text in quotes.",
    int: "this should be a whole number.",
    bool: "this should be true or false.",
    list: "this should be a list in [ ].",
    dict: "this should be an object in {{ }}.",
}


def load_profile(text: str, source_name: str) -> Profile:
    """The profile in the JSON ``text`` read from ``source_name``; ProfileError if invalid."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _syntax_error(error, source_name) from error
    reader = _Reader(source_name, text)
    root = reader.check(data, (), dict)
    reader.only_keys(root, (), _TOP_KEYS)
    if reader.get(root, ("$schema_version",), int) != SCHEMA_VERSION:
        problem = message(_CONTEXT, "this version of Postwright reads version 1 only.")
        raise reader.fail(("$schema_version",), problem)
    return _profile(reader, root)


def _syntax_error(error: json.JSONDecodeError, source: str) -> ProfileError:
    text = message(
        _CONTEXT,
        "The site profile {file} is not valid JSON: line {line}, column {column}: {problem}.",
        file=source,
        line=error.lineno,
        column=error.colno,
        problem=error.msg,
    )
    return ProfileError(ProfileProblem(source, error.lineno, text))


def _profile(reader: _Reader, root: dict[str, object]) -> Profile:
    """The profile the top-level object ``root`` describes."""

    def text(key: str) -> str:
        return reader.get(root, (key,), str)

    new_post = reader.get(root, ("new_post",), dict)
    pull_request = reader.get(root, ("pull_request",), dict)
    detect = reader.optional(root, ("detect",), dict, {})
    profile = Profile(
        id=_identifier(reader, text("id")),
        name=text("name"),
        repository=_repository(reader, text("repository")),
        base_branch=text("base_branch"),
        post_path=_post_path(reader, text("post_path")),
        image_folder=text("image_folder"),
        naming=_naming(reader, reader.optional(root, ("naming",), dict, {})),
        dialect=text("dialect"),
        preview_theme=text("preview_theme"),
        fields=_fields(reader, reader.get(root, ("fields",), list)),
        new_post_front_matter=reader.get(new_post, ("new_post", "front_matter"), str),
        new_post_body=reader.get(new_post, ("new_post", "body"), str),
        pr_title=reader.get(pull_request, ("pull_request", "title"), str),
        pr_body=reader.get(pull_request, ("pull_request", "body"), str),
        extra_files=_extra_files(reader, root),
        detect_paths=reader.strings(detect, ("detect", "paths")),
        detect_keys=reader.strings(detect, ("detect", "keys")),
        source=reader.source,
        images=_image_rules(reader, reader.optional(root, ("images",), dict, {})),
        snippets=_snippets(reader, root),
        repository_files=_repository_files(reader, root),
        words=reader.strings(root, ("words",)),
        published=_published(reader, reader.optional(root, ("published",), dict, {})),
    )
    _check_templates(reader, profile)
    return _with_dialect_warning(profile)


def _identifier(reader: _Reader, value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        problem = message(_CONTEXT, "use lowercase letters, digits and hyphens.")
        raise reader.fail(("id",), problem)
    return value


def _repository(reader: _Reader, value: str) -> str:
    if not _REPOSITORY.match(value):
        problem = message(_CONTEXT, "write the repository as owner/name, e.g. pnp/blog.")
        raise reader.fail(("repository",), problem)
    return value


def _post_path(reader: _Reader, value: str) -> str:
    if "{folder}" not in value and "{name}" not in value:
        problem = message(_CONTEXT, "the path must contain {{folder}} or {{name}}.")
        raise reader.fail(("post_path",), problem)
    return value


def _naming(reader: _Reader, data: dict[str, object]) -> NamingRules:
    reader.only_keys(data, ("naming",), frozenset({"lowercase", "separator", "max_length"}))
    return NamingRules(
        lowercase=reader.optional(data, ("naming", "lowercase"), bool, True),
        separator=reader.optional(data, ("naming", "separator"), str, "-"),
        max_length=reader.optional(data, ("naming", "max_length"), int, 75),
    )


_IMAGE_KEYS = frozenset(
    {
        "syntax",
        "max_width",
        "max_bytes",
        "formats",
        "alt_required",
        "alt_unique",
        "alt_hint_min_length",
        "alt_hint_max_length",
        "alt_max_length",
        "name_max_length",
        "thumbnail_field",
        "card_size",
    }
)


_PUBLISHED_KEYS = frozenset({"addresses", "updated_field", "updated_format", "issue_template"})


def _published(reader: _Reader, data: dict[str, object]) -> PublishedSite:
    """The ``published`` object: where the site's posts are on the web."""
    reader.only_keys(data, ("published",), _PUBLISHED_KEYS)
    addresses = reader.strings(data, ("published", "addresses"))
    for index, address in enumerate(addresses):
        if not address.startswith("https://") or not re.search(r"\{(folder|name)\}", address):
            problem = message(
                _CONTEXT, "an address starts with https:// and holds {{folder}} or {{name}}."
            )
            raise reader.fail(("published", "addresses", index), problem)
    return PublishedSite(
        addresses=addresses,
        updated_field=reader.optional(data, ("published", "updated_field"), str, ""),
        updated_format=reader.optional(data, ("published", "updated_format"), str, ""),
        issue_template=reader.optional(data, ("published", "issue_template"), str, ""),
    )


def _image_rules(reader: _Reader, data: dict[str, object]) -> ImageRules:
    """The ``images`` object: how the site wants its pictures."""
    reader.only_keys(data, ("images",), _IMAGE_KEYS)
    default = ImageRules()

    def number(key: str) -> int | None:
        value = reader.optional(data, ("images", key), int, None)
        if value is not None and value <= 0:
            raise reader.fail(("images", key), message(_CONTEXT, "use a number above 0."))
        return value

    syntax = reader.optional(data, ("images", "syntax"), str, default.syntax)
    if syntax not in ("markdown", "learn"):
        problem = message(
            _CONTEXT, "“{syntax}” is not an image syntax. Use markdown or learn.", syntax=syntax
        )
        raise reader.fail(("images", "syntax"), problem)
    formats = reader.strings(data, ("images", "formats")) or default.formats
    return ImageRules(
        syntax=syntax,
        max_width=number("max_width"),
        max_bytes=number("max_bytes"),
        formats=tuple(item.lower().lstrip(".") for item in formats),
        alt_required=reader.optional(data, ("images", "alt_required"), bool, True),
        alt_unique=reader.optional(data, ("images", "alt_unique"), bool, False),
        alt_hint_min_length=number("alt_hint_min_length"),
        alt_hint_max_length=number("alt_hint_max_length"),
        alt_max_length=number("alt_max_length"),
        name_max_length=number("name_max_length") or default.name_max_length,
        thumbnail_field=reader.optional(data, ("images", "thumbnail_field"), str, None),
        card_size=_card_size(reader, data),
    )


def _card_size(reader: _Reader, data: dict[str, object]) -> tuple[int, int] | None:
    raw = reader.optional(data, ("images", "card_size"), list, None)
    if raw is None:
        return None
    path: JsonPath = ("images", "card_size")
    sizes = [reader.check(item, (*path, i), int) for i, item in enumerate(raw)]
    if len(sizes) != 2 or min(sizes) <= 0:
        problem = message(_CONTEXT, "write the card size as [width, height] in pixels.")
        raise reader.fail(path, problem)
    return sizes[0], sizes[1]


def _text_objects(
    reader: _Reader,
    root: dict[str, object],
    key: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> list[dict[str, str]]:
    """The top-level list ``key`` of objects whose values are text: each object's ``required``
    keys (errors name the line when one is missing) and ``optional`` ones ("" when absent)."""
    objects = []
    for index, item in enumerate(reader.optional(root, (key,), list, [])):
        path: JsonPath = (key, index)
        data = reader.check(item, path, dict)
        reader.only_keys(data, path, frozenset((*required, *optional)))
        values = {name: reader.get(data, (*path, name), str) for name in required}
        values |= {name: reader.optional(data, (*path, name), str, "") for name in optional}
        objects.append(values)
    return objects


def _repository_files(reader: _Reader, root: dict[str, object]) -> tuple[RepositoryFile, ...]:
    found = _text_objects(reader, root, "repository_files", ("path", "description"))
    return tuple(RepositoryFile(**values) for values in found)


def _snippets(reader: _Reader, root: dict[str, object]) -> tuple[Snippet, ...]:
    found = _text_objects(reader, root, "snippets", ("label", "text"))
    return tuple(Snippet(**values) for values in found)


def _extra_files(reader: _Reader, root: dict[str, object]) -> tuple[ExtraFile, ...]:
    found = _text_objects(reader, root, "extra_files", ("path", "entry"), ("help",))
    return tuple(ExtraFile(**values) for values in found)


def _fields(reader: _Reader, items: list[object]) -> tuple[FieldSpec, ...]:
    fields = tuple(_field(reader, item, ("fields", i)) for i, item in enumerate(items))
    seen: set[str] = set()
    for index, spec in enumerate(fields):
        if spec.key in seen:
            problem = message(_CONTEXT, "the field “{key}” is declared twice.", key=spec.key)
            raise reader.fail(("fields", index, "key"), problem)
        seen.add(spec.key)
    return fields


def _field(reader: _Reader, item: object, path: JsonPath) -> FieldSpec:
    """The field declared by the object at ``path``."""
    data = reader.check(item, path, dict)
    reader.only_keys(data, path, _FIELD_KEYS)

    def number(key: str) -> int | None:
        return reader.optional(data, (*path, key), int, None)

    return FieldSpec(
        key=reader.get(data, (*path, "key"), str),
        label=reader.get(data, (*path, "label"), str),
        type=_field_type(reader, data, path),
        help=reader.optional(data, (*path, "help"), str, ""),
        required=reader.optional(data, (*path, "required"), bool, False),
        default=data.get("default"),
        allowed=reader.strings(data, (*path, "allowed")),
        deprecated=_deprecated(reader, data, path),
        min_length=number("min_length"),
        max_length=number("max_length"),
        hint_min_length=number("hint_min_length"),
        hint_max_length=number("hint_max_length"),
        pattern=_pattern(reader, data, path),
        format=_format(reader, data, path),
        expected_item=reader.optional(data, (*path, "expected_item"), str, None),
        suggestions=reader.strings(data, (*path, "suggestions")),
        item_type=_item_type(reader, data, path),
    )


def _field_type(reader: _Reader, data: dict[str, object], path: JsonPath) -> str:
    kind = reader.get(data, (*path, "type"), str)
    if kind not in FIELD_TYPES:
        problem = message(
            _CONTEXT,
            "“{type}” is not a field type. Use one of: {types}.",
            type=kind,
            types=", ".join(sorted(FIELD_TYPES)),
        )
        raise reader.fail((*path, "type"), problem)
    if kind == "choice" and not data.get("allowed"):
        problem = message(_CONTEXT, "a choice field needs a list of allowed values.")
        raise reader.fail((*path, "type"), problem)
    return kind


def _item_type(reader: _Reader, data: dict[str, object], path: JsonPath) -> str | None:
    item_type = reader.optional(data, (*path, "item_type"), str, None)
    if item_type is not None and item_type != "image":
        problem = message(_CONTEXT, "“{type}” is not an item type. Use: image.", type=item_type)
        raise reader.fail((*path, "item_type"), problem)
    if item_type is not None and data.get("type") != "list":
        problem = message(_CONTEXT, "only a list field can have an item type.")
        raise reader.fail((*path, "item_type"), problem)
    return item_type


def _deprecated(reader: _Reader, data: dict[str, object], path: JsonPath) -> Mapping[str, str]:
    raw = reader.optional(data, (*path, "deprecated"), dict, {})
    where = (*path, "deprecated")
    pairs = {str(old): reader.check(new, (*where, str(old)), str) for old, new in raw.items()}
    return MappingProxyType(pairs)


def _pattern(reader: _Reader, data: dict[str, object], path: JsonPath) -> str | None:
    pattern = reader.optional(data, (*path, "pattern"), str, None)
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as error:
            problem = message(
                _CONTEXT,
                "the pattern is not a valid regular expression ({detail}).",
                detail=str(error),
            )
            raise reader.fail((*path, "pattern"), problem) from error
    return pattern


def _format(reader: _Reader, data: dict[str, object], path: JsonPath) -> str | None:
    value = reader.optional(data, (*path, "format"), str, None)
    if value is not None and value not in FORMATS:
        problem = message(
            _CONTEXT,
            "“{format}” is not a known format. Use one of: {formats}.",
            format=value,
            formats=", ".join(sorted(FORMATS)),
        )
        raise reader.fail((*path, "format"), problem)
    return value


def _check_templates(reader: _Reader, profile: Profile) -> None:
    templates: tuple[tuple[JsonPath, str], ...] = (
        (("post_path",), profile.post_path),
        (("image_folder",), profile.image_folder),
        (("new_post", "front_matter"), profile.new_post_front_matter),
        (("new_post", "body"), profile.new_post_body),
        (("pull_request", "title"), profile.pr_title),
        (("pull_request", "body"), profile.pr_body),
        *((("extra_files", i, "entry"), f.entry) for i, f in enumerate(profile.extra_files)),
    )
    for path, template in templates:
        for name in PLACEHOLDER.findall(template):
            if name not in PLACEHOLDERS:
                problem = message(
                    _CONTEXT,
                    "{{{name}}} is not a known placeholder. Use one of: {names}.",
                    name=name,
                    names=", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS)),
                )
                raise reader.fail(path, problem)


def _with_dialect_warning(profile: Profile) -> Profile:
    if profile.dialect in available_dialects():
        return profile
    warning = message(
        _CONTEXT,
        "The site profile {file} uses the Markdown dialect “{dialect}”, which this version of"
        " Postwright does not have yet. The preview may differ from the site.",
        file=profile.source,
        dialect=profile.dialect,
    )
    return _replace_warnings(profile, (*profile.warnings, warning))


def _replace_warnings(profile: Profile, warnings: tuple[Message, ...]) -> Profile:
    return replace(profile, warnings=warnings)


def load_profiles(builtin_dir: Path, user_dir: Path | None = None) -> ProfileSet:
    """Every ``*.json`` profile in ``builtin_dir`` then ``user_dir``; bad files become problems.

    A user profile whose id is already taken is reported and skipped.
    """
    profiles: list[Profile] = []
    problems: list[ProfileProblem] = []
    for folder in (builtin_dir, user_dir):
        for path in _profile_files(folder):
            _load_one(path, profiles, problems)
    return ProfileSet(tuple(profiles), tuple(problems))


def _profile_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.json") if path.is_file())


def _load_one(path: Path, profiles: list[Profile], problems: list[ProfileProblem]) -> None:
    try:
        profile = load_profile(path.read_text(encoding="utf-8"), str(path))
    except ProfileError as error:
        problems.append(error.problem)
        return
    except (OSError, UnicodeDecodeError) as error:
        text = message(
            _CONTEXT,
            "The site profile {file} cannot be read ({detail}).",
            file=str(path),
            detail=str(error),
        )
        problems.append(ProfileProblem(str(path), None, text))
        return
    if any(p.id == profile.id for p in profiles):
        text = message(
            _CONTEXT,
            "The site profile {file} uses the id “{id}”, which another profile already has.",
            file=str(path),
            id=profile.id,
        )
        problems.append(ProfileProblem(str(path), None, text))
        return
    profiles.append(profile)
