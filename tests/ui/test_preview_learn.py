"""A Learn article opened from its repository previews with Learn's extensions and includes."""

from __future__ import annotations

from editor.ui.main_window import MainWindow

ARTICLE = """---
title: "Using includes"
ms.date: 01/02/2026
ms.topic: how-to
ms.author: pamgreen
ms.service: microsoft-365
---
# Using includes

[!INCLUDE [content-disclaimer](includes/content-disclaimer.md)]

>[!TIP]
>Loose spelling of an alert.
"""


def preview_text(window: MainWindow, qtbot) -> str:
    box: dict[str, str] = {}
    window.preview.page().toPlainText(lambda text: box.__setitem__("text", text))
    qtbot.waitUntil(lambda: "text" in box, timeout=5000)
    return box["text"]


def test_a_learn_article_shows_its_include_and_alerts(window: MainWindow, qtbot, tmp_path):
    community = tmp_path / "repo" / "Community"
    (community / "includes").mkdir(parents=True)
    (community / "includes" / "content-disclaimer.md").write_text(
        "> [!Note]\n> This is an open-source article.\n", encoding="utf-8"
    )
    (tmp_path / "repo" / "secret.md").write_text("never shown", encoding="utf-8")
    post = community / "using-includes.md"
    post.write_text(ARTICLE, encoding="utf-8")
    window.document.open_path(post, ask=False)
    qtbot.waitUntil(
        lambda: "This is an open-source article." in preview_text(window, qtbot), timeout=10_000
    )
    text = preview_text(window, qtbot)
    assert "Tip" in text and "[!TIP]" not in text and "[!INCLUDE" not in text


def test_an_include_that_leaves_the_repository_is_refused(window: MainWindow, qtbot, tmp_path):
    community = tmp_path / "repo" / "Community"
    community.mkdir(parents=True)
    (tmp_path / "secret.md").write_text("never shown", encoding="utf-8")
    post = community / "post.md"
    post.write_text(ARTICLE.replace("includes/content-disclaimer.md", "../../secret.md"), "utf-8")
    window.document.open_path(post, ask=False)
    qtbot.waitUntil(
        lambda: "outside the repository folder" in preview_text(window, qtbot), timeout=10_000
    )
    assert "never shown" not in preview_text(window, qtbot)
