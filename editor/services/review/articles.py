"""Editing a published article and reporting a problem with one.

:func:`open_article` finds the source file of a published article in the site's repository
(base branch; letter case ignored, as the site lower-cases addresses), downloads it with its
pictures and include files into the library where the site keeps it, and returns its path; a
copy already in the library is opened as it is, never overwritten. :func:`edit_request` is the
publish request proposing the change to that existing file (no table-of-contents entry, a pull
request titled as an update). :func:`file_issue` files "Report a problem with this article".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from editor.core.i18n import message
from editor.core.profiles.model import Profile
from editor.core.publish.prepare import post_values
from editor.core.publish.state import PublishState
from editor.core.review.feedback import IssueDraft, IssueTemplate, parse_issue_template
from editor.core.review.published import with_updated_date
from editor.core.review.references import ArticleAddress, stem_of_path
from editor.services.github.errors import ErrorKind, GitHubError
from editor.services.github.local_files import post_stem, read_plan
from editor.services.github.publisher import PublishRequest
from editor.services.review.pull_requests import ReviewService
from editor.services.review.workspace import make_root
from editor.services.storage import atomic_write_bytes

_CONTEXT = "Review"


@dataclass(frozen=True, slots=True)
class OpenedArticle:
    """The article's file in the library, and whether it was downloaded just now."""

    path: Path
    repository_path: str
    downloaded: bool
    missing: tuple[str, ...] = ()


def _base_tree(service: ReviewService, profile: Profile) -> dict[str, tuple[str, str, int]]:
    repo = service.repository(profile.repository)
    head = service.retrier.read(lambda: repo.get_git_ref(f"heads/{profile.base_branch}").object.sha)
    return service.tree(repo, head)


def open_article(service: ReviewService, address: ArticleAddress, library: Path) -> OpenedArticle:
    """Download the published article at ``address`` into ``library`` (see module)."""
    profile = address.profile
    service.report(
        message(
            _CONTEXT,
            "Finding {path} in {repository}",
            path=address.path,
            repository=profile.repository,
        )
    )
    tree = _base_tree(service, profile)
    path = address.path
    if path not in tree:
        wanted = path.casefold()
        path = next((p for p in sorted(tree) if p.casefold() == wanted), "")
    if not path:
        raise GitHubError(
            ErrorKind.NOT_FOUND,
            message(
                _CONTEXT,
                "{repository} has no file {path} on its {branch} branch, so this address is "
                "not an article Postwright can open.",
                repository=profile.repository,
                path=address.path,
                branch=profile.base_branch,
            ),
        )
    root = library / profile.id
    make_root(root)
    target = root.joinpath(*path.split("/"))
    existed = target.is_file()
    repo = service.repository(profile.repository)
    plan, _texts = service.download_files(repo, tree, [path], root, overwrite=False)
    if plan.rejected and path in {r.path for r in plan.rejected}:
        raise GitHubError(ErrorKind.OTHER, plan.rejected[0].reason)
    return OpenedArticle(target, path, not existed, tuple(plan.missing))


def list_articles(service: ReviewService, profile: Profile) -> list[str]:
    """The repository paths of the site's posts on its base branch, for browsing."""
    tree = _base_tree(service, profile)
    return [path for path in sorted(tree) if stem_of_path(profile, path) is not None]


def edit_request(
    profile: Profile,
    post: Path,
    *,
    previous: PublishState | None = None,
    update_date: dt.datetime | None = None,
) -> PublishRequest:
    """The publish request proposing the edit of the existing article ``post``.

    With ``update_date``, the site's "last updated" field is set to it in the file first.
    """
    if update_date is not None:
        text = post.read_bytes().decode("utf-8")
        changed = with_updated_date(profile, text, update_date)
        if changed != text:
            atomic_write_bytes(post, changed.encode("utf-8"))
    plan = replace(read_plan(profile, post), extra_files=())
    stem = post_stem(profile, post)
    values = post_values(profile, stem, plan.post.data.decode("utf-8", errors="replace"))
    title = values.get("title") or stem
    return PublishRequest(
        upstream=profile.repository,
        base_branch=profile.base_branch,
        stem=f"edit-{stem}",
        plan=plan,
        values=values,
        pull_title=f"Update “{title}”",
        pull_body=(f"An edit to the published article `{plan.post.path}`, made with Postwright.\n"),
        previous=previous or PublishState(),
        commit_message=f"Update {plan.post.path}",
    )


def issue_template(service: ReviewService, profile: Profile) -> IssueTemplate | None:
    """The repository's issue template the profile names, or None."""
    path = profile.published.issue_template
    if not path:
        return None
    tree = _base_tree(service, profile)
    entry = tree.get(path)
    if entry is None:
        return None
    repo = service.repository(profile.repository)
    text = service.blob(repo, entry[1]).decode("utf-8", errors="replace")
    return parse_issue_template(text)


def file_issue(service: ReviewService, profile: Profile, draft: IssueDraft) -> str:
    """File ``draft`` on the site's repository; the new issue's address."""
    repo = service.repository(profile.repository)
    service.report(
        message(_CONTEXT, "Filing the issue on {repository}", repository=profile.repository)
    )
    labels = list(draft.labels)
    issue = service.retrier.write(
        lambda: repo.create_issue(title=draft.title, body=draft.body, labels=labels),
        lambda: None,
    )
    return str(issue.html_url)
