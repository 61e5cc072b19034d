"""Word count and reading time, the way Hugo computes them for the published page."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.front_matter import split_front_matter
from editor.core.stats import (
    _CJK,
    TextStats,
    has_cjk,
    plain_text,
    reading_time_minutes,
    text_stats,
    word_count,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("one two  three\n\nfour\tfive", 5),
        ("---\ntitle: Many words in the title\ntags: [a, b]\n---\nJust three words\n", 3),
        ("# A heading\n\n## Another one ##\n", 4),
        ("Some **bold**, _italic_ and ~~struck~~ text.", 6),
        ("A [link text](https://example.com/a/long/path 'title') here.", 4),
        ("An image ![alt text here](images/a.png) is not text.", 5),
        ("Raw <span class='x'>html</span> tags<br/>vanish.", 4),
        ("<!-- a comment with words -->visible", 1),
        ("- one\n- two\n* three\n+ four\n1. five\n10) six\n", 6),
        ("| a | b |\n|---|:-:|\n| c | d |\n", 4),
        ("Before\n\n---\n\n- - -\n\n* * *\n___\nAfter\n", 2),
        ("```powershell\nGet-PnPList -Identity x\n```\n", 3),
        ("~~~\ncode here\n~~~\n", 2),
        ("> quoted words\n>> nested\n", 3),
        ('{{< youtube MX8OVvsAK0s >}}\nText {{< image alt="x y" src="a.png" >}}\n', 1),
        ("Søren Gölles João Sébastien", 4),
        ("snake_case C# it's e-mail", 4),
        ("日本語のテキスト", 8),
        ("Hugo は 静的サイト generator", 8),
        ("한국어 text", 4),
        ("Emoji 👨‍💻 counts as a word", 6),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


@pytest.mark.parametrize(
    ("words", "cjk", "minutes"),
    [
        (0, False, 0),
        (1, False, 1),
        (213, False, 1),
        (214, False, 2),
        (426, False, 2),
        (427, False, 3),
        (1, True, 1),
        (501, True, 1),
        (502, True, 2),
        (-5, False, 0),
    ],
)
def test_reading_time_matches_hugo(words: int, cjk: bool, minutes: int) -> None:
    assert reading_time_minutes(words, cjk=cjk) == minutes
    hugo = (words + 500) // 501 if cjk else (words + 212) // 213
    assert minutes == max(hugo, 0)


def test_text_stats() -> None:
    assert text_stats("---\ntitle: x\n---\nword " * 1) == TextStats(1, 1, False)
    assert text_stats("漢字" * 300) == TextStats(600, 2, True)


def test_has_cjk() -> None:
    assert has_cjk("ひらがな")
    assert has_cjk("カタカナ")
    assert has_cjk("漢字")
    assert has_cjk("한글")
    assert not has_cjk("Ünïcödé — plain Latin")


def test_plain_text_keeps_link_text_and_code() -> None:
    plain = plain_text("# Title\n[text](u) `code` ![a](i.png)\n```\nx = 1\n```\n")
    assert plain.split() == ["Title", "text", "code", "x", "=", "1"]


def test_glossary_counts_close_to_a_plain_split(shared_dir: Path) -> None:
    text = (shared_dir / "corpus/learn/Community/glossary.md").read_text(encoding="utf-8")
    words = word_count(text)
    assert 15_000 < words < len(text.split())


def test_one_hundred_thousand_words_are_counted() -> None:
    text = "The **quick** brown fox [jumps](https://example.com) over the lazy dog.\n" * 11_112
    assert word_count(text) == 9 * 11_112


def _words_of_the_plain_text(text: str) -> int:
    """The count as plain_text() and str.split() give it, CJK characters one word each."""
    plain = plain_text(split_front_matter(text).body)
    cjk = len(_CJK.findall(plain))
    return len(_CJK.sub(" ", plain).split()) + cjk


#: Pieces random documents are made of: markup, every kind of whitespace str.split() knows,
#: CJK, emoji, accents, HTML and shortcodes.
_PIECES = [
    *"ab9é#*_>|`~[]\\!()-+.:<>{}%/",
    *[chr(c) for c in range(0x110000) if chr(c).isspace()],
    "日本",
    "テ",
    "한",
    "👨\u200d💻",
    "<!--",
    "-->",
    "{{< x >}}",
    "{{% y %}}",
    "<b>",
    "</i>",
    "```",
    "~~~",
    "---",
    "![a](b.png)",
    "[t](u)",
    "\n- ",
    "\n1. ",
    "\n|-|-|",
    "\ud800",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_word_count_is_the_plain_texts_words(text: str) -> None:
    assert word_count(text) == _words_of_the_plain_text(text)


def test_word_count_is_the_plain_texts_words_for_every_corpus_file(shared_dir: Path) -> None:
    files = sorted(path for path in (shared_dir / "corpus").rglob("*.md") if path.is_file())
    assert len(files) > 80
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert word_count(text) == _words_of_the_plain_text(text), path
