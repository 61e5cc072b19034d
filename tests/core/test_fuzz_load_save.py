"""Fuzzing the load → edit → save path: nothing crashes it, and what loads saves back identically.

Random bytes either load or are refused with a plain message (never an unexpected exception);
a file that loads saves back byte for byte, and after an edit the saved file holds exactly the
edited text in the file's own format (BOM, line endings). Random *valid* posts — YAML, TOML
and JSON front matter, any Unicode, mixed line endings — go through the same path.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.i18n import Message
from editor.core.post import Post
from editor.core.text_format import DecodeError
from editor.services.storage import StorageError, load_post, save_post

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,  # no example folder written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text the editor can hold: no NUL (refused as binary) and no lone surrogates (not UTF-8).
editor_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
newline = st.sampled_from(["\n", "\r\n", "\r"])
key = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
scalar = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", blacklist_categories=("Cs", "Cc")), max_size=30),
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    fields = draw(st.dictionaries(key, scalar, max_size=5))
    kind = draw(st.sampled_from(["yaml", "toml", "json", "none"]))
    if kind == "json":
        return json.dumps(fields, ensure_ascii=False, indent=2) + "\n"
    values = {name: json.dumps(value, ensure_ascii=False) for name, value in fields.items()}
    if kind == "toml":
        return "+++\n" + "".join(f"{k} = {v}\n" for k, v in values.items()) + "+++\n"
    if kind == "yaml":
        return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items()) + "---\n"
    return ""


@st.composite
def post_bytes(draw: st.DrawFn) -> bytes:
    """A valid post file: front matter, body, any line endings (mixed too), maybe a BOM."""
    text = draw(front_matter()) + "\n" + draw(editor_text)
    lines = text.split("\n")
    if draw(st.booleans()):
        ending = draw(newline)
        stored = ending.join(lines)
    else:
        stored = "".join(line + draw(newline) for line in lines[:-1]) + lines[-1]
    data = stored.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) else data


def _load_or_refuse(path: Path) -> Post | None:
    try:
        return load_post(path).post
    except StorageError as error:
        assert isinstance(error.message, Message)
        assert error.message.english().strip()  # a plain reason, never an empty box
        return None


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_load_or_are_refused_and_save_back_identically(tmp_path: Path, data: bytes):
    path = tmp_path / "fuzz.md"
    path.write_bytes(data)
    post = _load_or_refuse(path)
    if post is None:
        assert path.read_bytes() == data  # a refused file is never touched
        return
    _ = (post.metadata, post.problem, post.body)  # reading the front matter never crashes
    save_post(path, post)
    assert path.read_bytes() == data


@FUZZ
@given(data=post_bytes(), insert=editor_text, where=st.floats(0, 1))
def test_valid_posts_round_trip_and_edits_are_saved_exactly(
    tmp_path: Path, data: bytes, insert: str, where: float
):
    path = tmp_path / "post.md"
    path.write_bytes(data)
    post = load_post(path).post
    _ = (post.metadata, post.problem, post.body)
    save_post(path, post)
    assert path.read_bytes() == data  # untouched: byte for byte

    at = int(len(post.text) * where)
    edited = post.with_text(post.text[:at] + insert + post.text[at:])
    save_post(path, edited)
    again = load_post(path).post
    assert again.text == edited.text
    assert again.format.bom == post.format.bom
    if not post.format.mixed:
        assert again.format.newline == post.format.newline or "\n" not in again.text


@FUZZ
@given(data=st.binary(max_size=400))
def test_the_decoder_raises_only_its_own_error(data: bytes):
    try:
        post = Post.from_bytes(data)
    except DecodeError as error:
        assert error.message.english()
        assert 0 <= error.offset <= len(data)
        return
    assert post.to_bytes() == data
