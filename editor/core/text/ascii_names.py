"""Folding any title or description to plain ASCII, for file and folder names.

Accents are dropped (``é`` → ``e``), letters Unicode does not decompose are spelt out
(``ß`` → ``ss``, ``ø`` → ``o``), and apostrophes disappear inside words (``don't`` → ``dont``).
What is left that is not ASCII is dropped.
"""

from __future__ import annotations

import unicodedata

#: Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "\u0131": "i",  # dotless i
        "'": "",
        "\u2019": "",  # a typographic apostrophe
    }
)


def fold_to_ascii(text: str) -> str:
    """``text`` in ASCII letters, digits and punctuation: accents and apostrophes dropped."""
    folded = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return folded.encode("ascii", "ignore").decode("ascii")
