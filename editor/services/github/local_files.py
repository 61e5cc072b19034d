"""Reading a post and its pictures from disk into a publish plan."""

from __future__ import annotations

from pathlib import Path

from editor.core.i18n import message
from editor.core.profiles.model import Profile
from editor.core.publish.plan import FilePlan, plan_files
from editor.core.publish.prepare import post_values
from editor.core.publish.pull_request import PullRequestForm, pull_request_body
from editor.core.publish.state import PublishState
from editor.services.github.publisher import PublishRequest
from editor.services.storage import StorageError

_CONTEXT = "publish"


def post_stem(profile: Profile, post: Path) -> str:
    """The post's folder or file name as the site names it; StorageError when the post is
    not where the site keeps posts."""
    stem = profile.post_name(post)
    if stem is None:
        raise StorageError(
            message(
                _CONTEXT,
                "{path} is not laid out the way {site} keeps posts ({layout}), so Postwright "
                "cannot tell where it goes. Create the post with New Post, or move it there.",
                path=str(post),
                site=profile.name,
                layout=profile.post_path,
            ),
            path=post,
        )
    return stem


def read_plan(profile: Profile, post: Path) -> FilePlan:
    """The post's bytes and the pictures of its image folder, as one plan."""
    stem = post_stem(profile, post)
    try:
        data = post.read_bytes()
    except OSError as error:
        raise StorageError(
            message(
                _CONTEXT,
                "The post could not be read: {reason}.",
                reason=error.strerror or str(error),
            ),
            path=post,
        ) from error
    folder = (post.parent / profile.image_link(stem)).resolve()
    images: dict[str, bytes] = {}
    if folder.is_dir():
        for file in sorted(folder.rglob("*")):
            if file.is_file() and not file.is_symlink():
                try:
                    images[file.relative_to(folder).as_posix()] = file.read_bytes()
                except OSError as error:
                    raise StorageError(
                        message(
                            _CONTEXT,
                            "The picture {path} could not be read: {reason}.",
                            path=str(file),
                            reason=error.strerror or str(error),
                        ),
                        path=file,
                    ) from error
    return plan_files(profile, stem, data, images)


def build_request(
    profile: Profile,
    post: Path,
    form: PullRequestForm,
    previous: PublishState,
    *,
    accept_head: str = "",
    update_pull_text: bool = False,
) -> PublishRequest:
    """Everything :meth:`Publisher.publish` needs for ``post``, read from disk now."""
    plan = read_plan(profile, post)
    text = plan.post.data.decode("utf-8", errors="replace")
    values = post_values(profile, post_stem(profile, post), text)
    return PublishRequest(
        upstream=profile.repository,
        base_branch=profile.base_branch,
        stem=post_stem(profile, post),
        plan=plan,
        values=values,
        pull_title=form.title,
        pull_body=pull_request_body(profile, form, values),
        previous=previous,
        accept_head=accept_head,
        update_pull_text=update_pull_text,
    )
