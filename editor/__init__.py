"""Postwright: write Markdown posts and contribute them by pull request, without git."""

#: The one place the version is written; ``pyproject.toml`` reads it from here. A literal, not
#: read from the installed package's metadata: that import costs every start ~30 ms.
__version__ = "0.1.0"
