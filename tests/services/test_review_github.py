"""Review mode against the fake GitHub: open a pull request, send changes back, edit a
published article, report a problem. The real PyGithub client talks HTTP to 127.0.0.1, and
``git`` is absent from ``PATH``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from fake_github.review_routes import issues_of, open_pull, request_review, start_line_of
from fake_github.scenario import BLOG_POST, IMAGES, UPSTREAM_FILES

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.review.feedback import feedback_issue
from editor.core.review.merge3 import resolved_text
from editor.core.review.references import parse_article_address, parse_pull_reference
from editor.core.text.merge import Take
from editor.services.github.client import make_client
from editor.services.github.publisher import Publisher
from editor.services.github.retry import Retrier
from editor.services.review.articles import edit_request, file_issue, list_articles, open_article
from editor.services.review.pull_requests import PullFilter, ReviewService, load_workspace
from editor.services.review.send import ReviewSender, local_changes

pytestmark = pytest.mark.usefixtures("no_git")

PROFILES = load_profiles(builtin_profiles_dir()).profiles
POST = "content/post/three-pictures/index.md"
FOLDER = "content/post/three-pictures/"
BRANCH = "post/three-pictures"
FORK = "alice/blog"


def _service(fake: FakeGitHub, token: str) -> ReviewService:
    client = make_client(token, fake.base_url, throttle=False)
    return ReviewService(client, retrier=Retrier(sleep=lambda _s: None))


def _blog(fake: FakeGitHub, files: dict | None = None, **options) -> dict[str, str]:  # type: ignore[type-arg, no-untyped-def]
    state = fake.state
    state.add_org("pnp")
    state.add_repo("pnp/blog", dict(UPSTREAM_FILES), writers=("maintainer",))
    tokens = {
        "maintainer": state.add_user("maintainer", "Mia Maintainer"),
        "alice": state.add_user("alice", "Alice Example"),
        "rob": state.add_user("rob", "Rob Reader"),
    }
    if files is None:
        files = {POST: BLOG_POST.encode(), "static/site.css": b"body {}\n"}
        files.update({FOLDER + "images/" + name: data for name, data in IMAGES.items()})
        files[FOLDER + "images/unused.png"] = b"\x89PNG unused"
    open_pull(state, "pnp/blog", "alice", BRANCH, files, title="Three pictures", **options)
    return tokens


def _tree_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- opening -------------------------------------------------------------------------------


def test_a_pull_request_opened_by_address_is_downloaded_as_the_head_has_it(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    ref = parse_pull_reference("https://github.com/pnp/blog/pull/1")
    assert ref is not None

    workspace = _service(fake_github, tokens["maintainer"]).download(ref, tmp_path, PROFILES)

    assert workspace.root == tmp_path / "pnp-blog-1"
    head = fake_github.state.files(FORK, BRANCH)
    wanted = [POST] + [FOLDER + "images/" + n for n in IMAGES]
    assert _tree_files(workspace.root) == {path: head[path] for path in wanted}
    assert workspace.state.markdown == [POST]
    assert workspace.state.profile_id == "pnp-blog"
    assert workspace.state.can_push
    assert workspace.rejected == ()
    assert workspace.markdown_files == (workspace.root / POST,)
    # The state is kept beside the workspace, so opening it again finds the same start.
    again = load_workspace(workspace.root)
    assert again is not None and again.state == workspace.state


def test_a_learn_pull_request_brings_its_includes_and_their_pictures(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    state = fake_github.state
    state.add_org("MicrosoftDocs")
    state.add_repo("MicrosoftDocs/microsoft-365-community", {"Community/TOC.yml": b"x\n"})
    token = state.add_user("alice", "Alice Example")
    article = (
        "---\ntitle: T\nms.date: 01/02/2026\n---\n\n[!INCLUDE [note](includes/note.md)]\n\n"
        ':::image type="content" source="Media/Share/Step.png" alt-text="Step":::\n'
    )
    files = {
        "Community/share.md": article.encode(),
        "Community/includes/note.md": b"See ![diagram](../media/share/diagram.png).\n",
        "Community/media/share/step.png": b"\x89PNG step",
        "Community/media/share/diagram.png": b"\x89PNG diagram",
    }
    open_pull(state, "MicrosoftDocs/microsoft-365-community", "alice", "share", files)

    ref = parse_pull_reference("MicrosoftDocs/microsoft-365-community#1")
    assert ref is not None
    workspace = _service(fake_github, token).download(ref, tmp_path, PROFILES)

    assert _tree_files(workspace.root) == files  # the image's letter case as the repo has it
    assert workspace.state.profile_id == "learn-m365-community"
    assert workspace.state.can_push  # the author owns the fork the branch is in


def test_the_side_panel_details_and_the_list_with_filters(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    state = fake_github.state
    state.add_issue_comment("pnp/blog", 1, "maintainer", "Thanks! One thumbnail is too big.")
    state.add_review(
        "pnp/blog",
        1,
        "maintainer",
        "COMMENTED",
        body="A few notes",
        comments=((POST, 3, "Date in the future?"),),
    )
    state.add_check_run(state.head(FORK, BRANCH), "build", conclusion="failure")
    second = open_pull(
        state, "pnp/blog", "rob", "post/other", {"content/post/other/index.md": b"x"}
    )
    request_review(state, "pnp/blog", second.number, "maintainer")

    service = _service(fake_github, tokens["maintainer"])
    ref = parse_pull_reference("pnp/blog#1")
    assert ref is not None
    details = service.details(ref)
    assert (details.title, details.author, details.state) == ("Three pictures", "alice", "open")
    assert details.can_push and details.maintainer_can_modify
    assert [(c.name, c.outcome) for c in details.checks] == [("build", "failure")]
    kinds = {(item.kind, item.author, item.body) for item in details.conversation}
    assert ("comment", "maintainer", "Thanks! One thumbnail is too big.") in kinds
    assert ("review", "maintainer", "A few notes") in kinds
    assert ("line", "maintainer", "Date in the future?") in kinds

    everything = service.list_pulls("pnp/blog")
    assert {(row.ref.number, row.author) for row in everything} == {(1, "alice"), (2, "rob")}
    first = next(row for row in everything if row.ref.number == 1)
    assert first.changed_files == 6
    assert first.checks[0].outcome == "failure"
    requested = service.list_pulls("pnp/blog", PullFilter.REVIEW_REQUESTED)
    assert [row.ref.number for row in requested] == [2]
    mine = _service(fake_github, tokens["rob"]).list_pulls("pnp/blog", PullFilter.MINE)
    assert [row.title for row in mine] == ["A post"]


# --- hostile pull requests -----------------------------------------------------------------

HOSTILE = {
    "../escape.md": b"# out\n",
    "content/../../escape2.md": b"# out\n",
    ".git/hooks/post-checkout.md": b"# hook\n",
    ".GIT/config.md": b"x\n",
    "content/.Git/x.md": b"x\n",
    "content/post/x/git~1/x.md": b"x\n",
    "content/post/x/.git./x.md": b"x\n",
    "content/post/x/CON.md": b"x\n",
    "content/post/x/lpt1.txt.md": b"x\n",
    "C:/evil.md": b"x\n",
    "content/post/x/back\\slash.md": b"x\n",
    "content/post/x/ctrl\x01.md": b"x\n",
    "content/post/y/Index.md": b"x\n",
    "content/post/y/index.md": b"x\n",
    "content/post/x/index.md": (
        b"---\ntitle: x\n---\n\n![a](images/link.png)\n![b](images/sub)\n"
        b"![c](../../../../../../etc/passwd)\n![d](/etc/hostname)\n"
    ),
    "content/post/x/images/link.png": ("120000", b"/etc/passwd"),
    "content/post/x/images/sub": ("160000", b"submodule"),
    "content/post/caf\u00e9/index.md": b"x\n",
    "content/post/cafe\u0301/index.md": b"x\n",
    "/abs.md": b"x\n",
}


def test_hostile_paths_write_nothing_outside_and_are_listed(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github, dict(HOSTILE))
    reviews = tmp_path / "Reviews"
    reviews.mkdir()
    (tmp_path / "keep.txt").write_text("mine")
    ref = parse_pull_reference("pnp/blog#1")
    assert ref is not None

    workspace = _service(fake_github, tokens["maintainer"]).download(ref, reviews, PROFILES)

    outside = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    allowed = ("keep.txt", "Reviews", "no-git-bin")
    assert all(p in allowed or p.startswith("Reviews/") for p in outside), outside
    written = set(_tree_files(workspace.root))
    assert not any(p.is_symlink() for p in workspace.root.rglob("*"))
    rejected = {r.path: r.reason.english() for r in workspace.rejected}
    for path in HOSTILE:
        if path == "content/post/x/index.md":
            assert path in written
        else:
            assert path in rejected, path
            assert rejected[path]
    assert "link" in rejected["content/post/x/images/link.png"]
    reopened = load_workspace(workspace.root)
    assert reopened is not None and reopened.rejected == workspace.rejected
    assert "submodule" in rejected["content/post/x/images/sub"]
    assert written == {"content/post/x/index.md"}


def test_the_writer_never_follows_a_link_planted_in_the_workspace(tmp_path: Path) -> None:
    from editor.services.review.workspace import UnsafeWriteError, write_file

    root = tmp_path / "ws"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "content").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafeWriteError):
        write_file(root, "content/post.md", b"x")
    (root / "note.md").symlink_to(outside / "target.md")
    write_file(root, "note.md", b"replaced the link, not its target")
    assert list(outside.iterdir()) == []
    assert not (root / "note.md").is_symlink()


# --- sending changes back ------------------------------------------------------------------


def _open(fake: FakeGitHub, tmp_path: Path, token: str):  # type: ignore[no-untyped-def]
    ref = parse_pull_reference("pnp/blog#1")
    assert ref is not None
    service = _service(fake, token)
    return service, service.download(ref, tmp_path, PROFILES)


def _replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8", newline="\n")


def test_push_puts_one_commit_on_the_head_the_reviewer_started_from(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    start = fake_github.state.head(FORK, BRANCH)
    _replace_line(
        workspace.root / POST,
        'categories: ["Community post"]',
        'categories: ["Community post", "Power Apps"]',
    )
    (workspace.root / FOLDER / "images" / "extra.png").write_bytes(b"\x89PNG new")

    outcome = ReviewSender(service).push(workspace)

    assert outcome.pushed and not outcome.conflicts and outcome.incoming == ()
    state = fake_github.state
    head = state.head(FORK, BRANCH)
    assert head == outcome.commit
    assert state.commit(head).parents == (start,)
    files = state.files(FORK, BRANCH)
    assert files[POST] == (workspace.root / POST).read_bytes()
    assert files[FOLDER + "images/extra.png"] == b"\x89PNG new"
    assert all(
        r.body.get("force") in (None, False)
        for r in state.calls("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}")
    )
    # The workspace now starts from the new head: nothing left to send.
    assert outcome.workspace is not None and outcome.workspace.state.start_head == head
    assert local_changes(outcome.workspace) == []


def test_a_concurrent_change_elsewhere_is_merged_and_shown(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    _replace_line(workspace.root / POST, 'tags: ["Power Apps"]', 'tags: ["Power Apps", "Excel"]')
    theirs = BLOG_POST.replace("![The report]", "![The final report]")
    moved = fake_github.state.push(FORK, BRANCH, {POST: theirs.encode()}, author="Alice Example")

    outcome = ReviewSender(service).push(workspace)

    assert outcome.pushed and outcome.incoming == (POST,) and outcome.merged == (POST,)
    state = fake_github.state
    assert state.commit(outcome.commit).parents == (moved,)
    pushed = state.files(FORK, BRANCH)[POST].decode()
    assert 'tags: ["Power Apps", "Excel"]' in pushed and "![The final report]" in pushed
    assert (workspace.root / POST).read_text("utf-8") == pushed


def test_an_overlapping_change_asks_the_reviewer_and_loses_nothing(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    _replace_line(
        workspace.root / POST,
        "The app started as a spreadsheet.",
        "The app began as a spreadsheet.",
    )
    mine = (workspace.root / POST).read_bytes()
    theirs = BLOG_POST.replace(
        "The app started as a spreadsheet.", "The app started as an Excel file."
    )
    moved = fake_github.state.push(FORK, BRANCH, {POST: theirs.encode()}, author="Alice Example")
    sender = ReviewSender(service)

    asked = sender.push(workspace)

    assert not asked.pushed and asked.incoming_head == moved
    [conflict] = asked.conflicts
    assert conflict.path == POST and conflict.merge is not None
    [lines] = conflict.merge.conflicts
    assert lines.mine == ("The app began as a spreadsheet.\n",)
    assert lines.theirs == ("The app started as an Excel file.\n",)
    assert fake_github.state.head(FORK, BRANCH) == moved  # nothing sent
    assert (workspace.root / POST).read_bytes() == mine  # nothing lost locally

    both = resolved_text(conflict.merge, [Take.BOTH]).encode()
    done = sender.push(workspace, resolutions={POST: both}, accept_head=asked.incoming_head)

    assert done.pushed
    pushed = fake_github.state.files(FORK, BRANCH)[POST].decode()
    assert "The app began as a spreadsheet." in pushed
    assert "The app started as an Excel file." in pushed
    assert fake_github.state.commit(done.commit).parents == (moved,)


def test_without_push_rights_the_edits_become_a_suggestion_review(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["rob"])
    assert not workspace.state.can_push
    path = workspace.root / POST
    _replace_line(
        path, "The app started as a spreadsheet.", "The app started as a spreadsheet\nin 2019."
    )
    _replace_line(
        path,
        "![The form](images/form.png)\n![The report](images/report.jpg)\n",
        "![The form, filled in](images/form.png)\n",
    )
    sender = ReviewSender(service)

    draft = sender.draft(workspace)
    url = sender.suggest(workspace, draft, "Two small fixes.")

    assert url
    pull = fake_github.state.pulls_of("pnp/blog")[0]
    [review] = pull.reviews
    assert (
        review.user == "rob" and review.state == "COMMENTED" and "Two small fixes." in review.body
    )
    assert review.commit_id == workspace.state.start_head
    head = BLOG_POST.splitlines(keepends=True)
    for comment in sorted(pull.review_comments, key=lambda c: -(c.line or 0)):
        start = start_line_of(fake_github.state, comment) or comment.line
        assert comment.body.startswith("```suggestion\n")
        new = comment.body.removeprefix("```suggestion\n").removesuffix("```")
        head[start - 1 : comment.line] = new.splitlines(keepends=True)
    assert "".join(head) == path.read_text("utf-8")
    ranges = sorted(
        (start_line_of(fake_github.state, c) or c.line, c.line) for c in pull.review_comments
    )
    assert ranges == [(14, 14), (17, 18)]


def test_pushing_without_rights_is_refused_by_github_and_changes_nothing(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    from editor.services.github.errors import GitHubError

    tokens = _blog(fake_github, maintainer_can_modify=False)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    assert not workspace.state.can_push
    _replace_line(workspace.root / POST, "spreadsheet", "sheet")
    before = fake_github.state.head(FORK, BRANCH)
    with pytest.raises(GitHubError):
        ReviewSender(service).push(workspace)
    assert fake_github.state.head(FORK, BRANCH) == before


# --- published articles --------------------------------------------------------------------

BLOG_ARTICLE = b"""---
title: "An older post"
date: 2025-01-01T00:00:00Z
author: "Bob"
githubname: bob
categories: ["Community post"]
images:
- images/cover.png
tags: []
type: "regular"
---

Old text with a typo: teh.

![Cover](images/cover.png)
"""

LEARN_ARTICLE = b"""---
title: Teams channels
ms.date: 01/02/2025
author: bob
---

# Teams channels

[!INCLUDE [disclaimer](includes/disclaimer.md)]

:::image type="content" source="media/teams-channels/one.png" alt-text="One":::

Old text with a typo: teh.
"""


def _publisher(fake: FakeGitHub, token: str) -> Publisher:
    return Publisher(
        make_client(token, fake.base_url, throttle=False),
        retrier=Retrier(sleep=lambda _s: None),
        server=fake.base_url,
    )


@pytest.mark.parametrize(
    ("address", "repository", "files", "path"),
    [
        (
            "https://pnp.github.io/blog/post/an-older-post-with-pictures/",
            "pnp/blog",
            {
                "content/post/An-Older-Post-With-Pictures/index.md": BLOG_ARTICLE,
                "content/post/An-Older-Post-With-Pictures/images/cover.png": b"\x89PNG cover",
                "content/post/other/index.md": b"other\n",
            },
            "content/post/An-Older-Post-With-Pictures/index.md",
        ),
        (
            "https://learn.microsoft.com/en-us/microsoft-365/community/teams-channels",
            "MicrosoftDocs/microsoft-365-community",
            {
                "Community/teams-channels.md": LEARN_ARTICLE,
                "Community/includes/disclaimer.md": b"Community content.\n",
                "Community/media/teams-channels/one.png": b"\x89PNG one",
                "Community/TOC.yml": b"items: []\n",
            },
            "Community/teams-channels.md",
        ),
    ],
)
def test_a_published_article_is_opened_edited_and_proposed_as_a_change_to_that_file(  # noqa: PLR0917
    fake_github: FakeGitHub,
    tmp_path: Path,
    address: str,
    repository: str,
    files: dict[str, bytes],
    path: str,
) -> None:
    state = fake_github.state
    state.add_org(repository.split("/", maxsplit=1)[0])
    state.add_repo(repository, files)
    token = state.add_user("carol", "Carol Contributor")
    service = _service(fake_github, token)
    found = parse_article_address(address, PROFILES)
    assert found is not None

    library = tmp_path / "Postwright"
    opened = open_article(service, found, library)

    site = library / found.profile.id
    assert opened.path == site / path and opened.downloaded
    expected = {p: d for p, d in files.items() if not p.endswith(("other/index.md", "TOC.yml"))}
    assert _tree_files(site) == expected
    assert path in list_articles(service, found.profile)

    # Opening again keeps the local copy as it is.
    opened.path.write_bytes(opened.path.read_bytes().replace(b"teh", b"the"))
    edited = opened.path.read_bytes()
    assert not open_article(service, found, library).downloaded
    assert opened.path.read_bytes() == edited

    when = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
    request = edit_request(found.profile, opened.path, update_date=when)
    result = _publisher(fake_github, token).publish(request)

    pull = next(p for p in state.pulls_of(repository) if p.number == result.pull_number)
    base = state.files(repository)
    head = state.git.files(pull.head_sha())
    assert {p for p in set(base) | set(head) if base.get(p) != head.get(p)} == {path}
    assert b"the." in head[path] and b"teh" not in head[path]
    stamp = b'lastmod: "2026-11-25T09:30:00Z"' if "blog" in repository else b"ms.date: 11/25/2026"
    assert stamp in head[path]
    assert pull.title.startswith("Update")


def test_a_feedback_issue_is_filed_with_the_address_selection_and_description(
    fake_github: FakeGitHub,
) -> None:
    state = fake_github.state
    state.add_org("MicrosoftDocs")
    state.add_repo("MicrosoftDocs/microsoft-365-community", {"Community/x.md": b"# X\n"})
    token = state.add_user("carol", "Carol Contributor")
    found = parse_article_address(
        "https://learn.microsoft.com/en-us/microsoft-365/community/x", PROFILES
    )
    assert found is not None
    draft = feedback_issue(
        address=found.address,
        path=found.path,
        article_title="X",
        selection="Click Save.",
        description="The button is called Apply now.",
    )

    url = file_issue(_service(fake_github, token), found.profile, draft)

    [issue] = issues_of(state, "MicrosoftDocs/microsoft-365-community")
    assert url.endswith(f"/issues/{issue.number}")
    assert issue.user == "carol"
    assert issue.title == "The button is called Apply now."
    assert found.address in issue.body and "> Click Save." in issue.body


def test_answers_for_an_older_head_are_not_used_when_it_moved_again(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    _replace_line(workspace.root / POST, "started as", "began as")
    state = fake_github.state
    state.push(FORK, BRANCH, {POST: BLOG_POST.replace("started as", "grew from").encode()})
    sender = ReviewSender(service)
    asked = sender.push(workspace)
    [conflict] = asked.conflicts
    assert conflict.merge is not None
    answer = resolved_text(conflict.merge, [Take.MINE]).encode()
    later = BLOG_POST.replace("started as", "grew from").replace("![The report]", "![Report]")
    again = state.push(FORK, BRANCH, {POST: later.encode()})

    second = sender.push(workspace, resolutions={POST: answer}, accept_head=asked.incoming_head)

    assert not second.pushed and second.incoming_head == again
    assert state.head(FORK, BRANCH) == again  # nothing overwritten


def test_someone_pushing_while_the_branch_moves_is_merged_not_overwritten(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    _replace_line(workspace.root / POST, 'tags: ["Power Apps"]', 'tags: ["Power Apps", "Excel"]')
    state = fake_github.state
    theirs = BLOG_POST.replace("![The report]", "![The final report]").encode()
    state.inject(
        "PATCH",
        r"/git/refs/heads/",
        status=0,
        run=lambda: state.push(FORK, BRANCH, {POST: theirs}),
    )

    outcome = ReviewSender(service).push(workspace)

    assert outcome.pushed
    pushed = state.files(FORK, BRANCH)[POST].decode()
    assert "![The final report]" in pushed and '"Excel"' in pushed


def test_cancel_stops_before_anything_moves(fake_github: FakeGitHub, tmp_path: Path) -> None:
    from editor.services.github.errors import CancelledError

    tokens = _blog(fake_github)
    cancelled = {"now": False}
    client = make_client(tokens["maintainer"], fake_github.base_url, throttle=False)
    service = ReviewService(
        client, retrier=Retrier(cancelled=lambda: cancelled["now"], sleep=lambda _s: None)
    )
    ref = parse_pull_reference("pnp/blog#1")
    assert ref is not None
    workspace = service.download(ref, tmp_path, PROFILES)
    _replace_line(workspace.root / POST, "spreadsheet", "sheet")
    before = fake_github.state.head(FORK, BRANCH)
    fake_github.state.inject(
        "POST", r"/git/trees$", status=0, run=lambda: cancelled.update(now=True)
    )

    with pytest.raises(CancelledError):
        ReviewSender(service).push(workspace)

    assert fake_github.state.head(FORK, BRANCH) == before
    assert b"sheet" in (workspace.root / POST).read_bytes()  # the edit is still there


def test_a_picture_both_sides_replaced_is_asked_about_whole(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    tokens = _blog(fake_github)
    service, workspace = _open(fake_github, tmp_path, tokens["maintainer"])
    picture = FOLDER + "images/form.png"
    (workspace.root / picture).write_bytes(b"\x89PNG mine")
    fake_github.state.push(FORK, BRANCH, {picture: b"\x89PNG theirs"})

    asked = ReviewSender(service).push(workspace)

    [conflict] = asked.conflicts
    assert (conflict.path, conflict.merge) == (picture, None)
    assert (conflict.mine, conflict.theirs) == (b"\x89PNG mine", b"\x89PNG theirs")


def test_the_issue_template_the_profile_names_is_used(fake_github: FakeGitHub) -> None:
    from dataclasses import replace

    from editor.services.review.articles import issue_template

    state = fake_github.state
    state.add_org("pnp")
    template = b"---\nname: Content\ntitle: '[Post] '\nlabels: [content]\n---\n\nThank you!\n"
    state.add_repo(
        "pnp/blog",
        {"content/post/x/index.md": b"# X\n", ".github/ISSUE_TEMPLATE/content.md": template},
    )
    token = state.add_user("carol", "Carol Contributor")
    blog = next(p for p in PROFILES if p.id == "pnp-blog")
    blog = replace(
        blog, published=replace(blog.published, issue_template=".github/ISSUE_TEMPLATE/content.md")
    )
    service = _service(fake_github, token)
    found = parse_article_address("https://pnp.github.io/blog/post/x/", [blog])
    assert found is not None

    read = issue_template(service, blog)
    draft = feedback_issue(
        address=found.address,
        path=found.path,
        article_title="X",
        selection="",
        description="Broken link.",
        template=read,
    )
    file_issue(service, blog, draft)

    [issue] = issues_of(state, "pnp/blog")
    assert issue.title == "[Post] Broken link."
    assert issue.labels == ["content"]
    assert issue.body.rstrip().endswith("Thank you!")
