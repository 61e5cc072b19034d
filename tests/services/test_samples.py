"""The bundled sample posts are good examples: matched to their site, clean, and well shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.app import sample_post
from editor.core.front_matter import read_front_matter
from editor.core.profiles import builtin_profiles_dir, load_profiles, match_profile
from editor.core.render.document import render_document
from editor.core.render.model import RenderOptions
from editor.core.source_files import repository_location
from editor.services.checks_files import check_saved_post
from editor.services.paths import app_paths
from editor.services.source_files import FolderSourceFiles


@pytest.mark.parametrize(
    ("site", "dialect"), [("pnp-blog", "goldmark"), ("learn-m365-community", "markdig")]
)
def test_each_sites_sample_is_matched_clean_and_renders_without_problems(
    tmp_path: Path, site: str, dialect: str
) -> None:
    paths = app_paths({"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")})
    post = sample_post(paths, site)
    text = post.read_text(encoding="utf-8")
    profiles = load_profiles(builtin_profiles_dir()).profiles
    profile = match_profile(post, read_front_matter(text).data, profiles)
    assert profile is not None and profile.id == site
    problems = [p for p in check_saved_post(text, profile, post).problems if p.severity != "hint"]
    assert problems == []
    root, document = repository_location(post, profile.post_path)
    options = RenderOptions(
        dialect=dialect,
        source_files=FolderSourceFiles(str(root)),
        document_path=document,
        repository_files=tuple((f.path, f.description) for f in profile.repository_files),
    )
    html = render_document(text, options).html
    assert "problem" not in html and "not supported" not in html
    assert post.read_text(encoding="utf-8") == text  # copied once; edits would be kept


def test_a_site_without_its_own_sample_gets_the_blogs(tmp_path: Path) -> None:
    paths = app_paths({"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")})
    assert sample_post(paths, "mkdocs-material-blog").name == "welcome.md"
