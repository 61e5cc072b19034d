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
