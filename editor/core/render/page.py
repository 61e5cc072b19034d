"""A rendered document as one standalone HTML page (export, ``postwright render``).

The page carries its own Content-Security-Policy as the first thing in ``<head>``: nothing
runs (``script-src 'none'``), nothing submits or navigates the frame by ``<base>`` or forms,
styles are inline only, and images/media load from the page's own place and ``data:`` - plus
``https:`` when the document was rendered with remote content allowed.

:func:`preview_css` is the stylesheet the preview and the page share: the base layout, code
colours, and the site's own theme (``resources/preview/themes/``) laid over them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from urllib.parse import urlsplit

from editor.core.render.model import RenderResult
from editor.core.resources import resource_path, resource_text


def build_page(
    result: RenderResult, *, title: str, css: str, dark: bool = False, base_href: str | None = None
) -> str:
    """A complete HTML5 document showing ``result``'s blocks, styled with ``css`` (inlined)."""
    csp = _attribute(_csp(result, base_href))
    base = f'<base href="{_attribute(base_href)}">\n' if base_href else ""
    theme = "dark" if dark else "light"
    body_class = ' class="pw-dark"' if dark else ""
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta charset="utf-8">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="color-scheme" content="{theme}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{base}<title>{escape(title)}</title>\n"
        f"<style>\n{_inline_css(css)}</style>\n"
        f'</head>\n<body{body_class}>\n<main class="pw-content">\n'
        f"{_blocks_html(result)}</main>\n</body>\n</html>\n"
    )


def _attribute(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (CSP quotes stay readable)."""
    return escape(value, quote=False).replace('"', "&quot;")


def _blocks_html(result: RenderResult) -> str:
    return "".join(
        f'<div class="pw-block" data-line="{block.start_line}" data-line-end="{block.end_line}">'
        f"{block.html}</div>\n"
        for block in result.blocks
    )


def _inline_css(css: str) -> str:
    """``css`` made safe inside ``<style>``: it cannot close the element."""
    return css.replace("</", "<\\/")


_NONE = "'none'"


def _csp(result: RenderResult, base_href: str | None) -> str:
    own = _source_of(base_href)
    local = f"'self' {own} data:" if own else "'self' data:"
    remote = " https:" if result.allow_remote else ""
    return "; ".join(
        (
            "default-src 'none'",
            f"img-src {local}{remote}",
            f"media-src {local}{remote}",
            "style-src 'unsafe-inline'",
            "font-src 'self' data:",
            f"frame-src {'https:' if result.allow_remote else _NONE}",
            "script-src 'none'",
            "object-src 'none'",
            f"base-uri {own or _NONE}",
            "form-action 'none'",
        )
    )


def _source_of(base_href: str | None) -> str | None:
    """The CSP source expression for the place ``base_href`` points at."""
    if not base_href:
        return None
    parts = urlsplit(base_href)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return f"{parts.scheme}:" if parts.scheme else None


#: Theme names are plain file-name stems: nothing else can reach the file system.
_THEME_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_THEMES_DIR = "preview/themes"


@lru_cache(maxsize=16)
def preview_css(dark: bool, theme: str = "") -> str:
    """The preview stylesheet for a site's ``theme`` (a profile's ``preview_theme``).

    In order: the base layout (``preview/preview.css``, plus ``preview-dark.css`` when
    ``dark``), the code colours, then the theme's ``themes/<theme>.css`` and, when ``dark``,
    ``themes/<theme>-dark.css``, so a theme only states what differs from the base. A theme
    may bring its own code colours as ``themes/<theme>-code.css`` / ``-code-dark.css``; they
    replace the default ones (Chroma's ``github``, or ``github-dark``) instead of being laid
    over them. An empty or unknown theme name gives the base stylesheet alone. Theme names are
    lowercase file-name stems; ``-dark`` and ``-code`` endings are taken by those parts.
    """
    parts = [resource_text("preview/preview.css")]
    if dark:
        parts.append(resource_text("preview/preview-dark.css"))
    parts.append(_theme_file(theme, "-code-dark" if dark else "-code") or _default_code_css(dark))
    parts.append(_theme_file(theme, ""))
    if dark:
        parts.append(_theme_file(theme, "-dark"))
    return "\n".join(part for part in parts if part)


def available_themes() -> tuple[str, ...]:
    """The names of the preview themes this installation has (``themes/<name>.css``)."""
    folder = resource_path(_THEMES_DIR)
    if not folder.is_dir():
        return ()
    names = (path.stem for path in folder.glob("*.css"))
    return tuple(sorted(n for n in names if not n.endswith(("-dark", "-code")) and is_theme(n)))


def valid_theme_name(name: str) -> bool:
    """Whether ``name`` could name a theme (a lowercase file-name stem, nothing else)."""
    return bool(_THEME_NAME.match(name))


def is_theme(name: str) -> bool:
    """Whether ``name`` is a well-formed theme name that has its ``themes/<name>.css``."""
    return valid_theme_name(name) and resource_path(f"{_THEMES_DIR}/{name}.css").is_file()


def _theme_file(theme: str, suffix: str) -> str:
    """The text of ``themes/<theme><suffix>.css``, or "" for no such file or theme."""
    if not is_theme(theme):
        return ""
    path = resource_path(f"{_THEMES_DIR}/{theme}{suffix}.css")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _default_code_css(dark: bool) -> str:
    # Pygments loads when a page is first built, not with the window (decision 0011).
    from editor.core.render.code_styles import (  # noqa: PLC0415
        DARK_STYLE,
        ChromaGithubStyle,
        pygments_css,
    )

    return pygments_css(DARK_STYLE if dark else ChromaGithubStyle)
