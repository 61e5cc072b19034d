"""Rich text from the clipboard (Word, a web page, Teams, Outlook) turned into clean Markdown.

Only structure survives: headings, paragraphs, line breaks, bold, italic, strikethrough, inline
code and code blocks, links, lists (nested, ordered or not, task boxes), quotes, tables, rules
and images. Styles, classes, fonts, Office's conditional comments and scripts are dropped. Word
marks bold and italic with inline styles rather than tags, so ``font-weight`` and
``font-style`` are read too. Text is escaped where it would otherwise turn into Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import ClassVar

_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "aside", "figure", "li"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr"}
    | {"dl", "dt", "dd", "figcaption", "tr", "body", "html"}
)
_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "xml", "svg"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "wbr", "source"})
_ESCAPE = re.compile(r"([\\`*_\[\]<>]|~~)")
_LINE_START_ESCAPE = re.compile(r"^(\s*)(#{1,6}\s|[-+*]\s|\d+[.)]\s|>|=+\s*$|-+\s*$)")


@dataclass
class _Frame:
    """An element being converted: its tag and what it has collected so far."""

    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)
    #: Inline marks this element itself opened (from its tag or its style), closed at its end.
    marks: tuple[str, ...] = ()


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _style_marks(tag: str, attrs: dict[str, str]) -> tuple[str, ...]:
    marks: list[str] = []
    style = attrs.get("style", "").replace(" ", "").lower()
    if tag in {"strong", "b"} or re.search(r"font-weight:(bold|[6-9]00)", style):
        marks.append("**")
    if tag in {"em", "i", "cite"} or "font-style:italic" in style:
        marks.append("_")
    if tag in {"s", "del", "strike"} or "line-through" in style:
        marks.append("~~")
    return tuple(marks)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Frame] = [_Frame("root", {})]
        self.skipping = 0
        self.pre = 0
        self.lists: list[list[int | None]] = []  # per open list: [next number or None]

    # --- parsing -------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if ":" in tag:  # Office's <o:p>, <v:shape>, ...: drop the tag, keep any text
            return
        if tag in _SKIPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        values = {name.lower(): value or "" for name, value in attrs}
        if tag in _VOID:
            self._void(tag, values)
            return
        if tag == "pre":
            self.pre += 1
        if tag in {"ul", "ol"}:
            start = values.get("start", "1")
            self.lists.append([int(start) if tag == "ol" and start.isdigit() else None])
        if tag == "code" and self.pre:  # <pre><code class="language-x">: the fence's language
            pre = next(frame for frame in reversed(self.stack) if frame.tag == "pre")
            pre.attrs.setdefault("data-lang", values.get("class", ""))
        self.stack.append(_Frame(tag, values, marks=_style_marks(tag, values)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if ":" in tag:
            return
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag in _VOID:
            return
        if not any(frame.tag == tag for frame in self.stack[1:]):
            return  # a stray closing tag
        while self.stack[-1].tag != tag:
            self._close()
        self._close()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre:
            self.stack[-1].parts.append(data)
            return
        text = re.sub(r"\s+", " ", data.replace("\u00a0", " "))
        if not text:
            return
        in_code = any(frame.tag == "code" for frame in self.stack)
        self.stack[-1].parts.append(text if in_code else _escape(text))

    def handle_comment(self, data: str) -> None:  # Office's <!--[if ...]> blocks, notes
        del data

    # --- building ------------------------------------------------------------------------

    def _void(self, tag: str, attrs: dict[str, str]) -> None:
        parts = self.stack[-1].parts
        if tag == "br":
            parts.append("\n" if self.pre else "  \n")
        elif tag == "hr":
            parts.append("\n\n---\n\n")
        elif tag == "img":
            source = attrs.get("src", "")
            alt = _escape(re.sub(r"\s+", " ", attrs.get("alt", "")).strip())
            if source.startswith(("http://", "https://")) or (
                source and not source.startswith(("data:", "file:", "blob:", "cid:"))
            ):
                parts.append(f"![{alt}]({_destination(source)})")
            else:
                parts.append(f"![{alt or 'picture'}]()")  # pasted picture: add it as a file
        elif tag == "input" and attrs.get("type", "").lower() == "checkbox":
            parts.append("[x] " if "checked" in attrs else "[ ] ")

    def _close(self) -> None:
        frame = self.stack.pop()
        content = "".join(frame.parts)
        convert = self._CONVERTERS.get(frame.tag, _Converter._other)
        self.stack[-1].parts.append(convert(self, frame, content))

    def _pre(self, frame: _Frame, content: str) -> str:
        self.pre -= 1
        code = content.strip("\n")
        fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", code)), default=0))
        return f"\n\n{fence}{_language(frame)}\n{code}\n{fence}\n\n"

    def _list(self, _frame: _Frame, content: str) -> str:
        self.lists.pop()
        if self.lists:  # a nested list: its lines go under the item's first line
            return "\n" + content.strip("\n") + "\n"
        return f"\n\n{content.strip(chr(10))}\n\n"

    def _item(self, _frame: _Frame, content: str) -> str:
        return self._list_item(content)

    def _heading(self, frame: _Frame, content: str) -> str:
        text = _one_line(content)
        return f"\n\n{'#' * int(frame.tag[1])} {text}\n\n" if text else ""

    def _quote(self, _frame: _Frame, content: str) -> str:
        body = _blocks(content)
        quoted = "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
        return f"\n\n{quoted}\n\n"

    def _table(self, frame: _Frame, _content: str) -> str:
        return f"\n\n{_table_text(frame)}\n\n"

    def _table_part(self, frame: _Frame, content: str) -> str:
        return _cell_marker(frame.tag, content)

    def _anchor(self, frame: _Frame, content: str) -> str:
        return _link(content, frame.attrs.get("href", ""))

    def _code(self, _frame: _Frame, content: str) -> str:
        return content if self.pre else _code_span(content)

    def _other(self, frame: _Frame, content: str) -> str:
        if frame.marks and content.strip():
            return _marked(content, frame.marks)
        return f"\n\n{content}\n\n" if frame.tag in _BLOCKS else content

    _CONVERTERS: ClassVar[dict[str, Callable[[_Converter, _Frame, str], str]]] = {
        "pre": _pre,
        "ul": _list,
        "ol": _list,
        "li": _item,
        **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), _heading),
        "blockquote": _quote,
        "table": _table,
        **dict.fromkeys(("tr", "td", "th", "thead", "tbody", "tfoot", "caption"), _table_part),
        "a": _anchor,
        "code": _code,
    }

    def _list_item(self, content: str) -> str:
        numbers = self.lists[-1] if self.lists else [None]
        if numbers[0] is None:
            marker = "- "
        else:
            marker = f"{numbers[0]}. "
            numbers[0] += 1
        body = _blocks(content)
        indent = " " * len(marker)
        lines = body.split("\n")
        rest = [f"{indent}{line}" if line else "" for line in lines[1:]]
        return "\n".join([marker + lines[0], *rest]) + "\n"

    def markdown(self) -> str:
        while len(self.stack) > 1:
            self._close()
        return _blocks("".join(self.stack[0].parts))


def _language(frame: _Frame) -> str:
    classes = frame.attrs.get("class", "") + " " + frame.attrs.get("data-lang", "")
    found = re.search(r"(?:language|lang|highlight-source)-([A-Za-z0-9_+#-]+)", classes)
    return found.group(1) if found else ""


def _destination(url: str) -> str:
    url = url.strip()
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _link(content: str, href: str) -> str:
    text = _one_line(content)
    if not href or href.startswith("javascript:"):
        return text
    if not text:
        return f"<{href}>" if href.startswith(("http://", "https://")) else ""
    return f"[{text}]({_destination(href)})"


def _code_span(content: str) -> str:
    text = content.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}" if text.strip() else text


def _marked(content: str, marks: tuple[str, ...]) -> str:
    """``content`` wrapped in ``marks``; spaces at its edges stay outside (``** x**`` fails)."""
    core = content.strip()
    lead = content[: len(content) - len(content.lstrip())]
    trail = content[len(content.rstrip()) :]
    opening = "".join(marks)
    closing = "".join(reversed(marks))
    return f"{lead}{opening}{core}{closing}{trail}"


def _one_line(content: str) -> str:
    return re.sub(r"\s*\n\s*", " ", content).strip()


def _blocks(content: str) -> str:
    """Tidy block text: at most one blank line, no trailing spaces except hard breaks, and
    lines that would start a Markdown block escaped."""
    lines: list[str] = []
    fence: str | None = None
    for line in content.split("\n"):
        stripped = line.strip()
        opener = re.match(r"^(`{3,})", stripped)
        if fence is not None:
            lines.append(line)
            if stripped == fence:
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            lines.append(stripped)
            continue
        keep_break = line.endswith("  ") and stripped
        # one leading space is left over from the HTML's own spacing; more is list indentation
        body = line[1:] if re.match(r" \S", line) else line
        lines.append(body.rstrip(" ") + ("  " if keep_break else ""))
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


_CELL = "\x00cell\x00"
_ROW = "\x00row\x00"
_HEAD = "\x00head\x00"


def _cell_marker(tag: str, content: str) -> str:
    if tag in {"td", "th"}:
        text = _one_line(content).replace("|", "\\|")
        return f"{_CELL}{'h' if tag == 'th' else 'd'}{text}"
    if tag == "tr":
        return f"{_ROW}{content}"
    if tag == "thead":
        return f"{_HEAD}{content}"
    return content


def _table_text(frame: _Frame) -> str:
    rows: list[tuple[bool, list[str]]] = []
    for raw_row in "".join(frame.parts).split(_ROW)[1:]:
        cells = raw_row.split(_CELL)[1:]
        header = bool(cells) and all(cell.startswith("h") for cell in cells)
        rows.append((header, [cell[1:].replace(_HEAD, "").strip() for cell in cells]))
    if not rows:
        return ""
    width = max(len(cells) for _header, cells in rows)
    header_row = rows[0][1]
    body = [cells for _header, cells in rows[1:]]
    header_row = [*header_row, *([""] * (width - len(header_row)))]
    lines = ["| " + " | ".join(header_row) + " |", "| " + " | ".join(["---"] * width) + " |"]
    lines += ["| " + " | ".join([*cells, *([""] * (width - len(cells)))]) + " |" for cells in body]
    return "\n".join(lines)


def html_to_markdown(html: str) -> str:
    """The Markdown for clipboard ``html`` (a fragment or a whole page)."""
    fragment = re.search(r"<!--StartFragment-->(.*)<!--EndFragment-->", html, re.DOTALL)
    converter = _Converter()
    converter.feed(fragment.group(1) if fragment else html)
    converter.close()
    return converter.markdown()
