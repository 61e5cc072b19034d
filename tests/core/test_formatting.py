"""Formatting commands: the Markdown a writer gets from the Format menu, rendered as CommonMark."""

from __future__ import annotations

import pytest

from editor.core.render.dialects import get_dialect
from editor.core.render.model import RenderOptions
from editor.core.text.formatting import (
    code_block,
    format_table,
    insert_block,
    link,
    new_table,
    set_heading,
    split_row,
    toggle_bullets,
    toggle_inline,
    toggle_numbers,
    toggle_quote,
    toggle_tasks,
    web_address,
)

SPEC = get_dialect("goldmark", spec_mode=True)


def html(markdown: str) -> str:
    return SPEC.render_html(markdown, RenderOptions(typographer=False, linkify=False)).strip()


def selected(text: str) -> tuple[str, int, int]:
    """``text`` with ``[`` and ``]`` marking the selection (``|`` for a caret)."""
    if "|" in text:
        at = text.index("|")
        return text.replace("|", ""), at, at
    start = text.index("[")
    end = text.index("]") - 1
    return text.replace("[", "", 1).replace("]", "", 1), start, end


@pytest.mark.parametrize(
    ("marker", "tag"), [("**", "strong"), ("_", "em"), ("~~", "del"), ("`", "code")]
)
def test_inline_markers_wrap_the_selection_and_render(marker: str, tag: str) -> None:
    text, start, end = selected("Make [this word] stand out.")
    edit = toggle_inline(text, start, end, marker, "text")
    new = edit.apply(text)
    assert html(new) == f"<p>Make <{tag}>this word</{tag}> stand out.</p>"
    assert new[edit.select[0] : edit.select[1]] == "this word"


def test_applying_the_same_marker_again_unwraps() -> None:
    text, start, end = selected("Make [this word] bold.")
    first = toggle_inline(text, start, end, "**", "bold text")
    bolded = first.apply(text)
    second = toggle_inline(bolded, *first.select, "**", "bold text")
    assert second.apply(bolded) == text
    # also when the markers themselves are selected
    whole = bolded.index("**this")
    third = toggle_inline(bolded, whole, whole + len("**this word**"), "**", "bold text")
    assert third.apply(bolded) == text


def test_spaces_at_the_edges_stay_outside_the_markers() -> None:
    text, start, end = selected("Make[ this word ]bold.")
    new = toggle_inline(text, start, end, "**", "x").apply(text)
    assert new == "Make **this word** bold."


def test_without_a_selection_a_selected_placeholder_is_inserted() -> None:
    text, start, end = selected("Say |here.")
    edit = toggle_inline(text, start, end, "**", "bold text")
    new = edit.apply(text)
    assert new == "Say **bold text**here."
    assert new[edit.select[0] : edit.select[1]] == "bold text"


def test_code_containing_backticks_gets_a_longer_fence() -> None:
    text, start, end = selected("Run [a `b` c] now")
    new = toggle_inline(text, start, end, "`", "code").apply(text)
    assert html(new) == "<p>Run <code>a `b` c</code> now</p>"


def test_link_around_selection_and_urls_with_spaces() -> None:
    text, start, end = selected("See [the docs] today")
    edit = link(text, start, end, "https://learn.microsoft.com/a (b)")
    new = edit.apply(text)
    assert (
        html(new) == '<p>See <a href="https://learn.microsoft.com/a%20(b)">the docs</a> today</p>'
    )
    assert new[edit.select[0] : edit.select[1]] == "the docs"
    anchor = link("x", 1, 1, "#my-heading", "My heading").apply("x")
    assert anchor == "x[My heading](#my-heading)"
    brackets = link("[1] ref", 0, 7, "https://example.com").apply("[1] ref")
    assert html(brackets) == '<p><a href="https://example.com">[1] ref</a></p>'


def test_headings_set_replace_and_toggle() -> None:
    text = "Intro\n\nMy section\n"
    at = text.index("section")
    h2 = set_heading(text, at, at, 2)
    new = h2.apply(text)
    assert new == "Intro\n\n## My section\n"
    assert h2.select == (at + 3, at + 3)  # the caret stays on the same character
    h3 = set_heading(new, at + 3, at + 3, 3).apply(new)
    assert h3 == "Intro\n\n### My section\n"
    plain = set_heading(h3, at + 4, at + 4, 3).apply(h3)
    assert plain == text


def test_lists_number_and_unnumber_every_touched_line() -> None:
    text = "alpha\nbeta\n\ngamma"
    numbered = toggle_numbers(text, 0, len(text)).apply(text)
    assert numbered == "1. alpha\n2. beta\n\n3. gamma"
    bullets = toggle_bullets(numbered, 0, len(numbered)).apply(numbered)
    assert bullets == "- alpha\n- beta\n\n- gamma"  # switching kinds swaps the marker
    assert toggle_bullets(bullets, 0, len(bullets)).apply(bullets) == text
    tasks = toggle_tasks(text, 0, 5).apply(text)
    assert html(tasks).startswith('<ul>\n<li><input disabled="" type="checkbox"> alpha')


def test_a_selection_ending_at_a_line_start_leaves_that_line_alone() -> None:
    text = "one\ntwo\nthree"
    new = toggle_quote(text, 0, len("one\ntwo\n")).apply(text)
    assert new == "> one\n> two\nthree"
    assert toggle_quote(new, 0, len("> one\n> two")).apply(new) == text


def test_code_block_fences_the_lines_and_survives_inner_fences() -> None:
    text = "before\n```\nx\n```\nafter"
    edit = code_block(text, 0, len(text), "markdown")
    new = edit.apply(text)
    assert new.startswith("````markdown\nbefore\n```")
    assert html(new).startswith('<pre><code class="language-markdown">before\n```\nx')


def test_blocks_get_blank_lines_around_them() -> None:
    text = "Paragraph one.\nParagraph two."
    at = len("Paragraph one.")
    edit = insert_block(text, at, at, "> [!NOTE]\n> {cursor}")
    new = edit.apply(text)
    assert new == "Paragraph one.\n\n> [!NOTE]\n> \n\nParagraph two."
    assert edit.select[0] == new.index("> \n") + 2
    wrapped = insert_block("x", 0, 1, "{{< notice tip >}}\n{selection}\n{{< /notice >}}")
    assert wrapped.apply("x") == "{{< notice tip >}}\nx\n{{< /notice >}}\n"


def test_new_table_renders_with_its_alignment() -> None:
    table = new_table(2, 3, ["left", "center", "right"])
    assert table.splitlines()[1] == "| :------- | :------: | -------: |"
    rendered = html(table)
    assert '<th style="text-align:center">Column 2</th>' in rendered or (
        '<th align="center">Column 2</th>' in rendered
    )
    assert rendered.count("<tr>") == 3


def test_format_table_aligns_columns_and_keeps_cells() -> None:
    text = "Intro\n\n|Name|Value|\n|:-|-:|\n|a|12345|\n|longer name|`x|y`|\n\nEnd"
    edit = format_table(text, text.index("Value"))
    assert edit is not None
    new = edit.apply(text)
    assert new == (
        "Intro\n\n"
        "| Name        | Value |\n"
        "| :---------- | ----: |\n"
        "| a           | 12345 |\n"
        "| longer name | `x|y` |\n\nEnd"
    )
    assert html(new) == html(text)  # same table, just tidy
    assert format_table(text, 0) is None  # not in a table


def test_wide_characters_count_twice_when_aligning() -> None:
    text = "|名前|x|\n|-|-|\n|ab|y|"
    new = format_table(text, 0).apply(text)
    assert new.splitlines()[0] == "| 名前 | x   |"
    assert new.splitlines()[2] == "| ab   | y   |"


def test_split_row_keeps_escaped_pipes() -> None:
    assert split_row(r"| a \| b | c |") == [r"a \| b", "c"]


def test_a_selection_put_in_an_alert_is_quoted_line_by_line() -> None:
    text = "First line\nsecond line"
    new = insert_block(text, 0, len(text), "> [!NOTE]\n> {selection}{cursor}").apply(text)
    assert new == "> [!NOTE]\n> First line\n> second line\n"


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("learn.microsoft.com/power-automate", "https://learn.microsoft.com/power-automate"),
        ("www.example.org", "https://www.example.org"),
        ("aka.ms/pnp?x=1", "https://aka.ms/pnp?x=1"),
        ("https://x.y/z", "https://x.y/z"),
        ("mailto:someone@contoso.com", "mailto:someone@contoso.com"),
        ("#next-steps", "#next-steps"),
        ("images/chart.png", "images/chart.png"),
        ("../other-post/", "../other-post/"),
        ("notes.md", "notes.md"),
    ],
)
def test_a_web_address_typed_without_https_gets_it(typed: str, target: str) -> None:
    assert web_address(typed) == target
