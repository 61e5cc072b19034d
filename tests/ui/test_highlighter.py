"""Markdown syntax colouring, read back from the formats Qt lays out for each line."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from editor.ui.editor import MarkdownHighlighter
from editor.ui.theme import DARK_COLORS, LIGHT_COLORS

C = LIGHT_COLORS


class Highlighted:
    """A document with a highlighter, and ways to read the formats back."""

    def __init__(self, qtbot: QtBot, text: str) -> None:
        self.document = new_document()
        self.highlighter = MarkdownHighlighter(self.document)
        settle(qtbot)
        self.document.setPlainText(text)

    def format_at(self, line: int, column: int) -> QTextCharFormat:
        """The format at UTF-16 ``column`` of 0-based ``line`` (empty if none applies)."""
        block = self.document.findBlockByNumber(line)
        for found in block.layout().formats():
            if found.start <= column < found.start + found.length:
                return QTextCharFormat(found.format)
        return QTextCharFormat()

    def color(self, line: int, column: int) -> str | None:
        fmt = self.format_at(line, column)
        return (
            fmt.foreground().color().name()
            if fmt.hasProperty(fmt.Property.ForegroundBrush)
            else None
        )

    def bold(self, line: int, column: int) -> bool:
        return self.format_at(line, column).fontWeight() == QFont.Weight.Bold

    def italic(self, line: int, column: int) -> bool:
        return self.format_at(line, column).fontItalic()

    def plain(self, line: int, column: int) -> bool:
        return not self.format_at(line, column).properties()

    def edit(self, line: int, column: int, text: str) -> None:
        block = self.document.findBlockByNumber(line)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + column)
        cursor.insertText(text)


def new_document() -> QTextDocument:
    document = QTextDocument()
    document.documentLayout()  # without a layout, a document reports no changes to highlight
    return document


def settle(qtbot: QtBot) -> None:
    """Let a new highlighter run its first, deferred pass; from then on it follows edits."""
    qtbot.wait(1)


# -- headings ------------------------------------------------------------------------------


def test_atx_heading_is_bold_and_coloured(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "Intro\n\n## A heading with *style*\n")
    assert doc.bold(2, 0) and doc.color(2, 0) == C.heading  # the marker
    assert doc.bold(2, 5) and doc.color(2, 5) == C.heading
    assert doc.italic(2, 20) and doc.bold(2, 20)  # emphasis keeps the heading look
    assert doc.plain(0, 1)


def test_hash_without_space_is_not_a_heading(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "#hashtag\n")
    assert not doc.bold(0, 2)


def test_setext_headings(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "Title\n=====\n\nSubtitle\n--------\n\nText\n\n---\n")
    assert doc.bold(0, 0) and doc.color(0, 0) == C.heading
    assert doc.color(1, 0) == C.heading
    assert doc.bold(3, 0) and doc.color(3, 0) == C.heading
    assert doc.color(8, 0) == C.code_fence  # after a blank line, --- is a thematic break


def test_typing_and_removing_a_setext_underline_recolours_the_line_above(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "Title\n\nmore\n")
    assert not doc.bold(0, 0)
    doc.edit(1, 0, "===")
    assert doc.bold(0, 0) and doc.color(0, 0) == C.heading
    cursor = QTextCursor(doc.document.findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    assert not doc.bold(0, 0)


def test_paragraph_line_that_becomes_a_list_item_unmakes_the_underline(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "Title\n---\n")
    assert doc.color(1, 0) == C.heading
    doc.edit(0, 0, "- ")
    assert doc.color(1, 0) == C.code_fence  # now a thematic break under a list


# -- inline --------------------------------------------------------------------------------


def test_emphasis_strong_and_strikethrough(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "a *em* b **strong** c ~~gone~~ d _under_ e __bold__ f ***both***\n")
    line = doc.document.firstBlock().text()
    assert doc.italic(0, line.index("em"))
    assert doc.bold(0, line.index("strong")) and not doc.italic(0, line.index("strong"))
    assert doc.format_at(0, line.index("gone")).fontStrikeOut()
    assert doc.italic(0, line.index("under"))
    assert doc.bold(0, line.index("bold"))
    assert doc.bold(0, line.index("both")) and doc.italic(0, line.index("both"))
    assert doc.plain(0, 0)


def test_underscores_inside_words_are_not_emphasis(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "call snake_case_name and a * b * c\n")
    assert not doc.italic(0, 11)
    assert not doc.italic(0, 29)  # asterisks with spaces around them are not emphasis


def test_inline_code_hides_markdown(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "see `*not em* {{< no >}}` here\n")
    assert doc.color(0, 5) == C.code
    assert not doc.italic(0, 6)
    assert doc.color(0, 15) == C.code  # not the shortcode colour
    assert doc.format_at(0, 5).background().color().name() == C.code_background


def test_double_backtick_code_span(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "x ``a ` b`` y\n")
    assert doc.color(0, 6) == C.code
    assert doc.plain(0, 12)


def test_links_images_and_titles(qtbot: QtBot) -> None:
    text = 'A [link *em*](https://x.com/a_b_c "T") and ![alt](images/p.png) end\n'
    doc = Highlighted(qtbot, text)
    assert doc.color(0, text.index("link")) == C.link_text
    assert doc.italic(0, text.index("em*"))
    url = text.index("https")
    assert doc.color(0, url) == C.link_url
    assert not doc.italic(0, text.index("b_c"))  # underscores in a URL are not emphasis
    assert doc.color(0, text.index("alt")) == C.image
    assert doc.color(0, text.index("images/")) == C.link_url
    assert doc.plain(0, text.index("end"))


def test_reference_links_definitions_and_footnotes(qtbot: QtBot) -> None:
    text = (
        'See [docs][ref] and a note[^1].\n\n[ref]: https://example.com "Title"\n[^1]: The note.\n'
    )
    doc = Highlighted(qtbot, text)
    assert doc.color(0, 5) == C.link_text
    assert doc.color(0, 11) == C.link_url
    assert doc.color(0, text.index("[^1]")) == C.footnote
    assert doc.color(2, 1) == C.link_text
    assert doc.color(2, 8) == C.link_url
    assert doc.color(3, 1) == C.footnote
    assert doc.plain(3, 8)


def test_autolinks_and_bare_urls(qtbot: QtBot) -> None:
    text = "Visit <https://a.example/x_y> or https://b.example/under_score_path. Or www.c.org\n"
    doc = Highlighted(qtbot, text)
    assert doc.color(0, text.index("<https")) == C.link_text
    bare = text.index("https://b")
    assert doc.color(0, bare) == C.link_text
    assert not doc.italic(0, text.index("score"))
    assert doc.plain(0, text.index("path.") + 4)  # the full stop is not part of the URL
    assert doc.color(0, text.index("www.")) == C.link_text


def test_html_tags_and_comments(qtbot: QtBot) -> None:
    doc = Highlighted(
        qtbot, "a<br />b <!-- note *x* --> c\n<!--\nstill a *comment*\n-->\nafter *em*\n"
    )
    assert doc.color(0, 1) == C.html
    assert doc.color(0, 12) == C.comment
    assert doc.color(0, 16) == C.comment  # "*x*" inside the comment is not emphasis
    assert doc.color(2, 10) == C.comment
    assert doc.color(3, 0) == C.comment
    assert doc.italic(4, 7) and doc.color(4, 7) is None


# -- shortcodes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "{{< youtube abc123 >}}",
        "{{% notice note %}}",
        '{{< image src="images/a.png" alt="A" >}}',
        "{{< notice note>}}",
        "{{< /attachments >}}",
    ],
)
def test_shortcodes_are_coloured(qtbot: QtBot, line: str) -> None:
    doc = Highlighted(qtbot, f"Before\n\n{line}\n")
    for column in (0, len(line) // 2, len(line) - 1):
        assert doc.color(2, column) == C.shortcode


def test_shortcode_spanning_lines(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, '{{< figure\n  src="a.png"\n  alt="*x*" >}} then *em*\n')
    assert doc.color(1, 3) == C.shortcode
    assert doc.color(2, 7) == C.shortcode
    assert not doc.italic(2, 8)
    assert doc.italic(2, 22)


def test_go_template_braces_are_not_shortcodes(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "Value ${{ parameters.x }} and {{ .Date }}\n")
    assert doc.plain(0, 8)
    assert doc.plain(0, 33)


# -- blocks --------------------------------------------------------------------------------


def test_fenced_code_content_is_code_only(qtbot: QtBot) -> None:
    text = "```python\n*not em* {{< no >}} # not a heading\n```\n*em*\n"
    doc = Highlighted(qtbot, text)
    assert doc.color(0, 0) == C.code_fence
    assert doc.italic(0, 4)  # the info string
    for column in (0, 1, 10, 25):
        assert doc.color(1, column) == C.code
        assert not doc.italic(1, column) and not doc.bold(1, column)
    assert doc.color(2, 0) == C.code_fence
    assert doc.italic(3, 1)  # after the fence, Markdown again


def test_tilde_fence_is_closed_only_by_tildes(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "~~~JavaScript\n```\n*x*\n~~~\n*y*\n")
    assert doc.color(2, 1) == C.code
    assert not doc.italic(2, 1)
    assert doc.italic(4, 1)


def test_opening_a_fence_recolours_the_lines_below(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "text\n*a*\n*b*\n")
    assert doc.italic(1, 1)
    doc.edit(0, 0, "```\n")
    assert doc.color(2, 1) == C.code
    assert not doc.italic(2, 1)


def test_blockquote_and_list_markers(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "> quoted **x**\n- item\n12. numbered\n- [x] task\n")
    assert doc.color(0, 0) == C.quote and doc.bold(0, 0)
    assert doc.color(0, 3) == C.quote
    assert doc.bold(0, 11)
    assert doc.color(1, 0) == C.list_marker
    assert doc.plain(1, 3)
    assert doc.color(2, 1) == C.list_marker
    assert doc.color(3, 3) == C.list_marker


# -- front matter --------------------------------------------------------------------------


FRONT_MATTER = """---
title: "My post" # a comment
tags:
  - spfx
date: 2024-01-02T10:00:00-00:00
---
Body *text*

---

title: not front matter
"""


def test_front_matter_at_the_top(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, FRONT_MATTER)
    assert doc.color(0, 0) == C.front_matter_fence
    assert doc.color(1, 0) == C.front_matter_key
    assert doc.color(1, 8) == C.front_matter_value
    assert doc.color(1, 20) == C.front_matter_comment
    assert doc.color(2, 0) == C.front_matter_key
    assert doc.color(3, 2) == C.list_marker
    assert doc.color(3, 4) == C.front_matter_value
    assert doc.color(4, 10) == C.front_matter_value
    assert doc.color(5, 0) == C.front_matter_fence
    assert doc.italic(6, 6)


def test_a_later_rule_is_not_front_matter(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, FRONT_MATTER)
    assert doc.color(8, 0) == C.code_fence  # a thematic break
    assert doc.color(10, 0) != C.front_matter_key
    assert doc.plain(10, 0)


def test_no_front_matter_unless_the_first_line_opens_it(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "Intro\n\n---\ntitle: x\n")
    assert doc.color(2, 0) == C.code_fence
    assert doc.plain(3, 0)


def test_typing_the_first_fence_turns_the_top_into_front_matter(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "title: x\ntags: y\n---\n\nbody\n")
    assert doc.plain(0, 0)
    doc.edit(0, 0, "---\n")
    assert doc.color(1, 0) == C.front_matter_key
    assert doc.color(2, 0) == C.front_matter_key
    assert doc.color(3, 0) == C.front_matter_fence
    assert doc.plain(5, 0)


# -- offsets, themes, incrementality -------------------------------------------------------


def test_emoji_before_markup_keeps_formats_aligned(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "😀 **bold** `code`\n")
    # 😀 is two UTF-16 units: "😀 " ends at 3; "**bold**" spans 3 to 11; "`code`" 12 to 18
    assert not doc.bold(0, 2)
    assert doc.bold(0, 3) and doc.bold(0, 10)
    assert not doc.bold(0, 11)
    assert doc.color(0, 12) == C.code and doc.color(0, 17) == C.code


def test_set_dark_switches_colours(qtbot: QtBot) -> None:
    doc = Highlighted(qtbot, "# Heading\n`code`\n")
    assert doc.color(0, 3) == LIGHT_COLORS.heading
    doc.highlighter.set_dark(True)
    assert doc.highlighter.is_dark()
    assert doc.highlighter.colors() == DARK_COLORS
    assert doc.color(0, 3) == DARK_COLORS.heading
    assert doc.color(1, 1) == DARK_COLORS.code


class CountingHighlighter(MarkdownHighlighter):
    """Counts the lines it colours."""

    calls = 0

    def highlightBlock(self, text: str) -> None:
        CountingHighlighter.calls += 1
        super().highlightBlock(text)


def test_typing_in_a_paragraph_recolours_only_that_line(qtbot: QtBot) -> None:
    document = new_document()
    highlighter = CountingHighlighter(document)
    settle(qtbot)
    document.setPlainText("---\ntitle: x\n---\n" + "A paragraph with *some* text.\n\n" * 2000)
    assert highlighter.calls >= 4000
    CountingHighlighter.calls = 0
    cursor = QTextCursor(document.findBlockByNumber(2001))
    cursor.insertText("More words ")
    assert CountingHighlighter.calls <= 2
