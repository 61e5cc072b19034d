"""Every real post in ../shared/corpus renders, with block lines in order and in the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.front_matter import split_front_matter
from editor.core.render import RenderOptions, RenderResult, render_document


def corpus_posts(shared_dir: Path) -> list[Path]:
    posts = sorted(path for path in (shared_dir / "corpus").rglob("*.md") if path.is_file())
    assert len(posts) >= 80
    return posts


def line_count(text: str) -> int:
    """Lines as an editor counts them: a final line without a newline still counts."""
    return len(text.splitlines()) or 1


def assert_lines_are_sane(result: RenderResult, text: str) -> None:
    previous_end = 0
    for block in result.blocks:
        assert previous_end <= block.start_line <= block.end_line <= line_count(text)
        previous_end = block.end_line


@pytest.mark.parametrize("allow_remote", [False, True])
def test_every_corpus_post_renders(shared_dir: Path, allow_remote: bool) -> None:
    for path in corpus_posts(shared_dir):
        text = path.read_text(encoding="utf-8-sig")
        result = render_document(text, RenderOptions(allow_remote=allow_remote))
        assert bool(result.blocks) == bool(split_front_matter(text).body.strip()), path
        assert_lines_are_sane(result, text)
        by_key = {block.key: block.html for block in result.blocks}
        assert all(by_key[block.key] == block.html for block in result.blocks), path


def test_corpus_renders_the_same_twice(shared_dir: Path) -> None:
    for path in corpus_posts(shared_dir)[:10]:
        text = path.read_text(encoding="utf-8-sig")
        assert render_document(text) == render_document(text)


def test_corpus_front_matter_starts_the_body_after_the_fence(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "pnp-blog" / "how-to-contribute-to-this-blog" / "index.md"
    text = path.read_text(encoding="utf-8")
    result = render_document(text)
    closing = text.splitlines().index("---", 1)
    assert result.blocks[0].start_line > closing
    assert result.front_matter_problem is None
