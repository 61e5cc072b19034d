"""The pnp/blog site's render hooks and Hugo's code-block highlighting.

* ``layouts/_default/_markup/render-heading.html``:
  ``<h2 id="x" class="heading-anchor">Text <a class="anchor-link" href="#x"
  aria-labelledby="x"></a></h2>``; only h2-h4 get the (empty, CSS-drawn) anchor link.
  Attributes from ``{.class}`` are not used by the hook, so they do not appear.
* ``layouts/_default/_markup/render-image.html``:
  a remote ``http(s)`` image, a GIF or a file the post's folder does not have is a plain
  ``<img style="width:auto;">`` with the alt text as ``alt`` and ``title``; a page-bundle
  image becomes ``<figure>`` with the Markdown
  title as a Markdown-rendered ``<figcaption>``. The site serves resized WebP copies through a
  ``<picture>``; the preview shows the original file instead. Hugo puts that ``<figure>``
  inside the paragraph's ``<p>`` (which browsers then split); an image alone in its paragraph
  is emitted here without the ``<p>``, which displays the same.
* Fenced code: see :mod:`editor.core.render.highlight`; the classes of a ``{.a .b}`` attribute
  block after the fence are added to the ``<div class="highlight">`` around it, as Hugo does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.render.highlight import highlight_code

_REMOTE = re.compile(r"^https?://")
_NOT_A_BUNDLE_PATH = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|\\|#)")
_ANCHORED_LEVELS = ("h2", "h3", "h4")
#: ``{.name}`` classes of a fence's attribute block, which Hugo adds to the code's wrapper.
_FENCE_CLASS = re.compile(r"(?<=\.)[\w-]+")
_HIGHLIGHT_DIV = '<div class="highlight">'


def site_hooks_plugin(md: MarkdownIt) -> None:
    """Install the heading, image and code-block hooks."""
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("heading_close", _render_heading_close)
    md.add_render_rule("image", _image_renderer(md))
    md.add_render_rule("paragraph_open", _render_paragraph_open)
    md.add_render_rule("paragraph_close", _render_paragraph_close)
    md.add_render_rule("fence", _render_fence)


def _heading_id(tokens: Sequence[Token], idx: int) -> str:
    """The id of the heading whose open or close token is at ``idx``."""
    step = -1 if tokens[idx].nesting == -1 else 0
    while tokens[idx + step].type != "heading_open":
        step -= 1
    return escape(str(tokens[idx + step].attrGet("id") or ""))


def _render_heading_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<{tokens[idx].tag} id="{_heading_id(tokens, idx)}" class="heading-anchor">'


def _render_heading_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    tag = tokens[idx].tag
    if tag not in _ANCHORED_LEVELS:
        return f"</{tag}>\n"
    anchor = _heading_id(tokens, idx)
    link = f'<a class="anchor-link" href="#{anchor}" aria-labelledby="{anchor}"></a>'
    return f" {link}</{tag}>\n"


#: Where a document's ``env`` may hold ``exists(path) -> bool`` for files of the post's folder.
BUNDLE_FILE_EXISTS = "pw_bundle_file_exists"


def is_figure_image(src: str, env: EnvType | None = None) -> bool:
    """True when the site's image hook turns an image with this ``src`` into a ``<figure>``:
    a page resource that is not a GIF. When ``env`` can tell (:data:`BUNDLE_FILE_EXISTS`), a
    file missing from the post's folder is a plain ``<img>``, as on the site.
    """
    if _REMOTE.match(src) or _NOT_A_BUNDLE_PATH.match(src) or _is_gif(src):
        return False
    exists = (env or {}).get(BUNDLE_FILE_EXISTS)
    return bool(exists(src)) if callable(exists) else True


def _is_gif(src: str) -> bool:
    return src.split("?", 1)[0].split("#", 1)[0].lower().endswith(".gif")


def _image_renderer(md: MarkdownIt) -> Callable[..., str]:
    """The image hook; captions are rendered with ``md`` (Hugo's ``markdownify``)."""

    def render_image(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        src = escape(str(token.attrGet("src") or ""))
        alt = escape(self.renderInlineAsText(token.children or [], options, env))
        text = f' title="{alt}" alt="{alt}"' if alt else ""
        if not is_figure_image(str(token.attrGet("src") or ""), env):
            return f'<img src="{src}" style="width:auto;"{text}>'
        title = str(token.attrGet("title") or "")
        caption = f"<figcaption>{md.renderInline(title)}</figcaption>" if title else ""
        return (
            f'<figure><img src="{src}" style="width:auto;" loading="lazy"{text}>{caption}</figure>'
        )

    return render_image


def _is_lone_figure(inline: Token, env: EnvType) -> bool:
    """True when a paragraph holds nothing but one image that becomes a ``<figure>``."""
    children = [
        child
        for child in inline.children or []
        if not (child.type == "text" and not child.content.strip()) and child.type != "softbreak"
    ]
    return (
        len(children) == 1
        and children[0].type == "image"
        and is_figure_image(str(children[0].attrGet("src") or ""), env)
    )


def _render_paragraph_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if not tokens[idx].hidden and idx + 1 < len(tokens) and _is_lone_figure(tokens[idx + 1], env):
        return ""
    return self.renderToken(tokens, idx, options, env)


def _render_paragraph_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if not tokens[idx].hidden and idx > 0 and _is_lone_figure(tokens[idx - 1], env):
        return "\n"
    return self.renderToken(tokens, idx, options, env)


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    info = unescapeAll(token.info).strip()
    language = "" if info.startswith("{") else (info.split(maxsplit=1) or [""])[0]
    html = highlight_code(token.content, language)
    classes = " ".join(_FENCE_CLASS.findall(info[info.find("{") :])) if "{" in info else ""
    if classes and html.startswith(_HIGHLIGHT_DIV):
        html = f'<div class="highlight {escape(classes)}">{html[len(_HIGHLIGHT_DIV) :]}'
    return html
