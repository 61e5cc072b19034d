"""Every image and link the post points to, with where it is written.

Markdown images and links come from markdown-it's tokens; Learn's ``:::image:::``, the blog's
``{{< image >}}`` shortcode and raw ``<img>``/``<a>`` tags are read from the prose lines; the
front matter's image list (the blog's thumbnail) from its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from markdown_it.token import Token

from editor.core.checks.document import Located, PostDocument
from editor.core.profiles.model import Profile
from editor.core.profiles.validation import key_lines

Kind = Literal["image", "link"]

ATTRIBUTE = re.compile(r"""([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
LEARN_IMAGE = re.compile(r":::image(?:-end)?\b(.*?):::", re.IGNORECASE)
SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w-]+)((?:(?!\{\{).)*?)\s*/?\s*[>%]\}\}")
_HTML_TAG = re.compile(r"<(img|a)\b([^>]*)>", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Reference:
    """One image or link target. ``alt`` is None where the syntax has no alternative text;
    ``where`` is the target's place in the source (or the line of its construct)."""

    kind: Kind
    target: str
    where: Located
    alt: str | None = None
    syntax: str = "markdown"  # markdown, learn-image, shortcode, html, front-matter

    @property
    def is_local(self) -> bool:
        """A path to a file beside the post (not a web address, not site-absolute)."""
        target = self.target.strip()
        return bool(target) and not (
            _SCHEME.match(target) or target.startswith(("/", "#", "\\\\", "//", "{{"))
        )


def attributes(text: str) -> dict[str, str]:
    """``name="value"`` pairs of a tag or extension, names as written."""
    return {
        m.group(1): next(g for g in m.groups()[1:] if g is not None)
        for m in ATTRIBUTE.finditer(text)
    }


def collect(doc: PostDocument, profile: Profile | None) -> list[Reference]:
    """The post's references in document order (front matter first)."""
    found = [*_front_matter_images(doc, profile), *_markdown(doc), *_in_prose(doc)]
    found.sort(key=lambda r: (r.where.line, r.where.start))
    return found


def _markdown(doc: PostDocument) -> Iterator[Reference]:
    after: dict[int, Located] = {}
    for block, child in doc.inline_tokens():
        if child.type == "image":
            target = str(child.attrs.get("src", ""))
            kind: Kind = "image"
            alt: str | None = child.content
        elif child.type == "link_open":
            target = str(child.attrs.get("href", ""))
            kind, alt = "link", None
        else:
            continue
        where = _locate(doc, block, target, after.get(id(block)))
        after[id(block)] = where
        yield Reference(kind, target, where, alt)


def _locate(doc: PostDocument, block: Token, target: str, after: Located | None) -> Located:
    for needle in (f"({target}", f"(<{target}", target, unquote(target), f"({unquote(target)}"):
        found = doc.find_in(block, needle, after)
        if found is not None:
            if needle.startswith("(<"):
                return Located(found.line, found.start + 2, found.end)
            if needle.startswith("("):
                return Located(found.line, found.start + 1, found.end)
            return found
    assert block.map is not None
    line = block.map[0] if after is None else after.line
    return Located(line, 0, len(doc.lines[line]))


def _value_span(line: str, match_start: int, name: str, text: str) -> tuple[int, int]:
    at = line.find(f"{name}=", match_start)
    if at < 0:
        return match_start, match_start
    quote = line[at + len(name) + 1 : at + len(name) + 2]
    start = at + len(name) + 1 + (1 if quote in "\"'" else 0)
    return start, start + len(text)


def _in_prose(doc: PostDocument) -> Iterator[Reference]:
    for number, line in doc.prose_lines():
        if ":::" in line:
            yield from _learn_images(number, line)
        if "{{" in line:
            yield from _shortcode_images(number, line)
        if "<" in line:
            yield from _html(number, line)


def _learn_images(number: int, line: str) -> Iterator[Reference]:
    for match in LEARN_IMAGE.finditer(line):
        attrs = {k.lower(): v for k, v in attributes(match.group(1)).items()}
        source = attrs.get("source")
        if source is None:
            continue
        start, end = _value_span(line, match.start(), "source", source)
        alt = attrs.get("alt-text", "") if attrs.get("type", "content") != "icon" else None
        yield Reference("image", source, Located(number, start, end), alt, "learn-image")
        lightbox = attrs.get("lightbox")
        if lightbox:
            start, end = _value_span(line, match.start(), "lightbox", lightbox)
            yield Reference("image", lightbox, Located(number, start, end), None, "learn-image")


def _shortcode_images(number: int, line: str) -> Iterator[Reference]:
    for match in SHORTCODE.finditer(line):
        if match.group(3) not in ("image", "figure") or match.group(2):
            continue
        attrs = attributes(match.group(4))
        source = attrs.get("src")
        if source is None:
            continue
        start, end = _value_span(line, match.start(), "src", source)
        alt = attrs.get("alt", "")
        yield Reference("image", source, Located(number, start, end), alt, "shortcode")


def _html(number: int, line: str) -> Iterator[Reference]:
    for match in _HTML_TAG.finditer(line):
        tag = match.group(1).lower()
        attrs = {k.lower(): v for k, v in attributes(match.group(2)).items()}
        name = "src" if tag == "img" else "href"
        value = attrs.get(name)
        if value is None:
            continue
        start, end = _value_span(line, match.start(), name, value)
        kind: Kind = "image" if tag == "img" else "link"
        alt = attrs.get("alt", "") if tag == "img" else None
        yield Reference(kind, value, Located(number, start, end), alt, "html")


def _front_matter_images(doc: PostDocument, profile: Profile | None) -> Iterator[Reference]:
    if profile is None or not doc.metadata:
        return
    lines = key_lines(doc.text)
    for spec in profile.fields:
        is_images = spec.type == "image" or getattr(spec, "item_type", None) == "image"
        if not is_images and not (spec.key == "images" and spec.type == "list"):
            continue
        value = doc.metadata.get(spec.key)
        items = value if isinstance(value, tuple) else (value,)
        key_line = lines.get(spec.key, 0)
        for item in items:
            if isinstance(item, str) and item.strip():
                yield Reference(
                    "image",
                    item.strip(),
                    _fm_place(doc, key_line, item.strip()),
                    None,
                    "front-matter",
                )


def _fm_place(doc: PostDocument, key_line: int, item: str) -> Located:
    for number in range(key_line, min(doc.body_start, len(doc.lines))):
        column = doc.lines[number].find(item)
        if column >= 0:
            return Located(number, column, column + len(item))
    return Located(key_line, 0, len(doc.lines[key_line]) if key_line < len(doc.lines) else 0)


def heading_ids(doc: PostDocument) -> set[str]:
    """The anchors the page will have: heading ids as Hugo and Markdig make them, explicit
    ``{#id}`` attributes, and ``<a id|name>`` anchors in raw HTML."""
    from editor.core.render.mdit.headings import anchor_id, unique_id  # noqa: PLC0415

    taken: set[str] = set()
    explicit = re.compile(r"\{\s*#([^\s}]+)[^}]*\}\s*$")
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        source = tokens[index + 1].content.rsplit("\n", 1)[-1].strip()
        found = explicit.search(source)
        if found:
            taken.add(found.group(1))
            continue
        unique_id(source, taken)
        plain = _plain_heading(source)
        taken.add(anchor_id(plain))  # Markdig reads the rendered text, not the source
    for _number, line in doc.prose_lines():
        for match in _HTML_TAG.finditer(line):
            attrs = {k.lower(): v for k, v in attributes(match.group(2)).items()}
            taken.update(v for k, v in attrs.items() if k in ("id", "name"))
    return taken


_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`~]|<[^>]+>")


def _plain_heading(source: str) -> str:
    return _MARKUP.sub(lambda m: m.group(1) or "", source)


def web_links(doc: PostDocument, profile: Profile | None) -> list[tuple[str, int]]:
    """The post's ``http(s)`` links and pictures with the 0-based line of their first use."""
    first: dict[str, int] = {}
    for reference in collect(doc, profile):
        target = reference.target.strip()
        if target.lower().startswith(("http://", "https://")):
            first.setdefault(target, reference.where.line)
    for line, text in doc.prose_lines():  # bare addresses: the sites turn them into links too
        for found in _BARE_ADDRESS.finditer(text):
            first.setdefault(found.group().rstrip(".,;:!?'\""), line)
    return sorted(first.items(), key=lambda item: item[1])


#: An address written out in the text (``<…>``, ``(…)`` and ``[…]`` enclose, not belong).
_BARE_ADDRESS = re.compile(r"(?<![(<\[\w/])https?://[^\s<>()\[\]\"']+")
