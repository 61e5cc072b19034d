"""The account picture: fetched only from the API host itself, never from another host."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from editor.services.github.auth import AVATAR_LIMIT, GitHubServer, fetch_avatar

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d6d2a20000000049454e44ae426082"
)


class _Pictures(BaseHTTPRequestHandler):
    pictures: ClassVar[dict[str, bytes]] = {}
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.asked.append(self.path)
        data = self.pictures.get(self.path)
        self.send_response(200 if data is not None else 404)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(data or b"")))
        self.end_headers()
        self.wfile.write(data or b"")

    def log_message(self, *args: object) -> None:
        del args


@pytest.fixture
def host() -> Iterator[str]:
    _Pictures.asked = []
    _Pictures.pictures = {"/avatars/mona": PNG, "/avatars/huge": b"x" * (AVATAR_LIMIT + 1)}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_picture_on_the_api_host_is_fetched(host: str) -> None:
    server = GitHubServer.from_settings(f"{host}/api/v3")
    assert fetch_avatar(server, f"{host}/avatars/mona") == PNG


def test_a_picture_on_another_host_is_not_even_asked_for(host: str) -> None:
    github = GitHubServer()  # api.github.com: its pictures are on avatars.githubusercontent.com
    assert fetch_avatar(github, f"{host}/avatars/mona") is None
    other_port = GitHubServer.from_settings("http://127.0.0.1:9")
    assert fetch_avatar(other_port, f"{host}/avatars/mona") is None
    assert _Pictures.asked == []


def test_a_missing_or_oversized_picture_gives_none(host: str) -> None:
    server = GitHubServer.from_settings(host)
    assert fetch_avatar(server, f"{host}/avatars/nobody") is None
    assert fetch_avatar(server, f"{host}/avatars/huge") is None
    assert fetch_avatar(server, "") is None
