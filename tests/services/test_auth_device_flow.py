"""The OAuth device flow client: polling as the spec says, expiry, denial, cancellation.

The client talks to the fake GitHub's device-flow endpoints (``fake_github/oauth.py``) through
an in-process poster here; ``test_auth_github.py`` does the same over real HTTP. Time is a
:class:`FakeClock` shared by client and fake, so nothing waits in real time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qsl

import pytest
from fake_github.oauth import TEST_CLIENT_ID, FakeClock, FakeOAuth

from editor.services.github.auth import (
    CLIENT_ID_VARIABLE,
    DEFAULT_CLIENT_ID,
    AccessDeniedError,
    DeviceCodeExpiredError,
    DeviceFlow,
    DeviceFlowUnavailableError,
    GitHubServer,
    NetworkError,
    Pending,
    SignInCancelledError,
    post_form,
    resolve_client_id,
    wait_for_token,
    web_url_for,
)


class Issuer:
    """The fake state's token issuing, on its own."""

    def __init__(self) -> None:
        self.issued: list[tuple[str, tuple[str, ...]]] = []

    def issue_token(self, login: str, scopes: Sequence[str]) -> str:
        self.issued.append((login, tuple(scopes)))
        return f"gho_{login}_{len(self.issued)}"


class Wire:
    """Posts to the fake in-process and records what was sent where."""

    def __init__(self, oauth: FakeOAuth) -> None:
        self.oauth = oauth
        self.sent: list[tuple[str, dict[str, str]]] = []

    def __call__(self, url: str, form: Mapping[str, str]) -> tuple[int, dict[str, object]]:
        self.sent.append((url, dict(form)))
        path = "/" + url.split("/", 3)[3]
        return self.oauth.handle("POST", path, dict(form))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def oauth(clock: FakeClock) -> FakeOAuth:
    return FakeOAuth(Issuer(), clock=clock, expires_in=60)


@pytest.fixture
def wire(oauth: FakeOAuth) -> Wire:
    return Wire(oauth)


@pytest.fixture
def flow(wire: Wire) -> DeviceFlow:
    return DeviceFlow(GitHubServer(), TEST_CLIENT_ID, post=wire)


class Never:
    cancelled = False


def sleeper(clock: FakeClock, after: int, action: Callable[[], None]) -> Callable[[float], None]:
    """A sleep on ``clock`` that runs ``action`` once, during the ``after``-th wait."""
    calls = [0]

    def sleep(seconds: float) -> None:
        calls[0] += 1
        clock.sleep(seconds)
        if calls[0] == after:
            action()

    return sleep


def test_start_asks_the_web_host_for_a_code_with_the_publishing_scopes(
    flow: DeviceFlow, wire: Wire
) -> None:
    authorization = flow.start()
    url, form = wire.sent[0]
    assert url == "https://github.com/login/device/code"  # github.com, not api.github.com
    assert form == {"client_id": TEST_CLIENT_ID, "scope": "public_repo workflow"}
    assert authorization.user_code in wire.oauth.user_codes
    assert (authorization.interval, authorization.expires_in) == (5, 60)
    assert authorization.device_code not in repr(authorization)  # the secret half stays out


def test_waits_the_interval_before_every_poll_and_returns_the_token(
    flow: DeviceFlow, oauth: FakeOAuth, clock: FakeClock
) -> None:
    authorization = flow.start()
    approve = lambda: oauth.approve(authorization.user_code, "octocat")  # noqa: E731
    token = wait_for_token(
        flow, authorization, clock=clock, sleep=sleeper(clock, 3, approve), cancel=Never()
    )
    assert token == "gho_octocat_1"
    assert clock.sleeps == [5, 5, 5]
    assert [poll.answer for poll in oauth.polls] == [
        "authorization_pending",
        "authorization_pending",
        "token",
    ]
    assert oauth.state.issued == [("octocat", ("public_repo", "workflow"))]  # type: ignore[attr-defined]


def test_slow_down_adds_five_seconds_to_every_later_wait(
    flow: DeviceFlow, oauth: FakeOAuth, clock: FakeClock
) -> None:
    authorization = flow.start()
    clock.sleep(-2)  # the machine's clock ran ahead: the first poll reaches GitHub too early
    approve = lambda: oauth.approve(authorization.user_code, "octocat")  # noqa: E731
    token = wait_for_token(flow, authorization, clock=clock, sleep=sleeper(clock, 3, approve))
    assert token.startswith("gho_")
    assert [poll.answer for poll in oauth.polls] == ["slow_down", "authorization_pending", "token"]
    assert clock.sleeps[1:] == [5, 10, 10]


def test_slow_down_takes_the_interval_the_server_names_when_longer(flow: DeviceFlow) -> None:
    def answer(url: str, form: Mapping[str, str]) -> tuple[int, dict[str, object]]:
        return 200, {"error": "slow_down", "interval": 22}

    slowed = DeviceFlow(GitHubServer(), TEST_CLIENT_ID, post=answer)
    authorization = flow.start()
    assert slowed.poll(authorization, 5) == Pending(22, slowed_down=True)
    assert slowed.poll(authorization, 25) == Pending(30, slowed_down=True)


def test_a_code_nobody_approves_expires_without_polling_past_its_lifetime(
    flow: DeviceFlow, oauth: FakeOAuth, clock: FakeClock
) -> None:
    authorization = flow.start()
    started = clock()
    with pytest.raises(DeviceCodeExpiredError) as caught:
        wait_for_token(flow, authorization, clock=clock, sleep=clock.sleep)
    assert "Get a new code" in caught.value.message.english()
    assert len(oauth.polls) == 11  # at 5, 10, … 55 s: none at the 60th second, when it dies
    assert all(poll.answer == "authorization_pending" for poll in oauth.polls)
    assert clock() - started <= 60


def test_the_server_saying_expired_ends_the_wait(
    flow: DeviceFlow, oauth: FakeOAuth, clock: FakeClock
) -> None:
    authorization = flow.start()
    expire = lambda: oauth.expire(authorization.user_code)  # noqa: E731
    with pytest.raises(DeviceCodeExpiredError):
        wait_for_token(flow, authorization, clock=clock, sleep=sleeper(clock, 2, expire))
    assert [poll.answer for poll in oauth.polls] == ["authorization_pending", "expired_token"]


def test_denial_on_github_stops_polling_with_a_plain_message(
    flow: DeviceFlow, oauth: FakeOAuth, clock: FakeClock
) -> None:
    authorization = flow.start()
    deny = lambda: oauth.deny(authorization.user_code)  # noqa: E731
    with pytest.raises(AccessDeniedError) as caught:
        wait_for_token(flow, authorization, clock=clock, sleep=sleeper(clock, 1, deny))
    assert "not given access" in caught.value.message.english()
    assert [poll.answer for poll in oauth.polls] == ["access_denied"]


def test_cancelling_stops_before_the_next_poll(
    flow: DeviceFlow, oauth: FakeOAuth, clock: FakeClock
) -> None:
    class Token:
        cancelled = False

    token = Token()
    authorization = flow.start()

    def cancel() -> None:
        token.cancelled = True

    with pytest.raises(SignInCancelledError):
        wait_for_token(
            flow, authorization, clock=clock, sleep=sleeper(clock, 2, cancel), cancel=token
        )
    assert len(oauth.polls) == 1  # the poll after the cancelled wait was never sent


def test_an_app_without_device_flow_sends_the_user_to_the_token_page(
    flow: DeviceFlow, oauth: FakeOAuth
) -> None:
    oauth.device_flow_enabled = False
    with pytest.raises(DeviceFlowUnavailableError) as caught:
        flow.start()
    assert "personal access token" in caught.value.message.english()


def test_an_unknown_client_id_is_reported_as_unavailable(wire: Wire) -> None:
    with pytest.raises(DeviceFlowUnavailableError) as caught:
        DeviceFlow(GitHubServer(), "Ov23liSomeoneElse", post=wire).start()
    assert "401" in caught.value.message.english()


def test_no_client_id_means_no_request_and_the_token_page(wire: Wire) -> None:
    with pytest.raises(DeviceFlowUnavailableError) as caught:
        DeviceFlow(GitHubServer(), "  ", post=wire).start()
    assert wire.sent == []
    assert "personal access token" in caught.value.message.english()


def test_the_client_id_comes_from_the_environment_then_the_setting_then_the_default() -> None:
    assert resolve_client_id("Ov23setting", {CLIENT_ID_VARIABLE: "Ov23env"}) == "Ov23env"
    assert resolve_client_id("Ov23setting", {CLIENT_ID_VARIABLE: " "}) == "Ov23setting"
    assert resolve_client_id("", {}) == DEFAULT_CLIENT_ID


@pytest.mark.parametrize(
    ("api", "web"),
    [
        ("https://api.github.com", "https://github.com"),
        ("https://api.github.com/", "https://github.com"),
        ("https://GHE.example.com/api/v3", "https://ghe.example.com"),
        ("https://api.contoso.ghe.com", "https://contoso.ghe.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
    ],
)
def test_the_sign_in_host_is_derived_from_the_api_address(api: str, web: str) -> None:
    assert web_url_for(api) == web
    server = GitHubServer.from_settings(api)
    assert server.device_code_url == f"{web}/login/device/code"
    assert server.access_token_url == f"{web}/login/oauth/access_token"


def test_the_sign_in_host_can_be_given_explicitly() -> None:
    server = GitHubServer.from_settings("https://ghe.example.com/api/v3", "http://127.0.0.1:9/")
    assert server.web_url == "http://127.0.0.1:9"
    assert GitHubServer.from_settings("") == GitHubServer()


@pytest.mark.parametrize("text", ["ghe.example.com", "ftp://x", "https://", "https://h?x=1"])
def test_an_address_that_is_not_http_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        GitHubServer.from_settings(text)


# --- the real HTTP poster -------------------------------------------------------------------


class _Answers(BaseHTTPRequestHandler):
    answers: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    received: ClassVar[list[tuple[str, str, dict[str, str]]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(parse_qsl(self.rfile.read(length).decode()))
        self.received.append((self.path, self.headers.get("Accept", ""), form))
        status, kind, body = self.answers[self.path]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        del args


@pytest.fixture
def http_server() -> Iterator[str]:
    _Answers.received = []
    _Answers.answers = {
        "/json": (200, "application/json", b'{"error": "authorization_pending"}'),
        "/form": (200, "application/x-www-form-urlencoded", b"error=slow_down&interval=10"),
        "/refused": (400, "application/json", b'{"error": "device_flow_disabled"}'),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_post_form_sends_a_form_asking_for_json_and_decodes_either_answer(
    http_server: str,
) -> None:
    assert post_form(f"{http_server}/json", {"client_id": "a b"}) == (
        200,
        {"error": "authorization_pending"},
    )
    assert post_form(f"{http_server}/form", {}) == (200, {"error": "slow_down", "interval": "10"})
    assert post_form(f"{http_server}/refused", {}) == (400, {"error": "device_flow_disabled"})
    assert _Answers.received[0] == ("/json", "application/json", {"client_id": "a b"})


def test_post_form_to_a_closed_port_is_a_network_problem() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError) as caught:
        post_form(f"http://127.0.0.1:{port}/login/device/code", {})
    assert f"127.0.0.1:{port}" in caught.value.message.english()
