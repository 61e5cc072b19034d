"""Per-user folders, worked out from an injected environment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from editor.services.paths import AppPaths, app_paths

HOME = Path("/home/ada")


def test_xdg_variables_are_used() -> None:
    env = {
        "XDG_CONFIG_HOME": "/x/config",
        "XDG_DATA_HOME": "/x/data",
        "XDG_STATE_HOME": "/x/state",
        "XDG_CACHE_HOME": "/x/cache",
    }
    assert app_paths(env, platform="linux", home=HOME) == AppPaths(
        config_dir=Path("/x/config/postwright"),
        data_dir=Path("/x/data/postwright"),
        state_dir=Path("/x/state/postwright"),
        cache_dir=Path("/x/cache/postwright"),
    )


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CONFIG_HOME": "", "XDG_DATA_HOME": ""},
        {"XDG_CONFIG_HOME": "relative/config", "XDG_CACHE_HOME": "./cache"},
    ],
)
def test_xdg_fallbacks_under_home(env: dict[str, str]) -> None:
    assert app_paths(env, platform="linux", home=HOME) == AppPaths(
        config_dir=HOME / ".config/postwright",
        data_dir=HOME / ".local/share/postwright",
        state_dir=HOME / ".local/state/postwright",
        cache_dir=HOME / ".cache/postwright",
    )


def test_home_comes_from_the_environment() -> None:
    paths = app_paths({"HOME": "/home/grace"}, platform="freebsd14")
    assert paths.config_dir == Path("/home/grace/.config/postwright")


def test_windows() -> None:
    env = {"APPDATA": "C:/Users/ada/AppData/Roaming", "LOCALAPPDATA": "C:/Users/ada/AppData/Local"}
    paths = app_paths(env, platform="win32", home=Path("C:/Users/ada"))
    assert paths.config_dir == Path("C:/Users/ada/AppData/Roaming/postwright")
    assert paths.data_dir == paths.config_dir
    assert paths.state_dir == Path("C:/Users/ada/AppData/Local/postwright/State")
    assert paths.cache_dir == Path("C:/Users/ada/AppData/Local/postwright/Cache")


def test_windows_fallbacks_use_the_profile_folder() -> None:
    paths = app_paths({"USERPROFILE": "C:/Users/ada"}, platform="win32")
    assert paths.config_dir == Path("C:/Users/ada/AppData/Roaming/postwright")
    assert paths.cache_dir == Path("C:/Users/ada/AppData/Local/postwright/Cache")


def test_macos() -> None:
    paths = app_paths({"XDG_CONFIG_HOME": "/ignored"}, platform="darwin", home=HOME)
    support = HOME / "Library/Application Support/postwright"
    assert paths == AppPaths(
        config_dir=support,
        data_dir=support,
        state_dir=support / "State",
        cache_dir=HOME / "Library/Caches/postwright",
    )


def test_settings_file_and_app_name() -> None:
    paths = app_paths({}, platform="linux", home=HOME, app_name="other")
    assert paths.settings_file == HOME / ".config/other/settings.json"


def test_defaults_follow_this_machine(tmp_path: Path) -> None:
    paths = app_paths({"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")})
    if sys.platform.startswith("linux"):
        assert paths.config_dir == tmp_path / "c" / "postwright"
    assert not paths.config_dir.exists()  # working out paths creates nothing
