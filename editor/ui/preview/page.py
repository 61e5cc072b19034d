"""The preview's web page: no navigation, no windows, no dialogs, no permissions."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtWebEngineCore import (
    QWebEngineFileSystemAccessRequest,
    QWebEngineFullScreenRequest,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
    QWebEngineSettings,
)

from editor.ui.preview.scheme import local_path

_log = logging.getLogger(__name__)
_Nav = QWebEnginePage.NavigationType
_Attr = QWebEngineSettings.WebAttribute

#: Links the user may follow outside the preview (the main window opens them).
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Local files a link may point to and still be reported: other Markdown documents.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

_HARDENED = (
    (_Attr.JavascriptEnabled, False),  # MainWorld only; our ApplicationWorld script still runs
    (_Attr.JavascriptCanOpenWindows, False),
    (_Attr.JavascriptCanAccessClipboard, False),
    (_Attr.JavascriptCanPaste, False),
    (_Attr.LocalContentCanAccessFileUrls, False),
    (_Attr.LocalContentCanAccessRemoteUrls, False),
    (_Attr.LocalStorageEnabled, False),
    (_Attr.HyperlinkAuditingEnabled, False),
    (_Attr.ErrorPageEnabled, False),
    (_Attr.PluginsEnabled, False),
    (_Attr.PdfViewerEnabled, False),
    (_Attr.FullScreenSupportEnabled, False),
    (_Attr.ScreenCaptureEnabled, False),
    (_Attr.WebGLEnabled, False),
    (_Attr.Accelerated2dCanvasEnabled, False),
    (_Attr.AutoLoadIconsForPage, False),
    (_Attr.TouchIconsEnabled, False),
    (_Attr.FocusOnNavigationEnabled, False),
    (_Attr.AllowRunningInsecureContent, False),
    (_Attr.AllowGeolocationOnInsecureOrigins, False),
    (_Attr.AllowWindowActivationFromJavaScript, False),
    (_Attr.NavigateOnDropEnabled, False),
    (_Attr.DnsPrefetchEnabled, False),
    (_Attr.ReadingFromCanvasEnabled, False),
    (_Attr.ScrollAnimatorEnabled, False),
    (_Attr.BackForwardCacheEnabled, False),
    (_Attr.PlaybackRequiresUserGesture, True),
    (_Attr.WebRTCPublicInterfacesOnly, True),
)


def harden_settings(settings: QWebEngineSettings) -> None:
    """Switch off everything the preview does not need (see docs/decisions/0003)."""
    for attribute, value in _HARDENED:
        settings.setAttribute(attribute, value)
    # Clicks on mailto: and other non-web links reach acceptNavigationRequest only with
    # this policy; the page refuses them all, so Qt never hands them to the desktop.
    settings.setUnknownUrlSchemePolicy(
        QWebEngineSettings.UnknownUrlSchemePolicy.AllowUnknownUrlSchemesFromUserInteraction
    )


def link_target(url: QUrl, generation: str) -> QUrl | None:
    """What a clicked link should open: a web/mail URL, a local Markdown file, or nothing."""
    if url.scheme() in EXTERNAL_SCHEMES:
        return url
    path = local_path(url, generation)
    if path is None or path.suffix.lower() not in MARKDOWN_SUFFIXES:
        return None
    target = QUrl.fromLocalFile(str(path))
    if url.hasFragment():
        target.setFragment(url.fragment())
    return target


class PreviewPage(QWebEnginePage):
    """A page that only ever shows the shell it was told to load.

    Every other navigation is refused. User clicks on links are reported instead of
    followed; everything else the page tries and is refused is reported as a fact.
    """

    link_activated = Signal(QUrl)  # a link the user clicked (web, mail or local .md file)
    activity_blocked = Signal(str, str)  # kind ("navigation", "window", ...), URL or text

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        harden_settings(self.settings())
        self._expected_shell: QUrl | None = None
        self._generation = ""
        self._remote_allowed = False
        self.newWindowRequested.connect(self._on_page_new_window_requested)
        self.permissionRequested.connect(self._on_page_permission_requested)
        self.fullScreenRequested.connect(self._on_page_full_screen_requested)
        self.fileSystemAccessRequested.connect(self._on_page_file_system_access_requested)
        self.registerProtocolHandlerRequested.connect(
            self._on_page_register_protocol_handler_requested
        )

    def load_shell(self, url: QUrl, generation: str) -> None:
        """Load the shell at ``url``: the one navigation this page accepts, once."""
        self._expected_shell = url
        self._generation = generation
        self.load(url)

    def set_remote_allowed(self, allowed: bool) -> None:
        """Let https frames (video embeds) load from now on, or stop doing so."""
        self._remote_allowed = allowed

    def acceptNavigationRequest(
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Accept the expected shell load (and https frames when allowed); refuse the rest."""
        url = QUrl(url)
        if is_main_frame and navigation_type == _Nav.NavigationTypeTyped and self._is_shell(url):
            self._expected_shell = None
            return True
        remote_frame = not is_main_frame and self._remote_allowed and url.scheme() == "https"
        if remote_frame and navigation_type != _Nav.NavigationTypeLinkClicked:
            return True
        target = link_target(url, self._generation)
        if navigation_type == _Nav.NavigationTypeLinkClicked and target is not None:
            self.link_activated.emit(target)
        else:
            self.activity_blocked.emit("navigation", url.toString())
        return False

    def createWindow(  # type: ignore[override]  # the stub omits that None refuses the window
        self, _type: QWebEnginePage.WebWindowType
    ) -> QWebEnginePage | None:
        """Never open a window (``newWindowRequested`` reports a user's click)."""
        return None

    def javaScriptAlert(self, _origin: QUrl | str, message: str) -> None:
        """Show nothing; report it (page content cannot run script, so this is a finding)."""
        self.activity_blocked.emit("dialog", message)

    def javaScriptConfirm(self, _origin: QUrl | str, message: str) -> bool:
        """Answer no without asking."""
        self.activity_blocked.emit("dialog", message)
        return False

    def javaScriptPrompt(
        self, _origin: QUrl | str, message: str, _default: str
    ) -> tuple[bool, str]:
        """Cancel without asking."""
        self.activity_blocked.emit("dialog", message)
        return False, ""

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        """Log console output (mostly the engine's own policy reports) for diagnosis."""
        _log.debug("preview console %s %s:%s %s", level.name, source, line, message)

    def chooseFiles(
        self,
        _mode: QWebEnginePage.FileSelectionMode,
        _old_files: Sequence[str],
        _accepted_mime_types: Sequence[str],
    ) -> list[str]:
        """Never open a file dialog for page content."""
        self.activity_blocked.emit("file-chooser", "")
        return []

    def _is_shell(self, url: QUrl) -> bool:
        return self._expected_shell is not None and url == self._expected_shell

    @Slot(QWebEngineNewWindowRequest)
    def _on_page_new_window_requested(self, request: QWebEngineNewWindowRequest) -> None:
        url = request.requestedUrl()
        target = link_target(url, self._generation) if request.isUserInitiated() else None
        if target is not None:
            self.link_activated.emit(target)
        else:
            self.activity_blocked.emit("window", url.toString())

    @Slot(QWebEnginePermission)
    def _on_page_permission_requested(self, permission: QWebEnginePermission) -> None:
        permission.deny()
        self.activity_blocked.emit("permission", permission.permissionType().name)

    @Slot(QWebEngineFullScreenRequest)
    def _on_page_full_screen_requested(self, request: QWebEngineFullScreenRequest) -> None:
        request.reject()
        self.activity_blocked.emit("full-screen", request.origin().toString())

    @Slot(QWebEngineFileSystemAccessRequest)
    def _on_page_file_system_access_requested(
        self, request: QWebEngineFileSystemAccessRequest
    ) -> None:
        request.reject()
        self.activity_blocked.emit("file-system", request.origin().toString())

    @Slot(QWebEngineRegisterProtocolHandlerRequest)
    def _on_page_register_protocol_handler_requested(
        self, request: QWebEngineRegisterProtocolHandlerRequest
    ) -> None:
        request.reject()
        self.activity_blocked.emit("protocol-handler", request.scheme())
