"""How review dialogs reach GitHub: the signed-in token, the server, cancel and progress.

A :class:`ReviewConnection` is built once by the window from the account; dialogs ask it for
a :class:`~editor.services.review.pull_requests.ReviewService` per job, so every job has its
own cancel flag and reports progress to the GUI thread through a queued signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from editor.services.github.client import make_client
from editor.services.github.errors import ErrorKind, GitHubError
from editor.services.github.retry import Retrier
from editor.ui.messages import translated

if TYPE_CHECKING:  # PyGithub and the review services load with the first review job
    from github import Github

    from editor.services.review.pull_requests import ReviewService

ClientFactory = Callable[[str, str], "Github"]


class ProgressRelay(QObject):
    """Carries a worker's progress messages to the GUI thread."""

    progressed = Signal(str)  # translated progress text


@dataclass
class ReviewConnection:
    """The account's token and server, and test knobs (client factory, retry options)."""

    token_provider: Callable[[], str | None]
    api_url: str | Callable[[], str]  # the address, or how to read it from the settings
    client_factory: ClientFactory = make_client
    retrier_options: dict[str, object] = field(default_factory=dict)
    on_token_rejected: Callable[[], None] = lambda: None

    @property
    def url(self) -> str:
        return self.api_url if isinstance(self.api_url, str) else self.api_url()

    def service(
        self, cancel: threading.Event, relay: ProgressRelay | None = None
    ) -> ReviewService | None:
        """A service for one job, or None when nobody is signed in."""
        from editor.services.review.pull_requests import ReviewService  # noqa: PLC0415

        token = self.token_provider()
        if not token:
            return None
        retrier = Retrier(cancelled=cancel.is_set, **self.retrier_options)  # type: ignore[arg-type]
        progress = (lambda m: relay.progressed.emit(translated(m))) if relay else None
        return ReviewService(
            self.client_factory(token, self.url), retrier=retrier, progress=progress
        )

    def explain(self, error: BaseException) -> str:
        """A failure in plain words (a rejected sign-in is also reported to the account)."""
        if isinstance(error, GitHubError):
            if error.kind is ErrorKind.SIGNED_OUT:
                self.on_token_rejected()
            return translated(error.message)
        return str(error) or type(error).__name__
