"""Pytest fixtures for the fake GitHub (registered in ``tests/conftest.py``)."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .contract import SUBSET
from .server import FakeGitHub


@contextlib.contextmanager
def running_fake(*, prefix: str = "") -> Iterator[FakeGitHub]:
    """A started fake GitHub; on exit, fails the test if any response broke the contract."""
    fake = FakeGitHub(prefix=prefix).start()
    try:
        yield fake
    finally:
        fake.stop()
    errors = fake.state.contract_errors + (
        fake.state.request_errors if fake.state.check_requests else []
    )
    if errors:
        pytest.fail("the fake GitHub broke the contract:\n" + "\n".join(errors[:5]))


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A started fake GitHub; the test fails if any response broke the contract."""
    if not SUBSET.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SUBSET} is missing, and CI needs it")
        pytest.skip("../shared/github-contract is not beside this checkout")
    with running_fake() as fake:
        yield fake


@pytest.fixture
def no_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``PATH`` without any ``git``: nothing in the app may need it."""
    keep = [
        entry
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry and not (Path(entry) / "git").exists()
    ]
    empty = tmp_path / "no-git-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", os.pathsep.join([str(empty), *keep]))
    assert shutil.which("git") is None
