"""A fake GitHub (HTTP server on 127.0.0.1 with real state) for tests."""

from . import review_routes  # noqa: F401  (registers the review operations)
from .server import FakeGitHub, FakeState

__all__ = ["FakeGitHub", "FakeState"]
