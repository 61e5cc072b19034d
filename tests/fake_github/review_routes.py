"""Fake GitHub operations for reviewing: reviews with suggestion comments, issues, issue search.

Registered on :class:`~tests.fake_github.server.Api` by importing this module (``server.py``
does, at its end). Also helpers to set a scene: :func:`open_pull` (a contributor's pull request
from their fork, with any files, links or submodules), :func:`request_review`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from . import contract
from .server import ROUTES, Api, Call, Comment, FakeState, HttpError, Pull, Response, Review

SUBMODULE = "160000"
SYMLINK = "120000"


@dataclass
class Issue:
    number: int
    id: int
    user: str
    title: str
    body: str
    labels: list[str] = field(default_factory=list)


def _extra(state: FakeState) -> dict[str, Any]:
    """Review-only state kept beside the core fake's (issues, review requests, line ranges)."""
    extra = getattr(state, "review_extra", None)
    if extra is None:
        extra = {"issues": {}, "requested": {}, "start_lines": {}}
        state.review_extra = extra  # type: ignore[attr-defined]
    return extra  # type: ignore[no-any-return]


def issues_of(state: FakeState, full_name: str) -> list[Issue]:
    return _extra(state)["issues"].get(full_name.lower(), [])  # type: ignore[no-any-return]


def start_line_of(state: FakeState, comment: Comment) -> int | None:
    return _extra(state)["start_lines"].get(comment.id)  # type: ignore[no-any-return]


def request_review(state: FakeState, full_name: str, number: int, login: str) -> None:
    with state.lock:
        _extra(state)["requested"].setdefault((full_name.lower(), number), set()).add(login.lower())


def open_pull(
    state: FakeState,
    upstream: str,
    author: str,
    branch: str,
    files: dict[str, bytes | tuple[str, bytes]],
    *,
    title: str = "A post",
    body: str = "",
    maintainer_can_modify: bool = True,
    removed: tuple[str, ...] = (),
) -> Pull:
    """``author`` forks ``upstream`` and opens a pull request adding ``files`` on ``branch``.

    A value may be ``(mode, bytes)`` to commit a link (``120000``) or submodule (``160000``).
    """
    with state.lock:
        base = state.repo(upstream)
        forks = [r for r in state.forks_of(upstream) if r.owner.lower() == author.lower()]
        fork = forks[0] if forks else state.make_fork(base, author)
        fork.not_ready_reads = 0
        parent = base.refs[f"refs/heads/{base.default_branch}"]
        flat = state.git.flatten(state.git.commits[parent].tree)
        for path in removed:
            flat.pop(path, None)
        for path, value in files.items():
            mode, data = value if isinstance(value, tuple) else ("100644", value)
            flat[path] = (mode, state.git.put_blob(data))
        tree = state.git.build_tree(flat)
        sha = state.git.put_commit(tree, [parent], title, author_name=author)
        fork.refs[f"refs/heads/{branch}"] = sha
        pulls = state.pulls.setdefault(base.full_name.lower(), [])
        numbers = [p.number for p in pulls] + [i.number for i in issues_of(state, upstream)]
        pull = Pull(
            1 + max(numbers, default=0),
            state.next_id(),
            base,
            base.default_branch,
            fork,
            branch,
            title,
            body,
            state.users[author.lower()].login,
            maintainer_can_modify,
            False,
            last_head_sha=sha,
        )
        pulls.append(pull)
        return pull


def _diff_lines(state: FakeState, pull: Pull, path: str) -> set[int]:
    """Head lines of ``path`` inside the pull request's diff (changed lines and 3 around)."""
    base_files = state.git.files(pull.base.refs[f"refs/heads/{pull.base_ref}"])
    head_files = state.git.files(pull.head_sha())
    if path not in head_files:
        return set()
    head = head_files[path].decode("utf-8", "replace").splitlines()
    if path not in base_files:
        return set(range(1, len(head) + 1))
    old = base_files[path].decode("utf-8", "replace").splitlines()
    lines: set[int] = set()
    for hunk in difflib.unified_diff(old, head, lineterm="", n=3):
        if hunk.startswith("@@"):
            new = hunk.split("+", 1)[1].split(" ", 1)[0]
            start, _, count = new.partition(",")
            lines.update(range(int(start), int(start) + int(count or "1")))
    return lines


def _create_review(self: Api, call: Call) -> Response:
    repo = self.repo(call)
    if call.user is None:
        raise HttpError(401, "Requires authentication")
    pull = self.s._pull(repo, int(call.params["pull_number"]))
    body = call.body or {}
    event = body.get("event")
    if (
        event in ("REQUEST_CHANGES", "COMMENT")
        and not body.get("body")
        and not body.get("comments")
    ):
        raise HttpError(422, "Unprocessable Entity", errors=["Body is required"])
    commit_id = body.get("commit_id") or pull.head_sha()
    comments = []
    for item in body.get("comments") or []:
        path, line = item.get("path"), item.get("line")
        start = item.get("start_line", line)
        allowed = _diff_lines(self.s, pull, path)
        if (
            not isinstance(line, int)
            or not isinstance(start, int)
            or start > line
            or item.get("side", "RIGHT") != "RIGHT"
            or any(n not in allowed for n in range(start, line + 1))
        ):
            raise HttpError(
                422,
                "Unprocessable Entity",
                errors=["Pull request review thread line must be part of the diff"],
            )
        comments.append((path, line, start, item.get("body", "")))
    state = {"APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}.get(
        event or "", "COMMENTED" if event else "PENDING"
    )
    review = Review(self.s.next_id(), call.user.login, state, body.get("body", ""), commit_id)
    pull.reviews.append(review)
    for path, line, start, text in comments:
        comment = Comment(self.s.next_id(), call.user.login, text, path, line, commit_id, review.id)
        pull.review_comments.append(comment)
        if start != line:
            _extra(self.s)["start_lines"][comment.id] = start
    return 200, self.s.review_json(pull, review), {}


def _issue_json(state: FakeState, full_name: str, issue: Issue, pull: Pull | None) -> Any:
    base = state.base_url
    api = f"{base}/repos/{full_name}"
    extra: dict[str, Any] = {
        "id": issue.id,
        "node_id": f"I_{issue.id}",
        "url": f"{api}/issues/{issue.number}",
        "repository_url": api,
        "labels_url": f"{api}/issues/{issue.number}/labels{{/name}}",
        "comments_url": f"{api}/issues/{issue.number}/comments",
        "events_url": f"{api}/issues/{issue.number}/events",
        "html_url": f"{base}/{full_name}/{'pull' if pull else 'issues'}/{issue.number}",
        "number": issue.number,
        "state": "open",
        "title": issue.title,
        "body": issue.body,
        "user": state.user_json(issue.user),
        "labels": [
            {"id": index + 1, "name": name, "color": "ededed", "default": False}
            for index, name in enumerate(issue.labels)
        ],
        "comments": 0,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "closed_at": None,
        "author_association": "NONE",
        "locked": False,
    }
    if pull is not None:
        extra["pull_request"] = {
            "url": f"{api}/pulls/{issue.number}",
            "html_url": f"{base}/{full_name}/pull/{issue.number}",
            "diff_url": f"{base}/{full_name}/pull/{issue.number}.diff",
            "patch_url": f"{base}/{full_name}/pull/{issue.number}.patch",
            "merged_at": None,
        }
    return extra


def _create_issue(self: Api, call: Call) -> Response:
    repo = self.repo(call)
    if call.user is None:
        raise HttpError(401, "Requires authentication")
    body = call.body or {}
    if not str(body.get("title") or "").strip():
        raise HttpError(422, "Validation Failed", errors=[{"field": "title", "code": "missing"}])
    issues = _extra(self.s)["issues"].setdefault(repo.full_name.lower(), [])
    numbers = [p.number for p in self.s.pulls_of(repo.full_name)] + [i.number for i in issues]
    issue = Issue(
        1 + max(numbers, default=0),
        self.s.next_id(),
        call.user.login,
        str(body["title"]),
        str(body.get("body") or ""),
        [str(label) for label in body.get("labels") or []],
    )
    issues.append(issue)
    data = contract.overlay(
        contract.schema_skeleton("issue"), _issue_json(self.s, repo.full_name, issue, None)
    )
    return 201, data, {"Location": data["url"]}


def _search_issues(self: Api, call: Call) -> Response:
    """``is:pr is:open repo:o/r`` with ``author:login`` or ``review-requested:login``."""
    pairs = [term.split(":", 1) for term in call.query.get("q", "").split() if ":" in term]
    terms = {key: value for key, value in pairs if key != "is"}
    kinds = {value for key, value in pairs if key == "is"}
    if "pr" not in kinds or "repo" not in terms:
        raise HttpError(422, "Validation Failed", errors=[{"code": "invalid", "field": "q"}])
    full_name = terms["repo"]
    requested = _extra(self.s)["requested"]
    items = []
    for pull in reversed(self.s.pulls_of(full_name)):
        if pull.state != "open":
            continue
        if "author" in terms and pull.user.lower() != terms["author"].lower():
            continue
        wanted = terms.get("review-requested")
        if wanted and wanted.lower() not in requested.get((full_name.lower(), pull.number), ()):
            continue
        issue = Issue(pull.number, pull.id, pull.user, pull.title, pull.body)
        item = contract.overlay(
            contract.schema_skeleton("issue-search-result-item"),
            _issue_json(self.s, pull.base.full_name, issue, pull),
        )
        item["score"] = 1.0
        items.append(item)
    data = {"total_count": len(items), "incomplete_results": False, "items": items}
    data["search_type"] = "lexical"
    return 200, data, {}


Api.create_review = _create_review  # type: ignore[attr-defined]
Api.create_issue = _create_issue  # type: ignore[attr-defined]
Api.search_issues = _search_issues  # type: ignore[attr-defined]
ROUTES[("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews")] = "create_review"
ROUTES[("POST", "/repos/{owner}/{repo}/issues")] = "create_issue"
ROUTES[("GET", "/search/issues")] = "search_issues"
