"""``:emoji:`` codes replaced in the Markdown source, the way Hugo 0.104 does it.

With ``enableEmoji = true`` Hugo's page lexer replaces every ``:code:`` (letters, digits,
``_``, ``-`` and ``+`` between two colons) whose code it knows, in the *source*, before
Goldmark sees it - inside code spans and fenced code too, but not inside shortcodes. Codes it
does not know stay as text. This module does the same with the ``emoji`` package's aliases.
"""

from __future__ import annotations

import re
from functools import lru_cache

import emoji

_CODE_OR_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}|:[\w+-]+:", re.DOTALL)


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
    return str(emoji.emojize(code, language="alias"))
