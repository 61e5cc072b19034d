"""Incremental rendering gives exactly what a full render gives, and skips work when it can."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render import RenderOptions, available_dialects, render_document
from editor.core.render.incremental import IncrementalRenderer
from editor.core.source_files import MemorySourceFiles

DIALECTS = available_dialects()

#: Pieces that random documents and edits are made of: paragraphs, lists, fences, quotes,
#: tables, headings and raw HTML, and their fragments ...
LOCAL_PIECES = (
    "Plain words and *emphasis* here.",
    "Another paragraph with `code` and a [link](https://example.com).",
    "- item one\n- item two",
    "1. first\n2. second",
    "  - nested item",
    "   continued lazily",
    "```python\nx = 1\n```",
    "```",
    "~~~",
    "    indented code",
    "> a quote\n> on two lines",
    ">",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "| c | d |",
    "# Heading",
    "## Heading",
    "Title\n=====",
    "---",
    "***",
    "<details>\n<summary>More</summary>",
    "</details>",
    "<div>",
    "Term\n: definition",
    "- [ ] task",
    "A [bracketed] word.",
    "[!INCLUDE [shared](includes/shared.md)]",
    "Inline [!INCLUDE [x](includes/x.md)] here.",
    '"Quoted" -- text...',
    "> [!NOTE]\n> Careful.",
    "!!! note\n    Admonition body.",
    "",
    "",
    "",
)
#: ... and constructs that reach across blocks (every render of a document with them is full).
CROSS_PIECES = (
    "[ref]: https://example.com/ref",
    "See [ref] and [ref][].",
    "A note[^1].",
    "[^1]: The note.",
    ':::image type="content" source="a.png" alt-text="A":::',
    '=== "Tab"\n    Tab body.',
    "*[HTML]: Hyper Text",
    "{{< alert >}}",
)
PIECES = LOCAL_PIECES + CROSS_PIECES
#: Files the include pieces pull in: a reference definition and a heading reach the document.
INCLUDED_FILES = MemorySourceFiles(
    {
        "C/includes/shared.md": "Shared.\n\n[bracketed]: https://example.com/b\n",
        "C/includes/x.md": "## Heading\n\nText [bracketed].\n",
    }
)
FRONT_MATTER = '---\ntitle: "Post"\ndate: 2026-11-25\ntags: ["a"]\n---\n'


def assert_same_as_full(renderer: IncrementalRenderer, text: str, options: RenderOptions) -> None:
    assert renderer.render(text, options) == render_document(text, options)


def edit(text: str, rng: random.Random) -> str:
    """One random edit: characters, a line or a piece inserted, or a span deleted."""
    position = rng.randrange(len(text) + 1)
    kind = rng.randrange(5)
    if kind == 0:
        return text[:position] + rng.choice("ax `*-#>|[]\n") + text[position:]
    if kind == 1:
        line_start = text.rfind("\n", 0, position) + 1
        return text[:line_start] + rng.choice(PIECES) + "\n" + text[line_start:]
    if kind == 2:
        return text[:position] + "\n\n" + rng.choice(PIECES) + "\n\n" + text[position:]
    end = min(len(text), position + rng.randrange(1, 40))
    return text[:position] + text[end:]


# -- the corpus -------------------------------------------------------------------------------


def corpus_texts(shared_dir: Path) -> list[tuple[str, str]]:
    posts = sorted(path for path in (shared_dir / "corpus").rglob("*.md") if path.is_file())
    assert len(posts) >= 80
    return [(path.name, path.read_text(encoding="utf-8-sig")) for path in posts]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_corpus_post_renders_the_same_after_edits(shared_dir: Path, dialect: str) -> None:
    options = RenderOptions(dialect=dialect)
    rng = random.Random(dialect)
    renderer = IncrementalRenderer()
    for name, original in corpus_texts(shared_dir):
        assert renderer.render(original, options) == render_document(original, options), name
        text = original
        for _ in range(3):
            text = edit(text, rng)
            assert renderer.render(text, options) == render_document(text, options), name


@pytest.mark.parametrize("dialect", DIALECTS)
def test_typing_into_a_corpus_post_reuses_blocks(shared_dir: Path, dialect: str) -> None:
    """In posts without cross-block constructs, typing in a paragraph renders incrementally."""
    options = RenderOptions(dialect=dialect)
    renderer = IncrementalRenderer()
    checked = 0
    for name, original in corpus_texts(shared_dir)[:30]:
        text = original
        renderer.render(text, options)
        position = text.find(".\n", len(text) // 2)
        if position < 0:
            continue
        before = renderer.incremental_renders
        for letter in "abc":
            text = text[:position] + letter + text[position:]
            assert renderer.render(text, options) == render_document(text, options), name
        checked += renderer.incremental_renders - before
    assert checked > 0


# -- random documents and edits ----------------------------------------------------------------


@st.composite
def documents_and_edits(draw: st.DrawFn) -> tuple[str, list[str]]:
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    kinds = st.sampled_from(PIECES if draw(st.integers(0, 4)) == 0 else LOCAL_PIECES)
    pieces = draw(st.lists(kinds, min_size=1, max_size=14))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=len(pieces)))
    body = "".join(p + s for p, s in zip(pieces, separators, strict=False))
    first = text = (FRONT_MATTER if draw(st.booleans()) else "") + body
    versions = []
    for _ in range(draw(st.integers(1, 8))):
        text = edit(text, rng)
        versions.append(text)
    return first, versions


@pytest.mark.parametrize("dialect", DIALECTS)
@settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=documents_and_edits(), post_header=st.booleans(), with_files=st.booleans())
def test_random_edit_sequences_render_as_a_full_render(
    dialect: str, case: tuple[str, list[str]], post_header: bool, with_files: bool
) -> None:
    first, versions = case
    files = INCLUDED_FILES if with_files else None
    options = RenderOptions(
        dialect=dialect, post_header=post_header, source_files=files, document_path="C/a.md"
    )
    renderer = IncrementalRenderer()
    assert_same_as_full(renderer, first, options)
    for text in versions:
        assert_same_as_full(renderer, text, options)


# -- what is reused ---------------------------------------------------------------------------


def test_typing_in_a_paragraph_renders_only_near_the_edit() -> None:
    paragraphs = [f"Paragraph {n} with some words." for n in range(200)]
    text = "\n\n".join(paragraphs) + "\n"
    renderer = IncrementalRenderer()
    options = RenderOptions()
    before = renderer.render(text, options)
    position = text.index("Paragraph 100 ") + len("Paragraph 100")
    after = renderer.render(text[:position] + "!" + text[position:], options)
    assert renderer.incremental_renders == 1
    changed = [b for b, a in zip(before.blocks, after.blocks, strict=True) if b != a]
    assert [block.html for block in changed] == ["<p>Paragraph 100 with some words.</p>\n"]


def test_a_reference_definition_makes_every_render_full() -> None:
    text = "See [docs].\n\nMore text.\n\n[docs]: https://example.com\n"
    renderer = IncrementalRenderer()
    renderer.render(text, RenderOptions())
    edited = text.replace("More", "Much more")
    assert_same_as_full(renderer, edited, RenderOptions())
    assert renderer.incremental_renders == 0


def test_an_opened_fence_swallowing_what_follows_falls_back_to_a_full_render() -> None:
    text = "One.\n\nTwo.\n\nThree.\n\nFour.\n"
    renderer = IncrementalRenderer()
    renderer.render(text, RenderOptions())
    edited = text.replace("Two.", "```")
    assert_same_as_full(renderer, edited, RenderOptions())
    assert "<pre" in renderer.render(edited, RenderOptions()).blocks[-1].html


def test_changed_options_render_everything_again() -> None:
    renderer = IncrementalRenderer()
    renderer.render("Text with https://example.com\n", RenderOptions())
    result = renderer.render("Text with https://example.com\n", RenderOptions(linkify=False))
    assert "<a " not in result.html


@pytest.mark.parametrize("dialect", DIALECTS)
def test_typing_under_a_heading_reuses_blocks_and_a_new_heading_gets_a_unique_id(
    dialect: str,
) -> None:
    text = "# Intro\n\nFirst words.\n\n## Setup\n\nMore words.\n\n## Use\n\nLast words.\n"
    options = RenderOptions(dialect=dialect)
    renderer = IncrementalRenderer()
    renderer.render(text, options)
    text = text.replace("More words.", "More words, typed.")
    assert_same_as_full(renderer, text, options)
    assert renderer.incremental_renders == 1
    text = text.replace("More words, typed.", "More words, typed.\n\n## Use")
    assert_same_as_full(renderer, text, options)  # two "Use" headings: ids differ
    assert renderer.full_renders == 2


def test_references_defined_in_an_included_file_reach_every_paragraph() -> None:
    files = MemorySourceFiles(
        {"Community/includes/links.md": "See the docs.\n\n[docs]: https://learn.microsoft.com\n"}
    )
    options = RenderOptions(
        dialect="markdig", source_files=files, document_path="Community/article.md"
    )
    text = "Intro.\n\n[!INCLUDE [links](includes/links.md)]\n\nPlain words.\n\nOutro.\n"
    renderer = IncrementalRenderer()
    renderer.render(text, options)
    text = text.replace("Plain words.", "Plain words, more of them.")
    assert_same_as_full(renderer, text, options)
    assert renderer.incremental_renders == 1  # no brackets: rendered alone
    text = text.replace("more of them.", "more of them, see [docs].")
    assert_same_as_full(renderer, text, options)
    assert 'href="https://learn.microsoft.com"' in renderer.render(text, options).html
    assert renderer.incremental_renders == 1
