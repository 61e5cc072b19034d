"""The request filter of the preview profile."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from editor.ui.preview.policy import request_allowed


class PreviewRequestInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request except our scheme (and https images when remote is allowed)."""

    request_blocked = Signal(QUrl)  # the URL of a request that was blocked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._remote_allowed = False

    def set_remote_allowed(self, allowed: bool) -> None:
        """Let https images and frames through from now on (or stop doing so)."""
        self._remote_allowed = allowed

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        """Block the request unless :func:`request_allowed` says otherwise."""
        url = info.requestUrl()
        allowed = request_allowed(
            url.scheme(), info.resourceType(), info.initiator().scheme(), self._remote_allowed
        )
        if not allowed:
            info.block(True)
            self.request_blocked.emit(url)
