"""Golden files for the goldmark dialect as pnp/blog's preview: every construct, Markdown in,
HTML out.

Each ``tests/golden/pnp-blog/NAME.md`` is rendered with the post's folder holding
:data:`ATTACHMENTS` in ``files/`` and :data:`DATA_FILES` in ``data/``, remote content off
except for files named ``*remote-allowed``; files named ``post-header*`` also get the post
header. The result (the sanitized blocks, as the
preview receives them) must be exactly ``NAME.html``. After an intended change,
``POSTWRIGHT_UPDATE_GOLDEN=1 pytest`` rewrites the ``.html`` files; review their diff before
committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from editor.core.render import RenderOptions, render_document

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "pnp-blog"

ATTACHMENTS = (("recording-slides.pptx", 5_347_123), ("agenda.pdf", 48_000), ("notes.txt", 512))
DATA_FILES = (
    (
        "contributors.csv",
        "name;github;role;note\nAnn Example;https://github.com/ann;Host;\nBo Sample;;Guest;demo\n",
    ),
    ("links.csv", "title,url\nPnP blog,https://pnp.github.io/blog/\n"),
)


def options_for(name: str) -> RenderOptions:
    return RenderOptions(
        attachments=ATTACHMENTS,
        data_files=DATA_FILES,
        post_header=name.startswith("post-header"),
        allow_remote=name.endswith("remote-allowed"),
    )


def golden_names() -> list[str]:
    return sorted(path.stem for path in GOLDEN.glob("*.md"))


def render_golden(name: str) -> str:
    text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    return _sorted_input_attributes(render_document(text, options_for(name)).html + "\n")


def _sorted_input_attributes(html: str) -> str:
    """The sanitizer adds ``type`` and ``disabled`` to a task-list checkbox in hash order,
    which changes from one process to the next; the goldens hold them sorted."""

    def sort(match: re.Match[str]) -> str:
        attributes = sorted(re.findall(r'[\w-]+(?:="[^"]*")?', match.group(1)))
        return f"<input {' '.join(attributes)}>"

    return re.sub(r"<input ([^>]*)>", sort, html)


def test_there_is_a_golden_file_for_every_construct() -> None:
    expected = {
        *("headings", "images", "embeds", "notices", "bundle-files", "builtins", "errors"),
        *("literal-in-code", "code", "typography", "blocks", "post-header"),
        "embeds-remote-allowed",
    }
    assert expected <= set(golden_names())


@pytest.mark.parametrize("name", golden_names())
def test_golden(name: str) -> None:
    html = render_golden(name)
    expected_file = GOLDEN / f"{name}.html"
    if os.environ.get("POSTWRIGHT_UPDATE_GOLDEN") == "1":
        expected_file.write_text(html, encoding="utf-8")
    assert html == expected_file.read_text(encoding="utf-8")
