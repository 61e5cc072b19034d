"""Publishing a post as a pull request, without git.

1. Find the user's fork of the site's repository (by its parent, not its name) or create it,
   and wait (bounded) until GitHub has it ready.
2. Pick the post's branch: ``post/<name>``, made from the upstream base branch's head; when it
   exists from an earlier publish, the new commit goes on top (never a force push). When
   someone else moved it, stop with :class:`BranchMovedError` and say what they changed.
3. Compare each file's git blob SHA with the base tree; upload only the blobs GitHub lacks;
   build one tree on the base tree, one commit, and point the branch at it.
4. Open the pull request to the base branch (maintainers may edit), or reuse the open one.

Nothing here touches the post on disk. The publish state is handed to ``save_state`` after
each step that changes GitHub, so a publish that stops halfway continues where it stopped.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any

from editor.core.i18n import Message, message
from editor.core.publish.git_objects import TreeEntry, tree_sha
from editor.core.publish.plan import (
    FILE_MODE,
    FilePlan,
    PlannedFile,
    blobs_to_upload,
    branch_name,
    changed_files,
    extra_file_text,
    oversized,
)
from editor.core.publish.state import PublishState
from editor.services.github.errors import (
    ErrorKind,
    GitHubError,
    archived_error,
    fork_not_ready_error,
)
from editor.services.github.retry import Retrier

if TYPE_CHECKING:  # PyGithub is imported when a post is first published, not at start-up
    from github import Github, InputGitTreeElement
    from github.GitRef import GitRef
    from github.GitTree import GitTree
    from github.PullRequest import PullRequest
    from github.Repository import Repository

_CONTEXT = "publish"


class Step(Enum):
    """The steps the progress dialog lists, in order."""

    CHECK = 1
    FORK = 2
    BRANCH = 3
    UPLOAD = 4
    COMMIT = 5
    PULL_REQUEST = 6


STEP_LABELS: Mapping[Step, Message] = {
    Step.CHECK: message(_CONTEXT, "Checking your account and the site's repository"),
    Step.FORK: message(_CONTEXT, "Preparing your copy (fork) of the repository"),
    Step.BRANCH: message(_CONTEXT, "Preparing the post's branch"),
    Step.UPLOAD: message(_CONTEXT, "Uploading the post and its pictures"),
    Step.COMMIT: message(_CONTEXT, "Saving the change as one commit"),
    Step.PULL_REQUEST: message(_CONTEXT, "Opening the pull request"),
}


@dataclass(frozen=True, slots=True)
class Progress:
    step: Step
    detail: Message
    done: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class PublishRequest:
    """What to publish and where; built by the caller from the post and its profile."""

    upstream: str  # "owner/name" of the site's repository
    base_branch: str
    stem: str  # the post's folder or file name
    plan: FilePlan
    values: Mapping[str, str]  # title, name, folder, author, githubname
    pull_title: str
    pull_body: str
    previous: PublishState = field(default_factory=PublishState)
    commit_message: str = ""
    accept_head: str = ""  # a moved branch head the user agreed to publish on top of
    update_pull_text: bool = False  # also replace the open pull request's title and body


@dataclass(frozen=True, slots=True)
class RemoteChange:
    path: str
    kind: str  # "added", "modified", "removed"


class BranchMovedError(GitHubError):
    """Someone else changed the post's branch since the last publish; nothing was overwritten."""

    def __init__(self, branch: str, head: str, changes: list[RemoteChange], authors: list[str]):
        who = ", ".join(authors) or "someone"
        super().__init__(
            ErrorKind.BRANCH_MOVED,
            message(
                _CONTEXT,
                "{who} changed the post's branch on GitHub since you last published "
                "({count} files). Postwright did not overwrite their work. Look at their "
                "changes; publish again on top of them only if your version should replace "
                "theirs.",
                who=who,
                count=len(changes),
            ),
        )
        self.branch = branch
        self.head = head
        self.changes = changes
        self.authors = authors


@dataclass(frozen=True, slots=True)
class PublishResult:
    state: PublishState
    pull_number: int
    pull_url: str
    created_pull: bool
    commit: str | None  # None when nothing had changed since the last publish
    uploaded: int  # blobs uploaded
    created_fork: bool


@dataclass(frozen=True, slots=True)
class Preflight:
    """What the checks found before anything is sent, and what publishing will do."""

    login: str
    problems: tuple[Message, ...]
    steps: tuple[Message, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _expected_tree(entries: Mapping[str, TreeEntry], changed: list[PlannedFile]) -> str:
    """The SHA of the tree ``changed`` makes on top of ``entries`` (worked out locally)."""
    after = dict(entries)
    after.update({file.path: (FILE_MODE, "blob", file.sha) for file in changed})
    return tree_sha(after)


def _blob_element(file: PlannedFile) -> InputGitTreeElement:
    from github import InputGitTreeElement  # noqa: PLC0415  (lazy: not at start-up)

    return InputGitTreeElement(file.path, FILE_MODE, "blob", sha=file.sha)


class Publisher:
    """Publishes posts through one signed-in PyGithub client."""

    def __init__(
        self,
        client: Github,
        *,
        retrier: Retrier | None = None,
        progress: Callable[[Progress], None] | None = None,
        save_state: Callable[[PublishState], None] | None = None,
        fork_wait: float = 300.0,
        fork_poll: float = 2.0,
        file_limit: int | None = None,
        server: str = "",
    ) -> None:
        self.client = client
        self.retrier = retrier or Retrier()
        self._progress = progress
        self._save_state = save_state
        self.fork_wait = fork_wait
        self.fork_poll = fork_poll
        self.file_limit = file_limit
        self.server = server

    # --- small helpers ---------------------------------------------------------------------

    def _report(
        self, step: Step, detail: Message | None = None, done: int = 0, total: int = 0
    ) -> None:
        self.retrier.check_cancel()
        if self._progress is not None:
            self._progress(Progress(step, detail or STEP_LABELS[step], done, total))

    def _save(self, state: PublishState) -> None:
        if self._save_state is not None:
            self._save_state(state)

    def _read_or_none(self, call: Callable[[], Any]) -> Any:
        try:
            return self.retrier.read(call)
        except GitHubError as error:
            if error.kind is ErrorKind.NOT_FOUND:
                return None
            raise

    def _login(self) -> str:
        return str(self.retrier.read(lambda: self.client.get_user().login))

    def _upstream(self, full_name: str) -> Repository:
        repo = self._read_or_none(lambda: self.client.get_repo(full_name))
        if repo is None:
            raise GitHubError(
                ErrorKind.NOT_FOUND,
                message(
                    _CONTEXT,
                    "The site's repository {repository} was not found on GitHub. Check the "
                    "site profile's repository name.",
                    repository=full_name,
                ),
                status=404,
            )
        return repo  # type: ignore[no-any-return]

    # --- preflight -------------------------------------------------------------------------

    def preflight(self, request: PublishRequest) -> Preflight:
        """Check the account and the upstream repository; say what publishing will do."""
        problems: list[Message] = []
        login = self._login()
        scopes = self.client.oauth_scopes
        if scopes is not None and not {"repo", "public_repo"} & set(scopes):
            problems.append(
                message(
                    _CONTEXT,
                    "Your sign-in does not allow writing to public repositories (scope "
                    "public_repo). Sign in again and approve it.",
                )
            )
        upstream = self._upstream(request.upstream)
        if upstream.archived:
            problems.append(archived_error().message)
        can_push = bool(upstream.permissions and upstream.permissions.push)
        if not upstream.allow_forking and not can_push:
            problems.append(
                message(
                    _CONTEXT,
                    "{repository} does not allow copies (forks), so it cannot take pull "
                    "requests from you.",
                    repository=upstream.full_name,
                )
            )
        limit = self.file_limit
        problems.extend(
            oversized(request.plan) if limit is None else oversized(request.plan, limit)
        )
        fork = self._find_fork(upstream, login, request.previous)
        steps = [
            message(
                _CONTEXT,
                "Use your copy {fork} of {repository}.",
                fork=fork.full_name,
                repository=upstream.full_name,
            )
            if fork is not None
            else message(
                _CONTEXT,
                "Create your own copy (a fork) of {repository} in your GitHub account {login}.",
                repository=upstream.full_name,
                login=login,
            ),
            _pictures_line(
                len(request.plan.images), request.previous.branch or branch_name(request.stem)
            ),
            message(
                _CONTEXT,
                "Update your pull request #{number}.",
                number=request.previous.pull_number,
            )
            if request.previous.pull_number
            else message(
                _CONTEXT,
                "Open a pull request asking the maintainers of {repository} to add it to {branch}.",
                repository=upstream.full_name,
                branch=request.base_branch,
            ),
        ]
        return Preflight(login, tuple(problems), tuple(steps))

    # --- publish ---------------------------------------------------------------------------

    def publish(self, request: PublishRequest) -> PublishResult:
        """Publish ``request``; raises :class:`GitHubError` (with a plain message) on failure."""
        state = request.previous.but(
            server=self.server or request.previous.server,
            upstream=request.upstream,
            base_branch=request.base_branch,
        )
        self._report(Step.CHECK)
        too_big = (
            oversized(request.plan)
            if self.file_limit is None
            else oversized(request.plan, self.file_limit)
        )
        if too_big:
            raise GitHubError(ErrorKind.TOO_LARGE, too_big[0])
        login = self._login()
        upstream = self._upstream(request.upstream)
        if upstream.archived:
            raise archived_error()

        self._report(Step.FORK)
        fork, created_fork = self._find_or_create_fork(upstream, login, state)
        if state.fork != fork.full_name:
            state = state.but(fork=fork.full_name)
            self._save(state)
        self._wait_until_ready(fork)

        self._report(Step.BRANCH)
        base_sha = self.retrier.read(
            lambda: upstream.get_git_ref(f"heads/{request.base_branch}").object.sha
        )
        branch, head = self._choose_branch(fork, state, request)
        parent_sha = head or base_sha
        parent = self.retrier.read(lambda: fork.get_git_commit(parent_sha))
        base_tree = self.retrier.read(lambda: fork.get_git_tree(parent.tree.sha))
        entries, complete = self._entries(fork, parent.tree.sha)
        listing = {path: sha for path, (_mode, kind, sha) in entries.items() if kind == "blob"}

        files = list(request.plan.files) + self._extra_files(fork, request, listing)
        changed = changed_files(files, listing)
        if not changed:
            if head is None:
                # Same content as the base branch: there is nothing to propose.
                raise GitHubError(
                    ErrorKind.OTHER,
                    message(
                        _CONTEXT,
                        "The site's repository already has this exact post, so there is "
                        "nothing to publish.",
                    ),
                )
            state = state.but(branch=branch, last_commit=head)
            self._save(state)
            return self._finish(
                upstream,
                login,
                request,
                state=state,
                commit=None,
                uploaded=0,
                created_fork=created_fork,
            )

        # Blobs an interrupted publish already sent are not sent again.
        sent = set(state.uploaded)
        uploads = [f for f in blobs_to_upload(changed, listing) if f.sha not in sent]
        for index, file in enumerate(uploads):
            self._report(
                Step.UPLOAD,
                message(_CONTEXT, "Uploading {path}", path=file.path),
                index,
                len(uploads),
            )
            self._upload(fork, file)
            state = state.but(uploaded=(*state.uploaded, file.sha))
            self._save(state)

        self._report(Step.COMMIT)
        expected = _expected_tree(entries, changed) if complete else None
        tree = self._create_tree(fork, changed, base_tree, sent, expected)
        commit_message = request.commit_message or (
            f"Update post: {request.values.get('title', request.stem)}"
            if head
            else f"Add post: {request.values.get('title', request.stem)}"
        )
        commit = self.retrier.write(
            lambda: fork.create_git_commit(commit_message, tree, [parent]),
            # An unreferenced commit is invisible; only the branch update below makes it count.
            lambda: None,
        )
        self._move_branch(fork, branch, head=head, sha=commit.sha, state=state)
        state = state.but(branch=branch, last_commit=commit.sha, uploaded=())
        self._save(state)
        return self._finish(
            upstream,
            login,
            request,
            state=state,
            commit=commit.sha,
            uploaded=len(uploads),
            created_fork=created_fork,
        )

    def _finish(
        self,
        upstream: Repository,
        login: str,
        request: PublishRequest,
        *,
        state: PublishState,
        commit: str | None,
        uploaded: int,
        created_fork: bool,
    ) -> PublishResult:
        self._report(Step.PULL_REQUEST)
        pull, created = self._ensure_pull(upstream, login, state.branch, request)
        state = state.but(
            pull_number=pull.number,
            pull_url=pull.html_url,
            published_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        )
        self._save(state)
        return PublishResult(
            state, pull.number, pull.html_url, created, commit, uploaded, created_fork
        )

    # --- fork ------------------------------------------------------------------------------

    @staticmethod
    def _is_fork_of(repo: Repository, upstream: Repository) -> bool:
        wanted = upstream.full_name.lower()
        for related in (repo.parent, repo.source):
            if related is not None and related.full_name.lower() == wanted:
                return True
        return False

    def _find_fork(
        self, upstream: Repository, login: str, state: PublishState
    ) -> Repository | None:
        names = [n for n in (state.fork, f"{login}/{upstream.name}") if n]
        for name in dict.fromkeys(names):
            repo = self._read_or_none(partial(self.client.get_repo, name))
            if (
                repo is not None
                and repo.owner.login.lower() == login.lower()
                and repo.fork
                and self._is_fork_of(repo, upstream)
            ):
                return repo  # type: ignore[no-any-return]
        return None

    def _search_forks(self, upstream: Repository, login: str) -> Repository | None:
        for repo in upstream.get_forks():
            if repo.owner.login.lower() == login.lower():
                return repo
        return None

    def _find_or_create_fork(
        self, upstream: Repository, login: str, state: PublishState
    ) -> tuple[Repository, bool]:
        fork = self._find_fork(upstream, login, state)
        if fork is not None:
            return fork, False
        fork = self.retrier.write(
            lambda: upstream.create_fork(default_branch_only=True),
            lambda: self._find_fork(upstream, login, state) or self._search_forks(upstream, login),
        )
        return fork, True

    def _wait_until_ready(self, fork: Repository) -> None:
        waited = 0.0
        reason = message(
            _CONTEXT, "GitHub is still preparing your copy of the repository ({seconds} s)."
        )
        while True:
            try:
                self.retrier.read(lambda: fork.get_git_ref(f"heads/{fork.default_branch}"))
                return
            except GitHubError as error:
                if error.kind not in (ErrorKind.FORK_NOT_READY, ErrorKind.NOT_FOUND):
                    raise
                if waited >= self.fork_wait:
                    raise fork_not_ready_error() from error
            self.retrier.wait(self.fork_poll, reason)
            waited += self.fork_poll

    # --- branch ----------------------------------------------------------------------------

    def _get_ref(self, fork: Repository, branch: str) -> GitRef | None:
        return self._read_or_none(lambda: fork.get_git_ref(f"heads/{branch}"))  # type: ignore[no-any-return]

    def _listing(self, repo: Repository, tree_sha: str) -> dict[str, str]:
        tree = self.retrier.read(lambda: repo.get_git_tree(tree_sha, recursive=True))
        return {item.path: item.sha for item in tree.tree if item.type == "blob"}

    def _entries(self, repo: Repository, tree_sha: str) -> tuple[dict[str, TreeEntry], bool]:
        """Every file (and submodule) of a tree with its mode, and whether the listing is
        complete (GitHub cuts it short for huge repositories)."""
        tree = self.retrier.read(lambda: repo.get_git_tree(tree_sha, recursive=True))
        entries = {
            item.path: (item.mode, item.type, item.sha)
            for item in tree.tree
            if item.type in ("blob", "commit")
        }
        return entries, not tree.raw_data.get("truncated")

    def _choose_branch(
        self, fork: Repository, state: PublishState, request: PublishRequest
    ) -> tuple[str, str | None]:
        """The branch to publish on and its current head (None: it does not exist yet)."""
        attempt = 1
        name = state.branch or branch_name(request.stem)
        while True:
            ref = self._get_ref(fork, name)
            if ref is None:
                return name, None
            head = ref.object.sha
            if state.branch == name and state.last_commit:
                if head in (state.last_commit, request.accept_head):
                    return name, head
                raise self._moved(fork, name, state.last_commit, head)
            # No record of publishing there: it is ours if it already holds this post (an
            # earlier publish whose record was lost); otherwise leave it alone.
            commit = self.retrier.read(partial(fork.get_git_commit, head))
            if request.plan.post.path in self._listing(fork, commit.tree.sha):
                return name, head
            attempt += 1
            name = branch_name(request.stem, attempt)

    def _moved(self, fork: Repository, branch: str, ours: str, head: str) -> BranchMovedError:
        def files_of(sha: str) -> dict[str, str]:
            commit = self.retrier.read(lambda: fork.get_git_commit(sha))
            return self._listing(fork, commit.tree.sha)

        before = self._read_or_none(lambda: files_of(ours)) or {}
        after = files_of(head)
        changes = [
            RemoteChange(
                path,
                "added" if path not in before else "removed" if path not in after else "modified",
            )
            for path in sorted(set(before) | set(after))
            if before.get(path) != after.get(path)
        ]
        authors: list[str] = []
        sha = head
        for _ in range(20):
            if sha == ours:
                break
            commit = self._read_or_none(partial(fork.get_git_commit, sha))
            if commit is None:
                break
            if commit.author.name not in authors:
                authors.append(commit.author.name)
            if not commit.parents:
                break
            sha = commit.parents[0].sha
        return BranchMovedError(branch, head, changes, authors)

    def _move_branch(
        self,
        fork: Repository,
        branch: str,
        *,
        head: str | None,
        sha: str,
        state: PublishState,
    ) -> None:
        def points_here() -> GitRef | None:
            ref = self._get_ref(fork, branch)
            return ref if ref is not None and ref.object.sha == sha else None

        try:
            if head is None:
                self.retrier.write(
                    lambda: fork.create_git_ref(f"refs/heads/{branch}", sha), points_here
                )
            else:
                ref = self._get_ref(fork, branch)
                if ref is None:
                    raise GitHubError(
                        ErrorKind.BRANCH_MOVED,
                        message(
                            _CONTEXT,
                            "The post's branch {branch} was deleted on GitHub while publishing. "
                            "Publish again to start a new one.",
                            branch=branch,
                        ),
                    )
                if ref.object.sha != head:
                    raise self._moved(fork, branch, head, ref.object.sha)
                self.retrier.write(lambda: self._edit(ref, sha), points_here)
        except GitHubError as error:
            if error.status != 422:
                raise
            current = self._get_ref(fork, branch)
            if current is not None and current.object.sha == sha:
                return
            if current is None:
                raise
            raise self._moved(fork, branch, head or state.last_commit, current.object.sha) from (
                error
            )

    @staticmethod
    def _edit(ref: GitRef, sha: str) -> GitRef:
        ref.edit(sha, force=False)
        return ref

    # --- files -----------------------------------------------------------------------------

    def _extra_files(
        self, fork: Repository, request: PublishRequest, listing: Mapping[str, str]
    ) -> list[PlannedFile]:
        """The table-of-contents entries (and the like) a new post adds."""
        added = []
        for extra in request.plan.extra_files:
            current = None
            sha = listing.get(extra.path)
            if sha is not None:
                blob = self.retrier.read(partial(fork.get_git_blob, sha))
                current = base64.b64decode(blob.content).decode("utf-8")
            text = extra_file_text(extra, current, request.values)
            if text is not None:
                added.append(PlannedFile.of(extra.path, text.encode("utf-8")))
        return added

    def _create_tree(
        self,
        fork: Repository,
        changed: list[PlannedFile],
        base_tree: GitTree,
        sent: set[str],
        expected: str | None,
    ) -> GitTree:
        def create() -> GitTree:
            return fork.create_git_tree([_blob_element(f) for f in changed], base_tree)

        def made() -> GitTree | None:
            # The tree's SHA is worked out locally: if GitHub has it, the lost answer was a
            # success. (Without it, sending again is still safe: trees are named by content.)
            if expected is None:
                return None
            return self._read_or_none(lambda: fork.get_git_tree(expected))  # type: ignore[no-any-return]

        try:
            return self.retrier.write(create, made)
        except GitHubError as error:
            if error.status != 422 or not sent:
                raise
        # GitHub no longer has a blob an interrupted publish sent: send those again.
        for file in changed:
            if file.sha in sent:
                self._upload(fork, file)
        return self.retrier.write(create, made)

    def _upload(self, fork: Repository, file: PlannedFile) -> None:
        encoded = base64.b64encode(file.data).decode("ascii")

        def exists() -> str | None:
            blob = self._read_or_none(lambda: fork.get_git_blob(file.sha))
            return file.sha if blob is not None else None

        def create() -> str:
            return str(fork.create_git_blob(encoded, "base64").sha)

        sha = self.retrier.write(create, exists)
        if sha != file.sha:
            raise GitHubError(
                ErrorKind.OTHER,
                message(
                    _CONTEXT,
                    "GitHub stored {path} differently than sent. Publish again.",
                    path=file.path,
                ),
            )

    # --- pull request ----------------------------------------------------------------------

    def _open_pull(self, upstream: Repository, login: str, branch: str) -> PullRequest | None:
        found = list(upstream.get_pulls(state="open", head=f"{login}:{branch}"))
        return found[0] if found else None

    def _ensure_pull(
        self, upstream: Repository, login: str, branch: str, request: PublishRequest
    ) -> tuple[PullRequest, bool]:
        existing = self.retrier.read(lambda: self._open_pull(upstream, login, branch))
        if existing is not None:
            if request.update_pull_text and (
                existing.title != request.pull_title or existing.body != request.pull_body
            ):
                pull = existing

                def edited() -> PullRequest | None:
                    fresh = upstream.get_pull(pull.number)
                    same = fresh.title == request.pull_title and fresh.body == request.pull_body
                    return fresh if same else None

                def edit() -> PullRequest:
                    pull.edit(title=request.pull_title, body=request.pull_body)
                    return pull

                self.retrier.write(edit, edited)
            return existing, False

        def create() -> PullRequest:
            from github import GithubException  # noqa: PLC0415  (lazy: not at start-up)

            try:
                return upstream.create_pull(
                    base=request.base_branch,
                    head=f"{login}:{branch}",
                    title=request.pull_title,
                    body=request.pull_body,
                    maintainer_can_modify=True,
                )
            except GithubException as error:
                if error.status == 422 and "already exists" in str(error.data):
                    again = self._open_pull(upstream, login, branch)
                    if again is not None:
                        return again
                raise

        pull = self.retrier.write(create, lambda: self._open_pull(upstream, login, branch))
        return pull, True


def _pictures_line(count: int, branch: str) -> Message:
    """What goes on the branch, with "picture" in the right number."""
    if count == 0:
        return message(
            _CONTEXT, "Put the post on the branch {branch} as one commit.", branch=branch
        )
    if count == 1:
        return message(
            _CONTEXT,
            "Put the post and its picture on the branch {branch} as one commit.",
            branch=branch,
        )
    return message(
        _CONTEXT,
        "Put the post and its {count} pictures on the branch {branch} as one commit.",
        count=count,
        branch=branch,
    )
