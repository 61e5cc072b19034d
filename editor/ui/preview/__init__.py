"""The live preview: a locked-down QtWebEngine page patched in place.

Call :func:`register_preview_scheme` before the QApplication exists, then use
:class:`PreviewView`.
"""

from editor.ui.preview.scheme import SCHEME, register_preview_scheme
from editor.ui.preview.view import PreviewView

__all__ = ["SCHEME", "PreviewView", "register_preview_scheme"]
