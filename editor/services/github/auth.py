"""Signing in to GitHub: the OAuth device flow, and checking a pasted personal access token.

The device flow is the one the GitHub CLI uses (RFC 8628 as GitHub serves it):

1. :meth:`DeviceFlow.start` asks the *web* host (``https://github.com``, not the API host) for
   a device code and a short user code;
2. the user opens the verification page and types the user code;
3. :meth:`DeviceFlow.poll` asks whether the user has approved, never sooner than the interval
   the server gave (the caller waits :attr:`DeviceAuthorization.interval` between polls; a
   ``slow_down`` answer lengthens it by five seconds or to the interval the server names),
   until a token, a refusal, or the code's expiry. :func:`wait_for_token` is that loop with an
   injectable clock and sleep, and a cancel check between steps.

A token, whichever way it came, is then checked by :func:`fetch_account` (``GET /user`` through
PyGithub): it must be accepted (else :class:`TokenRejectedError`) and carry the scopes publishing
needs (``public_repo`` or ``repo``; else :class:`MissingScopesError`, explained in plain words).

The OAuth App's client id is configuration: :data:`DEFAULT_CLIENT_ID` here is the one place a
distributor sets it; a setting and the :data:`CLIENT_ID_VARIABLE` environment variable override
it (see :func:`resolve_client_id` and the README).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from editor.core.i18n import Message, message
from editor.services.github.client import make_client

if TYPE_CHECKING:  # PyGithub, requests and urllib.request load when GitHub is first contacted
    from github import GithubException

#: The OAuth App Postwright signs in with (its "Client ID"; not a secret). Empty: this build has
#: none, and only a personal access token can be used. See the README, "Signing in to GitHub:
#: the OAuth App", for how a distributor registers one.
DEFAULT_CLIENT_ID = ""
#: An environment variable that overrides the client id (and the setting).
CLIENT_ID_VARIABLE = "POSTWRIGHT_GITHUB_CLIENT_ID"

GITHUB_API_URL = "https://api.github.com"
GITHUB_WEB_URL = "https://github.com"

#: What the device flow asks for: forks, branches and pull requests on public repositories, and
#: ``workflow`` so that bringing a fork up to date never fails on a changed workflow file.
REQUESTED_SCOPES = ("public_repo", "workflow")
#: A token needs one of these to publish.
PUBLISHING_SCOPES = frozenset({"public_repo", "repo"})
DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code"
#: Seconds added to the polling interval on each ``slow_down`` answer (RFC 8628, 3.5).
SLOW_DOWN_STEP = 5

_CONTEXT = "SignIn"
_TIMEOUT_SECONDS = 20

#: Posts a form to a URL and returns the status and the decoded answer (JSON or form-encoded).
FormPoster = Callable[[str, Mapping[str, str]], tuple[int, dict[str, object]]]


class Cancellable(Protocol):
    """Anything with a ``cancelled`` flag (the ui's ``CancelToken`` is one)."""

    @property
    def cancelled(self) -> bool: ...


# --- Errors ----------------------------------------------------------------------------------


class SignInError(Exception):
    """Signing in did not work; ``message`` says why and what to do, in plain words."""

    def __init__(self, problem: Message) -> None:
        super().__init__(problem.english())
        self.message = problem


class NetworkError(SignInError):
    """GitHub could not be reached (or answered something that is not GitHub)."""


class DeviceFlowUnavailableError(SignInError):
    """This app or this server cannot sign in through the browser: use a token instead."""


class DeviceCodeExpiredError(SignInError):
    """The code was not approved in time; a new one is needed."""


class AccessDeniedError(SignInError):
    """The user (or their organisation) refused the request on GitHub."""


class SignInCancelledError(SignInError):
    """The user stopped waiting."""


class TokenRejectedError(SignInError):
    """GitHub does not accept the token (HTTP 401): revoked, expired or mistyped."""


class MissingScopesError(SignInError):
    """The token works but may not publish; ``message`` names the scopes it needs."""


# --- Server and configuration ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GitHubServer:
    """Where GitHub is: its REST API, and the web host that serves sign-in pages."""

    api_url: str = GITHUB_API_URL
    web_url: str = GITHUB_WEB_URL

    @classmethod
    def from_settings(cls, api_url: str = "", web_url: str = "") -> GitHubServer:
        """The server for an API address (empty: GitHub.com); the web host derived unless given."""
        api = normalized_url(api_url) if api_url.strip() else GITHUB_API_URL
        web = normalized_url(web_url) if web_url.strip() else web_url_for(api)
        return cls(api, web)

    @property
    def is_github_com(self) -> bool:
        return self.api_url == GITHUB_API_URL

    @property
    def device_code_url(self) -> str:
        return f"{self.web_url}/login/device/code"

    @property
    def access_token_url(self) -> str:
        return f"{self.web_url}/login/oauth/access_token"

    def new_token_url(self) -> str:
        """The page that creates a classic token with the scopes publishing needs."""
        query = urllib.parse.urlencode(
            {"scopes": ",".join(REQUESTED_SCOPES), "description": "Postwright"}, safe=","
        )
        return f"{self.web_url}/settings/tokens/new?{query}"


def normalized_url(text: str) -> str:
    """``text`` as an ``http(s)`` address without a trailing slash; ValueError when it is not."""
    value = text.strip().rstrip("/")
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"not an http(s) address: {text!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"an API address has no query, fragment or user: {text!r}")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, "", ""))


def web_url_for(api_url: str) -> str:
    """The web host of an API address.

    ``https://api.github.com`` → ``https://github.com``; GitHub Enterprise Server
    ``https://HOST/api/v3`` → ``https://HOST``; GitHub Enterprise Cloud with data residency
    ``https://api.SUB.ghe.com`` → ``https://SUB.ghe.com``; anything else → its scheme and host.
    """
    parts = urllib.parse.urlsplit(normalized_url(api_url))
    netloc = parts.netloc
    if netloc == "api.github.com":
        return GITHUB_WEB_URL
    if netloc.startswith("api.") and netloc.endswith(".ghe.com"):
        netloc = netloc.removeprefix("api.")
    return f"{parts.scheme}://{netloc}"


def resolve_client_id(setting: str, environ: Mapping[str, str]) -> str:
    """The OAuth App client id: the environment variable, else the setting, else the default."""
    for candidate in (environ.get(CLIENT_ID_VARIABLE, ""), setting, DEFAULT_CLIENT_ID):
        if candidate.strip():
            return candidate.strip()
    return ""


# --- The account ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Account:
    """Who a token belongs to (never the token itself)."""

    login: str
    name: str = ""
    avatar_url: str = ""
    #: The token's OAuth scopes as GitHub reported them.
    scopes: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.name or self.login

    def initials(self) -> str:
        """One or two letters for the avatar placeholder."""
        words = [word for word in self.display_name.replace("-", " ").split() if word]
        if len(words) >= 2:
            return (words[0][0] + words[-1][0]).upper()
        return self.display_name[:1].upper()


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A checked token and its account (what a successful sign-in hands back)."""

    account: Account
    token: str = field(repr=False)


def check_token_text(text: str) -> str:
    """The pasted token without surrounding blanks; SignInError when it cannot be a token."""
    token = text.strip()
    if not token:
        raise SignInError(message(_CONTEXT, "Paste your personal access token first."))
    if not token.isascii() or not token.isprintable() or any(c.isspace() for c in token):
        raise SignInError(
            message(
                _CONTEXT,
                "That does not look like a GitHub token: a token is one word of letters,"
                " digits and underscores, such as “ghp_…”. Copy it again from GitHub.",
            )
        )
    return token


def fetch_account(server: GitHubServer, token: str) -> SignedIn:
    """Check ``token`` with ``GET /user``: who it belongs to and whether it may publish."""
    import requests  # noqa: PLC0415  (lazy: not needed at start-up)
    from github import BadCredentialsException, GithubException  # noqa: PLC0415

    client = make_client(token, server.api_url, throttle=False)  # one request: no spacing
    try:
        user = client.get_user()
        account = Account(user.login, user.name or "", user.avatar_url or "")
        scopes = client.oauth_scopes
    except BadCredentialsException:
        raise TokenRejectedError(_rejected()) from None
    except GithubException as error:
        raise SignInError(_github_refused(error)) from None
    except (requests.RequestException, OSError):
        raise NetworkError(_unreachable(server.api_url)) from None
    finally:
        client.close()
    problem = scope_problem(scopes, token)
    if problem is not None:
        raise MissingScopesError(problem)
    return SignedIn(_with_scopes(account, scopes or []), token)


#: The largest account picture Postwright downloads.
AVATAR_LIMIT = 1_000_000


def fetch_avatar(server: GitHubServer, avatar_url: str) -> bytes | None:
    """The account's picture, but only when the API host itself serves it; else None.

    GitHub.com serves pictures from another host (``avatars.githubusercontent.com``), which
    Postwright does not contact: the window shows initials instead. GitHub Enterprise Server
    serves them from its own host. Any failure also gives None: the picture is decoration.
    """
    if not avatar_url or _origin(avatar_url) != _origin(server.api_url):
        return None
    from urllib.request import Request, urlopen  # noqa: PLC0415  (lazy: not at start-up)

    request = Request(avatar_url, headers={"User-Agent": "Postwright"})
    try:
        with urlopen(request, timeout=_TIMEOUT_SECONDS) as response:
            data: bytes = response.read(AVATAR_LIMIT + 1)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return data if 0 < len(data) <= AVATAR_LIMIT else None


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def scope_problem(scopes: list[str] | None, token: str) -> Message | None:
    """Why a token with these scopes cannot publish, or None when it can."""
    if scopes is None:  # no X-OAuth-Scopes header: a fine-grained token (or an app's)
        if token.startswith("github_pat_"):
            return message(
                _CONTEXT,
                "This is a fine-grained token. GitHub lets those write only to repositories"
                " you own, so it cannot open a pull request on a community site. Create a"
                " classic token instead, with the “public_repo” scope ticked.",
            )
        return message(
            _CONTEXT,
            "GitHub did not say what this token may do, so Postwright cannot tell whether"
            " it may publish. Use a classic personal access token with the “public_repo”"
            " scope ticked.",
        )
    if PUBLISHING_SCOPES.isdisjoint(scopes):
        granted = ", ".join(f"“{scope}”" for scope in scopes) or "none"
        return message(
            _CONTEXT,
            "This token works, but it may not publish: it needs the “public_repo” scope"
            " (or “repo”, for private repositories) to copy a site's repository to your"
            " account and open a pull request. Its scopes now: {granted}. Create a new token"
            " with “public_repo” and “workflow” ticked.",
            granted=granted,
        )
    return None


def _with_scopes(account: Account, scopes: list[str]) -> Account:
    return Account(account.login, account.name, account.avatar_url, tuple(scopes))


# --- The device flow -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeviceAuthorization:
    """The server's answer to "start": the code to show, and how to wait for approval."""

    device_code: str = field(repr=False)
    user_code: str
    verification_uri: str
    expires_in: int
    #: Seconds to wait before the first poll and between polls (grows on ``slow_down``).
    interval: int


@dataclass(frozen=True, slots=True)
class Pending:
    """Not approved yet: poll again after ``interval`` seconds."""

    interval: int
    slowed_down: bool = False


class DeviceFlow:
    """One device-flow sign-in against one server with one OAuth App."""

    def __init__(
        self,
        server: GitHubServer,
        client_id: str,
        *,
        post: FormPoster | None = None,
        scopes: tuple[str, ...] = REQUESTED_SCOPES,
    ) -> None:
        self._server = server
        self._client_id = client_id.strip()
        self._post = post or post_form
        self._scopes = scopes

    def start(self) -> DeviceAuthorization:
        """Ask for a device code and a user code."""
        if not self._client_id:
            raise DeviceFlowUnavailableError(_no_client_id())
        status, body = self._post(
            self._server.device_code_url,
            {"client_id": self._client_id, "scope": " ".join(self._scopes)},
        )
        if status != 200 or "error" in body or "device_code" not in body:
            raise DeviceFlowUnavailableError(_device_flow_refused(status, body))
        try:
            return DeviceAuthorization(
                device_code=str(body["device_code"]),
                user_code=str(body["user_code"]),
                verification_uri=str(body["verification_uri"]),
                expires_in=_seconds(body.get("expires_in"), 900),
                interval=_seconds(body.get("interval"), 5),
            )
        except KeyError:
            raise DeviceFlowUnavailableError(_device_flow_refused(status, body)) from None

    def poll(self, authorization: DeviceAuthorization, interval: int) -> Pending | str:
        """Ask once whether the user approved: the access token, or how long to wait now.

        ``interval`` is the current polling interval (it only ever grows). Raises
        :class:`DeviceCodeExpiredError`, :class:`AccessDeniedError` or :class:`SignInError`.
        """
        status, body = self._post(
            self._server.access_token_url,
            {
                "client_id": self._client_id,
                "device_code": authorization.device_code,
                "grant_type": DEVICE_GRANT_TYPE,
            },
        )
        token = body.get("access_token")
        if status == 200 and isinstance(token, str) and token:
            return token
        error = body.get("error")
        if error == "authorization_pending":
            return Pending(interval)
        if error == "slow_down":
            named = _seconds(body.get("interval"), 0)
            return Pending(max(interval + SLOW_DOWN_STEP, named), slowed_down=True)
        if error in ("expired_token", "token_expired"):
            raise DeviceCodeExpiredError(code_expired())
        if error == "access_denied":
            raise AccessDeniedError(_denied())
        raise SignInError(_device_flow_failed(status, body))


def wait_for_token(
    flow: DeviceFlow,
    authorization: DeviceAuthorization,
    *,
    cancel: Cancellable | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Poll until the user approves; the access token.

    Waits the interval before every poll, grows it on ``slow_down``, gives up when the code
    expires (by the server's answer or by the clock), and stops with :class:`SignInCancelledError`
    as soon as ``cancel`` says so (checked before and after every wait).
    """
    deadline = clock() + authorization.expires_in
    interval = authorization.interval
    while True:
        _stop_if_cancelled(cancel)
        if clock() + interval >= deadline:
            raise DeviceCodeExpiredError(code_expired())
        sleep(interval)
        _stop_if_cancelled(cancel)
        answer = flow.poll(authorization, interval)
        if isinstance(answer, str):
            return answer
        interval = answer.interval


def _stop_if_cancelled(cancel: Cancellable | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise SignInCancelledError(message(_CONTEXT, "Signing in was cancelled."))


def _seconds(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return default


def post_form(url: str, form: Mapping[str, str]) -> tuple[int, dict[str, object]]:
    """POST ``form`` url-encoded, asking for JSON; the status and the decoded answer.

    GitHub answers device-flow errors with HTTP 200 and an ``error`` field, and some with 4xx:
    both come back as (status, body). Only a failure to reach the server raises.
    """
    from urllib.request import Request, urlopen  # noqa: PLC0415  (lazy: not at start-up)

    request = Request(
        url,
        data=urllib.parse.urlencode(form).encode("ascii"),
        headers={
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": "Postwright",
        },
        method="POST",
    )
    try:
        with urlopen(request, timeout=_TIMEOUT_SECONDS) as response:
            return response.status, _decoded(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, _decoded(error.read())
    except (urllib.error.URLError, OSError):
        raise NetworkError(_unreachable(url)) from None


def _decoded(data: bytes) -> dict[str, object]:
    text = data.decode("utf-8", errors="replace")
    try:
        value = json.loads(text)
    except ValueError:
        return dict(urllib.parse.parse_qsl(text))  # GitHub's default: form-encoded
    return value if isinstance(value, dict) else {}


# --- Messages --------------------------------------------------------------------------------


def _rejected() -> Message:
    return message(
        _CONTEXT,
        "GitHub did not accept this token. It may have been mistyped, revoked or expired."
        " Sign in again, or create a new token.",
    )


def _github_refused(error: GithubException) -> Message:
    reason = error.message or (error.data.get("message") if isinstance(error.data, dict) else "")
    return message(
        _CONTEXT,
        "GitHub refused to say who this token belongs to (error {status}: {reason}).",
        status=error.status,
        reason=reason or "no reason given",
    )


def _unreachable(url: str) -> Message:
    host = urllib.parse.urlsplit(url).netloc or url
    if host.lower() in ("github.com", "api.github.com"):
        return message(
            _CONTEXT,
            "Postwright could not reach GitHub. Check your internet connection, then try again.",
        )
    return message(
        _CONTEXT,
        "Postwright could not reach {host}. Check your internet connection (and, for GitHub"
        " Enterprise, the server address in the settings), then try again.",
        host=host,
    )


def _no_client_id() -> Message:
    return message(
        _CONTEXT,
        "This copy of Postwright has no GitHub OAuth App to sign in through the browser."
        " Use a personal access token instead.",
    )


def _device_flow_refused(status: int, body: Mapping[str, object]) -> Message:
    error = str(body.get("error", ""))
    if error == "device_flow_disabled":
        return message(
            _CONTEXT,
            "Signing in through the browser is switched off for this app on GitHub. Use a"
            " personal access token instead.",
        )
    if status in (401, 403, 404, 422) or error in ("unauthorized_client", "incorrect_client"):
        return message(
            _CONTEXT,
            "This GitHub server does not offer signing in through the browser for this app"
            " (answer {status}). Use a personal access token instead.",
            status=status,
        )
    return message(
        _CONTEXT,
        "GitHub could not start signing in (answer {status}{detail}). Try again, or use a"
        " personal access token.",
        status=status,
        detail=f": {body['error_description']}" if body.get("error_description") else "",
    )


def code_expired() -> Message:
    """The code's time ran out (said by the server, or seen on the clock)."""
    return message(
        _CONTEXT,
        "The code expired before it was approved on GitHub. Get a new code and try again.",
    )


def _denied() -> Message:
    return message(
        _CONTEXT,
        "Postwright was not given access on GitHub. Nothing was changed; you can sign in"
        " again whenever you like.",
    )


def _device_flow_failed(status: int, body: Mapping[str, object]) -> Message:
    return message(
        _CONTEXT,
        "GitHub stopped the sign-in ({error}). Start again, or use a personal access token.",
        error=str(body.get("error_description") or body.get("error") or f"answer {status}"),
    )
