"""Preview themes: each site profile's own stylesheet, laid over the base one, light and dark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.render.code_styles import ChromaGithubStyle, pygments_css
from editor.core.render.page import available_themes, is_theme, preview_css
from editor.core.resources import resource_path, resource_text

THEME = "mkdocs-material"
GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "python-markdown"
DEFAULT_CODE = pygments_css(ChromaGithubStyle)


def theme_file(suffix: str = "") -> str:
    return resource_text(f"preview/themes/{THEME}{suffix}.css")


def test_every_built_in_profile_has_its_theme() -> None:
    profiles = load_profiles(builtin_profiles_dir()).profiles
    assert {profile.preview_theme for profile in profiles} <= set(available_themes())
    assert THEME in available_themes()
    assert not any(name.endswith(("-dark", "-code")) for name in available_themes())


def test_a_theme_comes_after_the_base_and_its_dark_part_after_it() -> None:
    base = resource_text("preview/preview.css")
    light, dark = preview_css(False, THEME), preview_css(True, THEME)
    assert light.startswith(base) and dark.startswith(base)
    assert theme_file() in light and theme_file("-dark") not in light
    assert dark.index(resource_text("preview/preview-dark.css")) < dark.index(theme_file())
    assert dark.index(theme_file()) < dark.index(theme_file("-dark"))


def test_a_theme_with_its_own_code_colours_replaces_the_default_ones() -> None:
    light, dark = preview_css(False, THEME), preview_css(True, THEME)
    assert theme_file("-code") in light and DEFAULT_CODE not in light
    assert theme_file("-code-dark") in dark and theme_file("-code") not in dark
    assert light.index(theme_file("-code")) < light.index(theme_file())


def test_a_theme_without_code_colours_keeps_the_default_ones() -> None:
    themes = [name for name in available_themes() if not is_code_themed(name)]
    for name in themes:
        assert DEFAULT_CODE in preview_css(False, name)
    assert DEFAULT_CODE in preview_css(False, "")


def is_code_themed(name: str) -> bool:
    return resource_path(f"preview/themes/{name}-code.css").is_file()


@pytest.mark.parametrize("name", ["", "no-such-theme", "../preview", "preview/preview", "A B"])
def test_no_theme_or_an_unknown_one_gives_the_base_stylesheet(name: str) -> None:
    for dark in (False, True):
        assert preview_css(dark, name) == preview_css(dark)
    assert not is_theme(name)


def test_the_theme_fetches_nothing_and_uses_system_fonts() -> None:
    for suffix in ("", "-dark", "-code", "-code-dark"):
        css = theme_file(suffix)
        assert not re.search(r"url\(|@import|@font-face", css, re.IGNORECASE), suffix
    assert "Roboto," in theme_file() and "sans-serif" in theme_file()


def test_dark_mode_redefines_every_colour_variable_of_the_theme() -> None:
    defined_light = set(re.findall(r"(--[\w-]+)\s*:", theme_file().split("}")[0]))
    defined_dark = set(re.findall(r"(--[\w-]+)\s*:", theme_file("-dark").split("}")[0]))
    assert defined_light and defined_light <= defined_dark
    code_light = set(re.findall(r"\.chroma [^{]*\{", theme_file("-code")))
    code_dark = set(re.findall(r"\.chroma [^{]*\{", theme_file("-code-dark")))
    assert code_light == code_dark


def test_every_class_the_python_markdown_dialect_writes_is_styled() -> None:
    css = theme_file() + resource_text("preview/preview.css")
    written: set[str] = set()
    for path in GOLDEN.glob("*.html"):
        html = re.sub(r"<pre.*?</pre>", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for value in re.findall(r'class="([^"]*)"', html):
            written.update(name for name in value.split() if not name.startswith("pw-"))
    assert {"admonition", "admonition-title", "tabbed-title", "headerlink", "footnote"} <= written
    # admonition kinds are styled as ".admonition.note"; key names only label the keys
    unstyled = {
        name
        for name in written
        if f".{name}" not in css and not name.startswith("key-") and name != "grid"
    }
    assert unstyled == set()
