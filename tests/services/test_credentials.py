"""The token store: one token per server, only in the password store, problems in plain words."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from memory_keyring import MemoryKeyring

from editor.services.credentials import SERVICE, CredentialsError, TokenStore, load_token
from editor.services.settings import SettingsStore

GITHUB = "https://api.github.com"
ENTERPRISE = "https://ghe.example.com/api/v3"


@pytest.fixture
def backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def store(backend: MemoryKeyring) -> TokenStore:
    return TokenStore(backend)


def test_saves_reads_and_deletes_one_token_per_server(store: TokenStore) -> None:
    assert store.load(GITHUB) is None
    store.save(GITHUB, "gho_public")
    store.save(ENTERPRISE, "gho_work")
    assert (store.load(GITHUB), store.load(ENTERPRISE)) == ("gho_public", "gho_work")
    store.delete(GITHUB)
    assert (store.load(GITHUB), store.load(ENTERPRISE)) == (None, "gho_work")


def test_the_same_server_written_differently_finds_the_same_token(store: TokenStore) -> None:
    store.save("https://API.github.com/", "gho_1")
    assert store.load(GITHUB) == "gho_1"


def test_deleting_what_is_not_there_is_fine(store: TokenStore) -> None:
    store.delete(GITHUB)
    assert store.load(GITHUB) is None


def test_tokens_are_filed_under_postwright_in_the_password_store(
    store: TokenStore, backend: MemoryKeyring
) -> None:
    store.save(GITHUB, "gho_x")
    assert backend.passwords == {(SERVICE, GITHUB): "gho_x"}


def test_a_locked_store_is_explained_without_the_token(
    store: TokenStore, backend: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    backend.locked = True
    caplog.set_level(logging.DEBUG)
    with pytest.raises(CredentialsError) as caught:
        store.save(GITHUB, "gho_secret_value")
    text = caught.value.message.english()
    assert "password store" in text and "unlocked" in text
    assert "gho_secret_value" not in text + str(caught.value) + caplog.text
    with pytest.raises(CredentialsError):
        store.load(GITHUB)
    assert load_token(GITHUB, store) is None  # for callers that only want "a token or not"


def test_load_token_reads_what_sign_in_saved(store: TokenStore) -> None:
    store.save(GITHUB, "gho_for_publish")
    assert load_token(GITHUB, store) == "gho_for_publish"


def test_the_token_never_reaches_the_settings_file(store: TokenStore, tmp_path: Path) -> None:
    settings = SettingsStore(tmp_path / "settings.json")
    store.save(GITHUB, "gho_never_on_disk")
    settings.update_preferences(github_account_login="octocat")
    assert "gho_never_on_disk" not in (tmp_path / "settings.json").read_text(encoding="utf-8")
