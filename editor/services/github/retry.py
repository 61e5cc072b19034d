"""Retrying GitHub calls the safe way.

* Reads (GET) are repeated after a dropped connection or a 5xx, with a short backoff.
* Writes (POST, PATCH) are never repeated blindly: after an answer that leaves it open whether
  the write took effect (connection lost, 5xx), ``check`` looks on GitHub first and the write
  is sent again only when it did not happen.
* A rate limit means the request was refused: wait as GitHub asks (with a countdown the user
  sees, capped at ``max_rate_wait``), then send it again.
* Every wait can be cancelled.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from editor.core.i18n import Message, message
from editor.services.github.errors import CancelledError, ErrorKind, GitHubError, classify

T = TypeVar("T")
_CONTEXT = "publish"

_TRANSIENT = frozenset({ErrorKind.NETWORK, ErrorKind.SERVER})


@dataclass(frozen=True, slots=True)
class Wait:
    """A countdown the user sees: why Postwright waits and how many seconds are left."""

    reason: Message
    seconds_left: int


class Retrier:
    """Runs GitHub calls with the rules above."""

    def __init__(
        self,
        *,
        cancelled: Callable[[], bool] = lambda: False,
        on_wait: Callable[[Wait], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = 4,
        backoff: float = 1.0,
        max_rate_wait: float = 120.0,
    ) -> None:
        self.cancelled = cancelled
        self.on_wait = on_wait
        self.sleep = sleep
        self.attempts = attempts
        self.backoff = backoff
        self.max_rate_wait = max_rate_wait

    def check_cancel(self) -> None:
        if self.cancelled():
            raise CancelledError

    def wait(self, seconds: float, reason: Message) -> None:
        """Wait ``seconds``, reporting a countdown each second; Cancel stops it.

        ``reason`` may use ``{seconds}``: it is filled with the seconds left at each tick.
        """
        left = float(seconds)
        while left > 0:
            self.check_cancel()
            if self.on_wait is not None:
                seconds = math.ceil(left)
                bound = Message(reason.context, reason.text, (("seconds", seconds),))
                self.on_wait(Wait(bound, seconds))
            step = min(1.0, left)
            self.sleep(step)
            left -= step
        self.check_cancel()

    def _rate_wait(self, error: GitHubError) -> None:
        seconds = error.retry_after or 60.0
        if seconds > self.max_rate_wait:
            raise error
        self.wait(
            seconds,
            message(_CONTEXT, "GitHub asks Postwright to slow down; going on in {seconds} s."),
        )

    def _backoff(self, attempt: int) -> None:
        self.wait(
            self.backoff * 2 ** (attempt - 1),
            message(_CONTEXT, "GitHub did not answer; trying again in {seconds} s."),
        )

    def read(self, call: Callable[[], T]) -> T:
        """A call that changes nothing on GitHub."""
        attempt = 0
        rate_waits = 0
        while True:
            self.check_cancel()
            try:
                return call()
            except Exception as raw:
                error = classify(raw)
                if error.kind is ErrorKind.RATE_LIMIT and rate_waits < 3:
                    rate_waits += 1
                    self._rate_wait(error)
                    continue
                attempt += 1
                if error.kind in _TRANSIENT and attempt < self.attempts:
                    self._backoff(attempt)
                    continue
                raise error from raw

    def write(self, call: Callable[[], T], check: Callable[[], T | None]) -> T:
        """A call that changes GitHub; ``check`` returns its effect if it already happened."""
        attempt = 0
        rate_waits = 0
        while True:
            self.check_cancel()
            try:
                return call()
            except Exception as raw:
                error = classify(raw, writing=True)
                if error.kind is ErrorKind.RATE_LIMIT and rate_waits < 3:
                    rate_waits += 1
                    self._rate_wait(error)
                    continue
                attempt += 1
                if error.kind not in _TRANSIENT or attempt >= self.attempts:
                    raise error from raw
                self._backoff(attempt)
                done = self.read(check)
                if done is not None:
                    return done
