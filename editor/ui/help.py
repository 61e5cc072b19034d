"""The Help menu's windows: the user guide, the keyboard shortcuts, and "Report a Problem".

The shortcuts list is generated from the action registries, so it is always what the window
really does. The user guide is the bundled ``docs/user-guide.md``, shown offline with the app's
own renderer. A problem report holds the version and the system, never a path, a name or a
token.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Iterable, Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor import __version__
from editor.core.render.model import RenderOptions
from editor.core.resources import user_guide_text


def _plain(text: str) -> str:
    """An action or menu text without its access-key ``&`` (``&&`` stays one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(menus: Iterable[QMenu]) -> list[tuple[str, str, str]]:
    """``(menu, command, key)`` for every command that has a key, menu by menu, in menu order.

    Only each command's main key is listed (the first of its shortcuts): the alternatives Qt
    adds for some platforms' keyboards (F14 for Undo, Shift+Del for Cut) would only confuse.
    """
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for menu in menus:
        title = _plain(menu.title())
        for action in menu_actions([menu]):
            keys = [sequence for sequence in action.shortcuts() if not sequence.isEmpty()]
            if not keys or id(action) in seen:
                continue
            seen.add(id(action))
            key = keys[0].toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((title, _plain(action.text()), key))
    return rows


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, searchable by eye, in menu order."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcuts_table")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Key")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        previous = ""
        for row, (menu, command, key) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(menu if menu != previous else ""))
            self.table.setItem(row, 1, QTableWidgetItem(command))
            self.table.setItem(row, 2, QTableWidgetItem(key))
            previous = menu
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.table)
        column.addWidget(buttons)
        self.resize(520, 600)


class UserGuideWindow(QDialog):
    """The user guide, offline; links to the web open in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Postwright User Guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("user_guide")
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        from editor.core.render.document import render_document  # loads the parsers  # noqa: PLC0415

        result = render_document(user_guide_text(), RenderOptions(allow_remote=False))
        self.browser.setHtml(result.html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.browser)
        column.addWidget(buttons)
        self.resize(760, 700)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in {"http", "https"}:
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())


def problem_report(extra: Sequence[tuple[str, str]] = ()) -> str:
    """The text of a problem report: what happened (to fill in) and where (filled in)."""
    system = f"{platform.system()} {platform.release()} ({platform.machine()})"
    lines = [
        "## What happened",
        "",
        "<!-- What did you do, what did you expect, and what happened instead? -->",
        "",
        "## Where",
        "",
        f"- Postwright {__version__}",
        f"- {system}",
        f"- Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        f"- Screen: {_screen_text()}",
        *(f"- {name}: {value}" for name, value in extra),
        "",
    ]
    return "\n".join(lines)


def _screen_text() -> str:
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return "none"
    size = screen.size()
    return f"{size.width()}x{size.height()} at {screen.devicePixelRatio():g}x"


class ReportProblemDialog(QDialog):
    """A problem report to copy into an issue: the user sees every word before it goes."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report a Problem"))
        intro = QLabel(
            self.tr(
                "Describe what happened under the first heading, then copy the text into a new"
                " issue on Postwright's issue tracker. It holds the version and the kind of"
                " system only: no file names, no account, no token."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(text, self)
        self.text.setObjectName("report_text")
        self.text.setAccessibleName(self.tr("Problem report"))
        copy = QPushButton(self.tr("&Copy to Clipboard"), self)
        copy.setObjectName("report_copy")
        copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.text)
        column.addWidget(buttons)
        self.resize(620, 420)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


def python_runtime() -> str:
    """``CPython 3.11.7`` (for the About box)."""
    return f"{platform.python_implementation()} {sys.version.split()[0]}"


def menu_actions(menus: Iterable[QMenu]) -> list[QAction]:
    """The actions of ``menus`` and their submenus, in the order a user meets them."""
    found: list[QAction] = []
    for menu in menus:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                found += menu_actions([submenu])
            elif not action.isSeparator():
                found.append(action)
    return found
