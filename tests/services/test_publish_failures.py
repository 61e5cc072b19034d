"""When publishing goes wrong: each case gives a plain message with what to do next, the post
on disk is unchanged, and publishing again completes without a second fork, branch or pull
request. All against the fake GitHub, with ``git`` absent from ``PATH``."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from fake_github.scenario import BLOG_POST, Scenario, blog_scenario

from editor.services.github.errors import ErrorKind, GitHubError
from editor.services.github.publisher import BranchMovedError, Step

pytestmark = pytest.mark.usefixtures("no_git")

BLOBS = ("POST", "/repos/{owner}/{repo}/git/blobs")
FORKS = ("POST", "/repos/{owner}/{repo}/forks")
PULLS = ("POST", "/repos/{owner}/{repo}/pulls")
NEW_REF = ("POST", "/repos/{owner}/{repo}/git/refs")
BRANCH = "post/three-pictures"


@pytest.fixture
def scenario(fake_github: FakeGitHub, tmp_path: Path) -> Scenario:
    return blog_scenario(fake_github, tmp_path)


def fails(scenario: Scenario, kind: ErrorKind, **options: object) -> GitHubError:
    """Publish, expect ``kind``; the local post must be exactly as before."""
    before = scenario.snapshot()
    with pytest.raises(GitHubError) as caught:
        scenario.publish(**options)
    assert caught.value.kind is kind, caught.value.message.english()
    assert scenario.snapshot() == before
    return caught.value


def completes_once(scenario: Scenario, **options: object) -> None:
    """Publishing again works and leaves one fork, one post branch and one pull request."""
    result = scenario.publish(**options)
    state = scenario.state
    assert [f.full_name for f in state.forks_of("pnp/blog")] == ["alice/blog"]
    branches = sorted(r for r in state.repo("alice/blog").refs if r != "refs/heads/main")
    assert branches == [f"refs/heads/{BRANCH}"]
    assert len(state.pulls_of("pnp/blog")) == 1
    assert result.pull_number == state.pulls_of("pnp/blog")[0].number
    published = state.files("alice/blog", BRANCH)
    assert published["content/post/three-pictures/index.md"] == BLOG_POST.encode()
    assert state.pulls_of("pnp/blog")[0].head_sha() == state.head("alice/blog", BRANCH)


# --- the network and the server -------------------------------------------------------------


def test_network_drop_midway_through_the_uploads(scenario: Scenario) -> None:
    scenario.state.inject("POST", r"/git/blobs$", drop=True, skip=2, times=100)

    error = fails(scenario, ErrorKind.NETWORK)

    assert "connection" in error.message.english()
    assert scenario.state.count(*BLOBS) == 2
    scenario.state.faults.clear()  # the connection is back
    completes_once(scenario)
    # The two pictures that arrived before the drop are not sent again.
    assert scenario.state.count(*BLOBS) == 4


def test_a_dropped_answer_to_an_upload_that_arrived_is_checked_not_repeated(
    scenario: Scenario,
) -> None:
    scenario.state.inject("POST", r"/git/blobs$", drop=True, after=True, skip=1)

    completes_once(scenario)

    # Four files, four uploads (one answer lost); the lost one was checked with a GET.
    assert scenario.state.count(*BLOBS, ok=False) == 4
    assert scenario.state.count("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}") == 1


def test_server_errors_are_retried_for_reads_and_reported_when_they_persist(
    scenario: Scenario,
) -> None:
    scenario.state.inject("GET", r"^/user$", 502, times=2)
    scenario.state.inject("POST", r"/git/trees$", 500, times=100)

    error = fails(scenario, ErrorKind.SERVER)

    assert "GitHub is having trouble" in error.message.english()
    assert any("trying again" in w.reason.english() for w in scenario.waits)
    scenario.state.faults.clear()
    completes_once(scenario)


def test_a_pull_request_whose_answer_was_lost_is_found_not_opened_twice(
    scenario: Scenario,
) -> None:
    scenario.state.inject("POST", r"/pulls$", 502, after=True)

    completes_once(scenario)

    assert scenario.state.count(*PULLS, ok=False) == 1


def test_a_fork_whose_answer_was_lost_is_found_not_created_twice(scenario: Scenario) -> None:
    scenario.state.inject("POST", r"/forks$", drop=True, after=True)

    completes_once(scenario)

    assert scenario.state.count(*FORKS, ok=False) == 1


def test_a_branch_whose_answer_was_lost_is_found_not_created_twice(scenario: Scenario) -> None:
    scenario.state.inject("POST", r"/git/refs$", drop=True, after=True)

    completes_once(scenario)

    assert scenario.state.count(*NEW_REF, ok=False) == 1


# --- rate limits ----------------------------------------------------------------------------


def test_primary_rate_limit_waits_with_a_visible_countdown(scenario: Scenario) -> None:
    scenario.state.rate_limit("POST", r"/git/blobs$", wait=5)

    completes_once(scenario)

    countdown = [w.seconds_left for w in scenario.waits if "slow down" in w.reason.english()]
    assert countdown[0] >= 5
    assert countdown[-1] == 1
    assert countdown == sorted(countdown, reverse=True)


@pytest.mark.parametrize("status", [403, 429])
def test_secondary_rate_limit_waits_as_long_as_github_says(scenario: Scenario, status: int) -> None:
    scenario.state.rate_limit("POST", r"/pulls$", secondary=True, wait=3, status=status)

    completes_once(scenario)

    countdown = [w.seconds_left for w in scenario.waits if "slow down" in w.reason.english()]
    assert countdown == [3, 2, 1]


def test_a_rate_limit_longer_than_the_cap_stops_with_when_to_try_again(scenario: Scenario) -> None:
    scenario.state.rate_limit("POST", r"/forks$", wait=3600)

    error = fails(scenario, ErrorKind.RATE_LIMIT, max_rate_wait=60)

    assert "60 minutes" in error.message.english()
    assert not any("slow down" in w.reason.english() for w in scenario.waits)
    completes_once(scenario)


# --- forks, branches and pull requests that already exist -----------------------------------


def test_a_new_fork_that_is_not_ready_yet_is_waited_for(scenario: Scenario) -> None:
    scenario.state.fork_ready_after = 3  # three git reads answer 409 "Git Repository is empty."

    completes_once(scenario)

    waiting = [w for w in scenario.waits if "preparing your copy" in w.reason.english()]
    assert waiting


def test_a_fork_that_stays_empty_stops_after_a_bounded_wait(scenario: Scenario) -> None:
    scenario.state.fork_ready_after = 1000

    error = fails(scenario, ErrorKind.FORK_NOT_READY, fork_wait=10, fork_poll=2)

    assert "few minutes" in error.message.english()
    assert scenario.last_state.fork == "alice/blog"
    scenario.state.repo("alice/blog").not_ready_reads = 0
    completes_once(scenario)
    assert scenario.state.count(*FORKS) == 1


def test_an_existing_branch_from_a_lost_publish_is_reused(scenario: Scenario) -> None:
    scenario.publish()
    scenario.saved.clear()  # the record of that publish is lost

    completes_once(scenario)


def test_an_unrelated_branch_with_the_same_name_is_left_alone(scenario: Scenario) -> None:
    state = scenario.state
    fork = state.make_fork(state.repo("pnp/blog"), "alice")
    fork.refs[f"refs/heads/{BRANCH}"] = state.head("pnp/blog")
    state.push("alice/blog", BRANCH, {"notes.txt": b"my notes"}, author="Alice")
    theirs = state.head("alice/blog", BRANCH)

    result = scenario.publish()

    assert state.head("alice/blog", BRANCH) == theirs
    assert result.state.branch == f"{BRANCH}-2"
    assert len(state.pulls_of("pnp/blog")) == 1


def test_an_open_pull_request_from_a_lost_publish_is_reused(scenario: Scenario) -> None:
    first = scenario.publish()
    scenario.saved.clear()
    scenario.post.write_text(BLOG_POST + "\nEdited.\n", encoding="utf-8")

    again = scenario.publish()

    assert again.pull_number == first.pull_number
    assert len(scenario.state.pulls_of("pnp/blog")) == 1
    assert scenario.state.count(*PULLS, ok=False) == 1


def test_pull_request_already_exists_answer_is_taken_as_the_existing_one(
    scenario: Scenario,
) -> None:
    # The first answer to the pull request list is lost, so the publisher tries to open one.
    scenario.publish()
    scenario.post.write_text(BLOG_POST + "\nEdited.\n", encoding="utf-8")
    scenario.state.inject(
        "GET",
        r"/pulls$",
        200,
        [],  # type: ignore[arg-type]
    )

    result = scenario.publish()

    assert len(scenario.state.pulls_of("pnp/blog")) == 1
    assert result.pull_number == scenario.state.pulls_of("pnp/blog")[0].number
    assert scenario.state.calls(*PULLS)[-1].status == 422


# --- a maintainer moved the branch ----------------------------------------------------------


def test_a_branch_moved_by_a_maintainer_is_shown_and_never_overwritten(
    scenario: Scenario,
) -> None:
    state = scenario.state
    first = scenario.publish()
    edited = BLOG_POST.replace("started as", "began as").encode()
    theirs = state.push(
        "alice/blog",
        BRANCH,
        {"content/post/three-pictures/index.md": edited},
        "Fix wording",
        author="Mia Maintainer",
    )
    scenario.post.write_text(BLOG_POST + "\nMy addition.\n", encoding="utf-8")

    with pytest.raises(BranchMovedError) as caught:
        scenario.publish()

    moved = caught.value
    assert moved.head == theirs
    assert [(c.path, c.kind) for c in moved.changes] == [
        ("content/post/three-pictures/index.md", "modified")
    ]
    assert moved.authors == ["Mia Maintainer"]
    assert "Mia Maintainer changed the post's branch" in moved.message.english()
    assert state.head("alice/blog", BRANCH) == theirs  # their work is still there

    # Once the user has seen it and agrees, the new commit goes on top (no force push).
    result = scenario.publish(accept_head=theirs)
    head = state.head("alice/blog", BRANCH)
    assert state.commit(head).parents == (theirs,)
    assert state.commit(theirs).parents == (first.state.last_commit,)
    assert result.pull_number == first.pull_number


def test_a_push_between_reading_and_updating_the_branch_is_not_overwritten(
    scenario: Scenario,
) -> None:
    state = scenario.state
    scenario.publish()
    scenario.post.write_text(BLOG_POST + "\nMine.\n", encoding="utf-8")

    def maintainer_pushes() -> None:
        state.push("alice/blog", BRANCH, {"extra.md": b"theirs"}, author="Mia Maintainer")

    state.inject("PATCH", r"/git/refs/heads/post/", 0, run=maintainer_pushes)

    with pytest.raises(BranchMovedError) as caught:
        scenario.publish()

    assert state.calls("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}")[-1].status == 422
    assert [(c.path, c.kind) for c in caught.value.changes] == [("extra.md", "added")]
    assert state.files("alice/blog", BRANCH)["extra.md"] == b"theirs"


# --- the account ----------------------------------------------------------------------------


def test_a_revoked_token_leads_back_to_sign_in(scenario: Scenario) -> None:
    scenario.state.revoke(scenario.token)

    error = fails(scenario, ErrorKind.SIGNED_OUT)

    assert "Sign in again" in error.message.english()
    scenario.token = scenario.state.issue_token("alice", ("repo",))
    completes_once(scenario)


def test_a_token_revoked_midway_keeps_what_was_done(scenario: Scenario) -> None:
    scenario.state.inject(
        "POST", r"/git/blobs$", 0, skip=1, run=lambda: scenario.state.revoke(scenario.token)
    )

    fails(scenario, ErrorKind.SIGNED_OUT)

    scenario.token = scenario.state.issue_token("alice", ("repo",))
    completes_once(scenario)


def test_a_token_without_the_write_scope_is_explained(scenario: Scenario) -> None:
    scenario.token = scenario.state.issue_token("alice", ("read:org",))

    preflight = scenario.publisher().preflight(scenario.request())
    error = fails(scenario, ErrorKind.MISSING_SCOPE)

    assert not preflight.ok
    assert any("public_repo" in p.english() for p in preflight.problems)
    assert "public_repo" in error.message.english()
    scenario.token = scenario.state.issue_token("alice", ("public_repo",))
    completes_once(scenario)


def test_a_fine_grained_token_without_permission_is_explained(scenario: Scenario) -> None:
    scenario.state.inject(
        "POST",
        r"/forks$",
        403,
        {
            "message": "Resource not accessible by personal access token",
            "documentation_url": "https://docs.github.com/rest/repos/forks#create-a-fork",
            "status": "403",
        },
        headers={"X-Accepted-GitHub-Permissions": "administration=write"},
    )

    fails(scenario, ErrorKind.MISSING_SCOPE)

    completes_once(scenario)


def test_organisation_single_sign_on_names_the_page_to_open(scenario: Scenario) -> None:
    scenario.state.sso_orgs.add("pnp")

    error = fails(scenario, ErrorKind.SSO)

    assert error.url.startswith("https://github.com/orgs/pnp/sso")
    assert "single sign-on" in error.message.english()
    scenario.state.sso_authorized.add(scenario.token)
    completes_once(scenario)


# --- the repository and the files -----------------------------------------------------------


def test_an_archived_upstream_is_refused_before_anything_is_sent(scenario: Scenario) -> None:
    scenario.state.repo("pnp/blog").archived = True

    preflight = scenario.publisher().preflight(scenario.request())
    error = fails(scenario, ErrorKind.ARCHIVED)

    assert not preflight.ok
    assert "archived" in error.message.english()
    assert not [r for r in scenario.state.requests if r.method != "GET"]
    scenario.state.repo("pnp/blog").archived = False
    completes_once(scenario)


def test_a_picture_over_the_size_limit_is_refused_before_sending(scenario: Scenario) -> None:
    big = scenario.post.parent / "images" / "report.jpg"
    big.write_bytes(b"\xff\xd8" + b"x" * 3000)

    error = fails(scenario, ErrorKind.TOO_LARGE, file_limit=2048)

    assert "report.jpg" in error.message.english()
    assert not [r for r in scenario.state.requests if r.method != "GET"]


def test_a_picture_github_refuses_as_too_large_is_explained(scenario: Scenario) -> None:
    scenario.state.blob_limit = 200
    big = scenario.post.parent / "images" / "report.jpg"
    original = big.read_bytes()
    big.write_bytes(b"\xff\xd8" + b"x" * 3000)

    error = fails(scenario, ErrorKind.TOO_LARGE)

    assert "too large" in error.message.english()
    big.write_bytes(original)
    scenario.state.blob_limit = 10_000
    completes_once(scenario)


# --- cancelling -----------------------------------------------------------------------------


def test_cancel_stops_between_steps_and_publishing_again_continues(scenario: Scenario) -> None:
    scenario.cancel_when = lambda: any(p.step is Step.UPLOAD for p in scenario.progress)

    fails(scenario, ErrorKind.CANCELLED)

    assert scenario.last_state.fork == "alice/blog"
    scenario.cancel_when = lambda: False
    completes_once(scenario)


def test_cancel_during_a_rate_limit_wait_stops_the_countdown(scenario: Scenario) -> None:
    scenario.state.rate_limit("POST", r"/forks$", wait=30)
    scenario.cancel_when = lambda: len(scenario.waits) >= 3

    started = time.monotonic()
    fails(scenario, ErrorKind.CANCELLED)

    assert len(scenario.waits) == 3
    assert time.monotonic() - started < 30  # the injected sleep never really waits


def test_a_single_dropped_upload_is_checked_then_sent_again(scenario: Scenario) -> None:
    scenario.state.inject("POST", r"/git/blobs$", drop=True, skip=1)

    completes_once(scenario)

    assert scenario.state.count(*BLOBS) == 4
    assert scenario.state.count("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", ok=False) == 1


def test_a_tree_whose_answer_was_lost_is_found_by_its_sha_not_sent_again(
    scenario: Scenario,
) -> None:
    scenario.state.inject("POST", r"/git/trees$", drop=True, after=True)

    completes_once(scenario)

    assert scenario.state.count("POST", "/repos/{owner}/{repo}/git/trees", ok=False) == 1
