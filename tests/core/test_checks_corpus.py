"""The whole shared corpus goes through the checks: no crashes, and findings that match what
is known about those files (``../shared/research`` and the corpus manifests).

Learn articles are checked with the real files around them (the corpus keeps their images);
the blog's corpus has no images, so its posts are checked without a file view.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path, PurePosixPath

import pytest

from editor.core.checks import CheckReport, MemoryFiles, apply_fix, check_post
from editor.core.front_matter import read_front_matter
from editor.core.profiles import builtin_profiles_dir, load_profiles, match_profile

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PROFILES = load_profiles(builtin_profiles_dir()).profiles

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir() and not os.environ.get("CI"), reason="../shared/corpus is not present"
)


def posts(site: str) -> list[Path]:
    root = CORPUS / site
    return sorted(
        p
        for p in root.rglob("*.md")
        if p.is_file()
        and p.name != "MANIFEST.md"
        and "_templates" not in p.parts
        and "includes" not in p.parts
    )


@cache
def learn_files() -> MemoryFiles:
    root = CORPUS / "learn"
    sizes = {
        str(PurePosixPath(path.relative_to(root).as_posix())): path.stat().st_size
        for path in root.rglob("*")
        if path.is_file()
    }
    return MemoryFiles(sizes)


class _Under:
    """The corpus's file view seen from one article's folder."""

    def __init__(self, folder: str) -> None:
        self._folder = folder

    def entries(self, folder: str) -> Mapping[str, int | None] | None:
        joined = f"{self._folder}/{folder}" if folder else self._folder
        return learn_files().entries(os.path.normpath(joined))

    def read_text(self, path: str) -> str | None:
        file = CORPUS / "learn" / self._folder / path
        return file.read_text(encoding="utf-8-sig") if file.is_file() else None


@cache
def report(path: Path) -> CheckReport:
    text = path.read_text(encoding="utf-8-sig")
    profile = match_profile(path, read_front_matter(text).data, PROFILES)
    files = None
    if "learn" in path.relative_to(CORPUS).parts[:1]:
        folder = path.parent.relative_to(CORPUS / "learn").as_posix()
        files = _Under(folder)
    return check_post(text, profile, files=files, path=path)


def rules(path: Path, rule: str) -> list[int]:
    return [(p.line or 0) + 1 for p in report(path).problems if p.rule == rule]


def by_name(site: str, name: str) -> Path:
    return next(p for p in posts(site) if name in p.as_posix())


ALL = posts("learn") + posts("pnp-blog")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_corpus_post_is_checked_by_its_site_rules(path: Path) -> None:
    result = report(path)
    site = path.relative_to(CORPUS).parts[0]
    assert result.site == {"learn": "learn", "pnp-blog": "pnp-blog"}[site]
    for problem in result.problems:
        assert problem.message.english().strip()
        assert (
            problem.line is None
            or 0 <= problem.line < len(path.read_text("utf-8").splitlines()) + 1
        )


def _learn_description(path: Path) -> str:
    data = read_front_matter(path.read_text(encoding="utf-8-sig")).data or {}
    return str(data.get("description", ""))


@pytest.mark.parametrize("path", posts("learn"), ids=lambda p: p.name)
def test_learn_descriptions_under_75_characters_are_errors(path: Path) -> None:
    short = len(_learn_description(path)) < 75
    flagged = [
        p
        for p in report(path).problems
        if p.rule == "metadata.description" and p.severity == "error"
    ]
    assert bool(flagged) == short


def test_learn_articles_have_one_h1_first_and_tabs_are_not_h1s() -> None:
    for path in posts("learn"):
        h1 = [p.rule for p in report(path).problems if p.rule.startswith("structure.h1")]
        assert h1 == [], path


def test_learn_alerts_are_all_real_types_and_loose_spellings_get_hints() -> None:
    assert all(not rules(p, "extensions.alert-type") for p in posts("learn"))
    # ``>[!TIP]`` without a space and ``[!Note]`` in mixed case, as the manifest lists them
    loose = rules(by_name("learn", "highlighted-content-web-part"), "extensions.alert-spelling")
    assert loose
    for path in posts("learn"):
        lines = path.read_text("utf-8").splitlines()
        for line in rules(path, "extensions.alert-spelling"):
            text = lines[line - 1].lstrip()
            assert text.startswith(">[!") or not text[4:].split("]")[0].isupper()


def test_learn_case_mismatched_images_are_found_with_the_disk_name() -> None:
    naming = report(by_name("learn", "microsoft-teams-naming-importance"))
    case = [p for p in naming.problems if p.rule == "images.case"]
    assert case
    assert "NameBreakdown.png" in case[0].message.english()
    dlp = rules(by_name("learn", "power-platform-DLP-policies"), "images.case")
    assert len(dlp) >= 4


def test_learn_image_missing_from_the_snapshot_is_reported() -> None:
    path = by_name("learn", "working-with-cascading-lists")
    assert rules(path, "images.missing")


def test_learn_community_links_are_all_https() -> None:
    for path in posts("learn"):
        if "Community" in path.parts:
            assert rules(path, "links.https") == [], path


def test_learn_locale_findings_are_microsoft_links_with_a_locale() -> None:
    found = 0
    for path in posts("learn"):
        lines = path.read_text("utf-8").splitlines()
        for line in rules(path, "links.locale"):
            assert "microsoft.com/" in lines[line - 1] or "office.com/" in lines[line - 1]
            found += 1
    assert found


def test_blog_h1s_in_the_body_are_the_three_known_posts() -> None:
    with_h1 = sorted(p.parent.name for p in posts("pnp-blog") if rules(p, "structure.h1-in-body"))
    assert with_h1 == [
        "Why-Conditional-Access-Alone-Is-Not-Enough",
        "beyond-questions-how-copilot-chat-actually-helps-you -get-work-done",
        "office-add-ins-community-call--2022-09-14",
    ]


def test_blog_posts_use_only_shortcodes_the_site_has() -> None:
    for path in posts("pnp-blog"):
        assert rules(path, "shortcodes.unknown") == [], path
        assert rules(path, "shortcodes.unclosed") == [], path
    assert rules(by_name("pnp-blog", "m365-dev-podcast--2022-04-20"), "shortcodes.podbean")


def test_blog_web_addresses_without_https_are_found() -> None:
    assert (
        len(rules(by_name("pnp-blog", "microsoft-365-developer-account"), "links.no-scheme")) == 3
    )
    assert rules(by_name("pnp-blog", "office-add-ins-community-call"), "links.no-scheme")


def test_blog_pictures_without_alt_text() -> None:
    chatgpt = rules(by_name("pnp-blog", "bring-chatgpt-to-microsoft-teams"), "images.alt-missing")
    assert len(chatgpt) == 13


def _fixable() -> Iterator[tuple[Path, int]]:
    for path in ALL:
        for index, problem in enumerate(report(path).problems):
            if problem.fix is not None:
                yield path, index


def test_every_quick_fix_in_the_corpus_removes_its_problem() -> None:
    checked = 0
    for path, index in _fixable():
        before = report(path)
        problem = before.problems[index]
        assert problem.fix is not None
        text = path.read_text(encoding="utf-8-sig")
        after = check_post(
            apply_fix(text, problem.fix),
            match_profile(path, read_front_matter(text).data, PROFILES),
            files=_files_for(path),
            path=path,
        )
        same = [p for p in after.problems if p.rule == problem.rule]
        assert len(same) < sum(1 for p in before.problems if p.rule == problem.rule), (
            path,
            problem,
        )
        checked += 1
    assert checked > 50


def _files_for(path: Path) -> _Under | None:
    if path.relative_to(CORPUS).parts[0] != "learn":
        return None
    return _Under(path.parent.relative_to(CORPUS / "learn").as_posix())


def test_learn_extensions_in_the_corpus_are_all_valid() -> None:
    """Every article was published, so its extensions build: only spelling hints remain
    (zones, tabs, rows and columns, complex images, and the examples in code blocks)."""
    for path in posts("learn"):
        found = {p.rule for p in report(path).problems if p.rule.startswith("extensions.")}
        assert found <= {"extensions.alert-spelling"}, (path, found)
