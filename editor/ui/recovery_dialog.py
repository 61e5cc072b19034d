"""At start-up: the posts whose unsaved edits were journaled when the app last stopped.

Each recovered post is listed with what differs from the file on disk, shown readably: each
change is described in words ("Line 15 differs"), the file's lines and the recovered lines
are labelled and highlighted (colours chosen for the light or dark palette), and a few
unchanged lines around them give the context. For each the user
chooses: **Restore** (open it with the recovered text, unsaved), **Keep the File** (forget
the recovered text), or **Save as New Post…** (write the recovered text to a new file and
keep the old one). A journal entry is removed only by one of those choices; **Decide Later**
leaves the rest for the next start.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Slot
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
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
#: Unchanged lines shown before and after each change.
_CONTEXT_LINES = 2
#: Changes listed at most; the rest are counted.
_MOST_CHANGES = 200


@dataclass(frozen=True, slots=True)
class LineRun:
    """Consecutive lines of one kind: ``"same"`` (in both), ``"file"`` (only in the file) or
    ``"recovered"`` (only in the recovered text); ``start`` is the 1-based line number where
    the run begins (in the file for "same" and "file", in the recovered text otherwise)."""

    kind: str
    start: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Edit:
    """Lines that differ: 1-based (first, last) on each side; ``last < first`` means that
    side has none there (``first`` is where they would be)."""

    file_lines: tuple[int, int]
    recovered_lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Change:
    """One place where the file and the recovered text differ (edits close together are one
    place), with the lines, and some unchanged lines around them."""

    edits: tuple[Edit, ...]
    runs: tuple[LineRun, ...]


def changes_between(file_text: str, recovered: str) -> list[Change]:
    """The places where ``recovered`` differs from ``file_text``, line by line."""
    old, new = file_text.splitlines(), recovered.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes: list[Change] = []
    for group in matcher.get_grouped_opcodes(_CONTEXT_LINES):
        runs: list[LineRun] = []
        edits: list[Edit] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                runs.append(LineRun("same", i1 + 1, tuple(old[i1:i2])))
                continue
            edits.append(Edit((i1 + 1, i2), (j1 + 1, j2)))
            if i2 > i1:
                runs.append(LineRun("file", i1 + 1, tuple(old[i1:i2])))
            if j2 > j1:
                runs.append(LineRun("recovered", j1 + 1, tuple(new[j1:j2])))
        changes.append(Change(tuple(edits), tuple(runs)))
    return changes


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
        untitled_location: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.setObjectName("recovery_dialog")
        self._store = store
        self._entries = list(entries)
        self._last_directory = last_directory
        self._untitled_location = untitled_location
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
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("recovery_changes")
        self.diff.setOpenLinks(False)
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
        self.diff.setHtml(self._difference(entry, disk))
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
        text = self.tr("“{path}”: the recovered text differs from the file at the places below.")
        return text.format(path=str(entry.path))

    def _difference(self, entry: RecoveryEntry, disk: DiskState) -> str:
        """The changes as HTML: a sentence per change, then the lines, labelled."""
        if disk.text is None:
            return self._block(self.tr("The recovered text"), entry.text.splitlines(), "")
        if len(disk.text) > _DIFF_LIMIT or len(entry.text) > _DIFF_LIMIT:
            return _paragraph(
                self.tr(
                    "The file has {disk} characters and the recovered text {recovered}."
                ).format(disk=len(disk.text), recovered=len(entry.text))
            )
        changes = changes_between(disk.text, entry.text)
        if not changes:
            return _paragraph(
                self.tr("The texts differ only in their line breaks.")
                if disk.text != entry.text
                else self.tr("The texts are the same.")
            )
        removed, added = self._colours()
        parts = []
        for number, change in enumerate(changes[:_MOST_CHANGES], start=1):
            what = " ".join(self._what_changed(edit) for edit in change.edits)
            heading = self.tr("Change {number} of {count}: {what}").format(
                number=number, count=len(changes), what=what
            )
            parts.append(f"<h4>{html.escape(heading)}</h4>")
            for run in change.runs:
                if run.kind == "same":
                    parts.append(self._block("", run.lines, ""))
                elif run.kind == "file":
                    label = self._line_words(self.tr("In the file"), run)
                    parts.append(self._block(label, run.lines, removed))
                else:
                    label = self._line_words(self.tr("In the recovered text"), run)
                    parts.append(self._block(label, run.lines, added))
        if len(changes) > _MOST_CHANGES:
            parts.append(
                _paragraph(
                    self.tr("…and {count} more changes.").format(count=len(changes) - _MOST_CHANGES)
                )
            )
        return "".join(parts)

    def _what_changed(self, edit: Edit) -> str:
        """One sentence for an edit, with the line numbers in words."""
        (first, last), (new_first, new_last) = edit.file_lines, edit.recovered_lines
        if new_last < new_first:  # only in the file
            if first == last:
                return self.tr("Line {line} of the file is not in the recovered text.").format(
                    line=first
                )
            return self.tr(
                "Lines {first} to {last} of the file are not in the recovered text."
            ).format(first=first, last=last)
        if last < first:  # only in the recovered text
            count = new_last - new_first + 1
            where = (
                self.tr("at the start of the file")
                if first == 1
                else self.tr("after line {line} of the file").format(line=first - 1)
            )
            if count == 1:
                return self.tr("The recovered text has a new line {where}.").format(where=where)
            return self.tr("The recovered text has {count} new lines {where}.").format(
                count=count, where=where
            )
        if first == last:
            return self.tr("Line {line} of the file is different in the recovered text.").format(
                line=first
            )
        return self.tr(
            "Lines {first} to {last} of the file are different in the recovered text."
        ).format(first=first, last=last)

    def _line_words(self, side: str, run: LineRun) -> str:
        if len(run.lines) == 1:
            return self.tr("{side}, line {line}:").format(side=side, line=run.start)
        return self.tr("{side}, lines {first} to {last}:").format(
            side=side, first=run.start, last=run.start + len(run.lines) - 1
        )

    def _colours(self) -> tuple[str, str]:
        """Backgrounds for removed and added lines that read well on this palette."""
        base = self.palette().color(QPalette.ColorRole.Base)
        if base.lightness() < 128:  # a dark palette
            return "#5c2327", "#1f4d2b"
        return "#ffdcd8", "#d3f5d9"

    def _block(self, label: str, lines: tuple[str, ...] | list[str], background: str) -> str:
        """``lines`` in the editor's fixed font, after ``label`` (bold), on ``background``."""
        family = html.escape(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family(), quote=True
        )
        text = html.escape("\n".join(lines)) or " "
        style = f"font-family: '{family}'; white-space: pre-wrap; margin: 0;"
        if background:
            style += f" background-color: {background};"
        heading = f"<p style='margin: 4px 0 0 0;'><b>{html.escape(label)}</b></p>" if label else ""
        return f'{heading}<pre style="{style}">{text}</pre>'

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
            if self._untitled_location is not None:
                return self._untitled_location(entry.text)
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


def _paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


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
    dialog = RecoveryDialog(
        waiting,
        store,
        parent,
        last_directory=document.last_directory,
        untitled_location=document.new_post_location,
    )
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
