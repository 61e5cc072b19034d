"""The preview's rules without a page: paths, types, policy, request filter, update messages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo

from editor.core.preview_files import servable_file
from editor.core.render.document import block_key
from editor.core.render.model import RenderedBlock
from editor.core.render.patch import build_update
from editor.ui.preview.bridge import PreviewBridge
from editor.ui.preview.page import link_target
from editor.ui.preview.policy import content_security_policy, request_allowed
from editor.ui.preview.scheme import SCHEME, local_path, shell_url

_Type = QWebEngineUrlRequestInfo.ResourceType


# ---- files ---------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    post = tmp_path / "post"
    (post / "img").mkdir(parents=True)
    for name in ("img/a.png", "b.JPG", "c.svg", "d.webp", "e.gif", "f.jpeg"):
        (post / name).write_bytes(b"x")
    for name in ("page.html", "style.css", "script.js", "notes.md", "font.woff2", "doc.pdf"):
        (post / name).write_text("x")
    (tmp_path / "secret.png").write_bytes(b"x")
    return post


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("img/a.png", "image/png"),
        ("b.JPG", "image/jpeg"),
        ("c.svg", "image/svg+xml"),
        ("d.webp", "image/webp"),
        ("e.gif", "image/gif"),
        ("f.jpeg", "image/jpeg"),
    ],
)
def test_images_inside_the_root_are_served(root: Path, name: str, mime: str) -> None:
    assert servable_file(root, root / name) == ((root / name).resolve(), mime)


@pytest.mark.parametrize(
    "name", ["page.html", "style.css", "script.js", "notes.md", "font.woff2", "doc.pdf"]
)
def test_other_types_are_refused(root: Path, name: str) -> None:
    assert servable_file(root, root / name) is None


def test_files_outside_the_root_are_refused(root: Path) -> None:
    (root / "link.png").symlink_to(root.parent / "secret.png")
    (root / "dir").symlink_to(root.parent)
    assert servable_file(root, root / ".." / "secret.png") is None
    assert servable_file(root, root.parent / "secret.png") is None
    assert servable_file(root, root / "link.png") is None
    assert servable_file(root, root / "dir" / "secret.png") is None


def test_odd_candidates_are_refused(root: Path) -> None:
    (root / "loop.png").symlink_to(root / "loop.png")
    (root / "folder.png").mkdir()
    (root / "renamed.png").symlink_to(root / "page.html")
    assert servable_file(None, root / "img" / "a.png") is None
    assert servable_file(root, root / "missing.png") is None
    assert servable_file(root, root / "loop.png") is None
    assert servable_file(root, root / "folder.png") is None
    assert servable_file(root, root / "renamed.png") is None
    assert servable_file(root, root / "nul\x00.png") is None


# ---- URLs ----------------------------------------------------------------------------------


def test_shell_url_mirrors_the_folder_so_relative_links_resolve(tmp_path: Path) -> None:
    folder = tmp_path / "my posts" / "one"
    url = shell_url("gen1", folder)
    assert url.scheme() == SCHEME and url.host() == "doc"
    assert local_path(url.resolved(QUrl("img/a%20b.png")), "gen1") == folder / "img" / "a b.png"
    assert local_path(url.resolved(QUrl("../two/x.md")), "gen1") == folder.parent / "two" / "x.md"


def test_local_path_needs_the_current_generation(tmp_path: Path) -> None:
    url = shell_url("gen1", tmp_path).resolved(QUrl("a.png"))
    assert local_path(url, "gen2") is None
    assert local_path(url, "") is None
    assert local_path(QUrl(f"{SCHEME}://app/gen1/a.png"), "gen1") is None
    assert local_path(QUrl(f"{SCHEME}://doc/a.png"), "gen1") is None
    assert local_path(QUrl(f"https://doc/gen1{tmp_path}/a.png"), "gen1") is None


def test_untitled_document_shell_url_has_no_folder() -> None:
    url = shell_url("gen1", None)
    assert url.toString() == f"{SCHEME}://doc/gen1/"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("http://example.com/", "http://example.com/"),
        ("mailto:a@example.com", "mailto:a@example.com"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,x", None),
        ("ms-msdt:/id", None),
        ("picture.png", None),
    ],
)
def test_link_targets(tmp_path: Path, href: str, expected: str | None) -> None:
    target = link_target(shell_url("g", tmp_path).resolved(QUrl(href)), "g")
    assert (target.toString() if target else None) == expected


def test_markdown_link_target_is_a_local_file(tmp_path: Path) -> None:
    target = link_target(shell_url("g", tmp_path).resolved(QUrl("next.md#intro")), "g")
    assert target is not None
    assert target.toLocalFile() == str(tmp_path / "next.md")
    assert target.fragment() == "intro"


# ---- policy and request filter ------------------------------------------------------------------


def test_policy_without_remote_content() -> None:
    policy = content_security_policy(remote_allowed=False)
    assert policy.startswith("default-src 'none'")
    assert f"img-src {SCHEME}: data:;" in policy
    assert "script-src 'none'" in policy
    assert "frame-src 'none'" in policy
    assert "https:" not in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "form-action 'none'"):
        assert directive in policy


def test_policy_with_remote_content() -> None:
    policy = content_security_policy(remote_allowed=True)
    assert f"img-src {SCHEME}: data: https:;" in policy
    assert "frame-src https:" in policy
    assert "script-src 'none'" in policy


@pytest.mark.parametrize(
    ("scheme", "kind", "initiator", "remote", "allowed"),
    [
        (SCHEME, _Type.ResourceTypeMainFrame, "", False, True),
        (SCHEME, _Type.ResourceTypeImage, SCHEME, False, True),
        ("https", _Type.ResourceTypeImage, SCHEME, False, False),
        ("https", _Type.ResourceTypeImage, SCHEME, True, True),
        ("https", _Type.ResourceTypeSubFrame, SCHEME, True, True),
        ("https", _Type.ResourceTypeScript, SCHEME, True, False),
        ("https", _Type.ResourceTypeXhr, SCHEME, True, False),
        ("https", _Type.ResourceTypeStylesheet, "https", True, True),
        ("http", _Type.ResourceTypeImage, SCHEME, True, False),
        ("file", _Type.ResourceTypeImage, SCHEME, True, False),
        ("data", _Type.ResourceTypeImage, SCHEME, False, False),
        ("wss", _Type.ResourceTypeWebSocket, SCHEME, True, False),
    ],
)
def test_request_filter(scheme: str, kind, initiator: str, remote: bool, allowed: bool) -> None:
    assert request_allowed(scheme, kind, initiator, remote) is allowed


# ---- update messages -------------------------------------------------------------------------


def _block(html: str, start: int, end: int) -> RenderedBlock:
    return RenderedBlock(block_key(html), html, start, end)


def test_update_sends_only_unknown_html_and_keys_by_content() -> None:
    first = [_block("<p>a</p>", 0, 1), _block("<p>b</p>", 2, 3)]
    message, keys = build_update(1, first, frozenset())
    assert message["revision"] == 1
    assert set(message["html"].values()) == {"<p>a</p>", "<p>b</p>"}

    moved = [_block("<p>new</p>", 0, 1), _block("<p>a</p>", 2, 3), _block("<p>b</p>", 4, 5)]
    message, keys = build_update(2, moved, keys)
    assert list(message["html"].values()) == ["<p>new</p>"]
    assert [line for _key, line, _end in message["order"]] == [0, 2, 4]
    assert message["order"][1][0] == block_key("<p>a</p>")
    assert keys == {block_key(html) for html in ("<p>new</p>", "<p>a</p>", "<p>b</p>")}


def test_repeated_html_is_sent_once() -> None:
    message, keys = build_update(1, [_block("<hr>", 0, 1), _block("<hr>", 2, 3)], frozenset())
    assert len(message["order"]) == 2
    assert len(message["html"]) == 1
    assert len(keys) == 1


# ---- bridge ------------------------------------------------------------------------------------


def test_bridge_passes_only_sane_numbers(qtbot) -> None:
    bridge = PreviewBridge()
    scrolled: list[float] = []
    clicked: list[int] = []
    bridge.user_scrolled.connect(scrolled.append)
    bridge.block_clicked.connect(clicked.append)
    for value in (3.5, math.nan, math.inf, -2.0):
        bridge.report_scroll(value)
    for value in (4.0, math.nan, -1.0):
        bridge.report_click(value)
    assert scrolled == [3.5, 0.0]
    assert clicked == [4]
