"""Learn's ``:::`` block extensions (research/learn.md §2(b)).

* Containers, closed by ``:::<name>-end:::``: ``:::row:::``, ``:::column span="2":::``,
  ``::: zone pivot="…"`` (or ``target="…"``), ``::: moniker range="…"``, and
  ``:::image type="complex" …:::`` whose content is the long description.
* One-line blocks: ``:::image …:::``, ``:::code …:::``, ``:::video …:::``; ``:::form`` is shown
  as a note (the preview cannot run it); ``:::no-loc text="…":::`` is inline (``inline.py``).
* Anything else after ``:::`` is shown as the error Learn's build gives ("Extension is not
  supported"), and so is an end line without its start or a start without its end.

Real files indent these lines raggedly (``:::row:::`` under a list item, ``:::image:::`` six
spaces deep in a column), so inside a container any indentation is accepted, and a container's
content is parsed from its least indented line. Each container is one token pair whose ``map``
covers its lines from start to end line, so it becomes one preview block with the right lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from hashlib import blake2b
from html import escape

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.render.learn.attributes import parse_attributes
from editor.core.render.learn.code import code_extension_html
from editor.core.render.learn.context import context
from editor.core.render.learn.embeds import video_html
from editor.core.render.learn.images import image_extension_html
from editor.core.render.learn.problems import (
    IMAGE_NO_END,
    MISSING_END,
    MONIKER_LABEL,
    NOT_PREVIEWED,
    STRAY_END,
    UNSUPPORTED_EXTENSION,
    VIDEO_NO_SOURCE,
    ZONE_LABEL,
    ZONE_TARGET_LABEL,
    bound,
    problem_block,
)

_LINE = re.compile(r"^:::[ \t]*([A-Za-z][\w-]*)(.*?)[ \t]*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_CONTAINERS = frozenset({"row", "column", "zone", "moniker"})
_LEAVES = frozenset({"image", "code", "video", "form", "notes"})
#: Handled by the inline rule (they sit inside paragraphs).
_INLINE = frozenset({"no-loc"})
_OPEN = "learn_container_open"
_CLOSE = "learn_container_close"
_LEAF = "learn_extension"


def triple_colon_plugin(md: MarkdownIt) -> None:
    """Install the ``:::`` block rule (before indented code) and its renderers."""
    md.block.ruler.before(
        "code",
        "learn_triple_colon",
        _triple_colon_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.add_render_rule(_OPEN, _render_open)
    md.add_render_rule(_CLOSE, _render_close)
    md.add_render_rule(_LEAF, _render_leaf)


def _line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _triple_colon_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    ctx = context(state.env)
    if state.sCount[start] - state.blkIndent >= 4 and not ctx.container_depth:
        return False
    match = _LINE.match(_line_text(state, start))
    if match is None or match.group(1).lower() in _INLINE:
        return False
    if silent:
        return True
    name, rest = match.group(1).lower(), match.group(2)
    closed = rest.endswith(":::")
    attributes = parse_attributes(rest[:-3] if closed else rest)
    if name in _CONTAINERS or (name == "image" and attributes.get("type", "").lower() == "complex"):
        return _container(state, start, end, name, attributes)
    if name in _LEAVES and closed:
        _push_leaf(state, start, name, {"attributes": attributes})
    elif name.endswith("-end"):
        _push_leaf(state, start, "problem", {"problem": bound(STRAY_END, name=name)})
    elif name in _LEAVES:
        return False  # no closing ":::": Learn leaves the line as text
    else:
        _push_leaf(state, start, "problem", {"problem": bound(UNSUPPORTED_EXTENSION, name=name)})
    return True


def _push_leaf(state: StateBlock, line: int, name: str, meta: dict[str, object]) -> None:
    token = state.push(_LEAF, "", 0)
    token.map = [line, line + 1]
    token.info = name
    token.meta = meta
    state.line = line + 1


def _container(
    state: StateBlock, start: int, end: int, name: str, attributes: dict[str, str]
) -> bool:
    closing = _find_end(state, start, end, name)
    if closing is None:
        end_name = f":::{name}-end:::"
        problem = IMAGE_NO_END if name == "image" else bound(MISSING_END, name=name, end=end_name)
        _push_leaf(state, start, "problem", {"problem": problem})
        return True
    ctx = context(state.env)
    opening = state.push(_OPEN, "div", 1)
    opening.map = [start, closing + 1]
    opening.info = name
    opening.meta = {"attributes": attributes}
    if name == "image":  # the long description's id: from the picture, not its position
        digest = blake2b(f"{attributes.get('source')}|{attributes.get('alt-text')}".encode())
        opening.meta["id"] = ctx.unique_id(f"description-{digest.hexdigest()[:8]}")
    indents = [state.sCount[line] for line in range(start + 1, closing) if not state.isEmpty(line)]
    old_indent, old_max = state.blkIndent, state.lineMax
    state.blkIndent = min(indents) if indents else state.blkIndent
    state.lineMax = closing
    ctx.container_depth += 1
    try:
        state.md.block.tokenize(state, start + 1, closing)
    finally:
        ctx.container_depth -= 1
        state.blkIndent, state.lineMax = old_indent, old_max
    state.push(_CLOSE, "div", -1).info = name
    state.line = closing + 1
    return True


def _find_end(state: StateBlock, start: int, end: int, name: str) -> int | None:
    """The line of ``:::<name>-end:::`` that closes the block at ``start`` (nesting counted)."""
    depth, fence = 0, ""
    for line in range(start + 1, end):
        text = _line_text(state, line)
        fence_match = _FENCE.match(text)
        if fence_match:
            marker = fence_match.group(1)
            if not fence:
                fence = marker
            elif (
                marker[0] == fence[0]
                and len(marker) >= len(fence)
                and not text[len(marker) :].strip()
            ):
                fence = ""
            continue
        if fence:
            continue
        match = _LINE.match(text)
        if match is None:
            continue
        found = match.group(1).lower()
        if found == f"{name}-end":
            if depth == 0:
                return line
            depth -= 1
        elif found == name and (name != "image" or "complex" in match.group(2)):
            depth += 1
    return None


# -- rendering ---------------------------------------------------------------------------------


def _attributes(token: Token) -> dict[str, str]:
    meta = token.meta or {}
    found = meta.get("attributes", {})
    return found if isinstance(found, dict) else {}


def _render_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    attributes = _attributes(token)
    if token.info == "row":
        return '<div class="row">\n'
    if token.info == "column":
        span = attributes.get("span", "").strip()
        return f'<div class="column{" span" + escape(span) if span.isdigit() else ""}">\n'
    if token.info == "zone":
        pivot, target = attributes.get("pivot", ""), attributes.get("target", "")
        label = (
            bound(ZONE_LABEL, pivot=", ".join(p.strip() for p in pivot.split(",")))
            if pivot or not target
            else bound(ZONE_TARGET_LABEL, target=target)
        )
        css = "zone has-pivot" if pivot else "zone"
        return f'<div class="{css}">\n<p class="zone-label">{escape(label.english())}</p>\n'
    if token.info == "moniker":
        label = bound(MONIKER_LABEL, range=attributes.get("range", ""))
        return f'<div class="moniker">\n<p class="zone-label">{escape(label.english())}</p>\n'
    # a complex image: the picture, then its long description
    description_id = str((token.meta or {}).get("id", ""))
    picture = image_extension_html(attributes, context(env), description_id=description_id)
    return f'{picture}<div id="{escape(description_id)}" class="visually-hidden">\n'


def _render_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</div>\n"


def _render_leaf(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    meta = token.meta or {}
    attributes = _attributes(token)
    ctx = context(env)
    if token.info == "problem":
        return problem_block(meta["problem"])
    if token.info == "image":
        return image_extension_html(attributes, ctx)
    if token.info == "code":
        return code_extension_html(attributes, ctx)
    if token.info == "video":
        source = attributes.get("source", "").strip()
        if not source:
            return problem_block(VIDEO_NO_SOURCE)
        return video_html(source, attributes.get("title", ""))
    return problem_block(bound(NOT_PREVIEWED, name=token.info))
