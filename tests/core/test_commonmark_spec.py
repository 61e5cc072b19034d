"""The goldmark dialect against every CommonMark 0.31.2 example.

The dialect runs as configured for the blog (raw HTML, tables, strikethrough, task lists,
footnotes, definition lists, heading attributes and ids, emoji codes), minus typographer and
linkify (which rewrite text the spec expects verbatim) and minus the site's render hooks
(``spec_mode``). Output and expectation are normalized like commonmark-spec's
``test/normalize.py`` does; heading ``id`` attributes (Goldmark's autoHeadingID) are dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from editor.core.render import RenderOptions, get_dialect

MINIMUM_PASS_RATE = 0.99
SPEC_OPTIONS = RenderOptions(typographer=False, linkify=False)
_BLOCK_TAGS = frozenset(
    (
        *("article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li"),
        *("map", "button", "object", "canvas", "ol", "caption", "output", "col", "p"),
        *("colgroup", "pre", "dd", "progress", "div", "section", "dl", "table", "td", "dt"),
        *("tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption", "th", "figure"),
        *("thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video"),
        *("script", "style"),
    )
)
_WHITESPACE = re.compile(r"\s+")


class _Normalizer(HTMLParser):
    """commonmark-spec's normalize.py: whitespace collapsed, attributes sorted, no ids on h*."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.output: list[str] = []
        self.last = "starttag"
        self.in_pre = False

    def handle_data(self, data: str) -> None:
        if not self.in_pre:
            data = _WHITESPACE.sub(" ", data)
            if self.last == "starttag" or self.last_block_end:
                data = data.lstrip()
        self.output.append(data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        self.last = "data"

    @property
    def last_block_end(self) -> bool:
        return self.last.startswith("endtag:") and self.last[7:] in _BLOCK_TAGS

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._strip_before_block(tag)
        if tag == "pre":
            self.in_pre = True
        kept = sorted(a for a in attrs if not (re.fullmatch(r"h[1-6]", tag) and a[0] == "id"))
        rendered = "".join(f' {name}="{value}"' if value else f" {name}" for name, value in kept)
        self.output.append(f"<{tag}{rendered}>")
        self.last = "starttag"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._strip_before_block(tag)
        if tag == "pre":
            self.in_pre = False
        self.output.append(f"</{tag}>")
        self.last = f"endtag:{tag}"

    def handle_comment(self, data: str) -> None:
        self.output.append(f"<!--{data}-->")
        self.last = "comment"

    def handle_decl(self, decl: str) -> None:
        self.output.append(f"<!{decl}>")
        self.last = "decl"

    def handle_pi(self, data: str) -> None:
        self.output.append(f"<?{data}>")
        self.last = "pi"

    def unknown_decl(self, data: str) -> None:
        self.output.append(f"<![{data}]>")
        self.last = "decl"

    def _strip_before_block(self, tag: str) -> None:
        if tag in _BLOCK_TAGS and self.output and self.last == "data" and not self.in_pre:
            self.output[-1] = self.output[-1].rstrip()


def normalize(html: str) -> str:
    """HTML with insignificant differences removed (commonmark-spec ``normalize_html``)."""
    parser = _Normalizer()
    parser.feed(html)
    parser.close()
    return "".join(parser.output).strip()


@pytest.fixture(scope="module")
def examples(shared_dir: Path) -> list[dict[str, Any]]:
    spec = json.loads((shared_dir / "specs" / "commonmark-spec.json").read_text(encoding="utf-8"))
    return list(spec["examples"])


def test_normalizer_ignores_insignificant_differences() -> None:
    assert normalize('<h1 id="x">A</h1>\n<p>b <br />c</p>') == normalize("<h1>A</h1><p>b <br>c</p>")
    assert normalize('<a title="t" href="u">x</a>') == normalize('<a href="u" title="t">x</a>')
    assert normalize("<p>a</p>") != normalize("<p>b</p>")


def test_commonmark_pass_rate(
    examples: list[dict[str, Any]], record_property: Callable[[str, object], None]
) -> None:
    dialect = get_dialect("goldmark", spec_mode=True)
    failed = [
        example["example"]
        for example in examples
        if normalize(dialect.render_html(example["markdown"], SPEC_OPTIONS))
        != normalize(example["html"])
    ]
    passed = len(examples) - len(failed)
    rate = passed / len(examples)
    record_property(
        "commonmark_0.31.2_goldmark_pass_rate",
        f"{passed}/{len(examples)} = {rate:.1%} (failed examples: {failed or 'none'})",
    )
    assert rate >= MINIMUM_PASS_RATE, f"failed examples: {failed}"
