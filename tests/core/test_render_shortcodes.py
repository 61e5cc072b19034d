"""Hugo shortcodes in the pnp/blog preview: each renders as the site renders it, unknown ones
are a visible error, code is never a shortcode, and the blocks keep their source lines. Also
the site's image hook when the post's files are known, and the blog's preview theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.render import RenderOptions, render_document
from editor.core.render.dialects.goldmark import build_parser
from editor.core.render.hugo import (
    NOTICE_TYPES,
    find_calls,
    known_shortcodes,
    remove_shortcodes,
)
from editor.core.render.page import available_themes, preview_css
from editor.core.resources import resource_text
from editor.core.source_files import MemorySourceFiles

OFFLINE = RenderOptions()
ONLINE = RenderOptions(allow_remote=True)
SITE_SHORTCODES = (
    *("youtube", "notice", "attachments", "podbean", "image", "checklist", "asciinema"),
    *("csv-contributors", "csv-links", "figure", "vimeo", "gist", "ref", "relref"),
)


def html_of(text: str, options: RenderOptions = OFFLINE) -> str:
    return render_document(text, options).html


def test_the_site_shortcodes_are_all_known() -> None:
    assert set(SITE_SHORTCODES) <= set(known_shortcodes())


# --- embeds ---------------------------------------------------------------------------------


def test_youtube_is_an_offline_card_with_title_link_and_provider() -> None:
    html = html_of("{{< youtube MX8OVvsAK0s >}}\n")
    assert "<iframe" not in html
    assert '<p class="embed-card-provider">YouTube</p>' in html
    assert '<p class="embed-card-title">YouTube video</p>' in html
    assert 'href="https://www.youtube.com/watch?v=MX8OVvsAK0s"' in html
    assert "remote content is off" in html


def test_youtube_is_an_embedded_player_when_remote_content_is_allowed() -> None:
    html = html_of('{{< youtube id="MX8OVvsAK0s" title="Call recording" >}}\n', ONLINE)
    assert (
        '<div class="video-embed"><iframe src="https://www.youtube.com/embed/MX8OVvsAK0s"' in html
    )
    assert 'title="Call recording"' in html
    assert "sandbox=" in html  # the sanitizer still locks the frame down


def test_vimeo_card_and_player() -> None:
    assert 'href="https://vimeo.com/146022717"' in html_of("{{< vimeo 146022717 >}}\n")
    online = html_of("{{< vimeo 146022717 >}}\n", ONLINE)
    assert 'src="https://player.vimeo.com/video/146022717"' in online


def test_gist_is_always_a_card_because_the_preview_runs_no_scripts() -> None:
    html = html_of("{{< gist spf13 7896402 >}}\n", ONLINE)
    assert "<script" not in html
    assert 'href="https://gist.github.com/spf13/7896402"' in html
    assert "GitHub Gist" in html


def test_podbean_with_a_share_link_is_a_card_or_a_player() -> None:
    text = '{{< podbean sharelink="pb-w7454-12067a1" title="Episode 12" >}}\n'
    assert "Episode 12" in html_of(text)
    assert "<iframe" not in html_of(text)
    online = html_of(text, ONLINE)
    assert "https://www.podbean.com/player-v2/?i=w7454-12067a1-pb" in online


def test_podbean_called_positionally_says_the_site_shows_an_empty_player() -> None:
    html = html_of("{{< podbean pb-w7454-12067a1 >}}\n")
    assert 'class="shortcode-error"' in html
    assert "empty player" in html


def test_asciinema_is_a_card_naming_the_recording_file() -> None:
    html = html_of('{{< asciinema key="demo" >}}\n')
    assert "asciinema" in html
    assert "images/demo.cast" in html


# --- notices, checklists, figures ---------------------------------------------------------


@pytest.mark.parametrize("kind", NOTICE_TYPES)
def test_every_notice_type_renders_with_its_title_and_markdown_inside(kind: str) -> None:
    body = "Be **careful** with [this](https://x.test)."
    html = html_of(f"{{{{< notice {kind} >}}}}\n{body}\n{{{{< /notice >}}}}\n")
    assert f'<div class="alert {kind}"><p class="alert-title">' in html
    assert f">{kind.title()}</span></p>" in html
    assert "<strong>careful</strong>" in html
    assert '<a href="https://x.test"' in html
    assert "{{" not in html


def test_notice_without_a_space_before_the_closing_brackets_as_in_real_posts() -> None:
    html = html_of("{{< notice note>}}\nText.\n{{< /notice >}}\n")
    assert '<div class="alert note">' in html


def test_notice_with_several_paragraphs_keeps_them_all() -> None:
    html = html_of("{{< notice tip >}}\nOne.\n\nTwo.\n{{< /notice >}}\n")
    assert "<p>One.</p>" in html
    assert "<p>Two.</p>" in html


def test_an_unknown_notice_type_is_reported() -> None:
    html = html_of("{{< notice danger >}}\nx\n{{< /notice >}}\n")
    assert 'class="shortcode-error"' in html
    assert "danger" in html


def test_markdown_form_of_a_shortcode() -> None:
    html = html_of("{{% notice tip %}}\n*Quick* tip.\n{{% /notice %}}\n")
    assert '<div class="alert tip">' in html
    assert "<em>Quick</em> tip." in html


def test_checklist_renders_its_markdown() -> None:
    html = html_of("{{< checklist >}}\n- [x] Done\n- [ ] To do\n{{< /checklist >}}\n")
    assert '<div class="checklist">' in html
    assert html.count('type="checkbox"') == 2


def test_figure_has_image_link_title_and_caption() -> None:
    text = (
        '{{< figure src="images/a.png" alt="A chart" link="https://x.test" '
        'title="Sales" caption="Per *month*" >}}\n'
    )
    html = html_of(text)
    assert '<figure><a href="https://x.test"' in html
    assert '<img src="images/a.png" alt="A chart">' in html
    assert "<figcaption><h4>Sales</h4><p>Per <em>month</em></p></figcaption>" in html


def test_a_tag_may_span_lines_but_not_a_blank_one() -> None:
    html = html_of('{{< figure\n  src="images/a.png"\n  alt="A" >}}\n\nNot {{< a\n\ncall >}}.\n')
    assert '<figure><img src="images/a.png" alt="A"></figure>' in html
    assert "Not {{&lt; a" in html


def test_image_shortcode_with_a_bundle_path_warns_that_the_site_shows_nothing() -> None:
    html = html_of('{{< image alt="FAQ" src="images/Default Screen.png" >}}\n')
    assert 'class="shortcode-error"' in html
    assert "only finds pictures under assets/" in html
    assert "![FAQ](images/Default Screen.png)" in html


def test_image_shortcode_with_the_legacy_assets_path_is_an_image() -> None:
    html = html_of('{{< image alt="Logo" src="images/blog/my-post/logo.png" >}}\n')
    assert (
        '<img loading="lazy" class="w-100 d-block mb-4" src="images/blog/my-post/logo.png"' in html
    )
    assert 'alt="Logo"' in html


# --- files of the post --------------------------------------------------------------------


def test_attachments_lists_the_files_folder_sorted_with_sizes() -> None:
    options = RenderOptions(attachments=(("slides.pptx", 3 * 1024 * 1024), ("agenda.pdf", 900)))
    html = html_of("{{< attachments >}}{{< /attachments >}}\n", options)
    assert '<div class="box attachments transparent">' in html
    assert "Attachments</div>" in html
    items = re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a> \(([^)]+)\)</li>', html)
    assert items == [
        ("files/agenda.pdf", "agenda.pdf", "900 B"),
        ("files/slides.pptx", "slides.pptx", "3 MB"),
    ]


def test_attachments_unpaired_with_no_files_says_the_list_is_empty() -> None:
    html = html_of('{{< attachments title="Decks" >}}\n')
    assert "Decks</div>" in html
    assert "files folder is empty" in html


def test_csv_contributors_and_links_read_the_data_folder() -> None:
    data = (
        ("people.csv", "name;link;role;note\nAnn;https://a.test;Host;Thanks\nBo;;Guest;\n"),
        ("links.csv", "title,url\nDocs,https://docs.test\n"),
    )
    options = RenderOptions(data_files=data)
    people = html_of('{{< csv-contributors file="people.csv" sep=";" >}}\n', options)
    assert '<li><a href="https://a.test"' in people
    assert ">Ann</a> (Host) | Thanks</li>" in people
    assert "<li>Bo (Guest)</li>" in people
    links = html_of('{{< csv-links file="links.csv" >}}\n', options)
    assert '<li><a href="https://docs.test" rel="noopener noreferrer">Docs</a></li>' in links


def test_a_missing_csv_file_says_the_build_will_fail() -> None:
    html = html_of('{{< csv-links file="nope.csv" >}}\n')
    assert "data/nope.csv" in html
    assert "the site's build will fail" in html


def test_ref_inside_a_link_gives_the_link_its_target() -> None:
    html = html_of('See [the intro]({{< ref "intro.md" >}}).\n')
    assert '<a href="intro.md"' in html


def test_highlight_shortcode_is_a_highlighted_code_block() -> None:
    html = html_of("{{< highlight python >}}\nx = 1\n{{< /highlight >}}\n")
    assert 'class="language-python"' in html
    assert "x" in html


# --- errors ---------------------------------------------------------------------------------


def test_a_shortcode_the_site_does_not_have_is_a_visible_error_not_dropped() -> None:
    html = html_of("Before.\n\n{{< mermaid >}}\ngraph TD\n{{< /mermaid >}}\n\nAfter.\n")
    assert 'class="shortcode-error"' in html
    assert "mermaid" in html
    assert "the site's build will fail" in html
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html


def test_a_closing_tag_without_its_opening_is_reported() -> None:
    html = html_of("{{< /notice >}}\n")
    assert "without its opening tag" in html


def test_a_notice_without_its_closing_tag_is_reported() -> None:
    html = html_of("{{< notice note >}}\nText\n")
    assert "needs its closing" in html


# --- what is not a shortcode --------------------------------------------------------------


def test_nothing_in_code_spans_or_code_blocks_is_a_shortcode() -> None:
    text = (
        "Write `{{< youtube abc >}}` to embed.\n\n"
        "```yaml\nx: ${{ parameters.x }} {{< mermaid >}}\n```\n\n"
        "    {{< notice note >}} indented code\n"
    )
    html = html_of(text)
    assert "<code>{{&lt; youtube abc &gt;}}</code>" in html
    assert "{{&lt; mermaid &gt;}}" in html
    assert "{{&lt; notice note &gt;}} indented code" in html
    assert "shortcode-error" not in html and "embed-card" not in html


def test_go_template_actions_and_github_expressions_are_text() -> None:
    html = html_of("Value ${{ parameters.x }} and {{ .Date }} stay.\n")
    assert "${{ parameters.x }} and {{ .Date }} stay." in html


def test_a_commented_out_shortcode_is_printed_as_written() -> None:
    html = html_of("Write {{</* youtube abc */>}} to embed.\n")
    assert "Write {{&lt; youtube abc &gt;}} to embed." in html


def test_text_that_looks_like_a_placeholder_is_left_alone() -> None:
    html = html_of("PWSHORTCODE0Z and {{< youtube abc >}}\n")
    assert html.startswith("<p>PWSHORTCODE0Z and ")
    assert "watch?v=abc" in html


def test_shortcodes_nested_in_a_notice_are_rendered() -> None:
    html = html_of("{{< notice note >}}\nWatch:\n\n{{< youtube abc >}}\n{{< /notice >}}\n")
    assert '<div class="alert note">' in html
    assert "watch?v=abc" in html


# --- source lines -------------------------------------------------------------------------


def test_blocks_after_a_multi_line_shortcode_keep_their_lines() -> None:
    text = "---\ntitle: t\n---\nIntro.\n\n{{< notice note >}}\nA\n\nB\n{{< /notice >}}\n\nAfter.\n"
    blocks = render_document(text).blocks
    lines = [(block.start_line, block.end_line) for block in blocks]
    assert lines == [(3, 4), (5, 10), (11, 12)]
    assert "After." in blocks[2].html


def test_removing_shortcodes_keeps_lines_and_code() -> None:
    md = build_parser(typographer=True, linkify=True, hooks=False)
    text = "a {{< youtube x >}}\n{{< notice note >}}\nin\n{{< /notice >}}\n`{{< code >}}`\n"
    removed = remove_shortcodes(md, text)
    assert removed == "a \n\n\n\n`{{< code >}}`\n"
    assert [call.name for call in find_calls(md, text)] == ["youtube", "notice"]


# --- the real posts -----------------------------------------------------------------------


def test_no_corpus_post_shows_a_shortcode_as_text(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus" / "pnp-blog").glob("*/index.md")):
        html = html_of(path.read_text(encoding="utf-8-sig"))
        outside_code = re.sub(r"<code[^>]*>.*?</code>", "", html, flags=re.DOTALL)
        assert "{{&lt;" not in outside_code, path.parent.name


def test_corpus_errors_are_the_ones_the_site_really_has(shared_dir: Path) -> None:
    """Positional podbean calls (empty player on the site) and image shortcodes with bundle
    paths (empty picture on the site) are the only problems in the corpus."""
    problems: dict[str, int] = {}
    for path in sorted((shared_dir / "corpus" / "pnp-blog").glob("*/index.md")):
        html = html_of(path.read_text(encoding="utf-8-sig"))
        count = html.count('class="shortcode-error"')
        if count:
            problems[path.parent.name] = count
    assert problems == {
        "community-sample-faqs-with-propertyfieldcollectiondata": 2,
        "m365-dev-podcast--2022-04-20-Ed-Averett": 1,
        "microsoft-365-pnp-weekly--episode-113": 1,
        "microsoft-365-pnp-weekly--episode-254": 1,
        "microsoft-viva-and-spfx-community-call--sharepoint-framework-community-call-"
        "recording-11th-of-march-2021": 1,
    }


# --- the site's image hook with the post's files known ------------------------------------


def test_a_picture_the_post_folder_lacks_is_a_plain_image_as_on_the_site() -> None:
    files = MemorySourceFiles({"content/post/p/images/here.png": ""})
    options = RenderOptions(source_files=files, document_path="content/post/p/index.md")
    text = '![Here](images/here.png "Caption")\n\n![Gone](images/gone.png "Caption")\n'
    blocks = render_document(text, options).blocks
    assert blocks[0].html.startswith('<figure><img src="images/here.png"')
    assert "<figcaption>Caption</figcaption>" in blocks[0].html
    assert blocks[1].html.startswith('<p><img src="images/gone.png"')
    assert "figcaption" not in blocks[1].html


def test_csv_shortcodes_read_the_post_folder_when_it_is_known() -> None:
    files = MemorySourceFiles({"content/post/p/data/links.csv": "title,url\nDocs,https://d.test\n"})
    options = RenderOptions(source_files=files, document_path="content/post/p/index.md")
    html = html_of('{{< csv-links file="links.csv" >}}\n', options)
    assert '<a href="https://d.test"' in html


# --- looking like the site: the pnp-blog preview theme ------------------------------------


def test_the_blog_theme_is_laid_over_the_base_styles_light_and_dark() -> None:
    light, dark = preview_css(False, "pnp-blog"), preview_css(True, "pnp-blog")
    assert "pnp-blog" in available_themes()
    assert light.index("--pw-bg: #ffffff") < light.index(".alert.note")
    assert dark.rindex("--blog-note: #3b2e58") > dark.rindex("--blog-note: #efd9fd")


def test_the_blog_theme_styles_what_the_shortcodes_and_header_produce() -> None:
    css = resource_text("preview/themes/pnp-blog.css")
    produced = html_of(
        "---\ntitle: T\nauthor: A\ngithubname: a\ntags: [x]\n---\n"
        "{{< notice note >}}\nx\n{{< /notice >}}\n\n{{< youtube a >}}\n\n"
        "{{< attachments >}}\n\n{{< mermaid >}}\n",
        RenderOptions(post_header=True, attachments=(("a.pdf", 1),)),
    )
    classes = set(" ".join(re.findall(r'class="([^"]+)"', produced)).split())
    unstyled = {"h2", "far", "fas", "fa-fw", "transparent", "my-3", "docon-status-note-outline"}
    for name in classes - unstyled:
        assert f".{name}" in css, name


def test_the_blog_theme_fetches_nothing() -> None:
    for name in ("pnp-blog.css", "pnp-blog-dark.css"):
        css = resource_text(f"preview/themes/{name}")
        assert "url(" not in css and "@import" not in css and "@font-face" not in css
