"""The live preview: a locked-down QtWebEngine page patched in place.

Use :class:`PreviewView`; it registers the preview's URL scheme (:func:`register_preview_scheme`)
and loads QtWebEngine when it starts its engine. A program that loads QtWebEngine itself before
the QApplication exists may register the scheme then.
"""

from editor.ui.preview.scheme import SCHEME, register_preview_scheme
from editor.ui.preview.view import PreviewView

__all__ = ["SCHEME", "PreviewView", "register_preview_scheme"]
