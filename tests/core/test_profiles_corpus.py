"""Every post of the shared corpus is matched to its site profile and validated.

The expectations below were checked against the files: the Learn articles flagged
``error:description`` are exactly those whose description is under 75 characters;
``warning:ms.date`` marks an unpadded M/D/YYYY date; ``warning:categories`` marks a blog post
without “Community post” (call recordings, series, and one “Community Post” with a capital P);
``error:videos`` marks the two posts whose ``videos`` list holds a nested ``- draft: false``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.front_matter import read_front_matter
from editor.core.profiles import (
    Finding,
    Profile,
    ProfileSet,
    builtin_profiles_dir,
    load_profiles,
    match_profile,
    validate_metadata,
)

LEARN = "learn-m365-community"
BLOG = "pnp-blog"

# (path under corpus/, expected profile, expected findings as "severity:key" in order)
CORPUS: tuple[tuple[str, str, str], ...] = (
    ("learn/Community/accessibility-by-design.md", LEARN, "error:description warning:ms.date"),
    ("learn/Community/all-about-groups.md", LEARN, "warning:ms.date"),
    ("learn/Community/article-template.md", LEARN, "error:description warning:ms.date"),
    (
        "learn/Community/basic-security-set-up-for-microsoft-365.md",
        LEARN,
        "error:description warning:ms.date",
    ),
    (
        "learn/Community/cds-and-model-driven-apps-standards-and-naming-conventions.md",
        LEARN,
        "error:description warning:ms.date warning:ms.topic",
    ),
    (
        "learn/Community/changing-microsoft-teams-from-private-to-public-what-to-expect-in-sharepoint.md",
        LEARN,
        "hint:title hint:description warning:ms.date",
    ),
    ("learn/Community/content-type-propagation.md", LEARN, "error:description warning:ms.date"),
    ("learn/Community/document-lifecycle-scenarios.md", LEARN, "warning:ms.date"),
    ("learn/Community/file-naming-intranet.md", LEARN, "error:description warning:ms.date"),
    ("learn/Community/glossary.md", LEARN, "error:description"),
    ("learn/Community/highlighted-content-web-part.md", LEARN, ""),
    (
        "learn/Community/how-do-site-columns-become-managed-properties-thus-available-for-search.md",
        LEARN,
        "hint:title error:description warning:ms.date",
    ),
    ("learn/Community/importing-data.md", LEARN, "error:description warning:ms.date"),
    ("learn/Community/intranet-content-sources.md", LEARN, ""),
    ("learn/Community/large-lists-large-libraries-in-SharePoint.md", LEARN, "warning:ms.date"),
    (
        "learn/Community/list-column-or-site-column-which-one-to-choose.md",
        LEARN,
        "error:description warning:ms.date",
    ),
    (
        "learn/Community/making-good-technology-decisions--compare-link-news-link-and-link-to-a-document.md",
        LEARN,
        "error:description",
    ),
    (
        "learn/Community/making-good-technology-decisions--establishing-decision-criteria.md",
        LEARN,
        "error:description warning:ms.date",
    ),
    ("learn/Community/microsoft-365-on-social-media.md", LEARN, "hint:description warning:ms.date"),
    ("learn/Community/microsoft-teams-naming-importance.md", LEARN, "error:description"),
    ("learn/Community/new-site-checklist.md", LEARN, "error:description"),
    (
        "learn/Community/power-automate-send-sharepoint-files-as-attachments.md",
        LEARN,
        "error:description",
    ),
    ("learn/Community/power-automate-vs-logic-apps.md", LEARN, "error:description"),
    (
        "learn/Community/power-platform-DLP-policies-you-should-be-considering-on-Day-1.md",
        LEARN,
        "hint:title error:description warning:ms.date",
    ),
    ("learn/Community/query-string-url-tricks-sharepoint-m365.md", LEARN, "hint:description"),
    (
        "learn/Community/sharepoint-security-a-team-effort.md",
        LEARN,
        "error:description warning:ms.date",
    ),
    (
        "learn/Community/teams-shared-channel-for-admins.md",
        LEARN,
        "error:description warning:ms.date",
    ),
    (
        "learn/Community/understanding-where-tenant-display-name-is-used.md",
        LEARN,
        "error:description",
    ),
    (
        "learn/Community/using-shared-channels-for-external-collaboration.md",
        LEARN,
        "hint:description",
    ),
    ("learn/Community/versioning-basics-best-practices.md", LEARN, "error:description"),
    (
        "learn/Community/working-with-cascading-lists-in-sharepoint-and-powerapps.md",
        LEARN,
        "error:description",
    ),
    (
        "learn/Community/working-with-modern-clientside-pages-using-pnp-powershell.md",
        LEARN,
        "error:description",
    ),
    ("learn/Contribute/content/code-in-docs.md", LEARN, "hint:description"),
    ("learn/Contribute/content/docs-authoring/image-compression.md", LEARN, "hint:description"),
    ("learn/Contribute/content/get-started-setup-local.md", LEARN, ""),
    ("learn/Contribute/content/get-started-setup-tools.md", LEARN, ""),
    ("learn/Contribute/content/how-to-write-docs-auth-pack.md", LEARN, "hint:description"),
    ("learn/Contribute/content/how-to-write-major-edits.md", LEARN, "hint:description"),
    ("learn/Contribute/content/markdown-reference.md", LEARN, "error:description"),
    ("learn/Contribute/content/process-pull-request.md", LEARN, "hint:description"),
    ("pnp-blog/01-what-is-spfx/index.md", BLOG, "warning:categories"),
    ("pnp-blog/1-pnp-powershell-clientid-selector/index.md", BLOG, ""),
    ("pnp-blog/2023-07-call-summer-schedule/index.md", BLOG, ""),
    ("pnp-blog/7-reasons-to-contribute-to-the-community/index.md", BLOG, ""),
    (
        "pnp-blog/Build_Power_Automate_Flows_&_Power_Apps_Using_Natural_Language_in_Copilot_Studio_with_Power_Platform_MCP/index.md",
        BLOG,
        "",
    ),
    ("pnp-blog/Copilot-SharePoint-HTML-Learning-Experience-Dashboard/index.md", BLOG, ""),
    ("pnp-blog/Deep-dive_-Managed-&-Unmanaged-solutions/index.md", BLOG, ""),
    (
        "pnp-blog/How-to-create-a-button-in-a-Model-Driven-(Dataverse)-Power-App-that-launches-a-Power-Automate-Flow-in-a-Solution/index.md",
        BLOG,
        "",
    ),
    ("pnp-blog/Listview-threashold-APIs/index.md", BLOG, ""),
    ("pnp-blog/Microsoft-365-Hardening-Reducing-Risk-and-Optimizing-Governance/index.md", BLOG, ""),
    ("pnp-blog/My-first-SPFX-web-part.md/index.md", BLOG, "warning:categories"),
    ("pnp-blog/Why-Conditional-Access-Alone-Is-Not-Enough/index.md", BLOG, ""),
    (
        "pnp-blog/adaptive-cards-community-call--adaptive-cards-community-call-march-2021/index.md",
        BLOG,
        "warning:categories",
    ),
    (
        "pnp-blog/adaptive-cards-community-call--adaptive-cards-community-call-november-2022/index.md",
        BLOG,
        "warning:categories error:videos",
    ),
    ("pnp-blog/azuredevops-powerplatform-workloadidentityfederation/index.md", BLOG, ""),
    (
        "pnp-blog/beyond-questions-how-copilot-chat-actually-helps-you -get-work-done/index.md",
        BLOG,
        "",
    ),
    ("pnp-blog/bring-chatgpt-to-microsoft-teams/index.md", BLOG, ""),
    (
        "pnp-blog/cli-for-microsoft-365--cli-for-microsoft-365-v11-11/index.md",
        BLOG,
        "warning:categories",
    ),
    (
        "pnp-blog/cli-for-microsoft-365--cli-for-microsoft-365-v3-6.md/index.md",
        BLOG,
        "warning:categories error:images",
    ),
    ("pnp-blog/cli-for-microsoft-365--new-maintainers-2024/index.md", BLOG, "warning:categories"),
    ("pnp-blog/community-sample-faqs-with-propertyfieldcollectiondata/index.md", BLOG, ""),
    ("pnp-blog/copilot-studio-vs-agent-builder-vs-foundry/index.md", BLOG, ""),
    ("pnp-blog/get-started-with-adaptive-cards/index.md", BLOG, ""),
    ("pnp-blog/haunted-workflows-spooky-automation-tales-with-power-automate/index.md", BLOG, ""),
    (
        "pnp-blog/how-to-build-an-auto-height-textinput-component-for-power-apps.md/index.md",
        BLOG,
        "",
    ),
    ("pnp-blog/how-to-contribute-to-this-blog/index.md", BLOG, ""),
    ("pnp-blog/how-to-use-markdown-syntax-in-text-web-part/index.md", BLOG, ""),
    ("pnp-blog/m365-dev-podcast--2022-04-20-Ed-Averett/index.md", BLOG, "warning:categories"),
    ("pnp-blog/microsoft-365-developer-account/index.md", BLOG, ""),
    (
        "pnp-blog/microsoft-365-platform-community-call--2023-06-27/index.md",
        BLOG,
        "warning:categories",
    ),
    ("pnp-blog/microsoft-365-pnp-weekly--episode-113/index.md", BLOG, "warning:categories"),
    ("pnp-blog/microsoft-365-pnp-weekly--episode-254/index.md", BLOG, "warning:categories"),
    (
        "pnp-blog/microsoft-identity-platform-community-call--microsoft-identity-platform-community-call-september-2022/index.md",
        BLOG,
        "warning:categories error:videos",
    ),
    (
        "pnp-blog/microsoft-viva-and-spfx-community-call--sharepoint-framework-community-call-recording-11th-of-march-2021/index.md",
        BLOG,
        "warning:categories",
    ),
    ("pnp-blog/navigate-onedrive-data-with-microsoft-graph-and-mgt-file-list/index.md", BLOG, ""),
    ("pnp-blog/new-pnp-team-members-june-2022/index.md", BLOG, ""),
    ("pnp-blog/office-add-ins-community-call--2022-09-14/index.md", BLOG, "warning:categories"),
    (
        "pnp-blog/power-platform-community-call--power-apps-community-call-september-2022/index.md",
        BLOG,
        "warning:categories",
    ),
    ("pnp-blog/spfx-toolkit-vscode-2024-wrap-up/index.md", BLOG, ""),
    ("pnp-blog/weekly-agenda--24-08-19/index.md", BLOG, "warning:categories"),
)


def _is_post(path: Path) -> bool:
    """Articles and posts; not manifests, site templates or include snippets."""
    skipped = {"_templates", "includes"}
    return path.is_file() and path.name != "MANIFEST.md" and not skipped & set(path.parts)


@pytest.fixture(scope="module")
def profiles() -> ProfileSet:
    """The built-in profiles."""
    return load_profiles(builtin_profiles_dir())


def _findings(
    corpus: Path, relative: str, profiles: ProfileSet
) -> tuple[Profile, tuple[Finding, ...]]:
    text = (corpus / relative).read_text(encoding="utf-8")
    parsed = read_front_matter(text)
    assert parsed.problem is None
    profile = match_profile(Path(relative), parsed.data, profiles.profiles)
    assert profile is not None
    return profile, validate_metadata(profile, parsed.data, text)


def test_the_table_lists_every_post_of_the_corpus(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    on_disk = {str(p.relative_to(corpus)) for p in corpus.rglob("*.md") if _is_post(p)}
    assert on_disk == {relative for relative, _profile, _expected in CORPUS}


@pytest.mark.parametrize(("relative", "profile_id", "expected"), CORPUS, ids=lambda v: str(v)[:60])
def test_corpus_post_is_matched_and_validated(
    shared_dir: Path, profiles: ProfileSet, relative: str, profile_id: str, expected: str
) -> None:
    profile, findings = _findings(shared_dir / "corpus", relative, profiles)
    assert profile.id == profile_id
    assert " ".join(f"{f.severity}:{f.key}" for f in findings) == expected


def test_short_learn_descriptions_are_errors(shared_dir: Path, profiles: ProfileSet) -> None:
    """Every Community article whose description is under 75 characters, and only those."""
    corpus = shared_dir / "corpus"
    flagged, short = set(), set()
    for relative, _profile, _expected in CORPUS:
        if not relative.startswith("learn/Community/"):
            continue
        parsed = read_front_matter((corpus / relative).read_text(encoding="utf-8"))
        assert parsed.data is not None
        if len(str(parsed.data["description"])) < 75:
            short.add(relative)
        _p, findings = _findings(corpus, relative, profiles)
        if any(f.severity == "error" and f.key == "description" for f in findings):
            flagged.add(relative)
    assert flagged == short
    assert len(short) == 23  # 22 articles and the repository's article template


def test_capital_p_community_post_gets_a_spelling_fix(
    shared_dir: Path, profiles: ProfileSet
) -> None:
    _p, findings = _findings(
        shared_dir / "corpus", "pnp-blog/My-first-SPFX-web-part.md/index.md", profiles
    )
    (finding,) = findings
    assert finding.severity == "warning"
    assert finding.fix is not None
    assert finding.fix.new_value == ("Community post",)


def test_call_recording_gets_community_post_appended(
    shared_dir: Path, profiles: ProfileSet
) -> None:
    relative = "pnp-blog/weekly-agenda--24-08-19/index.md"
    _p, (finding,) = _findings(shared_dir / "corpus", relative, profiles)
    assert finding.fix is not None
    assert finding.fix.new_value == ("weekly agenda", "Community post")


def test_deprecated_topic_is_a_warning_with_its_replacement(
    shared_dir: Path, profiles: ProfileSet
) -> None:
    relative = "learn/Community/cds-and-model-driven-apps-standards-and-naming-conventions.md"
    _p, findings = _findings(shared_dir / "corpus", relative, profiles)
    topic = next(f for f in findings if f.key == "ms.topic")
    assert topic.severity == "warning"
    assert topic.line == 6
    assert topic.fix is not None
    assert topic.fix.new_value == "concept-article"


def test_unpadded_learn_date_gets_a_padded_fix(shared_dir: Path, profiles: ProfileSet) -> None:
    relative = "learn/Community/teams-shared-channel-for-admins.md"
    _p, findings = _findings(shared_dir / "corpus", relative, profiles)
    date = next(f for f in findings if f.key == "ms.date")
    assert (date.line, date.fix and date.fix.new_value) == (2, "02/21/2025")


def test_draft_post_loads_without_findings(shared_dir: Path, profiles: ProfileSet) -> None:
    relative = "pnp-blog/new-pnp-team-members-june-2022/index.md"
    parsed = read_front_matter((shared_dir / "corpus" / relative).read_text(encoding="utf-8"))
    assert parsed.data is not None
    assert parsed.data["draft"] is True
    _p, findings = _findings(shared_dir / "corpus", relative, profiles)
    assert findings == ()


def test_legacy_flat_post_without_images_is_missing_its_thumbnail(
    shared_dir: Path, profiles: ProfileSet
) -> None:
    relative = "pnp-blog/cli-for-microsoft-365--cli-for-microsoft-365-v3-6.md/index.md"
    _p, findings = _findings(shared_dir / "corpus", relative, profiles)
    images = next(f for f in findings if f.key == "images")
    assert (images.severity, images.line) == ("error", None)
