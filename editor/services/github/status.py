"""A post's pull request as it stands on GitHub: open, merged or closed, the checks on its
latest commit, reviews, and review comments with the line they refer to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.services.github.retry import Retrier

if TYPE_CHECKING:
    from github import Github


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    status: str  # "queued", "in_progress", "completed"
    conclusion: str | None  # "success", "failure", "neutral", ... once completed

    @property
    def passed(self) -> bool | None:
        """True/False once finished (skipped and neutral count as passed); None while running."""
        if self.status != "completed":
            return None
        return self.conclusion in ("success", "neutral", "skipped")


@dataclass(frozen=True, slots=True)
class ReviewComment:
    author: str
    body: str
    path: str
    line: int | None  # None when the line no longer exists in the latest version


@dataclass(frozen=True, slots=True)
class Review:
    author: str
    state: str  # "APPROVED", "CHANGES_REQUESTED", "COMMENTED", ...
    body: str


@dataclass(frozen=True, slots=True)
class Conversation:
    author: str
    body: str


@dataclass(frozen=True, slots=True)
class PullStatus:
    number: int
    url: str
    title: str
    state: str  # "open", "merged", "closed"
    draft: bool
    head_sha: str
    checks: tuple[CheckResult, ...]
    reviews: tuple[Review, ...]
    comments: tuple[ReviewComment, ...]
    conversation: tuple[Conversation, ...]

    @property
    def checks_passed(self) -> bool | None:
        """True when every check passed, False when one failed, None while any runs."""
        results = [check.passed for check in self.checks]
        if any(result is False for result in results):
            return False
        if any(result is None for result in results):
            return None
        return True


def pull_status(
    client: Github, repository: str, number: int, retrier: Retrier | None = None
) -> PullStatus:
    """Read the pull request ``number`` of ``repository`` (GET requests only)."""
    retry = retrier or Retrier()
    repo = retry.read(lambda: client.get_repo(repository))
    pull = retry.read(lambda: repo.get_pull(number))
    state = "merged" if pull.merged else pull.state
    head_sha = pull.head.sha
    commit = retry.read(lambda: repo.get_commit(head_sha))
    checks = retry.read(
        lambda: tuple(
            CheckResult(run.name, run.status, run.conclusion) for run in commit.get_check_runs()
        )
    )
    reviews = retry.read(
        lambda: tuple(
            Review(r.user.login if r.user else "", r.state, r.body or "")
            for r in pull.get_reviews()
        )
    )
    comments = retry.read(
        lambda: tuple(
            ReviewComment(c.user.login if c.user else "", c.body, c.path, c.line)
            for c in pull.get_review_comments()
        )
    )
    conversation = retry.read(
        lambda: tuple(
            Conversation(c.user.login if c.user else "", c.body) for c in pull.get_issue_comments()
        )
    )
    return PullStatus(
        number=pull.number,
        url=pull.html_url,
        title=pull.title,
        state=state,
        draft=bool(pull.draft),
        head_sha=head_sha,
        checks=checks,
        reviews=reviews,
        comments=comments,
        conversation=conversation,
    )
