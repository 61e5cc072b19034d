"""A fake GitHub for tests: a real HTTP server on 127.0.0.1 with real state.

The app's own PyGithub client reaches it through ``base_url``. State: users with tokens and
scopes, repositories, forks, refs, content-addressed git objects, pull requests, issue
comments, reviews, review comments and check runs. Every response is checked against
``../shared/github-contract/openapi-subset.json``; mismatches are collected in
``state.contract_errors`` and fail the test (see ``fixtures.py``).

Faults are injected per test with :meth:`FakeState.inject` (a status and body instead of the
real answer, before or after the request took effect, or a dropped connection), and with the
switches on :class:`FakeState` (fork readiness delay, SSO-protected organisations, blob size
limit).

Requests under ``/login/`` (the OAuth device flow) go to ``state.oauth.handle(method, path,
form) -> (status, dict)``; ``state.oauth`` is ``oauth.FakeOAuth(state)`` when that module
exists, else an object that answers 404.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import contract
from .gitdata import Commit, ObjectStore

API_VERSION = "2022-11-28"
DOCS = "https://docs.github.com/rest"
BLOB_LIMIT = 100 * 1024 * 1024
WRITE_SCOPES = frozenset({"repo", "public_repo"})


class _NoOAuth:
    """Stands in for the device-flow endpoints until they exist."""

    def __init__(self, state: FakeState) -> None:
        self.state = state

    def handle(self, method: str, path: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        return 404, {"error": "not_found", "error_description": f"{method} {path}"}


def _oauth_factory() -> Callable[[FakeState], Any]:
    try:
        from .oauth import FakeOAuth  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return _NoOAuth
    return FakeOAuth  # type: ignore[no-any-return, unused-ignore]


# --- state -------------------------------------------------------------------------------------


@dataclass
class User:
    login: str
    id: int
    name: str | None
    email: str | None = None
    kind: str = "User"  # or "Organization"


@dataclass
class TokenInfo:
    login: str
    scopes: tuple[str, ...]
    revoked: bool = False


@dataclass
class Repo:
    owner: str
    name: str
    id: int
    default_branch: str = "main"
    archived: bool = False
    parent: Repo | None = None
    refs: dict[str, str] = field(default_factory=dict)  # "refs/heads/main" -> commit sha
    not_ready_reads: int = 0  # git reads answering 409 "Git Repository is empty."
    created_at: str = "2026-01-01T00:00:00Z"
    writers: set[str] = field(default_factory=set)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def source(self) -> Repo | None:
        top = self.parent
        while top is not None and top.parent is not None:
            top = top.parent
        return top


@dataclass
class Comment:
    id: int
    user: str
    body: str
    path: str | None = None
    line: int | None = None
    commit_id: str | None = None
    review_id: int | None = None


@dataclass
class Review:
    id: int
    user: str
    state: str
    body: str
    commit_id: str


@dataclass
class Pull:
    number: int
    id: int
    base: Repo
    base_ref: str
    head: Repo
    head_ref: str
    title: str
    body: str
    user: str
    maintainer_can_modify: bool
    draft: bool
    state: str = "open"
    merged: bool = False
    last_head_sha: str = ""
    comments: list[Comment] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    review_comments: list[Comment] = field(default_factory=list)

    def head_sha(self) -> str:
        return self.head.refs.get(f"refs/heads/{self.head_ref}", self.last_head_sha)


@dataclass
class CheckRun:
    id: int
    name: str
    status: str
    conclusion: str | None


@dataclass
class Fault:
    method: str
    path: re.Pattern[str]
    status: int = 500
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    after: bool = False
    drop: bool = False
    skip: int = 0
    run: Callable[[], None] | None = None
    hits: int = 0
    seen: int = 0


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    template: str | None
    status: int
    body: Any


class HttpError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        doc: str = DOCS,
        *,
        headers: dict[str, str] | None = None,
        errors: list[Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {
            "message": message,
            "documentation_url": doc,
            "status": str(status),
        }
        if errors is not None:
            self.body["errors"] = errors
        self.headers = headers or {}


def _not_found() -> HttpError:
    return HttpError(404, "Not Found")


class FakeState:
    """Everything the fake GitHub knows; safe to use from the test thread while serving."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.base_url = ""
        self.users: dict[str, User] = {}
        self.tokens: dict[str, TokenInfo] = {}
        self.repos: dict[str, Repo] = {}
        self.git = ObjectStore()
        self.pulls: dict[str, list[Pull]] = {}
        self.check_runs: dict[str, list[CheckRun]] = {}
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self.contract_errors: list[str] = []
        #: Requests that break the contract; checked only when ``check_requests`` is set (the
        #: app's own tests), since other clients may send what GitHub tolerates.
        self.request_errors: list[str] = []
        self.check_requests = False
        self.sso_orgs: set[str] = set()
        self.sso_authorized: set[str] = set()
        self.blob_limit = BLOB_LIMIT
        self.fork_ready_after = 0  # git reads a new fork answers 409 before it is ready
        self._ids = itertools.count(1000)
        self.oauth: Any = _oauth_factory()(self)

    # --- users and tokens ----------------------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def add_user(
        self,
        login: str,
        name: str | None = None,
        *,
        scopes: tuple[str, ...] = ("repo", "read:org"),
        email: str | None = None,
    ) -> str:
        """Create a user; return a token with ``scopes`` for them."""
        with self.lock:
            self.users[login.lower()] = User(login, self.next_id(), name, email)
            return self.issue_token(login, scopes)

    def add_org(self, login: str) -> None:
        with self.lock:
            self.users[login.lower()] = User(login, self.next_id(), login, kind="Organization")

    def issue_token(self, login: str, scopes: tuple[str, ...] | list[str] = ("repo",)) -> str:
        with self.lock:
            if login.lower() not in self.users:
                raise KeyError(login)
            token = "gho_" + secrets.token_hex(18)
            self.tokens[token] = TokenInfo(self.users[login.lower()].login, tuple(scopes))
            return token

    def revoke(self, token: str) -> None:
        with self.lock:
            self.tokens[token].revoked = True

    def user_for_token(self, token: str) -> User | None:
        info = self.tokens.get(token)
        if info is None or info.revoked:
            return None
        return self.users[info.login.lower()]

    # --- repositories --------------------------------------------------------------------------

    def add_repo(
        self,
        full_name: str,
        files: dict[str, bytes] | None = None,
        *,
        default_branch: str = "main",
        archived: bool = False,
        writers: tuple[str, ...] = (),
    ) -> Repo:
        """A repository with one commit holding ``files`` on ``default_branch``."""
        owner, name = full_name.split("/")
        with self.lock:
            if owner.lower() not in self.users:
                self.add_org(owner)
            repo = Repo(
                self.users[owner.lower()].login, name, self.next_id(), default_branch, archived
            )
            repo.writers = {w.lower() for w in writers}
            flat = {
                path: ("100644", self.git.put_blob(data))
                for path, data in (files or {"README.md": b"# readme\n"}).items()
            }
            tree = self.git.build_tree(flat)
            commit = self.git.put_commit(tree, [], "Initial commit")
            repo.refs[f"refs/heads/{default_branch}"] = commit
            self.repos[repo.full_name.lower()] = repo
            return repo

    def repo(self, full_name: str) -> Repo:
        return self.repos[full_name.lower()]

    def forks_of(self, full_name: str) -> list[Repo]:
        upstream = self.repo(full_name)
        return [r for r in self.repos.values() if r.parent is upstream]

    def make_fork(self, upstream: Repo, owner: str, name: str | None = None) -> Repo:
        with self.lock:
            name = name or upstream.name
            while f"{owner}/{name}".lower() in self.repos:
                name = f"{name}-1"
            fork = Repo(
                self.users[owner.lower()].login,
                name,
                self.next_id(),
                upstream.default_branch,
                parent=upstream,
                created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            )
            fork.refs = {
                ref: sha
                for ref, sha in upstream.refs.items()
                if ref == f"refs/heads/{upstream.default_branch}"
            }
            fork.not_ready_reads = self.fork_ready_after
            self.repos[fork.full_name.lower()] = fork
            return fork

    def head(self, full_name: str, branch: str | None = None) -> str:
        repo = self.repo(full_name)
        return repo.refs[f"refs/heads/{branch or repo.default_branch}"]

    def files(self, full_name: str, branch: str | None = None) -> dict[str, bytes]:
        return self.git.files(self.head(full_name, branch))

    def commit(self, sha: str) -> Commit:
        return self.git.commits[sha]

    def push(
        self,
        full_name: str,
        branch: str,
        changes: dict[str, bytes | None],
        message: str = "Edit",
        *,
        author: str = "Maintainer",
    ) -> str:
        """Add a commit on ``branch`` (as a maintainer editing a PR branch would)."""
        with self.lock:
            repo = self.repo(full_name)
            parent = repo.refs[f"refs/heads/{branch}"]
            flat = self.git.flatten(self.git.commits[parent].tree)
            for path, data in changes.items():
                if data is None:
                    flat.pop(path, None)
                else:
                    flat[path] = ("100644", self.git.put_blob(data))
            tree = self.git.build_tree(flat)
            sha = self.git.put_commit(tree, [parent], message, author_name=author)
            repo.refs[f"refs/heads/{branch}"] = sha
            return sha

    def pulls_of(self, full_name: str) -> list[Pull]:
        return self.pulls.get(full_name.lower(), [])

    def add_check_run(
        self, sha: str, name: str, status: str = "completed", conclusion: str | None = "success"
    ) -> None:
        with self.lock:
            self.check_runs.setdefault(sha, []).append(
                CheckRun(self.next_id(), name, status, conclusion)
            )

    def add_review(
        self,
        full_name: str,
        number: int,
        user: str,
        state: str,
        *,
        body: str = "",
        comments: tuple[tuple[str, int, str], ...] = (),
    ) -> None:
        """A submitted review with ``(path, line, body)`` comments on the PR's head."""
        with self.lock:
            pull = self._pull(self.repo(full_name), number)
            review = Review(self.next_id(), user, state, body, pull.head_sha())
            pull.reviews.append(review)
            for path, line, text in comments:
                pull.review_comments.append(
                    Comment(self.next_id(), user, text, path, line, review.commit_id, review.id)
                )

    def add_issue_comment(self, full_name: str, number: int, user: str, body: str) -> None:
        with self.lock:
            pull = self._pull(self.repo(full_name), number)
            pull.comments.append(Comment(self.next_id(), user, body))

    def close_pull(self, full_name: str, number: int, *, merged: bool = False) -> None:
        with self.lock:
            pull = self._pull(self.repo(full_name), number)
            pull.state = "closed"
            pull.merged = merged

    # --- faults and the request log ------------------------------------------------------------

    def inject(
        self,
        method: str,
        path: str,
        status: int = 500,
        body: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
        times: int = 1,
        after: bool = False,
        drop: bool = False,
        skip: int = 0,
        run: Callable[[], None] | None = None,
    ) -> Fault:
        """Answer the next ``times`` matching requests with a fault.

        ``path`` is a regular expression searched in the request path; the first ``skip``
        matching requests are answered normally. ``after``: the request takes effect first,
        then the answer is replaced (the client cannot know it worked). ``drop``: the
        connection is closed without an answer. ``run`` is called when the fault fires (say, a
        maintainer pushing at that moment); with ``status=0`` the request then goes on as usual.
        """
        if body is None and not drop and status:
            body = {
                "message": "Server Error" if status >= 500 else "Fault",
                "documentation_url": DOCS,
                "status": str(status),
            }
        fault = Fault(
            method.upper(),
            re.compile(path),
            status,
            body,
            headers or {},
            times,
            after,
            drop,
            skip,
            run,
        )
        with self.lock:
            self.faults.append(fault)
        return fault

    def rate_limit(
        self,
        method: str = "*",
        path: str = "",
        *,
        secondary: bool = False,
        wait: int = 2,
        times: int = 1,
        status: int = 403,
    ) -> Fault:
        """The next matching request hits a primary (or secondary) rate limit; GitHub answers
        403 or 429 for either."""
        if secondary:
            body = {
                "message": "You have exceeded a secondary rate limit. Please wait a few minutes"
                " before you try again.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
                "status": str(status),
            }
            headers = {"Retry-After": str(wait)}
        else:
            body = {
                "message": "API rate limit exceeded for user ID 1000.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit",
                "status": str(status),
            }
            headers = {
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(int(time.time()) + wait),
            }
        return self.inject(method, path, status, body, headers=headers, times=times)

    def _take_fault(self, method: str, path: str, after: bool) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if (
                    fault.after == after
                    and fault.hits < fault.times
                    and fault.method in (method, "*")
                    and fault.path.search(path)
                ):
                    fault.seen += 1
                    if fault.seen <= fault.skip:
                        continue
                    fault.hits += 1
                    return fault
        return None

    def calls(self, method: str, template: str) -> list[Request]:
        """Requests answered for one operation (template as in the contract)."""
        return [r for r in self.requests if r.method == method and r.template == template]

    def count(self, method: str, template: str, *, ok: bool = True) -> int:
        """How many requests for one operation were answered (only successes with ``ok``)."""
        return sum(1 for r in self.calls(method, template) if not ok or 200 <= r.status < 300)

    # --- JSON shapes ---------------------------------------------------------------------------

    def _pull(self, repo: Repo, number: int) -> Pull:
        for pull in self.pulls_of(repo.full_name):
            if pull.number == number:
                return pull
        raise _not_found()

    def user_json(self, login: str, schema: str = "simple-user") -> dict[str, Any]:
        user = self.users[login.lower()]
        base = self.base_url
        data: dict[str, Any] = contract.schema_skeleton(schema)
        return contract.overlay(
            data,
            {
                "login": user.login,
                "id": user.id,
                "node_id": f"U_{user.id}",
                "avatar_url": f"{base}/avatars/{user.login}",
                "gravatar_id": "",
                "url": f"{base}/users/{user.login}",
                "html_url": f"{base}/{user.login}",
                "type": user.kind,
                "user_view_type": "public",
                "site_admin": False,
            },
        )

    def repo_json(self, repo: Repo, schema: str = "full-repository", login: str = "") -> Any:
        base = self.base_url
        api = f"{base}/repos/{repo.full_name}"
        can_push = bool(login) and (
            login.lower() == repo.owner.lower() or login.lower() in repo.writers
        )
        extra: dict[str, Any] = {
            "id": repo.id,
            "node_id": f"R_{repo.id}",
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": self.user_json(repo.owner),
            "private": False,
            "visibility": "public",
            "html_url": f"{base}/{repo.full_name}",
            "url": api,
            "fork": repo.parent is not None,
            "archived": repo.archived,
            "disabled": False,
            "default_branch": repo.default_branch,
            "created_at": repo.created_at,
            "updated_at": repo.created_at,
            "pushed_at": repo.created_at,
            "allow_forking": True,
            "permissions": {
                "admin": can_push,
                "maintain": can_push,
                "push": can_push,
                "triage": can_push,
                "pull": True,
            },
        }
        for key in ("forks_url", "git_refs_url", "pulls_url", "branches_url", "commits_url"):
            extra[key] = f"{api}/{key[:-4].replace('_', '/')}"
        if schema == "full-repository":
            # A real 2026 answer (pygithub GitRef.testExample) gives every field GitHub sends.
            real = contract.recorded_body(
                "pygithub-GitRef.testExample.json",
                0,
                {
                    "https://api.github.com/repos/EnricoMi/PyGithub": api,
                    "https://github.com/EnricoMi/PyGithub": f"{base}/{repo.full_name}",
                    "EnricoMi/PyGithub": repo.full_name,
                    "https://api.github.com": base,
                    "https://github.com": base,
                },
            )
            for key in ("parent", "source", "license", "organization", "template_repository"):
                real.pop(key, None)
            real.update(
                {
                    "description": None,
                    "homepage": None,
                    "language": None,
                    "size": 0,
                    "network_count": 0,
                    "subscribers_count": 0,
                    "forks": 0,
                    "forks_count": 0,
                    "open_issues": 0,
                    "open_issues_count": 0,
                }
            )
            base_data = contract.overlay(contract.schema_skeleton(schema), real)
        else:
            base_data = contract.schema_skeleton(schema)
        data = contract.overlay(base_data, extra)
        if schema == "full-repository" and repo.parent is not None:
            data["parent"] = self.repo_json(repo.parent, "repository", login)
            assert repo.source is not None
            data["source"] = self.repo_json(repo.source, "repository", login)
        return data

    def ref_json(self, repo: Repo, ref: str) -> dict[str, Any]:
        api = f"{self.base_url}/repos/{repo.full_name}"
        sha = repo.refs[ref]
        return {
            "ref": ref,
            "node_id": f"REF_{abs(hash((repo.id, ref)))}",
            "url": f"{api}/git/{ref}",
            "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
        }

    def git_commit_json(self, repo: Repo, sha: str) -> dict[str, Any]:
        api = f"{self.base_url}/repos/{repo.full_name}"
        commit = self.git.commits[sha]
        person = {"name": commit.author_name, "email": commit.author_email, "date": commit.date}
        return {
            "sha": sha,
            "node_id": f"C_{sha[:12]}",
            "url": f"{api}/git/commits/{sha}",
            "html_url": f"{self.base_url}/{repo.full_name}/commit/{sha}",
            "author": person,
            "committer": person,
            "message": commit.message,
            "tree": {"sha": commit.tree, "url": f"{api}/git/trees/{commit.tree}"},
            "parents": [
                {
                    "sha": p,
                    "url": f"{api}/git/commits/{p}",
                    "html_url": f"{self.base_url}/{repo.full_name}/commit/{p}",
                }
                for p in commit.parents
            ],
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        }

    def commit_json(self, repo: Repo, sha: str) -> Any:
        """The ``commit`` schema (``GET /repos/.../commits/{ref}``)."""
        api = f"{self.base_url}/repos/{repo.full_name}"
        commit = self.git.commits[sha]
        git = self.git_commit_json(repo, sha)
        data = contract.schema_skeleton("commit")
        return contract.overlay(
            data,
            {
                "url": f"{api}/commits/{sha}",
                "sha": sha,
                "node_id": git["node_id"],
                "html_url": git["html_url"],
                "comments_url": f"{api}/commits/{sha}/comments",
                "commit": {
                    "url": git["url"],
                    "author": git["author"],
                    "committer": git["committer"],
                    "message": commit.message,
                    "comment_count": 0,
                    "tree": git["tree"],
                },
                "author": {},
                "committer": {},
                "parents": git["parents"],
            },
        )

    def tree_json(
        self, repo: Repo, sha: str, echo: str | None = None, *, recursive: bool = False
    ) -> dict[str, Any]:
        api = f"{self.base_url}/repos/{repo.full_name}"
        pairs = self.git.walk(sha) if recursive else [(e.name, e) for e in self.git.trees[sha]]
        entries = []
        for path, entry in pairs:
            item: dict[str, Any] = {
                "path": path,
                "mode": entry.mode,
                "type": entry.kind,
                "sha": entry.sha,
                "url": f"{api}/git/{entry.kind}s/{entry.sha}",
            }
            if entry.kind == "blob":
                item["size"] = len(self.git.blobs[entry.sha])
            entries.append(item)
        return {
            "sha": echo or sha,
            "url": f"{api}/git/trees/{echo or sha}",
            "tree": entries,
            "truncated": False,
        }

    def pull_json(self, pull: Pull, schema: str = "pull-request") -> Any:
        base = self.base_url
        api = f"{base}/repos/{pull.base.full_name}"

        def side(repo: Repo, ref: str, sha: str) -> dict[str, Any]:
            return {
                "label": f"{repo.owner}:{ref}",
                "ref": ref,
                "sha": sha,
                "user": self.user_json(repo.owner),
                "repo": self.repo_json(repo, "repository"),
            }

        base_sha = pull.base.refs.get(f"refs/heads/{pull.base_ref}", "")
        extra: dict[str, Any] = {
            "url": f"{api}/pulls/{pull.number}",
            "id": pull.id,
            "node_id": f"PR_{pull.id}",
            "html_url": f"{base}/{pull.base.full_name}/pull/{pull.number}",
            "diff_url": f"{base}/{pull.base.full_name}/pull/{pull.number}.diff",
            "patch_url": f"{base}/{pull.base.full_name}/pull/{pull.number}.patch",
            "issue_url": f"{api}/issues/{pull.number}",
            "commits_url": f"{api}/pulls/{pull.number}/commits",
            "review_comments_url": f"{api}/pulls/{pull.number}/comments",
            "review_comment_url": f"{api}/pulls/comments{{/number}}",
            "comments_url": f"{api}/issues/{pull.number}/comments",
            "statuses_url": f"{api}/statuses/{pull.head_sha()}",
            "number": pull.number,
            "state": pull.state,
            "locked": False,
            "title": pull.title,
            "user": self.user_json(pull.user),
            "body": pull.body,
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "closed_at": None if pull.state == "open" else "2026-01-02T00:00:00Z",
            "merged_at": "2026-01-02T00:00:00Z" if pull.merged else None,
            "merge_commit_sha": None,
            "head": side(pull.head, pull.head_ref, pull.head_sha()),
            "base": side(pull.base, pull.base_ref, base_sha),
            "_links": {
                key: {"href": f"{api}/pulls/{pull.number}"}
                for key in (
                    "comments",
                    "commits",
                    "statuses",
                    "html",
                    "issue",
                    "review_comments",
                    "review_comment",
                    "self",
                )
            },
            "author_association": "CONTRIBUTOR",
            "auto_merge": None,
            "draft": pull.draft,
        }
        if schema == "pull-request":
            extra.update(
                {
                    "merged": pull.merged,
                    "mergeable": True,
                    "rebaseable": True,
                    "mergeable_state": "clean",
                    "merged_by": None,
                    "comments": len(pull.comments),
                    "review_comments": len(pull.review_comments),
                    "maintainer_can_modify": pull.maintainer_can_modify,
                    "commits": 1,
                    "additions": 0,
                    "deletions": 0,
                    "changed_files": 0,
                }
            )
        return contract.overlay(contract.schema_skeleton(schema), extra)

    def comment_json(self, pull: Pull, comment: Comment, schema: str) -> Any:
        base = self.base_url
        api = f"{base}/repos/{pull.base.full_name}"
        extra: dict[str, Any] = {
            "id": comment.id,
            "node_id": f"IC_{comment.id}",
            "url": f"{api}/issues/comments/{comment.id}",
            "html_url": f"{base}/{pull.base.full_name}/pull/{pull.number}#c{comment.id}",
            "issue_url": f"{api}/issues/{pull.number}",
            "body": comment.body,
            "user": self.user_json(comment.user),
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "author_association": "MEMBER",
        }
        if schema == "pull-request-review-comment":
            extra.update(
                {
                    "url": f"{api}/pulls/comments/{comment.id}",
                    "pull_request_review_id": comment.review_id,
                    "diff_hunk": "@@ -0,0 +1 @@",
                    "path": comment.path,
                    "line": comment.line,
                    "original_line": comment.line,
                    "side": "RIGHT",
                    "commit_id": comment.commit_id,
                    "original_commit_id": comment.commit_id,
                    "pull_request_url": f"{api}/pulls/{pull.number}",
                    "_links": {
                        "self": {"href": f"{api}/pulls/comments/{comment.id}"},
                        "html": {"href": f"{base}/{pull.base.full_name}/pull/{pull.number}"},
                        "pull_request": {"href": f"{api}/pulls/{pull.number}"},
                    },
                }
            )
        return contract.overlay(contract.schema_skeleton(schema), extra)

    def review_json(self, pull: Pull, review: Review) -> Any:
        base = self.base_url
        api = f"{base}/repos/{pull.base.full_name}"
        extra: dict[str, Any] = {
            "id": review.id,
            "node_id": f"PRR_{review.id}",
            "user": self.user_json(review.user),
            "body": review.body,
            "state": review.state,
            "html_url": f"{base}/{pull.base.full_name}/pull/{pull.number}#r{review.id}",
            "pull_request_url": f"{api}/pulls/{pull.number}",
            "_links": {
                "html": {"href": f"{base}/{pull.base.full_name}/pull/{pull.number}"},
                "pull_request": {"href": f"{api}/pulls/{pull.number}"},
            },
            "submitted_at": "2026-01-01T00:00:00Z",
            "commit_id": review.commit_id,
            "author_association": "MEMBER",
        }
        return contract.overlay(contract.schema_skeleton("pull-request-review"), extra)


# --- request handling --------------------------------------------------------------------------


@dataclass
class Call:
    """One API request as the handlers see it."""

    method: str
    path: str
    template: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    user: User | None
    token: TokenInfo | None


Response = tuple[int, Any, dict[str, str]]


class Api:
    """The operations, one method per contract operation."""

    def __init__(self, state: FakeState) -> None:
        self.s = state

    # helpers

    def repo(self, call: Call) -> Repo:
        key = f"{call.params['owner']}/{call.params['repo']}".lower()
        repo = self.s.repos.get(key)
        if repo is None:
            raise _not_found()
        return repo

    def writable(self, call: Call, repo: Repo) -> None:
        """Writes need a token with a write scope, push rights, and an unarchived repo."""
        if call.user is None or call.token is None:
            raise HttpError(401, "Requires authentication")
        if not WRITE_SCOPES & set(call.token.scopes):
            raise _not_found()  # GitHub hides what the token may not touch
        if repo.archived:
            raise HttpError(403, "Repository was archived so is read-only.")
        login = call.user.login.lower()
        if login != repo.owner.lower() and login not in repo.writers:
            maintainer_edit = any(
                p.head is repo and p.maintainer_can_modify and login in p.base.writers
                for pulls in self.s.pulls.values()
                for p in pulls
            )
            if not maintainer_edit:
                raise _not_found()

    def ready(self, repo: Repo) -> None:
        if repo.not_ready_reads > 0:
            repo.not_ready_reads -= 1
            raise HttpError(409, "Git Repository is empty.", f"{DOCS}/git")

    def commit_sha(self, repo: Repo, ref: str) -> str:
        if ref in self.s.git.commits:
            return ref
        for candidate in (f"refs/heads/{ref}", f"refs/{ref}", ref):
            if candidate in repo.refs:
                return repo.refs[candidate]
        raise HttpError(422, f"No commit found for SHA: {ref}")

    def paged(self, call: Call, items: list[Any]) -> Response:
        per_page = int(call.query.get("per_page", "30"))
        page = int(call.query.get("page", "1"))
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items):
            headers["Link"] = (
                f'<{self.s.base_url}{call.path}?per_page={per_page}&page={page + 1}>; rel="next"'
            )
        return 200, chunk, headers

    # users

    def get_user(self, call: Call) -> Response:
        if call.user is None:
            raise HttpError(401, "Requires authentication")
        # A real 2025 answer (pygithub Branch.setUp) gives every field GitHub sends.
        real = contract.recorded_body(
            "pygithub-Branch.setUp.json",
            0,
            {"https://api.github.com": self.s.base_url, "https://github.com": self.s.base_url},
        )
        real.update(
            {
                "company": None,
                "blog": "",
                "location": None,
                "bio": None,
                "twitter_username": None,
                "notification_email": call.user.email,
                "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z",
            }
        )
        data = contract.overlay(real, self.s.user_json(call.user.login, "public-user"))
        for key, value in list(data.items()):
            if isinstance(value, str) and "jacquev6" in value:
                data[key] = value.replace("jacquev6", call.user.login)
        data.update(
            {
                "name": call.user.name,
                "email": call.user.email,
                "followers": 0,
                "following": 0,
                "public_repos": 0,
                "public_gists": 0,
            }
        )
        return 200, data, {}

    def get_rate_limit(self, call: Call) -> Response:
        data = contract.skeleton("GET", "/rate_limit", 200)
        reset = int(time.time()) + 3600
        core = {"limit": 5000, "remaining": 4999, "reset": reset, "used": 1}
        data["resources"]["core"] = core
        data["rate"] = core
        return 200, data, {}

    # repositories

    def get_repo(self, call: Call) -> Response:
        repo = self.repo(call)
        return 200, self.s.repo_json(repo, login=call.user.login if call.user else ""), {}

    def get_permission(self, call: Call) -> Response:
        repo = self.repo(call)
        login = call.params["username"].lower()
        if login not in self.s.users:
            raise _not_found()
        write = login == repo.owner.lower() or login in repo.writers
        data = contract.skeleton(
            "GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", 200
        )
        user = contract.overlay(data["user"], self.s.user_json(login))
        user.update({"role_name": "write" if write else "read"})
        user["permissions"] = {
            "pull": True,
            "triage": write,
            "push": write,
            "maintain": False,
            "admin": False,
        }
        data.update(
            {
                "permission": "write" if write else "read",
                "role_name": "write" if write else "read",
                "user": user,
            }
        )
        return 200, data, {}

    def list_forks(self, call: Call) -> Response:
        repo = self.repo(call)
        forks = [self.s.repo_json(f, "minimal-repository") for f in self.s.forks_of(repo.full_name)]
        return self.paged(call, forks)

    def create_fork(self, call: Call) -> Response:
        upstream = self.repo(call)
        if call.user is None or call.token is None:
            raise HttpError(401, "Requires authentication")
        if not WRITE_SCOPES & set(call.token.scopes):
            raise _not_found()
        existing = [
            r
            for r in self.s.repos.values()
            if r.owner.lower() == call.user.login.lower() and r.parent is upstream
        ]
        fork = (
            existing[0]
            if existing
            else self.s.make_fork(upstream, call.user.login, (call.body or {}).get("name"))
        )
        return 202, self.s.repo_json(fork, login=call.user.login), {}

    def merge_upstream(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        branch = (call.body or {}).get("branch", "")
        if repo.parent is None or f"refs/heads/{branch}" not in repo.refs:
            raise HttpError(404, "Branch not found")
        mine = repo.refs[f"refs/heads/{branch}"]
        theirs = repo.parent.refs[f"refs/heads/{branch}"]
        if mine == theirs or self.s.git.is_ancestor(theirs, mine):
            merge_type = "none"
        elif self.s.git.is_ancestor(mine, theirs):
            repo.refs[f"refs/heads/{branch}"] = theirs
            merge_type = "fast-forward"
        else:
            raise HttpError(409, "There are merge conflicts")
        return (
            200,
            {
                "message": f"Successfully fetched and fast-forwarded from upstream "
                f"{repo.parent.owner}:{branch}.",
                "merge_type": merge_type,
                "base_branch": f"{repo.parent.owner}:{branch}",
            },
            {},
        )

    def get_branch(self, call: Call) -> Response:
        repo = self.repo(call)
        self.ready(repo)
        branch = call.params["branch"]
        sha = repo.refs.get(f"refs/heads/{branch}")
        if sha is None:
            raise HttpError(404, "Branch not found")
        api = f"{self.s.base_url}/repos/{repo.full_name}"
        data = contract.skeleton("GET", "/repos/{owner}/{repo}/branches/{branch}", 200)
        data.update(
            {
                "name": branch,
                "commit": self.s.commit_json(repo, sha),
                "_links": {
                    "html": f"{self.s.base_url}/{repo.full_name}/tree/{branch}",
                    "self": f"{api}/branches/{branch}",
                },
                "protected": False,
                "protection_url": f"{api}/branches/{branch}/protection",
            }
        )
        return 200, data, {}

    def get_commit(self, call: Call) -> Response:
        repo = self.repo(call)
        self.ready(repo)
        return 200, self.s.commit_json(repo, self.commit_sha(repo, call.params["ref"])), {}

    def get_combined_status(self, call: Call) -> Response:
        repo = self.repo(call)
        sha = self.commit_sha(repo, call.params["ref"])
        api = f"{self.s.base_url}/repos/{repo.full_name}"
        return (
            200,
            {
                "state": "pending",
                "statuses": [],
                "sha": sha,
                "total_count": 0,
                "repository": self.s.repo_json(repo, "minimal-repository"),
                "commit_url": f"{api}/commits/{sha}",
                "url": f"{api}/commits/{sha}/status",
            },
            {},
        )

    def list_check_runs(self, call: Call) -> Response:
        repo = self.repo(call)
        sha = self.commit_sha(repo, call.params["ref"])
        api = f"{self.s.base_url}/repos/{repo.full_name}"
        runs = []
        for run in self.s.check_runs.get(sha, []):
            data = contract.schema_skeleton("check-run")
            data.update(
                {
                    "id": run.id,
                    "node_id": f"CR_{run.id}",
                    "head_sha": sha,
                    "name": run.name,
                    "status": run.status,
                    "conclusion": run.conclusion,
                    "url": f"{api}/check-runs/{run.id}",
                    "html_url": f"{self.s.base_url}/{repo.full_name}/runs/{run.id}",
                    "details_url": f"{self.s.base_url}/{repo.full_name}/runs/{run.id}",
                    "started_at": "2026-01-01T00:00:00Z",
                    "completed_at": "2026-01-01T00:01:00Z" if run.status == "completed" else None,
                    "check_suite": {"id": run.id + 100_000},
                }
            )
            runs.append(data)
        return 200, {"total_count": len(runs), "check_runs": runs}, {}

    # git data

    def create_blob(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        body = call.body or {}
        content = body.get("content")
        if not isinstance(content, str):
            raise HttpError(422, 'Invalid request.\n\n"content" wasn\'t supplied.')
        encoding = body.get("encoding", "utf-8")
        data = base64.b64decode(content) if encoding == "base64" else content.encode("utf-8")
        if len(data) > self.s.blob_limit:
            raise HttpError(
                422,
                "Sorry, your input was too large to process. Consider creating the blob in a "
                "local clone of the repository and then pushing it to GitHub.",
                f"{DOCS}/git/blobs#create-a-blob",
            )
        self.ready(repo)
        sha = self.s.git.put_blob(data)
        url = f"{self.s.base_url}/repos/{repo.full_name}/git/blobs/{sha}"
        return 201, {"sha": sha, "url": url}, {"Location": url}

    def get_blob(self, call: Call) -> Response:
        repo = self.repo(call)
        self.ready(repo)
        sha = call.params["file_sha"]
        data = self.s.git.blobs.get(sha)
        if data is None:
            raise _not_found()
        return (
            200,
            {
                "content": base64.b64encode(data).decode() + "\n",
                "encoding": "base64",
                "url": f"{self.s.base_url}/repos/{repo.full_name}/git/blobs/{sha}",
                "sha": sha,
                "size": len(data),
                "node_id": f"B_{sha[:12]}",
            },
            {},
        )

    def get_tree(self, call: Call) -> Response:
        repo = self.repo(call)
        self.ready(repo)
        sha = call.params["tree_sha"]
        echo = None
        if sha in self.s.git.commits:
            echo, sha = sha, self.s.git.commits[sha].tree
        elif sha not in self.s.git.trees:
            ref_sha = repo.refs.get(f"refs/heads/{sha}")
            if ref_sha is None:
                raise _not_found()
            echo, sha = ref_sha, self.s.git.commits[ref_sha].tree
        recursive = call.query.get("recursive", "") not in ("", "0", "false")
        return 200, self.s.tree_json(repo, sha, echo, recursive=recursive), {}

    def create_tree(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        self.ready(repo)
        body = call.body or {}
        base_tree = body.get("base_tree")
        flat: dict[str, tuple[str, str]] = {}
        if base_tree:
            if base_tree in self.s.git.commits:
                base_tree = self.s.git.commits[base_tree].tree
            if base_tree not in self.s.git.trees:
                raise HttpError(422, "Invalid tree info", f"{DOCS}/git/trees#create-a-tree")
            flat = self.s.git.flatten(base_tree)
        for entry in body.get("tree", []):
            path = entry["path"]
            if "content" in entry and entry["content"] is not None:
                flat[path] = (
                    entry.get("mode", "100644"),
                    self.s.git.put_blob(entry["content"].encode("utf-8")),
                )
            elif entry.get("sha") is None:
                flat.pop(path, None)
            else:
                if entry["sha"] not in self.s.git.blobs:
                    raise HttpError(
                        422,
                        "Invalid tree info",
                        f"{DOCS}/git/trees#create-a-tree",
                        errors=[{"resource": "Tree", "field": "tree", "code": "invalid"}],
                    )
                flat[path] = (entry.get("mode", "100644"), entry["sha"])
        sha = self.s.git.build_tree(flat)
        data = self.s.tree_json(repo, sha)
        return 201, data, {"Location": data["url"]}

    def create_commit(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        self.ready(repo)
        body = call.body or {}
        tree = body.get("tree")
        parents = body.get("parents", [])
        if tree not in self.s.git.trees or any(p not in self.s.git.commits for p in parents):
            raise HttpError(422, "Tree SHA does not exist", f"{DOCS}/git/commits#create-a-commit")
        author = body.get("author") or {}
        user = call.user
        assert user is not None
        sha = self.s.git.put_commit(
            tree,
            parents,
            body.get("message", ""),
            author_name=author.get("name") or user.name or user.login,
            author_email=author.get("email") or f"{user.login}@users.noreply.example.invalid",
        )
        data = self.s.git_commit_json(repo, sha)
        return 201, data, {"Location": data["url"]}

    def get_ref(self, call: Call) -> Response:
        repo = self.repo(call)
        self.ready(repo)
        ref = "refs/" + call.params["ref"]
        if ref not in repo.refs:
            raise _not_found()
        return 200, self.s.ref_json(repo, ref), {}

    def matching_refs(self, call: Call) -> Response:
        repo = self.repo(call)
        self.ready(repo)
        prefix = "refs/" + call.params["ref"]
        refs = [self.s.ref_json(repo, r) for r in sorted(repo.refs) if r.startswith(prefix)]
        return 200, refs, {}

    def create_ref(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        self.ready(repo)
        body = call.body or {}
        ref, sha = body.get("ref", ""), body.get("sha", "")
        doc = f"{DOCS}/git/refs#create-a-reference"
        if not ref.startswith("refs/") or ref.count("/") < 2:
            raise HttpError(422, f"{ref} is not a valid ref name.", doc)
        if sha not in self.s.git.commits:
            raise HttpError(422, "Object does not exist", doc)
        if ref in repo.refs:
            raise HttpError(422, "Reference already exists", doc)
        repo.refs[ref] = sha
        data = self.s.ref_json(repo, ref)
        return 201, data, {"Location": data["url"]}

    def update_ref(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        self.ready(repo)
        ref = "refs/" + call.params["ref"]
        body = call.body or {}
        sha = body.get("sha", "")
        doc = f"{DOCS}/git/refs#update-a-reference"
        if ref not in repo.refs:
            raise HttpError(422, "Reference does not exist", doc)
        if sha not in self.s.git.commits:
            raise HttpError(422, "Object does not exist", doc)
        if not body.get("force") and not self.s.git.is_ancestor(repo.refs[ref], sha):
            raise HttpError(422, "Update is not a fast forward", doc)
        repo.refs[ref] = sha
        return 200, self.s.ref_json(repo, ref), {}

    def delete_ref(self, call: Call) -> Response:
        repo = self.repo(call)
        self.writable(call, repo)
        ref = "refs/" + call.params["ref"]
        if ref not in repo.refs:
            raise HttpError(422, "Reference does not exist", f"{DOCS}/git/refs#delete-a-reference")
        del repo.refs[ref]
        return 204, None, {}

    # pull requests

    def list_pulls(self, call: Call) -> Response:
        repo = self.repo(call)
        state = call.query.get("state", "open")
        head = call.query.get("head")
        pulls = [
            p
            for p in self.s.pulls_of(repo.full_name)
            if state in ("all", p.state)
            and (head is None or f"{p.head.owner}:{p.head_ref}".lower() == head.lower())
        ]
        items = [self.s.pull_json(p, "pull-request-simple") for p in reversed(pulls)]
        return self.paged(call, items)

    def create_pull(self, call: Call) -> Response:
        upstream = self.repo(call)
        if call.user is None or call.token is None:
            raise HttpError(401, "Requires authentication")
        if not WRITE_SCOPES & set(call.token.scopes):
            raise _not_found()
        if upstream.archived:
            raise HttpError(403, "Repository was archived so is read-only.")
        body = call.body or {}
        doc = f"{DOCS}/pulls/pulls#create-a-pull-request"
        head_label = body.get("head", "")
        owner, _, branch = head_label.rpartition(":")
        owner = owner or upstream.owner
        head_repo = None
        for candidate in [upstream, *self.s.repos.values()]:
            if candidate.owner.lower() == owner.lower() and (
                candidate is upstream or candidate.source is (upstream.source or upstream)
            ):
                head_repo = candidate
                break
        base_ref = body.get("base", "")
        if f"refs/heads/{base_ref}" not in upstream.refs:
            raise HttpError(
                422,
                "Validation Failed",
                doc,
                errors=[{"resource": "PullRequest", "field": "base", "code": "invalid"}],
            )
        if head_repo is None or f"refs/heads/{branch}" not in head_repo.refs:
            raise HttpError(
                422,
                "Validation Failed",
                doc,
                errors=[{"resource": "PullRequest", "field": "head", "code": "invalid"}],
            )
        for pull in self.s.pulls_of(upstream.full_name):
            if pull.state == "open" and pull.head is head_repo and pull.head_ref == branch:
                raise HttpError(
                    422,
                    "Validation Failed",
                    doc,
                    errors=[
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"A pull request already exists for {head_label}.",
                        }
                    ],
                )
        head_sha = head_repo.refs[f"refs/heads/{branch}"]
        if self.s.git.is_ancestor(head_sha, upstream.refs[f"refs/heads/{base_ref}"]):
            raise HttpError(
                422,
                "Validation Failed",
                doc,
                errors=[
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"No commits between {base_ref} and {head_label}",
                    }
                ],
            )
        pulls = self.s.pulls.setdefault(upstream.full_name.lower(), [])
        number = 1 + max((p.number for p in pulls), default=0)
        pull = Pull(
            number,
            self.s.next_id(),
            upstream,
            base_ref,
            head_repo,
            branch,
            body.get("title", ""),
            body.get("body") or "",
            call.user.login,
            bool(body.get("maintainer_can_modify", False)),
            bool(body.get("draft", False)),
            last_head_sha=head_sha,
        )
        pulls.append(pull)
        data = self.s.pull_json(pull)
        return 201, data, {"Location": data["url"]}

    def get_pull(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["pull_number"]))
        return 200, self.s.pull_json(pull), {}

    def update_pull(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["pull_number"]))
        if call.user is None or call.user.login.lower() not in (pull.user.lower(), *repo.writers):
            raise HttpError(403, "Must have admin rights to Repository.")
        body = call.body or {}
        for key in ("title", "body"):
            if key in body:
                setattr(pull, key, body[key])
        if "state" in body:
            pull.state = body["state"]
        if "maintainer_can_modify" in body:
            pull.maintainer_can_modify = bool(body["maintainer_can_modify"])
        return 200, self.s.pull_json(pull), {}

    def list_pull_files(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["pull_number"]))
        base_files = self.s.git.flatten(
            self.s.git.commits[repo.refs[f"refs/heads/{pull.base_ref}"]].tree
        )
        head_files = self.s.git.flatten(self.s.git.commits[pull.head_sha()].tree)
        items = []
        for path in sorted(set(base_files) | set(head_files)):
            if base_files.get(path) == head_files.get(path):
                continue
            status = (
                "added"
                if path not in base_files
                else "removed"
                if path not in head_files
                else "modified"
            )
            sha = (head_files.get(path) or base_files[path])[1]
            items.append(
                {
                    "sha": sha,
                    "filename": path,
                    "status": status,
                    "additions": 0,
                    "deletions": 0,
                    "changes": 0,
                    "blob_url": f"{self.s.base_url}/{repo.full_name}/blob/{sha}/{path}",
                    "raw_url": f"{self.s.base_url}/{repo.full_name}/raw/{sha}/{path}",
                    "contents_url": f"{self.s.base_url}/repos/{repo.full_name}/contents/{path}",
                }
            )
        return self.paged(call, items)

    def list_pull_commits(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["pull_number"]))
        base_sha = repo.refs[f"refs/heads/{pull.base_ref}"]
        chain = []
        sha: str | None = pull.head_sha()
        while sha and not self.s.git.is_ancestor(sha, base_sha):
            chain.append(self.s.commit_json(pull.head, sha))
            parents = self.s.git.commits[sha].parents
            sha = parents[0] if parents else None
        return self.paged(call, list(reversed(chain)))

    def list_reviews(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["pull_number"]))
        return self.paged(call, [self.s.review_json(pull, r) for r in pull.reviews])

    def list_review_comments(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["pull_number"]))
        return self.paged(
            call,
            [
                self.s.comment_json(pull, c, "pull-request-review-comment")
                for c in pull.review_comments
            ],
        )

    def list_issue_comments(self, call: Call) -> Response:
        repo = self.repo(call)
        pull = self.s._pull(repo, int(call.params["issue_number"]))
        return self.paged(
            call, [self.s.comment_json(pull, c, "issue-comment") for c in pull.comments]
        )

    def create_issue_comment(self, call: Call) -> Response:
        repo = self.repo(call)
        if call.user is None:
            raise HttpError(401, "Requires authentication")
        pull = self.s._pull(repo, int(call.params["issue_number"]))
        comment = Comment(self.s.next_id(), call.user.login, (call.body or {}).get("body", ""))
        pull.comments.append(comment)
        data = self.s.comment_json(pull, comment, "issue-comment")
        return 201, data, {"Location": data["url"]}


ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/user"): "get_user",
    ("GET", "/rate_limit"): "get_rate_limit",
    ("GET", "/repos/{owner}/{repo}"): "get_repo",
    ("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission"): "get_permission",
    ("GET", "/repos/{owner}/{repo}/forks"): "list_forks",
    ("POST", "/repos/{owner}/{repo}/forks"): "create_fork",
    ("POST", "/repos/{owner}/{repo}/merge-upstream"): "merge_upstream",
    ("GET", "/repos/{owner}/{repo}/branches/{branch}"): "get_branch",
    ("GET", "/repos/{owner}/{repo}/commits/{ref}"): "get_commit",
    ("GET", "/repos/{owner}/{repo}/commits/{ref}/status"): "get_combined_status",
    ("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs"): "list_check_runs",
    ("POST", "/repos/{owner}/{repo}/git/blobs"): "create_blob",
    ("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}"): "get_blob",
    ("POST", "/repos/{owner}/{repo}/git/commits"): "create_commit",
    ("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}"): "get_git_commit",
    ("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref}"): "matching_refs",
    ("GET", "/repos/{owner}/{repo}/git/ref/{ref}"): "get_ref",
    ("POST", "/repos/{owner}/{repo}/git/refs"): "create_ref",
    ("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}"): "update_ref",
    ("DELETE", "/repos/{owner}/{repo}/git/refs/{ref}"): "delete_ref",
    ("POST", "/repos/{owner}/{repo}/git/trees"): "create_tree",
    ("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}"): "get_tree",
    ("GET", "/repos/{owner}/{repo}/pulls"): "list_pulls",
    ("POST", "/repos/{owner}/{repo}/pulls"): "create_pull",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}"): "get_pull",
    ("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}"): "update_pull",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files"): "list_pull_files",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits"): "list_pull_commits",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews"): "list_reviews",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/comments"): "list_review_comments",
    ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments"): "list_issue_comments",
    ("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"): "create_issue_comment",
}


def _get_git_commit(self: Api, call: Call) -> Response:
    repo = self.repo(call)
    self.ready(repo)
    sha = call.params["commit_sha"]
    if sha not in self.s.git.commits:
        raise _not_found()
    return 200, self.s.git_commit_json(repo, sha), {}


Api.get_git_commit = _get_git_commit  # type: ignore[attr-defined]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _handle(self, method: str) -> None:
        state = self.server.state
        split = urlsplit(self.path)
        path = split.path
        prefix = self.server.prefix
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if path.startswith("/login/"):
            self._oauth(method, path, raw)
            return
        if prefix and path.startswith(prefix):
            path = path[len(prefix) :]
        path = unquote(path)
        query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        hit = contract.match(method, path)
        template = hit[0] if hit else None
        if hit is not None and state.check_requests:
            try:
                contract.validate_request(
                    method, path, query, raw, self.headers.get("Content-Type", "")
                )
            except contract.ContractError as error:
                with state.lock:
                    state.request_errors.append(str(error)[:2000])

        fault = state._take_fault(method, path, after=False)
        if fault is not None and fault.run is not None:
            fault.run()
        if fault is not None and (fault.status or fault.drop):
            self._fault(method, path, template, body, fault)
            return

        status, payload, headers = self._dispatch(method, path, hit, query, body)
        fault = state._take_fault(method, path, after=True)
        if fault is not None and fault.run is not None:
            fault.run()
        if fault is not None and (fault.status or fault.drop):
            self._fault(method, path, template, body, fault)
            return
        self._send(
            method,
            path,
            template=template,
            request_body=body,
            status=status,
            payload=payload,
            headers=headers,
        )

    def _dispatch(
        self,
        method: str,
        path: str,
        hit: tuple[str, dict[str, str]] | None,
        query: dict[str, str],
        body: Any,
    ) -> Response:
        state = self.server.state
        token_info, user = None, None
        auth = self.headers.get("Authorization", "")
        if auth:
            token = auth.split(" ", 1)[-1].strip()
            token_info = state.tokens.get(token)
            user = state.user_for_token(token)
            if user is None:
                error = HttpError(401, "Bad credentials", DOCS)
                return error.status, error.body, {}
        if hit is None or (method, hit[0]) not in ROUTES:
            error = _not_found()
            return error.status, error.body, {}
        template, params = hit
        owner = params.get("owner", "").lower()
        if owner in state.sso_orgs and (
            token_info is None or auth.split(" ", 1)[-1].strip() not in state.sso_authorized
        ):
            error = HttpError(
                403,
                "Resource protected by organization SAML enforcement. You must grant your "
                "OAuth token access to this organization.",
                "https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/",
            )
            sso = f"required; url=https://github.com/orgs/{owner}/sso?authorization_request=x"
            return error.status, error.body, {"X-GitHub-SSO": sso}
        call = Call(method, path, template, params, query, body, user, token_info)
        api = Api(state)
        try:
            with state.lock:
                return getattr(api, ROUTES[(method, template)])(call)  # type: ignore[no-any-return]
        except HttpError as error:
            return error.status, error.body, error.headers

    def _fault(self, method: str, path: str, template: str | None, body: Any, fault: Fault) -> None:
        state = self.server.state
        if fault.drop:
            with state.lock:
                state.requests.append(Request(method, path, template, 0, body))
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(2)
            return
        self._send(
            method,
            path,
            template=template,
            request_body=body,
            status=fault.status,
            payload=fault.body,
            headers=dict(fault.headers),
        )

    def _send(
        self,
        method: str,
        path: str,
        *,
        template: str | None,
        request_body: Any,
        status: int,
        payload: Any,
        headers: dict[str, str],
    ) -> None:
        state = self.server.state
        data = b"" if payload is None else json.dumps(payload).encode()
        if template is not None:
            try:
                contract.validate(method, path, status, data)
            except contract.ContractError as error:
                with state.lock:
                    state.contract_errors.append(str(error)[:2000])
        else:
            with state.lock:
                state.contract_errors.append(f"{method} {path} is not a contract operation")
        with state.lock:
            state.requests.append(Request(method, path, template, status, request_body))
        all_headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-GitHub-Api-Version-Selected": API_VERSION,
            "X-RateLimit-Limit": "5000",
            "X-RateLimit-Remaining": "4999",
            "X-RateLimit-Reset": str(int(time.time()) + 3600),
            "X-RateLimit-Used": "1",
            "X-RateLimit-Resource": "core",
        }
        auth = self.headers.get("Authorization", "")
        info = state.tokens.get(auth.split(" ", 1)[-1].strip()) if auth else None
        if info is not None:
            all_headers["X-OAuth-Scopes"] = ", ".join(info.scopes)
            all_headers["X-Accepted-OAuth-Scopes"] = "repo"
        all_headers.update(headers)
        self.send_response(status)
        for name, value in all_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _oauth(self, method: str, path: str, raw: bytes) -> None:
        state = self.server.state
        text = raw.decode("utf-8", "replace")
        if self.headers.get("Content-Type", "").startswith("application/json") and text:
            form = {str(k): str(v) for k, v in json.loads(text).items()}
        else:
            form = {k: v[-1] for k, v in parse_qs(text).items()}
        status, payload = state.oauth.handle(method, path, form)
        with state.lock:
            state.requests.append(Request(method, path, None, status, form))
        if "json" in self.headers.get("Accept", ""):
            data = json.dumps(payload).encode()
            content_type = "application/json; charset=utf-8"
        else:
            from urllib.parse import urlencode

            data = urlencode({k: str(v) for k, v in payload.items()}).encode()
            content_type = "application/x-www-form-urlencoded; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: FakeState
    prefix: str


class FakeGitHub:
    """The fake GitHub, serving on 127.0.0.1 (random port) from a background thread.

    ``prefix="/api/v3"`` serves the API under that path, like GitHub Enterprise Server.
    """

    def __init__(self, *, prefix: str = "") -> None:
        self.state = FakeState()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self._server.prefix = prefix
        host, port = self._server.server_address[:2]
        self.root_url = f"http://{host}:{port}"
        self.base_url = self.root_url + prefix
        self.state.base_url = self.base_url
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-github", daemon=True
        )

    def start(self) -> FakeGitHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def client(self, token: str) -> Any:
        """A PyGithub client for ``token`` against this server (no retries, no throttling)."""
        from github import Auth, Github

        return Github(
            auth=Auth.Token(token),
            base_url=self.base_url,
            retry=None,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )


__all__ = ["FakeGitHub", "FakeState"]
