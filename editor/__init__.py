"""Postwright: write Markdown posts and contribute them by pull request, without git."""

#: The one place the version is written; ``pyproject.toml`` reads it from here. A literal, so
#: that every start does not import ``importlib.metadata`` (with its email and zip modules).
__version__ = "0.1.0"
