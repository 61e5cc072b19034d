"""The preview looks like the post's site: its profile's theme, switched in place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from conftest import blocks_from

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.services.library import Library
from editor.services.settings import SettingsStore
from editor.ui.main_window import MainWindow
from editor.ui.tasks import TaskRunner

COLOURS = {"": "rgb(1, 2, 3)", "pnp-blog": "rgb(4, 5, 6)", "mkdocs-material": "rgb(7, 8, 9)"}
COLOR = "getComputedStyle(document.body).color"
WIDTH = "getComputedStyle(document.getElementById('pw-content')).maxWidth"


def sheet(dark: bool, theme: str) -> str:
    """A stylesheet that tells which theme (and variant) the page asked for."""
    colour = COLOURS.get(theme, "rgb(0, 0, 0)")
    return f"body {{ color: {colour}; }} html {{ --dark: {int(dark)}; }}"


def test_a_theme_replaces_the_stylesheet_without_reloading_the_page(make_preview, driver):
    view = make_preview(stylesheet=sheet)
    driver.show(view, 1, blocks_from([("<p>kept</p>", 0, 1)]))
    driver.wait_for_js(view, f"{COLOR} === '{COLOURS['']}'")
    driver.js(view, "document.querySelector('.pw-block').pwMark = 'same'; 1")

    view.set_theme("mkdocs-material")
    driver.wait_for_js(view, f"{COLOR} === '{COLOURS['mkdocs-material']}'")
    view.set_dark(True)
    driver.wait_for_js(
        view, "getComputedStyle(document.documentElement).getPropertyValue('--dark') === '1'"
    )
    assert driver.js(view, f"{COLOR}") == COLOURS["mkdocs-material"]
    assert driver.js(view, "document.querySelector('.pw-block').pwMark") == "same"
    assert view.theme() == "mkdocs-material"


def test_a_name_that_cannot_be_a_theme_gives_the_plain_stylesheet(make_preview, driver):
    view = make_preview(stylesheet=sheet)
    view.set_theme("pnp-blog")
    driver.show(view, 1, blocks_from([("<p>x</p>", 0, 1)]))
    driver.wait_for_js(view, f"{COLOR} === '{COLOURS['pnp-blog']}'")

    view.set_theme("../../etc/passwd")
    assert view.theme() == ""
    driver.wait_for_js(view, f"{COLOR} === '{COLOURS['']}'")


def test_a_theme_set_before_the_page_loads_is_used_when_it_does(make_preview, driver):
    view = make_preview(stylesheet=sheet, show=False)
    view.set_theme("pnp-blog")
    view.show()
    driver.show(view, 1, blocks_from([("<p>x</p>", 0, 1)]))
    driver.wait_for_js(view, f"{COLOR} === '{COLOURS['pnp-blog']}'")


MATERIAL_POST = """---
date: 2025-01-31
authors:
  - ann
---

# Hello from the blog

!!! note "Heads up"
    An admonition, as MkDocs Material shows it.
"""


@pytest.fixture
def window(qtbot, tmp_path: Path, render_process) -> Iterator[MainWindow]:
    tasks = TaskRunner()
    win = MainWindow(
        SettingsStore(tmp_path / "settings.json"),
        tasks,
        render_process,
        profiles=load_profiles(builtin_profiles_dir()),
        library=Library(tmp_path / "library"),
    )
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.editor.document().setModified(False)
    win.close()
    tasks.wait_for_done()
    shiboken6.delete(win)


def test_a_material_blog_post_previews_with_its_dialect_and_theme(window, qtbot, driver, tmp_path):
    post = tmp_path / "site" / "docs" / "blog" / "posts" / "hello.md"
    post.parent.mkdir(parents=True)
    post.write_text(MATERIAL_POST, encoding="utf-8")
    window.document.open_path(post, ask=False)

    view = window.preview
    qtbot.waitUntil(lambda: view.theme() == "mkdocs-material", timeout=5000)
    driver.wait_for_js(view, "document.querySelector('.admonition .admonition-title') !== null")
    driver.wait_for_js(view, f"{WIDTH} === '800px'")  # Material's content width, not the base
    assert window.site_box.currentData() == "mkdocs-material-blog"

    window.metadata_controller.choose_profile("pnp-blog")  # the user says: it is a blog post
    qtbot.waitUntil(lambda: view.theme() == "pnp-blog", timeout=5000)
    driver.wait_for_js(view, "document.querySelector('.admonition') === null")  # Goldmark's
    driver.wait_for_js(view, f"{WIDTH} !== '800px'")
