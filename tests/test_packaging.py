"""An installed Postwright (from its wheel, not the source tree) has everything it needs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def test_the_wheel_installs_and_renders_on_its_own(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), "."],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("postwright-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "preview/preview.css",
        "preview/updater.js",
        "preview/shell.html",
        "sample/welcome.md",
        "sample/images/welcome-banner.png",
        "sample-learn/Community/welcome-to-postwright.md",
        "profiles/pnp-blog.json",
        "help/user-guide.md",
    ):
        assert f"editor/_resources/{needed}" in names, needed
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Installed\n---\n\nFrom the *wheel*.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", "import editor.core.resources as r; print(r.resources_dir())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == str(target / "editor" / "_resources")
    out = tmp_path / "post.html"
    subprocess.run(
        [sys.executable, "-m", "editor", "render", str(post), "-o", str(out)],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert "<em>wheel</em>" in out.read_text(encoding="utf-8")


def test_the_bundle_spec_brings_the_packages_read_by_name() -> None:
    # PyInstaller bundles what the code imports; a package whose data the app reads through
    # pkgutil.get_data (imported by that call, not by an import statement) or finds through
    # find_spec must be named in the spec, or the bundle runs without it (spell checking was
    # off in the bundle that way).
    spec = (PROJECT / "packaging" / "postwright.spec").read_text(encoding="utf-8")
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT / "editor").rglob("*.py"))
    read = set(re.findall(r'pkgutil\.get_data\(\s*"([\w.]+)"', sources))
    found = set(re.findall(r'find_spec\(\s*"([\w.]+)"', sources))
    assert read, "no package is read through pkgutil.get_data any more: update this test"
    for package in read:
        assert re.search(rf'^\s*"{re.escape(package)}",', spec, re.MULTILINE), package
    for package in read | found:
        assert f'collect_data_files("{package}")' in spec, package


def test_the_desktop_entry_metainfo_and_icons_are_valid(tmp_path: Path) -> None:
    """What a Linux desktop reads from the bundle: checked by the freedesktop validators."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, str(root / "packaging" / "linux" / "install_desktop_files.py"), tmp_path],
        check=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    share = tmp_path / "share"
    desktop = share / "applications" / "io.github.postwright.Postwright.desktop"
    metainfo = share / "metainfo" / "io.github.postwright.Postwright.metainfo.xml"
    for size in (16, 48, 256, 512):
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        assert (icon / "io.github.postwright.Postwright.png").stat().st_size > 100
    assert "@VERSION@" not in metainfo.read_text(encoding="utf-8")
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None and not os.environ.get("CI"):
            pytest.skip(f"{tool} is not installed (make test installs it)")
    subprocess.run(["desktop-file-validate", str(desktop)], check=True, timeout=60)
    subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True, timeout=60)
