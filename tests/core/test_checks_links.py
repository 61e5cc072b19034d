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
