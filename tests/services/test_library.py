"""The local library lays posts out as their site's repository does."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.profiles.new_post import plan_new_post
from editor.services.library import Library, LibraryEntry
from editor.services.storage import StorageError

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def profiles():
    return load_profiles(builtin_profiles_dir())


@pytest.mark.parametrize(
    ("profile_id", "post", "images"),
    [
        ("pnp-blog", "content/post/my-post/index.md", "content/post/my-post/images"),
        ("learn-m365-community", "Community/my-post.md", "Community/media/my-post"),
    ],
)
def test_a_new_post_lands_where_the_site_keeps_it(
    tmp_path: Path, profiles, profile_id, post, images
):
    library = Library(tmp_path)
    profile = profiles.get(profile_id)
    plan = plan_new_post(profile, "My Post", now=NOW, author="A", login="a")
    created = library.create_post(profile, plan)
    assert created == tmp_path / profile_id / post
    assert created.read_text(encoding="utf-8") == plan.text
    assert (tmp_path / profile_id / images).is_dir()
    assert library.taken_names(profile) == {"my-post"} | (
        {"media"} if profile_id == "learn-m365-community" else set()
    )


def test_an_existing_post_is_never_overwritten(tmp_path: Path, profiles) -> None:
    library = Library(tmp_path)
    blog = profiles.get("pnp-blog")
    plan = plan_new_post(blog, "Same", now=NOW, author="A", login="a")
    first = library.create_post(blog, plan)
    first.write_text("my words\n", encoding="utf-8")
    with pytest.raises(StorageError, match="already exists"):
        library.create_post(blog, plan)
    assert first.read_text(encoding="utf-8") == "my words\n"
    again = plan_new_post(
        blog, "Same", now=NOW, author="A", login="a", taken=library.taken_names(blog)
    )
    assert again.name == "same-2"


# --- The library list and post management ------------------------------------------------------

BLOG_POST = """---
title: "Blog Post"
draft: true
tags: [sharepoint, teams]
---

![A picture](images/pic.png)
"""

LEARN_POST = """---
title: Learn Article
tags:
  - copilot
---

![A picture](media/learn-article/pic.png)
"""


def _write(path: Path, text: str, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A library with one blog post and one Learn article (with pictures) and site files."""
    root = tmp_path / "library"
    blog = root / "pnp-blog" / "content" / "post" / "blog-post"
    _write(blog / "index.md", BLOG_POST, mtime=1_000)
    _write(blog / "images" / "pic.png", "png")
    learn = root / "learn-m365-community" / "Community"
    _write(learn / "learn-article.md", LEARN_POST, mtime=2_000)
    _write(learn / "media" / "learn-article" / "pic.png", "png")
    _write(learn / "TOC.yml", "- name: x\n")
    _write(learn / "includes" / "disclaimer.md", "Disclaimer\n")
    _write(learn / "untitled.md", "No front matter\n", mtime=500)
    return root


def test_entries_list_both_sites_newest_first(filled: Path, profiles) -> None:
    entries = Library(filled).entries(profiles.profiles)
    assert [(e.profile_id, e.name, e.title, e.draft) for e in entries] == [
        ("learn-m365-community", "learn-article", "Learn Article", False),
        ("pnp-blog", "blog-post", "Blog Post", True),
        ("learn-m365-community", "untitled", "untitled", False),
    ]
    assert entries[1].path == filled / "pnp-blog/content/post/blog-post/index.md"
    assert entries[0].modified == 2_000


def test_an_empty_library_has_no_entries(tmp_path: Path, profiles) -> None:
    assert Library(tmp_path / "none").entries(profiles.profiles) == []


def test_known_tags_come_from_every_post(filled: Path, profiles) -> None:
    assert Library(filled).known_tags(profiles.profiles) == {"sharepoint", "teams", "copilot"}


def _entry(library: Library, profiles, name: str):
    return next(e for e in library.entries(profiles.profiles) if e.name == name)


def test_duplicating_a_blog_post_copies_its_images(filled: Path, profiles) -> None:
    library = Library(filled)
    blog = profiles.get("pnp-blog")
    copy = library.duplicate(blog, _entry(library, profiles, "blog-post"))
    assert copy == filled / "pnp-blog/content/post/blog-post-copy/index.md"
    assert (copy.parent / "images" / "pic.png").read_text(encoding="utf-8") == "png"
    assert 'title: "Blog Post (copy)"' in copy.read_text(encoding="utf-8")
    again = library.duplicate(blog, _entry(library, profiles, "blog-post"))
    assert again.parent.name == "blog-post-copy-2"


def test_duplicating_a_learn_article_copies_its_media_folder(filled: Path, profiles) -> None:
    library = Library(filled)
    learn = profiles.get("learn-m365-community")
    copy = library.duplicate(learn, _entry(library, profiles, "learn-article"))
    community = filled / "learn-m365-community/Community"
    assert copy == community / "learn-article-copy.md"
    assert (community / "media/learn-article-copy/pic.png").is_file()
    text = copy.read_text(encoding="utf-8")
    assert "title: Learn Article (copy)" in text
    assert "media/learn-article-copy/pic.png" in text
    assert (community / "learn-article.md").read_text(encoding="utf-8") == LEARN_POST


def test_renaming_a_blog_post_moves_its_folder(filled: Path, profiles) -> None:
    library = Library(filled)
    blog = profiles.get("pnp-blog")
    moved = library.rename(blog, _entry(library, profiles, "blog-post"), "Better Name")
    assert moved == filled / "pnp-blog/content/post/better-name/index.md"
    assert (moved.parent / "images/pic.png").is_file()
    assert not (filled / "pnp-blog/content/post/blog-post").exists()
    assert 'title: "Better Name"' in moved.read_text(encoding="utf-8")


def test_renaming_a_learn_article_moves_file_and_media(filled: Path, profiles) -> None:
    library = Library(filled)
    learn = profiles.get("learn-m365-community")
    moved = library.rename(learn, _entry(library, profiles, "learn-article"), "New Title")
    community = filled / "learn-m365-community/Community"
    assert moved == community / "new-title.md"
    assert not (community / "learn-article.md").exists()
    assert (community / "media/new-title/pic.png").is_file()
    assert not (community / "media/learn-article").exists()
    text = moved.read_text(encoding="utf-8")
    assert "title: New Title" in text
    assert "media/new-title/pic.png" in text


def test_renaming_onto_an_existing_post_is_refused(filled: Path, profiles) -> None:
    library = Library(filled)
    learn = profiles.get("learn-m365-community")
    entry = _entry(library, profiles, "learn-article")
    with pytest.raises(StorageError, match="already a post called") as raised:
        library.rename(learn, entry, "Untitled")
    assert raised.value.message.context == "library"
    assert entry.path.read_text(encoding="utf-8") == LEARN_POST
    assert (filled / "learn-m365-community/Community/media/learn-article/pic.png").is_file()


def test_a_rename_that_fails_half_way_leaves_the_post_whole(
    filled: Path, profiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article moved but its media folder could not: the article moves back."""
    library = Library(filled)
    learn = profiles.get("learn-m365-community")
    entry = _entry(library, profiles, "learn-article")
    real_rename = Path.rename

    def failing_rename(self: Path, target: Path) -> Path:
        if self.name == "learn-article" and self.parent.name == "media":
            raise PermissionError(13, "Permission denied")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(StorageError, match="could not be renamed: Permission denied"):
        library.rename(learn, entry, "New Title")
    community = filled / "learn-m365-community/Community"
    assert entry.path.read_text(encoding="utf-8") == LEARN_POST
    assert not (community / "new-title.md").exists()
    assert (community / "media/learn-article/pic.png").is_file()


def test_a_rename_whose_retitle_fails_moves_everything_back(
    filled: Path, profiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(filled)
    learn = profiles.get("learn-m365-community")
    entry = _entry(library, profiles, "learn-article")

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("editor.services.library.atomic_write_bytes", disk_full)
    with pytest.raises(StorageError, match="No space left"):
        library.rename(learn, entry, "New Title")
    community = filled / "learn-m365-community/Community"
    assert entry.path.read_text(encoding="utf-8") == LEARN_POST
    assert (community / "media/learn-article/pic.png").is_file()
    assert not (community / "media/new-title").exists()


def test_keeping_the_name_only_changes_the_title(filled: Path, profiles) -> None:
    library = Library(filled)
    blog = profiles.get("pnp-blog")
    entry = _entry(library, profiles, "blog-post")
    assert library.rename(blog, entry, "Blog post!") == entry.path
    assert 'title: "Blog post!"' in entry.path.read_text(encoding="utf-8")


def test_deleting_removes_the_post_and_its_images_only(filled: Path, profiles) -> None:
    library = Library(filled)
    learn = profiles.get("learn-m365-community")
    library.delete(learn, _entry(library, profiles, "learn-article"))
    community = filled / "learn-m365-community/Community"
    assert not (community / "learn-article.md").exists()
    assert not (community / "media/learn-article").exists()
    assert (community / "media").is_dir()
    assert (community / "TOC.yml").is_file()
    assert (community / "untitled.md").is_file()
    blog = profiles.get("pnp-blog")
    library.delete(blog, _entry(library, profiles, "blog-post"))
    assert not (filled / "pnp-blog/content/post/blog-post").exists()
    assert (filled / "pnp-blog/content/post").is_dir()


def test_deleting_never_follows_a_link_out_of_the_library(
    filled: Path, tmp_path: Path, profiles
) -> None:
    outside = _write(tmp_path / "outside" / "keep.png", "keep")
    media = filled / "learn-m365-community/Community/media/learn-article"
    shutil.rmtree(media)
    media.symlink_to(outside.parent, target_is_directory=True)
    library = Library(filled)
    library.delete(profiles.get("learn-m365-community"), _entry(library, profiles, "learn-article"))
    assert not media.is_symlink()
    assert outside.read_text(encoding="utf-8") == "keep"


def test_a_post_outside_the_site_folder_is_not_deleted(
    filled: Path, tmp_path: Path, profiles
) -> None:
    stray = _write(tmp_path / "elsewhere.md", "mine\n")
    entry = LibraryEntry(stray, "pnp-blog", "Stray", "..", 0.0, False)
    with pytest.raises(StorageError, match="could not be deleted"):
        Library(filled).delete(profiles.get("pnp-blog"), entry)
    assert stray.is_file()
