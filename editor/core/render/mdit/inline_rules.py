"""Small Goldmark look-alikes: task lists, ``<del>``, safe link destinations, ``www.`` links.

* Task lists: Goldmark writes ``<input checked="" disabled="" type="checkbox"> `` as the first
  thing *inside* the item's first paragraph, without classes on the list or the item.
* Strikethrough: two tildes, rendered as ``<del>`` (Goldmark leaves ``~one~`` as text).
* Links: Goldmark's ``IsDangerousURL`` (``javascript:``, ``vbscript:``, ``file:`` and
  ``data:`` other than PNG/GIF/JPEG/WebP images are refused).
* Linkify: GFM-style autolinks; a bare ``www.`` link gets ``https://`` (Hugo's default
  ``linkifyProtocol``) instead of ``http://``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

_DANGEROUS_URL = re.compile(r"^\s*(?:javascript|vbscript|file|data):", re.IGNORECASE)
_SAFE_DATA_URL = re.compile(r"^\s*data:image/(?:png|gif|jpeg|webp);", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    """Goldmark's ``IsDangerousURL``, negated."""
    return not _DANGEROUS_URL.match(url) or bool(_SAFE_DATA_URL.match(url))


def safe_links_plugin(md: MarkdownIt) -> None:
    """Refuse dangerous link and image destinations as Goldmark does."""
    md.validateLink = is_safe_url  # type: ignore[method-assign]


def strikethrough_plugin(md: MarkdownIt) -> None:
    """``~~two~~`` tildes strike through, rendered as ``<del>``."""
    md.enable("strikethrough")
    md.add_render_rule("s_open", _render_del_open)
    md.add_render_rule("s_close", _render_del_close)


def _render_del_open(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "<del>"


def _render_del_close(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</del>"


def task_list_plugin(md: MarkdownIt) -> None:
    """``- [x] done`` items with a disabled checkbox, in Goldmark's HTML."""
    md.options["tasklists"] = True
    md.core.ruler.after("inline", "pw_task_checkbox", _task_checkbox_rule)
    md.add_render_rule("list_item_open", _render_list_item_open)
    md.add_render_rule("pw_task_checkbox", _render_checkbox)


def _task_checkbox_rule(state: StateCore) -> None:
    task_items: list[int] = []
    for index, token in enumerate(state.tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "list_item_open"):
            _drop_class(token, {"contains-task-list", "task-list-item"})
        if token.type == "list_item_open" and token.meta and "checked" in token.meta:
            task_items.append(index)
    for index in reversed(task_items):
        _insert_checkbox(state.tokens, index, checked=bool(state.tokens[index].meta["checked"]))


def _drop_class(token: Token, names: set[str]) -> None:
    classes = [name for name in str(token.attrGet("class") or "").split() if name not in names]
    if classes:
        token.attrSet("class", " ".join(classes))
    elif "class" in token.attrs:
        del token.attrs["class"]


def _insert_checkbox(tokens: list[Token], item_index: int, *, checked: bool) -> None:
    """Put the checkbox first in the item's first text, or alone in an item without text."""
    checkbox = Token("pw_task_checkbox", "input", 0)
    checkbox.meta = {"checked": checked}
    for token in tokens[item_index + 1 :]:
        if token.type == "inline":
            token.children = [checkbox, *(token.children or [])]
            return
        if token.type == "list_item_close":
            break
    tokens.insert(item_index + 1, checkbox)


def _render_list_item_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A plain ``<li>``: markdown-it's own rule would add its checkbox here, with classes."""
    return self.renderToken(tokens, idx, options, env)


def _render_checkbox(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    checked = ' checked=""' if tokens[idx].meta.get("checked") else ""
    return f'<input{checked} disabled="" type="checkbox"> '


def https_autolink_plugin(md: MarkdownIt) -> None:
    """GFM autolinks (``www.``, ``http(s)://``, e-mail) with ``https://`` for ``www.``."""
    md.use(gfm_autolink_plugin)
    www_rule = next(
        rule.fn for rule in md.inline.ruler.__rules__ if rule.name == "gfm_autolink_www"
    )

    def www_https(state: StateInline, silent: bool) -> bool:
        before = len(state.tokens)
        matched = www_rule(state, silent)
        for token in state.tokens[before:] if matched else ():
            href = str(token.attrGet("href") or "")
            if token.type == "link_open" and href.startswith("http://"):
                token.attrSet("href", "https://" + href.removeprefix("http://"))
        return matched

    md.inline.ruler.at("gfm_autolink_www", www_https)
