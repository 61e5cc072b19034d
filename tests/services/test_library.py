"""The local library lays posts out as their site's repository does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.profiles.new_post import plan_new_post
from editor.services.library import Library
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
