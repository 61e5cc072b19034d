"""At start-up: the posts whose unsaved edits were journaled when the app last stopped.

Each recovered post is listed with what differs from the file on disk. For each the user
chooses: **Restore** (open it with the recovered text, unsaved), **Keep the File** (forget
the recovered text), or **Save as New Post…** (write the recovered text to a new file and
keep the old one). A journal entry is removed only by one of those choices; **Decide Later**
leaves the rest for the next start.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.i18n import Message
from editor.core.post import Post
from editor.services.recovery import RecoveryEntry, RecoveryStore
from editor.services.storage import StorageError, load_post, save_post
from editor.ui.dialogs import show_problem
from editor.ui.document import DocumentController, markdown_filter
from editor.ui.messages import translated

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

#: Texts longer than this are compared by size only (a line diff of them would be slow).
_DIFF_LIMIT = 1_000_000


@dataclass(frozen=True, slots=True)
class DiskState:
    """What the file of a recovered post holds now."""

    text: str | None  # None: missing or unreadable
    problem: str = ""  # why there is no text, in plain words


def disk_state(entry: RecoveryEntry) -> DiskState:
    """The file of ``entry`` as it is on disk now."""
    if entry.path is None:
        return DiskState(None)
    try:
        return DiskState(load_post(entry.path).post.text)
    except StorageError as error:
        return DiskState(None, translated(error.message))


def nothing_to_recover(entry: RecoveryEntry) -> bool:
    """True when the file already holds exactly the recovered text (nothing would be lost)."""
    return entry.path is not None and disk_state(entry).text == entry.text


class RecoveryDialog(QDialog):
    """Lists recovered posts with their differences; each answer is final for that post."""

    def __init__(
        self,
        entries: list[RecoveryEntry],
        store: RecoveryStore,
        parent: QWidget | None = None,
        *,
        last_directory: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.setObjectName("recovery_dialog")
        self._store = store
        self._entries = list(entries)
        self._last_directory = last_directory
        #: The post the user chose to restore (the dialog closes then).
        self.restored: RecoveryEntry | None = None
        intro = QLabel(
            self.tr(
                "Postwright stopped before these posts were saved. Their text was kept. "
                "Choose what to do with each one; what you do not decide now is offered "
                "again next time."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Recovered posts"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("About the selected post"))
        self.diff = QPlainTextEdit(self)
        self.diff.setReadOnly(True)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setAccessibleName(self.tr("Differences between the file and the recovered text"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.diff, 1)
        splitter.addWidget(right)
        splitter.setSizes([220, 560])
        layout.addWidget(splitter, 1)
        layout.addWidget(self._make_buttons())
        for entry in self._entries:
            self.list.addItem(self._item(entry))
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.setCurrentRow(0)
        self.resize(820, 520)

    # -- construction ---------------------------------------------------------------------------

    def _make_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(self)
        self.restore_button = self._button(box, self.tr("&Restore"), "restore", self._on_restore)
        self.keep_button = self._button(
            box, self.tr("&Keep the File"), "keep_file", self._on_keep_file
        )
        self.save_new_button = self._button(
            box, self.tr("Save as &New Post…"), "save_new", self._on_save_new
        )
        later = self._button(box, self.tr("Decide &Later"), "later", self.reject)
        later.setAutoDefault(False)
        self.restore_button.setDefault(True)  # Enter keeps the words
        return box

    def _button(self, box: QDialogButtonBox, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    def _item(self, entry: RecoveryEntry) -> QListWidgetItem:
        name = entry.path.name if entry.path else self.tr("Untitled")
        moment = QDateTime.fromSecsSinceEpoch(int(entry.saved_at.timestamp()))
        when = QLocale().toString(moment, QLocale.FormatType.ShortFormat)
        item = QListWidgetItem(self.tr("{name} — {time}").format(name=name, time=when))
        item.setToolTip(str(entry.path) if entry.path else self.tr("A post that was never saved"))
        return item

    # -- showing one entry ----------------------------------------------------------------------

    def current_entry(self) -> RecoveryEntry | None:
        row = self.list.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    @Slot(int)
    def _on_list_current_row_changed(self, _row: int) -> None:
        entry = self.current_entry()
        if entry is None:
            self.summary.clear()
            self.diff.clear()
            return
        disk = disk_state(entry)
        self.summary.setText(self._describe(entry, disk))
        self.diff.setPlainText(self._difference(entry, disk))
        self.keep_button.setText(
            self.tr("&Keep the File") if entry.path else self.tr("&Discard It")
        )

    def _describe(self, entry: RecoveryEntry, disk: DiskState) -> str:
        if entry.path is None:
            return self.tr("An untitled post that was never saved.")
        if disk.text is None:
            return self.tr(
                "“{path}” cannot be read now: {problem} Restore opens the recovered text; "
                "saving it writes the file again."
            ).format(path=str(entry.path), problem=disk.problem)
        text = self.tr("“{path}”: the recovered text and the file differ as shown.")
        return text.format(path=str(entry.path))

    def _difference(self, entry: RecoveryEntry, disk: DiskState) -> str:
        if disk.text is None:
            return entry.text
        if len(disk.text) > _DIFF_LIMIT or len(entry.text) > _DIFF_LIMIT:
            return self.tr(
                "The file has {disk} characters and the recovered text {recovered}."
            ).format(disk=len(disk.text), recovered=len(entry.text))
        lines = difflib.unified_diff(
            disk.text.splitlines(),
            entry.text.splitlines(),
            fromfile=self.tr("on disk"),
            tofile=self.tr("recovered"),
            lineterm="",
        )
        return "\n".join(lines) or self.tr("The texts are the same.")

    # -- decisions ------------------------------------------------------------------------------

    @Slot()
    def _on_restore(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self.restored = entry
        self._store.remove(entry.key)
        self.accept()

    @Slot()
    def _on_keep_file(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self._store.remove(entry.key)
            self._drop_current()

    @Slot()
    def _on_save_new(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Recovered Text As"), self._suggested_name(entry), markdown_filter()
        )
        if not name:
            return
        target = Path(name) if Path(name).suffix else Path(name).with_suffix(".md")
        if self.save_as_new(entry, target) is None:
            self._drop_current()

    def save_as_new(self, entry: RecoveryEntry, target: Path) -> Message | None:
        """Write the recovered text to ``target``; the entry goes only once that worked."""
        try:
            save_post(target, Post(entry.text, entry.text_format))
        except StorageError as error:
            show_problem(self, self.tr("Could not save the recovered text"), error.message)
            return error.message
        self._store.remove(entry.key)
        return None

    def _suggested_name(self, entry: RecoveryEntry) -> str:
        if entry.path is None:
            return self._last_directory
        return str(entry.path.with_name(entry.path.stem + self.tr(" (recovered)") + ".md"))

    def undecided(self) -> int:
        """How many posts are still listed (the one restored included)."""
        return len(self._entries)

    def _drop_current(self) -> None:
        row = self.list.currentRow()
        del self._entries[row]
        self.list.takeItem(row)
        if not self._entries:
            self.accept()


def offer_recovery(
    parent: QWidget, store: RecoveryStore, document: DocumentController
) -> tuple[bool, list[str]]:
    """Offer what the journal holds; (True when a post was restored, problems to show).

    Entries whose file already holds the recovered text are removed without asking.
    """
    entries, problems = store.entries()
    notes = [translated(problem) for problem in problems]
    waiting = []
    for entry in entries:
        if nothing_to_recover(entry):
            store.remove(entry.key)
        else:
            waiting.append(entry)
    if not waiting:
        return False, notes
    dialog = RecoveryDialog(waiting, store, parent, last_directory=document.last_directory)
    dialog.exec()
    chosen = dialog.restored
    if chosen is None:
        return False, notes
    document.restore(chosen.path, chosen.text, chosen.text_format, chosen.disk_digest)
    others = dialog.undecided() - 1
    if others > 0:
        # the source text has both English forms; a translation gives its own plural forms
        notes.append(
            QCoreApplication.translate(
                "recovery",
                "%n more recovered post will be offered the next time Postwright starts.",
                "",
                others,
            )
            if others == 1
            else QCoreApplication.translate(
                "recovery",
                "%n more recovered posts will be offered the next time Postwright starts.",
                "",
                others,
            )
        )
    return True, notes


def recover_at_start(window: MainWindow, store: RecoveryStore) -> bool:
    """Start the journal's session and offer what it holds; True when a post was restored.

    Problems (a journal folder that cannot be made, a damaged entry) are named in the
    window's notice bar; the app goes on either way.
    """
    problem = store.open_session()
    restored, notes = offer_recovery(window, store, window.document)
    if problem is not None:
        notes.insert(0, translated(problem))
    if notes:
        window.notice_bar.show_problem(" ".join(notes), None)
    if restored:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "recovery", "Recovered text restored. It is not saved yet: save it to keep it."
            ),
            15_000,
        )
    return restored
