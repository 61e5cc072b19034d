"""Preferences and window state: typed, versioned, and never fatal when damaged."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from editor.services.settings import (
    SCHEMA_VERSION,
    Preferences,
    Settings,
    SettingsStore,
    WindowState,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def write(path: Path, document: object) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(document).encode("utf-8")
    path.write_bytes(data)
    return data


def test_defaults_without_a_file(path: Path) -> None:
    store = SettingsStore(path)
    assert store.settings == Settings()
    assert store.preferences == Preferences()
    assert store.state == WindowState()
    assert store.problem is None
    assert not path.exists()  # reading never creates anything


def test_default_values() -> None:
    prefs = Preferences()
    assert (prefs.theme, prefs.allow_remote_content, prefs.recent_files_max) == (
        "system",
        False,
        10,
    )
    assert prefs.show_preview and prefs.show_editor and prefs.word_wrap and prefs.sync_scroll


def test_round_trip(path: Path) -> None:
    store = SettingsStore(path)
    assert store.update_preferences(theme="dark", editor_font_size=14, preview_zoom=1.25) is None
    assert (
        store.update_state(
            geometry="AdnQywADAAA=",
            splitter_sizes=(600, 400),
            last_directory="/home/me/posts",
        )
        is None
    )
    again = SettingsStore(path)
    assert again.settings == store.settings
    assert again.state.splitter_sizes == (600, 400)
    assert again.preferences.preview_zoom == 1.25
    assert again.problem is None


def test_file_format(path: Path) -> None:
    store = SettingsStore(path)
    store.update_preferences(word_wrap=False)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["version"] == SCHEMA_VERSION
    assert document["preferences"]["word_wrap"] is False
    assert document["window"]["splitter_sizes"] == []
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp files


@pytest.mark.parametrize(
    "data",
    [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe{}", b'{"version": "one"}', b'{"version": 0}'],
)
def test_corrupt_file_falls_back_to_defaults_and_keeps_a_backup(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    store = SettingsStore(path)
    assert store.settings == Settings()
    assert store.backup_path.read_bytes() == data
    assert store.problem is not None
    assert store.problem.english() == (
        "Your settings file could not be read, so Postwright started with the default settings."
        f" The old file was kept as “{store.backup_path}”."
    )
    assert path.read_bytes() == data  # left alone until the next save


def test_invalid_values_are_reset_and_the_rest_kept(path: Path) -> None:
    original = write(
        path,
        {
            "version": 1,
            "preferences": {
                "theme": "purple",
                "editor_font_size": "big",
                "word_wrap": False,
                "preview_zoom": 2,
                "show_preview": 1,
            },
            "window": {"geometry": "not base64!", "recent_files": ["/a.md"]},
        },
    )
    store = SettingsStore(path)
    assert store.preferences == Preferences(word_wrap=False, preview_zoom=2.0)
    assert store.state == WindowState(recent_files=("/a.md",))
    assert store.problem is not None
    text = store.problem.english()
    assert text.startswith(
        "Some settings were not valid and were reset to their defaults: preferences.theme,"
        " preferences.editor_font_size, preferences.show_preview, window.geometry."
    )
    assert store.backup_path.read_bytes() == original


def test_a_section_of_the_wrong_type_is_reset(path: Path) -> None:
    write(path, {"version": 1, "preferences": [], "window": {"last_directory": "/x"}})
    store = SettingsStore(path)
    assert store.preferences == Preferences()
    assert store.state.last_directory == "/x"
    assert store.problem is not None


def test_unknown_keys_are_ignored_and_not_written_back(path: Path) -> None:
    write(
        path,
        {"version": 1, "preferences": {"theme": "light", "from_the_future": 1}, "other": {}},
    )
    store = SettingsStore(path)
    assert store.preferences.theme == "light"
    assert store.problem is None
    store.save()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert "other" not in document
    assert "from_the_future" not in document["preferences"]


def test_newer_version_reads_the_keys_it_knows(path: Path) -> None:
    write(path, {"version": SCHEMA_VERSION + 5, "preferences": {"theme": "dark"}})
    store = SettingsStore(path)
    assert store.preferences.theme == "dark"
    assert store.problem is None


def test_migrations_run_in_order(path: Path) -> None:
    write(path, {"version": 1, "preferences": {"dark_mode": True}})
    calls: list[int] = []

    def one_to_two(document: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        prefs = dict(document["preferences"])
        prefs["theme"] = "dark" if prefs.pop("dark_mode") else "light"
        return {**document, "preferences": prefs, "version": 2}

    def two_to_three(document: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        return {**document, "version": 3}

    store = SettingsStore(path, schema_version=3, migrations={1: one_to_two, 2: two_to_three})
    assert calls == [1, 2]
    assert store.preferences.theme == "dark"
    store.save()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 3


def test_missing_migration_counts_as_damage(path: Path) -> None:
    write(path, {"version": 1, "preferences": {"theme": "dark"}})
    store = SettingsStore(path, schema_version=2, migrations={})
    assert store.settings == Settings()
    assert store.problem is not None
    assert store.backup_path.exists()


def test_add_recent_file(path: Path, tmp_path: Path) -> None:
    store = SettingsStore(path)
    store.update_preferences(recent_files_max=3)
    for name in ("a.md", "b.md", "c.md", "a.md", "d.md"):
        store.add_recent_file(tmp_path / name)
    assert store.state.recent_files == tuple(str(tmp_path / n) for n in ("d.md", "a.md", "c.md"))
    assert SettingsStore(path).state.recent_files == store.state.recent_files


def test_recent_files_are_made_absolute_and_deduplicated(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = SettingsStore(path)
    store.add_recent_file("post.md")
    store.add_recent_file(str(tmp_path / "post.md"))
    assert store.state.recent_files == (str(tmp_path / "post.md"),)


def test_recent_files_are_capped_on_load(path: Path) -> None:
    write(
        path,
        {
            "version": 1,
            "preferences": {"recent_files_max": 2},
            "window": {"recent_files": ["/1", "/2", "/3"]},
        },
    )
    assert SettingsStore(path).state.recent_files == ("/1", "/2")


def test_with_recent_file_is_pure() -> None:
    state = WindowState(recent_files=("/b", "/a"))
    assert state.with_recent_file("/a", 10).recent_files == ("/a", "/b")
    assert state.recent_files == ("/b", "/a")
    assert state.with_recent_file("/c", 0).recent_files == ()


def test_updates_are_checked(path: Path) -> None:
    store = SettingsStore(path)
    with pytest.raises(ValueError):
        store.update_preferences(theme="purple")
    with pytest.raises(ValueError):
        store.update_state(splitter_sizes=(-1,))
    with pytest.raises(TypeError):
        store.update_preferences(api_token="secret")
    assert not path.exists()


def test_a_failed_save_is_reported_not_raised(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SettingsStore(path)
    store.update_preferences(theme="light")
    before = path.read_bytes()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    problem = store.update_preferences(theme="dark")
    assert problem is not None
    assert problem.english().startswith("The disk is full.")
    assert store.problem == problem
    assert store.preferences.theme == "dark"  # still in effect for this run
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def test_unreadable_file_is_reported(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(path, {"version": 1})

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    store = SettingsStore(path)
    assert store.settings == Settings()
    assert store.problem is not None
    assert "could not be opened (Permission denied)" in store.problem.english()


@pytest.mark.parametrize("cls", [Preferences, WindowState])
def test_no_secrets_in_settings(cls: type) -> None:
    """Tokens and passwords belong in the OS keyring, never in the settings file."""
    for item in dataclasses.fields(cls):
        assert not any(word in item.name for word in ("token", "password", "secret", "key"))
