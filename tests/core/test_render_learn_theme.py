"""The Learn preview theme styles what the markdig dialect writes, in light and dark, offline."""

from __future__ import annotations

import re
from pathlib import Path

from editor.core.render.page import preview_css
from editor.core.resources import resource_text

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "learn"
#: Classes that need no rule of their own: alert kinds are styled through ``alert is-*``, the
#: language name and ``lang-*`` classes are for the reader of the HTML, not for looks, and an
#: xref link looks like any other link on Learn.
UNSTYLED = {"NOTE", "TIP", "IMPORTANT", "CAUTION", "WARNING", "language", "has-pivot", "xref"}


def classes_written() -> set[str]:
    """Every class in the golden HTML outside code blocks (Pygments' token classes are
    styled as a family) and outside the preview's own ``pw-`` placeholders."""
    names: set[str] = set()
    for path in GOLDEN.glob("*.html"):
        html = re.sub(r"<pre>.*?</pre>", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for value in re.findall(r'class="([^"]*)"', html):
            names.update(name for name in value.split() if not name.startswith(("pw-", "lang-")))
    return names


def test_the_learn_theme_is_laid_over_the_base_stylesheet_in_light_and_dark() -> None:
    light, dark = (
        resource_text("preview/themes/learn.css"),
        resource_text("preview/themes/learn-dark.css"),
    )
    assert light in preview_css(False, "learn") and dark not in preview_css(False, "learn")
    assert light in preview_css(True, "learn") and dark in preview_css(True, "learn")
    assert preview_css(True, "learn").index(light) < preview_css(True, "learn").index(dark)


def test_every_class_the_dialect_writes_is_styled() -> None:
    css = resource_text("preview/themes/learn.css") + resource_text("preview/preview.css")
    written = classes_written()
    assert {"alert", "mx-imgBorder", "tabGroup", "row", "column", "learn-problem"} <= written
    unstyled = {name for name in written - UNSTYLED if f".{name}" not in css}
    assert not unstyled


def test_dark_mode_redefines_every_colour_of_the_theme() -> None:
    light = resource_text("preview/themes/learn.css")
    dark = resource_text("preview/themes/learn-dark.css")
    used = set(re.findall(r"var\((--learn-[\w-]+)\)", light))
    defined_light = set(re.findall(r"(--learn-[\w-]+)\s*:", light))
    defined_dark = set(re.findall(r"(--learn-[\w-]+)\s*:", dark))
    assert used and used <= defined_light
    assert defined_light == defined_dark


def test_the_theme_fetches_nothing() -> None:
    for name in ("learn.css", "learn-dark.css"):
        css = resource_text(f"preview/themes/{name}")
        assert not re.search(r"url\(|@import|@font-face", css, re.IGNORECASE), name
