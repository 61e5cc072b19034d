"""A post read once for all the rules: its lines, front matter, Markdown tokens and code.

Markdown structure comes from markdown-it-py (CommonMark plus tables), whose token maps give
the lines; the line-based rules (shortcodes, Learn extensions) skip the lines inside code
blocks and the inline code spans, where such text is only shown, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token

from editor.core.front_matter import Metadata, read_front_matter, split_front_matter
from editor.core.i18n import Message

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True, slots=True)
class Located:
    """A piece of inline Markdown found in the source: its line and columns."""

    line: int
    start: int
    end: int


@dataclass
class PostDocument:
    """Everything the rules read, computed once per check run.

    ``path`` is the post's file path (only its last parts matter: the file name and its
    folder's name), or None for an unsaved post.
    """

    text: str
    path: PurePosixPath | None = None
    line_starts: list[int] = field(init=False)
    lines: list[str] = field(init=False)
    body_start: int = field(init=False)
    metadata: Metadata | None = field(init=False)
    front_matter_problem: Message | None = field(init=False)
    front_matter_problem_line: int | None = field(init=False)
    tokens: list[Token] = field(init=False)

    def __post_init__(self) -> None:
        self.lines, self.line_starts = _split_lines(self.text)
        split = split_front_matter(self.text)
        self.body_start = split.body_start_line
        parsed = read_front_matter(self.text)
        self.metadata = parsed.data
        self.front_matter_problem = parsed.problem
        self.front_matter_problem_line = parsed.problem_line
        self.tokens = _parser().parse(split.body)
        for token in self._all_tokens():
            if token.map is not None:
                token.map = [token.map[0] + self.body_start, token.map[1] + self.body_start]

    # -- places -------------------------------------------------------------------------------

    def offset(self, line: int, column: int = 0) -> int:
        """The document offset of ``column`` on 0-based ``line``."""
        return self.line_starts[line] + column

    def _all_tokens(self) -> Iterator[Token]:
        for token in self.tokens:
            yield token
            yield from token.children or ()

    def inline_tokens(self) -> Iterator[tuple[Token, Token]]:
        """Each inline token with each of its children, in document order."""
        for token in self.tokens:
            if token.type == "inline" and token.map is not None:
                for child in token.children or ():
                    yield token, child

    def find_in(self, block: Token, needle: str, after: Located | None = None) -> Located | None:
        """Where ``needle`` first appears in the lines of ``block`` (after ``after``)."""
        if block.map is None or not needle:
            return None
        first, last = block.map
        for line in range(first, min(last, len(self.lines))):
            column = 0
            if after is not None:
                if line < after.line:
                    continue
                if line == after.line:
                    column = after.end
            found = self.lines[line].find(needle, column)
            if found >= 0:
                return Located(line, found, found + len(needle))
        return None

    @property
    def newline(self) -> str:
        """The line ending the document uses (its first one; ``\n`` when it has none)."""
        found = _LINE_BREAK.search(self.text)
        return found.group(0) if found else "\n"

    # -- code ---------------------------------------------------------------------------------

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside code blocks (fences included) and block HTML comments: what is there is
        shown (or hidden), never run."""
        lines: set[int] = set()
        for token in self.tokens:
            if token.map is None:
                continue
            if token.type in ("fence", "code_block") or (
                token.type == "html_block" and token.content.lstrip().startswith("<!--")
            ):
                lines.update(range(*token.map))
        return frozenset(lines)

    def prose_lines(self) -> Iterator[tuple[int, str]]:
        """Body lines outside code blocks, with inline code spans blanked out (same length)."""
        for index, _raw, prose in self.all_body_lines():
            if index not in self.code_lines:
                yield index, prose

    def all_body_lines(self) -> Iterator[tuple[int, str, str]]:
        """Every body line as written, and as prose: blank inside code blocks and comments,
        inline code spans blanked out (same length, so columns match)."""
        for index in range(self.body_start, len(self.lines)):
            line = self.lines[index]
            if index in self.code_lines:
                yield index, line, " " * len(line)
                continue
            prose = line
            if "`" in prose:
                prose = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), prose)
            if "<!--" in prose:
                prose = _COMMENT.sub(lambda m: " " * len(m.group(0)), prose)
            yield index, line, prose

    # -- the post's names -----------------------------------------------------------------------

    @property
    def file_stem(self) -> str | None:
        """The post's file name without ``.md`` (Learn's article name)."""
        return self.path.stem if self.path is not None else None

    @property
    def folder_name(self) -> str | None:
        """The name of the post's folder (the blog's page bundle)."""
        if self.path is None or len(self.path.parts) < 2:
            return None
        return self.path.parent.name


def _split_lines(text: str) -> tuple[list[str], list[int]]:
    lines: list[str] = []
    starts: list[int] = []
    position = 0
    for found in _LINE_BREAK.finditer(text):
        starts.append(position)
        lines.append(text[position : found.start()])
        position = found.end()
    starts.append(position)
    lines.append(text[position:])
    return lines, starts
