"""The pull-request status of a published post, read from the fake GitHub."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_github import FakeGitHub
from fake_github.scenario import blog_scenario

from editor.services.github.client import make_client
from editor.services.github.status import pull_status

pytestmark = pytest.mark.usefixtures("no_git")


def test_status_shows_checks_reviews_and_comments_with_their_lines(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    result = scenario.publish()
    state = fake_github.state
    head = result.state.last_commit
    state.add_check_run(head, "Markdown Lint", "completed", "success")
    state.add_check_run(head, "Build site", "in_progress", None)
    state.add_review(
        "pnp/blog",
        result.pull_number,
        "maintainer",
        "CHANGES_REQUESTED",
        body="Nice post! Two small things.",
        comments=(("content/post/three-pictures/index.md", 14, "Add alt text here."),),
    )
    state.add_issue_comment("pnp/blog", result.pull_number, "maintainer", "Thanks!")
    client = make_client(scenario.token, fake_github.base_url, throttle=False)

    status = pull_status(client, "pnp/blog", result.pull_number, scenario.retrier())

    assert status.state == "open"
    assert status.url == result.pull_url
    assert status.head_sha == head
    assert [(c.name, c.passed) for c in status.checks] == [
        ("Markdown Lint", True),
        ("Build site", None),
    ]
    assert status.checks_passed is None
    assert [(r.author, r.state) for r in status.reviews] == [("maintainer", "CHANGES_REQUESTED")]
    assert [(c.path, c.line, c.body) for c in status.comments] == [
        ("content/post/three-pictures/index.md", 14, "Add alt text here.")
    ]
    assert [(c.author, c.body) for c in status.conversation] == [("maintainer", "Thanks!")]


@pytest.mark.parametrize(("merged", "expected"), [(True, "merged"), (False, "closed")])
def test_status_tells_merged_from_closed(
    fake_github: FakeGitHub, tmp_path: Path, merged: bool, expected: str
) -> None:
    scenario = blog_scenario(fake_github, tmp_path)
    result = scenario.publish()
    fake_github.state.add_check_run(result.state.last_commit, "Build site", "completed", "failure")
    fake_github.state.close_pull("pnp/blog", result.pull_number, merged=merged)
    client = make_client(scenario.token, fake_github.base_url, throttle=False)

    status = pull_status(client, "pnp/blog", result.pull_number)

    assert status.state == expected
    assert status.checks_passed is False
