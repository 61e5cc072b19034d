"""Per-user folders for Postwright's settings, data, state and cache.

Nothing here touches the disk: :func:`app_paths` only works out where the folders are, from
an environment mapping the caller passes in (``os.environ`` in the app, a dict in tests).
On Linux and other Unix systems the XDG Base Directory variables decide; on Windows the
folders go under ``%APPDATA%`` and ``%LOCALAPPDATA%``; on macOS under ``~/Library``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

APP_NAME = "postwright"
SETTINGS_FILE_NAME = "settings.json"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Where Postwright keeps its files for the current user."""

    config_dir: Path
    data_dir: Path
    state_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        """The preferences and window state file."""
        return self.config_dir / SETTINGS_FILE_NAME


def app_paths(
    env: Mapping[str, str],
    *,
    platform: str | None = None,
    home: Path | None = None,
    app_name: str = APP_NAME,
) -> AppPaths:
    """The per-user folders for ``app_name``, decided from ``env`` and ``platform``.

    ``platform`` defaults to ``sys.platform``; ``home`` defaults to ``HOME`` (or
    ``USERPROFILE`` on Windows) from ``env``, then to the current user's home folder.
    """
    platform = sys.platform if platform is None else platform
    home = home if home is not None else _home(env, platform)
    if platform.startswith("win"):
        return _windows_paths(env, home, app_name)
    if platform == "darwin":
        return _macos_paths(home, app_name)
    return _xdg_paths(env, home, app_name)


def _home(env: Mapping[str, str], platform: str) -> Path:
    names = ("USERPROFILE", "HOME") if platform.startswith("win") else ("HOME",)
    for name in names:
        if env.get(name):
            return Path(env[name])
    return Path.home()


def _xdg_paths(env: Mapping[str, str], home: Path, app_name: str) -> AppPaths:
    def base(name: str, fallback: Path) -> Path:
        value = env.get(name, "")
        # The XDG spec says relative paths in these variables are invalid and are ignored.
        return Path(value) if value and PurePath(value).is_absolute() else fallback

    return AppPaths(
        config_dir=base("XDG_CONFIG_HOME", home / ".config") / app_name,
        data_dir=base("XDG_DATA_HOME", home / ".local" / "share") / app_name,
        state_dir=base("XDG_STATE_HOME", home / ".local" / "state") / app_name,
        cache_dir=base("XDG_CACHE_HOME", home / ".cache") / app_name,
    )


def _windows_paths(env: Mapping[str, str], home: Path, app_name: str) -> AppPaths:
    roaming = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
    local = Path(env["LOCALAPPDATA"]) if env.get("LOCALAPPDATA") else home / "AppData" / "Local"
    return AppPaths(
        config_dir=roaming / app_name,
        data_dir=roaming / app_name,
        state_dir=local / app_name / "State",
        cache_dir=local / app_name / "Cache",
    )


def _macos_paths(home: Path, app_name: str) -> AppPaths:
    support = home / "Library" / "Application Support" / app_name
    return AppPaths(
        config_dir=support,
        data_dir=support,
        state_dir=support / "State",
        cache_dir=home / "Library" / "Caches" / app_name,
    )
