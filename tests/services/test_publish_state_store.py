"""The publish state is kept per post in the app's data folder, never beside the post."""

from __future__ import annotations

from pathlib import Path

from editor.core.publish.state import PublishState
from editor.services.github.state_store import PublishStateStore
from editor.services.paths import app_paths

STATE = PublishState(
    server="https://api.github.com",
    upstream="pnp/blog",
    fork="alice/blog",
    branch="post/hello",
    pull_number=12,
    pull_url="https://github.com/pnp/blog/pull/12",
    last_commit="0" * 40,
)


def test_state_is_stored_per_post_outside_the_post_folder(tmp_path: Path) -> None:
    store = PublishStateStore.for_app(app_paths({"HOME": str(tmp_path / "home")}, platform="linux"))
    post = tmp_path / "library" / "pnp-blog" / "content/post/hello/index.md"
    other = tmp_path / "library" / "pnp-blog" / "content/post/other/index.md"
    post.parent.mkdir(parents=True)
    post.write_text("x", encoding="utf-8")

    store.save(post, STATE)

    assert store.load(post) == STATE
    assert store.load(other) == PublishState()
    assert sorted(p.name for p in post.parent.iterdir()) == ["index.md"]
    assert store.folder.is_relative_to(tmp_path / "home" / ".local" / "share")


def test_a_damaged_state_file_reads_as_not_published(tmp_path: Path) -> None:
    store = PublishStateStore(tmp_path / "publish")
    post = tmp_path / "post.md"
    store.save(post, STATE)
    (file,) = store.folder.iterdir()
    file.write_text("{not json", encoding="utf-8")

    assert store.load(post) == PublishState()


def test_renaming_a_post_keeps_its_state(tmp_path: Path) -> None:
    store = PublishStateStore(tmp_path / "publish")
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    store.save(old, STATE)

    store.move(old, new)

    assert store.load(new) == STATE
    assert store.load(old) == PublishState()
