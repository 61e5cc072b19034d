"""Preferences and window state, stored as one versioned JSON file.

* :class:`Preferences` are what the user chooses; :class:`WindowState` is what the window
  remembers (geometry, splitter, recent files). Both are frozen dataclasses with defaults.
* The file carries a schema ``version``; older files go through :data:`MIGRATIONS` one
  version at a time before they are read.
* A damaged file never stops the app: unreadable or invalid parts fall back to defaults, a
  copy of the file is kept next to it as ``<name>.bak``, and the store's ``problem`` holds
  a plain-language :class:`Message` to show.
* Secrets (tokens, passwords) never go here: they belong in the OS keyring. Unknown keys
  are ignored on load and not written back.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from editor.core.i18n import Message, message
from editor.services.storage import StorageError, atomic_write_bytes

SCHEMA_VERSION = 1
THEMES = ("system", "light", "dark")

#: Turns a settings document of version *n* into one of version *n + 1*.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
#: Migrations by the version they start from. Empty while there is only version 1.
MIGRATIONS: Mapping[int, Migration] = {}

_CONTEXT = "Settings"


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the user chose in the preferences dialog."""

    theme: str = "system"
    #: Empty: the system's fixed-width font.
    editor_font_family: str = ""
    editor_font_size: int = 11
    preview_zoom: float = 1.0
    #: Remote images and embeds in the preview load only when this is on.
    allow_remote_content: bool = False
    show_preview: bool = True
    show_editor: bool = True
    show_metadata: bool = True
    word_wrap: bool = True
    sync_scroll: bool = True
    recent_files_max: int = 10
    #: How new posts are signed until the user signs in to GitHub.
    author_name: str = ""
    github_login: str = ""
    #: The site a new post is for, by profile id (the last one chosen).
    last_site: str = ""
    #: Write the post file itself while typing (the recovery journal is always written).
    autosave_to_file: bool = False
    #: GitHub's REST API address; empty: GitHub.com. GitHub Enterprise Server: https://HOST/api/v3.
    github_api_url: str = ""
    #: The host serving GitHub's sign-in pages; empty: derived from the API address.
    github_web_url: str = ""
    #: The OAuth App client id; empty: the built-in one (POSTWRIGHT_GITHUB_CLIENT_ID overrides).
    github_client_id: str = ""
    #: The account signed in to GitHub (its token is in the OS keyring, never in this file).
    github_account_login: str = ""
    github_account_name: str = ""
    #: Scale down, recompress and strip metadata from pictures added to a post.
    optimise_images: bool = True
    #: Underline misspelt words as the user types.
    spell_check: bool = True
    #: The spelling language of posts the user has not set one for (a LANGUAGES code).
    spelling_language: str = "en"
    #: The welcome and the tour of the window were shown (on the first start).
    welcome_done: bool = False
    #: The language of the app's own text ("": the system's), e.g. "de"; applies on restart.
    language: str = ""


@dataclass(frozen=True, slots=True)
class WindowState:
    """What the main window remembers between runs."""

    #: Base64 of ``QWidget.saveGeometry()``; empty when unknown.
    geometry: str = ""
    #: Base64 of ``QMainWindow.saveState()``: where the panels are; empty when unknown.
    docks: str = ""
    splitter_sizes: tuple[int, ...] = ()
    #: Most recent first.
    recent_files: tuple[str, ...] = ()
    last_directory: str | None = None
    #: The folder pictures were last inserted from (Insert ▸ Image starts there).
    last_picture_directory: str | None = None
    #: The spelling language chosen for particular posts, as ``"<code>\t<path>"``.
    post_languages: tuple[str, ...] = ()

    def language_of(self, path: str | os.PathLike[str]) -> str | None:
        """The spelling language chosen for the post at ``path``, if one was."""
        key = os.path.normcase(str(Path(path).absolute()))
        for entry in self.post_languages:
            code, _, where = entry.partition("\t")
            if os.path.normcase(where) == key:
                return code
        return None

    def with_post_language(
        self, path: str | os.PathLike[str], code: str, limit: int = 200
    ) -> WindowState:
        """This state with ``code`` remembered as the spelling language of ``path``."""
        entry = str(Path(path).absolute())
        key = os.path.normcase(entry)
        others = [
            item for item in self.post_languages if os.path.normcase(item.partition("\t")[2]) != key
        ]
        return replace(self, post_languages=tuple([f"{code}\t{entry}", *others][:limit]))

    def with_recent_file(self, path: str | os.PathLike[str], limit: int) -> WindowState:
        """This state with ``path`` first in the recent files, without duplicates."""
        entry = str(Path(path).absolute())
        key = os.path.normcase(entry)
        others = [item for item in self.recent_files if os.path.normcase(item) != key]
        return replace(self, recent_files=tuple([entry, *others][: max(limit, 0)]))


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything in the settings file."""

    preferences: Preferences = field(default_factory=Preferences)
    window: WindowState = field(default_factory=WindowState)


class SettingsStore:
    """The settings file at ``path``: read when the store is made, written on every change.

    Disk problems never raise: :attr:`problem` holds the last one as a plain-language
    :class:`Message` (None when all went well), for the ui to show once.
    """

    def __init__(
        self,
        path: Path,
        *,
        schema_version: int = SCHEMA_VERSION,
        migrations: Mapping[int, Migration] = MIGRATIONS,
    ) -> None:
        self._path = path
        self._schema_version = schema_version
        self._migrations = migrations
        self._settings = Settings()
        self.problem: Message | None = None
        self.load()

    @property
    def path(self) -> Path:
        """The settings file."""
        return self._path

    @property
    def backup_path(self) -> Path:
        """Where a copy of a damaged settings file is kept."""
        return self._path.with_name(self._path.name + ".bak")

    @property
    def settings(self) -> Settings:
        """The current settings."""
        return self._settings

    @property
    def preferences(self) -> Preferences:
        """The current preferences."""
        return self._settings.preferences

    @property
    def state(self) -> WindowState:
        """The current window state."""
        return self._settings.window

    def load(self) -> Message | None:
        """(Re)read the file; returns a problem to show the user, or None when all went well."""
        try:
            data = self._path.read_bytes()
        except FileNotFoundError:
            self._settings, self.problem = Settings(), None
        except OSError as error:
            self._settings, self.problem = Settings(), _unreadable(self._path, error)
        else:
            self.problem = self._load_document(data)
        return self.problem

    def save(self) -> Message | None:
        """Write the settings atomically; returns a problem, or None when they were saved."""
        document = {"version": self._schema_version, **_encode(self._settings)}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._path, text.encode("utf-8"))
        except StorageError as error:
            self.problem = error.message
        except OSError as error:
            self.problem = _unwritable(self._path, error)
        else:
            return None
        return self.problem

    def update_preferences(self, **changes: Any) -> Message | None:
        """Change some preferences (``theme="dark"``) and save; returns a saving problem."""
        preferences = replace(self.preferences, **_checked(changes, _PREFERENCE_RULES))
        self._settings = replace(self._settings, preferences=preferences)
        return self.save()

    def update_state(self, **changes: Any) -> Message | None:
        """Change some window state (``geometry=...``) and save; returns a saving problem."""
        window = replace(self.state, **_checked(changes, _WINDOW_RULES))
        self._settings = replace(self._settings, window=window)
        return self.save()

    def add_recent_file(self, path: str | os.PathLike[str]) -> Message | None:
        """Put ``path`` first in the recent files (at most ``recent_files_max``) and save."""
        limit = self.preferences.recent_files_max
        self._settings = replace(self._settings, window=self.state.with_recent_file(path, limit))
        return self.save()

    def _load_document(self, data: bytes) -> Message | None:
        try:
            document = self._migrated(json.loads(data.decode("utf-8")))
        except (ValueError, TypeError, KeyError):
            self._settings = Settings()
            return _damaged(self._keep_backup())
        self._settings, invalid = _decode(document)
        if invalid:
            return _partly_invalid(invalid, self._keep_backup())
        return None

    def _migrated(self, document: object) -> dict[str, Any]:
        if not isinstance(document, dict):
            raise TypeError("the settings file does not hold a JSON object")
        version = document.get("version", self._schema_version)
        if type(version) is not int or version < 1:
            raise ValueError(f"bad settings version {version!r}")
        while version < self._schema_version:
            document = self._migrations[version](document)
            version += 1
        return document

    def _keep_backup(self) -> str | None:
        """Copy the damaged file to the backup path; its name, or None if that failed."""
        try:
            shutil.copyfile(self._path, self.backup_path)
        except OSError:
            return None
        return str(self.backup_path)


# --- Checking and converting values --------------------------------------------------------

#: A rule returns the value to use, or raises ValueError when the stored value is not valid.
_Rule = Callable[[object], object]


def _boolean(value: object) -> object:
    if type(value) is not bool:
        raise ValueError(value)
    return value


def _integer(low: int, high: int) -> _Rule:
    def check(value: object) -> object:
        if type(value) is not int or not low <= value <= high:
            raise ValueError(value)
        return value

    return check


def _number(low: float, high: float) -> _Rule:
    def check(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(value)
        if not low <= value <= high:
            raise ValueError(value)
        return float(value)

    return check


def _text(max_length: int) -> _Rule:
    def check(value: object) -> object:
        if not isinstance(value, str) or len(value) > max_length:
            raise ValueError(value)
        return value

    return check


def _theme(value: object) -> object:
    if value not in THEMES:
        raise ValueError(value)
    return value


def _geometry(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError(value)
    try:
        base64.b64decode(value, validate=True)
    except binascii.Error as error:
        raise ValueError(value) from error
    return value


def _sizes(value: object) -> object:
    if not isinstance(value, (list, tuple)) or any(
        type(item) is not int or item < 0 for item in value
    ):
        raise ValueError(value)
    return tuple(value)


def _paths(value: object) -> object:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise ValueError(value)
    return tuple(value)


def _address(value: object) -> object:
    """An http(s) address, or empty for the default."""
    if not isinstance(value, str) or len(value) > 300:
        raise ValueError(value)
    if value and not value.startswith(("https://", "http://")):
        raise ValueError(value)
    return value


def _optional_path(value: object) -> object:
    if value is not None and not isinstance(value, str):
        raise ValueError(value)
    return value


_PREFERENCE_RULES: dict[str, _Rule] = {
    "theme": _theme,
    "editor_font_family": _text(200),
    "editor_font_size": _integer(6, 72),
    "preview_zoom": _number(0.25, 5.0),
    "allow_remote_content": _boolean,
    "show_preview": _boolean,
    "show_editor": _boolean,
    "show_metadata": _boolean,
    "word_wrap": _boolean,
    "sync_scroll": _boolean,
    "recent_files_max": _integer(0, 50),
    "author_name": _text(200),
    "github_login": _text(39),
    "last_site": _text(100),
    "autosave_to_file": _boolean,
    "github_api_url": _address,
    "github_web_url": _address,
    "github_client_id": _text(100),
    "github_account_login": _text(39),
    "github_account_name": _text(200),
    "optimise_images": _boolean,
    "spell_check": _boolean,
    "spelling_language": _text(10),
    "welcome_done": _boolean,
    "language": _text(20),
}
_WINDOW_RULES: dict[str, _Rule] = {
    "geometry": _geometry,
    "docks": _geometry,
    "splitter_sizes": _sizes,
    "recent_files": _paths,
    "last_directory": _optional_path,
    "last_picture_directory": _optional_path,
    "post_languages": _paths,
}


def _decode(document: Mapping[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a (migrated) document, and the names of values that were not valid."""
    invalid: list[str] = []
    preferences = Preferences(**_section(document, "preferences", _PREFERENCE_RULES, invalid))
    window = WindowState(**_section(document, "window", _WINDOW_RULES, invalid))
    limit = preferences.recent_files_max
    window = replace(window, recent_files=window.recent_files[:limit])
    return Settings(preferences, window), invalid


def _section(
    document: Mapping[str, Any], name: str, rules: Mapping[str, _Rule], invalid: list[str]
) -> dict[str, Any]:
    stored = document.get(name, {})
    if not isinstance(stored, dict):
        invalid.append(name)
        return {}
    values: dict[str, Any] = {}
    for key, rule in rules.items():
        if key in stored:
            try:
                values[key] = rule(stored[key])
            except ValueError:
                invalid.append(f"{name}.{key}")
    return values


def _checked(changes: Mapping[str, Any], rules: Mapping[str, _Rule]) -> dict[str, Any]:
    """``changes`` run through their rules; ValueError for a value the file could not hold."""
    unknown = set(changes) - set(rules)
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
    return {key: rules[key](value) for key, value in changes.items()}


def _encode(settings: Settings) -> dict[str, Any]:
    def plain(instance: Preferences | WindowState) -> dict[str, Any]:
        return {item.name: _json_value(getattr(instance, item.name)) for item in fields(instance)}

    return {"preferences": plain(settings.preferences), "window": plain(settings.window)}


def _json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


# --- Messages ------------------------------------------------------------------------------


def _unreadable(path: Path, error: OSError) -> Message:
    return message(
        _CONTEXT,
        "Your settings file “{path}” could not be opened ({detail}), so Postwright started"
        " with the default settings.",
        path=str(path),
        detail=error.strerror or str(error),
    )


def _unwritable(path: Path, error: OSError) -> Message:
    return message(
        _CONTEXT,
        "Your settings could not be saved to “{path}” ({detail}). They stay in effect until"
        " Postwright is closed.",
        path=str(path),
        detail=error.strerror or str(error),
    )


def _damaged(backup: str | None) -> Message:
    if backup is None:
        return message(
            _CONTEXT,
            "Your settings file could not be read, so Postwright started with the default"
            " settings. A copy of the old file could not be kept.",
        )
    return message(
        _CONTEXT,
        "Your settings file could not be read, so Postwright started with the default"
        " settings. The old file was kept as “{backup}”.",
        backup=backup,
    )


def _partly_invalid(names: list[str], backup: str | None) -> Message:
    if backup is None:
        return message(
            _CONTEXT,
            "Some settings were not valid and were reset to their defaults: {names}.",
            names=", ".join(names),
        )
    return message(
        _CONTEXT,
        "Some settings were not valid and were reset to their defaults: {names}. The old"
        " file was kept as “{backup}”.",
        names=", ".join(names),
        backup=backup,
    )
