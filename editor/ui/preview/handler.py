"""Serves ``postwright-preview:`` requests: the shell page, our stylesheets, document images."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlSchemeHandler

from editor.core.preview_files import SVG_POLICY, servable_file
from editor.core.render.page import valid_theme_name
from editor.ui.preview.scheme import APP_HOST, DOC_HOST, local_path
from editor.ui.preview.served import ServedDocument, StylesheetSource

_log = logging.getLogger(__name__)
_Error = QWebEngineUrlRequestJob.Error
_STYLESHEETS = {"preview-light.css": False, "preview-dark.css": True}


def _parse_stylesheet_path(path: str) -> tuple[bool, str] | None:
    """``(dark, theme)`` of a stylesheet path made by :func:`stylesheet_name`, else None."""
    theme, _slash, name = path.lstrip("/").rpartition("/")
    dark = _STYLESHEETS.get(name)
    if dark is None or (theme and not valid_theme_name(theme)):
        return None
    return dark, theme


class PreviewSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers every request for the preview scheme; anything unknown fails."""

    def __init__(self, stylesheet: StylesheetSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stylesheet = stylesheet
        self._served: ServedDocument | None = None

    def set_document(self, served: ServedDocument) -> None:
        """Serve this shell and this root from now on; older generations stop working."""
        self._served = served

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        """Route one request by host."""
        url = job.requestUrl()
        if job.requestMethod() != b"GET":
            job.fail(_Error.RequestDenied)
        elif url.host() == APP_HOST:
            self._serve_app(job, url)
        elif url.host() == DOC_HOST and self._served is not None:
            self._serve_doc(job, url, self._served)
        else:
            job.fail(_Error.UrlNotFound)

    def _serve_app(self, job: QWebEngineUrlRequestJob, url: QUrl) -> None:
        wanted = _parse_stylesheet_path(url.path())
        if wanted is None:
            job.fail(_Error.UrlNotFound)
            return
        _reply_text(job, b"text/css", self._stylesheet(*wanted), {})

    def _serve_doc(self, job: QWebEngineUrlRequestJob, url: QUrl, served: ServedDocument) -> None:
        if url.path() == served.shell_url.path():
            headers = {
                "Content-Security-Policy": served.content_security_policy,
                "Referrer-Policy": "no-referrer",
            }
            _reply_text(job, b"text/html", served.shell_html, headers)
            return
        candidate = local_path(url, served.generation)
        found = servable_file(served.root, candidate) if candidate is not None else None
        if found is None:
            _log.debug("preview refused %s", url.toDisplayString())
            job.fail(_Error.UrlNotFound if candidate is None else _Error.RequestDenied)
            return
        _reply_file(job, *found)


def _reply_text(
    job: QWebEngineUrlRequestJob, mime: bytes, text: str, headers: Mapping[str, str]
) -> None:
    buffer = QBuffer(job)
    buffer.setData(QByteArray(text.encode("utf-8")))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    _set_headers(job, headers)
    job.reply(mime, buffer)


def _reply_file(job: QWebEngineUrlRequestJob, path: Path, mime: str) -> None:
    file = QFile(str(path), job)
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        job.fail(_Error.RequestFailed)
        return
    _set_headers(job, {"Content-Security-Policy": SVG_POLICY} if mime == "image/svg+xml" else {})
    job.reply(mime.encode(), file)


def _set_headers(job: QWebEngineUrlRequestJob, headers: Mapping[str, str]) -> None:
    """Add response headers (``nosniff`` always).

    PySide6 converts the ``QMultiMap`` argument from a dict of *lists*; a bare value would
    be split into one header per character.
    """
    values: dict[QByteArray, Any] = {
        QByteArray(name.encode()): [QByteArray(value.encode())]
        for name, value in {**headers, "X-Content-Type-Options": "nosniff"}.items()
    }
    job.setAdditionalResponseHeaders(values)
