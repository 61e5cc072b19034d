"""Finding the files under ``resources/`` (CSS, page shell, sample post, profiles).

In a source checkout (and an editable install) they sit beside the package; a bundled build
points ``POSTWRIGHT_RESOURCES`` at its copy. Nothing is read at import time.
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
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(relative: str) -> Path:
    """The path of ``resources/<relative>`` (which may not exist)."""
    return resources_dir() / relative


def resource_text(relative: str) -> str:
    """The UTF-8 text of ``resources/<relative>``."""
    return resource_path(relative).read_text(encoding="utf-8")
