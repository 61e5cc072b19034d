"""Reading front matter (python-frontmatter + ruamel round trip) and editing it line by line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import frontmatter
import pytest

from editor.core.front_matter import (
    FrontMatterEditError,
    RoundTripYAMLHandler,
    indented_opening,
    other_front_matter,
    parse_front_matter,
    read_front_matter,
    remove_field,
    replace_front_matter,
    set_field,
    split_front_matter,
    to_plain,
    top_level_keys,
)
from editor.core.i18n import Message

TEMPLATE = """\
---
title: "this is the title of your blog post"
date: 2022-04-25T08:40:00-04:00
author: "your Name"
githubname: yourGitHubUserName
categories: ["Community post"]   # don't change
images:
- images/myImage.png             # thumbnail
tags: []                         # don't change
type: "regular"                  # don't change
---
Body text.
"""


def fm(yaml: str, body: str = "Body\n") -> str:
    """A document with ``yaml`` as its front matter."""
    return f"---\n{yaml}---\n{body}"


# --- Reading ------------------------------------------------------------------------------


def test_parse_gives_plain_immutable_data() -> None:
    parsed = parse_front_matter(split_front_matter(TEMPLATE).raw or "", first_line=1)
    assert parsed.problem is None
    assert parsed.problem_line is None
    data = parsed.data
    assert isinstance(data, Mapping)
    assert list(data) == [
        "title",
        "date",
        "author",
        "githubname",
        "categories",
        "images",
        "tags",
        "type",
    ]
    assert type(data["title"]) is str
    assert data["title"] == "this is the title of your blog post"
    assert data["categories"] == ("Community post",)
    assert data["tags"] == ()
    date = data["date"]
    assert type(date) is dt.datetime
    assert date == dt.datetime(2022, 4, 25, 12, 40, tzinfo=dt.UTC)
    with pytest.raises(TypeError):
        data["title"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        (
            "draft: true\ncount: 3\nzoom: 1.5\nnothing: null\nempty:\n",
            {
                "draft": True,
                "count": 3,
                "zoom": 1.5,
                "nothing": None,
                "empty": None,
            },
        ),
        ("day: 2024-01-31\n", {"day": dt.date(2024, 1, 31)}),
        ("videos:\n- a\n- draft: false\n", {"videos": ("a", {"draft": False})}),
        ("2020: year\ntrue: yes\n", {"2020": "year", "True": "yes"}),
        ("custom: !thing value\n", {"custom": "value"}),
    ],
)
def test_parse_converts_yaml_types(yaml: str, expected: dict[str, object]) -> None:
    data = parse_front_matter(yaml, first_line=1).data
    assert data is not None
    assert {key: _thaw(value) for key, value in data.items()} == expected


def _thaw(value: object) -> object:
    if isinstance(value, Mapping):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_thaw(item) for item in value)
    return value


@pytest.mark.parametrize("raw", ["", "# only a comment\n", "\n\n"])
def test_empty_front_matter_is_an_empty_mapping(raw: str) -> None:
    parsed = parse_front_matter(raw, first_line=1)
    assert parsed.data == {}
    assert parsed.problem is None


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        pytest.param("title: x\ntags:\n\t- a\n", 3, "found a tab character", id="tab"),
        pytest.param("title: x\n\tdate: 1\n", 2, "found a tab character", id="tab-key"),
        pytest.param("title: a: b\n", 1, "“: ”", id="colon-in-value"),
        pytest.param("title: a\n  date: 1\n", 2, "“: ”", id="over-indented"),
        # unclosed quotes and brackets point where they opened, not where YAML gave up
        pytest.param('title: "abc\ndate: 1\n', 1, "quoted value is not closed", id="open-quote"),
        pytest.param("tags: [a, b\ndate: 1\n", 1, "not closed with ]", id="open-list"),
        # the open quote runs on to the next quote mark, so YAML gives up lines later
        pytest.param(
            'title: "Welcome\ndate: 2026-11-25\nauthor: "Postwright"\nname: p\n',
            1,
            "quoted value is not closed",
            id="open-quote-until-a-later-quote",
        ),
        pytest.param(
            "title: x\nsummary: 'It is\nauthor: 'me'\n",
            2,
            "quoted value is not closed",
            id="open-single-quote-until-a-later-quote",
        ),
        pytest.param("a: *nothing\n", 1, "anchor", id="undefined-alias"),
        pytest.param('title: "a" b\n', 1, "after the closing quote", id="text-after-quote"),
        pytest.param("title: x\n@at: 1\n", 2, "reserves", id="reserved-character"),
    ],
)
def test_malformed_yaml_reports_the_document_line(raw: str, line: int, words: str) -> None:
    parsed = parse_front_matter(raw, first_line=1)
    assert parsed.data is None
    assert isinstance(parsed.problem, Message)
    assert parsed.problem_line == line
    text = parsed.problem.english()
    assert text.startswith(f"Line {line + 1} (in the front matter) is not valid YAML")
    assert words in text


@pytest.mark.parametrize(
    ("raw", "line", "detail"),
    [
        ("title: x\ndate: 2022-02-30\n", 2, "day is out of range for month"),
        ("date: 2022-13-01T10:00:00Z\n", 1, "month must be in 1..12"),
        ("a: 1\nn: !!int abc\n", 2, "invalid literal for int()"),
    ],
)
def test_values_yaml_cannot_build_are_reported_at_their_line(
    raw: str, line: int, detail: str
) -> None:
    parsed = parse_front_matter(raw, first_line=1)
    assert parsed.data is None
    assert parsed.problem_line == line
    assert parsed.problem is not None
    assert parsed.problem.english().startswith(
        f"Line {line + 1} (in the front matter) has a value that cannot be read ({detail}"
    )


def test_problem_line_counts_from_first_line() -> None:
    parsed = parse_front_matter("a: 1\nb: [\n", first_line=10)
    assert parsed.problem_line == 12


def test_duplicate_keys_are_reported_at_the_second_one() -> None:
    parsed = parse_front_matter("title: a\ndate: 1\ntitle: b\n", first_line=1)
    assert parsed.data is None
    assert parsed.problem_line == 3
    assert parsed.problem is not None
    assert parsed.problem.english() == (
        "Line 4 (in the front matter) sets “title” a second time. YAML allows each key once:"
        " remove one of the two lines."
    )


@pytest.mark.parametrize(
    ("raw", "kind"), [("- a\n- b\n", "is a list"), ("just text\n", "is a single value")]
)
def test_top_level_must_be_a_mapping(raw: str, kind: str) -> None:
    parsed = parse_front_matter(raw, first_line=1)
    assert parsed.data is None
    assert parsed.problem_line == 1
    assert parsed.problem is not None
    assert kind in parsed.problem.english()


def test_read_front_matter_reports_a_missing_closing_fence() -> None:
    parsed = read_front_matter("---\ntitle: x\n\nBody without a closing fence\n")
    assert parsed.data is None
    assert parsed.problem_line == 0
    assert parsed.problem is not None
    assert "no closing ---" in parsed.problem.english()


def test_a_quoted_value_on_several_lines_is_not_taken_for_an_open_quote() -> None:
    parsed = parse_front_matter('title: "a long title\n  on two lines"\nbad: "a" b\n', 1)
    assert parsed.problem_line == 3  # the line that is wrong, not the long title
    assert parsed.problem is not None
    assert "after the closing quote" in parsed.problem.english()


@pytest.mark.parametrize("before", [" ", "   ", "\t", "\ufeff  ", "\ufeff"])
def test_spaces_before_the_opening_fence_are_one_clear_problem(before: str) -> None:
    text = before + "---\ntitle: x\n---\nBody\n"
    assert indented_opening(text) == len(before)
    parsed = read_front_matter(text)
    assert parsed.data is None
    assert parsed.problem_line == 0
    assert parsed.problem is not None
    assert parsed.problem.english().startswith(
        "The front matter must begin with --- at the very start of the first line."
    )


@pytest.mark.parametrize("text", ["---\ntitle: x\n---\n", "Body\n ---\n", " --- a\n", ""])
def test_only_a_first_line_fence_with_spaces_counts_as_indented(text: str) -> None:
    assert indented_opening(text) is None


def test_read_front_matter_without_front_matter() -> None:
    parsed = read_front_matter("# Just a body\n")
    assert parsed.data is None
    assert parsed.problem is None


def test_python_frontmatter_reads_through_the_round_trip_handler() -> None:
    post = frontmatter.loads(TEMPLATE, handler=RoundTripYAMLHandler())
    assert post["title"] == "this is the title of your blog post"
    assert post["categories"] == ["Community post"]
    assert post.content == "Body text."
    assert type(post["title"]).__name__ == "DoubleQuotedScalarString"  # styles preserved


def test_round_trip_handler_finds_front_matter_as_hugo_does() -> None:
    handler = RoundTripYAMLHandler()
    thematic_break_only = "-----\nNot front matter\n-----\n"
    assert handler.detect(TEMPLATE)
    assert not handler.detect(thematic_break_only)
    metadata, content = frontmatter.parse(thematic_break_only, handler=handler)
    assert metadata == {}
    assert content == thematic_break_only.strip()


def test_round_trip_handler_never_exports() -> None:
    post = frontmatter.loads(TEMPLATE, handler=RoundTripYAMLHandler())
    with pytest.raises(NotImplementedError):
        frontmatter.dumps(post)


def test_to_plain_strips_ruamel_types() -> None:
    loaded = RoundTripYAMLHandler().load("a: 'x'\nb: 0x10\nc: 1.50\nd: [1, 2]\n")
    plain = to_plain(loaded)
    assert isinstance(plain, Mapping)
    assert [type(value) for value in plain.values()] == [str, int, float, tuple]
    assert dict(plain) == {"a": "x", "b": 16, "c": 1.5, "d": (1, 2)}


# --- set_field: exact results --------------------------------------------------------------

SET_CASES = [
    pytest.param(
        fm('title: "old"\ndate: 2024-01-01\n'),
        "title",
        "new",
        fm('title: "new"\ndate: 2024-01-01\n'),
        id="double-quotes-kept",
    ),
    pytest.param(
        fm("title: 'old'\n"), "title", "it's", fm("title: 'it''s'\n"), id="single-quotes-kept"
    ),
    pytest.param(fm("title: old\n"), "title", "new title", fm("title: new title\n"), id="plain"),
    pytest.param(
        fm("title: old\n"),
        "title",
        "Deep dive: managed",
        fm('title: "Deep dive: managed"\n'),
        id="plain-needs-quotes",
    ),
    pytest.param(
        fm("type: x\n"), "type", "true", fm('type: "true"\n'), id="string-that-reads-as-bool"
    ),
    pytest.param(
        fm("slug: x\n"), "slug", "2022-02-30", fm('slug: "2022-02-30"\n'), id="not-a-real-date"
    ),
    pytest.param(
        fm("slug: x\n"), "slug", "2022-02-03", fm('slug: "2022-02-03"\n'), id="date-like-text"
    ),
    pytest.param(
        fm('title: "x"\n'), "title", 'say "hi"\n', fm('title: "say \\"hi\\"\\n"\n'), id="escapes"
    ),
    pytest.param(
        fm('tags: ["a", "b"]\n'),
        "tags",
        ["SharePoint", "Microsoft 365"],
        fm('tags: ["SharePoint", "Microsoft 365"]\n'),
        id="flow-list-quoted-items",
    ),
    pytest.param(
        fm("tags: [a, b]\n"),
        "tags",
        ["x", "y, z", "[w]"],
        fm('tags: [x, "y, z", "[w]"]\n'),
        id="flow-list-plain-items",
    ),
    pytest.param(fm("tags: [ ]\n"), "tags", ["a"], fm("tags: [a]\n"), id="flow-empty-with-space"),
    pytest.param(
        fm("images:\n- images/a.png\n"),
        "images",
        ["images/b.png", "images/c.png"],
        fm("images:\n- images/b.png\n- images/c.png\n"),
        id="block-list-column-0",
    ),
    pytest.param(
        fm("tags:\n    - a\n    - b\ntype: x\n"),
        "tags",
        ["c"],
        fm("tags:\n    - c\ntype: x\n"),
        id="block-list-indented",
    ),
    pytest.param(
        fm("images: \n- a.png\n"),
        "images",
        ["b.png"],
        fm("images: \n- b.png\n"),
        id="key-line-with-trailing-space-kept",
    ),
    pytest.param(
        fm("images:\n- a.png\ntags: []\n"),
        "images",
        [],
        fm("images: []\ntags: []\n"),
        id="block-list-emptied",
    ),
    pytest.param(
        fm("tags: []                         # don't change\n"),
        "tags",
        ["a", "b"],
        fm("tags: [a, b]                     # don't change\n"),
        id="comment-keeps-its-column",
    ),
    pytest.param(
        fm("tags: []  # keep\n"),
        "tags",
        ["a long tag", "another"],
        fm("tags: [a long tag, another] # keep\n"),
        id="comment-pushed-right",
    ),
    pytest.param(
        fm("images:\n- images/a.png             # thumbnail\n"),
        "images",
        ["images/b.png", "images/c.png"],
        fm("images:\n- images/b.png             # thumbnail\n- images/c.png\n"),
        id="item-comment-stays-with-first-item",
    ),
    pytest.param(
        fm("title: x\n# a comment at the end\n"),
        "summary",
        "Short",
        fm("title: x\n# a comment at the end\nsummary: Short\n"),
        id="missing-key-appended",
    ),
    pytest.param(
        fm("title: x\n"), "tags", ["a"], fm("title: x\ntags: [a]\n"), id="missing-list-is-flow"
    ),
    pytest.param(
        fm("title: x\n"),
        "needs: quote",
        1,
        fm('title: x\n"needs: quote": 1\n'),
        id="odd-key-quoted",
    ),
    pytest.param(fm(""), "title", "x", fm("title: x\n"), id="empty-front-matter"),
    pytest.param("Body\n", "title", "x", fm("title: x\n"), id="no-front-matter"),
    pytest.param("", "title", "x", "---\ntitle: x\n---\n", id="empty-document"),
    pytest.param(
        fm("tags:\ntype: x\n"), "tags", ["a"], fm("tags: [a]\ntype: x\n"), id="empty-value"
    ),
    pytest.param(
        fm("tags:   # comment\ntype: x\n"),
        "tags",
        "a",
        fm("tags: a # comment\ntype: x\n"),
        id="empty-value-with-comment",
    ),
    pytest.param(fm("tags: null\n"), "tags", ["a"], fm("tags: [a]\n"), id="null-to-list"),
    pytest.param(fm("draft: false\n"), "draft", True, fm("draft: true\n"), id="bool"),
    pytest.param(fm("n: 1\n"), "n", 2, fm("n: 2\n"), id="int"),
    pytest.param(fm("n: 1\n"), "n", True, fm("n: true\n"), id="int-to-bool"),
    pytest.param(fm("n: 1\n"), "n", 1.5, fm("n: 1.5\n"), id="float"),
    pytest.param(fm("n: 1\n"), "n", None, fm("n: null\n"), id="none"),
    pytest.param(
        fm("date: 2021-01-01\n"), "date", dt.date(2024, 2, 29), fm("date: 2024-02-29\n"), id="date"
    ),
    pytest.param(
        fm("date: 2022-04-25T08:40:00-04:00\n"),
        "date",
        dt.datetime(2023, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        fm("date: 2023-05-06T07:08:09+02:00\n"),
        id="datetime",
    ),
    pytest.param(
        fm("date: 2022-01-11T09:30:00.000Z\n"),
        "date",
        dt.datetime(2023, 5, 6, 7, 8, 9, tzinfo=dt.UTC),
        fm("date: 2023-05-06T07:08:09.000Z\n"),
        id="datetime-keeps-ms-and-z",
    ),
    pytest.param(
        fm("date: 2021-02-03T10:00:00-00:00\n"),
        "date",
        dt.datetime(2021, 2, 4, 10, 0, tzinfo=dt.UTC),
        fm("date: 2021-02-04T10:00:00-00:00\n"),
        id="datetime-keeps-minus-zero",
    ),
    pytest.param(
        fm("description: a long\n  plain value\ntype: x\n"),
        "description",
        "short",
        fm("description: short\ntype: x\n"),
        id="multi-line-plain-replaced",
    ),
    pytest.param(
        fm("summary: |\n  line one\n  line two\n\ntype: x\n"),
        "summary",
        "one line",
        fm("summary: one line\n\ntype: x\n"),
        id="literal-block-replaced-blank-line-kept",
    ),
    pytest.param(
        fm("title: x\n\nauthor: y\n"),
        "author",
        "z",
        fm("title: x\n\nauthor: z\n"),
        id="blank-line-inside-kept",
    ),
    pytest.param(
        fm("title:   x\n"), "title", "y", fm("title:   y\n"), id="spacing-after-colon-kept"
    ),
    pytest.param(fm('"title" : x\n'), "title", "y", fm('"title" : y\n'), id="quoted-key-kept"),
    pytest.param(fm("a: &anchor 1\nb: *anchor\n"), "b", 2, fm("a: &anchor 1\nb: 2\n"), id="alias"),
    pytest.param(
        fm("videos:\n- https://a\n- draft: false\n"),
        "videos",
        ["https://b"],
        fm("videos:\n- https://b\n"),
        id="malformed-nesting-replaced",
    ),
    pytest.param(
        fm("ms.date: 01/02/2023\nms.topic: article\n"),
        "ms.topic",
        "how-to",
        fm("ms.date: 01/02/2023\nms.topic: how-to\n"),
        id="learn-dotted-keys",
    ),
]


@pytest.mark.parametrize(("text", "key", "value", "expected"), SET_CASES)
def test_set_field(text: str, key: str, value: object, expected: str) -> None:
    assert set_field(text, key, value) == expected


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        (TEMPLATE, "title", "this is the title of your blog post"),
        (TEMPLATE, "tags", []),
        (TEMPLATE, "categories", ("Community post",)),
        (TEMPLATE, "date", dt.datetime(2022, 4, 25, 12, 40, tzinfo=dt.UTC)),
        (
            fm("date: 2021-02-03T10:00:00-00:00\n"),
            "date",
            dt.datetime(2021, 2, 3, 10, tzinfo=dt.UTC),
        ),
        (fm("tags: [ ]\n"), "tags", ()),
        (fm("n: 1\n"), "n", 1),
    ],
)
def test_setting_the_current_value_changes_nothing(text: str, key: str, value: object) -> None:
    assert set_field(text, key, value) is text


def test_set_field_on_template_changes_one_line() -> None:
    changed = set_field(TEMPLATE, "title", "Hello, world")
    old_lines, new_lines = TEMPLATE.splitlines(), changed.splitlines()
    assert [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == [1]
    assert new_lines[1] == 'title: "Hello, world"'


def test_set_field_keeps_the_body_untouched() -> None:
    body = "---\nnot: front matter\n---\n\n```yml\n---\ntitle: x\n---\n```\n"
    changed = set_field(fm("title: x\n", body), "title", "y")
    assert changed == fm("title: y\n", body)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (fm("title: a: b\n"), "not valid YAML"),
        (fm("title: a\ntitle: b\n"), "a second time"),
        ("---\ntitle: x\nno closing fence\n", "no closing ---"),
        (fm("- a list\n"), "is a list"),
        (fm("{title: x}\n"), "{…} form"),
        (fm("a: &anchor 1\nb: *anchor\n"), "cannot change safely"),
    ],
)
def test_set_field_refuses_what_it_cannot_change_safely(text: str, words: str) -> None:
    with pytest.raises(FrontMatterEditError) as caught:
        set_field(text, "a", 2)
    assert words in caught.value.message.english()


def test_set_field_refuses_values_a_field_cannot_hold() -> None:
    with pytest.raises(TypeError):
        set_field(TEMPLATE, "title", {"nested": "mapping"})
    with pytest.raises(TypeError):
        set_field(TEMPLATE, "tags", [["nested"]])
    with pytest.raises(TypeError):
        set_field(TEMPLATE, "tags", object())


def test_set_field_result_reads_back() -> None:
    changed = set_field(TEMPLATE, "tags", ["Power Automate", "a: b", "#hash", "- dash", "'q'"])
    data = read_front_matter(changed).data
    assert data is not None
    assert data["tags"] == ("Power Automate", "a: b", "#hash", "- dash", "'q'")


TRICKY_STRINGS = [
    "",
    " leading space",
    "trailing space ",
    "null",
    "~",
    "- dash",
    "? question",
    "a: b",
    "a #b",
    "#hash",
    "it's",
    'say "x"',
    "tab\there",
    "line\nbreak",
    "back\\slash",
    "{a: b}",
    "[a]",
    "&anchor",
    "*alias",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "| pipe",
    "> fold",
    "0x1F",
    "1e3",
    ".inf",
    "yes",
    "2022-02-30",
    "12:30",
    "---",
    "a,b",
    "é 🙂 日本",
    "nel\x85here",
    "del\x7f",
    "sep\u2028arator",
    "bom\ufeff",
    "nul\x00",
]


@pytest.mark.parametrize("old", ["title: 'x'\n", 'title: "x"\n', "title: x\n", "other: 1\n"])
@pytest.mark.parametrize("value", TRICKY_STRINGS)
def test_tricky_strings_read_back(old: str, value: str) -> None:
    data = read_front_matter(set_field(fm(old), "title", value)).data
    assert data is not None
    assert data["title"] == value


@pytest.mark.parametrize("old", ["tags: [a]\n", "tags:\n  - a\n", "other: 1\n"])
@pytest.mark.parametrize("value", TRICKY_STRINGS)
def test_tricky_list_items_read_back(old: str, value: str) -> None:
    data = read_front_matter(set_field(fm(old), "tags", [value, "z"])).data
    assert data is not None
    assert data["tags"] == (value, "z")


@pytest.mark.parametrize("key", ["a b", "a: b", "#k", "-k", "1", "true", "é", "[k]", "k:"])
def test_new_keys_that_need_quotes_read_back(key: str) -> None:
    data = read_front_matter(set_field(fm("title: x\n"), key, "v")).data
    assert data is not None
    assert data[key] == "v"


# --- remove_field -------------------------------------------------------------------------

REMOVE_CASES = [
    pytest.param(
        fm("title: x\nsummary: y\ntype: z\n"), "summary", fm("title: x\ntype: z\n"), id="scalar"
    ),
    pytest.param(
        fm("title: x\nimages:\n- a.png   # thumb\n- b.png\ntags: []\n"),
        "images",
        fm("title: x\ntags: []\n"),
        id="block-list",
    ),
    pytest.param(
        fm("title: x\n# about tags\ntags: []  # don't change\n"),
        "tags",
        fm("title: x\n# about tags\n"),
        id="comment-above-kept",
    ),
    pytest.param(fm("title: x\ntags:\n"), "tags", fm("title: x\n"), id="empty-value"),
    pytest.param(fm("title: x\n"), "title", fm(""), id="last-key"),
    pytest.param(fm("title: x\n"), "missing", fm("title: x\n"), id="missing-key"),
    pytest.param("No front matter\n", "title", "No front matter\n", id="no-front-matter"),
]


@pytest.mark.parametrize(("text", "key", "expected"), REMOVE_CASES)
def test_remove_field(text: str, key: str, expected: str) -> None:
    assert remove_field(text, key) == expected


def test_remove_field_refuses_broken_yaml() -> None:
    with pytest.raises(FrontMatterEditError):
        remove_field(fm("title: [\n"), "title")


class TestReplaceFrontMatter:
    def test_only_the_yaml_between_the_fences_changes(self) -> None:
        text = "---\ntitle: A\n---\n\nBody\n"
        assert replace_front_matter(text, "title: B\ntags: [x]\n") == (
            "---\ntitle: B\ntags: [x]\n---\n\nBody\n"
        )

    def test_malformed_yaml_is_written_as_typed(self) -> None:
        text = "---\ntitle: A\n---\nBody\n"
        assert replace_front_matter(text, "title: [A") == "---\ntitle: [A\n---\nBody\n"

    def test_a_document_without_front_matter_gets_one(self) -> None:
        assert replace_front_matter("Body\n", "title: A") == "---\ntitle: A\n---\nBody\n"
        assert replace_front_matter("Body\n", "  \n") == "Body\n"

    def test_an_unclosed_front_matter_is_refused(self) -> None:
        with pytest.raises(FrontMatterEditError, match="no closing"):
            replace_front_matter("---\ntitle: A\nBody\n", "title: B\n")


class TestOtherFrontMatter:
    """TOML and JSON front matter are recognised (and kept) though only YAML is edited."""

    def test_toml_and_json_front_matter_and_where_the_body_starts(self) -> None:
        assert other_front_matter('+++\ntitle = "x"\n+++\nBody\n') == ("TOML", 3)
        assert other_front_matter('{\n  "title": "x"\n}\nBody\n') == ("JSON", 3)
        assert other_front_matter('+++\nsep = "+++"\n+++\n') == ("TOML", 3)

    def test_yaml_plain_text_and_unclosed_fences_are_not_other_front_matter(self) -> None:
        assert other_front_matter("---\na: 1\n---\n") is None
        assert other_front_matter("Just text\n") is None
        assert other_front_matter('+++\ntitle = "x"\n') is None

    def test_the_preview_leaves_it_out_of_the_body(self) -> None:
        from editor.core.render.document import render_document

        result = render_document('+++\ntitle = "x"\n+++\n\nBody text\n')
        assert [(block.html, block.start_line) for block in result.blocks] == [
            ("<p>Body text</p>\n", 4)
        ]


def test_top_level_keys_are_the_keys_yaml_reads_in_every_corpus_file(shared_dir: Path) -> None:
    # Used to tell a post's site before the YAML libraries are loaded: it must agree with
    # what the YAML says wherever the YAML parses.
    compared = 0
    for path in sorted(p for p in (shared_dir / "corpus").rglob("*.md") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
        data = read_front_matter(text).data
        if data:
            assert top_level_keys(text) == frozenset(data), path.name
            compared += 1
    assert compared > 50


def test_top_level_keys_of_quoted_nested_and_block_values() -> None:
    text = (
        "---\n"
        'title: "A: b"\n'
        '"quoted key": 1\n'
        "'it''s': 2\n"
        "tags:\n  - a\n  - nested: no\n"
        "summary: |\n  text: not a key\n"
        "# comment: no\n"
        "-dash: 3\n"
        "---\n"
        "body: no\n"
    )
    assert top_level_keys(text) == {"title", "quoted key", "it's", "tags", "summary", "-dash"}
    assert top_level_keys("no front matter: here\n") == frozenset()
