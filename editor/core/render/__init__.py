"""The Qt-free renderer: a Markdown document to sanitized HTML blocks for the preview.

``render_document(text, options)`` splits off the front matter, renders the body with the
chosen dialect (:mod:`editor.core.render.dialects`), sanitizes every top-level block, replaces
remote content unless it is allowed, and returns the blocks with their document lines.
``editor.core.render.page`` turns a result into a standalone HTML page.
"""

from editor.core.render.dialects import (
    Dialect,
    UnknownDialectError,
    available_dialects,
    get_dialect,
)
from editor.core.render.document import render_document
from editor.core.render.model import RenderedBlock, RenderOptions, RenderResult

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
