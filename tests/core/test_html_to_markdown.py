"""Smart paste: rich text from other programs becomes Markdown that renders the same structure."""

from __future__ import annotations

from editor.core.render.dialects import get_dialect
from editor.core.render.model import RenderOptions
from editor.core.text.html_to_markdown import html_to_markdown

SPEC = get_dialect("goldmark", spec_mode=True)


def html(markdown: str) -> str:
    return SPEC.render_html(markdown, RenderOptions(typographer=False, linkify=False)).strip()


# What Word puts on the clipboard (trimmed): styles for bold/italic, Office tags, conditionals.
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>
p.MsoNormal {margin:0cm}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml>
<![endif]--></head><body lang=EN-GB><!--StartFragment-->
<h1 style='mso-style-name:x'>Power Automate tips<o:p></o:p></h1>
<p class=MsoNormal>Use <span style='font-weight:bold'>Apply to each</span> with
<span style='font-style:italic'>care</span>, see
<a href="https://learn.microsoft.com/power-automate/">the docs</a>.<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>Step one</p>
<!--EndFragment--></body></html>"""


def test_word_html_keeps_structure_and_drops_office_noise() -> None:
    markdown = html_to_markdown(WORD)
    assert markdown.startswith("# Power Automate tips\n\nUse **Apply to each** with _care_, see")
    assert "mso" not in markdown and "OfficeDocumentSettings" not in markdown
    rendered = html(markdown)
    assert "<strong>Apply to each</strong>" in rendered
    assert "<em>care</em>" in rendered
    assert '<a href="https://learn.microsoft.com/power-automate/">the docs</a>' in rendered


def test_web_page_lists_nest_and_number_from_their_start() -> None:
    markdown = html_to_markdown(
        "<ol start='3'><li>Open <code>flow.json</code></li><li>Edit<ul><li>title</li>"
        "<li>owner</li></ul></li></ol><p>After</p>"
    )
    assert markdown == "3. Open `flow.json`\n4. Edit\n   - title\n   - owner\n\nAfter"
    rendered = html(markdown)
    assert rendered.startswith('<ol start="3">')
    assert "<ul>\n<li>title</li>" in rendered


def test_tables_become_pipe_tables() -> None:
    markdown = html_to_markdown(
        "<table><thead><tr><th>Name</th><th>Use</th></tr></thead>"
        "<tbody><tr><td>a|b</td><td><b>x</b></td></tr><tr><td>c</td></tr></tbody></table>"
    )
    assert markdown == "| Name | Use |\n| --- | --- |\n| a\\|b | **x** |\n| c |  |"
    assert "<td>a|b</td>" in html(markdown)


def test_code_blocks_keep_their_text_and_language() -> None:
    markdown = html_to_markdown(
        '<pre><code class="language-powershell">Get-PnPList\n  | Select Title\n```</code></pre>'
    )
    assert markdown == "````powershell\nGet-PnPList\n  | Select Title\n```\n````"


def test_text_that_looks_like_markdown_is_escaped() -> None:
    markdown = html_to_markdown("<p>2 * 3 = 6 and [not a link] and &lt;b&gt;</p>")
    assert html(markdown) == "<p>2 * 3 = 6 and [not a link] and &lt;b&gt;</p>"


def test_scripts_styles_and_javascript_links_disappear() -> None:
    markdown = html_to_markdown(
        "<script>alert(1)</script><style>p{}</style>"
        "<p><a href='javascript:alert(1)'>click</a> me</p>"
    )
    assert markdown == "click me"


def test_images_breaks_quotes_and_rules() -> None:
    markdown = html_to_markdown(
        "<p>Line one<br>line two</p><blockquote><p>Quoted</p></blockquote><hr>"
        "<p><img src='https://example.com/a.png' alt='A chart'>"
        "<img src='data:image/png;base64,AAAA' alt='Screenshot'></p>"
    )
    assert markdown == (
        "Line one  \nline two\n\n> Quoted\n\n---\n\n"
        "![A chart](https://example.com/a.png)![Screenshot]()"
    )


def test_teams_style_divs_and_task_boxes() -> None:
    markdown = html_to_markdown(
        "<div><div>Hi team,</div><div><i>please</i> review:</div>"
        "<ul><li><input type='checkbox' checked>done</li><li><input type='checkbox'>todo</li>"
        "</ul></div>"
    )
    assert markdown == "Hi team,\n\n_please_ review:\n\n- [x] done\n- [ ] todo"
