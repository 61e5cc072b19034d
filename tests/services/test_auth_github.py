"""Signing in against the fake GitHub on 127.0.0.1, through the real PyGithub over HTTP.

Every API answer is checked against GitHub's OpenAPI description by the fake (the
``fake_github`` fixture fails the test on a mismatch).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_github import FakeGitHub
from fake_github.oauth import TEST_CLIENT_ID, FakeClock, FakeOAuth

from editor.services.github.auth import (
    Account,
    DeviceFlow,
    GitHubServer,
    MissingScopesError,
    NetworkError,
    SignInError,
    TokenRejectedError,
    check_token_text,
    fetch_account,
    scope_problem,
    wait_for_token,
)


def server_of(fake: FakeGitHub) -> GitHubServer:
    return GitHubServer.from_settings(fake.base_url)


@pytest.fixture
def enterprise() -> Iterator[FakeGitHub]:
    """A fake GitHub Enterprise Server: the API under /api/v3, sign-in pages at the root."""
    fake = FakeGitHub(prefix="/api/v3").start()
    yield fake
    fake.stop()
    assert fake.state.contract_errors == []


def test_a_pasted_classic_token_names_its_account(fake_github: FakeGitHub) -> None:
    token = fake_github.state.add_user("octocat", name="The Octocat", scopes=("public_repo",))
    signed = fetch_account(server_of(fake_github), check_token_text(f"  {token}\n"))
    assert signed.account.login == "octocat"
    assert signed.account.name == "The Octocat"
    assert signed.account.scopes == ("public_repo",)
    assert signed.token == token
    assert token not in repr(signed)
    assert [(r.method, r.path) for r in fake_github.state.requests] == [("GET", "/user")]


def test_a_revoked_token_is_rejected_in_plain_words(fake_github: FakeGitHub) -> None:
    token = fake_github.state.add_user("octocat")
    fake_github.state.revoke(token)
    with pytest.raises(TokenRejectedError) as caught:
        fetch_account(server_of(fake_github), token)
    assert "did not accept this token" in caught.value.message.english()
    assert token not in str(caught.value)


def test_a_token_without_a_publishing_scope_explains_which_one_it_needs(
    fake_github: FakeGitHub,
) -> None:
    token = fake_github.state.add_user("octocat", scopes=("read:org", "gist"))
    with pytest.raises(MissingScopesError) as caught:
        fetch_account(server_of(fake_github), token)
    text = caught.value.message.english()
    assert "“public_repo”" in text and "“read:org”, “gist”" in text


def test_repo_also_allows_publishing() -> None:
    assert scope_problem(["repo", "workflow"], "ghp_x") is None
    assert scope_problem(["public_repo"], "ghp_x") is None


def test_a_fine_grained_token_is_explained() -> None:
    problem = scope_problem(None, "github_pat_11ABC")
    assert problem is not None and "fine-grained" in problem.english()
    other = scope_problem(None, "ghu_abc")
    assert other is not None and "classic" in other.english()


@pytest.mark.parametrize("text", ["", "   ", "ghp_abc def", "ghp_ä", "Bearer\tghp_x"])
def test_text_that_cannot_be_a_token_is_refused_before_any_request(text: str) -> None:
    with pytest.raises(SignInError):
        check_token_text(text)


def test_an_unreachable_server_is_a_network_problem(fake_github: FakeGitHub) -> None:
    server = server_of(fake_github)
    fake_github.stop()
    with pytest.raises(NetworkError) as caught:
        fetch_account(server, "gho_whatever")
    assert "could not reach 127.0.0.1" in caught.value.message.english()


def test_the_device_flow_end_to_end_over_http(fake_github: FakeGitHub) -> None:
    state = fake_github.state
    state.add_user("octocat", name="The Octocat")
    clock = FakeClock()
    state.oauth = FakeOAuth(state, clock=clock)
    flow = DeviceFlow(server_of(fake_github), TEST_CLIENT_ID)
    authorization = flow.start()
    assert authorization.verification_uri == "https://github.com/login/device"
    calls = [0]

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        calls[0] += 1
        if calls[0] == 2:
            state.oauth.approve(authorization.user_code, "octocat")

    token = wait_for_token(flow, authorization, clock=clock, sleep=sleep)
    signed = fetch_account(server_of(fake_github), token)
    assert signed.account == Account(
        "octocat", "The Octocat", signed.account.avatar_url, ("public_repo", "workflow")
    )
    assert [(r.method, r.path) for r in state.requests] == [
        ("POST", "/login/device/code"),
        ("POST", "/login/oauth/access_token"),
        ("POST", "/login/oauth/access_token"),
        ("GET", "/user"),
    ]


def test_enterprise_signs_in_at_the_host_and_reads_the_account_under_api_v3(
    enterprise: FakeGitHub,
) -> None:
    state = enterprise.state
    state.add_user("mona", name="Mona Lisa")
    clock = FakeClock()
    state.oauth = FakeOAuth(state, clock=clock)
    server = GitHubServer.from_settings(enterprise.base_url)
    assert server.api_url.endswith("/api/v3")
    assert server.web_url == enterprise.root_url
    flow = DeviceFlow(server, TEST_CLIENT_ID)
    authorization = flow.start()
    state.oauth.approve(authorization.user_code, "mona", ["repo"])
    token = wait_for_token(flow, authorization, clock=clock, sleep=clock.sleep)
    assert fetch_account(server, token).account.login == "mona"
    assert [r.path for r in state.requests][-1] == "/user"  # served under the /api/v3 prefix
