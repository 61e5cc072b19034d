"""The goldmark dialect renders what pnp/blog's Hugo 0.104 would, block by block."""

from __future__ import annotations

import re

import pytest

from editor.core.render import (
    RenderedBlock,
    RenderOptions,
    RenderResult,
    UnknownDialectError,
    available_dialects,
    get_dialect,
    render_document,
)

REMOTE_ON = RenderOptions(allow_remote=True)


def render(text: str, options: RenderOptions = REMOTE_ON) -> str:
    """The rendered body as one HTML string (remote content allowed unless said otherwise)."""
    return render_document(text, options).html


def heading_ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6] id="([^"]*)"', html)


# ---- headings -------------------------------------------------------------------------------


def test_heading_ids_are_hugo_github_style() -> None:
    html = render("## Hello World\n\n## What's new? (v2.0)\n\n## snake_case and-dash\n")
    assert heading_ids(html) == ["hello-world", "whats-new-v20", "snake_case-and-dash"]


def test_duplicate_heading_ids_get_a_number() -> None:
    html = render("## Intro\n\n## Intro\n\n### Intro\n")
    assert heading_ids(html) == ["intro", "intro-1", "intro-2"]


def test_non_ascii_heading_ids_keep_their_letters() -> None:
    html = render("## Привет мир\n\n## Ærø Øst\n\n## 日本語\n")
    assert heading_ids(html) == ["привет-мир", "ærø-øst", "日本語"]


def test_heading_id_comes_from_the_markdown_source_like_goldmark() -> None:
    html = render("## Use *this* `code`\n\n## Done :rocket:\n\n## !!!\n")
    assert heading_ids(html) == ["use-this-code", "done-", "heading"]


def test_custom_heading_id_attribute() -> None:
    html = render("## Setup {#getting-started .wide}\n\n## Getting started\n")
    assert heading_ids(html) == ["getting-started", "getting-started-1"]
    assert ">Setup <a" in html
    assert "{#" not in html
    assert "wide" not in html  # the site's heading hook does not use classes


def test_setext_heading_id_uses_its_last_line() -> None:
    assert heading_ids(render("First line\nSecond line\n---\n")) == ["second-line"]


def test_anchor_link_only_on_h2_to_h4() -> None:
    html = render("# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n")
    anchored = re.findall(r'<a class="anchor-link" href="#([^"]+)" aria-labelledby="\1"', html)
    assert anchored == ["two", "three", "four"]
    assert '<h1 id="one" class="heading-anchor">One</h1>' in html
    assert '<h5 id="five" class="heading-anchor">Five</h5>' in html


# ---- images ---------------------------------------------------------------------------------


def test_bundle_image_with_title_is_a_figure_with_caption() -> None:
    html = render('![A diagram](images/flow.png "The *whole* flow")\n')
    assert html.startswith("<figure>")
    assert '<img src="images/flow.png" style="width:auto" loading="lazy"' in html
    assert 'title="A diagram" alt="A diagram"' in html
    assert "<figcaption>The <em>whole</em> flow</figcaption></figure>" in html
    assert "<p>" not in html


def test_bundle_image_without_title_is_a_figure_without_caption() -> None:
    html = render("Look:\n\n![](./images/x.png)\n")
    assert '<figure><img src="./images/x.png" style="width:auto" loading="lazy"></figure>' in html
    assert "figcaption" not in html


def test_gif_and_remote_images_are_plain_img() -> None:
    html = render('![anim](images/a.gif "t") ![web](https://example.com/w.png "t")\n')
    assert "<figure>" not in html
    assert '<img src="images/a.gif" style="width:auto" title="anim" alt="anim">' in html
    assert '<img src="https://example.com/w.png" style="width:auto" title="web" alt="web">' in html


def test_image_inside_text_keeps_its_paragraph() -> None:
    html = render("Before ![x](images/a.png) after\n")
    assert html.startswith("<p>Before")


# ---- extensions -----------------------------------------------------------------------------


def test_footnotes_have_goldmark_shape_and_are_the_last_block() -> None:
    result = render_document("Text[^n] and again[^n].\n\nMore.\n\n[^n]: The *note*.\n")
    first, section = result.blocks[0].html, result.blocks[-1].html
    assert (
        '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref"'
        ' rel="noopener noreferrer">1</a></sup>' in first
    )
    assert '<sup id="fnref1:1">' in first
    assert section.startswith('<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n')
    assert '<li id="fn:1">' in section
    assert section.count('class="footnote-backref" role="doc-backlink"') == 2
    assert 'href="#fnref1:1"' in section
    assert (result.blocks[-1].start_line, result.blocks[-1].end_line) == (4, 5)


CHECKED = re.compile(
    r'<input(?=[^>]* checked="")(?=[^>]* disabled="")(?=[^>]* type="checkbox")[^>]*>'
)
UNCHECKED = re.compile(
    r'<input(?![^>]* checked)(?=[^>]* disabled="")(?=[^>]* type="checkbox")[^>]*>'
)


def test_task_list_checkboxes_are_disabled_and_unclassed() -> None:
    html = render("- [x] done\n- [ ] todo\n- plain\n")
    html = CHECKED.sub("[checked]", UNCHECKED.sub("[unchecked]", html))
    assert (
        html == "<ul>\n<li>[checked] done</li>\n<li>[unchecked] todo</li>\n<li>plain</li>\n</ul>\n"
    )


def test_loose_task_list_checkbox_sits_in_the_paragraph() -> None:
    html = CHECKED.sub("[checked]", render("- [x] done\n\n- [ ] todo\n"))
    assert "<li>\n<p>[checked] done</p>" in html


def test_tables_with_alignment() -> None:
    html = render("| L | C | R |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
    assert '<th style="text-align:left">L</th>' in html
    assert '<th style="text-align:center">C</th>' in html
    assert '<td style="text-align:right">3</td>' in html


def test_strikethrough_needs_two_tildes() -> None:
    # Hugo's Goldmark (checked with `make fidelity`) leaves a single tilde as text.
    html = render("~one~ ~~two~~\n")
    assert "~one~ <del>two</del>" in html


def test_definition_lists() -> None:
    assert "<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>" in render("Term\n: Meaning\n")


def test_emoji_codes_become_emoji_and_unknown_codes_stay() -> None:
    html = render("Nice :smile: :+1: but :not_an_emoji_code: and 12:30:45\n")
    assert "Nice 😄 👍 but :not_an_emoji_code: and 12:30:45" in html


def test_emoji_codes_are_replaced_in_code_too_like_hugo_0_104() -> None:
    html = render("`:smile:`\n\n```text\n:rocket:\n```\n")
    assert "<code>😄</code>" in html
    assert "🚀" in html


def test_emoji_codes_inside_shortcodes_are_left_alone() -> None:
    html = render('{{< asciinema key=":smile:" >}} :smile:\n', RenderOptions(typographer=False))
    assert "images/:smile:.cast" in html
    assert "😄" in html


def test_shortcodes_are_rendered_not_shown_as_text() -> None:
    # Each shortcode's HTML is tested in test_render_shortcodes.py.
    html = render("{{< youtube MX8OVvsAK0s >}}\n")
    assert "{{" not in html
    assert '<iframe src="https://www.youtube.com/embed/MX8OVvsAK0s"' in html


# ---- typographer and linkify ----------------------------------------------------------------


def test_typographer_does_what_goldmark_does() -> None:
    html = render("\"Quotes\" and 'single' -- en --- em ... and << guillemets >>\n")
    expected = "“Quotes” and ‘single’ – en — em … and « guillemets »"  # noqa: RUF001 - typography
    assert expected in html


def test_typographer_leaves_symbols_goldmark_does_not_touch() -> None:
    html = render("(c) (tm) (r) +- ?! ,, and ?.... ----\n")
    assert "(c) (tm) (r) +- ?! ,, and ?…. —-" in html


def test_typographer_turns_double_hyphen_options_into_en_dashes_like_the_site() -> None:
    expected = "Use –force, not <code>--force</code>"  # noqa: RUF001 - the en dash is the point
    assert expected in render("Use --force, not `--force`\n")


def test_typographer_off() -> None:
    html = render('"a" -- b...\n', RenderOptions(typographer=False))
    assert '"a" -- b...' in html


def test_linkify_uses_https_for_www_links() -> None:
    html = render("See www.example.com/page and http://plain.example.org.\n")
    assert '<a href="https://www.example.com/page" rel="noopener noreferrer">' in html
    assert '<a href="http://plain.example.org" rel="noopener noreferrer">' in html


def test_linkify_links_email_but_not_bare_domains() -> None:
    html = render("Mail me@example.com or visit example.com\n")
    assert 'href="mailto:me@example.com"' in html
    assert "visit example.com" in html


def test_linkify_off() -> None:
    assert "<a" not in render("www.example.com\n", RenderOptions(linkify=False))


def test_dangerous_link_destinations_stay_text() -> None:
    html = render("[a](javascript:alert(1)) [b](vbscript:x) [c](file:///etc/passwd)\n")
    assert "<a" not in html
    assert "[a](javascript:alert(1))" in html


def test_image_data_urls_are_allowed() -> None:
    html = render("![dot](data:image/png;base64,iVBORw0KGgo=)\n")
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html


# ---- code -----------------------------------------------------------------------------------


def test_fenced_code_has_hugos_chroma_shape() -> None:
    html = render('```powershell\nGet-Item -Path "x"\n```\n')
    assert html.startswith(
        '<div class="highlight"><pre tabindex="0" class="chroma">'
        '<code class="language-powershell" data-lang="powershell">'
    )
    assert '<span class="nb">Get-Item</span>' in html
    assert html.endswith("</code></pre></div>\n")


def test_bare_fence_with_a_shebang_is_guessed() -> None:
    html = render("```\n#!/bin/bash\necho hi\n```\n")
    assert 'class="language-bash" data-lang="bash"' in html
    assert "<span" in html


def test_bare_fence_with_json_is_guessed() -> None:
    assert 'data-lang="json"' in render('```\n{\n  "a": [1, 2]\n}\n```\n')


def test_bare_fence_with_prose_is_plain_text() -> None:
    html = render("```\n# Not a heading\n**not bold** > quote\n```\n")
    assert 'class="language-plaintext" data-lang="plaintext"' in html
    assert "<span" not in html
    assert "# Not a heading\n**not bold** &gt; quote\n" in html


def test_bare_one_line_fence_is_plain_text() -> None:
    assert 'data-lang="plaintext"' in render("```\n#!/bin/bash\n```\n")


def test_unknown_language_and_pandoc_attributes_fall_back_to_guessing() -> None:
    assert 'data-lang="plaintext"' in render("```nosuchlanguage\nabc\ndef\n```\n")
    assert 'data-lang="plaintext"' in render("``` {.lia-code-sample .language-html}\na\nb\n```\n")


def test_indented_code_is_not_highlighted() -> None:
    assert render("    x = 1\n") == "<pre><code>x = 1\n</code></pre>\n"


def test_code_keeps_html_escaped() -> None:
    html = render("```html\n<script>alert(1)</script>\n```\n")
    assert "<script" not in html
    assert "&lt;" in html


# ---- blocks and lines -----------------------------------------------------------------------


def line_ranges(result: RenderResult) -> list[tuple[int, int]]:
    return [(block.start_line, block.end_line) for block in result.blocks]


def test_each_top_level_block_is_one_rendered_block() -> None:
    text = "# T\n\npara\n\n- a\n- b\n\n> q\n\n---\n\n```\nc\n```\n\n| a |\n|---|\n| 1 |\n"
    result = render_document(text)
    assert line_ranges(result) == [(0, 1), (2, 3), (4, 7), (7, 8), (9, 10), (11, 14), (15, 18)]
    assert [block.html.split(">")[0] for block in result.blocks] == [
        '<h1 id="t" class="heading-anchor"',
        "<p",
        "<ul",
        "<blockquote",
        "<hr",
        '<div class="highlight"',
        "<table",
    ]


def test_lines_are_lines_of_the_whole_document_with_front_matter() -> None:
    text = "---\ntitle: T\ntags: [a]\n---\n# Heading\n\nText\n"
    result = render_document(text)
    assert line_ranges(result) == [(4, 5), (6, 7)]
    assert result.front_matter_problem is None


def test_crlf_line_endings_count_like_lf() -> None:
    lf = "---\ntitle: T\n---\n\n# H\n\npara\none\n\n- x\n"
    crlf = render_document(lf.replace("\n", "\r\n"))
    assert line_ranges(crlf) == line_ranges(render_document(lf)) == [(4, 5), (6, 8), (9, 10)]
    assert crlf.blocks[1].html == "<p>para\none</p>\n"


def test_cr_line_endings_in_the_body_count_like_lf() -> None:
    assert line_ranges(render_document("# H\r\rpara\rone\r")) == [(0, 1), (2, 4)]


def test_block_keys_follow_content_not_position() -> None:
    first = render_document("# A\n\ntext\n")
    moved = render_document("\n# A\n\ntext\n")
    edited = render_document("# A\n\ntext!\n")
    assert [b.key for b in first.blocks] == [b.key for b in moved.blocks]
    assert moved.blocks[0].start_line == first.blocks[0].start_line + 1
    assert first.blocks[1].key != edited.blocks[1].key
    assert first.blocks[0].key == edited.blocks[0].key
    assert all(re.fullmatch(r"[0-9a-f]{24}", block.key) for block in first.blocks)


def test_empty_document_has_no_blocks() -> None:
    assert render_document("") == RenderResult(blocks=())
    assert render_document("---\ntitle: x\n---\n").blocks == ()


def test_html_block_left_open_groups_following_blocks() -> None:
    text = "Intro\n\n<details>\n<summary>More</summary>\n\nInside **bold**\n\n</details>\n\nAfter\n"
    result = render_document(text)
    assert line_ranges(result) == [(0, 1), (2, 8), (9, 10)]
    assert result.blocks[1].html == (
        "<details>\n<summary>More</summary>\n<p>Inside <strong>bold</strong></p>\n</details>\n"
    )


def test_nested_html_elements_group_until_balanced() -> None:
    text = '<div class="a">\n\n<div>\n\nx\n\n</div>\n\ny\n\n</div>\n\nz\n'
    result = render_document(text)
    assert line_ranges(result) == [(0, 11), (12, 13)]
    assert result.blocks[0].html.count("<div") == 2


def test_unclosed_html_element_groups_to_the_end() -> None:
    result = render_document("a\n\n<div>\n\nb\n\nc\n")
    assert line_ranges(result) == [(0, 1), (2, 7)]


def test_inline_closing_tag_ends_the_group() -> None:
    result = render_document("<div>\n\ntext </div>\n\nafter\n")
    assert line_ranges(result) == [(0, 3), (4, 5)]


def test_balanced_html_blocks_and_void_elements_do_not_group() -> None:
    result = render_document("<p>one\n\n<br>\n\n<div>x</div>\n\n<hr>\n\nafter\n")
    assert len(result.blocks) == 5


# ---- remote content -------------------------------------------------------------------------


def test_remote_markdown_image_becomes_a_placeholder_showing_the_url() -> None:
    html = render("![Team photo](https://example.com/team.png)\n", RenderOptions())
    assert "<img" not in html
    assert 'class="pw-remote-placeholder"' in html
    assert "Remote image: Team photo" in html
    assert '<span class="pw-remote-url">https://example.com/team.png</span>' in html


@pytest.mark.parametrize(
    "markdown",
    [
        '<img src="http://example.com/a.png">',
        '<img src="//example.com/a.png">',
        "<img src='HTTPS://example.com/a.png'>",
        '<picture><source srcset="https://e.com/a.webp"><img src="https://e.com/a.png"></picture>',
    ],
)
def test_remote_raw_html_images_become_placeholders(markdown: str) -> None:
    html = render(markdown + "\n", RenderOptions())
    assert "<img" not in html
    assert "<source" not in html
    assert "pw-remote-placeholder" in html


def test_remote_embeds_become_cards_with_a_link() -> None:
    text = (
        '<iframe src="https://www.youtube.com/embed/x" width="560"></iframe>\n\n'
        '<video controls src="https://e.com/v.mp4"></video>\n\n'
        '<audio controls><source src="https://e.com/a.mp3"></audio>\n'
    )
    html = render(text, RenderOptions())
    assert "<iframe" not in html
    assert "<video" not in html
    assert "<audio" not in html
    assert html.count("pw-remote-card") == 3
    assert '<a class="pw-remote-url" href="https://www.youtube.com/embed/x"' in html


def test_local_images_and_media_stay_when_remote_is_off() -> None:
    text = '![a](images/a.png)\n\n<video controls src="media/v.mp4"></video>\n'
    html = render(text, RenderOptions())
    assert '<img src="images/a.png"' in html
    assert '<video controls="" src="media/v.mp4"></video>' in html
    assert "pw-remote" not in html


def test_remote_content_stays_when_allowed() -> None:
    text = '![a](https://e.com/a.png)\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n'
    html = render(text, REMOTE_ON)
    assert '<img src="https://e.com/a.png"' in html
    assert '<iframe src="https://www.youtube.com/embed/x" sandbox="' in html
    assert "pw-remote" not in html
    assert render_document(text, REMOTE_ON).allow_remote


def test_documents_cannot_fake_placeholders() -> None:
    html = render('<span class="pw-remote-placeholder x">fake</span>\n', RenderOptions())
    assert 'class="x"' in html
    assert "pw-remote-placeholder" not in html


# ---- front matter and dialects --------------------------------------------------------------


def test_malformed_front_matter_is_reported_with_its_line() -> None:
    result = render_document("---\ntitle: T\ntags: [a, b\n---\n# Body\n")
    assert result.front_matter_problem is not None
    assert "front matter" in result.front_matter_problem.english()
    assert result.front_matter_problem_line is not None
    assert 1 <= result.front_matter_problem_line <= 3
    assert line_ranges(result) == [(4, 5)]


def test_unclosed_front_matter_is_reported_and_rendered_as_body() -> None:
    result = render_document("---\ntitle: T\n\nText\n")
    assert result.front_matter_problem_line == 0
    assert result.blocks[0].html.startswith("<hr>")


def test_dialect_registry() -> None:
    assert "goldmark" in available_dialects()
    assert get_dialect("goldmark").name == "goldmark"
    assert get_dialect("goldmark") is get_dialect("goldmark")
    with pytest.raises(UnknownDialectError):
        render_document("x", RenderOptions(dialect="no-such-dialect"))
    with pytest.raises(UnknownDialectError):
        get_dialect("../goldmark")


def test_rendered_blocks_are_plain_frozen_data() -> None:
    block = render_document("x\n").blocks[0]
    assert block == RenderedBlock(key=block.key, html="<p>x</p>\n", start_line=0, end_line=1)
    with pytest.raises(AttributeError):
        block.html = "changed"  # type: ignore[misc]
