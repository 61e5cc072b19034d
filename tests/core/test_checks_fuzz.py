"""Any text at all goes through the checks without an error, and every quick fix offered
applies and removes a problem of its rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.checks import FixNotApplicableError, MemoryFiles, apply_fix, check_post
from editor.core.profiles import builtin_profiles_dir, load_profiles

PROFILES = (*load_profiles(builtin_profiles_dir()).profiles, None)
#: Pieces of Markdown, front matter and both sites' extensions, to be shuffled together.
PIECES = (
    "# ", "## ", "\n", "\n\n", "> ", "[!NOTE]", "[!Foo]", ">[!tip]", ":::image ",
    'source="a.png" ', 'alt-text="x"', ":::", ":::row:::", ":::row-end:::", "::: zone-end",
    "{{< ", "notice", " >}}", "{{< /notice >}}", "{{</* x */>}}", "{{< mermaid >}}", "![",
    "](", ")", "[", "]", "(#", "http://", "https://learn.microsoft.com/en-us/x", "aka.ms/x",
    "`", "```", "~~~", "- ", "  - ", "1. ", "2. ", "<!--", "-->", "<img src='a.png'>",
    "<a id='x'>", "---\n", "title: x\n", "é", "\t", "\r\n", "[!include[a](includes/a.md)]",
    "%20", "\\", "../", "images/", "A.PNG", "Setext\n---\n", "|a|b|\n|-|-|\n", "😀",
)  # fmt: skip
FILES = MemoryFiles(
    {"c/images/a.png": 5, "c/includes/a.md": 3},
    "c",
    {"c/includes/a.md": "[!INCLUDE [b](b.md)]\n"},
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PIECES), max_size=50), st.sampled_from(PROFILES))
def test_any_text_is_checked_and_fixes_remove_their_problem(pieces, profile) -> None:
    text = "".join(pieces)
    report = check_post(text, profile, files=FILES, path="c/index.md")
    for problem in report.problems:
        assert problem.message.english()
        if problem.fix is None:
            continue
        try:
            fixed = apply_fix(text, problem.fix)
        except FixNotApplicableError:
            continue  # a front-matter edit refused (e.g. unreadable YAML): nothing changed
        after = check_post(fixed, profile, files=FILES, path="c/index.md")
        before_count = sum(p.rule == problem.rule for p in report.problems)
        assert sum(p.rule == problem.rule for p in after.problems) < before_count, problem
