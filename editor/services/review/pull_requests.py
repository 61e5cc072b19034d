"""Opening a pull request for review: what it is, who wrote it, and its files on disk.

:class:`ReviewService` reads a pull request (title, description, author, checks, conversation),
lists a repository's open pull requests (all, review requested from me, mine), and downloads
the changed Markdown files with every picture and include file they reference, from the head
repository at the head commit, into a review workspace laid out like the repository. Every
path from the pull request is screened first (:mod:`editor.core.review.paths`); rejected
entries are kept with their reasons. What the workspace started from (the head commit, each
file's blob SHA) is saved beside it, so sending changes back knows what the reviewer changed
and whether the pull request moved meanwhile.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from github import Github
from github.PullRequest import PullRequest
from github.Repository import Repository

from editor.core.front_matter import read_front_matter
from editor.core.i18n import Message, message
from editor.core.images.references import find_references
from editor.core.profiles.matching import match_profile
from editor.core.profiles.model import Profile
from editor.core.review.paths import Entry, RejectedPath, screen_entries
from editor.core.review.references import PullReference
from editor.core.source_files import join_repository_path
from editor.services.github.errors import ErrorKind, GitHubError
from editor.services.github.retry import Retrier
from editor.services.review.workspace import UnsafeWriteError, make_root, write_file
from editor.services.storage import atomic_write_bytes

_CONTEXT = "Review"
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Files larger than this are not downloaded (no post needs a bigger picture).
MAX_FILE_BYTES = 25 * 1024 * 1024
_INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\(\s*<?([^)>]*?)>?\s*\)\s*\]", re.IGNORECASE)
_MAX_INCLUDE_DEPTH = 3


class PullFilter:
    OPEN = "open"
    REVIEW_REQUESTED = "review_requested"
    MINE = "mine"


@dataclass(frozen=True, slots=True)
class Check:
    """One check on the head commit; ``outcome`` is success, failure, pending or neutral."""

    name: str
    outcome: str


@dataclass(frozen=True, slots=True)
class ConversationItem:
    """A comment, a review, or a review comment on a line."""

    author: str
    body: str
    kind: str  # "comment", "review", "line"
    when: str = ""
    path: str = ""
    line: int | None = None
    state: str = ""


@dataclass(frozen=True, slots=True)
class PullSummary:
    """One row of the list of open pull requests."""

    ref: PullReference
    title: str
    author: str
    created_at: dt.datetime | None
    changed_files: int
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class PullDetails:
    """What the side panel shows, and what sending changes back needs."""

    ref: PullReference
    title: str
    body: str
    author: str
    url: str
    state: str
    head_repo: str
    head_ref: str
    head_sha: str
    base_ref: str
    maintainer_can_modify: bool
    can_push: bool
    checks: tuple[Check, ...]
    conversation: tuple[ConversationItem, ...]


@dataclass(frozen=True, slots=True)
class ReviewState:
    """What a review workspace started from (saved beside it as JSON)."""

    owner: str
    repo: str
    number: int
    head_repo: str
    head_ref: str
    start_head: str
    base_ref: str
    can_push: bool
    files: dict[str, str]  # repository path -> blob SHA as downloaded
    markdown: list[str]
    profile_id: str = ""
    title: str = ""
    url: str = ""
    #: Entries not written: [path, message context, message text, [[name, value], ...]].
    refused: list[list[Any]] = field(default_factory=list)

    @property
    def ref(self) -> PullReference:
        return PullReference(self.owner, self.repo, self.number)


@dataclass(frozen=True, slots=True)
class ReviewWorkspace:
    """A pull request's files on disk, the state they came from, and what was refused."""

    root: Path
    state: ReviewState
    rejected: tuple[RejectedPath, ...] = ()
    missing: tuple[str, ...] = ()  # referenced files the head does not have

    @property
    def markdown_files(self) -> tuple[Path, ...]:
        return tuple(self.root.joinpath(*p.split("/")) for p in self.state.markdown)

    def save(self) -> None:
        data = json.dumps(asdict(self.state), indent=1, ensure_ascii=False)
        atomic_write_bytes(state_file(self.root), data.encode("utf-8"))

    def with_state(self, state: ReviewState) -> ReviewWorkspace:
        return ReviewWorkspace(self.root, state, self.rejected, self.missing)


def state_file(root: Path) -> Path:
    """Where a workspace's state is kept: beside the folder, never inside it."""
    return root.parent / f"{root.name}.review.json"


def workspace_root(reviews: Path, ref: PullReference) -> Path:
    """``<reviews>/<owner>-<repo>-<n>``."""
    return reviews / ref.folder_name


def load_workspace(root: Path) -> ReviewWorkspace | None:
    """A workspace downloaded earlier, or None when there is none (or its state is damaged)."""
    try:
        data = json.loads(state_file(root).read_text("utf-8"))
        state = ReviewState(**data)
        rejected = tuple(
            RejectedPath(path, Message(context, text, tuple((k, v) for k, v in arguments)))
            for path, context, text, arguments in state.refused
        )
    except (OSError, ValueError, TypeError):
        return None
    return ReviewWorkspace(root, state, rejected) if root.is_dir() else None


def _refused(rejected: Iterable[RejectedPath]) -> list[list[Any]]:
    return [
        [r.path, r.reason.context, r.reason.text, [[k, v] for k, v in r.reason.arguments]]
        for r in rejected
    ]


def _when(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else ""


class ReviewService:
    """Pull-request reading and downloading through one signed-in PyGithub client."""

    def __init__(
        self,
        client: Github,
        *,
        retrier: Retrier | None = None,
        progress: Callable[[Message], None] | None = None,
    ) -> None:
        self.client = client
        self.retrier = retrier or Retrier()
        self._progress = progress

    def report(self, text: Message) -> None:
        self.retrier.check_cancel()
        if self._progress is not None:
            self._progress(text)

    def login(self) -> str:
        return str(self.retrier.read(lambda: self.client.get_user().login))

    def repository(self, full_name: str) -> Repository:
        try:
            return self.retrier.read(lambda: self.client.get_repo(full_name))
        except GitHubError as error:
            if error.kind is ErrorKind.NOT_FOUND:
                raise GitHubError(
                    ErrorKind.NOT_FOUND,
                    message(
                        _CONTEXT,
                        "The repository {repository} was not found on GitHub.",
                        repository=full_name,
                    ),
                    status=404,
                ) from error
            raise

    def pull(self, ref: PullReference) -> PullRequest:
        repo = self.repository(ref.full_name)
        try:
            return self.retrier.read(lambda: repo.get_pull(ref.number))
        except GitHubError as error:
            if error.kind is ErrorKind.NOT_FOUND:
                raise GitHubError(
                    ErrorKind.NOT_FOUND,
                    message(
                        _CONTEXT,
                        "{repository} has no pull request #{number}.",
                        repository=ref.full_name,
                        number=ref.number,
                    ),
                    status=404,
                ) from error
            raise

    # --- reading -------------------------------------------------------------------------

    def checks(self, repo: Repository, sha: str) -> tuple[Check, ...]:
        def read() -> tuple[Check, ...]:
            commit = repo.get_commit(sha)
            found = []
            for run in commit.get_check_runs():
                if run.status != "completed":
                    outcome = "pending"
                elif run.conclusion in ("success", "skipped"):
                    outcome = "success"
                elif run.conclusion in ("neutral", None):
                    outcome = "neutral"
                else:
                    outcome = "failure"
                found.append(Check(run.name, outcome))
            return tuple(found)

        return self.retrier.read(read)

    def can_push(self, pull: PullRequest, login: str) -> bool:
        """May ``login`` push to the pull request's branch (own fork, write access, or
        maintainer edits allowed and write access to the base)?"""
        head = pull.head.repo
        if head is None:
            return False
        if head.owner.login.lower() == login.lower():
            return True
        mine = self.retrier.read(lambda: self.client.get_repo(head.full_name))
        if mine.permissions is not None and mine.permissions.push:
            return True
        if not pull.maintainer_can_modify:
            return False
        base = self.retrier.read(lambda: self.client.get_repo(pull.base.repo.full_name))
        return bool(base.permissions is not None and base.permissions.push)

    def details(self, ref: PullReference) -> PullDetails:
        self.report(message(_CONTEXT, "Reading pull request {label}", label=ref.label))
        pull = self.pull(ref)
        login = self.login()
        base_repo = pull.base.repo
        head = pull.head.repo
        conversation = self._conversation(pull)
        return PullDetails(
            ref=ref,
            title=pull.title,
            body=pull.body or "",
            author=pull.user.login,
            url=pull.html_url,
            state="merged" if pull.merged else pull.state,
            head_repo=head.full_name if head is not None else "",
            head_ref=pull.head.ref,
            head_sha=pull.head.sha,
            base_ref=pull.base.ref,
            maintainer_can_modify=bool(pull.maintainer_can_modify),
            can_push=self.can_push(pull, login),
            checks=self.checks(base_repo, pull.head.sha),
            conversation=conversation,
        )

    def _conversation(self, pull: PullRequest) -> tuple[ConversationItem, ...]:
        def read() -> list[ConversationItem]:
            items = [
                ConversationItem(c.user.login, c.body or "", "comment", _when(c.created_at))
                for c in pull.get_issue_comments()
            ]
            items += [
                ConversationItem(
                    r.user.login, r.body or "", "review", _when(r.submitted_at), state=r.state
                )
                for r in pull.get_reviews()
            ]
            items += [
                ConversationItem(
                    c.user.login,
                    c.body or "",
                    "line",
                    _when(c.created_at),
                    path=c.path,
                    line=c.line,
                )
                for c in pull.get_review_comments()
            ]
            return sorted(items, key=lambda item: item.when)

        return tuple(self.retrier.read(read))

    def list_pulls(self, full_name: str, which: str = PullFilter.OPEN) -> list[PullSummary]:
        """The open pull requests of ``full_name``; ``which`` narrows to review requests or
        the signed-in user's own."""
        repo = self.repository(full_name)
        if which == PullFilter.OPEN:
            numbers = [p.number for p in self.retrier.read(lambda: list(repo.get_pulls("open")))]
        else:
            login = self.login()
            term = "author" if which == PullFilter.MINE else "review-requested"
            query = f"is:pr is:open repo:{repo.full_name} {term}:{login}"
            numbers = [
                i.number for i in self.retrier.read(lambda: list(self.client.search_issues(query)))
            ]
        rows = []
        for number in numbers:
            pull = self.retrier.read(lambda n=number: repo.get_pull(n))  # type: ignore[misc]
            files = self.retrier.read(lambda p=pull: len(list(p.get_files())))  # type: ignore[misc]
            owner, name = repo.full_name.split("/")
            rows.append(
                PullSummary(
                    PullReference(owner, name, number),
                    pull.title,
                    pull.user.login,
                    pull.created_at,
                    files,
                    self.checks(repo, pull.head.sha),
                )
            )
        return rows

    # --- downloading ---------------------------------------------------------------------

    def download(
        self, ref: PullReference, reviews: Path, profiles: Iterable[Profile]
    ) -> ReviewWorkspace:
        """Download the pull request's Markdown files and what they reference into a new
        workspace under ``reviews``; an existing workspace of the same pull request is kept
        and returned as it is (the reviewer's edits are never overwritten)."""
        root = workspace_root(reviews, ref)
        existing = load_workspace(root)
        if existing is not None:
            return existing
        pull = self.pull(ref)
        head = pull.head.repo
        if head is None:
            raise GitHubError(
                ErrorKind.NOT_FOUND,
                message(
                    _CONTEXT,
                    "The copy (fork) this pull request comes from was deleted, so its files "
                    "cannot be downloaded.",
                ),
            )
        login = self.login()
        head_sha = pull.head.sha
        self.report(message(_CONTEXT, "Listing the files of {label}", label=ref.label))
        changed = self.retrier.read(
            lambda: [f.filename for f in pull.get_files() if f.status != "removed"]
        )
        tree = self._tree(head, head_sha)
        wanted = [p for p in changed if p.lower().endswith(MARKDOWN_SUFFIXES)]
        make_root(root)
        plan, texts = self.download_files(head, tree, wanted, root)
        plan.screen_only([p for p in changed if p not in wanted])
        profile = _profile_for(wanted, texts, profiles)
        state = ReviewState(
            owner=ref.owner,
            repo=ref.repo,
            number=ref.number,
            head_repo=head.full_name,
            head_ref=pull.head.ref,
            start_head=head_sha,
            base_ref=pull.base.ref,
            can_push=self.can_push(pull, login),
            files=dict(plan.written),
            markdown=[p for p in wanted if p in plan.written],
            profile_id=profile.id if profile is not None else "",
            title=pull.title,
            url=pull.html_url,
            refused=_refused(plan.rejected),
        )
        workspace = ReviewWorkspace(root, state, tuple(plan.rejected), tuple(plan.missing))
        workspace.save()
        return workspace

    def download_files(
        self,
        repo: Repository,
        tree: Mapping[str, tuple[str, str, int]],
        wanted: list[str],
        root: Path,
        *,
        overwrite: bool = True,
    ) -> tuple[_Plan, dict[str, str]]:
        """Write the Markdown files ``wanted`` and the pictures and includes they use (from
        ``tree``, path -> (mode, blob SHA, size)) under ``root``; with ``overwrite`` False,
        files already there are kept as they are."""
        plan = _Plan(tree, overwrite=overwrite)
        plan.screen(wanted)
        texts: dict[str, str] = {}
        for path in plan.accepted_paths():
            texts[path] = self._fetch_text(repo, plan, root, path)
        todo = list(texts.items())
        for _depth in range(_MAX_INCLUDE_DEPTH + 1):
            found: list[str] = []
            for path, text in todo:
                found += plan.references(path, text)
            plan.screen(found)
            todo = []
            for path in plan.accepted_paths():
                if path in plan.written:
                    continue
                if path.lower().endswith(MARKDOWN_SUFFIXES):
                    todo.append((path, self._fetch_text(repo, plan, root, path)))
                else:
                    self._fetch(repo, plan, root, path)
            if not todo:
                break
        return plan, texts

    def tree(self, repo: Repository, sha: str) -> dict[str, tuple[str, str, int]]:
        """The files of commit ``sha``: path -> (mode, blob SHA, size)."""
        return self._tree(repo, sha)

    def _tree(self, repo: Repository, sha: str) -> dict[str, tuple[str, str, int]]:
        def read() -> dict[str, tuple[str, str, int]]:
            commit = repo.get_git_commit(sha)
            tree = repo.get_git_tree(commit.tree.sha, recursive=True)
            return {
                item.path: (item.mode, item.sha, item.size or 0)
                for item in tree.tree
                if item.type != "tree"
            }

        return self.retrier.read(read)

    def blob(self, repo: Repository, sha: str) -> bytes:
        blob = self.retrier.read(lambda: repo.get_git_blob(sha))
        return (
            base64.b64decode(blob.content) if blob.encoding == "base64" else blob.content.encode()
        )

    def _fetch(self, repo: Repository, plan: _Plan, root: Path, path: str) -> bytes | None:
        mode_sha_size = plan.tree[path]
        existing = root.joinpath(*path.split("/"))
        if not plan.overwrite and existing.is_file() and not existing.is_symlink():
            plan.written[path] = mode_sha_size[1]
            return existing.read_bytes()
        self.report(message(_CONTEXT, "Downloading {path}", path=path))
        data = self.blob(repo, mode_sha_size[1])
        try:
            write_file(root, path, data)
        except UnsafeWriteError as error:
            plan.rejected.append(RejectedPath(path, error.reason))
            return None
        plan.written[path] = mode_sha_size[1]
        return data

    def _fetch_text(self, repo: Repository, plan: _Plan, root: Path, path: str) -> str:
        data = self._fetch(repo, plan, root, path)
        if data is None:
            return ""
        return data.decode("utf-8-sig", errors="replace")


@dataclass
class _Plan:
    """Which paths of the head tree are wanted, written, refused or missing."""

    tree: Mapping[str, tuple[str, str, int]]
    overwrite: bool = True
    accepted: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    rejected: list[RejectedPath] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def screen(self, paths: Iterable[str]) -> None:
        seen = set(self.accepted) | {r.path for r in self.rejected} | set(self.missing)
        entries = []
        for path in dict.fromkeys(paths):
            if path in seen:
                continue
            found = self.tree.get(path)
            if found is None:
                self.missing.append(path)
                continue
            entries.append(Entry(path, found[0]))
        accepted, rejected = screen_entries(entries, self.accepted)
        self.rejected.extend(rejected)
        for entry in accepted:
            size = self.tree[entry.path][2] if entry.path in self.tree else 0
            if any(part.startswith(".") for part in entry.path.split("/")):
                self.rejected.append(
                    RejectedPath(
                        entry.path,
                        message(
                            _CONTEXT,
                            "It is a hidden or configuration file; those are never written.",
                        ),
                    )
                )
            elif size > MAX_FILE_BYTES:
                self.rejected.append(
                    RejectedPath(entry.path, message(_CONTEXT, "The file is too large."))
                )
            elif entry.path in self.tree:
                self.accepted.append(entry.path)

    def screen_only(self, paths: Iterable[str]) -> None:
        """Record which of ``paths`` (files not downloaded) would be refused, and why."""
        before = list(self.accepted)
        self.screen(paths)
        self.accepted = before

    def accepted_paths(self) -> list[str]:
        return list(self.accepted)

    def references(self, path: str, text: str) -> list[str]:
        """Repository paths of the pictures and include files ``text`` (at ``path``) uses."""
        found: list[str] = []
        for ref in find_references(text):
            if ref.target is None:
                continue
            joined = join_repository_path(path, ref.target)
            if joined is not None:
                found.append(self._case_fixed(joined))
        for match in _INCLUDE.finditer(text):
            joined = join_repository_path(path, match.group(1))
            if joined is not None:
                found.append(self._case_fixed(joined))
        return found

    def _case_fixed(self, path: str) -> str:
        """The tree's own spelling of ``path`` when only letter case differs (Learn finds it)."""
        if path in self.tree:
            return path
        wanted = path.casefold()
        return next((p for p in sorted(self.tree) if p.casefold() == wanted), path)


def _profile_for(
    paths: list[str], texts: Mapping[str, str], profiles: Iterable[Profile]
) -> Profile | None:
    candidates = tuple(profiles)
    for path in paths:
        data = read_front_matter(texts.get(path, "")).data
        found = match_profile(PurePosixPath(path), data, candidates)
        if found is not None:
            return found
    return None
