"""The standalone page: CSP first, blocks wrapped with their lines, CSS inlined safely."""

from __future__ import annotations

import re

from editor.core.render import RenderOptions, render_document
from editor.core.render.page import build_page, preview_css


def csp_of(page: str) -> dict[str, str]:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert content is not None
    directives = (part.strip().split(" ", 1) for part in content.group(1).split(";"))
    return {name: rest for name, rest in directives}


def test_page_starts_head_with_a_strict_csp() -> None:
    page = build_page(render_document("# T\n"), title="T", css="")
    assert page.startswith("<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=")
    csp = csp_of(page)
    assert csp["default-src"] == "'none'"
    assert csp["script-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["form-action"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-src"] == "'none'"
    assert csp["style-src"] == "'unsafe-inline'"
    assert csp["img-src"] == "'self' data:"


def test_remote_allowed_pages_may_load_https() -> None:
    result = render_document("x\n", RenderOptions(allow_remote=True))
    csp = csp_of(build_page(result, title="T", css=""))
    assert csp["img-src"] == "'self' data: https:"
    assert csp["frame-src"] == "https:"


def test_base_href_is_allowed_by_the_policy() -> None:
    page = build_page(render_document("x\n"), title="T", css="", base_href="file:///posts/a/")
    assert '<base href="file:///posts/a/">' in page
    assert csp_of(page)["base-uri"] == "file:"
    assert csp_of(page)["img-src"] == "'self' file: data:"
    page = build_page(render_document("x\n"), title="T", css="", base_href="https://h.example/p/")
    assert csp_of(page)["img-src"] == "'self' https://h.example data:"


def test_blocks_are_wrapped_with_their_lines() -> None:
    page = build_page(render_document("---\ntitle: T\n---\n# A\n\ntext\n"), title="T", css="")
    assert (
        '<div class="pw-block" data-line="3" data-line-end="4"><h1 id="a" class="heading-anchor">'
        in page
    )
    assert '<div class="pw-block" data-line="5" data-line-end="6"><p>text</p>\n</div>' in page


def test_title_and_css_cannot_break_out() -> None:
    page = build_page(
        render_document("x\n"), title="</title><script>", css="p{}</style><script>x</script>"
    )
    assert "<title>&lt;/title&gt;&lt;script&gt;</title>" in page
    assert page.count("</style>") == 1
    assert "p{}<\\/style><script>x<\\/script></style>" in page


def test_dark_page() -> None:
    page = build_page(render_document("x\n"), title="T", css="", dark=True)
    assert '<body class="pw-dark">' in page
    assert '<meta name="color-scheme" content="dark">' in page


def test_preview_css_has_layout_and_code_colours_for_both_themes() -> None:
    light, dark = preview_css(False), preview_css(True)
    for css in (light, dark):
        assert ".pw-content" in css
        assert "max-width: 760px" in css
        assert ".pw-remote-placeholder" in css
        assert ".chroma .k {" in css
        assert "line-height: 125%" not in css
    assert "color-scheme: dark" in dark
    assert ".chroma { background: #ffffff; }" in light
    assert "#ffffff; }" not in dark.split(".chroma { background:")[1][:12]


def test_spaces_before_the_opening_fence_are_named_above_the_preview() -> None:
    from editor.core.render.document import render_document

    result = render_document("  ---\ntitle: x\n---\n\nBody\n")
    assert result.front_matter_problem is not None
    assert "very start of the first line" in result.front_matter_problem.english()
    assert result.front_matter_problem_line == 0
