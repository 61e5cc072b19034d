"""``:emoji:`` codes replaced in the Markdown source, the way Hugo 0.104 does it.

With ``enableEmoji = true`` Hugo's page lexer replaces every ``:code:`` (letters, digits,
``_``, ``-`` and ``+`` between two colons) whose code it knows, in the *source*, before
Goldmark sees it - inside code spans and fenced code too, but not inside shortcodes. Codes it
does not know stay as text. This module does the same with the ``emoji`` package's aliases.

The codes are read from the package's own data file into one small table (about 1 MiB) rather
than by importing the package, whose table of every emoji with all its data costs the render
child 5 MiB (decision 0011). The answers are those of ``emoji.emojize(code, language="alias")``
(a test compares every code); should the package ever keep its data differently, this falls
back to calling it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

_CODE_OR_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}|:[\w+-]+:", re.DOTALL)
#: ``emoji``'s status of a fully-qualified emoji; it picks no emoji of a later status by name.
_FULLY_QUALIFIED = 2


def replace_emoji_codes(text: str) -> str:
    """``text`` with every known ``:code:`` replaced by its emoji."""
    if ":" not in text:
        return text
    return _CODE_OR_SHORTCODE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    code = match.group(0)
    return code if code.startswith("{{") else _emoji_for(code)


@lru_cache(maxsize=2048)
def _emoji_for(code: str) -> str:
    table = _codes()
    if table is None:
        import emoji  # noqa: PLC0415  (only if its data file could not be read)

        return str(emoji.emojize(code, language="alias"))
    return table.get(f":{unicodedata.normalize('NFKC', code[1:-1])}:", code)


@cache
def _codes() -> dict[str, str] | None:
    """Every code and its emoji: aliases before English names, the first fully-qualified
    emoji of each, in the package's order, as ``emoji`` looks them up; None if unreadable."""
    data_file = _data_file()
    if data_file is None:
        return None
    try:
        with data_file.open("rb") as stream:
            emojis = json.load(stream, object_hook=_names_if_qualified)
        names: dict[str, str] = {}
        aliases: dict[str, str] = {}
        for character, entry in emojis.items():
            if not isinstance(entry, tuple):
                return None  # not the layout this reads
            english, alias_list = entry
            if english:
                names.setdefault(english, character)
            for alias in alias_list:
                aliases.setdefault(str(alias), character)
    except (OSError, ValueError, AttributeError):
        return None
    return {**names, **aliases} or None


def _names_if_qualified(entry: dict[str, object]) -> object:
    """One emoji's entry as ``(English name, aliases)``, empty if it is never picked by name;
    the file's outer object is kept."""
    if "status" not in entry:
        return entry
    status = entry["status"]
    if not isinstance(status, int) or status > _FULLY_QUALIFIED:
        return ("", [])
    english, aliases = entry.get("en"), entry.get("alias")
    return (
        english if isinstance(english, str) else "",
        aliases if isinstance(aliases, list) else [],
    )


def _data_file() -> Path | None:
    """``emoji/unicode_codes/emoji.json``, found without importing the package."""
    spec = find_spec("emoji")
    folders = spec.submodule_search_locations if spec is not None else None
    for folder in folders or ():
        candidate = Path(folder) / "unicode_codes" / "emoji.json"
        if candidate.is_file():
            return candidate
    return None
