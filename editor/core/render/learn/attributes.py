"""The ``name="value"`` attributes of Learn's ``:::`` and ``[!div]`` extensions."""

from __future__ import annotations

import re

_ATTRIBUTE = re.compile(
    r"""([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"'=:]+))|([A-Za-z][\w-]*)"""
)


def parse_attributes(text: str) -> dict[str, str]:
    """Attributes in any order; names lower-cased, ``\\"`` unescaped, the first one wins."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = (match.group(1) or match.group(5)).lower()
        if match.group(2) is not None:
            value = re.sub(r'\\(["\\])', r"\1", match.group(2))
        else:
            value = match.group(3) or match.group(4) or ""
        found.setdefault(name, value)
    return found


def is_true(value: str | None, *, default: bool) -> bool:
    """``"true"``/``"false"`` as Learn reads them; anything else is the default."""
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return default
