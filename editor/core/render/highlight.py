"""Code highlighting with Pygments, in the HTML shape Hugo's Chroma writes.

Hugo (``markup.highlight``: ``noClasses = false``, ``guessSyntax = true``) wraps a fenced
block as ``<div class="highlight"><pre tabindex="0" class="chroma"><code
class="language-x" data-lang="x">…</code></pre></div>`` with CSS classes on the tokens;
Pygments uses the same short class names (``k``, ``s``, ``nf``, …) as Chroma.

For a fence without a (known) language Hugo guesses. Pygments' ``guess_lexer`` scores every
lexer and happily calls Markdown prose "Objective-C", so the guess here only asks the few
lexers whose ``analyse_text`` looks for strong signs (a shebang, ``<?xml``, a doctype,
``<?php``, a unified diff) plus a JSON check, and falls back to plain text. Chroma's own
guesser is similarly conservative. Results are cached, so re-rendering unchanged code is
a dictionary look-up.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape

from pygments import highlight as pygments_highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.data import JsonLexer
from pygments.lexers.diff import DiffLexer
from pygments.lexers.html import HtmlLexer, XmlLexer
from pygments.lexers.php import PhpLexer
from pygments.lexers.python import PythonLexer
from pygments.lexers.shell import BashLexer
from pygments.util import ClassNotFound

#: Only this much of a block is looked at when guessing its language.
_GUESS_LIMIT = 2000
_GUESS_THRESHOLD = 0.3
_GUESSERS: tuple[type[Lexer], ...] = (
    BashLexer,
    PythonLexer,
    XmlLexer,
    HtmlLexer,
    PhpLexer,
    DiffLexer,
)
_FALLBACK_LANGUAGE = "plaintext"


def highlight_code(code: str, language: str) -> str:
    """``code`` as Hugo's highlighted block; ``language`` is the fence's first word or ""."""
    return _highlight_cached(code, language.strip())


@lru_cache(maxsize=1024)
def _highlight_cached(code: str, language: str) -> str:
    lexer = _lexer_for(language) if language else None
    if lexer is None:
        lexer, language = _guess(code)
    body = _format(code, lexer) if lexer is not None else escape(code, quote=False)
    attributes = f' class="language-{escape(language)}" data-lang="{escape(language)}"'
    return (
        f'<div class="highlight"><pre tabindex="0" class="chroma"><code{attributes}>'
        f"{body}</code></pre></div>\n"
    )


@lru_cache(maxsize=256)
def _lexer_for(language: str) -> Lexer | None:
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def _guess(code: str) -> tuple[Lexer | None, str]:
    """The lexer for a fence without a usable language, and the name Hugo would show."""
    sample = code[:_GUESS_LIMIT]
    lexer_class = _guess_class(sample) if len(sample.splitlines()) > 1 else None
    if lexer_class is None:
        return None, _FALLBACK_LANGUAGE
    lexer = lexer_class(stripnl=False, ensurenl=False)
    return lexer, lexer.aliases[0] if lexer.aliases else lexer.name.lower()


def _guess_class(sample: str) -> type[Lexer] | None:
    scores = [float(lexer_class.analyse_text(sample)) for lexer_class in _GUESSERS]
    best = max(range(len(scores)), key=scores.__getitem__)
    if scores[best] >= _GUESS_THRESHOLD:
        return _GUESSERS[best]
    return JsonLexer if _looks_like_json(sample) else None


def _looks_like_json(sample: str) -> bool:
    stripped = sample.strip()
    if len(sample) >= _GUESS_LIMIT or stripped[:1] not in ("{", "["):
        return False
    try:
        json.loads(stripped)
    except ValueError:
        return False
    return True


def _format(code: str, lexer: Lexer) -> str:
    return pygments_highlight(code, lexer, _formatter())


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True)
