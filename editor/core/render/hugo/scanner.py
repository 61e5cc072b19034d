"""Finding Hugo shortcode calls in a post's Markdown, the way Hugo's page lexer reads them.

A call is ``{{< name args >}}`` (its output is HTML that Markdown leaves alone) or
``{{% name args %}}`` (its output is Markdown); ``{{< /name >}}`` closes a paired call and
``{{< name args />}}`` closes itself. Arguments are positional or ``key=value``; a value is a
bare word, a ``"quoted string"`` (``\\"`` escapes) or a ```raw string```; a tag may span
lines (not a blank one). ``{{</* … */>}}`` is a commented-out call, which Hugo prints
literally without the comment markers.

Unlike Hugo, which runs shortcodes everywhere, nothing inside a code block or a code span is
a call here: a post that shows Hugo syntax in code means it as text. Code is found with the
same Markdown parser the preview uses, so "code" means what the preview shows as code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: One call: delimiter, optional comment marker, optional closing slash, name, the rest.
_CALL = re.compile(
    r"""\{\{(?:<|(?P<percent>%))[ \t]*
        (?P<comment>/\*)?[ \t]*
        (?P<close>/)?[ \t]*
        (?P<name>[A-Za-z0-9_][\w./-]*)?
        (?P<args>(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`|[^"`%>\n]|\n(?![ \t]*\n)|%(?!\}\})|>(?!\}\}))*?)
        [ \t]*(?P<self>/)?[ \t]*(?(comment)\*/[ \t]*)
        (?(percent)%|>)\}\}""",
    re.VERBOSE,
)
_ARGUMENT = re.compile(
    r"""(?:(?P<key>[\w-]+)[ \t]*=[ \t]*)?
        (?:"(?P<quoted>(?:[^"\\]|\\.)*)"|`(?P<raw>[^`]*)`|(?P<bare>[^\s"`=]+))""",
    re.VERBOSE,
)
_BACKTICKS = re.compile(r"`+")
_LINE_END = re.compile(r"\r\n|\r|\n")
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class ShortcodeTag:
    """One ``{{< … >}}`` or ``{{% … %}}`` tag as written, with its place in the text."""

    start: int
    end: int
    name: str
    markdown: bool  # written with ``%``: the output is Markdown
    closing: bool
    self_closing: bool
    comment: bool
    positional: tuple[str, ...]
    named: tuple[tuple[str, str], ...]
    source: str


@dataclass(frozen=True, slots=True)
class ShortcodeCall:
    """A call: one tag, or an opening tag with its inner text and closing tag.

    ``start``/``end`` cover the whole call in the text; ``inner`` is the text between the tags
    of a paired call (``None`` when the call has no closing tag). A stray closing tag is a call
    with ``opening.closing`` true.
    """

    opening: ShortcodeTag
    start: int
    end: int
    inner: str | None = None
    children: tuple[ShortcodeCall, ...] = field(default=())

    @property
    def name(self) -> str:
        """The shortcode's name."""
        return self.opening.name

    def get(self, key: str | int, default: str = "") -> str:
        """A named argument, or a positional one by index (Hugo's ``.Get``)."""
        if isinstance(key, int):
            positional = self.opening.positional
            return positional[key] if 0 <= key < len(positional) else default
        return dict(self.opening.named).get(key, default)


def parse_arguments(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Positional and named arguments of a tag's argument text."""
    positional: list[str] = []
    named: list[tuple[str, str]] = []
    for match in _ARGUMENT.finditer(text):
        if match.group("quoted") is not None:
            value = _ESCAPE.sub(r"\1", match.group("quoted"))
        elif match.group("raw") is not None:
            value = match.group("raw")
        else:
            value = match.group("bare")
        if match.group("key"):
            named.append((match.group("key"), value))
        else:
            positional.append(value)
    return tuple(positional), tuple(named)


def find_tags(text: str, code_spans: Sequence[tuple[int, int]] = ()) -> list[ShortcodeTag]:
    """Every shortcode tag of ``text`` outside the ``code_spans`` (sorted offset ranges)."""
    if "{{<" not in text and "{{%" not in text:
        return []
    starts = [start for start, _ in code_spans]
    tags: list[ShortcodeTag] = []
    for match in _CALL.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and code_spans[index][1] > match.start():
            continue
        if not match.group("name") and not match.group("comment"):
            continue
        positional, named = parse_arguments(match.group("args") or "")
        tags.append(
            ShortcodeTag(
                start=match.start(),
                end=match.end(),
                name=match.group("name") or "",
                markdown=match.group("percent") is not None,
                closing=bool(match.group("close")),
                self_closing=bool(match.group("self")),
                comment=bool(match.group("comment")),
                positional=positional,
                named=named,
                source=match.group(0),
            )
        )
    return tags


def pair_tags(text: str, tags: Sequence[ShortcodeTag]) -> list[ShortcodeCall]:
    """Top-level calls: each opening tag paired with its closing tag when it has one."""
    calls, _ = _pair(text, list(tags), 0, None)
    return calls


def _pair(
    text: str, tags: list[ShortcodeTag], index: int, until: str | None
) -> tuple[list[ShortcodeCall], int]:
    """Calls from ``tags[index:]`` up to the closing tag of ``until``; returns the next index."""
    calls: list[ShortcodeCall] = []
    while index < len(tags):
        tag = tags[index]
        if tag.comment:
            calls.append(ShortcodeCall(tag, tag.start, tag.end))
            index += 1
        elif tag.closing:
            if until is not None and tag.name == until:
                return calls, index
            calls.append(ShortcodeCall(tag, tag.start, tag.end))
            index += 1
        elif tag.self_closing or not _has_closing(tags, index):
            calls.append(ShortcodeCall(tag, tag.start, tag.end))
            index += 1
        else:
            children, close_index = _pair(text, tags, index + 1, tag.name)
            closing = tags[close_index]
            inner = text[tag.end : closing.start]
            calls.append(ShortcodeCall(tag, tag.start, closing.end, inner, tuple(children)))
            index = close_index + 1
    return calls, index


def _has_closing(tags: Sequence[ShortcodeTag], index: int) -> bool:
    """True when a closing tag for ``tags[index]`` follows (same-name nesting counted)."""
    name, depth = tags[index].name, 0
    for tag in tags[index + 1 :]:
        if tag.comment or tag.name != name:
            continue
        if tag.closing:
            if depth == 0:
                return True
            depth -= 1
        elif not tag.self_closing:
            depth += 1
    return False


def code_spans(md: MarkdownIt, text: str) -> list[tuple[int, int]]:
    """Offset ranges of ``text`` that the Markdown parser shows as code (blocks and spans).

    Only the block level is parsed (code blocks need nothing more); code spans are found
    with the backtick rule directly.
    """
    line_starts = _line_starts(text)
    tokens: list[Token] = []
    md.block.parse(_LINE_END.sub("\n", text), md, {}, tokens)
    spans: list[tuple[int, int]] = []
    code_lines: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            first, last = token.map
            code_lines.update(range(first, last))
            spans.append((line_starts[first], line_starts[min(last, len(line_starts) - 1)]))
    spans.extend(_inline_code_spans(text, line_starts, code_lines))
    return sorted(spans)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in _LINE_END.finditer(text))
    starts.append(len(text))
    return starts


def _inline_code_spans(
    text: str, line_starts: Sequence[int], code_lines: set[int]
) -> list[tuple[int, int]]:
    """Backtick code spans outside code blocks: a run of N backticks to the next run of N.

    A span does not cross a blank line (that ends the paragraph) or a code block.
    """
    spans: list[tuple[int, int]] = []
    runs = [
        match
        for match in _BACKTICKS.finditer(text)
        if bisect_right(line_starts, match.start()) - 1 not in code_lines
        and not _escaped(text, match.start())
    ]
    index = 0
    while index < len(runs):
        opening = runs[index]
        width = len(opening.group(0))
        for later in range(index + 1, len(runs)):
            candidate = runs[later]
            between = text[opening.end() : candidate.start()]
            if re.search(r"\n[ \t]*\n", between):
                break
            if len(candidate.group(0)) == width:
                spans.append((opening.start(), candidate.end()))
                index = later
                break
        index += 1
    return spans


def _escaped(text: str, offset: int) -> bool:
    backslashes = 0
    while offset - backslashes - 1 >= 0 and text[offset - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
