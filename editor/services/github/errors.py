"""What can go wrong while talking to GitHub, in plain words with what to do next.

Every failure of a GitHub call becomes a :class:`GitHubError` whose ``kind`` says what
happened and whose ``message`` the window shows. :func:`classify` turns PyGithub's and
requests' exceptions into one.
"""

from __future__ import annotations

import time
from enum import Enum
from typing import TYPE_CHECKING

from editor.core.i18n import Message, message

if TYPE_CHECKING:  # requests and PyGithub are imported when a failure is classified
    from github import GithubException

_CONTEXT = "publish"


class ErrorKind(Enum):
    NETWORK = "network"  # the connection failed or dropped
    SERVER = "server"  # GitHub answered 5xx
    RATE_LIMIT = "rate_limit"  # primary or secondary rate limit
    SIGNED_OUT = "signed_out"  # 401: the token no longer works
    MISSING_SCOPE = "missing_scope"  # 404/403 on a write the token may not make
    SSO = "sso"  # the organisation requires single sign-on for this token
    ARCHIVED = "archived"
    NOT_FOUND = "not_found"
    TOO_LARGE = "too_large"
    FORK_NOT_READY = "fork_not_ready"
    BRANCH_MOVED = "branch_moved"  # someone else pushed to the post's branch
    NO_PULL_REQUESTS = "no_pull_requests"
    CANCELLED = "cancelled"
    OTHER = "other"


class GitHubError(Exception):
    """A GitHub call failed; ``message`` explains it to the user."""

    def __init__(
        self,
        kind: ErrorKind,
        user_message: Message,
        *,
        status: int | None = None,
        url: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(user_message.english())
        self.kind = kind
        self.message = user_message
        self.status = status
        self.url = url  # e.g. the single sign-on page to open
        self.retry_after = retry_after


class CancelledError(GitHubError):
    """The user pressed Cancel; what was done so far is kept and publishing again goes on."""

    def __init__(self) -> None:
        super().__init__(
            ErrorKind.CANCELLED,
            message(
                _CONTEXT,
                "Publishing was cancelled. Nothing on your computer changed; publishing again "
                "continues where it stopped.",
            ),
        )


def _text(error: GithubException) -> str:
    data = error.data
    if isinstance(data, dict):
        parts = [str(data.get("message", ""))]
        for item in data.get("errors", []) or []:
            parts.append(str(item.get("message", "")) if isinstance(item, dict) else str(item))
        return " ".join(parts)
    return str(data or "")


def _header(error: GithubException, name: str) -> str:
    headers = error.headers or {}
    for key, value in headers.items():
        if key.lower() == name.lower():
            return str(value)
    return ""


def rate_limit_wait(error: GithubException, now: float | None = None) -> float | None:
    """Seconds GitHub asks to wait, when ``error`` is a rate limit; else None."""
    if error.status not in (403, 429):
        return None
    text = _text(error).lower()
    retry_after = _header(error, "Retry-After")
    remaining = _header(error, "X-RateLimit-Remaining")
    if retry_after.isdigit():
        return float(retry_after)
    if remaining == "0" or "rate limit" in text:
        reset = _header(error, "X-RateLimit-Reset")
        if reset.isdigit():
            return max(1.0, float(reset) - (time.time() if now is None else now) + 1)
        return 60.0  # GitHub's advice for a secondary limit without Retry-After
    return None


def classify(  # noqa: PLR0911, PLR0912  (one answer per kind of GitHub failure)
    error: BaseException, *, writing: bool = False
) -> GitHubError:
    """The :class:`GitHubError` for an exception raised by a GitHub call."""
    if isinstance(error, GitHubError):
        return error
    import requests  # noqa: PLC0415  (lazy: not needed at start-up)
    from github import GithubException  # noqa: PLC0415

    if isinstance(error, requests.exceptions.RetryError | requests.exceptions.HTTPError):
        return _server_error(None)
    if isinstance(error, requests.exceptions.RequestException | ConnectionError | TimeoutError):
        return GitHubError(
            ErrorKind.NETWORK,
            message(
                _CONTEXT,
                "The connection to GitHub was lost. Check your internet connection, then "
                "publish again: what was already sent is kept, nothing is sent twice.",
            ),
        )
    if not isinstance(error, GithubException):
        return GitHubError(
            ErrorKind.OTHER, message(_CONTEXT, "Unexpected problem: {error}", error=str(error))
        )
    status = error.status
    text = _text(error)
    lowered = text.lower()
    wait = rate_limit_wait(error)
    if wait is not None:
        return GitHubError(
            ErrorKind.RATE_LIMIT,
            message(
                _CONTEXT,
                "GitHub asks Postwright to slow down for {minutes} minutes. Publish again after "
                "that; nothing is lost.",
                minutes=max(1, round(wait / 60)),
            ),
            status=status,
            retry_after=wait,
        )
    if status == 401:
        return GitHubError(
            ErrorKind.SIGNED_OUT,
            message(
                _CONTEXT,
                "GitHub no longer accepts your sign-in (it may have been revoked or expired). "
                "Sign in again, then publish: your post is kept as it is.",
            ),
            status=status,
        )
    sso = _header(error, "X-GitHub-SSO")
    if status == 403 and sso:
        url = sso.partition("url=")[2].strip()
        return GitHubError(
            ErrorKind.SSO,
            message(
                _CONTEXT,
                "The organisation that owns this repository requires single sign-on. Open the "
                "authorisation page, approve Postwright for the organisation, then publish "
                "again.",
            ),
            status=status,
            url=url,
        )
    if status == 403 and "archived" in lowered:
        return archived_error()
    if status == 403 and "not accessible" in lowered:
        return missing_scope_error(status)
    if status == 404 and writing:
        return missing_scope_error(status)
    if status == 404:
        return GitHubError(
            ErrorKind.NOT_FOUND,
            message(
                _CONTEXT,
                "GitHub could not find what Postwright asked for ({detail}).",
                detail=text or "Not Found",
            ),
            status=status,
        )
    if status == 422 and ("too large" in lowered or "too_large" in lowered):
        return GitHubError(
            ErrorKind.TOO_LARGE,
            message(
                _CONTEXT,
                "GitHub refused a file as too large. Make the pictures smaller, then publish "
                "again.",
            ),
            status=status,
        )
    if status == 409 and "empty" in lowered:
        return fork_not_ready_error()
    if status >= 500:
        return _server_error(status)
    return GitHubError(
        ErrorKind.OTHER,
        message(_CONTEXT, "GitHub refused the request: {detail}", detail=text or str(status)),
        status=status,
    )


def _server_error(status: int | None) -> GitHubError:
    return GitHubError(
        ErrorKind.SERVER,
        message(
            _CONTEXT,
            "GitHub is having trouble right now. Wait a few minutes and publish again; "
            "nothing is lost and nothing is sent twice.",
        ),
        status=status,
    )


def archived_error() -> GitHubError:
    return GitHubError(
        ErrorKind.ARCHIVED,
        message(
            _CONTEXT,
            "The site's repository is archived (read-only), so it takes no new posts. Your "
            "post stays on your computer; ask the site's maintainers where to contribute now.",
        ),
        status=403,
    )


def missing_scope_error(status: int | None = None) -> GitHubError:
    return GitHubError(
        ErrorKind.MISSING_SCOPE,
        message(
            _CONTEXT,
            "Your GitHub sign-in does not allow Postwright to write to repositories. Sign in "
            "again and approve access to public repositories (or use a token with the "
            "public_repo scope), then publish again.",
        ),
        status=status,
    )


def fork_not_ready_error() -> GitHubError:
    return GitHubError(
        ErrorKind.FORK_NOT_READY,
        message(
            _CONTEXT,
            "GitHub is still preparing your copy of the site's repository. Publish again in a "
            "few minutes; it will be used as soon as it is ready.",
        ),
        status=409,
    )
