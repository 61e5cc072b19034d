"""DocFX's older code-snippet syntax, still accepted by Learn, on a line of its own.

``[!code-csharp[title](path/Program.cs#L12-L16 "title")]`` takes lines 12 to 16; the part after
the path may also be ``#snippet_name`` (tags or region), or ``?name=x``, ``?range=2-5``,
``?highlight=3`` (``&``-joined). It is shown like ``:::code:::``. ``[!notebook-python[](…)]``
(a Jupyter notebook cell) is named but not shown: the preview cannot run Learn's notebook
renderer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qs

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.render.learn.code import code_extension_html
from editor.core.render.learn.context import context
from editor.core.render.learn.problems import NOTEBOOK_NOT_PREVIEWED, problem_block

_LINE = re.compile(
    r"\[!(code|notebook)-([\w+#.-]*)\s*\[[^\]]*\]\s*\(\s*([^)\s\"]+)\s*(?:\"[^\"]*\")?\s*\)\s*\]",
    re.IGNORECASE,
)
_LINES = re.compile(r"^L(\d+)(?:-L(\d+))?$", re.IGNORECASE)


def legacy_code_plugin(md: MarkdownIt) -> None:
    """Install the ``[!code-…]`` block rule and its renderer."""
    md.block.ruler.before(
        "paragraph", "learn_legacy_code", _rule, {"alt": ["paragraph", "blockquote", "list"]}
    )
    md.add_render_rule("learn_legacy_code", _render)


def code_attributes(language: str, target: str) -> dict[str, str]:
    """The ``:::code:::`` attributes that a legacy ``[!code-…](target)`` stands for."""
    path, _, fragment = target.partition("#")
    path, _, query = path.partition("?")
    attributes = {"source": path, "language": language}
    lines = _LINES.match(fragment)
    if lines:
        attributes["range"] = f"{lines.group(1)}-{lines.group(2) or lines.group(1)}"
    elif fragment:
        attributes["id"] = fragment
    options = parse_qs(query)
    for name, key in (("name", "id"), ("range", "range"), ("highlight", "highlight")):
        if options.get(name):
            attributes[key] = options[name][0]
    return attributes


def _rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]].rstrip()
    match = _LINE.fullmatch(line)
    if match is None:
        return False
    if silent:
        return True
    token = state.push("learn_legacy_code", "", 0)
    token.map = [start, start + 1]
    token.info = match.group(1).lower()
    token.meta = {"attributes": code_attributes(match.group(2), match.group(3))}
    state.line = start + 1
    return True


def _render(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if token.info == "notebook":
        return problem_block(NOTEBOOK_NOT_PREVIEWED)
    return code_extension_html((token.meta or {}).get("attributes", {}), context(env))
