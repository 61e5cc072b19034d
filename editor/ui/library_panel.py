"""The library panel: the user's posts grouped by site, with open, duplicate, rename and delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.profiles.model import Profile
from editor.services.library import Library, LibraryEntry
from editor.services.storage import StorageError
from editor.ui.messages import translated

_PATH_ROLE = Qt.ItemDataRole.UserRole
_TITLE, _STATE, _EDITED = range(3)  # the tree's columns
#: The rename box is at least this many average characters wide, so a title fits.
RENAME_WIDTH_CHARS = 60


class LibraryPanel(QWidget):
    """Lists the library's posts by site and lets the user open and manage them.

    The dialogs it needs are the methods :meth:`ask_new_title`, :meth:`confirm_delete` and
    :meth:`show_problem`, so they can be replaced (e.g. in tests).
    """

    post_activated = Signal(Path)  # the post the user chose to open
    post_removed = Signal(Path)  # a post the user deleted
    post_moved = Signal(Path, Path)  # old path, new path (rename)

    def __init__(
        self,
        library: Library,
        profiles: Sequence[Profile],
        parent: QWidget | None = None,
        *,
        pull_request_of: Callable[[Path], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        #: The number of the post's pull request (0: not published yet); read from the
        #: publish state stored beside the app, never from the network.
        self._pull_request_of = pull_request_of or (lambda _path: 0)
        self._profiles = {profile.id: profile for profile in profiles}
        self._entries: dict[Path, LibraryEntry] = {}
        self._filter = self._make_filter()
        self._tree = self._make_tree()
        self._empty = QLabel(self.tr("No posts yet. Use File → New Post to start one."), self)
        self._empty.setObjectName("library_empty")
        self._empty.setAccessibleName(self.tr("Library is empty"))
        self._empty.setWordWrap(True)
        self._actions = self._make_actions()
        self._lay_out()
        self.setAccessibleName(self.tr("Post library"))
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _make_filter(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName("library_filter")
        edit.setPlaceholderText(self.tr("Filter posts"))
        edit.setAccessibleName(self.tr("Filter posts"))
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(self._on_filter_text_changed)
        return edit

    def _make_tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("library_tree")
        tree.setAccessibleName(self.tr("Posts by site"))
        tree.setHeaderLabels([self.tr("Title"), self.tr("State"), self.tr("Last edited")])
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        # the title takes the room left by the state and date (and is elided if need be), so
        # the date is never cut off and there is no sideways scrolling
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_EDITED, QHeaderView.ResizeMode.ResizeToContents)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        tree.itemActivated.connect(self._on_tree_item_activated)
        tree.itemSelectionChanged.connect(self._on_tree_item_selection_changed)
        return tree

    def _make_actions(self) -> list[QAction]:
        specs: list[tuple[str, str, Callable[[], None]]] = [
            ("library_open", self.tr("Open"), self._open_selected),
            ("library_duplicate", self.tr("Duplicate"), self._duplicate_selected),
            ("library_rename", self.tr("Rename…"), self._rename_selected),
            ("library_delete", self.tr("Delete…"), self._delete_selected),
            ("library_reveal", self.tr("Show in File Manager"), self._reveal_selected),
        ]
        actions = []
        for name, text, handler in specs:
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(handler)
            self._tree.addAction(action)
            actions.append(action)
        return actions

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for action in self._actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}_button")
            button.setAccessibleName(action.text().rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self._filter)
        layout.addWidget(self._tree)
        layout.addWidget(self._empty)
        layout.addLayout(buttons)

    # --- public API -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the library again and show what is there now."""
        self.show_entries(self._library.entries(self._profiles.values()))

    def show_entries(self, entries: Sequence[LibraryEntry]) -> None:
        """Show ``entries`` (read from the library, e.g. off the GUI thread)."""
        selected = self._selected()
        self._entries = {entry.path: entry for entry in entries}
        self._tree.clear()
        for profile in self._profiles.values():
            mine = [entry for entry in entries if entry.profile_id == profile.id]
            if mine:
                self._add_site(profile, mine)
        self._tree.expandAll()
        self._empty.setVisible(not entries)
        self._tree.setVisible(bool(entries))
        self._apply_filter()
        if selected is not None:  # reading the library again keeps the user's place
            self._select_path(selected.path)

    def rename_dialog(self, entry: LibraryEntry) -> QInputDialog:
        """The box asking for ``entry``'s new title, wide enough to show the title."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename Post"))
        dialog.setLabelText(self.tr("New title:"))
        dialog.setTextValue(entry.title)
        metrics = dialog.fontMetrics()
        room = max(
            metrics.averageCharWidth() * RENAME_WIDTH_CHARS, metrics.horizontalAdvance(entry.title)
        )
        screen = self.screen()
        limit = screen.availableGeometry().width() * 3 // 4 if screen is not None else room
        dialog.resize(min(room + 6 * metrics.averageCharWidth(), limit), dialog.sizeHint().height())
        return dialog

    def ask_new_title(self, entry: LibraryEntry) -> str | None:
        """Ask for ``entry``'s new title; None when the user cancels."""
        dialog = self.rename_dialog(entry)
        try:
            accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
            title = dialog.textValue().strip()
        finally:
            dialog.deleteLater()
        return title if accepted and title else None

    def confirm_delete(self, entry: LibraryEntry) -> bool:
        """Ask whether ``entry`` should really be deleted (No is the default)."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete Post"),
            self.tr("Delete “{title}” and its pictures? This cannot be undone.").format(
                title=entry.title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_problem(self, text: str) -> None:
        """Tell the user an action failed and why."""
        QMessageBox.warning(self, self.tr("Library"), text)

    # --- rows -----------------------------------------------------------------------------

    def _add_site(self, profile: Profile, entries: list[LibraryEntry]) -> None:
        site = QTreeWidgetItem(self._tree, [profile.name])
        site.setFlags(Qt.ItemFlag.ItemIsEnabled)
        site.setFirstColumnSpanned(True)  # the site's name uses the whole width
        for entry in entries:
            row = QTreeWidgetItem(site, [entry.title, self._state(entry), self._when(entry)])
            row.setData(_TITLE, _PATH_ROLE, str(entry.path))
            row.setToolTip(_TITLE, f"{entry.title}\n{entry.path}")
            row.setToolTip(_EDITED, self.tr("Last edited {when}").format(when=self._when(entry)))
            if entry.draft:  # drafts stand out: in italics, marked "Draft"
                font = row.font(_TITLE)
                font.setItalic(True)
                row.setFont(_TITLE, font)
                state_font = row.font(_STATE)
                state_font.setBold(True)
                row.setFont(_STATE, state_font)

    def _when(self, entry: LibraryEntry) -> str:
        moment = QDateTime.fromMSecsSinceEpoch(int(entry.modified * 1000))
        return QLocale().toString(moment, QLocale.FormatType.ShortFormat)

    def _state(self, entry: LibraryEntry) -> str:
        number = self._pull_request_of(entry.path)
        sent = self.tr("Pull request #{number}").format(number=number) if number else ""
        if entry.draft:
            return self.tr("Draft, {sent}").format(sent=sent) if sent else self.tr("Draft")
        return sent

    def _selected(self) -> LibraryEntry | None:
        item = self._tree.currentItem()
        if item is None or not item.isSelected():
            return None
        path = item.data(0, _PATH_ROLE)
        return self._entries.get(Path(path)) if path else None

    def _select_path(self, path: Path) -> None:
        """Select the row of the post at ``path`` (e.g. a copy just made) and show it."""
        for site in _children(self._tree.invisibleRootItem()):
            for row in _children(site):
                if row.data(_TITLE, _PATH_ROLE) == str(path) and not row.isHidden():
                    self._tree.setCurrentItem(row)
                    self._tree.scrollToItem(row)
                    return

    def _apply_filter(self) -> None:
        needle = self._filter.text().strip().casefold()
        for site in _children(self._tree.invisibleRootItem()):
            shown = 0
            for row in _children(site):
                hidden = bool(needle) and needle not in row.text(0).casefold()
                row.setHidden(hidden)
                shown += not hidden
            site.setHidden(shown == 0)
        self._update_actions()

    def _update_actions(self) -> None:
        enabled = self._selected() is not None
        for action in self._actions:
            action.setEnabled(enabled)

    # --- slots ----------------------------------------------------------------------------

    @Slot(str)
    def _on_filter_text_changed(self, _text: str) -> None:
        self._apply_filter()

    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, _PATH_ROLE)
        if path:
            self.post_activated.emit(Path(path))

    @Slot()
    def _on_tree_item_selection_changed(self) -> None:
        self._update_actions()

    # --- actions --------------------------------------------------------------------------

    def _open_selected(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.post_activated.emit(entry.path)

    def _duplicate_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        try:
            copy = self._library.duplicate(self._profile(entry), entry)
        except StorageError as error:
            self._report(error)
            copy = entry.path  # keep the original selected
        self.refresh()
        self._select_path(copy)

    def _rename_selected(self) -> None:
        entry = self._selected()
        title = self.ask_new_title(entry) if entry is not None else None
        if entry is None or title is None:
            return
        try:
            moved = self._library.rename(self._profile(entry), entry, title)
        except StorageError as error:
            self._report(error)
            return
        finally:
            self.refresh()
        self._select_path(moved)
        if moved != entry.path:
            self.post_moved.emit(entry.path, moved)

    def _delete_selected(self) -> None:
        entry = self._selected()
        if entry is None or not self.confirm_delete(entry):
            return
        try:
            self._library.delete(self._profile(entry), entry)
        except StorageError as error:
            self._report(error)
            return
        finally:
            self.refresh()
        self.post_removed.emit(entry.path)

    def _reveal_selected(self) -> None:
        entry = self._selected()
        if entry is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(entry.path.parent)))

    def _profile(self, entry: LibraryEntry) -> Profile:
        return self._profiles[entry.profile_id]

    def _report(self, error: StorageError) -> None:
        self.show_problem(translated(error.message))


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The child items of ``item``."""
    found = (item.child(index) for index in range(item.childCount()))
    return [child for child in found if child is not None]
