"""The PyGithub client publishing uses.

Where GitHub is (GitHub.com or a GitHub Enterprise Server API address) is decided by
:class:`editor.services.github.auth.GitHubServer`; this module only builds the client for it.
PyGithub's own retries are off: :mod:`.retry` decides what may be sent again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyGithub is imported when a client is first made, not at start-up
    from github import Github

TIMEOUT_SECONDS = 30


def make_client(token: str, api_url: str, *, throttle: bool = True) -> Github:
    """A PyGithub client for ``token`` against the API at ``api_url``.

    ``throttle`` keeps PyGithub's spacing between requests and writes (GitHub's advice against
    secondary rate limits); tests against the local fake turn it off.
    """
    from github import Auth, Github  # noqa: PLC0415  (heavy: only when GitHub is used)

    spacing: dict[str, Any] = (
        {} if throttle else {"seconds_between_requests": None, "seconds_between_writes": None}
    )
    return Github(
        auth=Auth.Token(token),
        base_url=api_url.rstrip("/"),
        timeout=TIMEOUT_SECONDS,
        retry=None,
        **spacing,
    )
