"""What a publish sends: blob SHAs, the files at the profile's paths, the branch name, the
table-of-contents entry, and which blobs must be uploaded."""

from __future__ import annotations

import pytest

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.profiles.model import ExtraFile, Profile
from editor.core.publish.git_objects import blob_sha
from editor.core.publish.plan import (
    PlannedFile,
    blobs_to_upload,
    branch_name,
    changed_files,
    extra_file_text,
    oversized,
    plan_files,
)
from editor.core.publish.state import PublishState


def _profile(profile_id: str) -> Profile:
    found = load_profiles(builtin_profiles_dir()).get(profile_id)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("data", "sha"),
    [
        (b"", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"),  # git hash-object /dev/null
        (b"hello\n", "ce013625030ba8dba906f756967f9e9ca394464a"),
        (b"what is up, doc?", "bd9dbf5aae1a3862dd1526723246b20206e5fc37"),
    ],
)
def test_blob_sha_is_what_git_computes(data: bytes, sha: str) -> None:
    assert blob_sha(data) == sha


def test_blog_plan_puts_the_post_and_its_pictures_at_the_profile_paths() -> None:
    plan = plan_files(
        _profile("pnp-blog"),
        "my-post",
        b"# post",
        {"a.png": b"A", "sub/b.jpg": b"B", "notes.txt": b"N", ".DS_Store": b"x", "c.GIF": b"C"},
    )

    assert plan.post == PlannedFile.of("content/post/my-post/index.md", b"# post")
    assert [f.path for f in plan.images] == [
        "content/post/my-post/images/a.png",
        "content/post/my-post/images/c.GIF",
        "content/post/my-post/images/sub/b.jpg",
    ]
    assert plan.extra_files == ()


def test_learn_plan_uses_the_media_folder_and_names_the_table_of_contents() -> None:
    plan = plan_files(_profile("learn-m365-community"), "my-article", b"x", {"one.png": b"1"})

    assert plan.post.path == "Community/my-article.md"
    assert [f.path for f in plan.images] == ["Community/media/my-article/one.png"]
    assert [e.path for e in plan.extra_files] == ["Community/TOC.yml"]


def test_only_changed_files_and_unknown_blobs_are_sent() -> None:
    same = PlannedFile.of("a.md", b"same")
    edited = PlannedFile.of("b.md", b"new")
    copied = PlannedFile.of("c.png", b"picture")  # content already in the tree elsewhere
    twin = PlannedFile.of("d.png", b"new")  # same content as edited: one upload
    base = {"a.md": blob_sha(b"same"), "b.md": blob_sha(b"old"), "old.png": blob_sha(b"picture")}

    assert changed_files([same, edited, copied, twin], base) == [edited, copied, twin]
    assert blobs_to_upload([same, edited, copied, twin], base) == [edited]


def test_files_over_githubs_limit_are_named_before_anything_is_sent() -> None:
    plan = plan_files(_profile("pnp-blog"), "p", b"post", {"big.png": b"x" * 3_000_000})

    problems = oversized(plan, limit=2 * 1024 * 1024)

    assert [p.args["path"] for p in problems] == ["content/post/p/images/big.png"]
    assert "2.9 MB" in problems[0].english() and "at most 2 MB" in problems[0].english()
    assert oversized(plan) == []


@pytest.mark.parametrize(
    ("stem", "attempt", "branch"),
    [
        ("my-first-post", 1, "post/my-first-post"),
        ("my-first-post", 2, "post/my-first-post-2"),
        ("Ünïcode & spaces..", 1, "post/Unicode-spaces"),
        ("weird..name.lock", 1, "post/weird.name"),
        ("", 1, "post/post"),
    ],
)
def test_branch_name_is_a_valid_ref_named_after_the_post(
    stem: str, attempt: int, branch: str
) -> None:
    assert branch_name(stem, attempt) == branch


TOC_ENTRY = ExtraFile("Community/TOC.yml", "    - name: {title}\n      href: {name}.md\n")


def test_table_of_contents_gets_the_entry_once() -> None:
    toc = "Items:\n- name: Root\n  items:\n    - name: Glossary\n      href: glossary.md\n"
    values = {"title": "Teams: sharing channels", "name": "share-channels"}

    added = extra_file_text(TOC_ENTRY, toc, values)

    assert added == toc + '    - name: "Teams: sharing channels"\n      href: share-channels.md\n'
    assert extra_file_text(TOC_ENTRY, added, values) is None


def test_table_of_contents_keeps_crlf_and_a_missing_final_newline() -> None:
    toc = "Items:\r\n    - name: Glossary\r\n      href: glossary.md"
    added = extra_file_text(TOC_ENTRY, toc, {"title": "Plain", "name": "plain"})

    assert added == toc + "\r\n    - name: Plain\r\n      href: plain.md\r\n"


def test_publish_state_round_trips_and_rejects_damaged_data() -> None:
    state = PublishState(
        server="https://api.github.com",
        upstream="pnp/blog",
        fork="alice/blog",
        branch="post/x",
        pull_number=7,
        last_commit="abc",
        uploaded=("1", "2"),
    )

    assert PublishState.from_json(state.to_json()) == state
    assert PublishState.from_json({"pull_number": "7"}) == PublishState()
    assert PublishState.from_json([1, 2]) == PublishState()
    assert PublishState.from_json({"uploaded": [1]}) == PublishState()
    assert PublishState().is_empty and not state.is_empty


def test_tree_sha_is_what_git_computes() -> None:
    from editor.core.publish.git_objects import tree_sha

    # What `git write-tree` gives for README.md ("hello\n") and docs/a.md (empty), and for
    # a.md (empty) alone.
    readme = blob_sha(b"hello\n")
    empty = blob_sha(b"")
    entries = {
        "README.md": ("100644", "blob", readme),
        "docs/a.md": ("100644", "blob", empty),
    }
    assert tree_sha(entries) == "3b717a5bf310d21790e76ab995387ddc5707af68"
    assert tree_sha({"a.md": ("100644", "blob", empty)}) == (
        "520c9f9f61657ca1e65a288ea77d229a27a8171b"
    )
    assert tree_sha(entries) == tree_sha(dict(reversed(entries.items())))
    # A folder sorts as if its name ended with "/": "docs" comes after "docs.md".
    with_file = {**entries, "docs.md": ("100644", "blob", empty)}
    assert tree_sha(with_file) != tree_sha(entries)
