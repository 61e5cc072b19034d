"""Where a post uses pictures: Markdown images, Learn ``:::image:::``, ``<img>`` and the
front matter's thumbnail list.

Every reference records where its path and its alt text sit in the text (Python string
offsets), so renaming an image or editing its alt text changes exactly those characters.
Text inside fenced code blocks, inline code and HTML comments is only shown on the site,
never resolved, so it is skipped. Paths are compared the way the sites resolve them:
backslashes are folder separators (Learn accepts them), ``%20`` is a space, ``./`` is
dropped, and ``#fragment``/``?query`` are ignored.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from editor.core.front_matter import read_front_matter, split_front_matter

Syntax = Literal["markdown", "learn", "html", "front_matter"]

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--[\s\S]*?-->")
_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?:<(?P<angle>[^<>\n]*)>|(?P<plain>(?:[^\s()\\]|\\.|\([^\s()]*\))+))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_LEARN_IMAGE = re.compile(r":::image\b(?P<attrs>(?:\s+[\w-]+\s*=\s*\"[^\"\n]*\")*)\s*:::", re.I)
_ATTRIBUTE = re.compile(r"(?P<name>[\w-]+)\s*=\s*\"(?P<value>[^\"\n]*)\"")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_HTML_ATTRIBUTE = re.compile(
    r"""\b(?P<name>src|alt)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.I
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True, slots=True)
class ImageReference:
    """One place the post uses a picture.

    ``target`` is the normalised path relative to the post's folder (None for web addresses
    and site-absolute paths, which are not the post's files). ``raw_target`` is the path as
    written; ``target_span`` its offsets in the text (None in front matter, which is edited
    through the YAML). ``alt`` is the alt text as a reader gets it (escapes undone), None when
    the syntax has no place for one. ``alt_span`` is where the alt text is written; for a Learn
    image without ``alt-text`` it is an empty span where the attribute would go.
    ``line`` is 0-based.
    """

    syntax: Syntax
    target: str | None
    raw_target: str
    line: int
    target_span: tuple[int, int] | None = None
    alt: str | None = None
    alt_span: tuple[int, int] | None = None
    learn_type: str | None = None
    thumbnail: bool = False

    @property
    def file_name(self) -> str:
        """The last part of the path (``""`` for none)."""
        return posixpath.basename(self.target or self.raw_target.replace("\\", "/"))

    @property
    def uses_backslashes(self) -> bool:
        """Whether the path separates folders with ``\\`` (works on Learn only)."""
        return "\\" in self.raw_target and self.target is not None


def normalize_target(raw: str) -> str | None:
    """The post-relative path ``raw`` points at, or None when it is not a local file."""
    value = raw.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if not value or value.startswith(("#", "/", "\\")) or _SCHEME.match(value):
        return None
    value = value.split("#", 1)[0].split("?", 1)[0]
    value = unquote(value.replace("\\", "/"))
    value = posixpath.normpath(value)
    return None if value in (".", "") else value


def link_for(path: str) -> str:
    """``path`` as written in a link: forward slashes, spaces and parentheses escaped."""
    return (
        path.replace("\\", "/")
        .replace("%", "%25")
        .replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
    )


def code_masked(text: str) -> str:
    """``text`` with code blocks, inline code and HTML comments replaced by spaces.

    Line breaks stay, so offsets and line numbers are those of ``text``.
    """
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            out.append(_blank(line))
        elif fence is not None:
            closes = (
                opening is not None
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line.strip(" \t\r\n`~")
            )
            if closes:
                fence = None
            out.append(_blank(line))
        else:
            out.append(line)
    masked = "".join(out)
    for pattern in (_COMMENT, _INLINE_CODE):
        masked = pattern.sub(lambda found: _blank(found.group(0)), masked)
    return masked


def _blank(text: str) -> str:
    return re.sub(r"[^\r\n]", " ", text)


def unescape_markdown(text: str) -> str:
    """Alt text as a reader gets it: backslash escapes undone, line breaks as spaces."""
    return " ".join(_MARKDOWN_ESCAPE.sub(r"\1", text).split())


def find_references(
    text: str, front_matter_key: str | None = "images"
) -> tuple[ImageReference, ...]:
    """Every picture the post uses, in the order of the text (front matter first).

    ``front_matter_key`` is the front-matter list of pictures (the blog's ``images``; its
    first item is the card thumbnail), None for a site without one.
    """
    split = split_front_matter(text)
    body_start = len(text) - len(split.body)
    masked = code_masked(text[body_start:])
    found = [
        *(_front_matter_references(text, front_matter_key) if front_matter_key else ()),
        *_markdown_references(masked, text, body_start),
        *_learn_references(masked, text, body_start),
        *_html_references(masked, text, body_start),
    ]
    return tuple(sorted(found, key=lambda ref: (ref.line, ref.target_span or (0, 0))))


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _markdown_references(masked: str, text: str, base: int) -> list[ImageReference]:
    refs = []
    for found in _MARKDOWN_IMAGE.finditer(masked):
        group = "angle" if found.group("angle") is not None else "plain"
        start, end = found.span(group)
        raw = text[base + start : base + end]
        alt_start, alt_end = found.span("alt")
        refs.append(
            ImageReference(
                "markdown",
                normalize_target(raw),
                raw,
                _line_at(text, base + found.start()),
                (base + start, base + end),
                unescape_markdown(text[base + alt_start : base + alt_end]),
                (base + alt_start, base + alt_end),
            )
        )
    return refs


def _learn_references(masked: str, text: str, base: int) -> list[ImageReference]:
    refs = []
    for found in _LEARN_IMAGE.finditer(masked):
        attrs_start = base + found.start("attrs")
        attrs = {
            m.group("name").lower(): (attrs_start + m.start("value"), attrs_start + m.end("value"))
            for m in _ATTRIBUTE.finditer(text[attrs_start : base + found.end("attrs")])
        }
        source = attrs.get("source")
        if source is None:
            continue
        raw = text[source[0] : source[1]]
        kind_span = attrs.get("type")
        kind = text[kind_span[0] : kind_span[1]].lower() if kind_span else "content"
        alt_span = attrs.get("alt-text")
        alt = html.unescape(text[alt_span[0] : alt_span[1]]) if alt_span else None
        if alt_span is None and kind != "icon":
            alt_span = (source[1] + 1, source[1] + 1)  # after the closing quote of source
        refs.append(
            ImageReference(
                "learn",
                normalize_target(raw),
                raw,
                _line_at(text, base + found.start()),
                source,
                alt if kind != "icon" else None,
                alt_span if kind != "icon" else None,
                learn_type=kind,
            )
        )
    return refs


def _html_references(masked: str, text: str, base: int) -> list[ImageReference]:
    refs = []
    for tag in _IMG_TAG.finditer(masked):
        attrs = {}
        for found in _HTML_ATTRIBUTE.finditer(tag.group(0)):
            group = "dq" if found.group("dq") is not None else "sq"
            span = (base + tag.start() + found.start(group), base + tag.start() + found.end(group))
            attrs[found.group("name").lower()] = span
        if "src" not in attrs:
            continue
        raw = text[attrs["src"][0] : attrs["src"][1]]
        alt_span = attrs.get("alt")
        alt = html.unescape(text[alt_span[0] : alt_span[1]]) if alt_span else None
        refs.append(
            ImageReference(
                "html",
                normalize_target(html.unescape(raw)),
                raw,
                _line_at(text, base + tag.start()),
                attrs["src"],
                alt,
                alt_span,
            )
        )
    return refs


def front_matter_images(text: str, key: str = "images") -> tuple[str, ...]:
    """The strings in the front matter's ``key`` list (the blog's thumbnail list)."""
    data = read_front_matter(text).data or {}
    value = data.get(key)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _front_matter_references(text: str, key: str = "images") -> list[ImageReference]:
    items = front_matter_images(text, key)
    if not items:
        return []
    raw_lines = (split_front_matter(text).raw or "").splitlines()
    refs = []
    for index, item in enumerate(items):
        line = next(
            (n + 1 for n, content in enumerate(raw_lines) if item in content),
            1,  # the opening fence is line 0
        )
        refs.append(
            ImageReference("front_matter", normalize_target(item), item, line, thumbnail=index == 0)
        )
    return refs
