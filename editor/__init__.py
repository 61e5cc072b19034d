"""Postwright: write Markdown posts and contribute them by pull request, without git."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("postwright")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
