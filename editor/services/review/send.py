"""Sending a reviewer's changes back: one commit on the pull request, or a suggestion review.

**Push** (the reviewer may write to the head branch): every workspace file whose content
differs from what was downloaded goes into one commit whose parent is the head the reviewer
started from, and the branch moves to it without force. When the head moved meanwhile, each
changed file is merged three ways (downloaded, reviewer's, theirs): files only one side
changed take that side, the rest are merged line by line. Conflicting lines are returned to
the caller to ask the reviewer; nothing is sent until every conflict has an answer. After a
push the workspace holds the merged files and starts from the new head, so incoming changes
show in the editor. Nothing is ever force-pushed; no edit on either side is dropped unless the
reviewer chooses so.

**Suggest** (no push rights): the changed lines of each Markdown file become review comments
with GitHub suggestions, shown to the reviewer before the review is created.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from github import GithubException, InputGitTreeElement
from github.Repository import Repository

from editor.core.i18n import message
from editor.core.publish.git_objects import blob_sha
from editor.core.publish.plan import FILE_MODE
from editor.core.review.merge3 import Merge, merge3, resolved_text
from editor.core.review.paths import path_problem
from editor.core.review.suggestions import ReviewDraft, draft_review, review_body
from editor.services.github.errors import ErrorKind, GitHubError
from editor.services.review.pull_requests import (
    MARKDOWN_SUFFIXES,
    ReviewService,
    ReviewWorkspace,
)
from editor.services.review.workspace import read_file, write_file

_CONTEXT = "Review"
#: How often a push starts over when the branch moves between reading and updating it.
MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class LocalChange:
    """A workspace file the reviewer changed or added (``original`` is None when added)."""

    path: str
    data: bytes
    original: str | None


@dataclass(frozen=True, slots=True)
class FileConflict:
    """A file both the reviewer and someone else changed on the same lines."""

    path: str
    merge: Merge | None  # None for a file that is not text (pictures): keep one side
    mine: bytes
    theirs: bytes


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """What a push did, or why it waits for the reviewer.

    ``conflicts`` non-empty: nothing was sent; answer them (``resolutions``) and push again
    with ``accept_head=incoming_head``. ``incoming`` lists the files others changed.
    """

    pushed: bool
    commit: str = ""
    url: str = ""
    incoming: tuple[str, ...] = ()
    incoming_head: str = ""
    conflicts: tuple[FileConflict, ...] = ()
    merged: tuple[str, ...] = ()
    workspace: ReviewWorkspace | None = None


def local_changes(workspace: ReviewWorkspace) -> list[LocalChange]:
    """Files the reviewer changed, plus new files beside the downloaded ones (not hidden)."""
    changes: list[LocalChange] = []
    root = workspace.root
    for path, sha in sorted(workspace.state.files.items()):
        data = read_file(root, path)
        if data is not None and blob_sha(data) != sha:
            changes.append(LocalChange(path, data, sha))
    folders = {str(Path(p).parent) for p in workspace.state.markdown}
    for folder in sorted(folders):
        base = root / folder
        if not base.is_dir() or base.is_symlink():
            continue
        for file in sorted(base.rglob("*")):
            relative = file.relative_to(root).as_posix()
            if (
                relative in workspace.state.files
                or file.is_symlink()
                or not file.is_file()
                or any(part.startswith(".") for part in relative.split("/"))
                or relative.endswith("~")
                or path_problem(relative) is not None
            ):
                continue
            changes.append(LocalChange(relative, file.read_bytes(), None))
    return changes


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass
class _Incoming:
    head: str
    tree_sha: str
    listing: dict[str, str]
    changed: list[str] = field(default_factory=list)


class ReviewSender:
    """Sends a workspace's changes back through a :class:`ReviewService`."""

    def __init__(self, service: ReviewService) -> None:
        self.service = service
        self.retrier = service.retrier

    # --- push ----------------------------------------------------------------------------

    def push(
        self,
        workspace: ReviewWorkspace,
        *,
        message_text: str = "",
        resolutions: Mapping[str, bytes] | None = None,
        accept_head: str = "",
        _attempt: int = 1,
    ) -> PushOutcome:
        """Push the reviewer's changes as one commit (see the module's description)."""
        state = workspace.state
        head_repo = self.service.repository(state.head_repo)
        changes = local_changes(workspace)
        if not changes:
            raise GitHubError(
                ErrorKind.OTHER,
                message(_CONTEXT, "You have not changed any file of this pull request yet."),
            )
        self.service.report(message(_CONTEXT, "Checking the pull request's branch"))
        current = self._head(head_repo, state.head_ref)
        incoming = self._incoming(head_repo, workspace, current)
        # Answers given for another head would drop what was pushed since: ask again.
        answers = (resolutions or {}) if accept_head == current else {}
        files, conflicts, merged = self._combine(head_repo, changes, incoming, answers)
        if conflicts and accept_head != current:
            return PushOutcome(
                False,
                incoming=tuple(incoming.changed),
                incoming_head=current,
                conflicts=tuple(conflicts),
            )
        commit = self._commit(head_repo, incoming, files, message_text or _commit_message(files))
        self.service.report(message(_CONTEXT, "Moving the pull request's branch"))
        try:
            self._move(head_repo, state.head_ref, current, commit)
        except _MovedError as error:
            # Someone pushed between reading the head and moving it: start again on top.
            if _attempt >= MAX_ATTEMPTS:
                raise GitHubError(
                    ErrorKind.BRANCH_MOVED,
                    message(
                        _CONTEXT,
                        "The pull request's branch keeps changing while you push. Nothing of "
                        "yours was lost; try again in a moment.",
                    ),
                ) from error
            return self.push(
                workspace,
                message_text=message_text,
                resolutions=resolutions,
                accept_head="",
                _attempt=_attempt + 1,
            )
        updated = self._settle(head_repo, workspace, incoming, files, commit)
        return PushOutcome(
            True,
            commit=commit,
            url=f"{state.url}/commits/{commit}" if state.url else "",
            incoming=tuple(incoming.changed),
            incoming_head=current,
            merged=tuple(merged),
            workspace=updated,
        )

    def _head(self, repo: Repository, branch: str) -> str:
        return str(self.retrier.read(lambda: repo.get_git_ref(f"heads/{branch}").object.sha))

    def _incoming(self, repo: Repository, workspace: ReviewWorkspace, head: str) -> _Incoming:
        commit = self.retrier.read(lambda: repo.get_git_commit(head))
        tree = self.retrier.read(lambda: repo.get_git_tree(commit.tree.sha, recursive=True))
        listing = {item.path: item.sha for item in tree.tree if item.type == "blob"}
        incoming = _Incoming(head, commit.tree.sha, listing)
        if head != workspace.state.start_head:
            incoming.changed = [
                path
                for path, sha in sorted(workspace.state.files.items())
                if listing.get(path) != sha
            ]
        return incoming

    def _combine(
        self,
        repo: Repository,
        changes: list[LocalChange],
        incoming: _Incoming,
        resolutions: Mapping[str, bytes],
    ) -> tuple[dict[str, bytes], list[FileConflict], list[str]]:
        """The files to commit, the conflicts to ask about, and the files merged cleanly."""
        files: dict[str, bytes] = {}
        conflicts: list[FileConflict] = []
        merged: list[str] = []
        for change in changes:
            theirs_sha = incoming.listing.get(change.path)
            if change.path in resolutions:
                files[change.path] = resolutions[change.path]
            elif theirs_sha == change.original or theirs_sha == blob_sha(change.data):
                files[change.path] = change.data  # only the reviewer changed it
            elif change.original is None or theirs_sha is None:
                theirs = self.service.blob(repo, theirs_sha) if theirs_sha else b""
                conflicts.append(FileConflict(change.path, None, change.data, theirs))
            else:
                base = self.service.blob(repo, change.original)
                theirs = self.service.blob(repo, theirs_sha)
                texts = [_text(base), _text(change.data), _text(theirs)]
                if None in texts:
                    conflicts.append(FileConflict(change.path, None, change.data, theirs))
                    continue
                result = merge3(*(t or "" for t in texts))
                if result.clean:
                    files[change.path] = resolved_text(result).encode("utf-8")
                    merged.append(change.path)
                else:
                    conflicts.append(FileConflict(change.path, result, change.data, theirs))
        return files, conflicts, merged

    def _commit(
        self, repo: Repository, incoming: _Incoming, files: Mapping[str, bytes], text: str
    ) -> str:
        self.service.report(message(_CONTEXT, "Uploading {count} files", count=len(files)))
        known = set(incoming.listing.values())
        elements = []
        for path, data in sorted(files.items()):
            sha = blob_sha(data)
            if sha not in known:
                self._upload(repo, data, sha)
            elements.append(InputGitTreeElement(path, FILE_MODE, "blob", sha=sha))
        self.service.report(message(_CONTEXT, "Saving your changes as one commit"))
        base_tree = self.retrier.read(lambda: repo.get_git_tree(incoming.tree_sha))
        tree = self.retrier.write(lambda: repo.create_git_tree(elements, base_tree), lambda: None)
        parent = self.retrier.read(lambda: repo.get_git_commit(incoming.head))
        commit = self.retrier.write(
            lambda: repo.create_git_commit(text, tree, [parent]), lambda: None
        )
        return str(commit.sha)

    def _upload(self, repo: Repository, data: bytes, sha: str) -> None:
        encoded = base64.b64encode(data).decode("ascii")

        def exists() -> str | None:
            try:
                repo.get_git_blob(sha)
            except GithubException:
                return None
            return sha

        self.retrier.write(lambda: str(repo.create_git_blob(encoded, "base64").sha), exists)

    def _move(self, repo: Repository, branch: str, old: str, new: str) -> None:
        ref = self.retrier.read(lambda: repo.get_git_ref(f"heads/{branch}"))
        if ref.object.sha != old:
            raise _MovedError

        def moved() -> str | None:
            again = repo.get_git_ref(f"heads/{branch}")
            return new if again.object.sha == new else None

        try:
            self.retrier.write(lambda: ref.edit(new, force=False), moved)
        except GitHubError as error:
            if error.status == 422:
                raise _MovedError from error
            raise

    def _settle(
        self,
        repo: Repository,
        workspace: ReviewWorkspace,
        incoming: _Incoming,
        files: Mapping[str, bytes],
        commit: str,
    ) -> ReviewWorkspace:
        """Bring the workspace to the new head: merged files and others' changes written."""
        known = dict(workspace.state.files)
        for path in incoming.changed:
            if path in files:
                continue
            sha = incoming.listing.get(path)
            if sha is None:
                continue
            local = read_file(workspace.root, path)
            if local is not None and blob_sha(local) == known.get(path):
                write_file(workspace.root, path, self.service.blob(repo, sha))
                known[path] = sha
        for path, data in files.items():
            if read_file(workspace.root, path) != data:
                write_file(workspace.root, path, data)
            known[path] = blob_sha(data)
        state = replace(workspace.state, start_head=commit, files=known)
        updated = workspace.with_state(state)
        updated.save()
        return updated

    # --- suggest -------------------------------------------------------------------------

    def draft(self, workspace: ReviewWorkspace) -> ReviewDraft:
        """The suggestion review for the reviewer's edits to the Markdown files."""
        state = workspace.state
        head_repo = self.service.repository(state.head_repo)
        base_repo = self.service.repository(state.ref.full_name)
        base_files = self._base_listing(base_repo, state.base_ref)
        items = []
        for change in local_changes(workspace):
            if change.original is None or not change.path.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            head = _text(self.service.blob(head_repo, change.original))
            edited = _text(change.data)
            if head is None or edited is None:
                continue
            base_sha = base_files.get(change.path)
            base = _text(self.service.blob(base_repo, base_sha)) if base_sha else None
            items.append((change.path, base, head, edited))
        return draft_review(items)

    def _base_listing(self, repo: Repository, branch: str) -> dict[str, str]:
        def read() -> dict[str, str]:
            sha = repo.get_git_ref(f"heads/{branch}").object.sha
            commit = repo.get_git_commit(sha)
            tree = repo.get_git_tree(commit.tree.sha, recursive=True)
            return {item.path: item.sha for item in tree.tree if item.type == "blob"}

        return self.retrier.read(read)

    def suggest(self, workspace: ReviewWorkspace, draft: ReviewDraft, summary: str) -> str:
        """Create the review (comments on the commit the reviewer started from); its address."""
        if not draft.suggestions and not draft.outside and not summary.strip():
            raise GitHubError(
                ErrorKind.OTHER, message(_CONTEXT, "There is nothing to suggest yet.")
            )
        state = workspace.state
        base_repo = self.service.repository(state.ref.full_name)
        pull = self.retrier.read(lambda: base_repo.get_pull(state.number))
        commit = self.retrier.read(lambda: base_repo.get_commit(state.start_head))
        body = review_body(summary, draft) or "Suggested changes."
        comments = [s.api_comment() for s in draft.suggestions]
        self.service.report(message(_CONTEXT, "Sending the review"))
        review = self.retrier.write(
            lambda: pull.create_review(
                commit=commit,
                body=body,
                event="COMMENT",
                comments=comments,  # type: ignore[arg-type]
            ),
            lambda: None,
        )
        return str(review.html_url)


class _MovedError(Exception):
    """The branch moved between reading it and updating it."""


def _commit_message(files: Mapping[str, bytes]) -> str:
    names = ", ".join(Path(p).name for p in sorted(files)[:3])
    more = "" if len(files) <= 3 else f" and {len(files) - 3} more"
    return f"Review edits: {names}{more}"
