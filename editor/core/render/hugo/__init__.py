"""Hugo shortcodes for the preview: finding calls outside code, and rendering them as the site.

* :mod:`.scanner` - the calls in a post's Markdown (Hugo's syntax; code is never a call).
* :mod:`.shortcodes` - what each shortcode the site has renders to; unknown ones are errors.
* :mod:`.expand` - calls swapped for placeholders before Markdown and for their HTML after,
  keeping every source line where it was.
"""

from editor.core.render.hugo.expand import (
    Expansion,
    expand_shortcodes,
    find_calls,
    has_shortcodes,
    remove_shortcodes,
)
from editor.core.render.hugo.scanner import ShortcodeCall, ShortcodeTag
from editor.core.render.hugo.shortcodes import (
    NOTICE_TYPES,
    ShortcodeContext,
    known_shortcodes,
    render_call,
)

__all__ = [
    "NOTICE_TYPES",
    "Expansion",
    "ShortcodeCall",
    "ShortcodeContext",
    "ShortcodeTag",
    "expand_shortcodes",
    "find_calls",
    "has_shortcodes",
    "known_shortcodes",
    "remove_shortcodes",
    "render_call",
]
