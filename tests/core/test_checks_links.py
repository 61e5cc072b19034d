"""Check Links finds every web address a reader could follow, written as a link or not."""

from __future__ import annotations

from editor.core.checks.links import links_to_check


def test_bare_addresses_are_checked_too_but_not_those_in_code() -> None:
    text = (
        "See https://pnp.github.io/blog/ for more.\n\n"
        "A [link](https://learn.microsoft.com/a) and <https://aka.ms/b>.\n\n"
        "Again https://pnp.github.io/blog/, and `https://in.code/x`.\n\n"
        "```\nhttps://in.a.fence/\n```\n"
    )
    found = [(link.url, link.line) for link in links_to_check(text, None)]
    assert found == [
        ("https://pnp.github.io/blog/", 0),
        ("https://learn.microsoft.com/a", 2),
        ("https://aka.ms/b", 2),
    ]


def test_a_video_shortcode_given_an_address_is_an_error_with_the_id_as_fix() -> None:
    from editor.core.checks.engine import check_post
    from editor.core.checks.model import apply_fix
    from editor.core.profiles import builtin_profiles_dir, load_profiles

    blog = load_profiles(builtin_profiles_dir()).get("pnp-blog")
    text = "Intro.\n\n{{< youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ >}}\n"
    [problem] = [p for p in check_post(text, blog).problems if p.rule == "shortcodes.video-address"]
    assert problem.severity == "error" and problem.line == 2
    assert apply_fix(text, problem.fix).endswith("{{< youtube dQw4w9WgXcQ >}}\n")
    fine = "Intro.\n\n{{< youtube dQw4w9WgXcQ >}}\n"
    assert not [p for p in check_post(fine, blog).problems if p.rule.startswith("shortcodes.")]


def test_a_new_learn_article_does_not_report_the_sites_shared_disclaimer(tmp_path) -> None:
    """The template includes Learn's disclaimer, which lives in the site's repository only."""
    import datetime as dt

    from editor.core.profiles import builtin_profiles_dir, load_profiles
    from editor.core.profiles.new_post import plan_new_post
    from editor.services.checks_files import check_saved_post
    from editor.services.library import Library

    learn = load_profiles(builtin_profiles_dir()).get("learn-m365-community")
    now = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    plan = plan_new_post(learn, "Share a channel", now=now, author="Ana", login="ana")
    path = Library(tmp_path).create_post(learn, plan)
    text = path.read_text(encoding="utf-8")
    assert "includes/content-disclaimer.md" in text
    rules = [p.rule for p in check_saved_post(text, learn, path).problems]
    assert "links.missing" not in rules
    # any other missing include is still reported
    other = text.replace("content-disclaimer.md", "typo-disclaimer.md")
    assert "links.missing" in [p.rule for p in check_saved_post(other, learn, path).problems]
