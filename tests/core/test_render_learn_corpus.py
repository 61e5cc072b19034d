"""Every real Learn article in ../shared/corpus/learn renders with the markdig dialect.

The articles are read with their repository (include files, images) from the corpus folder,
which keeps the original repository layout. No article may crash the renderer, lose its lines,
or show an "Extension is not supported" box for a construct real articles use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.front_matter import split_front_matter
from editor.core.render import RenderOptions, RenderResult, render_document
from editor.services.source_files import FolderSourceFiles


def articles(learn: Path) -> list[Path]:
    found = sorted(
        path
        for path in learn.rglob("*.md")
        if path.parent != learn and "includes" not in path.relative_to(learn).parts
    )
    assert len(found) >= 40
    return found


def render_article(learn: Path, path: Path, *, allow_remote: bool = False) -> RenderResult:
    options = RenderOptions(
        dialect="markdig",
        allow_remote=allow_remote,
        source_files=FolderSourceFiles(str(learn)),
        document_path=path.relative_to(learn).as_posix(),
    )
    return render_document(path.read_text(encoding="utf-8-sig"), options)


def problems(html: str) -> list[str]:
    """The texts of the problem boxes in rendered HTML."""
    return re.findall(r'class="learn-problem"[^>]*>(?:<p>)?([^<]*)', html)


@pytest.fixture(scope="module")
def learn(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "learn"


@pytest.mark.parametrize("allow_remote", [False, True])
def test_every_learn_article_renders_with_sane_lines(learn: Path, allow_remote: bool) -> None:
    for path in articles(learn):
        text = path.read_text(encoding="utf-8-sig")
        result = render_article(learn, path, allow_remote=allow_remote)
        assert bool(result.blocks) == bool(split_front_matter(text).body.strip()), path
        previous_end = 0
        for block in result.blocks:
            assert previous_end <= block.start_line <= block.end_line, path
            assert block.end_line <= len(text.splitlines()), path
            previous_end = block.end_line


def test_no_real_article_shows_an_unsupported_extension(learn: Path) -> None:
    for path in articles(learn):
        html = render_article(learn, path).html
        found = problems(html)
        assert not [text for text in found if "not supported" in text], path
        assert not [text for text in found if "block" in text or "closing" in text], path


def test_every_include_of_the_corpus_is_found(learn: Path) -> None:
    for path in articles(learn):
        html = render_article(learn, path).html
        assert not [text for text in problems(html) if "include" in text], path
    html = render_article(learn, learn / "Community" / "article-template.md").html
    assert "This is an open-source article" in html


def test_the_only_problems_shown_are_the_corpus_own_broken_image_links(learn: Path) -> None:
    shown = {
        text for path in articles(learn) for text in problems(render_article(learn, path).html)
    }
    missing = {text for text in shown if "was not found" in text}
    assert missing == {
        "The image “media/working-with-cascading-lists-in-sharepoint-and-powerapps/"
        "demo-cascading-lists-in-sharepoint.gif” was not found (paths are relative to this "
        "article).",
        "The image “media/compress-image.gif” was not found (paths are relative to this article).",
    }
    assert all("works by accident" in text for text in shown - missing)


def test_real_alert_spellings_become_alerts(learn: Path) -> None:
    html = render_article(
        learn, learn / "Community" / "query-string-url-tricks-sharepoint-m365.md"
    ).html
    assert html.count('class="TIP alert is-success"') == 5
    assert "[!TIP]" not in html


def test_backslash_and_case_mismatched_images_load_the_real_file(learn: Path) -> None:
    html = render_article(learn, learn / "Community" / "power-automate-vs-logic-apps.md").html
    assert "\\" not in html and "%5C" not in html
    html = render_article(learn, learn / "Community" / "microsoft-teams-naming-importance.md").html
    assert 'src="media/microsoft-teams-naming-importance/NameBreakdown.png"' in html
    assert "works by accident" in html


def test_rows_tabs_zones_and_complex_images_of_real_articles(learn: Path) -> None:
    contribute = learn / "Contribute" / "content"
    rows = render_article(learn, learn / "Community" / "highlighted-content-web-part.md").html
    assert rows.count('<div class="row">') == 2 and rows.count('<div class="column">') == 6
    tabs = render_article(learn, contribute / "how-to-write-major-edits.md").html
    assert tabs.count('<section class="tabPanel"') == 2
    zones = render_article(learn, contribute / "get-started-setup-tools.md").html
    assert zones.count('<div class="zone has-pivot">') == 2
    complex_image = render_article(learn, contribute / "get-started-setup-local.md").html
    assert 'class="visually-hidden"' in complex_image and ":::image-end:::" not in complex_image


def test_markdown_reference_examples_in_fences_stay_literal(learn: Path) -> None:
    html = render_article(learn, learn / "Contribute" / "content" / "markdown-reference.md").html
    assert "folderPath" in html  # the placeholder path is shown as code ...
    assert 'src="folderPath"' not in html and 'src="&lt;folderPath&gt;"' not in html  # ... only
