"""Spell checking, offline: pyspellchecker's word lists plus the site's and the user's words.

A :class:`Speller` is built for one language (loading its word list takes a moment, so build
it off the GUI thread) and then answers quickly. Words the site's profile lists (product names:
SharePoint, Power Automate, SPFx) and words the user added to their personal dictionary are
always correct, in any case the text writes them.

The word lists are pyspellchecker's, and a word is known or corrected as pyspellchecker would
(:class:`WordList` follows its rules), but they are kept packed: pyspellchecker holds a
dictionary of strings, about 36 MiB for English in the window's process; a :class:`WordList`
holds each word's hash and count in two arrays, about 4 MiB. The list is read one entry at a
time rather than through a JSON parser: building the whole dictionary only to pack and free it
left about 15 MiB of the window's heap freed but still held.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import pkgutil
import re
import string
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
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


class WordList:
    """A language's words and how often each is used, packed; lower-case words only.

    Each word is kept as its hash beside its count, in two arrays sorted by hash; membership
    is a binary search. Two words with the same 64-bit hash would make an unknown word pass
    for known: about one chance in 10^13 per look-up with an English list.
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        self._pack(((word, count) for word, count in counts.items()))

    @classmethod
    def _from_entries(cls, entries: Iterable[tuple[str, int]]) -> WordList:
        """``(word, count)`` pairs, in any case and order; words that differ only in case
        count as one, their counts added up (as pyspellchecker reads its lists)."""
        words = cls.__new__(cls)
        words._pack(entries)
        return words

    def _pack(self, entries: Iterable[tuple[str, int]]) -> None:
        # One pass that keeps no string: each pair is hashed and dropped, so reading a list
        # of 100,000 words leaves no heap of freed objects behind in a long-lived process.
        hashes, counts = array("q"), array("Q")
        longest, letters = 0, set[str]()
        for word, count in entries:
            lowered = word.lower()
            hashes.append(hash(lowered))
            counts.append(count)
            longest = max(longest, len(lowered))
            letters.update(lowered)
        order = sorted(range(len(hashes)), key=hashes.__getitem__)
        self._hashes, self._counts = array("q"), array("Q")
        for index in order:
            key, count = hashes[index], counts[index]
            if self._hashes and self._hashes[-1] == key:
                self._counts[-1] += count
            else:
                self._hashes.append(key)
                self._counts.append(count)
        self.total = sum(self._counts)
        self.longest = longest
        self.letters = "".join(sorted(letters))

    def __len__(self) -> int:
        return len(self._hashes)

    @classmethod
    def for_language(cls, language: str) -> WordList:
        """pyspellchecker's list for ``language``, read as it reads it (lower-cased, the
        counts of words that differ only in case added up); read once per process, as a
        list never changes (the site's and the user's words are kept by :class:`Speller`)."""
        return _read_word_list(language)

    def count(self, word: str) -> int:
        """How often ``word`` (lower case) was seen; 0 for a word not in the list."""
        key = hash(word)
        index = bisect_left(self._hashes, key)
        found = index < len(self._hashes) and self._hashes[index] == key
        return self._counts[index] if found else 0

    def worth_checking(self, word: str) -> bool:
        """pyspellchecker's rule: not punctuation, not a number, not absurdly long."""
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self.longest + 3:
            return False
        if word in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False

    def known(self, words: Iterable[str]) -> set[str]:
        """The ``words`` (lower case) the list has."""
        return {word for word in words if self.count(word) and self.worth_checking(word)}

    def one_edit_away(self, word: str) -> set[str]:
        """Every string one deletion, swap, replacement or insertion away from ``word``."""
        if not self.worth_checking(word):
            return {word}
        letters = self.letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [left + right[1:] for left, right in splits if right]
        swaps = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
        replaces = [left + c + right[1:] for left, right in splits if right for c in letters]
        inserts = [left + c + right for left, right in splits for c in letters]
        return set(deletes + swaps + replaces + inserts)

    def candidates(self, word: str) -> set[str]:
        """Likely intended words for ``word`` (lower case), up to two edits away, as
        pyspellchecker finds them; empty when there is none."""
        if self.known([word]) or not self.worth_checking(word):
            return {word}
        first = self.one_edit_away(word)
        found = self.known(first)
        if found:
            return found
        return {
            second
            for edit in first
            if self.worth_checking(edit)
            for second in self.known(self.one_edit_away(edit))
        }


#: One ``"word": count`` entry of a pyspellchecker list (a flat JSON object).
_ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*(\d+)')


@functools.cache
def _read_word_list(language: str) -> WordList:
    try:
        packed = pkgutil.get_data("spellchecker", f"resources/{language}.json.gz")
    except FileNotFoundError:
        packed = None
    if packed is None:
        raise ValueError(f"no word list for language {language!r}")
    # Not json.loads: a dictionary of every word would be built only to be packed and freed,
    # and in the window's process the freed memory stays mapped (about 25 MiB for English).
    return WordList._from_entries(json_entries(gzip.decompress(packed).decode("utf-8")))


def json_entries(text: str) -> Iterator[tuple[str, int]]:
    """The ``(word, count)`` pairs of a word list written as one flat JSON object, one at a
    time (JSON escapes in words decoded)."""
    for entry in _ENTRY.finditer(text):
        word = entry[1]
        yield (json.loads(f'"{word}"') if "\\" in word else word), int(entry[2])


class Speller:
    """Says whether a word is spelt right and offers corrections, for one language."""

    def __init__(self, language: str, extra_words: Iterable[str] = ()) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"no word list for language {language!r}")
        self.language = language
        self._words = WordList.for_language(language)
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
                known = key in self._extra or bool(self._words.known([key]))
                if not known and key.endswith("'s"):
                    base = key[:-2]
                    known = base in self._extra or bool(self._words.known([base]))
                if len(self._cache) > _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[key] = known
        return known

    def suggestions(self, word: str) -> list[str]:
        """Likely corrections, most likely first, written in ``word``'s capitalisation."""
        key = _key(word)
        with self._lock:
            candidates = self._words.candidates(key)
            ranked = sorted(
                (c for c in candidates if c != key), key=lambda c: (-self._words.count(c), c)
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
