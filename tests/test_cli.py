"""The command line, run as a user runs it: a real process, no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from editor import __version__


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"Postwright {__version__}"


def test_render_writes_a_standalone_page(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Hello page\n---\n\n## Part one\n\nSome *text*.\n", encoding="utf-8"
    )
    out = tmp_path / "post.html"
    done = run_cli("render", str(post), "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Hello page</title>" in page
    assert "<em>text</em>" in page
    assert "Content-Security-Policy" in page
    assert "<style>" in page  # the preview's CSS is inlined


def test_render_to_stdout(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Heading\n", encoding="utf-8")
    done = run_cli("render", str(post))
    assert done.returncode == 0
    assert "Heading</h1>" in done.stdout


def test_render_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    post = tmp_path / "latin1.md"
    post.write_bytes("caf\xe9\n".encode("latin-1"))
    out = tmp_path / "out.html"
    done = run_cli("render", str(post), "-o", str(out))
    assert done.returncode == 1
    assert "UTF-8" in done.stderr
    assert not out.exists()


def test_render_reports_a_missing_file(tmp_path: Path) -> None:
    done = run_cli("render", str(tmp_path / "nope.md"))
    assert done.returncode == 1
    assert "nope.md" in done.stderr


def test_render_names_the_dialects_it_knows(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("text\n", encoding="utf-8")
    done = run_cli("render", str(post), "--dialect", "nope")
    assert done.returncode == 2
    assert "goldmark" in done.stderr
    assert "Traceback" not in done.stderr


def test_rendered_page_carries_its_pictures_wherever_it_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "post"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "shot.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    post = folder / "index.md"
    post.write_text("![A shot](images/shot.png)\n", encoding="utf-8")
    out = tmp_path / "elsewhere" / "page.html"
    out.parent.mkdir()
    assert run_cli("render", str(post), "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page
    assert "images/shot.png" not in page


def test_opening_the_window_without_a_display_explains_instead_of_crashing() -> None:
    done = run_cli("--sample")  # run_cli removes DISPLAY and QT_QPA_PLATFORM
    assert done.returncode == 1
    assert "no graphical display" in done.stderr
    assert "postwright render" in done.stderr


MATERIAL_THEME = 'Postwright preview theme "mkdocs-material"'  # the theme's first line
MATERIAL_POST = '---\ndate: 2025-01-31\nauthors: [ann]\n---\n\n!!! note "Heads up"\n    Body.\n'


def material_post(tmp_path: Path) -> Path:
    post = tmp_path / "site" / "docs" / "blog" / "posts" / "hello.md"
    post.parent.mkdir(parents=True)
    post.write_text(MATERIAL_POST, encoding="utf-8")
    return post


def test_render_uses_the_dialect_and_theme_of_the_profile_matching_the_post(
    tmp_path: Path,
) -> None:
    done = run_cli("render", str(material_post(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert '<div class="admonition note">' in done.stdout  # python-markdown
    assert MATERIAL_THEME in done.stdout


def test_render_with_a_named_profile_uses_that_site(tmp_path: Path) -> None:
    done = run_cli("render", str(material_post(tmp_path)), "--profile", "pnp-blog")
    assert done.returncode == 0, done.stderr
    assert "admonition" not in done.stdout  # Goldmark knows no admonitions
    assert MATERIAL_THEME not in done.stdout


def test_render_names_the_profiles_it_knows(tmp_path: Path) -> None:
    done = run_cli("render", str(material_post(tmp_path)), "--profile", "nope")
    assert done.returncode == 2
    assert "nope" in done.stderr and "mkdocs-material-blog" in done.stderr
    assert "Traceback" not in done.stderr
