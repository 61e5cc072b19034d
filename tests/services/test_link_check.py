"""Checking web links against a real HTTP server on 127.0.0.1: answers, redirects, servers
that refuse HEAD, timeouts and no network at all."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from editor.core.checks.links import WebLink, link_problems, links_to_check
from editor.services.link_check import LinkChecker

RELEASE = threading.Event()  # the slow page answers only once the test is over


class _Site(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        _Site.seen.append((self.command, self.path))
        if self.path == "/slow":
            RELEASE.wait(10)
        code = {
            "/ok": 200,
            "/missing": 404,
            "/forbidden": 403,
            "/limited": 429,
            "/error": 500,
            "/slow": 200,
        }.get(self.path)
        if self.path == "/no-head":
            code = 405 if head else 200
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/moved-away":
            self.send_response(302)
            self.send_header("Location", "/missing")
            self.end_headers()
            return
        self.send_response(code or 404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if not head:
            self.wfile.write(b"ok")


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Site.seen = []
    RELEASE.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    RELEASE.set()
    server.shutdown()
    server.server_close()


def statuses(base: str, *paths: str, timeout: float = 5.0) -> dict[str, str]:
    results = LinkChecker(timeout=timeout).check([base + p for p in paths])
    return {r.url.removeprefix(base): r.status for r in results}


def test_answers_are_judged_as_the_site_checker_does(site: str) -> None:
    assert statuses(site, "/ok", "/missing", "/forbidden", "/limited", "/error") == {
        "/ok": "ok",
        "/missing": "broken",
        "/forbidden": "ok",
        "/limited": "ok",
        "/error": "broken",
    }


def test_head_first_then_get_when_head_is_refused(site: str) -> None:
    assert statuses(site, "/ok", "/no-head") == {"/ok": "ok", "/no-head": "ok"}
    assert ("HEAD", "/ok") in _Site.seen
    assert ("GET", "/ok") not in _Site.seen
    assert [m for m, p in _Site.seen if p == "/no-head"] == ["HEAD", "GET"]


def test_redirects_are_followed(site: str) -> None:
    assert statuses(site, "/moved", "/moved-away") == {"/moved": "ok", "/moved-away": "broken"}


def test_a_server_that_does_not_answer_in_time_is_unchecked(site: str) -> None:
    (result,) = LinkChecker(timeout=0.2).check([site + "/slow"])
    assert result.status == "unchecked"
    assert result.detail is not None
    assert "in time" in result.detail.english()


def test_nobody_listening_is_could_not_check() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (result,) = LinkChecker(timeout=2).check([f"http://127.0.0.1:{port}/x"])
    assert result.status == "unchecked"


class _Offline(urllib.request.BaseHandler):
    """What urllib raises when there is no network: the name cannot be resolved."""

    def http_open(self, request: urllib.request.Request) -> None:
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    https_open = http_open


def test_offline_gives_could_not_check_not_broken() -> None:
    checker = LinkChecker(opener=urllib.request.build_opener(_Offline))
    urls = ["https://example.com/a", "https://example.org/b"]
    results = checker.check(urls)
    assert [r.status for r in results] == ["unchecked", "unchecked"]
    links = [WebLink(urls[0], 3), WebLink(urls[1], 7)]
    problems = link_problems(links, results)
    assert [(p.rule, p.severity, p.line) for p in problems] == [
        ("links.unchecked", "hint", 3),
        ("links.unchecked", "hint", 7),
    ]
    assert "offline" in problems[0].message.english()


def test_progress_is_reported_for_each_distinct_address(site: str) -> None:
    seen: list[tuple[int, int]] = []
    results = LinkChecker(workers=4).check(
        [site + "/ok", site + "/missing", site + "/ok", site + "/forbidden"],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert len(results) == 3
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]


def test_a_stopped_check_leaves_the_rest_unchecked(site: str) -> None:
    results = LinkChecker().check([site + "/ok"], cancelled=lambda: True)
    assert [r.status for r in results] == ["unchecked"]
    assert _Site.seen == []


def test_the_links_of_a_post_become_problems_on_their_lines(site: str) -> None:
    text = (
        "# Title\n\nSee [ok](" + site + "/ok) and [gone](" + site + "/missing).\n\n"
        "![Chart](" + site + "/missing)\n\nLocal [x](other.md) and [anchor](#title).\n"
    )
    links = links_to_check(text, None)
    assert [(link.url.removeprefix(site), link.line) for link in links] == [
        ("/ok", 2),
        ("/missing", 2),
    ]
    problems = link_problems(links, LinkChecker().check([link.url for link in links]))
    assert [(p.rule, p.severity, p.line) for p in problems] == [("links.broken", "error", 2)]
    assert "HTTP 404" in problems[0].message.english()
