"""``[!INCLUDE [title](path)]``: another file's Markdown, as Learn inserts it.

On its own line the include is a block: the file's text (front matter removed) is parsed as
Markdown and its blocks stand where the line was; in the preview they form one block mapped to
that line. Inside a paragraph it is inline: the file's text is parsed as inline Markdown.

The path is relative to the article (``~/`` starts at the repository folder); the file is
read through the render's ``SourceFiles``, never outside the repository folder. A missing file,
a path that leaves the repository, and an include inside an included file (Learn forbids
nesting) are shown as boxes that say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.front_matter import split_front_matter
from editor.core.i18n import Message
from editor.core.render.learn.context import LearnContext, context
from editor.core.render.learn.problems import (
    INCLUDE_MISSING,
    INCLUDE_NESTED,
    INCLUDE_NO_FILES,
    INCLUDE_OUTSIDE,
    SITE_FILE,
    bound,
    problem_block,
    problem_inline,
)

_INCLUDE = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\(\s*<?([^)>]*?)>?\s*\)\s*\]", re.IGNORECASE)
_BLOCK = "learn_include"
_INLINE = "learn_include_inline"
#: Marks the inline tokens of an included file: includes inside them are nested includes.
_FROM_INCLUDE = "learn_from_include"


def include_plugin(md: MarkdownIt) -> None:
    """Install the block and inline include rules and their renderers."""
    md.block.ruler.before(
        "paragraph", "learn_include", _block_rule, {"alt": ["paragraph", "blockquote", "list"]}
    )
    md.inline.ruler.before("link", "learn_include_inline", _inline_rule)
    md.core.ruler.at("inline", _parse_inlines)
    md.add_render_rule(_BLOCK, _render_block)
    md.add_render_rule(_INLINE, _render_inline)


def _included_text(ctx: LearnContext, target: str) -> tuple[str | None, Message | None]:
    """The include file's Markdown (front matter removed), or the problem that stops it."""
    if ctx.include_depth:
        return None, bound(INCLUDE_NESTED, path=target)
    path = ctx.repository_path(target)
    if path is None:
        return None, bound(INCLUDE_OUTSIDE, path=target)
    if ctx.source_files is None:
        return None, bound(INCLUDE_NO_FILES, path=target)
    text = ctx.source_files.read_text(path)
    if text is None and path in ctx.repository_files:
        return _site_text(ctx.repository_files[path]), None
    if text is None:
        return None, bound(INCLUDE_MISSING, path=target)
    return split_front_matter(text).body, None


def _site_text(description: str) -> str:
    """What stands for a shared file of the site's repository the library does not hold."""
    shown = bound(SITE_FILE, description=description).english()
    return "*" + re.sub(r"([\\`*_\[\]<>])", r"\\\1", shown) + "*\n"


def _block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]].rstrip()
    match = _INCLUDE.fullmatch(line)
    if match is None:
        return False
    if silent:
        return True
    ctx = context(state.env)
    text, problem = _included_text(ctx, match.group(2).strip())
    opening = state.push(_BLOCK, "", 1)
    opening.map = [start, start + 1]
    opening.meta = {"problem": problem}
    if text is not None:
        inner: list[Token] = []
        ctx.include_depth += 1
        try:
            state.md.block.parse(text, state.md, state.env, inner)
        finally:
            ctx.include_depth -= 1
        for token in inner:
            token.level += state.level
            token.map = [start, start + 1] if token.map else None
            if token.type == "inline":
                token.meta = {**(token.meta or {}), _FROM_INCLUDE: True}
        state.tokens.extend(inner)
    state.push(_BLOCK, "", -1)
    state.line = start + 1
    return True


def _inline_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[!", state.pos):
        return False
    match = _INCLUDE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        ctx = context(state.env)
        text, problem = _included_text(ctx, match.group(2).strip())
        token = state.push(_INLINE, "", 0)
        token.meta = {"problem": problem}
        token.children = []
        if text is not None:
            ctx.include_depth += 1
            try:
                state.md.inline.parse(text.strip(), state.md, state.env, token.children)
            finally:
                ctx.include_depth -= 1
    state.pos = match.end()
    return True


def _parse_inlines(state: StateCore) -> None:
    """markdown-it's own ``inline`` core rule, knowing which text came from an include file."""
    ctx = context(state.env)
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        included = bool((token.meta or {}).get(_FROM_INCLUDE))
        ctx.include_depth += included
        try:
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        finally:
            ctx.include_depth -= included


def _render_block(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    problem = (token.meta or {}).get("problem")
    return problem_block(problem) if token.nesting == 1 and problem is not None else ""


def _render_inline(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    problem = (token.meta or {}).get("problem")
    if problem is not None:
        return problem_inline(problem)
    return self.renderInline(token.children or [], options, env)
