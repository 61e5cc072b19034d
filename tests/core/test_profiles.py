"""Site profiles: loading and reporting bad files, detection, and metadata validation."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from editor.core.front_matter import read_front_matter
from editor.core.profiles import (
    FieldSpec,
    Profile,
    ProfileError,
    builtin_profiles_dir,
    fill_template,
    key_lines,
    load_profile,
    load_profiles,
    match_profile,
    validate_metadata,
)


def _minimal(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "$schema_version": 1,
        "id": "hugo-site",
        "name": "My Hugo site",
        "repository": "me/site",
        "base_branch": "main",
        "post_path": "content/posts/{folder}/index.md",
        "image_folder": "content/posts/{folder}/",
        "dialect": "goldmark",
        "preview_theme": "plain",
        "fields": [{"key": "title", "label": "Title", "type": "text", "required": True}],
        "new_post": {"front_matter": 'title: "{title}"\n', "body": ""},
        "pull_request": {"title": "New post: {title}", "body": ""},
    }
    data.update(changes)
    return data


def _text(data: dict[str, object]) -> str:
    return json.dumps(data, indent=2)


def _error(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        load_profile(text, "broken.json")
    return caught.value


# --- Loading -----------------------------------------------------------------------------------


def test_builtin_profiles_load() -> None:
    loaded = load_profiles(builtin_profiles_dir())
    assert loaded.problems == ()
    assert sorted(p.id for p in loaded.profiles) == [
        "learn-m365-community",
        "mkdocs-material-blog",
        "pnp-blog",
    ]
    blog, learn = loaded.get("pnp-blog"), loaded.get("learn-m365-community")
    assert blog is not None and learn is not None
    assert (blog.repository, blog.base_branch) == ("pnp/blog", "main")
    assert blog.post_file("my-post") == PurePosixPath("content/post/my-post/index.md")
    assert learn.post_file("my-article") == PurePosixPath("Community/my-article.md")
    assert learn.extra_files[0].path == "Community/TOC.yml"
    assert blog.warnings == ()
    assert learn.warnings == ()  # its "markdig" dialect exists


def test_builtin_new_post_templates_are_valid_front_matter() -> None:
    loaded = load_profiles(builtin_profiles_dir())
    values = {"title": "Hello", "date": "01/31/2025", "author": "Ann", "githubname": "ann"}
    for profile in loaded.profiles:
        front = fill_template(profile.new_post_front_matter, values)
        parsed = read_front_matter(f"---\n{front}---\n")
        assert parsed.problem is None, profile.id
        assert parsed.data is not None
        assert {f.key for f in profile.fields if f.required} <= set(parsed.data) | {"date"}


def test_minimal_profile_loads() -> None:
    profile = load_profile(_text(_minimal()), "hugo.json")
    assert profile.id == "hugo-site"
    assert profile.naming.max_length == 75
    assert profile.field("title") == FieldSpec("title", "Title", "text", required=True)
    assert profile.source == "hugo.json"


def test_bad_json_names_the_file_line_and_column() -> None:
    error = _error('{\n  "id": "x",\n  "name": "y"\n  "repository": "a/b"\n}')
    assert error.problem.line == 4
    assert error.problem.source == "broken.json"
    assert "broken.json" in error.message.english()
    assert "line 4, column 3" in error.message.english()


def test_unknown_field_type_points_at_its_line() -> None:
    text = _text(_minimal(fields=[{"key": "x", "label": "X", "type": "colour"}]))
    error = _error(text)
    assert error.problem.line == text.splitlines().index('      "type": "colour"') + 1
    english = error.message.english()
    assert "fields[0].type" in english
    assert "“colour” is not a field type" in english


def test_missing_required_key_is_reported() -> None:
    data = _minimal()
    del data["repository"]
    error = _error(_text(data))
    assert error.problem.line == 1
    assert "“repository” is missing" in error.message.english()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"$schema_version": 2}, "version 1 only"),
        ({"colour": "red"}, "“colour” is not a known setting"),
        ({"repository": "no-slash"}, "owner/name"),
        ({"post_path": "content/post.md"}, "{folder} or {name}"),
        ({"id": 5}, "should be text in quotes"),
        ({"new_post": "text"}, "should be an object in { }"),
        ({"fields": {}}, "should be a list in [ ]"),
        ({"new_post": {"front_matter": "x: {nope}\n", "body": ""}}, "{nope} is not a known"),
        ({"fields": [{"key": "t", "label": "T", "type": "choice"}]}, "needs a list"),
        ({"fields": [{"key": "t", "label": "T", "type": "text", "pattern": "("}]}, "pattern"),
        ({"fields": [{"key": "t", "label": "T", "type": "text", "format": "ISO"}]}, "format"),
        (
            {"fields": [{"key": "t", "label": "T", "type": "text"}] * 2},
            "declared twice",
        ),
        (
            {"fields": [{"key": "t", "label": "T", "type": "list", "item_type": "video"}]},
            "not an item type",
        ),
        (
            {"fields": [{"key": "t", "label": "T", "type": "text", "item_type": "image"}]},
            "only a list field",
        ),
        ({"fields": [{"key": "t", "label": "T", "type": "tags", "suggestions": "a"}]}, "list"),
    ],
)
def test_schema_errors(changes: dict[str, object], expected: str) -> None:
    assert expected in _error(_text(_minimal(**changes))).message.english()


def test_bad_user_files_become_problems_and_the_rest_load(tmp_path: Path) -> None:
    user = tmp_path / "profiles"
    user.mkdir()
    (user / "a-bad-json.json").write_text("{\n  oops\n}", encoding="utf-8")
    bad_type = _minimal(id="bad-type", fields=[{"key": "x", "label": "X", "type": "colour"}])
    (user / "b-bad-type.json").write_text(_text(bad_type), encoding="utf-8")
    type_line = _text(bad_type).splitlines().index('      "type": "colour"') + 1
    no_repo = _minimal(id="no-repo")
    del no_repo["repository"]
    (user / "c-no-repo.json").write_text(_text(no_repo), encoding="utf-8")
    (user / "d-dup.json").write_text(_text(_minimal(id="pnp-blog")), encoding="utf-8")
    (user / "e-good.json").write_text(_text(_minimal()), encoding="utf-8")
    (user / "notes.txt").write_text("not a profile", encoding="utf-8")
    loaded = load_profiles(builtin_profiles_dir(), user)
    assert sorted(p.id for p in loaded.profiles) == [
        "hugo-site",
        "learn-m365-community",
        "mkdocs-material-blog",
        "pnp-blog",
    ]
    assert [Path(p.source).name for p in loaded.problems] == [
        "a-bad-json.json",
        "b-bad-type.json",
        "c-no-repo.json",
        "d-dup.json",
    ]
    assert [p.line for p in loaded.problems] == [2, type_line, 1, None]
    assert all(Path(p.source).name in p.message.english() for p in loaded.problems)


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    loaded = load_profiles(builtin_profiles_dir(), tmp_path / "absent")
    assert len(loaded.profiles) == len(load_profiles(builtin_profiles_dir()).profiles) == 3


def test_fill_template_replaces_known_placeholders_only() -> None:
    filled = fill_template("{title} {{< youtube x >}} {other}", {"title": "Hi"})
    assert filled == "Hi {{< youtube x >}} {other}"


# --- Matching ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtins() -> tuple[Profile, ...]:
    """The built-in profiles."""
    return load_profiles(builtin_profiles_dir()).profiles


@pytest.mark.parametrize(
    ("path", "metadata", "expected"),
    [
        ("/home/ann/blog/content/post/my-post/index.md", None, "pnp-blog"),
        ("content/microsoft-365-pnp-weekly/episode-254/index.md", {}, "pnp-blog"),
        (PureWindowsPath(r"C:\repo\Community\my-article.md"), None, "learn-m365-community"),
        ("Community/my-article.md", {"githubname": "ann"}, "learn-m365-community"),
        ("notes/post.md", {"ms.date": "1/2/2024", "ms.topic": "how-to"}, "learn-m365-community"),
        ("notes/post.md", {"githubname": "ann", "categories": ()}, "pnp-blog"),
        (None, {"title": "x", "githubname": "ann"}, "pnp-blog"),
        ("Community/includes/disclaimer.md", None, None),
        ("notes/post.md", {"title": "Only a title"}, None),
    ],
)
def test_match_profile(
    builtins: tuple[Profile, ...], path: object, metadata: object, expected: str | None
) -> None:
    found = match_profile(path, metadata, builtins)  # type: ignore[arg-type]
    assert (found.id if found else None) == expected


# --- Validation --------------------------------------------------------------------------------


def _profile(*fields: FieldSpec) -> Profile:
    """The minimal test profile with ``fields`` instead of its own."""
    return replace(load_profile(_text(_minimal()), "test.json"), fields=fields)


def _check(spec: FieldSpec, value: object) -> list[tuple[str, object]]:
    findings = validate_metadata(_profile(spec), {spec.key: value}, "")
    return [(f.severity, f.fix.new_value if f.fix else None) for f in findings]


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        (FieldSpec("t", "T", "list"), "one", [("error", ("one",))]),
        (FieldSpec("t", "T", "tags"), ("a", "b"), []),
        (FieldSpec("t", "T", "boolean"), "true", [("error", True)]),
        (FieldSpec("t", "T", "boolean"), False, []),
        (FieldSpec("t", "T", "text"), 2024, [("error", "2024")]),
        (FieldSpec("t", "T", "text"), True, [("error", None)]),
        (FieldSpec("t", "T", "text", max_length=5), "abcdef gh", [("error", "abcde")]),
        (FieldSpec("t", "T", "text", min_length=5), "abc", [("error", None)]),
        (FieldSpec("t", "T", "text", hint_max_length=3), "abcd", [("hint", None)]),
        (FieldSpec("t", "T", "text", hint_min_length=3), "ab", [("hint", None)]),
        (FieldSpec("t", "T", "text", pattern="[a-z]+"), "ab1", [("error", None)]),
        (FieldSpec("t", "T", "choice", allowed=("how-to",)), "How-To", [("error", "how-to")]),
        (FieldSpec("t", "T", "choice", allowed=("a",)), "b", [("error", None)]),
        (
            FieldSpec("t", "T", "choice", allowed=("new",), deprecated={"old": "new"}),
            "old",
            [("warning", "new")],
        ),
        (FieldSpec("t", "T", "list", expected_item="X"), ("x ",), [("warning", ("X",))]),
        (FieldSpec("t", "T", "list", expected_item="X"), ("Y",), [("warning", ("Y", "X"))]),
        (FieldSpec("t", "T", "list"), ("a", {"draft": False}), [("error", None)]),
    ],
)
def test_field_rules(spec: FieldSpec, value: object, expected: list[tuple[str, object]]) -> None:
    assert _check(spec, value) == expected


US_DATE = FieldSpec("d", "Date", "date", format="MM/DD/YYYY")
RFC = FieldSpec("d", "Date", "datetime", format="rfc3339")
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        (US_DATE, "01/05/2024", []),
        (US_DATE, "1/5/2024", [("warning", "01/05/2024")]),
        (US_DATE, dt.date(2024, 1, 5), [("error", "01/05/2024")]),
        (US_DATE, "2/30/2024", [("error", None)]),
        (US_DATE, "2024-01-05", [("error", None)]),
        (RFC, dt.datetime(2024, 1, 5, 9, 30, tzinfo=PLUS_ONE), []),
        (RFC, dt.datetime(2024, 1, 5, 9, 30), [("error", None)]),
        (RFC, dt.date(2024, 1, 5), [("error", None)]),
        (RFC, "2024-01-05T09:30:00.000Z", []),
        (RFC, "2024-01-05 09:30", [("error", None)]),
        (RFC, "2024-13-05T09:30:00Z", [("error", None)]),
    ],
)
def test_date_formats(spec: FieldSpec, value: object, expected: list[tuple[str, object]]) -> None:
    assert _check(spec, value) == expected


def test_required_fields_without_front_matter() -> None:
    profile = _profile(FieldSpec("a", "A", "text", required=True), FieldSpec("b", "B", "text"))
    (finding,) = validate_metadata(profile, None, "no front matter")
    assert (finding.severity, finding.key, finding.line) == ("error", "a", None)
    assert finding.message.english() == "“A” is required."


def test_spaces_before_the_opening_fence_replace_the_required_errors() -> None:
    learn = load_profiles(builtin_profiles_dir()).get("learn-m365-community")
    assert learn is not None
    text = " ---\ntitle: x\nauthor: someone\n---\n# x\n"
    findings = validate_metadata(learn, read_front_matter(text).data, text)
    assert len(findings) == 1
    assert (findings[0].severity, findings[0].line) == ("error", 0)
    assert "at the very start of the first line" in findings[0].message.english()
    assert "required" not in findings[0].message.english()


def test_empty_required_values_count_as_missing() -> None:
    profile = _profile(FieldSpec("a", "A", "list", required=True))
    assert [f.key for f in validate_metadata(profile, {"a": ()}, "")] == ["a"]


def test_key_lines_are_document_lines() -> None:
    text = '---\n# comment\ntitle: x\n\n"ms.date": 1/2/2024\ntags:\n- a\n---\nbody: no\n'
    assert key_lines(text) == {"title": 2, "ms.date": 4, "tags": 5}


def test_finding_line_comes_from_the_text() -> None:
    text = "---\ntitle: x\ndescription: short\n---\n"
    learn = load_profiles(builtin_profiles_dir()).get("learn-m365-community")
    assert learn is not None
    parsed = read_front_matter(text)
    findings = validate_metadata(learn, parsed.data, text)
    description = next(f for f in findings if f.key == "description")
    assert (description.severity, description.line) == ("error", 2)


def test_the_example_in_the_decision_record_loads() -> None:
    record = Path(__file__).resolve().parents[2] / "docs/decisions/0006-site-profiles.md"
    example = record.read_text(encoding="utf-8").split("```json\n")[1].split("```")[0]
    profile = load_profile(example, "my-hugo-blog.json")
    assert (profile.id, profile.warnings) == ("my-hugo-blog", ())


def test_suggestions_and_image_lists_are_read_from_the_profile() -> None:
    fields = [
        {"key": "tags", "label": "Tags", "type": "tags", "suggestions": ["Hugo", "Go"]},
        {"key": "images", "label": "Images", "type": "list", "item_type": "image"},
    ]
    profile = load_profile(_text(_minimal(fields=fields)), "site.json")
    assert profile.field("tags").suggestions == ("Hugo", "Go")
    assert profile.field("images").item_type == "image"
    assert profile.field("tags").item_type is None


@pytest.mark.parametrize(
    ("profile_id", "path", "name", "images"),
    [
        ("pnp-blog", "lib/content/post/my-post/index.md", "my-post", "images/"),
        ("pnp-blog", "somewhere/notes.md", None, "images/"),
        ("learn-m365-community", "repo/Community/my-article.md", "my-article", "media/my-article/"),
    ],
)
def test_a_post_path_gives_its_name_and_image_folder(
    profile_id: str, path: str, name: str | None, images: str
) -> None:
    profile = load_profiles(builtin_profiles_dir()).get(profile_id)
    assert profile is not None
    assert profile.post_name(PurePosixPath(path)) == name
    assert profile.image_link(name or "x") == images.replace("my-article", name or "x")


def test_site_snippets_are_read_and_checked() -> None:
    snippets = [{"label": "Notice", "text": "{{< notice tip >}}\n{selection}\n{{< /notice >}}"}]
    profile = load_profile(_text(_minimal(snippets=snippets)), "site.json")
    assert [(s.label, s.text) for s in profile.snippets] == [
        (s["label"], s["text"]) for s in snippets
    ]
    error = _error(_text(_minimal(snippets=[{"label": "No text"}])))
    assert "“text” is missing" in error.message.english()


def test_both_sites_offer_their_own_constructs() -> None:
    loaded = load_profiles(builtin_profiles_dir())
    blog = [s.label for s in loaded.get("pnp-blog").snippets]
    learn = [s.label for s in loaded.get("learn-m365-community").snippets]
    assert "Notice: warning" in blog and "YouTube video" in blog
    assert "Alert: Caution" in learn and "Include file" in learn
