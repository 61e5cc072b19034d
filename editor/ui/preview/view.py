"""The live preview panel: one persistent, locked-down page patched in place.

QtWebEngine is imported when the panel starts its engine, not with this module: the window
(and this panel, blank) can be built and painted before that library is loaded.
"""

from __future__ import annotations

import json
import logging
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.core.render.model import RenderedBlock
from editor.core.render.page import valid_theme_name
from editor.core.render.patch import build_update
from editor.ui.graphics import draws_in_software
from editor.ui.preview.bridge import BRIDGE_NAME, PreviewBridge
from editor.ui.preview.policy import content_security_policy
from editor.ui.preview.scheme import app_url, shell_url
from editor.ui.preview.served import ServedDocument, StylesheetSource, stylesheet_name
from editor.ui.preview.shell import build_shell, preview_stylesheet

if TYPE_CHECKING:  # loaded by _start_engine
    from PySide6.QtWebEngineCore import (
        QWebEngineDownloadRequest,
        QWebEngineLoadingInfo,
        QWebEnginePage,
        QWebEngineProfile,
    )
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from editor.ui.preview.handler import PreviewSchemeHandler
    from editor.ui.preview.interceptor import PreviewRequestInterceptor
    from editor.ui.preview.page import PreviewPage

_log = logging.getLogger(__name__)

#: The JavaScript world of our own script (``QWebEngineScript.ScriptWorldId.ApplicationWorld``,
#: written out so that QtWebEngine need not be loaded to know it); page content runs (or rather,
#: would run) in 0.
APP_WORLD = 1
ZOOM_RANGE = (0.25, 5.0)
_BACKGROUND = {False: QColor("#ffffff"), True: QColor("#1f1f1f")}
#: Shell reloads after a crash or a navigation away, before the same revision is given up.
_MAX_RECOVERIES = 3
#: Qt platforms that draw no windows on a screen (tests, servers).
_NO_WINDOWS = frozenset({"offscreen", "minimal"})


@dataclass(frozen=True, slots=True)
class _Update:
    revision: int
    blocks: tuple[RenderedBlock, ...]


class PreviewView(QWidget):
    """Shows rendered blocks in a web page that runs no content script and loads nothing
    but the document's own images (and https images when remote content is allowed).

    Revisions passed to :meth:`set_blocks` must grow over the view's lifetime (one counter
    for all documents); an older revision than the one last given is ignored.

    ``activity_blocked`` kinds: ``navigation`` (the page tried to go elsewhere), ``link`` (the
    user clicked a link the preview does not open, e.g. ``javascript:``), ``window``,
    ``request`` (stopped by the request filter), ``download``, ``dialog`` (a script dialog),
    ``permission``, ``file-chooser``, ``full-screen``, ``file-system``, ``protocol-handler``.
    """

    updated = Signal(int)  # revision now shown in the page
    scrolled_to_line = Signal(float)  # source line now at the top, after the USER scrolled
    line_clicked = Signal(int)  # first source line of the block the user clicked (not a link)
    link_activated = Signal(QUrl)  # link the user clicked (http/https/mailto, local .md file)
    activity_blocked = Signal(str, str)  # what the page tried and was refused: kind, URL/text

    # The web engine's pieces, made by _start_engine (at once, or after the first paint).
    _web: QWebEngineView
    _profile: QWebEngineProfile
    _page: PreviewPage
    _handler: PreviewSchemeHandler
    _interceptor: PreviewRequestInterceptor
    # What the current shell shows; reset by _reset_page_state on every shell load.
    _generation: str
    _shell_url: QUrl
    _ready: bool
    _in_flight: bool
    _sent: _Update | None
    _page_keys: frozenset[str]
    _pending_line: float | None

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        stylesheet: StylesheetSource = preview_stylesheet,
        defer_engine: bool = False,
    ) -> None:
        """``defer_engine``: make the web view, its profile and page only once the panel has
        first been painted (a blank panel until then), so that the window around it appears
        and can be typed in sooner; blocks, scrolling and settings given before are kept and
        applied then. :meth:`page` and :meth:`web_view` make them at once when asked."""
        super().__init__(parent)
        self._root: Path | None = None
        self._base: Path | None = None
        self._dark = False
        self._theme = ""
        self._remote_allowed = False
        self._zoom = 1.0
        self._latest: _Update | None = None
        self._reset_page_state("")
        self._recoveries = 0
        self._gave_up = False  # recoveries exhausted: wait for the next revision
        self._top_line: float | None = None  # last known line at the top, kept across reloads
        self._stylesheet = stylesheet
        self._bridge = PreviewBridge(self)
        self._started = False
        self._menu_actions: list[QAction] = []
        self._placeholder: _Placeholder | None = None
        self._build_widget()
        self._connect_signals()
        if defer_engine:
            self._placeholder = _Placeholder(self, _BACKGROUND[self._dark])
            self._layout.addWidget(self._placeholder)
            self._surface_claim = _claim_opengl_surface(self)
        else:
            self._start_engine()

    # ---- public API ---------------------------------------------------------------------

    def set_blocks(self, revision: int, blocks: Sequence[RenderedBlock]) -> None:
        """Show ``blocks``; only blocks the page does not have yet are sent.

        ``updated`` reports the revision once the page shows it. Before the shell has
        loaded, only the latest call is kept and applied when it is ready.
        """
        if self._latest is not None and revision < self._latest.revision:
            return
        new_revision = self._latest is None or revision != self._latest.revision
        self._latest = _Update(revision, tuple(blocks))
        if new_revision:
            self._recoveries = 0
            if self._gave_up:
                self._gave_up = False
                self._load_shell()
        self._flush()

    def scroll_to_line(self, line: float) -> None:
        """Put source ``line`` (fractional lines interpolate) at the top, without animation.

        This never emits ``scrolled_to_line``.
        """
        if not math.isfinite(line):
            return
        self._top_line = max(0.0, line)
        if not self._ready or self._sent is None:
            self._pending_line = self._top_line
            return
        self._pending_line = None
        self._call("scrollToLine", self._top_line)

    def current_top_line(self, callback: Callable[[float], None]) -> None:
        """Call ``callback`` later with the source line now at the top of the preview."""
        if not self._ready:
            QTimer.singleShot(0, lambda: callback(0.0))
            return
        self._call("topLine", callback=lambda result: callback(_as_float(result)))

    def set_document_root(self, root: Path | None, *, base: Path | None = None) -> None:
        """Serve images from ``root`` (None: serve none) and reload the shell once.

        Relative links and images resolve against ``base`` (default: ``root``), the
        document's folder; only files whose real path is inside ``root`` are served.
        """
        base = base if base is not None else root
        if (root, base) == (self._root, self._base):
            return
        self._root, self._base = root, base
        self._top_line = None  # another document: its own position comes from the editor
        self._load_shell()

    def set_remote_allowed(self, allowed: bool) -> None:
        """Allow or forbid https images (and frames); reloads the shell once."""
        if allowed == self._remote_allowed:
            return
        self._remote_allowed = allowed
        if self._started:
            self._interceptor.set_remote_allowed(allowed)
            self._page.set_remote_allowed(allowed)
        self._load_shell()

    def set_dark(self, dark: bool) -> None:
        """Switch between the light and dark stylesheet in place."""
        if dark == self._dark:
            return
        self._dark = dark
        if self._started:
            self._page.setBackgroundColor(_BACKGROUND[dark])
        elif self._placeholder is not None:
            self._placeholder.set_color(_BACKGROUND[dark])
        if self._ready:
            self._apply_theme()

    def set_theme(self, theme: str) -> None:
        """Show the site's preview ``theme`` (a profile's ``preview_theme``; "" for the
        plain one), swapping the stylesheet in place. A name that cannot be a theme is
        treated as "": the preview never fails over a theme.
        """
        theme = theme if valid_theme_name(theme) else ""
        if theme == self._theme:
            return
        self._theme = theme
        if self._ready:
            self._apply_theme()

    def theme(self) -> str:
        """The site theme in use ("" for the plain one)."""
        return self._theme

    def set_zoom(self, factor: float) -> None:
        """Zoom the page (1.0 is 100 %; clamped to 25 % to 500 %)."""
        low, high = ZOOM_RANGE
        self._zoom = min(high, max(low, factor))
        if self._started:
            self._page.setZoomFactor(self._zoom)

    def page(self) -> PreviewPage:
        """The web page (for diagnostics and tests); the web engine starts if it had not."""
        self._start_engine()
        return self._page

    def web_view(self) -> QWebEngineView:
        """The web view inside the panel; the web engine starts if it had not."""
        self._start_engine()
        return self._web

    def copy_selection(self) -> None:
        """Copy what is selected in the page to the clipboard."""
        self._trigger("Copy")

    def select_all(self) -> None:
        """Select the whole page."""
        self._trigger("SelectAll")

    def engine_started(self) -> bool:
        """Whether the web view, its profile and page exist (see ``defer_engine``)."""
        return self._started

    # ---- construction -------------------------------------------------------------------

    @Slot()
    def _start_engine(self) -> None:
        """Make the web view, the profile and the page, and load the shell (once)."""
        if self._started:
            return
        self._started = True
        from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: PLC0415  (see the module)

        from editor.ui.preview.handler import PreviewSchemeHandler  # noqa: PLC0415
        from editor.ui.preview.interceptor import PreviewRequestInterceptor  # noqa: PLC0415
        from editor.ui.preview.profile import create_preview_profile  # noqa: PLC0415
        from editor.ui.preview.scheme import register_preview_scheme  # noqa: PLC0415
        from editor.ui.preview.shell import updater_script  # noqa: PLC0415

        register_preview_scheme()  # before the first engine object; once per process
        had_focus = self.hasFocus()
        self._updater_js = updater_script()
        self._handler = PreviewSchemeHandler(self._stylesheet)
        self._interceptor = PreviewRequestInterceptor()
        self._interceptor.set_remote_allowed(self._remote_allowed)
        self._interceptor.request_blocked.connect(self._on_interceptor_request_blocked)
        self._web = QWebEngineView(self)
        self._profile = create_preview_profile(self._handler, self._interceptor)
        self._profile.setParent(self)  # after the view: children die in order, pages first
        self._profile.downloadRequested.connect(self._on_profile_download_requested)
        self._page = self._create_page()
        self._web.setAccessibleName(self.tr("Preview"))
        for action in self._menu_actions:
            self._web.addAction(action)
        self._web.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._layout.addWidget(self._web)
        self.setFocusProxy(self._web)
        if self._placeholder is not None:
            self._placeholder.hide()
            self._placeholder.deleteLater()
            self._placeholder = None
        if had_focus:
            self._web.setFocus(Qt.FocusReason.OtherFocusReason)
        self._load_shell()

    def _create_page(self) -> PreviewPage:
        """A new page in our profile, with the updater and the channel, shown in the view.

        The view deletes the page it showed before (it is the view's child).
        """
        from PySide6.QtWebChannel import QWebChannel  # noqa: PLC0415  (loaded by now)
        from PySide6.QtWebEngineCore import QWebEngineScript  # noqa: PLC0415

        from editor.ui.preview.page import PreviewPage  # noqa: PLC0415

        page = PreviewPage(self._profile, self._web)
        page.set_remote_allowed(self._remote_allowed)
        page.setBackgroundColor(_BACKGROUND[self._dark])
        script = QWebEngineScript()
        script.setName("postwright-updater")
        script.setSourceCode(self._updater_js)
        script.setWorldId(APP_WORLD)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        script.setRunsOnSubFrames(False)
        page.scripts().insert(script)
        channel = QWebChannel(page)
        channel.registerObject(BRIDGE_NAME, self._bridge)
        page.setWebChannel(channel, APP_WORLD)
        page.loadingChanged.connect(self._on_page_loading_changed)
        page.urlChanged.connect(self._on_page_url_changed)
        page.selectionChanged.connect(self._on_page_selection_changed)
        page.renderProcessTerminated.connect(self._on_page_render_process_terminated)
        page.link_activated.connect(self.link_activated)
        page.activity_blocked.connect(self.activity_blocked)
        self._web.setPage(page)
        return page

    def _build_widget(self) -> None:
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Preview"))
        self.setAccessibleDescription(
            self.tr(
                "The post as it will look when published. Click a paragraph to show it in"
                " the editor; links open in your web browser."
            )
        )
        self._copy_action = self._add_action(
            self.tr("&Copy"), QKeySequence.StandardKey.Copy, "Copy"
        )
        self._copy_action.setEnabled(False)
        self._add_action(self.tr("Select &All"), QKeySequence.StandardKey.SelectAll, "SelectAll")

    def _add_action(
        self, text: str, shortcut: QKeySequence.StandardKey, web_action: str
    ) -> QAction:
        """An action in the context menu (the only entries) with its standard shortcut;
        ``web_action`` names a ``QWebEnginePage.WebAction``."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: self._trigger(web_action))
        self.addAction(action)
        self._menu_actions.append(action)  # also the web view's, once it exists
        return action

    def _trigger(self, web_action: str) -> None:
        page = self.page()  # starts the engine if it had not
        from PySide6.QtWebEngineCore import QWebEnginePage  # noqa: PLC0415  (loaded by now)

        page.triggerAction(getattr(QWebEnginePage.WebAction, web_action))

    def _connect_signals(self) -> None:
        self._bridge.user_scrolled.connect(self._on_bridge_user_scrolled)
        self._bridge.block_clicked.connect(self.line_clicked)
        self._bridge.link_clicked.connect(self._on_bridge_link_clicked)

    # ---- shell and updates --------------------------------------------------------------

    def _reset_page_state(self, generation: str) -> None:
        """Forget what the page shows: a new shell is on its way."""
        self._generation = generation
        self._ready = False
        self._in_flight = False
        self._sent = None
        self._page_keys = frozenset()
        self._pending_line = None

    def _load_shell(self) -> None:
        if not self._started:
            return  # _start_engine loads it, with whatever was set until then
        self._reset_page_state(secrets.token_hex(8))
        self._pending_line = self._top_line  # come back to the same place
        self._shell_url = shell_url(self._generation, self._base)
        csp = content_security_policy(self._remote_allowed)
        html = build_shell(csp=csp, dark=self._dark, title=self.tr("Preview"), theme=self._theme)
        served = ServedDocument(self._generation, self._shell_url, html, csp, self._root)
        self._handler.set_document(served)
        self._page.load_shell(self._shell_url, self._generation)

    def _flush(self) -> None:
        """Send the latest blocks if the page is ready, idle, and does not show them yet."""
        update = self._latest
        if not self._ready or self._in_flight or update is None or update is self._sent:
            return
        message, keys = build_update(update.revision, update.blocks, self._page_keys)
        self._in_flight, self._sent, self._page_keys = True, update, keys
        generation = self._generation
        self._call("apply", message, callback=lambda result: self._applied(generation, result))

    def _applied(self, generation: str, result: object) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        reply = _as_dict(result)
        if reply is None:
            _log.error("the preview updater did not answer (%r)", result)
            return
        if "missing" in reply:  # the page lost blocks we thought it had: send them all
            self._sent, self._page_keys = None, frozenset()
        elif not reply.get("stale"):
            self.updated.emit(int(reply["revision"]))
            if self._pending_line is not None:
                self.scroll_to_line(self._pending_line)
        self._flush()

    def _apply_theme(self) -> None:
        theme = "dark" if self._dark else "light"
        stylesheet = app_url(stylesheet_name(self._dark, self._theme)).toString()
        self._call("setTheme", theme, stylesheet)

    def _call(
        self, function: str, *args: object, callback: Callable[[Any], None] | None = None
    ) -> None:
        """Call ``postwrightPreview.<function>(args…)`` in the application world."""
        arguments = ",".join(json.dumps(arg, separators=(",", ":")) for arg in args)
        script = f"postwrightPreview.{function}({arguments})"
        if callback is None:
            self._page.runJavaScript(script, APP_WORLD)
        else:
            self._page.runJavaScript(script, APP_WORLD, callback)

    # ---- slots --------------------------------------------------------------------------

    # (The slots taking web engine types are not declared with @Slot: that would need
    # QtWebEngine at import time.)
    def _on_page_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        """The shell of this generation finished loading: the page is ready for blocks.

        Loads are told apart by their URL: ``loadFinished`` also fires for refused and
        abandoned navigations, and for an older shell.
        """
        if self._ready or info.url() != self._shell_url:
            return
        status = info.status()
        if status == type(status).LoadFailedStatus:
            _log.error("the preview shell failed to load: %s", info.errorString())
        if status != type(status).LoadSucceededStatus:
            return
        self._ready = True
        self._page.setZoomFactor(self._zoom)
        self._apply_theme()
        self._flush()

    @Slot()
    def _on_page_selection_changed(self) -> None:
        self._copy_action.setEnabled(self._page.hasSelection())

    @Slot(QUrl)
    def _on_page_url_changed(self, url: QUrl) -> None:
        """Put the shell back if the page left it without asking (e.g. to about:blank)."""
        if not self._ready or url.toString().partition("#")[0] == self._shell_url.toString():
            return  # a shell still loading, the shell itself, or a jump to an anchor in it
        self.activity_blocked.emit("navigation", url.toString())
        QTimer.singleShot(0, self._recover)  # not inside the engine's own navigation

    def _on_page_render_process_terminated(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        _log.warning("preview renderer ended: %s (%s)", status.name, exit_code)
        if status != type(status).NormalTerminationStatus:
            QTimer.singleShot(0, self._recover)

    def _recover(self) -> None:
        """Show the latest blocks again in a new page, a few times per revision.

        A new page rather than a reload: after an unasked navigation (to about:blank) the
        old page does not always complete the next load.
        """
        if self._recoveries >= _MAX_RECOVERIES:
            _log.error("the preview keeps failing; waiting for the next change")
            self._gave_up = True
            return
        self._recoveries += 1
        self._page = self._create_page()
        self._load_shell()

    @Slot(float)
    def _on_bridge_user_scrolled(self, line: float) -> None:
        self._top_line = line
        self.scrolled_to_line.emit(line)

    @Slot(str)
    def _on_bridge_link_clicked(self, href: str) -> None:
        from editor.ui.preview.page import link_target  # noqa: PLC0415  (loaded by now)

        target = link_target(QUrl(href), self._generation)
        if target is not None:
            self.link_activated.emit(target)
        else:
            self.activity_blocked.emit("link", href)

    @Slot(QUrl)
    def _on_interceptor_request_blocked(self, url: QUrl) -> None:
        self.activity_blocked.emit("request", url.toString())

    def _on_profile_download_requested(self, download: QWebEngineDownloadRequest) -> None:
        download.cancel()
        self.activity_blocked.emit("download", download.url().toString())


def _claim_opengl_surface(parent: QWidget) -> QWidget | None:
    """A hidden OpenGL widget, so that the window is created with the OpenGL surface the web
    view will need.

    The web view draws through OpenGL; added to a window already shown with a plain surface,
    it makes Qt destroy and re-create that window, which flickers and hides its docks for a
    moment. A texture-backed child present before the window is first shown (even hidden)
    makes Qt create it right the first time.
    """
    if QGuiApplication.platformName() in _NO_WINDOWS:
        return None  # nothing on a screen to re-create (and no OpenGL widgets there)
    if draws_in_software():
        return None  # the web view needs no OpenGL surface, and OpenGL may not be there
    from PySide6.QtOpenGLWidgets import QOpenGLWidget  # noqa: PLC0415

    claim = QOpenGLWidget(parent)
    claim.setObjectName("preview_surface_claim")
    claim.hide()
    return claim


class _Placeholder(QWidget):
    """The blank panel shown until the web engine starts; its first paint starts it.

    Starting on the next turn of the event loop after the first paint, not at show time,
    lets the window (the editor with the post) reach the screen before the web engine's
    start-up takes the GUI thread for a while.
    """

    def __init__(self, view: PreviewView, color: QColor) -> None:
        super().__init__(view)
        self._view = view
        self._color = color
        self._queued = False
        self.setAccessibleName(self.tr("Preview (starting)"))

    def set_color(self, color: QColor) -> None:
        self._color = color
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(event.rect(), self._color)
        if not self._queued:
            self._queued = True
            QTimer.singleShot(0, self._view, self._view._start_engine)


def _as_dict(result: object) -> dict[str, Any] | None:
    """The updater's JSON answer as a dict, or None if it failed."""
    if not isinstance(result, str):
        return None
    try:
        value = json.loads(result)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _as_float(result: object) -> float:
    return float(result) if isinstance(result, int | float) and math.isfinite(result) else 0.0
