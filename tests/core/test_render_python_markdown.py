"""The python-markdown dialect: MkDocs Material's Python-Markdown, block by block, with lines.

Golden files: each ``tests/golden/python-markdown/NAME.md`` is rendered with remote content off
and must give exactly ``NAME.html`` (the sanitized blocks, as the preview receives them). After
an intended change, ``POSTWRIGHT_UPDATE_GOLDEN=1 pytest`` rewrites the ``.html`` files; review
their diff before committing.

The dialect renders a document chunk by chunk (Python-Markdown has no source map). The chunked
HTML is compared with Python-Markdown's own one-piece conversion of the same text, on the
golden files, every post of the shared corpus and generated documents.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.front_matter import split_front_matter
from editor.core.render import RenderOptions, available_dialects, render_document
from editor.core.render.dialects import get_dialect
from editor.core.render.pymd.chunks import Chunk, split_chunks

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "python-markdown"
OPTIONS = RenderOptions(dialect="python-markdown")
DIALECT = get_dialect("python-markdown")


def golden_names() -> list[str]:
    return sorted(path.stem for path in GOLDEN.glob("*.md"))


def render(text: str) -> str:
    return render_document(text, OPTIONS).html + "\n"


def chunked_and_whole(body: str) -> tuple[str, str]:
    """The body rendered block by block, and in one piece, whitespace between tags ignored."""
    chunked = "".join(block.html for block in DIALECT.render_blocks(body, OPTIONS))
    whole = DIALECT.render_html(body, OPTIONS)
    return _squeeze(chunked), _squeeze(whole)


def _squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def blocks_of(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, html)`` of each rendered block of ``text``."""
    return [(b.start_line, b.end_line, b.html) for b in render_document(text, OPTIONS).blocks]


# --- golden files ------------------------------------------------------------------------------


def test_the_dialect_is_available() -> None:
    assert "python-markdown" in available_dialects()
    assert DIALECT.name == "python-markdown"


def test_there_is_a_golden_file_for_every_construct() -> None:
    expected = {
        *("headings", "admonitions", "details", "tabs", "code", "lists-and-tables"),
        *("footnotes-and-references", "inline", "html"),
    }
    assert expected <= set(golden_names())


@pytest.mark.parametrize("name", golden_names())
def test_golden(name: str) -> None:
    html = render((GOLDEN / f"{name}.md").read_text(encoding="utf-8"))
    expected_file = GOLDEN / f"{name}.html"
    if os.environ.get("POSTWRIGHT_UPDATE_GOLDEN") == "1":
        expected_file.write_text(html, encoding="utf-8")
    assert html == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", golden_names())
def test_golden_chunks_render_as_the_whole_document(name: str) -> None:
    body = split_front_matter((GOLDEN / f"{name}.md").read_text(encoding="utf-8")).body
    chunked, whole = chunked_and_whole(body)
    assert chunked == whole


def test_corpus_posts_render_block_by_block_as_in_one_piece(shared_dir: Path) -> None:
    posts = sorted(p for p in (shared_dir / "corpus").rglob("*.md") if p.is_file())
    assert len(posts) > 50
    differing = []
    for post in posts:
        body = split_front_matter(post.read_text(encoding="utf-8")).body
        chunked, whole = chunked_and_whole(body)
        if chunked != whole:
            differing.append(post.name)
    assert differing == []


#: Pieces of MkDocs Material posts, as authors write them (blank lines between blocks).
PIECES = (
    "A paragraph with *em*, `code` and a [link][r].",
    "Two lines\nof text.",
    "# Title",
    "## Section",
    "### Sub {#custom}",
    "- one\n- two\n    - nested",
    "1. first\n2. second",
    "- item\n\n    continued para",
    "> quote\n> more",
    "> quote\nlazy",
    "```python\nx = 1\n\ny = 2\n```",
    '~~~yaml title="mkdocs.yml"\na: 1\n~~~',
    "    indented code\n    more",
    "!!! note\n    Body.\n\n    More body.",
    '!!! warning "Careful"\n    - a list\n    - in it',
    '??? tip "More"\n    Hidden.',
    '=== "One"\n\n    Tab one.\n\n=== "Two"\n\n    ```bash\n    echo two\n    ```',
    "<div markdown>\n**md** in html\n</div>",
    "<details>\n<summary>S</summary>\n\nBody\n\n</details>",
    "<!-- comment -->",
    "Term\n:   Definition\n\n    more def",
    "- [x] done\n- [ ] todo",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "Text with footnotes[^n] and [^m].",
    "[^n]: Note n.",
    "[^m]: Note m\n    continued.\n\n    Second para.",
    "[r]: https://example.com",
    "*[HTML]: Hyper Text",
    "HTML ==mark== ^^ins^^ ~~del~~ ++ctrl+c++ :smile: H~2~O",
    "***",
    "![alt](images/x.png){ width=300 }",
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_generated_posts_render_block_by_block_as_in_one_piece(pieces: list[str]) -> None:
    chunked, whole = chunked_and_whole("\n\n".join(pieces) + "\n")
    assert chunked == whole


# --- lines -------------------------------------------------------------------------------------

POST = """\
---
title: Lines
---

# Lines

!!! note "A note"
    First.

    Second.

```python
a = 1

b = 2
```

- one

- two

<div markdown>
**Inside**
</div>

Text[^1].

[^1]: The note.
"""


def test_blocks_carry_the_lines_of_the_whole_document() -> None:
    lines = POST.splitlines()
    blocks = blocks_of(POST)
    starts = [lines[start] for start, _end, _html in blocks]
    assert starts == [
        "# Lines",
        '!!! note "A note"',
        "```python",
        "- one",
        "<div markdown>",
        "Text[^1].",
        "[^1]: The note.",
    ]
    ends = [lines[end - 1] for _start, end, _html in blocks]
    assert ends == [
        "# Lines",
        "    Second.",
        "```",
        "- two",
        "</div>",
        "Text[^1].",
        "[^1]: The note.",
    ]
    assert "footnote" in blocks[-1][2]


def test_blocks_are_in_order_and_never_overlap() -> None:
    text = "\n\n".join(PIECES) + "\n"
    blocks = blocks_of(text)
    for (_s1, end, _h1), (start, _e2, _h2) in pairwise(blocks):
        assert end <= start
    assert all(start <= end for start, end, _html in blocks)


def test_windows_line_endings_keep_the_lines() -> None:
    blocks = blocks_of("# A\r\n\r\nText\r\n\r\n## B\r\n")
    assert [(start, end) for start, end, _html in blocks] == [(0, 1), (2, 3), (4, 5)]


# --- what the site shows -----------------------------------------------------------------------


def test_footnotes_are_numbered_and_listed_once_at_the_end() -> None:
    html = render("One[^b].\n\nTwo[^a].\n\nOne again[^b].\n\n[^a]: A.\n[^b]: B.\n")
    assert html.count('class="footnote"') == 1
    assert html.index('href="#fn:b"') < html.index('href="#fn:a"')
    assert 'id="fnref2:b"' in html  # the second reference gets its own back-link target
    assert html.rstrip().endswith("</div>")


def test_definitions_at_the_end_serve_the_whole_document() -> None:
    html = render(
        "See [the site][s] and HTML.\n\nMore text.\n\n[s]: https://a.example/\n"
        "*[HTML]: Hyper Text\n"
    )
    assert 'href="https://a.example/"' in html
    assert '<abbr title="Hyper Text">HTML</abbr>' in html


def test_heading_ids_are_unique_in_the_whole_document() -> None:
    html = render("## Setup\n\nText.\n\n## Setup\n\n## Setup\n\n## Own {#setup}\n")
    assert re.findall(r'<h2 id="([^"]+)"', html) == ["setup", "setup_1", "setup_2", "setup"]
    assert 'href="#setup_1"' in html


def test_tabs_are_shown_one_below_the_other_under_their_labels() -> None:
    html = render('=== "One"\n\n    First.\n\n=== "Two"\n\n    Second.\n')
    assert "<input" not in html and "<label" not in html
    assert re.findall(r'<div class="tabbed-title">(\w+)</div>', html) == ["One", "Two"]
    assert html.count('class="tabbed-set') == 1


def test_code_is_highlighted_with_the_file_name_as_a_title() -> None:
    html = render('```python title="app.py"\nimport os\n```\n')
    assert '<span class="filename">app.py</span>' in html
    assert '<span class="kn">import</span>' in html


def test_emoji_are_characters_not_remote_images() -> None:
    html = render(":rocket: launch\n")
    assert "🚀" in html and "<img" not in html


def test_raw_html_is_sanitized_and_remote_images_wait() -> None:
    html = render(
        '<script>alert(1)</script>\n\n<p onclick="x()">Hi</p>\n\n![r](https://e.x/r.png)\n'
    )
    assert "<script" not in html and "onclick" not in html
    assert 'src="https://e.x/r.png"' not in html
    assert "pw-remote-placeholder" in html


def test_threads_render_the_same_document_independently() -> None:
    texts = [f"# Post {n}\n\nText[^1].\n\n## Part\n\n[^1]: Note {n}.\n" for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda text: render_document(text, OPTIONS).html, texts * 3))
    expected = [render_document(text, OPTIONS).html for text in texts] * 3
    assert results == expected


# --- the line scanner --------------------------------------------------------------------------


def chunks(text: str) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in split_chunks(text.split("\n"))]


def test_blank_lines_separate_chunks_and_headings_stand_alone() -> None:
    assert chunks("# A\nText\nmore\n\nNext\n") == [(0, 1), (1, 3), (4, 5)]


def test_structures_that_python_markdown_joins_across_blank_lines_stay_together() -> None:
    assert chunks("- a\n\n- b\n\n    more\n") == [(0, 5)]  # a loose list
    assert chunks("> a\n\n> b\n") == [(0, 3)]  # consecutive quotes are one quote
    assert chunks("    x\n\n    y\n") == [(0, 3)]  # one code block
    assert chunks('=== "A"\n\n    a\n\n=== "B"\n\n    b\n') == [(0, 7)]  # one tab set
    assert chunks("Term\n\n: definition\n") == [(0, 3)]  # the term of the definition
    assert chunks("- a\n\n[^1]: note\n\n- b\n") == [(0, 5)]  # footnotes do not end a list


def test_indented_text_after_a_paragraph_is_code_of_its_own() -> None:
    assert chunks("Para\n\n    code\n") == [(0, 1), (2, 3)]


def test_trailing_footnote_definitions_are_not_part_of_the_block_before() -> None:
    # rendered with the chunk (they show nothing), but the chunk's lines end before them
    assert split_chunks(["Text", "", "[^1]: note", ""]) == [Chunk(0, 1, text_end=3)]
