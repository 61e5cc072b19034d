"""Put the desktop entry, the AppStream metainfo and the icons into a built bundle.

``python packaging/linux/install_desktop_files.py DIST_DIR`` writes, under ``DIST_DIR/share``,
the layout a Linux desktop expects (``applications/``, ``metainfo/``, ``icons/hicolor/``), with
PNG icons rendered from ``resources/icons/postwright.svg`` at the standard sizes. The version in
the metainfo is the one the package was built with.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

APP_ID = "io.github.postwright.Postwright"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def render_icons(svg: Path, icons: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt  # noqa: PLC0415 - only once the platform is chosen
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
    scalable = icons / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(svg, scalable)
    del app


def main(dist: Path) -> None:
    share = dist / "share"
    applications = share / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / f"{APP_ID}.desktop", applications / f"{APP_ID}.desktop")
    metainfo = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", version("postwright"))
    metainfo = metainfo.replace("@DATE@", dt.date.today().isoformat())
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    render_icons(ROOT / "resources" / "icons" / "postwright.svg", share / "icons" / "hicolor")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
