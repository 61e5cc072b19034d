"""The Post snapshot: derived views, edits, and byte-identical saving."""

from __future__ import annotations

import dataclasses

import pytest

from editor.core.post import Post
from editor.core.text_format import CRLF, DecodeError, TextFormat

CRLF_POST = (
    b"---\r\ntitle: 'Hello'\r\ntags: [a]\r\n---\r\n# Heading\r\n\r\nText without final newline"
)


def test_from_bytes_normalises_and_to_bytes_restores() -> None:
    post = Post.from_bytes(CRLF_POST)
    assert post.text.startswith("---\ntitle: 'Hello'\n")
    assert post.format == TextFormat(bom=False, newline=CRLF)
    assert post.to_bytes() == CRLF_POST


def test_derived_views() -> None:
    post = Post.from_bytes(CRLF_POST)
    assert post.front_matter.raw == "title: 'Hello'\ntags: [a]\n"
    assert post.metadata == {"title": "Hello", "tags": ("a",)}
    assert post.body == "# Heading\n\nText without final newline"
    assert post.body_start_line == 4
    assert post.problem is None
    assert post.problem_line is None


def test_problem_and_line_for_malformed_front_matter() -> None:
    post = Post("---\ntitle: x\ndate: [2024\n---\nBody\n")
    assert post.metadata is None
    assert post.problem is not None
    assert post.problem_line == 2  # the line where the [ opened
    assert "not closed with ]" in post.problem.english()


def test_post_without_front_matter() -> None:
    post = Post("Just text\n")
    assert post.metadata is None
    assert post.problem is None
    assert post.body == "Just text\n"


def test_post_is_immutable() -> None:
    post = Post("x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        post.text = "y"  # type: ignore[misc]


def test_with_text_keeps_format_and_normalises_newlines() -> None:
    post = Post.from_bytes(CRLF_POST)
    edited = post.with_text("a\r\nb\rc\n")
    assert edited.text == "a\nb\nc\n"
    assert edited.format == post.format
    assert edited.to_bytes() == b"a\r\nb\r\nc\r\n"
    assert post.text != edited.text


def test_with_field_changes_one_line_and_keeps_crlf() -> None:
    post = Post.from_bytes(CRLF_POST).with_field("title", "Bonjour")
    assert post.to_bytes() == CRLF_POST.replace(b"'Hello'", b"'Bonjour'")
    assert post.metadata is not None
    assert post.metadata["title"] == "Bonjour"


def test_with_field_adds_front_matter_to_a_plain_document() -> None:
    post = Post.from_bytes(b"\xef\xbb\xbfBody\r\n").with_field("title", "New")
    assert post.to_bytes() == b"\xef\xbb\xbf---\r\ntitle: New\r\n---\r\nBody\r\n"


def test_without_field() -> None:
    post = Post.from_bytes(CRLF_POST).without_field("tags")
    assert post.to_bytes() == CRLF_POST.replace(b"tags: [a]\r\n", b"")


def test_mixed_line_endings_survive_a_front_matter_edit() -> None:
    data = b"---\ntitle: x\r\n---\nBody\r\nMore\n"
    post = Post.from_bytes(data)
    assert post.format.mixed
    assert post.to_bytes() == data
    assert post.with_field("title", "y").to_bytes() == data.replace(b"title: x", b"title: y")


def test_empty_post() -> None:
    post = Post.from_bytes(b"")
    assert post.text == ""
    assert post.to_bytes() == b""
    assert post == Post("")


def test_from_bytes_refuses_non_utf8() -> None:
    with pytest.raises(DecodeError):
        Post.from_bytes(b"caf\xe9")
