"""Publishing a post through the real PyGithub client against the fake GitHub.

Every test here runs with ``git`` absent from ``PATH`` (``no_git``): nothing needs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_github import FakeGitHub
from fake_github.scenario import BLOG_POST, IMAGES, blog_scenario, learn_scenario

from editor.core.publish.git_objects import blob_sha
from editor.services.github.publisher import Step

pytestmark = pytest.mark.usefixtures("no_git")

BLOBS = ("POST", "/repos/{owner}/{repo}/git/blobs")
TREES = ("POST", "/repos/{owner}/{repo}/git/trees")
COMMITS = ("POST", "/repos/{owner}/{repo}/git/commits")
NEW_REF = ("POST", "/repos/{owner}/{repo}/git/refs")
MOVE_REF = ("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}")
FORKS = ("POST", "/repos/{owner}/{repo}/forks")
PULLS = ("POST", "/repos/{owner}/{repo}/pulls")

POST_PATH = "content/post/three-pictures/index.md"
IMAGE_DIR = "content/post/three-pictures/images/"


def test_a_new_post_with_three_pictures_becomes_one_commit_and_one_pull_request(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    state = fake_github.state
    before = scenario.snapshot()

    result = scenario.publish()

    # One fork, one branch, one commit, one pull request.
    assert [f.full_name for f in state.forks_of("pnp/blog")] == ["alice/blog"]
    fork = state.repo("alice/blog")
    branches = [r for r in fork.refs if r != "refs/heads/main"]
    assert branches == ["refs/heads/post/three-pictures"]
    head = state.head("alice/blog", "post/three-pictures")
    commit = state.commit(head)
    assert commit.parents == (state.head("pnp/blog"),)
    assert state.count(*COMMITS) == 1
    assert len(state.pulls_of("pnp/blog")) == 1

    # The commit holds exactly the post and its pictures at the profile's paths.
    upstream = state.files("pnp/blog")
    published = state.files("alice/blog", "post/three-pictures")
    added = {path: data for path, data in published.items() if upstream.get(path) != data}
    assert added == {
        POST_PATH: BLOG_POST.encode(),
        **{IMAGE_DIR + name: data for name, data in IMAGES.items()},
    }
    assert state.count(*BLOBS) == 4

    # The pull request follows the template and lets maintainers edit.
    pull = state.pulls_of("pnp/blog")[0]
    assert (pull.head.full_name, pull.head_ref, pull.base_ref) == (
        "alice/blog",
        "post/three-pictures",
        "main",
    )
    assert pull.title == "New post: Three pictures of a Power App"
    assert pull.maintainer_can_modify
    assert "- [x] New article" in pull.body
    assert "- [ ] Content fix" in pull.body
    assert (
        'A new community post, "Three pictures of a Power App", by Alice Example (@alice), '
        "in `content/post/three-pictures/`." in pull.body
    )
    assert result.pull_number == pull.number
    assert result.pull_url == f"{fake_github.base_url}/pnp/blog/pull/{pull.number}"
    assert result.created_pull and result.created_fork

    # The publish state is stored with the post; the post itself is untouched.
    assert result.state.fork == "alice/blog"
    assert result.state.branch == "post/three-pictures"
    assert result.state.pull_number == pull.number
    assert result.state.last_commit == head
    assert scenario.last_state == result.state
    assert scenario.snapshot() == before

    # Each step was reported, in order.
    steps = list(dict.fromkeys(p.step for p in scenario.progress))
    assert steps == list(Step)


def test_publishing_an_unchanged_post_again_uploads_nothing(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    first = scenario.publish()
    state = fake_github.state
    blobs, commits = state.count(*BLOBS), state.count(*COMMITS)

    again = scenario.publish()

    assert state.count(*BLOBS) == blobs
    assert state.count(*COMMITS) == commits
    assert again.uploaded == 0 and again.commit is None
    assert again.pull_number == first.pull_number and not again.created_pull
    assert state.count(*FORKS) == 1 and state.count(*PULLS) == 1


def test_publishing_an_edit_adds_one_commit_on_top_and_updates_the_same_pull_request(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    first = scenario.publish()
    scenario.post.write_text(BLOG_POST + "\nOne more paragraph.\n", encoding="utf-8")

    again = scenario.publish()

    state = fake_github.state
    head = state.head("alice/blog", "post/three-pictures")
    assert state.commit(head).parents == (first.state.last_commit,)
    assert again.uploaded == 1  # only the post; the pictures are already there
    assert again.pull_number == first.pull_number
    assert len(state.pulls_of("pnp/blog")) == 1
    assert state.pulls_of("pnp/blog")[0].head_sha() == head
    assert all(call.body.get("force") in (None, False) for call in state.calls(*MOVE_REF))


def test_blob_shas_match_github(fake_github: FakeGitHub, tmp_path: Path) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    scenario.publish()
    listing = fake_github.state.git.flatten(
        fake_github.state.commit(fake_github.state.head("alice/blog", "post/three-pictures")).tree
    )
    assert listing[POST_PATH][1] == blob_sha(BLOG_POST.encode())
    for name, data in IMAGES.items():
        assert listing[IMAGE_DIR + name][1] == blob_sha(data)


def test_a_new_learn_article_adds_its_table_of_contents_entry(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = learn_scenario(fake_github, tmp_path)

    scenario.publish()

    files = fake_github.state.files("alice/microsoft-365-community", "post/share-a-teams-channel")
    toc = files["Community/TOC.yml"].decode()
    assert toc.endswith(
        "    - name: Share a Teams channel with another team\n"
        "      href: share-a-teams-channel.md\n"
    )
    assert files["Community/media/share-a-teams-channel/step-one.png"] == b"\x89PNG step one"
    pull = fake_github.state.pulls_of("MicrosoftDocs/microsoft-365-community")[0]
    assert pull.title == "New article: Share a Teams channel with another team"
    assert "## Summary of the change" in pull.body

    # Publishing again does not add the entry twice.
    scenario.post.write_text(scenario.post.read_text() + "\nMore.\n", encoding="utf-8")
    scenario.publish()
    files = fake_github.state.files("alice/microsoft-365-community", "post/share-a-teams-channel")
    assert files["Community/TOC.yml"].decode().count("share-a-teams-channel.md") == 1


def test_the_fork_is_found_by_its_parent_not_its_name(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    state = fake_github.state
    # alice has her own, unrelated repository called "blog", and her fork has another name.
    state.add_repo("alice/blog", {"index.html": b"my site"})
    renamed = state.make_fork(state.repo("pnp/blog"), "alice", "pnp-blog-copy")

    result = scenario.publish()

    assert result.state.fork == renamed.full_name == "alice/pnp-blog-copy"
    assert [f.full_name for f in state.forks_of("pnp/blog")] == ["alice/pnp-blog-copy"]
    assert state.files("alice/blog") == {"index.html": b"my site"}
    assert state.pulls_of("pnp/blog")[0].head is renamed


@pytest.mark.usefixtures("shared_dir")
def test_publishing_through_a_github_enterprise_server_address(tmp_path: Path) -> None:
    from fake_github.fixtures import running_fake

    with running_fake(prefix="/api/v3") as fake:
        scenario = blog_scenario(fake, tmp_path)

        result = scenario.publish()

        assert fake.base_url.endswith("/api/v3")
        assert result.pull_url.startswith(fake.root_url)
        assert result.state.server == fake.base_url
        assert len(fake.state.pulls_of("pnp/blog")) == 1


def test_the_pull_request_text_is_replaced_only_when_asked(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    scenario.publish()
    pull = fake_github.state.pulls_of("pnp/blog")[0]
    pull.body = "Edited by a maintainer."
    scenario.post.write_text(BLOG_POST + "\nMore.\n", encoding="utf-8")

    scenario.publish()
    assert pull.body == "Edited by a maintainer."

    scenario.post.write_text(BLOG_POST + "\nEven more.\n", encoding="utf-8")
    scenario.publish(update_pull_text=True)
    assert "- [x] New article" in pull.body
    assert fake_github.state.count("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}") == 1


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "Put the post on"), (1, "its picture on"), (3, "its 3 pictures on")],
)
def test_the_plan_counts_pictures_in_plain_words(count: int, words: str) -> None:
    from editor.services.github.publisher import _pictures_line

    assert words in _pictures_line(count, "post/x").english()
