"""A post: its text as the editor holds it, and how to write it back byte for byte."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from editor.core.front_matter import (
    FrontMatterSplit,
    Metadata,
    ParsedFrontMatter,
    read_front_matter,
    remove_field,
    set_field,
    split_front_matter,
)
from editor.core.i18n import Message
from editor.core.text_format import TextFormat, decode_document, encode_document, normalize_newlines


@dataclass(frozen=True)
class Post:
    """An immutable snapshot of one post.

    ``text`` always uses ``"\\n"`` line endings; ``format`` remembers the byte order mark and
    the line endings of the file, so ``Post.from_bytes(data).to_bytes() == data``. The
    properties below are computed on first use and cached.
    """

    text: str
    format: TextFormat = field(default_factory=TextFormat)

    @classmethod
    def from_bytes(cls, data: bytes) -> Post:
        """Decode a file's bytes; raises :class:`~editor.core.text_format.DecodeError`."""
        decoded = decode_document(data)
        return cls(decoded.text, decoded.format)

    def to_bytes(self) -> bytes:
        """The bytes to store: the same as the file's when the text is unchanged."""
        return encode_document(self.text, self.format)

    def with_text(self, new_text: str) -> Post:
        """The same post with new text (any ``"\\r\\n"`` or ``"\\r"`` becomes ``"\\n"``)."""
        if "\r" in new_text:
            new_text = normalize_newlines(new_text)
        return replace(self, text=new_text)

    def with_field(self, key: str, value: object) -> Post:
        """The post with one front matter field set; only that field's lines change.

        Raises :class:`~editor.core.front_matter.FrontMatterEditError` when the front matter
        cannot be changed safely (it is not valid YAML, for one).
        """
        return self.with_text(set_field(self.text, key, value))

    def without_field(self, key: str) -> Post:
        """The post with one front matter field removed (same errors as :meth:`with_field`)."""
        return self.with_text(remove_field(self.text, key))

    @cached_property
    def front_matter(self) -> FrontMatterSplit:
        """The text cut into front matter and body."""
        return split_front_matter(self.text)

    @cached_property
    def _parsed(self) -> ParsedFrontMatter:
        return read_front_matter(self.text)

    @property
    def metadata(self) -> Metadata | None:
        """The front matter fields, or None when there are none or they cannot be read."""
        return self._parsed.data

    @property
    def body(self) -> str:
        """The text after the front matter."""
        return self.front_matter.body

    @property
    def body_start_line(self) -> int:
        """0-based line of ``text`` where the body starts."""
        return self.front_matter.body_start_line

    @property
    def problem(self) -> Message | None:
        """A plain-language problem with the front matter, or None."""
        return self._parsed.problem

    @property
    def problem_line(self) -> int | None:
        """0-based line of ``text`` that :attr:`problem` is about, when known."""
        return self._parsed.problem_line
