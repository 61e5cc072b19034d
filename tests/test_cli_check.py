"""``postwright check``, run as a site's CI runs it: a real process, exit codes and JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

BLOG_POST = """---
title: "A post"
date: 2025-01-31T09:30:00+01:00
author: "Ann Author"
githubname: annauthor
categories: ["Community post"]
images:
- images/thumb.png
tags: []
type: "regular"
---

## Intro

Text with ![A chart of sales](images/thumb.png).
"""


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "editor", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def blog_bundle(root: Path, body_extra: str = "", *, thumbnail: bool = True) -> Path:
    bundle = root / "content" / "post" / "a-post"
    (bundle / "images").mkdir(parents=True)
    if thumbnail:
        Image.new("RGB", (40, 20), "white").save(bundle / "images" / "thumb.png")
    post = bundle / "index.md"
    post.write_text(BLOG_POST + body_extra, encoding="utf-8")
    return post


def test_a_clean_post_exits_0(tmp_path: Path) -> None:
    done = run_check(str(blog_bundle(tmp_path)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 file checked: 0 errors, 0 warnings, 0 hints" in done.stdout


def test_an_error_exits_1_and_names_file_line_and_rule(tmp_path: Path) -> None:
    post = blog_bundle(tmp_path, "\n{{< mermaid >}}\n")
    done = run_check(str(post))
    assert done.returncode == 1
    assert f"{post}:17:1: error: " in done.stdout
    assert "[shortcodes.unknown]" in done.stdout


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    post = blog_bundle(tmp_path, "\n# Title again\n")
    done = run_check(str(post))
    assert done.returncode == 0
    assert "warning:" in done.stdout
    assert "(fix: Make it a level-2 heading)" in done.stdout


def test_json_output_lists_every_problem_with_one_based_places(tmp_path: Path) -> None:
    post = blog_bundle(tmp_path, "\n![](images/Thumb.png)\n", thumbnail=True)
    done = run_check("--format", "json", str(post))
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert data["summary"] == {"errors": 1, "warnings": 1, "hints": 0}
    (entry,) = data["files"]
    assert entry["path"] == str(post)
    assert entry["profile"] == "pnp-blog"
    rules = {p["rule"]: p for p in entry["problems"]}
    case = rules["images.missing"]
    assert case["severity"] == "error"
    assert case["line"] == 17
    assert case["column"] == 5
    assert case["end_column"] == 5 + len("images/Thumb.png")
    assert case["fix"] == "Point the link at images/thumb.png"
    assert rules["images.alt-missing"]["severity"] == "warning"


def test_profile_can_be_named_and_an_unknown_one_exits_2(tmp_path: Path) -> None:
    post = tmp_path / "notes.md"
    post.write_text("Intro.\n", encoding="utf-8")
    done = run_check("--profile", "learn-m365-community", "--format", "json", str(post))
    assert done.returncode == 1
    entry = json.loads(done.stdout)["files"][0]
    assert entry["site"] == "learn"
    assert "structure.h1-missing" in {p["rule"] for p in entry["problems"]}
    unknown = run_check("--profile", "nope", str(post))
    assert unknown.returncode == 2
    assert "nope" in unknown.stderr
    assert "pnp-blog" in unknown.stderr


def test_unreadable_files_exit_2_after_checking_the_others(tmp_path: Path) -> None:
    good = blog_bundle(tmp_path)
    bad = tmp_path / "latin1.md"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    done = run_check(str(tmp_path / "missing.md"), str(bad), str(good))
    assert done.returncode == 2
    assert "missing.md" in done.stderr
    assert "latin1.md" in done.stderr
    assert "1 file checked" in done.stdout


def test_no_file_is_a_usage_error() -> None:
    done = run_check()
    assert done.returncode == 2
    assert "FILE" in done.stderr


@pytest.mark.skipif(not CORPUS.is_dir() and not os.environ.get("CI"), reason="no ../shared")
def test_several_corpus_files_in_one_run() -> None:
    learn = CORPUS / "learn" / "Community"
    done = run_check(
        "--format",
        "json",
        str(learn / "microsoft-teams-naming-importance.md"),
        str(learn / "intranet-content-sources.md"),
    )
    assert done.returncode == 1
    files = json.loads(done.stdout)["files"]
    assert [f["site"] for f in files] == ["learn", "learn"]
    naming = [p for p in files[0]["problems"] if p["rule"] == "images.missing"]
    assert "NameBreakdown.png" in naming[0]["message"]
    assert files[1]["problems"] == []


@pytest.mark.skipif(not CORPUS.is_dir() and not os.environ.get("CI"), reason="no ../shared")
@pytest.mark.parametrize(("site", "expected"), [("learn", "learn"), ("pnp-blog", "pnp-blog")])
def test_the_whole_corpus_in_one_run(site: str, expected: str) -> None:
    posts = sorted(
        str(p)
        for p in (CORPUS / site).rglob("*.md")
        if p.is_file()
        and p.name != "MANIFEST.md"
        and "_templates" not in p.parts
        and "includes" not in p.parts
    )
    done = run_check("--format", "json", *posts)
    assert done.returncode == 1, done.stderr  # the corpus has real errors (see its manifest)
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert len(data["files"]) == len(posts) >= 40
    assert {f["site"] for f in data["files"]} == {expected}
    for entry in data["files"]:
        for problem in entry["problems"]:
            assert problem["severity"] in ("error", "warning", "hint")
            assert problem["message"]


def test_help_names_the_options_and_exit_codes() -> None:
    done = run_check("--help")
    assert done.returncode == 0
    for text in ("--profile", "--format", "Exits 1"):
        assert text in done.stdout
