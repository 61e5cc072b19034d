"""Word count and reading time, as Hugo shows them on the published post.

Hugo counts the words of the rendered page's plain text (HTML tags stripped), so code in
code blocks counts and Markdown markup does not. Here the Markdown is reduced to roughly that
plain text with a few regular expressions (fast enough to run on every keystroke) and the
words are runs of non-whitespace. A CJK character (Han, Hiragana, Katakana, Hangul) counts as
one word, since those scripts do not put spaces between words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.front_matter import split_front_matter

# Every branch starts with a fixed character, so the regex engine skips ahead quickly; the
# line-start rules match the newline before the line (the text gets one in front).
_NOT_TEXT = re.compile(
    r"""
      <!--.*?-->                                   # HTML comments
    | \n[ \t]*(?:`{3,}|~{3,})[^\n]*               # code fence lines (their content counts)
    | !\[[^\]\n]*\]\([^)\n]*\)                     # images: no text on the page
    | \]\([^)\n]*\)                                # link destinations (the link text stays)
    | \{\{[<%].*?[%>]\}\}                          # Hugo shortcodes
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>     # HTML tags
    | \n[ \t]*(?:[-*_][ \t]*){3,}(?=\n|$)          # thematic breaks
    | \n[ \t|:-]*-{3,}[ \t|:-]*(?=\n|$)            # table delimiter rows
    | \n[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])      # list markers
    """,
    re.DOTALL | re.VERBOSE,
)
_MARKUP_CHARACTERS = "#*_>|`~[]\\"
_MARKUP_BYTES = _MARKUP_CHARACTERS.encode("ascii")
#: Whitespace as ``str.split`` knows it: the ASCII characters, and those outside ASCII.
_ASCII_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_OTHER_SPACES = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
#: Every byte of UTF-8 text as a space (ASCII whitespace) or an "x" (all else).
_SPACE_OR_X = bytes(32 if chr(byte) in _ASCII_SPACES else 120 for byte in range(256))
_CJK = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)

WORDS_PER_MINUTE = 213
CJK_WORDS_PER_MINUTE = 501


@dataclass(frozen=True, slots=True)
class TextStats:
    """What the status bar shows."""

    words: int
    reading_minutes: int
    cjk: bool


def plain_text(markdown: str) -> str:
    """``markdown`` with its markup removed, close to the text readers see."""
    plain = _NOT_TEXT.sub(" ", "\n" + markdown)
    for character in _MARKUP_CHARACTERS:
        if character in plain:
            plain = plain.replace(character, "")
    return plain[1:] if plain.startswith("\n") else plain


def has_cjk(text: str) -> bool:
    """True when ``text`` contains CJK characters (Hugo's ``hasCJKLanguage`` test)."""
    return _CJK.search(text) is not None


def word_count(text: str) -> int:
    """Words in the body of the document ``text`` (front matter ignored).

    The words of :func:`plain_text`, counted without building a string for each word (at
    100k words that halves the time, and the render child counts on every keystroke): the
    markup characters are dropped from the text's UTF-8 bytes and every other byte becomes
    a space or an "x" in the same pass, and each "x" after a space starts a word (the text
    starts with a line break, so the first word too).
    """
    plain = _NOT_TEXT.sub(" ", "\n" + split_front_matter(text).body)
    cjk_characters = 0
    if not plain.isascii():
        cjk_characters = len(_CJK.findall(plain))
        if cjk_characters:
            plain = _CJK.sub(" ", plain)
        plain = _OTHER_SPACES.sub(" ", plain)
    marks = plain.encode("utf-8", "surrogatepass").translate(_SPACE_OR_X, _MARKUP_BYTES)
    return marks.count(b" x") + cjk_characters


def reading_time_minutes(words: int, *, cjk: bool = False) -> int:
    """Minutes to read ``words`` words, rounded up, exactly as Hugo's ``.ReadingTime``.

    Hugo uses ``(words + 212) / 213`` and, for CJK pages, ``(words + 500) / 501``.
    """
    per_minute = CJK_WORDS_PER_MINUTE if cjk else WORDS_PER_MINUTE
    return (max(words, 0) + per_minute - 1) // per_minute


def text_stats(text: str) -> TextStats:
    """Word count and reading time of the document ``text``."""
    words = word_count(text)
    cjk = has_cjk(split_front_matter(text).body)
    return TextStats(words, reading_time_minutes(words, cjk=cjk), cjk)
