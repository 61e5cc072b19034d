"""The post header above the body: title, author, reading time, date and tags, as the blog
shows them, from the front matter, live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.front_matter import read_front_matter
from editor.core.render import RenderOptions, render_document
from editor.core.render.post_header import humanize, initials, urlize

HEADER = RenderOptions(post_header=True)
POST = """---
title: "Build your first web part"
date: 2023-01-02T08:00:00.000Z
author: "Søren Lund"
githubname: slund
tags: ["SharePoint Framework (SPFx)", "Microsoft 365"]
---
## Intro

Some words here.
"""


def header_html(text: str) -> str:
    first = render_document(text, HEADER).blocks[0]
    assert first.html.startswith('<header class="post-header">')
    return first.html


def test_the_header_is_the_first_block_and_covers_the_front_matter() -> None:
    blocks = render_document(POST, HEADER).blocks
    assert (blocks[0].start_line, blocks[0].end_line) == (0, 7)
    assert blocks[1].start_line == 7
    assert "Intro" in blocks[1].html


def test_the_header_shows_what_the_site_shows() -> None:
    html = header_html(POST)
    assert '<h1 class="h2">Build your first web part</h1>' in html
    assert 'href="https://github.com/slund/" class="card-meta-author"' in html
    assert '<span class="avatar-placeholder" aria-hidden="true">SL</span>' in html
    assert "<span>Søren Lund</span>" in html
    assert "1 minutes to read" in html
    assert '<time datetime="2023-01-02">02 Jan, 2023</time>' in html
    tags = re.findall(r'<a href="(tags/[^"]+)"[^>]*>([^<]+)</a>', html)
    assert tags == [
        ("tags/sharepoint-framework-spfx", "Share point framework ( spfx)"),
        ("tags/microsoft-365", "Microsoft 365"),
    ]


def test_no_header_unless_the_profile_asks_for_it() -> None:
    blocks = render_document(POST).blocks
    assert all("post-header" not in block.html for block in blocks)
    assert blocks[0].start_line == 7


def test_editing_the_title_changes_only_the_header_block() -> None:
    before = render_document(POST, HEADER).blocks
    after = render_document(POST.replace("first web part", "second web part"), HEADER).blocks
    assert before[0].key != after[0].key
    assert "Build your second web part" in after[0].html
    assert [block.key for block in before[1:]] == [block.key for block in after[1:]]


def test_the_date_is_shown_in_its_own_time_zone() -> None:
    html = header_html(POST.replace("2023-01-02T08:00:00.000Z", "2022-04-25T23:40:00-04:00"))
    assert "25 Apr, 2022" in html


def test_a_post_without_title_says_so_and_without_date_or_tags_leaves_them_out() -> None:
    html = header_html("---\nauthor: Ann\ntags: null\n---\nText.\n")
    assert "No title yet" in html
    assert "calendar" not in html
    assert "card-meta-tag" not in html
    assert "<span>Ann</span>" in html  # no GitHub login: the name alone, no link


def test_a_document_without_front_matter_gets_an_empty_header_on_no_lines() -> None:
    blocks = render_document("Just text.\n", HEADER).blocks
    assert (blocks[0].start_line, blocks[0].end_line) == (0, 0)
    assert "No title yet" in blocks[0].html


def test_broken_front_matter_still_renders_and_is_still_reported() -> None:
    result = render_document('---\ntitle: "unclosed\n---\nText.\n', HEADER)
    assert "No title yet" in result.blocks[0].html
    assert result.front_matter_problem is not None


def test_front_matter_text_is_escaped_not_run() -> None:
    html = header_html(
        '---\ntitle: "<script>alert(1)</script><b>x</b>"\nauthor: "<img src=x>"\n---\n'
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("tag", "shown"),
    [  # checked with Hugo 0.111's humanize
        ("SharePoint Framework (SPFx)", "Share point framework ( spfx)"),
        ("Microsoft 365", "Microsoft 365"),
        ("MSTeams", "Msteams"),
        ("power-apps", "Power apps"),
        ("CLI for Microsoft 365", "CLI for microsoft 365"),
        ("azure_dev ops", "Azure dev ops"),
        ("Copilot Studio", "Copilot studio"),
        ("Microsoft365", "Microsoft365"),
        ("HTML", "HTML"),
        ("2023", "2023rd"),
    ],
)
def test_tags_are_humanized_like_hugo(tag: str, shown: str) -> None:
    assert humanize(tag) == shown


def test_tag_addresses_and_initials() -> None:
    assert urlize("SharePoint Framework (SPFx)") == "sharepoint-framework-spfx"
    assert urlize("azure_dev ops") == "azure_dev-ops"
    assert initials("Vesa Juvonen") == "VJ"
    assert initials("João Ferreira da Silva") == "JS"
    assert initials("") == "?"


def test_every_corpus_post_gets_its_title_in_the_header(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus" / "pnp-blog").glob("*/index.md")):
        text = path.read_text(encoding="utf-8-sig")
        data = read_front_matter(text).data or {}
        html = header_html(text)
        title = str(data.get("title", "")).strip()
        assert f">{title.replace('&', '&amp;')}</h1>" in html, path.parent.name
