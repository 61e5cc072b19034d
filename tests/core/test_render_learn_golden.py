"""Golden files for the markdig dialect: every Learn construct, Markdown in, HTML out.

Each ``tests/golden/learn/NAME.md`` is rendered as ``Community/article.md`` of a small
repository held in memory (:data:`REPOSITORY`, with include files, a code sample and images),
remote content off, and must give exactly ``NAME.html`` (the sanitized blocks, as the preview
receives them, with attributes in name order). After an intended change,
``POSTWRIGHT_UPDATE_GOLDEN=1 pytest`` rewrites the ``.html`` files; review their diff before
committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from editor.core.render import RenderOptions, render_document
from editor.core.source_files import MemorySourceFiles

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "learn"

PROGRAM_CS = """\
using System;

namespace Demo
{
    class Program
    {
        // <snippet_Create>
        static void Create()
        {
            Console.WriteLine("created");
        }
        // </snippet_Create>

        #region region_Main
        static void Main() => Create();
        #endregion
    }
}
"""

REPOSITORY = MemorySourceFiles(
    {
        "Community/includes/disclaimer.md": (
            "> [!Note]\n> This is an open-source article with the community providing support.\n"
        ),
        "Community/includes/banner.md": "---\nms.topic: include\n---\n**Preview** feature\n",
        "Community/includes/nested.md": (
            "Before [!INCLUDE [x](disclaimer.md)] after.\n\n[!INCLUDE [y](disclaimer.md)]\n"
        ),
        "Community/samples/program.cs": PROGRAM_CS,
        "Community/samples/script.ps1": "Write-Host 'hello'\n",
        "Community/media/article/screen-shot.png": "",
        "Community/media/article/Upper.PNG": "",
        "Community/media/article/with space.png": "",
        "outside.md": "Outside of Community but inside the repository.\n",
    }
)
OPTIONS = RenderOptions(
    dialect="markdig", source_files=REPOSITORY, document_path="Community/article.md"
)


def golden_names() -> list[str]:
    return sorted(path.stem for path in GOLDEN.glob("*.md"))


_START_TAG = re.compile(r'<([a-z][a-z0-9]*)((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)+)\s*>')
_ATTRIBUTE = re.compile(r'[^\s"\'>/=]+(?:="[^"]*")?')


def canonical(html: str) -> str:
    """``html`` with each element's attributes in name order.

    Attribute order means nothing in HTML, and the sanitizer's forced attributes (a task
    list's ``disabled``, an iframe's ``sandbox``) come out in varying order between processes.
    """

    def sort(match: re.Match[str]) -> str:
        attributes = sorted(_ATTRIBUTE.findall(match.group(2)))
        return f"<{match.group(1)} {' '.join(attributes)}>"

    return _START_TAG.sub(sort, html)


def render_golden(name: str) -> str:
    text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    return canonical(render_document(text, OPTIONS).html) + "\n"


def test_there_is_a_golden_file_for_every_construct() -> None:
    expected = {
        *("alerts", "includes", "include-problems", "image-extension", "image-complex"),
        *("image-paths", "code-fence", "code-extension", "tabs", "zones", "rows", "div"),
        *("video", "inline-extensions", "unsupported", "literal-in-code", "headings", "tables"),
    }
    assert expected <= set(golden_names())


def test_canonical_form_only_orders_attributes() -> None:
    assert canonical('<p><input type="checkbox" disabled="" checked=""> a="b"</p>') == (
        '<p><input checked="" disabled="" type="checkbox"> a="b"</p>'
    )


@pytest.mark.parametrize("name", golden_names())
def test_golden(name: str) -> None:
    html = render_golden(name)
    expected_file = GOLDEN / f"{name}.html"
    if os.environ.get("POSTWRIGHT_UPDATE_GOLDEN") == "1":
        expected_file.write_text(html, encoding="utf-8")
    assert html == expected_file.read_text(encoding="utf-8")
