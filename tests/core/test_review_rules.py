"""Review mode's pure rules: references, hostile paths, three-way merge, suggestions, issues."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.review.feedback import feedback_issue, parse_issue_template
from editor.core.review.merge3 import merge3, resolved_text
from editor.core.review.paths import Entry, path_problem, screen_entries
from editor.core.review.published import with_updated_date
from editor.core.review.references import (
    PullReference,
    parse_article_address,
    parse_pull_reference,
)
from editor.core.review.suggestions import commentable_lines, draft_review, suggestions_for
from editor.core.text.merge import Take

PROFILES = load_profiles(builtin_profiles_dir()).profiles


def _profile(profile_id: str):  # type: ignore[no-untyped-def]
    return next(p for p in PROFILES if p.id == profile_id)


# --- references ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://github.com/pnp/blog/pull/123",
        "https://github.com/pnp/blog/pull/123/files",
        "https://github.com/pnp/blog/pull/123#discussion_r1",
        "  pnp/blog#123 ",
    ],
)
def test_a_pull_request_is_named_by_address_or_short_form(text: str) -> None:
    assert parse_pull_reference(text) == PullReference("pnp", "blog", 123)


@pytest.mark.parametrize(
    "text", ["pnp/blog", "https://github.com/pnp/blog/issues/3", "../x#1", "pnp/blog#0", "hello"]
)
def test_what_is_not_a_pull_request_is_refused(text: str) -> None:
    assert parse_pull_reference(text) is None


def test_a_blog_address_maps_to_the_post_bundle() -> None:
    found = parse_article_address(
        "https://pnp.github.io/blog/post/my-first-post/?utm=x#part", PROFILES
    )
    assert found is not None
    assert found.profile.id == "pnp-blog"
    assert found.path == "content/post/my-first-post/index.md"


def test_a_learn_address_in_any_locale_maps_to_the_community_file() -> None:
    for locale in ("en-us", "de-de", "zh-hans-cn"):
        found = parse_article_address(
            f"https://learn.microsoft.com/{locale}/microsoft-365/community/teams-channels", PROFILES
        )
        assert found is not None, locale
        assert found.profile.id == "learn-m365-community"
        assert found.path == "Community/teams-channels.md"


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/blog/post/x/",
        "https://learn.microsoft.com/en-us/azure/whatever",
        "https://pnp.github.io/blog/post/../../x/",
        "http://pnp.github.io/blog/post/x/",
    ],
)
def test_other_addresses_are_not_articles(text: str) -> None:
    assert parse_article_address(text, PROFILES) is None


def test_the_last_updated_field_is_written_as_the_site_wants() -> None:
    when = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    learn = "---\ntitle: T\nms.date: 01/02/2020\n---\n\nBody\n"
    assert "ms.date: 03/04/2026\n" in with_updated_date(
        _profile("learn-m365-community"), learn, when
    )
    blog = '---\ntitle: "T"\ndate: 2020-01-01T00:00:00Z\n---\n\nBody\n'
    updated = with_updated_date(_profile("pnp-blog"), blog, when)
    assert 'lastmod: "2026-03-04T05:06:07Z"' in updated
    assert "date: 2020-01-01T00:00:00Z" in updated


# --- paths ---------------------------------------------------------------------------------

HOSTILE = [
    "../outside.md",
    "content/../../outside.md",
    "/etc/passwd",
    "C:/Windows/evil.md",
    "c:evil.md",
    "content\\post\\x.md",
    ".git/config",
    ".GIT/hooks/pre-commit",
    "content/.Git/config",
    ".git./config",
    ".git /config",
    "git~1/config",
    ".git::$INDEX_ALLOCATION/config",
    ".g\u200cit/config",
    "content/post/CON/index.md",
    "content/post/x/aux.png",
    "content/post/x/com1.txt",
    "content/post/x/nul .md",
    "content/post/x/file\x07.md",
    "content/post/x/a\r.md",
    "content//post/x.md",
    "content/./x.md",
    "content/post/x/trailing.",
    "content/post/x/what?.md",
    "",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_paths_are_rejected_with_a_reason(path: str) -> None:
    problem = path_problem(path)
    assert problem is not None
    assert problem.english()


@pytest.mark.parametrize(
    "path",
    [
        "content/post/my-post/index.md",
        "content/post/my-post/images/a b (1).png",
        "Community/media/x/step-one.png",
        "content/post/ünïcode/index.md",
        "content/post/.well/ok.md",
    ],
)
def test_ordinary_paths_pass(path: str) -> None:
    assert path_problem(path) is None


def test_links_submodules_and_collisions_are_rejected() -> None:
    accepted, rejected = screen_entries(
        [
            Entry("content/post/a/index.md"),
            Entry("content/post/a/link.png", "120000"),
            Entry("content/post/a/sub", "160000"),
            Entry("content/post/a/INDEX.md"),
            Entry("content/post/caf\u00e9/index.md"),
            Entry("content/post/cafe\u0301/index.md"),
            Entry("content/post/a/run.sh", "100755"),
        ],
        existing=["content/post/b/Index.md"],
    )
    again, refused = screen_entries([Entry("content/post/B/index.md")], ["content/post/b/Index.md"])
    assert again == () and "letter case" in refused[0].reason.english()
    assert [e.path for e in accepted] == ["content/post/a/run.sh"]
    reasons = {r.path: r.reason.english() for r in rejected}
    assert "letter case" in reasons["content/post/a/index.md"]
    assert "letter case" in reasons["content/post/caf\u00e9/index.md"]
    assert "link" in reasons["content/post/a/link.png"]
    assert "submodule" in reasons["content/post/a/sub"]
    assert "letter case" in reasons["content/post/a/INDEX.md"]
    assert "letter case" in reasons["content/post/cafe\u0301/index.md"]


# --- three-way merge -----------------------------------------------------------------------

BASE = "".join(f"line {n}\n" for n in range(1, 21))


def _edit(text: str, number: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[number - 1] = new
    return "".join(lines)


def test_changes_far_apart_merge_cleanly() -> None:
    mine = _edit(BASE, 2, "mine 2\n")
    theirs = _edit(BASE, 18, "theirs 18\n")
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert resolved_text(result) == _edit(mine, 18, "theirs 18\n")


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    both = _edit(BASE, 5, "same\n")
    result = merge3(BASE, both, both)
    assert result.clean
    assert resolved_text(result) == both


def test_insertions_and_deletions_merge() -> None:
    mine = BASE.replace("line 3\n", "")
    theirs = BASE.replace("line 15\n", "line 15\nnew after 15\n")
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert resolved_text(result) == mine.replace("line 15\n", "line 15\nnew after 15\n")


def test_overlapping_changes_are_a_conflict_that_keeps_both_sides() -> None:
    mine = _edit(BASE, 10, "mine 10\n")
    theirs = _edit(BASE, 10, "theirs 10\n")
    result = merge3(BASE, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.mine == ("mine 10\n",) and conflict.theirs == ("theirs 10\n",)
    assert resolved_text(result, [Take.MINE]) == mine
    assert resolved_text(result, [Take.THEIRS]) == theirs
    assert "mine 10\ntheirs 10\n" in resolved_text(result, [Take.BOTH])


# --- suggestions ---------------------------------------------------------------------------


def _apply(head: str, suggestions) -> str:  # type: ignore[no-untyped-def]
    """What GitHub does when every suggestion is committed (bottom first)."""
    lines = head.splitlines(keepends=True)
    for s in sorted(suggestions, key=lambda s: -s.start_line):
        lines[s.start_line - 1 : s.line] = s.text.splitlines(keepends=True)
    return "".join(lines)


@pytest.mark.parametrize(
    "edited",
    [
        _edit(BASE, 4, "changed 4\n"),
        BASE.replace("line 6\nline 7\nline 8\n", "one line instead\n"),
        BASE.replace("line 9\n", ""),
        BASE.replace("line 12\n", "line 12\ninserted\n"),
        "before everything\n" + BASE,
        BASE + "after everything\n",
        _edit(_edit(BASE, 2, "two\n"), 19, "nineteen\n"),
    ],
)
def test_suggestions_turn_the_head_into_the_reviewers_text(edited: str) -> None:
    found = suggestions_for("a.md", BASE, edited)
    assert found
    assert _apply(BASE, found) == edited
    for s in found:
        assert 1 <= s.start_line <= s.line <= BASE.count("\n")


def test_a_multi_line_suggestion_has_a_start_line_on_the_right_side() -> None:
    [one] = suggestions_for("a.md", BASE, BASE.replace("line 6\nline 7\n", "six and seven\n"))
    comment = one.api_comment()
    assert comment == {
        "path": "a.md",
        "body": "```suggestion\nsix and seven\n```",
        "line": 7,
        "side": "RIGHT",
        "start_line": 6,
        "start_side": "RIGHT",
    }


def test_a_suggestion_holding_a_code_fence_uses_a_longer_fence() -> None:
    [one] = suggestions_for("a.md", BASE, _edit(BASE, 3, "```python\n"))
    assert one.body.startswith("````suggestion\n```python\n")
    assert one.body.endswith("\n````")


def test_edits_outside_the_diff_are_listed_in_the_summary_not_as_suggestions() -> None:
    head = _edit(BASE, 15, "contributor changed 15\n")
    assert commentable_lines(BASE, head) == frozenset(range(12, 19))
    edited = _edit(_edit(head, 15, "reviewer fixed 15\n"), 2, "reviewer fixed 2\n")
    draft = draft_review([("a.md", BASE, head, edited)])
    assert [(s.start_line, s.line) for s in draft.suggestions] == [(15, 15)]
    assert [(s.start_line, s.line) for s in draft.outside] == [(2, 2)]
    # A new file: every line may hold a suggestion.
    assert len(draft_review([("b.md", None, head, edited)]).suggestions) == 2


# --- feedback issue ------------------------------------------------------------------------


def test_the_feedback_issue_names_the_article_quotes_the_selection_and_uses_the_template() -> None:
    template = parse_issue_template(
        "---\nname: Content problem\ntitle: '[Content] '\nlabels: content, triage\n---\n\n"
        "Thanks for the report.\n"
    )
    draft = feedback_issue(
        address="https://learn.microsoft.com/en-us/microsoft-365/community/x",
        path="Community/x.md",
        article_title="X",
        selection="The first line.\nThe second line.",
        description="The screenshot shows the old menu.\nIt moved in 2026.",
        template=template,
    )
    assert draft.title == "[Content] The screenshot shows the old menu."
    assert draft.labels == ("content", "triage")
    assert "https://learn.microsoft.com/en-us/microsoft-365/community/x" in draft.body
    assert "> The first line.\n> The second line." in draft.body
    assert "It moved in 2026." in draft.body
    assert draft.body.rstrip().endswith("Thanks for the report.")


def test_a_library_post_knows_its_published_address() -> None:
    from editor.core.review.references import article_address_for

    blog = article_address_for(_profile("pnp-blog"), "content/post/My-Post/index.md")
    assert blog is not None and blog.address == "https://pnp.github.io/blog/post/my-post/"
    learn = article_address_for(_profile("learn-m365-community"), "Community/x.md")
    assert learn is not None
    assert learn.address == "https://learn.microsoft.com/en-us/microsoft-365/community/x"
    assert article_address_for(_profile("pnp-blog"), "content/other/x.md") is None
