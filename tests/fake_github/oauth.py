"""The fake GitHub's OAuth device flow (``POST /login/device/code``, ``/login/oauth/access_token``).

It answers as docs.github.com's "Authorizing OAuth apps → Device flow" describes (table in
``../shared/github-contract/README.md``): a 40-character device code, an ``XXXX-XXXX`` user
code, ``interval`` and ``expires_in``; polls answered with **HTTP 200** and an ``error`` field
(``authorization_pending``, ``slow_down`` with the new interval, ``expired_token``,
``access_denied``, ``incorrect_device_code``, ``incorrect_client_credentials``,
``unsupported_grant_type``), and 400 ``device_flow_disabled`` when the app has not enabled it.

It enforces the polling rule: a poll sooner than the current interval after the previous one
(or after the code was issued) gets ``slow_down`` and the interval grows by five seconds.

Test controls: :meth:`FakeOAuth.approve` (the user typed the code and clicked Authorize; a token
is issued through the fake's state), :meth:`deny`, :meth:`expire`, :attr:`device_flow_enabled`,
and a :class:`FakeClock` shared with the client so nothing waits in real time.
"""

from __future__ import annotations

import secrets
import string
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

DEVICE_CODE_PATH = "/login/device/code"
ACCESS_TOKEN_PATH = "/login/oauth/access_token"
DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code"
TEST_CLIENT_ID = "Ov23liPostwrightTest"
_ERROR_URI = (
    "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow"
)
_USER_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"  # GitHub's codes avoid vowels and look-alikes

_DESCRIPTIONS = {
    "authorization_pending": "The authorization request is still pending.",
    "slow_down": "Too many requests have been made in the same timeframe.",
    "expired_token": "The device_code has expired.",
    "access_denied": "The authorization request was denied.",
    "incorrect_device_code": "The device_code provided is not valid.",
    "incorrect_client_credentials": "The client_id and/or client_secret passed are incorrect.",
    "unsupported_grant_type": "The grant type is not supported.",
    "device_flow_disabled": "Device Flow must be explicitly enabled for this App",
}


class TokenIssuer(Protocol):
    """The part of the fake's state the device flow needs."""

    def issue_token(self, login: str, scopes: Sequence[str]) -> str: ...


class FakeClock:
    """A clock that moves only when someone sleeps on it (share it with the client)."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._now += seconds

    advance = sleep


@dataclass
class _Code:
    device_code: str
    user_code: str
    client_id: str
    scopes: tuple[str, ...]
    expires_at: float
    interval: int
    last_poll: float
    approved_by: str | None = None
    granted: tuple[str, ...] = ()
    denied: bool = False
    used: bool = False


@dataclass
class Poll:
    """One poll as the fake saw it: when, and what it answered (``"token"`` on success)."""

    at: float
    answer: str


@dataclass
class FakeOAuth:
    """The device-flow endpoints, with controls for tests."""

    state: TokenIssuer
    clock: Callable[[], float] = time.monotonic
    client_ids: frozenset[str] = frozenset({TEST_CLIENT_ID})
    interval: int = 5
    expires_in: int = 900
    #: False: the OAuth App has not ticked "Enable Device Flow" (400 device_flow_disabled).
    device_flow_enabled: bool = True
    polls: list[Poll] = field(default_factory=list)
    _codes: dict[str, _Code] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the endpoints ----------------------------------------------------------------------

    def handle(self, method: str, path: str, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        """Answer one request under ``/login/``: (HTTP status, JSON body)."""
        path = path.split("?", 1)[0]
        if method != "POST" or path not in (DEVICE_CODE_PATH, ACCESS_TOKEN_PATH):
            return 404, {"error": "Not Found"}
        with self._lock:
            if path == DEVICE_CODE_PATH:
                return self._device_code(form)
            return self._access_token(form)

    def _device_code(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        if form.get("client_id") not in self.client_ids:
            return 401, _error("incorrect_client_credentials")
        if not self.device_flow_enabled:
            return 400, {**_error("device_flow_disabled"), "error_uri": "https://docs.github.com"}
        code = _Code(
            device_code=secrets.token_hex(20),
            user_code=_user_code(),
            client_id=form["client_id"],
            scopes=tuple(form.get("scope", "").split()),
            expires_at=self.clock() + self.expires_in,
            interval=self.interval,
            last_poll=self.clock(),
        )
        self._codes[code.device_code] = code
        return 200, {
            "device_code": code.device_code,
            "user_code": code.user_code,
            "verification_uri": "https://github.com/login/device",
            "expires_in": self.expires_in,
            "interval": self.interval,
        }

    def _access_token(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        now = self.clock()
        answer, body = self._poll_answer(form, now)
        self.polls.append(Poll(now, answer))
        return 200, body

    def _poll_answer(  # noqa: PLR0911  (one answer per error code GitHub documents)
        self, form: dict[str, str], now: float
    ) -> tuple[str, dict[str, object]]:
        if form.get("client_id") not in self.client_ids:
            return _named("incorrect_client_credentials")
        if form.get("grant_type") != DEVICE_GRANT_TYPE:
            return _named("unsupported_grant_type")
        code = self._codes.get(form.get("device_code", ""))
        if code is None or code.used or code.client_id != form["client_id"]:
            return _named("incorrect_device_code")
        if now >= code.expires_at:
            return _named("expired_token")
        if code.denied:
            return _named("access_denied")
        too_soon = now - code.last_poll < code.interval
        code.last_poll = now
        if too_soon:
            code.interval += 5
            error, body = _named("slow_down")
            return error, {**body, "interval": code.interval}
        if code.approved_by is None:
            return _named("authorization_pending")
        code.used = True
        token = self.state.issue_token(code.approved_by, code.granted)
        return "token", {
            "access_token": token,
            "token_type": "bearer",
            "scope": ",".join(code.granted),
        }

    # -- test controls ----------------------------------------------------------------------

    @property
    def user_codes(self) -> list[str]:
        """Every user code handed out, oldest first."""
        with self._lock:
            return [code.user_code for code in self._codes.values()]

    def approve(self, user_code: str, login: str, scopes: Sequence[str] | None = None) -> None:
        """The user typed ``user_code`` on GitHub and authorised (by default all asked scopes)."""
        with self._lock:
            code = self._by_user_code(user_code)
            code.approved_by = login
            code.granted = tuple(code.scopes if scopes is None else scopes)

    def deny(self, user_code: str) -> None:
        """The user clicked Cancel on GitHub's authorisation page."""
        with self._lock:
            self._by_user_code(user_code).denied = True

    def expire(self, user_code: str) -> None:
        """The code's fifteen minutes are over."""
        with self._lock:
            self._by_user_code(user_code).expires_at = self.clock()

    def _by_user_code(self, user_code: str) -> _Code:
        for code in self._codes.values():
            if code.user_code == user_code:
                return code
        raise KeyError(f"no such user code: {user_code}")


def _user_code() -> str:
    letters = "".join(secrets.choice(_USER_CODE_LETTERS + string.digits[1:]) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def _error(error: str) -> dict[str, object]:
    return {"error": error, "error_description": _DESCRIPTIONS[error], "error_uri": _ERROR_URI}


def _named(error: str) -> tuple[str, dict[str, object]]:
    return error, _error(error)
