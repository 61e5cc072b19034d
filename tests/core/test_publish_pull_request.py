"""The pull-request form each site asks for, and the body made from it."""

from __future__ import annotations

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.profiles.model import Profile
from editor.core.publish.prepare import check_metadata, post_values
from editor.core.publish.pull_request import (
    NEXT_STEPS,
    PROMO_MAX,
    PullRequestForm,
    form_fields,
    form_problems,
    prefilled_form,
    pull_request_body,
)


def _profile(profile_id: str) -> Profile:
    found = load_profiles(builtin_profiles_dir()).get(profile_id)
    assert found is not None
    return found


BLOG_TEXT = """---
title: "Hello: world"
author: Alice Example
githubname: alice
summary: A first post.
---
Body.
"""


def test_blog_form_asks_what_the_contributing_guide_asks() -> None:
    keys = [f.key for f in form_fields(_profile("pnp-blog"))]
    assert keys == ["title", "description", "category", "related_issues", "social_handle", "promo"]
    promo = next(f for f in form_fields(_profile("pnp-blog")) if f.key == "promo")
    assert promo.max_length == PROMO_MAX == 257


def test_docs_form_asks_for_a_summary_of_the_change() -> None:
    keys = [f.key for f in form_fields(_profile("learn-m365-community"))]
    assert keys == ["title", "summary", "related_issues"]


def test_form_is_prefilled_from_the_post() -> None:
    blog = _profile("pnp-blog")
    form = prefilled_form(blog, post_values(blog, "hello-world", BLOG_TEXT))

    assert form.title == "New post: Hello: world"
    assert form.description == "A first post."


def test_promo_text_over_257_characters_and_an_empty_title_are_refused() -> None:
    blog = _profile("pnp-blog")
    form = PullRequestForm(title=" ", description="d", promo="x" * 258)

    problems = form_problems(blog, form)

    assert set(problems) == {"title", "promo"}
    assert "258 characters" in problems["promo"].english()
    assert form_problems(blog, PullRequestForm(title="t", description="d", promo="x" * 257)) == {}


def test_blog_body_follows_the_template_with_the_answers() -> None:
    blog = _profile("pnp-blog")
    values = post_values(blog, "hello-world", BLOG_TEXT)
    form = PullRequestForm(
        title="t",
        description="What it is.",
        category="Content fix",
        related_issues="#12, 15",
        social_handle="@alice",
        promo="Read   my\npost!",
    )

    body = pull_request_body(blog, form, values)

    assert body.startswith("## Category\n\n- [x] Content fix\n- [ ] New article\n")
    assert "- Fixes #12\n- Fixes #15" in body
    assert "- n/a" not in body
    assert 'A new community post, "Hello: world", by Alice Example (@alice)' in body
    assert "## Description\n\nWhat it is." in body
    assert "- Social handle: @alice\n- Promo text: Read my post!" in body


def test_learn_body_has_the_summary() -> None:
    learn = _profile("learn-m365-community")
    values = {"title": "T", "author": "a", "githubname": "a", "name": "t"}
    body = pull_request_body(learn, PullRequestForm(title="x", summary="Adds T."), values)

    assert "`Community/t.md`" in body
    assert "## Summary of the change\n\nAdds T." in body


def test_metadata_errors_block_and_warnings_ask() -> None:
    blog = _profile("pnp-blog")
    missing_author = BLOG_TEXT.replace("author: Alice Example\n", "")

    assert check_metadata(blog, missing_author).blocks
    assert any(f.key == "author" for f in check_metadata(blog, missing_author).errors)
    assert check_metadata(blog, "---\ntitle: [\n---\n").blocks


def test_each_built_in_site_says_what_comes_next() -> None:
    for profile_id in ("pnp-blog", "learn-m365-community"):
        assert NEXT_STEPS[profile_id]
    assert "recognition" in NEXT_STEPS["pnp-blog"][1].english()
