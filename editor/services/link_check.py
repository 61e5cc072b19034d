"""Checking web addresses over the network: parallel, with timeouts, HEAD then GET.

Only run when the author asks ("Check links"). Each address gets a HEAD request; servers that
refuse HEAD (or answer it with an error) get a GET of which only the first bytes are read.
Redirects are followed. No answer at all (offline, unknown host, timeout) is "could not
check", never "broken": the author may simply be offline.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed

from editor import __version__
from editor.core.checks.links import LinkResult, status_for_code
from editor.core.i18n import Message, message

_CONTEXT = "Checks"
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 8
USER_AGENT = f"Postwright/{__version__} (link check)"
#: HEAD answers after which a GET is tried: the server may not support HEAD.
_RETRY_WITH_GET = frozenset({400, 403, 404, 405, 406, 429, 500, 501, 502, 503})

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]


class LinkChecker:
    """Checks addresses; ``opener`` is injectable (tests use a plain one on 127.0.0.1)."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        workers: int = DEFAULT_WORKERS,
        opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        self._timeout = timeout
        self._workers = max(1, workers)
        self._opener = opener or urllib.request.build_opener()

    def check(
        self,
        urls: Sequence[str],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[LinkResult]:
        """One result per distinct address, in the order given."""
        distinct = list(dict.fromkeys(urls))
        results: dict[str, LinkResult] = {}
        lock = threading.Lock()
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            futures = {pool.submit(self._one, url, cancelled): url for url in distinct}
            for future in as_completed(futures):
                with lock:
                    results[futures[future]] = future.result()
                    done = len(results)
                if progress is not None:
                    progress(done, len(distinct))
        return [results[url] for url in distinct]

    def _one(self, url: str, cancelled: Cancelled | None) -> LinkResult:
        if cancelled is not None and cancelled():
            return LinkResult(url, "unchecked", detail=message(_CONTEXT, "the check was stopped."))
        code = self._status(url, "HEAD")
        if isinstance(code, int) and code in _RETRY_WITH_GET:
            code = self._status(url, "GET")
        if isinstance(code, Message):
            return LinkResult(url, "unchecked", detail=code)
        status = status_for_code(code)
        detail = message(_CONTEXT, "HTTP {code}", code=code) if status == "broken" else None
        return LinkResult(url, status, code, detail)

    def _status(self, url: str, method: str) -> int | Message:
        """The final status code, or why there was no answer."""
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                if method == "GET":
                    response.read(1024)
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.close()
            return int(error.code)
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            return _no_answer(error)


def _no_answer(error: BaseException) -> Message:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return message(_CONTEXT, "the site did not answer in time.")
    if isinstance(reason, socket.gaierror):
        return message(_CONTEXT, "its address could not be found (are you offline?).")
    if isinstance(reason, ssl.SSLError):
        return message(_CONTEXT, "its secure connection could not be set up.")
    if isinstance(reason, ConnectionRefusedError):
        return message(_CONTEXT, "the site refused the connection.")
    if isinstance(error, ValueError):
        return message(_CONTEXT, "it is not a web address this check understands.")
    return message(_CONTEXT, "there was no answer (are you offline?).")
