"""Spell checking, offline: pyspellchecker's word lists plus the site's and the user's words.

A :class:`Speller` is built for one language (loading its word list takes a moment, so build
it off the GUI thread) and then answers quickly. Words the site's profile lists (product names:
SharePoint, Power Automate, SPFx) and words the user added to their personal dictionary are
always correct, in any case the text writes them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from pathlib import Path

from editor.services.storage import atomic_write_bytes

#: Languages pyspellchecker ships word lists for, as ``code: English name``.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ru": "Russian",
    "ar": "Arabic",
    "eu": "Basque",
    "fa": "Persian",
    "lv": "Latvian",
}
_MAX_SUGGESTIONS = 6
_CACHE_LIMIT = 50_000


def _key(word: str) -> str:
    return word.replace("\u2019", "'").lower()


class Speller:
    """Says whether a word is spelt right and offers corrections, for one language."""

    def __init__(self, language: str, extra_words: Iterable[str] = ()) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"no word list for language {language!r}")
        self.language = language
        from spellchecker import SpellChecker  # made off the GUI thread, like the word list  # noqa: PLC0415

        self._checker = SpellChecker(language=language, distance=2)
        self._extra: set[str] = set()
        self._cache: dict[str, bool] = {}
        self._lock = threading.Lock()
        self.add_words(extra_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Accept ``words`` from now on (each part of a multi-word name counts)."""
        with self._lock:
            for word in words:
                for part in word.replace("-", " ").split():
                    self._extra.add(_key(part))
            self._cache.clear()

    def is_correct(self, word: str) -> bool:
        """Whether ``word`` is in the word list, the site's words or the user's."""
        key = _key(word)
        with self._lock:
            known = self._cache.get(key)
            if known is None:
                known = key in self._extra or bool(self._checker.known([key]))
                if not known and key.endswith("'s"):
                    base = key[:-2]
                    known = base in self._extra or bool(self._checker.known([base]))
                if len(self._cache) > _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[key] = known
        return known

    def suggestions(self, word: str) -> list[str]:
        """Likely corrections, most likely first, written in ``word``'s capitalisation."""
        key = _key(word)
        with self._lock:
            candidates = self._checker.candidates(key) or set()
            ranked = sorted(
                (c for c in candidates if c != key),
                key=lambda c: (-self._checker.word_usage_frequency(c), c),
            )
        return [_same_case(word, candidate) for candidate in ranked[:_MAX_SUGGESTIONS]]


def _same_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class PersonalDictionary:
    """The user's own words, one per line in a UTF-8 file beside the settings."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def words(self) -> list[str]:
        """The words added so far (none when the file is missing or unreadable)."""
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = self.path.read_text(encoding="utf-8")
            return [line.strip() for line in text.splitlines() if line.strip()]
        return []

    def add(self, word: str) -> None:
        """Add ``word`` (kept sorted, no duplicates); raises OSError when it cannot be saved."""
        words = {*self.words(), word.strip()} - {""}
        text = "\n".join(sorted(words, key=str.casefold)) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, text.encode("utf-8"))
