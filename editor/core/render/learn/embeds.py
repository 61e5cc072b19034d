"""Learn's videos: ``> [!VIDEO url]`` and ``:::video source="url":::``.

Both become ``<div class="embeddedvideo"><iframe src="url" allowfullscreen></iframe></div>``.
The preview's remote-content rule then shows an offline card with the address unless the
author allows remote content (``editor.core.render.remote``).
"""

from __future__ import annotations

from html import escape


def video_html(url: str, title: str = "") -> str:
    """The embedded video block."""
    title_attribute = f' title="{escape(title)}"' if title else ""
    return (
        f'<div class="embeddedvideo"><iframe src="{escape(url.strip())}"{title_attribute}'
        " allowfullscreen></iframe></div>\n"
    )
