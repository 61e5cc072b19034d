"""The Qt-free renderer: a Markdown document to sanitized HTML blocks for the preview.

``render_document(text, options)`` splits off the front matter, renders the body with the
chosen dialect (:mod:`editor.core.render.dialects`), sanitizes every top-level block, replaces
remote content unless it is allowed, and returns the blocks with their document lines.
``editor.core.render.page`` turns a result into a standalone HTML page.
"""

from typing import TYPE_CHECKING

from editor.core.render.dialects import (
    Dialect,
    UnknownDialectError,
    available_dialects,
    get_dialect,
)
from editor.core.render.model import RenderedBlock, RenderOptions, RenderResult

if TYPE_CHECKING:
    from editor.core.render.document import render_document


def __getattr__(name: str) -> object:
    """``render_document`` loads the parsers when first asked for: the window's process uses
    this package's types, and must not wait for Markdown parsers it does not run."""
    if name == "render_document":
        from editor.core.render.document import render_document  # noqa: PLC0415

        return render_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Dialect",
    "RenderOptions",
    "RenderResult",
    "RenderedBlock",
    "UnknownDialectError",
    "available_dialects",
    "get_dialect",
    "render_document",
]
