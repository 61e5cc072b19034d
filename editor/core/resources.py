"""Finding the files under ``resources/`` (CSS, page shell, sample post, profiles).

An installed Postwright has them inside the package (``editor/_resources``, copied there by
``setup.py``); a source checkout or an editable install finds the top-level ``resources/``
beside the package; ``POSTWRIGHT_RESOURCES`` overrides both. Nothing is read at import time.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_ENV = "POSTWRIGHT_RESOURCES"


@cache
def resources_dir() -> Path:
    """The folder holding the application's resources."""
    override = os.environ.get(_ENV)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parents[1]
    installed = package / "_resources"
    return installed if installed.is_dir() else package.parent / "resources"


def resource_path(relative: str) -> Path:
    """The path of ``resources/<relative>`` (which may not exist)."""
    return resources_dir() / relative


def resource_text(relative: str) -> str:
    """The UTF-8 text of ``resources/<relative>``."""
    return resource_path(relative).read_text(encoding="utf-8")


def user_guide_text() -> str:
    """The user guide (``docs/user-guide.md``; inside an installed package, ``help/``)."""
    bundled = resource_path("help/user-guide.md")
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8")
    return (resources_dir().parent / "docs" / "user-guide.md").read_text(encoding="utf-8")
