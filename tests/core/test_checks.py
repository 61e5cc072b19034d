"""The checks engine: each rule finds what it should, and stays quiet when the post is right.

Posts are written inline with a valid front matter, so each test sees only the rule it is
about; the files beside the post are an in-memory view.
"""

from __future__ import annotations

import pytest

from editor.core.checks import (
    CheckReport,
    MemoryFiles,
    Problem,
    apply_fix,
    check_post,
    look_up,
)
from editor.core.profiles import builtin_profiles_dir, load_profiles

PROFILES = load_profiles(builtin_profiles_dir())
BLOG = PROFILES.get("pnp-blog")
LEARN = PROFILES.get("learn-m365-community")
assert BLOG is not None and LEARN is not None

BLOG_FRONT = (
    "---\n"
    'title: "A post"\n'
    "date: 2025-01-31T09:30:00+01:00\n"
    'author: "Ann Author"\n'
    "githubname: annauthor\n"
    'categories: ["Community post"]\n'
    "images:\n"
    "- images/thumb.png\n"
    "tags: []\n"
    'type: "regular"\n'
    "---\n"
)
BLOG_FILES = {"content/post/a-post/images/thumb.png": 2000}
BLOG_PATH = "content/post/a-post/index.md"
DESCRIPTION = "A description long enough for Learn, as " + "it tells readers what they learn. " * 3
LEARN_FRONT = (
    "---\n"
    "title: An article\n"
    "ms.date: 01/31/2025\n"
    "author: annauthor\n"
    "ms.author: pamgreen\n"
    "ms.topic: concept-article\n"
    "ms.service: microsoft-365\n"
    f"description: {DESCRIPTION.strip()}\n"
    "---\n"
)
LEARN_PATH = "Community/an-article.md"


def blog(body: str, files: dict[str, int] | None = None) -> CheckReport:
    view = MemoryFiles({**BLOG_FILES, **(files or {})}, "content/post/a-post")
    return check_post(BLOG_FRONT + body, BLOG, files=view, path=BLOG_PATH)


def learn(body: str, files: dict[str, int] | None = None) -> CheckReport:
    view = MemoryFiles(files or {}, "Community")
    return check_post(LEARN_FRONT + body, LEARN, files=view, path=LEARN_PATH)


def found(report: CheckReport, rule: str) -> list[Problem]:
    return [p for p in report.problems if p.rule == rule]


def only(report: CheckReport, rule: str) -> Problem:
    problems = found(report, rule)
    assert len(problems) == 1, report.problems
    return problems[0]


def test_clean_posts_have_no_problems() -> None:
    assert blog("## Intro\n\nText with ![A chart of sales](images/thumb.png).\n").problems == ()
    assert learn("# An article\n\nSome text.\n").problems == ()


# --- metadata --------------------------------------------------------------------------------


def test_metadata_findings_come_from_the_profile_with_their_fixes() -> None:
    text = LEARN_FRONT.replace("concept-article", "article") + "# An article\n"
    report = check_post(text, LEARN)
    problem = only(report, "metadata.ms.topic")
    assert problem.severity == "warning"
    assert problem.line == 5
    assert problem.fix is not None
    assert "ms.topic: concept-article" in apply_fix(text, problem.fix)


def test_unreadable_front_matter_is_one_error_on_its_line() -> None:
    text = "---\ntitle: [unclosed\n---\n# Hi\n"
    problem = only(check_post(text, LEARN), "metadata.unreadable")
    assert problem.severity == "error"
    assert problem.line is not None


@pytest.mark.parametrize("before", [" ", "  \t", "\ufeff ", "\ufeff"])
def test_spaces_before_the_opening_fence_are_one_error_with_a_fix(before: str) -> None:
    text = before + BLOG_FRONT + "## Intro\n\nText with ![A chart](images/thumb.png).\n"
    view = MemoryFiles(BLOG_FILES, "content/post/a-post")
    report = check_post(text, BLOG, files=view, path=BLOG_PATH)
    metadata = [p for p in report.problems if p.rule.startswith("metadata.")]
    assert [p.rule for p in metadata] == ["metadata.indented_opening"]  # no "required" errors
    problem = metadata[0]
    assert problem.severity == "error" and problem.line == 0
    assert "very start of the first line" in problem.message.english()
    assert problem.fix is not None
    fixed = apply_fix(text, problem.fix)
    assert fixed == BLOG_FRONT + "## Intro\n\nText with ![A chart](images/thumb.png).\n"
    assert check_post(fixed, BLOG, files=view, path=BLOG_PATH).problems == ()


def test_an_unclosed_title_quote_points_at_the_title() -> None:
    text = BLOG_FRONT.replace('title: "A post"', 'title: "A post') + "## Intro\n"
    problem = only(check_post(text, BLOG), "metadata.unreadable")
    assert problem.line == 1
    assert problem.message.english().startswith("Line 2 ")


# --- structure: the blog ---------------------------------------------------------------------


def test_blog_h1_in_body_is_flagged_and_made_level_2() -> None:
    body = "# Title again\n\nText.\n"
    report = blog(body)
    problem = only(report, "structure.h1-in-body")
    assert problem.line == BLOG_FRONT.count("\n")
    assert problem.fix is not None
    assert apply_fix(BLOG_FRONT + body, problem.fix) == BLOG_FRONT + "## Title again\n\nText.\n"
    assert found(blog("## Section\n"), "structure.h1-in-body") == []


def test_blog_setext_heading_becomes_atx() -> None:
    body = "Section\n-------\n\nText.\n"
    problem = only(blog(body), "structure.heading-style")
    assert problem.fix is not None
    assert apply_fix(BLOG_FRONT + body, problem.fix).endswith("\n## Section\n\nText.\n")
    assert found(blog("## Section\n"), "structure.heading-style") == []


def test_blog_nested_bullets_are_indented_by_four() -> None:
    body = "- one\n  - two\n"
    problem = only(blog(body), "structure.list-indent")
    assert problem.fix is not None
    assert apply_fix(BLOG_FRONT + body, problem.fix).endswith("- one\n    - two\n")
    assert found(blog("- one\n    - two\n"), "structure.list-indent") == []
    assert found(blog("1. one\n   - two\n"), "structure.list-indent") == []  # under a number


def test_blog_ordered_lists_count_or_repeat_one() -> None:
    assert found(blog("1. a\n1. b\n1. c\n"), "structure.ordered-list") == []
    assert found(blog("1. a\n2. b\n3. c\n"), "structure.ordered-list") == []
    problem = only(blog("1. a\n2. b\n2. c\n"), "structure.ordered-list")
    assert problem.line == BLOG_FRONT.count("\n") + 2


def test_learn_does_not_apply_the_blog_structure_rules() -> None:
    report = learn("# An article\n\nSection\n-------\n\n- a\n  - b\n")
    assert found(report, "structure.heading-style") == []
    assert found(report, "structure.list-indent") == []


# --- structure: Learn ------------------------------------------------------------------------


def test_learn_needs_exactly_one_h1_first() -> None:
    assert only(learn("Text.\n"), "structure.h1-missing").severity == "error"
    extra = only(learn("# One\n\n# Two\n"), "structure.h1-extra")
    assert extra.line == LEARN_FRONT.count("\n") + 2
    assert only(learn("Intro.\n\n# Title\n"), "structure.h1-not-first").severity == "warning"
    assert learn("# One\n\n## Two\n").problems == ()


def test_learn_tab_headings_are_not_extra_h1s() -> None:
    body = "# Title\n\n# [Terminal](#tab/terminal)\n\nText.\n\n# [UI](#tab/ui)\n\nMore.\n\n---\n"
    assert learn(body).problems == ()


def test_learn_alert_types() -> None:
    assert learn("# T\n\n> [!NOTE]\n> Hi.\n").problems == ()
    bad = only(learn("# T\n\n> [!NOTICE]\n> Hi.\n"), "extensions.alert-type")
    assert bad.severity == "error"
    spelling = only(learn("# T\n\n>[!Tip]\n> Hi.\n"), "extensions.alert-spelling")
    assert spelling.severity == "hint"
    assert spelling.fix is not None
    text = LEARN_FRONT + "# T\n\n>[!Tip]\n> Hi.\n"
    assert "\n> [!TIP]\n> Hi.\n" in apply_fix(text, spelling.fix)
    no_bang = only(learn("# T\n\n> [NOTE]\n> Hi.\n"), "extensions.alert-syntax")
    assert no_bang.fix is not None


def test_learn_alerts_in_code_are_text() -> None:
    assert learn("# T\n\n```md\n> [!NOTICE]\n```\n\n`> [!NOTICE]`\n").problems == ()
    assert learn("# T\n\n<!-- :::chart::: -->\n\n<!--\n{{< x >}}\n-->\n").problems == ()


def test_learn_image_extension_attributes() -> None:
    files = {"Community/media/an-article/a.png": 100}
    good = ':::image type="content" source="media/an-article/a.png" alt-text="A chart.":::\n'
    assert learn("# T\n\n" + good, files).problems == ()
    no_alt = ':::image type="content" source="media/an-article/a.png":::\n'
    assert only(learn("# T\n\n" + no_alt, files), "extensions.image").severity == "error"
    icon = ':::image type="icon" source="media/an-article/a.png" alt-text="x":::\n'
    assert len(found(learn("# T\n\n" + icon, files), "extensions.image")) == 1
    complex_ = ':::image type="complex" source="media/an-article/a.png" alt-text="A chart.":::\n'
    assert len(found(learn("# T\n\n" + complex_, files), "extensions.image")) == 1
    closed = complex_ + "   Long description.\n:::image-end:::\n"
    assert found(learn("# T\n\n" + closed, files), "extensions.image") == []
    upper = ':::image Type="content" source="media/an-article/a.png" alt-text="A chart.":::\n'
    assert len(found(learn("# T\n\n" + upper, files), "extensions.image")) == 1


def test_learn_unsupported_triple_colon_extensions_and_shortcodes() -> None:
    assert only(learn('# T\n\n:::chart type="x":::\n'), "extensions.unsupported")
    assert learn('# T\n\n::: zone pivot="a"\nText.\n::: zone-end\n').problems == ()
    assert only(learn("# T\n\n{{< youtube abc >}}\n"), "extensions.unsupported")


def test_learn_containers_need_their_end() -> None:
    rows = (
        '# T\n\n:::row:::\n   :::column span="2":::\n   Text.\n   :::column-end:::\n:::row-end:::\n'
    )
    assert learn(rows).problems == ()
    unclosed = only(
        learn("# T\n\n:::row:::\n:::column:::\nText.\n:::row-end:::\n"), "extensions.unclosed"
    )
    assert unclosed.line == LEARN_FRONT.count("\n") + 3
    assert only(learn("# T\n\nText.\n::: zone-end\n"), "extensions.unopened")


def test_learn_include_syntax() -> None:
    files = {"Community/includes/d.md": 10}
    assert learn("# T\n\n[!INCLUDE [d](includes/d.md)]\n", files).problems == ()
    problem = only(learn("# T\n\n[!include[d](includes/d.md)]\n", files), "extensions.include")
    assert problem.fix is not None
    text = LEARN_FRONT + "# T\n\n[!include[d](includes/d.md)]\n"
    assert apply_fix(text, problem.fix).endswith("[!INCLUDE [d](includes/d.md)]\n")
    missing = only(learn("# T\n\n[!INCLUDE [d](includes/e.md)]\n", files), "links.missing")
    assert missing.severity == "error"


def test_learn_includes_may_not_include_again() -> None:
    sizes = {"Community/includes/a.md": 10, "Community/includes/b.md": 10}
    texts = {
        "Community/includes/a.md": "> [!NOTE]\n> Hi.\n",
        "Community/includes/b.md": "Text.\n\n[!INCLUDE [a](a.md)]\n",
    }
    view = MemoryFiles(sizes, "Community", texts)
    ok = check_post(
        LEARN_FRONT + "# T\n\n[!INCLUDE [a](includes/a.md)]\n", LEARN, files=view, path=LEARN_PATH
    )
    assert ok.problems == ()
    text = LEARN_FRONT + "# T\n\n[!INCLUDE [b](includes/b.md)]\n"
    nested = only(check_post(text, LEARN, files=view, path=LEARN_PATH), "extensions.include-nested")
    assert nested.severity == "error"
    assert text.splitlines()[nested.line or 0][nested.start : nested.end] == "includes/b.md"


# --- shortcodes: the blog --------------------------------------------------------------------


def test_blog_unknown_shortcodes_break_the_build() -> None:
    assert blog("{{< youtube abc >}}\n").problems == ()
    assert only(blog("{{< mermaid >}}\ngraph\n{{< /mermaid >}}\n"), "shortcodes.unknown")
    problem = only(blog("{{< tabs >}}\n"), "shortcodes.unknown")
    assert problem.severity == "error"
    assert "tabs" in problem.message.english()


def test_blog_go_template_braces_in_code_are_not_shortcodes() -> None:
    body = "```yaml\nx: ${{ parameters.x }}\ny: {{ .Date }}\n```\n\nUse `@{triggerOutputs()}`.\n"
    assert blog(body).problems == ()
    assert blog("```md\n{{</* mermaid */>}}\n```\n").problems == ()  # commented out


def test_blog_shortcodes_in_code_still_run_so_they_are_commented_out() -> None:
    # Hugo reads shortcodes before Markdown, code blocks included (gohugoio/hugo#1287)
    body = "```md\n{{< mermaid >}}\n```\n\nUse `{{< youtube id >}}`.\n"
    report = blog(body)
    problems = found(report, "shortcodes.in-code")
    assert [p.severity for p in problems] == ["error", "warning"]
    assert problems[0].fix is not None
    fixed_text = apply_fix(BLOG_FRONT + body, problems[0].fix)
    assert "```md\n{{</* mermaid */>}}\n```" in fixed_text
    assert found(report, "shortcodes.unknown") == []


def test_blog_notice_must_be_closed() -> None:
    assert blog("{{< notice note >}}\nHi.\n{{< /notice >}}\n").problems == ()
    assert only(blog("{{< notice note>}}\nHi.\n"), "shortcodes.unclosed").severity == "error"
    assert only(blog("Hi.\n{{< /notice >}}\n"), "shortcodes.unopened")
    assert blog("{{< attachments >}}\n").problems == ()  # needs no closing


def test_blog_image_shortcode_with_a_bundle_path_becomes_markdown() -> None:
    body = '{{< image alt="A chart" src="images/thumb.png" >}}\n'
    problem = only(blog(body), "shortcodes.image-path")
    assert problem.fix is not None
    assert apply_fix(BLOG_FRONT + body, problem.fix).endswith("![A chart](images/thumb.png)\n")
    legacy = '{{< image alt="A chart" src="images/blog/x/a.png" >}}\n'
    assert found(blog(legacy), "shortcodes.image-path") == []


def test_blog_podbean_needs_a_named_sharelink() -> None:
    assert only(blog("{{< podbean pb-w7454 >}}\n"), "shortcodes.podbean")
    assert blog('{{< podbean sharelink="https://x" >}}\n').problems == ()


def test_learn_alerts_on_the_blog_become_a_notice() -> None:
    body = "> [!TIP]\n> Save often.\n> Really.\n"
    problem = only(blog(body), "extensions.unsupported")
    assert problem.fix is not None
    new = apply_fix(BLOG_FRONT + body, problem.fix)
    assert new.endswith("{{< notice tip >}}\nSave often.\nReally.\n{{< /notice >}}\n")
    assert only(
        blog(':::image source="images/thumb.png" alt-text="x":::\n'), "extensions.unsupported"
    )


# --- images ----------------------------------------------------------------------------------


def test_missing_images_are_errors_and_present_ones_are_fine() -> None:
    problem = only(blog("![A chart](images/chart.png)\n"), "images.missing")
    assert problem.severity == "error"
    assert problem.start is not None and problem.end is not None
    line = (BLOG_FRONT + "![A chart](images/chart.png)\n").splitlines()[problem.line or 0]
    assert line[problem.start : problem.end] == "images/chart.png"
    assert found(blog("![A chart](images/thumb.png)\n"), "images.missing") == []


def test_the_thumbnail_in_the_front_matter_must_exist() -> None:
    view = MemoryFiles({}, "content/post/a-post")
    report = check_post(BLOG_FRONT + "Text.\n", BLOG, files=view, path=BLOG_PATH)
    problem = only(report, "images.missing")
    assert problem.line == 7


def test_image_names_are_case_sensitive_like_the_server() -> None:
    body = "![A chart](images/Thumb.png)\n"
    report = blog(body)
    problem = only(report, "images.case")
    assert problem.severity == "error"
    assert problem.fix is not None
    assert apply_fix(BLOG_FRONT + body, problem.fix).endswith("![A chart](images/thumb.png)\n")


def test_encoded_spaces_and_dot_slash_resolve() -> None:
    files = {"content/post/a-post/images/1. Title.png": 10}
    assert blog("![A title](images/1.%20Title.png)\n", files).problems == ()
    assert blog("![A title](./images/1.%20Title.png)\n", files).problems == ()
    problem = only(blog("![A title](./images/1.%20title.png)\n", files), "images.case")
    assert problem.fix is not None
    fixed_text = apply_fix(BLOG_FRONT + "![A title](./images/1.%20title.png)\n", problem.fix)
    assert fixed_text.endswith("![A title](./images/1.%20Title.png)\n")


def test_learn_backslash_paths_resolve_with_a_hint() -> None:
    files = {"Community/media/an-article/a.png": 10}
    report = learn("# T\n\n![A chart.](media\\an-article\\a.png)\n", files)
    assert [p.rule for p in report.problems] == ["links.backslash"]
    assert report.problems[0].severity == "hint"


def test_alt_text_missing_duplicated_or_the_file_name() -> None:
    files = {"Community/media/an-article/a.png": 10, "Community/media/an-article/b.png": 10}
    missing = only(learn("# T\n\n![](media/an-article/a.png)\n", files), "images.alt-missing")
    assert missing.severity == "error"
    twice = "# T\n\n![A chart.](media/an-article/a.png)\n\n![A chart.](media/an-article/b.png)\n"
    assert only(learn(twice, files), "images.alt-duplicate").line == LEARN_FRONT.count("\n") + 4
    name = only(learn("# T\n\n![a.png](media/an-article/a.png)\n", files), "images.alt-file-name")
    assert name.severity == "error"
    assert found(blog("![](images/thumb.png)\n"), "images.alt-missing")[0].severity == "warning"
    one = {"Community/media/an-article/a.png": 10}
    assert learn("# T\n\n![A sales chart.](media/an-article/a.png)\n", one).problems == ()


def test_unused_and_large_images() -> None:
    files = {"content/post/a-post/images/old.png": 10, "content/post/a-post/images/notes.txt": 1}
    unused = only(blog("Text.\n", files), "images.unused")
    assert unused.severity == "hint"
    assert "images/old.png" in unused.message.english()
    big = {"content/post/a-post/images/big.png": 3_000_000}
    assert only(blog("![A chart](images/big.png)\n", big), "images.large").severity == "hint"


def test_without_a_file_view_the_disk_rules_are_skipped() -> None:
    report = check_post(BLOG_FRONT + "![A chart](images/x.png)\n", BLOG)
    assert report.problems == ()


# --- links -----------------------------------------------------------------------------------


def test_relative_links_must_exist_on_learn() -> None:
    files = {"Community/other.md": 10}
    assert learn("# T\n\nSee [other](other.md#part).\n", files).problems == ()
    problem = only(learn("# T\n\nSee [other](Other.md).\n", files), "links.case")
    assert problem.fix is not None
    assert only(learn("# T\n\nSee [x](gone.md).\n", files), "links.missing").severity == "error"


def test_blog_links_to_other_pages_are_not_file_paths() -> None:
    assert blog("See [the other post](../other-post/).\n").problems == ()
    assert only(blog("Get [the deck](files/deck.pdf).\n"), "links.missing")


def test_in_page_anchors_must_exist() -> None:
    body = "## Sample data - contacts list\n\nSee [below](#sample-data---contacts-list).\n"
    assert blog(body).problems == ()
    problem = only(blog("## Setup\n\nSee [below](#set-up).\n"), "links.anchor")
    assert "#set-up" in problem.message.english()
    assert blog("## Setup {#prepare}\n\nSee [below](#prepare).\n").problems == ()
    assert blog('<a id="here"></a>\n\nSee [here](#here).\n').problems == ()
    assert blog("## Über uns\n\nSee [us](#über-uns).\n").problems == ()


def test_web_addresses_without_a_scheme_get_https() -> None:
    body = "Sign up at [aka.ms/dev](aka.ms/M365DevAccount).\n"
    problem = only(blog(body), "links.no-scheme")
    assert problem.severity == "error"
    assert problem.fix is not None
    assert "](https://aka.ms/M365DevAccount)" in apply_fix(BLOG_FRONT + body, problem.fix)
    assert only(blog("[me](www.linkedin.com/in/me)\n"), "links.no-scheme")


def test_empty_link_targets() -> None:
    assert only(blog("Read [the notes]().\n"), "links.empty").severity == "warning"


def test_learn_links_are_https_without_a_locale() -> None:
    body = "# T\n\nSee [docs](http://example.com/a).\n"
    problem = only(learn(body), "links.https")
    assert problem.fix is not None
    assert "(https://example.com/a)" in apply_fix(LEARN_FRONT + body, problem.fix)
    locale = "# T\n\nSee [docs](https://learn.microsoft.com/en-us/microsoft-365/x).\n"
    problem = only(learn(locale), "links.locale")
    assert problem.severity == "error"
    assert problem.fix is not None
    new = apply_fix(LEARN_FRONT + locale, problem.fix)
    assert "(https://learn.microsoft.com/microsoft-365/x)" in new
    assert learn("# T\n\nSee [x](https://example.com/en-us/x).\n").problems == ()
    site = "# T\n\nSee [docs](/en-us/microsoft-365/x).\n"
    problem = only(learn(site), "links.locale")
    assert problem.fix is not None
    assert "(/microsoft-365/x)" in apply_fix(LEARN_FRONT + site, problem.fix)
    assert learn("# T\n\nSee [docs](/microsoft-365/en-usage/x).\n").problems == ()
    assert found(blog("See [docs](http://example.com/a).\n"), "links.https") == []


# --- the engine ------------------------------------------------------------------------------


def test_problems_are_ordered_by_line_and_counted() -> None:
    report = learn("Intro.\n\n# T\n\n> [!NOTICE]\n> x\n")
    lines = [p.line or 0 for p in report.problems]
    assert lines == sorted(lines)
    assert report.has_errors
    assert report.count("error") == 1
    assert report.count("warning") == 1


def test_a_post_without_a_site_gets_only_the_generic_rules() -> None:
    view = MemoryFiles({}, "")
    report = check_post("# Title\n\n![](a.png)\n\n{{< x >}}\n", None, files=view, path="a.md")
    assert [p.rule for p in report.problems] == ["images.missing", "images.alt-missing"]
    assert report.site == "generic"


def test_crlf_posts_keep_their_line_endings_in_fixes() -> None:
    text = (BLOG_FRONT + "> [!NOTE]\n> Hi.\n").replace("\n", "\r\n")
    report = check_post(text, BLOG)
    problem = only(report, "extensions.unsupported")
    assert problem.fix is not None
    assert apply_fix(text, problem.fix).endswith(
        "{{< notice note >}}\r\nHi.\r\n{{< /notice >}}\r\n"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("images/a.png", (True, None)),
        ("images/A.png", (False, "images/a.png")),
        ("Images/a.png", (False, "images/a.png")),
        ("../a-post/images/a.png", (True, None)),
        ("images/missing.png", (False, None)),
        ("../../../../x.png", (False, None)),
    ],
)
def test_look_up_compares_names_exactly(path: str, expected: tuple[bool, str | None]) -> None:
    view = MemoryFiles({"content/post/a-post/images/a.png": 1}, "content/post/a-post")
    result = look_up(view, path)
    assert (result.found, result.actual) == expected


# --- the Images panel's picture rules --------------------------------------------------------


def test_given_picture_files_the_images_rules_check_them_once() -> None:
    from editor.core.images import ImageFile

    body = "# T\n\n![Chart.](media/an-article/Chart.png)\n\n![](media/an-article/b.png)\n"
    files = {"Community/media/an-article/chart.png": 10, "Community/media/an-article/b.png": 10}
    pictures = [
        ImageFile("media/an-article/chart.png", 10, 100, 50),
        ImageFile("media/an-article/b.png", 10, 100, 50),
    ]
    view = MemoryFiles(files, "Community")
    report = check_post(LEARN_FRONT + body, LEARN, files=view, path=LEARN_PATH, images=pictures)
    rules = [p.rule for p in report.problems]
    assert rules.count("images.missing") == 1  # not also "images.case" from the fallback
    assert "images.case" not in rules
    assert "images.alt-missing" in rules
    missing = only(report, "images.missing")
    assert missing.fix is not None
    line = (LEARN_FRONT + body).splitlines()[missing.line or 0]
    assert line[missing.start : missing.end] == "media/an-article/Chart.png"
    fixed_text = apply_fix(LEARN_FRONT + body, missing.fix)
    assert "](media/an-article/chart.png)" in fixed_text


def test_without_a_profile_picture_files_change_nothing() -> None:
    from editor.core.images import ImageFile

    view = MemoryFiles({}, "")
    report = check_post(
        "![](a.png)\n", None, files=view, path="a.md", images=[ImageFile("b.png", 1, 1, 1)]
    )
    assert [p.rule for p in report.problems] == ["images.missing", "images.alt-missing"]
