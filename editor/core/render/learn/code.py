"""Code on Learn: fenced blocks and ``:::code:::`` samples read from the repository.

Learn shows a fenced block as ``<pre><code class="lang-x">`` under a header naming the
language; the page highlights it in the browser. The preview highlights with Pygments (its
short token classes are styled by the Learn theme) and writes the same structure.

``:::code source="…" language="…" range="2-24,26" id="snippet" highlight="2,5-7":::`` takes
lines from a file of the repository: ``range`` picks 1-based lines, ``id`` picks the lines
between ``<id>`` and ``</id>`` tags (in comments) or between ``#region id`` and
``#endregion``. The snippet is dedented; ``highlight`` marks lines of the snippet.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from functools import lru_cache
from html import escape

from pygments import highlight as pygments_highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from editor.core.render.learn.context import LearnContext
from editor.core.render.learn.problems import (
    CODE_BAD_RANGE,
    CODE_MISSING,
    CODE_NO_SNIPPET,
    CODE_NO_SOURCE,
    CODE_OUTSIDE,
    bound,
    problem_block,
)

_RANGE = re.compile(r"^\s*\d+\s*(?:-\s*\d*\s*)?(?:,\s*\d+\s*(?:-\s*\d*\s*)?)*$")

#: The names Learn's code header shows for common languages (others: as written).
_DISPLAY_NAMES = {
    "azurecli": "Azure CLI",
    "azurecli-interactive": "Azure CLI",
    "azurepowershell": "Azure PowerShell",
    "azurepowershell-interactive": "Azure PowerShell",
    "bash": "Bash",
    "c": "C",
    "console": "Console",
    "cpp": "C++",
    "csharp": "C#",
    "cs": "C#",
    "css": "CSS",
    "html": "HTML",
    "java": "Java",
    "javascript": "JavaScript",
    "js": "JavaScript",
    "json": "JSON",
    "kusto": "Kusto",
    "markdown": "Markdown",
    "md": "Markdown",
    "powerapps": "Power Apps",
    "powerappsfl": "Power Apps",
    "powershell": "PowerShell",
    "ps": "PowerShell",
    "python": "Python",
    "py": "Python",
    "sql": "SQL",
    "typescript": "TypeScript",
    "ts": "TypeScript",
    "vb": "VB",
    "xml": "XML",
    "yaml": "YAML",
    "yml": "YAML",
}
#: Learn's language names that Pygments knows by another name.
_LEXER_ALIASES = {
    "azurecli": "bash",
    "azurecli-interactive": "bash",
    "azurepowershell": "powershell",
    "azurepowershell-interactive": "powershell",
    "csharp-interactive": "csharp",
    "console": "text",
    "cmd": "text",
    "kusto": "kql",
    "powerappsfl": "text",
    "powerapps": "text",
}


def code_block_html(code: str, language: str, highlight_lines: frozenset[int] = frozenset()) -> str:
    """A code block as Learn lays it out: a header with the language, then the code."""
    language = language.strip()
    name = _DISPLAY_NAMES.get(language.lower(), language)
    header = (
        f'<div class="codeHeader"><span class="language">{escape(name)}</span></div>'
        if name
        else ""
    )
    css_class = f' class="lang-{escape(language.lower())}"' if language else ""
    body = _highlighted(code, language, highlight_lines)
    return f"{header}<pre><code{css_class}>{body}</code></pre>\n"


def _highlighted(code: str, language: str, marked: frozenset[int]) -> str:
    lexer = _lexer(language.lower()) if language else None
    body = (
        pygments_highlight(code, lexer, _formatter()) if lexer is not None else escape(code, False)
    )
    if not marked:
        return body
    lines = body.split("\n")
    return "\n".join(
        f'<span class="hll">{line}</span>' if number in marked else line
        for number, line in enumerate(lines, start=1)
    )


@lru_cache(maxsize=128)
def _lexer(language: str) -> Lexer | None:
    try:
        return get_lexer_by_name(
            _LEXER_ALIASES.get(language, language), stripnl=False, ensurenl=False
        )
    except ClassNotFound:
        return None


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True)


def code_extension_html(attributes: Mapping[str, str], ctx: LearnContext) -> str:
    """One ``:::code:::`` sample, or a box saying why it cannot be shown."""
    source = attributes.get("source", "").strip()
    if not source:
        return problem_block(CODE_NO_SOURCE)
    path = ctx.repository_path(source)
    if path is None:
        return problem_block(bound(CODE_OUTSIDE, path=source))
    text = ctx.source_files.read_text(path) if ctx.source_files is not None else None
    if text is None:
        return problem_block(bound(CODE_MISSING, path=source))
    lines = text.splitlines()
    snippet_id = attributes.get("id", "").strip()
    span_text = attributes.get("range", "").strip()
    if snippet_id:
        picked = snippet_lines(lines, snippet_id)
        if picked is None:
            return problem_block(bound(CODE_NO_SNIPPET, path=source, id=snippet_id))
    elif span_text:
        numbers = parse_line_numbers(span_text, len(lines))
        if numbers is None:
            return problem_block(bound(CODE_BAD_RANGE, range=span_text))
        picked = [lines[number - 1] for number in numbers]
    else:
        picked = lines
    code = textwrap.dedent("\n".join(picked)).rstrip("\n") + "\n"
    marked = parse_line_numbers(attributes.get("highlight", ""), len(picked)) or []
    language = attributes.get("language", "") or _language_of(source)
    return code_block_html(code, language, frozenset(marked))


def parse_line_numbers(text: str, last: int) -> list[int] | None:
    """``2-24,26`` (``5-`` runs to ``last``) as 1-based line numbers within ``1..last``."""
    if not text.strip() or not _RANGE.match(text):
        return None
    numbers: list[int] = []
    for part in text.split(","):
        first, dash, end = part.strip().partition("-")
        start = int(first)
        stop = (int(end) if end.strip() else last) if dash else start
        numbers.extend(n for n in range(start, min(stop, last) + 1) if n >= 1)
    return numbers


def snippet_lines(lines: list[str], snippet_id: str) -> list[str] | None:
    """The lines of the snippet ``snippet_id`` (tag or region markers excluded), or None."""
    wanted = re.escape(snippet_id)
    start_tag = re.compile(rf"<\s*{wanted}\s*>", re.IGNORECASE)
    end_tag = re.compile(rf"<\s*/\s*{wanted}\s*>", re.IGNORECASE)
    region = re.compile(rf"#\s*region\s+{wanted}\s*$", re.IGNORECASE)
    any_marker = re.compile(r"<\s*/?\s*[\w.-]+\s*>\s*(?:-->|\*/)?\s*$|#\s*(?:end)?region\b")
    for index, line in enumerate(lines):
        if start_tag.search(line):
            ends = [i for i in range(index + 1, len(lines)) if end_tag.search(lines[i])]
        elif region.search(line.strip()):
            ends = _region_end(lines, index)
        else:
            continue
        if ends:
            body = lines[index + 1 : ends[0]]
            return [text for text in body if not any_marker.search(text)]
    return None


def _region_end(lines: list[str], start: int) -> list[int]:
    depth = 0
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if re.match(r"#\s*region\b", stripped):
            depth += 1
        elif re.match(r"#\s*endregion\b", stripped):
            if depth == 0:
                return [index]
            depth -= 1
    return []


def _language_of(source: str) -> str:
    suffix = source.rsplit(".", 1)[-1].lower() if "." in source else ""
    return {"cs": "csharp", "ps1": "powershell", "py": "python", "js": "javascript"}.get(
        suffix, suffix
    )
