"""Any mix of Learn's extension lines, in any order and indentation, renders without crashing,
with block lines in order and inside the document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render import RenderOptions, render_document
from editor.core.source_files import MemorySourceFiles

FILES = MemorySourceFiles(
    {
        "Community/includes/a.md": "> [!NOTE]\n> Included.\n\n[!INCLUDE [b](b.md)]\n",
        "Community/code.cs": "// <s>\nint x;\n// </s>\n",
        "Community/media/a.png": "",
    }
)
OPTIONS = RenderOptions(dialect="markdig", source_files=FILES, document_path="Community/x.md")

LINES = [
    ":::row:::",
    ":::row-end:::",
    ':::column span="2":::',
    ":::column-end:::",
    '::: zone pivot="a"',
    "::: zone-end",
    '::: moniker range=">= v1"',
    "::: moniker-end",
    ':::image type="complex" source="media/a.png" alt-text="x":::',
    ":::image-end:::",
    ':::image type="content" source="media/A.PNG" alt-text="y":::',
    ':::code source="code.cs" id="s" highlight="1":::',
    ':::video source="https://www.youtube.com/embed/x":::',
    ":::unknown:::",
    ':::no-loc text="z":::',
    "[!INCLUDE [a](includes/a.md)]",
    "Text [!INCLUDE [a](includes/a.md)] inline.",
    "> [!NOTE]",
    ">[!tip]",
    '> [!div class="checklist"]',
    "> [!VIDEO https://www.youtube.com/embed/y]",
    "> text",
    "# [Tab](#tab/t)",
    "---",
    "```",
    "1. item",
    "- item",
    "| a | b |",
    "|---|---|",
    "<div>",
    "</div>",
    "plain text",
    "",
]

lines = st.lists(
    st.tuples(st.sampled_from(["", " ", "  ", "   ", "    ", "      "]), st.sampled_from(LINES)),
    max_size=40,
)


@settings(max_examples=300, deadline=None, database=None)
@given(lines)
def test_any_mix_of_extensions_renders_with_sane_lines(parts: list[tuple[str, str]]) -> None:
    text = "\n".join(indent + line for indent, line in parts) + "\n"
    result = render_document(text, OPTIONS)
    previous_end = 0
    for block in result.blocks:
        assert previous_end <= block.start_line <= block.end_line <= len(text.splitlines())
        previous_end = block.end_line
