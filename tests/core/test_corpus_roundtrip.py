"""Every real post and article in ../shared/corpus survives loading, saving and field edits.

* An untouched load -> save is byte-identical for every ``.md`` and ``.yml`` file.
* Setting a front matter field changes exactly the lines of that field (checked with difflib,
  on the saved bytes, so line endings of the other lines are checked too).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import pytest

from editor.core.front_matter import FrontMatterEditError
from editor.core.post import Post

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
MISSING = "corpus-missing"


def corpus_files() -> list[str]:
    """Corpus files relative to the corpus folder (a placeholder when the corpus is absent)."""
    if not CORPUS.is_dir():
        return [MISSING]
    files = (p for p in CORPUS.rglob("*") if p.suffix in (".md", ".yml") and p.is_file())
    return sorted(p.relative_to(CORPUS).as_posix() for p in files)


FILES = corpus_files()


def read(shared_dir: Path, relative: str) -> bytes:
    """The bytes of a corpus file (skips, or fails under CI, when ../shared is absent)."""
    assert relative != MISSING, f"{shared_dir / 'corpus'} has no corpus files"
    return (shared_dir / "corpus" / relative).read_bytes()


@pytest.mark.parametrize("relative", FILES)
def test_untouched_load_save_is_byte_identical(shared_dir: Path, relative: str) -> None:
    data = read(shared_dir, relative)
    post = Post.from_bytes(data)
    assert post.to_bytes() == data
    assert post.with_text(post.text).to_bytes() == data


def test_corpus_holds_the_tricky_files(shared_dir: Path) -> None:
    """The round trip above really meets CRLF and missing final newlines."""
    contents = [read(shared_dir, relative) for relative in FILES]
    assert len(contents) >= 80
    assert sum(b"\r\n" in data for data in contents) >= 3
    assert sum(not data.endswith(b"\n") for data in contents) >= 5


@pytest.mark.parametrize("relative", FILES)
def test_front_matter_reads_or_reports_a_line(shared_dir: Path, relative: str) -> None:
    post = Post.from_bytes(read(shared_dir, relative))
    if post.front_matter.raw is None:
        assert post.metadata is None
    elif post.problem is None:
        assert post.metadata is not None
    else:
        assert post.problem_line is not None
        assert 0 < post.problem_line < post.body_start_line


def test_go_template_archetype_is_reported_at_its_line(shared_dir: Path) -> None:
    post = Post.from_bytes(read(shared_dir, "pnp-blog/_templates/archetypes__default.md"))
    assert post.problem_line == 1
    assert post.problem is not None
    assert post.problem.english().startswith("Line 2 (in the front matter) is not valid YAML")


# --- Editing real front matter ---------------------------------------------------------------

EDITS: list[tuple[str, object]] = [
    ("title", 'Édition "spéciale": a new title'),
    ("tags", ["Alpha", "Beta gamma", "C#"]),
    ("images", ["images/new-thumbnail.png"]),
    ("date", dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
    ("ms.topic", "how-to"),
    ("draft", True),
    ("postwright_new_field", "added"),
]
POSTS = [
    relative
    for relative in FILES
    if relative.endswith(".md") and "MANIFEST" not in relative and "/includes/" not in relative
]
EDITABLE = [
    pytest.param(relative, key, value, id=f"{relative}-{key}")
    for relative in POSTS
    for key, value in EDITS
]


def split_lines(data: bytes) -> list[bytes]:
    """Lines with their endings, split on LF, CRLF and CR."""
    return re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data)


def key_span(text: str, key: str) -> tuple[int, int]:
    """0-based [start, end) lines of ``key`` in the front matter, found independently of the
    editor: the key line plus indented or ``-`` continuation lines, minus trailing comment and
    blank lines. (len, len) at the closing fence when the key is missing."""
    lines = text.split("\n")
    close = lines.index("---", 1)
    starts = [i for i in range(1, close) if re.match(re.escape(key) + r"\s*:", lines[i])]
    if not starts:
        return close, close
    end = starts[0] + 1
    while end < close and lines[end].startswith((" ", "\t", "-")):
        end += 1
    while end - 1 > starts[0] and (
        not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"
    ):
        end -= 1
    return starts[0], end


@pytest.mark.parametrize(("relative", "key", "value"), EDITABLE)
def test_set_field_changes_exactly_the_lines_of_that_key(
    shared_dir: Path, relative: str, key: str, value: object
) -> None:
    data = read(shared_dir, relative)
    post = Post.from_bytes(data)
    if post.problem is not None:
        with pytest.raises(FrontMatterEditError):
            post.with_field(key, value)
        return
    edited = post.with_field(key, value)
    changes = _changes(split_lines(data), split_lines(edited.to_bytes()))
    if post.front_matter.raw is None:
        assert changes == [("insert", 0, 0, 0, 3)]
        return
    expected = tuple(value) if isinstance(value, list) else value
    assert post.metadata is not None
    if key in post.metadata and post.metadata[key] == expected:
        assert changes == []
        return
    start, end = key_span(post.text, key)
    assert len(changes) == 1, changes
    tag, i1, i2, j1, j2 = changes[0]
    if isinstance(value, list) and _is_block_list(post.text, start, end):
        # a block list keeps its "key:" line; only the item lines are rewritten
        assert (tag, i1, i2, j2 - j1) == ("replace", start + 1, end, len(value)), changes
    else:
        assert (i1, i2, j2 - j1) == (start, end, 1), changes
        assert tag == ("insert" if start == end else "replace")
    assert _metadata_without(edited, key) == _metadata_without(post, key)
    assert edited.metadata is not None
    assert edited.metadata[key] == expected


@pytest.mark.parametrize("relative", POSTS)
def test_remove_field_deletes_exactly_the_lines_of_that_key(
    shared_dir: Path, relative: str
) -> None:
    data = read(shared_dir, relative)
    post = Post.from_bytes(data)
    if post.problem is not None or post.front_matter.raw is None:
        return
    edited = post.without_field("title")
    start, end = key_span(post.text, "title")
    changes = _changes(split_lines(data), split_lines(edited.to_bytes()))
    assert changes == ([("delete", start, end, start, start)] if start != end else [])


def test_edits_keep_list_style_and_crlf(shared_dir: Path) -> None:
    relative = "pnp-blog/azuredevops-powerplatform-workloadidentityfederation/index.md"
    data = read(shared_dir, relative)
    edited = Post.from_bytes(data).with_field("tags", ["One", "Two"]).to_bytes()
    changed = [line for line in split_lines(edited) if line not in split_lines(data)]
    assert changed == [b'tags: ["One", "Two"]\r\n']


def test_block_list_keeps_its_indentation(shared_dir: Path) -> None:
    data = read(shared_dir, "pnp-blog/01-what-is-spfx/index.md")
    edited = Post.from_bytes(data).with_field("tags", ["One", "Two"]).to_bytes()
    assert b"tags:\n  - One\n  - Two\ntype:" in edited


def _changes(old: list[bytes], new: list[bytes]) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def _is_block_list(text: str, start: int, end: int) -> bool:
    lines = text.split("\n")
    return end - start > 1 and lines[start + 1].lstrip()[:1] == "-"


def _metadata_without(post: Post, key: str) -> dict[str, object]:
    assert post.metadata is not None
    return {name: item for name, item in post.metadata.items() if name != key}
