"""What the preview's scheme handler serves, described without the web engine.

The window builds these before the web engine starts (and without importing it: QtWebEngine
is loaded once the editor has been painted); :mod:`editor.ui.preview.handler` serves them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl

#: ``(dark, theme)`` → the stylesheet's text; ``theme`` is a site profile's preview theme.
StylesheetSource = Callable[[bool, str], str]


def stylesheet_name(dark: bool, theme: str = "") -> str:
    """The path under the ``app`` host of the light or dark stylesheet of ``theme``.

    Each theme has its own URL, so switching themes is a plain change of the link's address.
    """
    name = "preview-dark.css" if dark else "preview-light.css"
    return f"{theme}/{name}" if theme else name


@dataclass(frozen=True, slots=True)
class ServedDocument:
    """What the handler serves for one shell load."""

    generation: str
    shell_url: QUrl
    shell_html: str
    content_security_policy: str
    root: Path | None
