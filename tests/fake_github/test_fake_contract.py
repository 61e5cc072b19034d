"""The fake GitHub keeps to GitHub's contract and behaves like the recorded real exchanges.

Every response in every test using ``fake_github`` is validated against
``../shared/github-contract/openapi-subset.json`` (the fixture fails the test otherwise); these
tests check that this guard works, and compare the fake with ``recorded/exchanges``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from github import InputGitTreeElement

from fake_github import FakeGitHub, contract
from fake_github.fixtures import running_fake

RECORDED = contract.CONTRACT_DIR / "recorded" / "exchanges"

pytestmark = pytest.mark.usefixtures("shared_dir")  # the contract lives in ../shared


def _recorded(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((RECORDED / name).read_text(encoding="utf-8"))
    return data


def _api(fake: FakeGitHub, token: str, method: str, path: str, body: Any = None) -> Any:
    return requests.request(
        method,
        fake.base_url + path,
        json=body,
        headers={"Authorization": f"token {token}"},
        timeout=10,
    )


def _top_keys(method: str, template: str, status: int) -> set[str]:
    schema = contract._resolve(contract._schema_for(method, template, status))
    return set(schema.get("properties", {}))


# --- the guard ------------------------------------------------------------------------------


def test_a_response_missing_a_required_field_is_caught() -> None:
    sha = "aa218f56b14c9653891f9e74264a383fa43fefbd"
    good = {
        "ref": "refs/heads/post/hello",
        "node_id": "REF_1",
        "url": "http://127.0.0.1:1/repos/alice/blog/git/refs/heads/post/hello",
        "object": {"type": "commit", "sha": sha, "url": "http://127.0.0.1:1/x"},
    }
    assert contract.validate("POST", "/repos/alice/blog/git/refs", 201, json.dumps(good).encode())
    bad = {k: v for k, v in good.items() if k != "object"}
    with pytest.raises(contract.ContractError, match="object"):
        contract.validate("POST", "/repos/alice/blog/git/refs", 201, json.dumps(bad).encode())


def test_undocumented_statuses_must_still_be_github_error_bodies() -> None:
    error = {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}
    assert contract.validate("GET", "/repos/a/b/pulls", 401, json.dumps(error).encode())
    with pytest.raises(contract.ContractError):
        contract.validate("GET", "/repos/a/b/pulls", 401, json.dumps({"message": 1}).encode())
    with pytest.raises(contract.ContractError, match="not an operation"):
        contract.validate("GET", "/repos/a/b/wiki", 200, b"{}")


def test_a_test_whose_fake_broke_the_contract_fails() -> None:
    with pytest.raises(pytest.fail.Exception, match="broke the contract"), running_fake() as fake:
        fake.state.inject("GET", "/user", 200, {"login": "only"})
        requests.get(fake.base_url + "/user", timeout=5)


# --- behaviour of the recorded exchanges ----------------------------------------------------


def test_one_commit_flow_matches_the_recorded_exchange(fake_github: FakeGitHub) -> None:
    """pygithub GitRef.testExample (2026): the whole tree → commit → ref flow."""
    recorded = _recorded("pygithub-GitRef.testExample.json")
    state = fake_github.state
    state.add_repo("octo/repo", {"README.md": b"hi\n"})
    token = state.add_user("octo")
    repo = fake_github.client(token).get_repo("octo/repo")
    fake_github.state.repo("octo/repo").refs["refs/heads/work"] = state.head("octo/repo")

    ref = repo.get_git_ref("heads/work")
    head = ref.object.sha
    base_tree = repo.get_git_tree(head)
    # A commit SHA is accepted where a tree SHA is expected, and echoed as ``sha``.
    assert base_tree.sha == head
    tree = repo.create_git_tree(
        [
            InputGitTreeElement("path/to/file_one.txt", "100644", "blob", "content of file one"),
            InputGitTreeElement("path/to/file_two.txt", "100644", "blob", "content of file two"),
        ],
        base_tree,
    )
    parent = repo.get_git_commit(head)
    commit = repo.create_git_commit("Add multiple files in one commit", tree, [parent])
    ref.edit(commit.sha)

    assert state.files("octo/repo", "work")["path/to/file_two.txt"] == b"content of file two"
    answered = [(r.method, r.template, r.status) for r in state.requests]
    expected = [
        (e["method"], (contract.match(e["method"], e["path"]) or ("",))[0], e["status"])
        for e in recorded
    ]
    assert answered == expected
    # The recorded 201s carry a Location header naming the new object; so do the fake's.
    made = _api(
        fake_github,
        token,
        "POST",
        "/repos/octo/repo/git/trees",
        {"tree": [{"path": "x", "mode": "100644", "type": "blob", "content": "x"}]},
    )
    assert made.status_code == 201
    assert made.headers["Location"] == made.json()["url"]


@pytest.mark.parametrize(
    ("name", "index"),
    [
        ("pygithub-GitRef.testExample.json", 0),  # GET repo
        ("pygithub-GitRef.testExample.json", 1),  # GET git/ref
        ("pygithub-GitRef.testExample.json", 3),  # POST git/trees
        ("pygithub-GitRef.testExample.json", 5),  # POST git/commits
        ("pygithub-Branch.setUp.json", 0),  # GET /user
    ],
)
def test_fake_answers_carry_the_fields_github_sent(
    fake_github: FakeGitHub, name: str, index: int
) -> None:
    """Every field of the recorded answer that the description knows is in the fake's too."""
    exchange = _recorded(name)[index]
    state = fake_github.state
    state.add_repo("up/repo")
    token = state.add_user("octo", "Octo Cat")
    state.make_fork(state.repo("up/repo"), "octo")  # the recorded repository is a fork too
    head = state.head("octo/repo")
    requests_by_template = {
        "/repos/{owner}/{repo}": ("GET", "/repos/octo/repo", None),
        "/repos/{owner}/{repo}/git/ref/{ref}": ("GET", "/repos/octo/repo/git/ref/heads/main", None),
        "/repos/{owner}/{repo}/git/trees": (
            "POST",
            "/repos/octo/repo/git/trees",
            {"tree": [{"path": "a", "mode": "100644", "type": "blob", "content": "a"}]},
        ),
        "/repos/{owner}/{repo}/git/commits": (
            "POST",
            "/repos/octo/repo/git/commits",
            {"message": "m", "tree": state.commit(head).tree, "parents": [head]},
        ),
        "/user": ("GET", "/user", None),
    }
    hit = contract.match(exchange["method"], exchange["path"])
    assert hit is not None
    template = hit[0]
    method, path, body = requests_by_template[template]

    answer = _api(fake_github, token, method, path, body)

    assert answer.status_code == exchange["status"]
    known = _top_keys(method, template, exchange["status"]) or set(exchange["response_body"])
    recorded_keys = set(exchange["response_body"]) & known
    assert recorded_keys <= set(answer.json())


def test_merge_upstream_answers_like_github(fake_github: FakeGitHub) -> None:
    """pygithub Repository.testMergeUpstream*: 200 with the message, 404 and 409 errors."""
    recorded = {
        e["status"]: e["response_body"]
        for e in _recorded("pygithub-Repository.testMergeUpstreamFailure.json")
        + _recorded("pygithub-Repository.testMergeUpstreamSuccess.json")
        if e["method"] == "POST"
    }
    state = fake_github.state
    state.add_repo("up/repo")
    token = state.add_user("me")
    state.make_fork(state.repo("up/repo"), "me")
    state.push("up/repo", "main", {"new.md": b"new"})

    ok = _api(fake_github, token, "POST", "/repos/me/repo/merge-upstream", {"branch": "main"})
    missing = _api(fake_github, token, "POST", "/repos/me/repo/merge-upstream", {"branch": "x"})
    state.push("up/repo", "main", {"a.md": b"theirs"})
    state.push("me/repo", "main", {"a.md": b"mine"})
    conflict = _api(fake_github, token, "POST", "/repos/me/repo/merge-upstream", {"branch": "main"})

    assert ok.status_code == 200
    assert ok.json()["merge_type"] == "fast-forward"
    assert ok.json()["message"].startswith("Successfully fetched and fast-forwarded from upstream")
    assert set(ok.json()) == set(recorded[200])
    assert (missing.status_code, missing.json()["message"]) == (404, recorded[404]["message"])
    assert (conflict.status_code, conflict.json()["message"]) == (409, recorded[409]["message"])
    assert conflict.json()["status"] == "409"  # a string, as GitHub sends it


def test_forking_answers_202_and_returns_the_existing_fork_again(fake_github: FakeGitHub) -> None:
    recorded = _recorded("pygithub-Repository.testCreateFork.json")[0]
    state = fake_github.state
    state.add_repo("up/repo")
    token = state.add_user("me")

    first = _api(fake_github, token, "POST", "/repos/up/repo/forks", {})
    again = _api(fake_github, token, "POST", "/repos/up/repo/forks", {})

    assert first.status_code == again.status_code == recorded["status"] == 202
    assert first.json()["full_name"] == again.json()["full_name"] == "me/repo"
    assert first.json()["parent"]["full_name"] == "up/repo"
    assert len(state.forks_of("up/repo")) == 1


def test_errors_use_githubs_exact_bodies(fake_github: FakeGitHub) -> None:
    state = fake_github.state
    state.add_repo("up/repo")
    token = state.add_user("me")
    head = state.head("up/repo")
    ref = {"ref": "refs/heads/main", "sha": head}

    exists = _api(fake_github, token, "POST", "/repos/up/repo/git/refs", ref)
    state.repo("up/repo").writers.add("me")
    exists = _api(fake_github, token, "POST", "/repos/up/repo/git/refs", ref)
    state.revoke(token)
    revoked = _api(fake_github, token, "GET", "/user")

    assert exists.status_code == 422
    assert exists.json() == {
        "message": "Reference already exists",
        "documentation_url": "https://docs.github.com/rest/git/refs#create-a-reference",
        "status": "422",
    }
    assert revoked.status_code == 401
    assert revoked.json()["message"] == "Bad credentials"


def test_every_answer_carries_githubs_headers(fake_github: FakeGitHub) -> None:
    token = fake_github.state.add_user("me", scopes=("public_repo", "read:org"))

    answer = _api(fake_github, token, "GET", "/user")

    assert answer.headers["X-OAuth-Scopes"] == "public_repo, read:org"
    assert answer.headers["X-GitHub-Api-Version-Selected"] == "2022-11-28"
    assert int(answer.headers["X-RateLimit-Remaining"]) > 0
    assert answer.json()["user_view_type"] == "public"


def test_enterprise_server_prefix(tmp_path: Path) -> None:
    with FakeGitHub(prefix="/api/v3") as fake:
        token = fake.state.add_user("me", "Me")
        assert fake.base_url.endswith("/api/v3")
        assert fake.client(token).get_user().name == "Me"
        assert not fake.state.contract_errors


def test_requests_that_break_the_contract_are_caught_when_asked() -> None:
    with pytest.raises(pytest.fail.Exception, match="sha"), running_fake() as fake:
        fake.state.check_requests = True
        fake.state.add_repo("up/repo")
        token = fake.state.add_user("up")
        _api(fake, token, "POST", "/repos/up/repo/git/refs", {"ref": "refs/heads/x"})
