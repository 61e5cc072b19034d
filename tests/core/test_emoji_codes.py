"""The ``:code:`` table answers as the ``emoji`` package does, for every code it knows."""

from __future__ import annotations

import re
import subprocess
import sys

import emoji
import pytest

from editor.core.render import emoji_codes
from editor.core.render.emoji_codes import replace_emoji_codes


def _every_code() -> list[str]:
    """Every name and alias the package knows that Hugo's lexer would see as a code (letters,
    digits, ``_``, ``+`` and ``-``; ``:keycap_*:`` and the like stay text)."""
    codes: set[str] = set()
    for data in emoji.EMOJI_DATA.values():
        codes.add(data["en"])
        codes.update(data.get("alias", []))
    return sorted(code for code in codes if re.fullmatch(r":[\w+-]+:", code))


def test_every_code_gives_the_packages_emoji() -> None:
    codes = _every_code()
    assert len(codes) > 3000
    ours = {code: replace_emoji_codes(code) for code in codes}
    theirs = {code: emoji.emojize(code, language="alias") for code in codes}
    assert ours == theirs


@pytest.mark.parametrize(
    "text",
    [
        ":00:",
        ":not_an_emoji_code:",
        ":Smile:",
        ":\uff53\uff4d\uff49\uff4c\uff45:",  # "smile" in full-width letters
        ":+1:",
        ":-1:",
        ":thumbs_up:",
    ],
)
def test_odd_codes_answer_as_the_package_does(text: str) -> None:
    assert replace_emoji_codes(text) == emoji.emojize(text, language="alias")


def test_without_the_data_file_the_package_itself_answers(monkeypatch) -> None:
    monkeypatch.setattr(emoji_codes, "_data_file", lambda: None)
    emoji_codes._codes.cache_clear()
    emoji_codes._emoji_for.cache_clear()
    try:
        assert replace_emoji_codes("Nice :smile: at 12:30:45") == "Nice 😄 at 12:30:45"
    finally:
        emoji_codes._codes.cache_clear()
        emoji_codes._emoji_for.cache_clear()


def test_the_table_is_read_without_importing_the_package() -> None:
    script = (
        "import sys\n"
        "from editor.core.render.emoji_codes import replace_emoji_codes\n"
        "assert replace_emoji_codes(':smile:') == '\\U0001f604'\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'emoji'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
