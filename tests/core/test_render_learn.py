"""The markdig dialect: Learn's extensions as a reader sees them, with the right source lines."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.render import RenderOptions, available_dialects, render_document
from editor.core.render.dialects.markdig import build_parser
from editor.core.render.learn.code import parse_line_numbers, snippet_lines
from editor.core.render.learn.context import new_env
from editor.core.render.learn.inline import xref_target
from editor.core.source_files import (
    MemorySourceFiles,
    join_repository_path,
    repository_location,
)

FILES = MemorySourceFiles(
    {
        "Community/includes/note.md": "> [!NOTE]\n> Included <script>alert(1)</script>text.\n",
        "Community/media/a/Shot.png": "",
    }
)


def options(**changes: object) -> RenderOptions:
    values: dict[str, object] = {
        "dialect": "markdig",
        "source_files": FILES,
        "document_path": "Community/article.md",
    }
    values.update(changes)
    return RenderOptions(**values)  # type: ignore[arg-type]  # keyword values of mixed types


def blocks(text: str, **changes: object) -> list[tuple[int, int, str]]:
    result = render_document(text, options(**changes))
    return [(block.start_line, block.end_line, block.html) for block in result.blocks]


def attribute_names(markup: str) -> list[str]:
    """Every attribute name of every element in ``markup``."""
    names: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names.extend(name for name, _ in attrs)

    Collector().feed(markup)
    return names


def html(text: str, **changes: object) -> str:
    return render_document(text, options(**changes)).html


def test_markdig_is_an_available_dialect() -> None:
    assert "markdig" in available_dialects()


# ---- lines: every extension is one preview block covering its own lines ----------------------


def test_container_blocks_cover_their_lines_from_start_to_end() -> None:
    text = (
        "---\ntitle: t\n---\n# Title\n\n:::row:::\n   :::column:::\n   Text.\n"
        "   :::column-end:::\n:::row-end:::\n\nAfter.\n"
    )
    found = blocks(text)
    assert [(start, end) for start, end, _ in found] == [(3, 4), (5, 10), (11, 12)]
    assert found[1][2].startswith('<div class="row">')


def test_an_include_is_one_block_on_its_line() -> None:
    found = blocks("Before.\n\n[!INCLUDE [note](includes/note.md)]\n\nAfter.\n")
    assert [(start, end) for start, end, _ in found] == [(0, 1), (2, 3), (4, 5)]
    assert 'class="NOTE alert is-info"' in found[1][2]


def test_a_tab_group_is_one_block_up_to_its_closing_rule() -> None:
    text = "Intro.\n\n# [A](#tab/a)\n\nOne.\n\n# [B](#tab/b)\n\nTwo.\n\n---\n\nAfter.\n"
    found = blocks(text)
    assert [(start, end) for start, end, _ in found] == [(0, 1), (2, 11), (12, 13)]
    assert "<h1" not in found[1][2]
    assert found[1][2].count('<section class="tabPanel"') == 2


def test_an_alert_keeps_the_lines_of_its_quote() -> None:
    found = blocks("# T\n\n>[!TIP]\n>Line one\n>line two.\n\nAfter.\n")
    assert [(start, end) for start, end, _ in found] == [(0, 1), (2, 5), (6, 7)]


def test_a_complex_image_is_one_block_with_its_description() -> None:
    text = (
        ':::image type="complex" source="media/a/Shot.png" alt-text="Diagram.":::\n'
        "    Long description.\n:::image-end:::\n\nAfter.\n"
    )
    found = blocks(text)
    assert [(start, end) for start, end, _ in found] == [(0, 3), (4, 5)]


# ---- what a reader sees -------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["> [!NOTE]", ">[!NOTE]", "> [!Note]", ">[!note]"])
def test_alert_spellings_that_real_files_use_all_make_an_alert(marker: str) -> None:
    assert '<p class="alert-title">Note</p>' in html(f"{marker}\n> Text.\n")


def test_an_unknown_alert_type_stays_a_quote() -> None:
    assert "<blockquote>" in html("> [!HINT]\n> Text.\n")


def test_included_html_is_sanitized_like_the_article() -> None:
    result = html("[!INCLUDE [note](includes/note.md)]\n")
    assert "<script" not in result and "Included" in result


def test_an_unknown_extension_is_an_error_block() -> None:
    assert "Extension is not supported" in html(":::chart type=pie:::\n")


def test_extensions_inside_code_stay_literal() -> None:
    result = html('```\n:::image source="x.png" alt-text="y":::\n:::mermaid:::\n```\n')
    assert "<img" not in result and "not supported" not in result


def test_hostile_attribute_values_are_cleaned() -> None:
    result = html(
        ':::image type="content" source="javascript:alert(1)" alt-text="x"'
        ' link="javascript:alert(2)":::\n\n'
        ':::image type="content" source="a.png" alt-text="&quot; onerror=&quot;alert(3)":::\n\n'
        "# [<img src=x onerror=alert(4)>](#tab/x)\n\nT\n\n---\n",
        source_files=None,
    )
    assert "javascript:" not in result
    assert not [name for name in attribute_names(result) if name.startswith("on")]
    assert "<script" not in result


def test_without_repository_files_images_are_left_as_written() -> None:
    result = html("![x](media\\a\\shot.png)\n", source_files=None)
    assert 'src="media/a/shot.png"' in result and "learn-problem" not in result


def test_an_include_without_repository_files_says_the_article_must_be_saved() -> None:
    assert "once the article is saved" in html(
        "[!INCLUDE [n](includes/note.md)]\n", source_files=None
    )


def test_videos_are_offline_cards_unless_remote_content_is_allowed() -> None:
    text = "> [!VIDEO https://www.youtube.com/embed/abc]\n"
    assert "<iframe" not in html(text)
    assert '<iframe src="https://www.youtube.com/embed/abc"' in html(text, allow_remote=True)


def test_quotes_stay_straight_as_learn_has_no_typographer() -> None:
    assert "<p>\"quoted\" and 'single'</p>" in html("\"quoted\" and 'single'\n")


# ---- the pieces -----------------------------------------------------------------------------


def test_line_numbers_accept_ranges_open_ends_and_lists() -> None:
    assert parse_line_numbers("2-4,7", 10) == [2, 3, 4, 7]
    assert parse_line_numbers("8-", 10) == [8, 9, 10]
    assert parse_line_numbers("a-b", 10) is None


def test_snippets_are_found_by_tag_or_region() -> None:
    lines = ["x", "// <one>", "a", "// </one>", "#region two", "b", "#endregion"]
    assert snippet_lines(lines, "one") == ["a"]
    assert snippet_lines(lines, "two") == ["b"]
    assert snippet_lines(lines, "three") is None


def test_xref_names_follow_display_property() -> None:
    assert xref_target("System.String") == (
        "https://learn.microsoft.com/dotnet/api/system.string",
        "String",
    )
    assert xref_target("System.String.Length?displayProperty=nameWithType")[1] == "String.Length"
    assert xref_target("System.String?displayProperty=fullName")[1] == "System.String"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("includes/a.md", "Community/includes/a.md"),
        ("includes\\a.md", "Community/includes/a.md"),
        ("../README.md", "README.md"),
        ("~/samples/x.cs", "samples/x.cs"),
        ("../../etc/passwd", None),
        ("/etc/passwd", None),
        ("https://example.com/a.md", None),
        ("", None),
    ],
)
def test_repository_paths_never_leave_the_repository(target: str, expected: str | None) -> None:
    assert join_repository_path("Community/article.md", target) == expected


def test_the_repository_is_found_from_the_profile_layout() -> None:
    from pathlib import PurePosixPath

    root, path = repository_location(
        PurePosixPath("/home/u/Postwright/learn/Community/my-post.md"), "Community/{name}.md"
    )
    assert (str(root), path) == ("/home/u/Postwright/learn", "Community/my-post.md")
    root, path = repository_location(PurePosixPath("/tmp/loose/post.md"), "Community/{name}.md")
    assert (str(root), path) == ("/tmp/loose", "post.md")


def test_learn_extensions_leave_commonmark_alone(shared_dir: Path) -> None:
    """Markdig passes CommonMark; with every Learn extension on, each spec example renders as
    plain CommonMark does, apart from code (Learn's code layout), heading ids and bare URLs
    (Learn links them)."""
    spec = json.loads((shared_dir / "specs" / "commonmark-spec.json").read_text("utf-8"))
    examples = spec["examples"]
    learn, plain = build_parser(hooks=True), build_parser(hooks=False)
    differing = []
    for example in examples:
        expected = plain.render(example["markdown"])
        got = learn.render(example["markdown"], new_env(None, ""))
        got = re.sub(r'<(h[1-6]) id="[^"]*">', r"<\1>", got)
        if got != expected and "<pre>" not in expected and example["section"] != "Autolinks":
            differing.append(example["example"])
    assert differing == []


def test_the_sites_shared_include_is_named_not_reported_missing() -> None:
    from editor.core.render.document import render_document
    from editor.core.render.model import RenderOptions
    from editor.core.source_files import MemorySourceFiles

    shared = (("Community/includes/content-disclaimer.md", "the community disclaimer"),)
    options = RenderOptions(
        dialect="markdig",
        source_files=MemorySourceFiles({}),
        document_path="Community/a.md",
        repository_files=shared,
    )
    text = (
        "# T\n\n[!INCLUDE [x](includes/content-disclaimer.md)]\n\n"
        "[!INCLUDE [y](includes/gone.md)]\n"
    )
    html = render_document(text, options).html
    assert "<em>The site shows the community disclaimer here.</em>" in html
    assert "includes/gone.md" in html and "was not found" in html
