"""Learn's inline extensions and link rules.

* ``:::no-loc text="Document":::`` is the text itself (``\\"`` escapes a quote).
* ``:::image …:::`` inside a paragraph is the picture, as the block form draws it.
* ``<xref:System.String>`` and ``[text](xref:UID)`` link to the API reference; the page cannot
  ask Learn's cross-reference service, so the address is the one Learn gives .NET types
  (``https://learn.microsoft.com/dotnet/api/<uid>``) and the text is the name Learn shows
  (``displayProperty=fullName`` or ``nameWithType`` as asked).
* Markdown images get Learn's path rules (``images.local_image_src``): ``\\`` separators and
  case-blind file names, with a warning when only the latter finds the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import escape
from urllib.parse import parse_qs, quote, unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.render.learn.attributes import parse_attributes
from editor.core.render.learn.context import context
from editor.core.render.learn.images import image_extension_html, local_image_src
from editor.core.render.learn.problems import problem_inline

_INLINE_EXTENSION = re.compile(r':::[ \t]*(no-loc|image)\b((?:[^":]|"(?:[^"\\]|\\.)*")*?):::')
_XREF_BASE = "https://learn.microsoft.com/dotnet/api/"


def inline_plugin(md: MarkdownIt) -> None:
    """Install ``:::no-loc:::``/inline ``:::image:::``, xref links and image path rules."""
    md.inline.ruler.before("link", "learn_inline_extension", _inline_extension_rule)
    md.core.ruler.after("inline", "learn_links", _links_rule)
    md.add_render_rule("learn_inline_image", _render_inline_image)
    md.add_render_rule("image", _render_image)


def _inline_extension_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith(":::", state.pos):
        return False
    match = _INLINE_EXTENSION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        attributes = parse_attributes(match.group(2))
        if match.group(1) == "no-loc":
            state.push("text", "", 0).content = attributes.get("text", "")
        else:
            state.push("learn_inline_image", "", 0).meta = {"attributes": attributes}
    state.pos = match.end()
    return True


def _render_inline_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    attributes = (tokens[idx].meta or {}).get("attributes", {})
    html = image_extension_html(attributes, context(env))
    return html.removeprefix("<p>").removesuffix("</p>\n")


def _children(tokens: Sequence[Token]) -> Iterator[list[Token]]:
    for token in tokens:
        if token.children:
            yield token.children
            yield from _children(token.children)


def _links_rule(state: StateCore) -> None:
    ctx = context(state.env)
    for children in _children(state.tokens):
        for index, child in enumerate(children):
            if child.type == "image":
                src, warning = local_image_src(str(child.attrGet("src") or ""), ctx)
                child.attrSet("src", src)
                if warning is not None:
                    child.meta = {**(child.meta or {}), "warning": warning}
            elif child.type == "link_open" and str(child.attrGet("href") or "").startswith("xref:"):
                _rewrite_xref(children, index)


def _rewrite_xref(children: list[Token], index: int) -> None:
    opening = children[index]
    uid = unquote(str(opening.attrGet("href"))[len("xref:") :])
    href, name = xref_target(uid)
    opening.attrSet("href", href)
    opening.attrSet("class", "xref")
    following = children[index + 1] if index + 1 < len(children) else None
    automatic = opening.markup == "autolink" or (
        following is not None and following.type == "link_close"
    )
    if not automatic:
        return
    if following is not None and following.type == "text":
        following.content = name
    else:
        text = Token("text", "", 0)
        text.content = name
        children.insert(index + 1, text)


def xref_target(uid: str) -> tuple[str, str]:
    """The address and shown name of the cross-reference ``uid`` (with its ``?`` options)."""
    bare, _, query = uid.partition("?")
    bare = bare.split("#", 1)[0].strip()
    display = (parse_qs(query).get("displayProperty") or [""])[0]
    plain = re.sub(r"\(.*\)$", "", bare).rstrip("*")
    segments = [segment for segment in re.split(r"\.(?![^<{]*[>}])", plain) if segment]
    if display == "fullName":
        name = plain
    elif display == "nameWithType":
        name = ".".join(segments[-2:])
    else:
        name = segments[-1] if segments else bare
    return _XREF_BASE + quote(plain.lower(), safe="."), name


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = escape(self.renderInlineAsText(token.children or [], options, env))
    src = escape(str(token.attrGet("src") or ""))
    title = token.attrGet("title")
    html = (
        f'<img src="{src}" alt="{alt}"' + (f' title="{escape(str(title))}"' if title else "") + ">"
    )
    warning = (token.meta or {}).get("warning")
    return html + problem_inline(warning) if warning is not None else html
