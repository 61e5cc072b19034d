"""A new post from a title: name, place and first text, for each built-in site."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.front_matter import read_front_matter
from editor.core.profiles import builtin_profiles_dir, load_profiles, validate_metadata
from editor.core.profiles.model import NamingRules
from editor.core.profiles.new_post import name_from_title, plan_new_post

NOW = dt.datetime(2026, 11, 25, 9, 30, 5, 123, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture(scope="module")
def profiles():
    return load_profiles(builtin_profiles_dir())


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("My First SPFx Web Part!", "my-first-spfx-web-part"),
        ("Søren's Power Automate: tips & tricks", "sorens-power-automate-tips-tricks"),
        ("   ", "post"),
        ("Copilot 🚀 in Teams", "copilot-in-teams"),
    ],
)
def test_names_are_lowercase_words_joined_by_hyphens(title: str, expected: str) -> None:
    assert name_from_title(title, NamingRules()) == expected


def test_names_respect_the_length_limit_at_a_word_boundary() -> None:
    name = name_from_title("word " * 40, NamingRules(max_length=20))
    assert len(name) <= 20 and not name.endswith("-")
    assert name == "word-word-word-word"


def test_names_never_collide_with_existing_posts() -> None:
    rules = NamingRules(max_length=10)
    assert name_from_title("Hello", rules, taken={"hello"}) == "hello-2"
    assert name_from_title("Hello", rules, taken={"hello", "hello-2"}) == "hello-3"
    # shortened at a word boundary to "hello", which is taken
    assert name_from_title("Hello World Again", rules, taken={"hello"}) == "hello-2"


def test_a_new_blog_post_is_a_page_bundle_with_the_sites_front_matter(profiles) -> None:
    blog = profiles.get("pnp-blog")
    plan = plan_new_post(
        blog, 'Say "Hello" to Flows', now=NOW, author="Ana Lopez", login="analopez"
    )
    assert str(plan.post_path) == "content/post/say-hello-to-flows/index.md"
    assert str(plan.image_folder) == "content/post/say-hello-to-flows/images"
    data = read_front_matter(plan.text).data
    assert data is not None
    assert data["title"] == 'Say "Hello" to Flows'
    assert data["githubname"] == "analopez"
    assert str(data["date"]).startswith("2026-11-25")
    assert "2026-11-25T09:30:05+01:00" in plan.text
    errors = [f for f in validate_metadata(blog, data, plan.text) if f.severity == "error"]
    assert errors == [] or all(f.key == "images" for f in errors), errors


def test_a_new_learn_article_uses_the_sites_date_format_and_file_name(profiles) -> None:
    learn = profiles.get("learn-m365-community")
    plan = plan_new_post(learn, "Teams Naming Tips", now=NOW, author="Ana", login="analopez")
    assert str(plan.post_path) == "Community/teams-naming-tips.md"
    assert str(plan.image_folder) == "Community/media/teams-naming-tips"
    assert "ms.date: 11/25/2026" in plan.text
    assert "# Teams Naming Tips" in plan.text
