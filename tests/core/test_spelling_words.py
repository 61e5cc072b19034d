"""Only prose is spell-checked: not code, addresses, file names, shortcodes or Learn syntax."""

from __future__ import annotations

import pytest

from editor.core.text.spelling import prose_words


def words(line: str, excluded: list[tuple[int, int]] | None = None) -> list[str]:
    return [word for _start, _end, word in prose_words(line, excluded or [])]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Teh quick fox don't stop", ["Teh", "quick", "fox", "don't", "stop"]),
        ("See https://learn.microsoft.com/en-us/a and www.example.com now", ["See", "and", "now"]),
        ("Open docs/images/screen-shot.png or notes.md", ["Open", "or"]),
        ("Mail someone@contoso.com today", ["Mail", "today"]),
        (':::image type="content" source="media/a.png" alt-text="A picture":::', []),
        ("> [!NOTE] Rember this", ["Rember", "this"]),
        ("[!INCLUDE [disclaimer](../includes/disclaimer.md)] after", ["after"]),
        ("{{< youtube dQw4w9WgXcQ >}} then misspeled", ["then", "misspeled"]),
        ("Use the API in SPFx v2 with my_list", ["Use", "the", "in", "SPFx", "with"]),
        ("A heading {#custom-id}", ["heading"]),
        ("well-knwon words", ["well", "knwon", "words"]),
    ],
)
def test_prose_words(line: str, expected: list[str]) -> None:
    assert words(line) == expected


def test_ranges_the_highlighter_excludes_are_skipped() -> None:
    line = "Call `getItemz` and [the docs](https://x.y/reallly)"
    code = (line.index("`"), line.index("`", line.index("`") + 1) + 1)
    assert words(line, [code]) == ["Call", "and", "the", "docs"]


def test_offsets_point_at_the_words() -> None:
    line = "héllo wörld"
    assert [(s, e) for s, e, _w in prose_words(line)] == [(0, 5), (6, 11)]
