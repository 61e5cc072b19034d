"""Code colours: Chroma's ``github`` style (what the blog uses) as a Pygments style.

Pygments has no light "github" style; these are the colours of Chroma's ``github`` style
(``markup.highlight.style = 'github'`` in the blog's config), keyed by the same token types,
so the preview's code looks like the site's. The dark theme uses Pygments' ``github-dark``.

:func:`pygments_css` writes a style as the page's CSS. It lives here, apart from the
highlighter and its lexers, because the window's process builds the page while only the
render child highlights code (decision 0011: 3 MiB of lexers the window never used).
"""

from __future__ import annotations

from typing import ClassVar

from pygments.formatters.html import HtmlFormatter
from pygments.style import Style
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Name,
    Number,
    Operator,
    String,
    Text,
    _TokenType,
)

DARK_STYLE = "github-dark"


class ChromaGithubStyle(Style):
    """Chroma's ``github`` style."""

    name = "chroma-github"
    background_color = "#ffffff"
    styles: ClassVar[dict[_TokenType, str]] = {
        Comment: "italic #999988",
        Comment.Multiline: "italic #999988",
        Comment.Preproc: "bold #999999",
        Comment.Single: "italic #999988",
        Comment.Special: "bold italic #999999",
        Error: "bg:#e3d2d2 #a61717",
        Generic.Deleted: "bg:#ffdddd #000000",
        Generic.Emph: "italic #000000",
        Generic.Error: "#aa0000",
        Generic.Heading: "#999999",
        Generic.Inserted: "bg:#ddffdd #000000",
        Generic.Output: "#888888",
        Generic.Prompt: "#555555",
        Generic.Strong: "bold",
        Generic.Subheading: "#aaaaaa",
        Generic.Traceback: "#aa0000",
        Generic.Underline: "underline",
        Keyword: "bold #000000",
        Keyword.Type: "bold #445588",
        Number: "#009999",
        String: "#dd1144",
        String.Regex: "#009926",
        String.Symbol: "#990073",
        Name.Attribute: "#008080",
        Name.Builtin: "#0086b3",
        Name.Builtin.Pseudo: "#999999",
        Name.Class: "bold #445588",
        Name.Constant: "#008080",
        Name.Decorator: "bold #3c5d5d",
        Name.Entity: "#800080",
        Name.Exception: "bold #990000",
        Name.Function: "bold #990000",
        Name.Label: "bold #990000",
        Name.Namespace: "#555555",
        Name.Tag: "#000080",
        Name.Variable: "#008080",
        Name.Variable.Class: "#008080",
        Name.Variable.Global: "#008080",
        Name.Variable.Instance: "#008080",
        Operator: "bold #000000",
        Text.Whitespace: "#bbbbbb",
    }


def pygments_css(style: str | type[Style], scope: str = ".chroma") -> str:
    """The background and token colours of a Pygments ``style`` as CSS rules under ``scope``.

    Pygments' line-number rules (and its global ``pre`` rule) are left out.
    """
    formatter: HtmlFormatter[str] = HtmlFormatter(style=style)
    defs = formatter.get_style_defs(scope)  # type: ignore[no-untyped-call]  # stub lacks types
    rules = str(defs).splitlines()
    return "".join(f"{rule}\n" for rule in rules if rule.startswith(scope))
