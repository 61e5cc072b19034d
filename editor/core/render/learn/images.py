"""Images as Learn shows them: ``:::image:::`` and Markdown images with Learn's path rules.

Learn's build accepts ``\\`` as a folder separator and, being case-insensitive, finds
``media/x/Shot.PNG`` for a link written ``media/x/shot.png``. The preview does the same (through
the injected ``SourceFiles``), loads the real file, and says that such a link only works by
accident.

``:::image:::`` (research/learn.md §2(b)) becomes, as on Learn::

    <p><span class="mx-imgBorder"><img src="…" alt="…"></span></p>

``border="false"`` drops the ``mx-imgBorder`` span; ``type="icon"`` has no border by default,
no alt text and ``role="presentation"``; ``lightbox`` and ``link`` wrap the image in a link;
``type="complex"`` adds ``aria-describedby`` and the long description in a visually hidden
``<div>`` after the picture.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from html import escape
from urllib.parse import quote, unquote

from editor.core.i18n import Message
from editor.core.render.learn.attributes import is_true
from editor.core.render.learn.context import LearnContext
from editor.core.render.learn.problems import (
    IMAGE_CASE,
    IMAGE_MISSING,
    IMAGE_NO_SOURCE,
    bound,
    problem_inline,
)

_NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\|/|#)")
_URL_SAFE = "/:@!$&'()*+,;=-._~%"


def local_image_src(src: str, ctx: LearnContext) -> tuple[str, Message | None]:
    """``src`` as the page should load it, and a warning when only a case-blind match found
    it or when it names no file of the repository.

    Remote, site-absolute and in-page addresses are returned unchanged.
    """
    if _NOT_A_FILE.match(src.strip()):
        return src, None
    path, suffix = _split_suffix(unquote(src.strip()).replace("\\", "/"))
    warning = None
    files = ctx.source_files
    repository_path = ctx.repository_path(path) if files is not None else None
    if files is not None and repository_path is not None:
        found = files.find_file(repository_path)
        if found is None:
            warning = bound(IMAGE_MISSING, path=path)
        elif found != repository_path:
            folder = posixpath.dirname(ctx.document_path) or "."
            corrected = posixpath.relpath(found, folder)
            shown = _differing_names(corrected, path)
            warning = bound(IMAGE_CASE, actual=shown[0], written=shown[1])
            path = corrected
    return quote(path, safe=_URL_SAFE) + suffix, warning


def _differing_names(actual: str, written: str) -> tuple[str, str]:
    """The file names when only they differ, else the whole paths."""
    actual_folder, actual_name = posixpath.split(actual)
    written_folder, written_name = posixpath.split(written)
    if actual_folder == written_folder:
        return actual_name, written_name
    return actual, written


def _split_suffix(path: str) -> tuple[str, str]:
    """``path`` without its ``?query``/``#fragment``, and that suffix."""
    cut = min((index for index in (path.find("?"), path.find("#")) if index >= 0), default=-1)
    return (path, "") if cut < 0 else (path[:cut], path[cut:])


def image_extension_html(
    attributes: Mapping[str, str], ctx: LearnContext, *, description_id: str = ""
) -> str:
    """The ``<p>`` of one ``:::image:::`` (the long description, if any, is added by the caller)."""
    kind = attributes.get("type", "content").strip().lower() or "content"
    source = attributes.get("source", "").strip()
    if not source:
        return f"<p>{problem_inline(IMAGE_NO_SOURCE)}</p>\n"
    src, warning = local_image_src(source, ctx)
    parts = [f'<img src="{escape(src)}"']
    if kind == "icon":
        parts.append(' role="presentation" alt=""')
    else:
        parts.append(f' alt="{escape(attributes.get("alt-text", ""))}"')
    if description_id:
        parts.append(f' aria-describedby="{escape(description_id)}"')
    html = "".join(parts) + ">"
    if is_true(attributes.get("border"), default=kind != "icon"):
        html = f'<span class="mx-imgBorder">{html}</span>'
    target = attributes.get("link", "").strip()
    lightbox = attributes.get("lightbox", "").strip()
    if lightbox and not target:
        target = local_image_src(lightbox, ctx)[0] + "#lightbox"
    if target:
        html = f'<a href="{escape(target)}">{html}</a>'
    if warning is not None:
        html += problem_inline(warning)
    return f"<p>{html}</p>\n"
