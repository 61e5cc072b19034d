"""Compare and merge: the file changed on disk and the editor's text, one change at a time.

The changes are listed; the selected one is shown side by side (the editor's lines, the
file's lines). For each the user takes theirs, the file's, or both; the merged result is
shown as it will be. Nothing is written: Apply puts the result in the editor as one
undoable edit, and the user saves when ready.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.text.merge import Change, Take, merge_parts, merged_text


class MergeDialog(QDialog):
    """Choose, change by change, between the editor's text and the file's."""

    def __init__(self, parent: QWidget | None, name: str, mine: str, theirs: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare and merge “{name}”").format(name=name))
        self.setObjectName("merge_dialog")
        self._parts = merge_parts(mine, theirs)
        self._changes = self._parts.changes
        self.choices: list[Take] = [Take.MINE] * len(self._changes)
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro_text(), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QHBoxLayout()
        self.change_list = QListWidget(self)
        self.change_list.setAccessibleName(self.tr("Changes"))
        for change in self._changes:
            self.change_list.addItem(self._describe(change))
        body.addWidget(self.change_list, 1)
        body.addWidget(self._make_sides(), 3)
        layout.addLayout(body, 2)
        layout.addWidget(QLabel(self.tr("Result:"), self))
        self.result_view = self._text_view(self.tr("The merged text"))
        layout.addWidget(self.result_view, 2)
        layout.addWidget(self._make_buttons())
        self.change_list.currentRowChanged.connect(self._on_change_list_current_row_changed)
        self.change_list.setCurrentRow(0)
        self._show_result()
        self.resize(900, 640)

    def merged_text(self) -> str:
        """The text the choices make."""
        return merged_text(self._parts, self.choices)

    def choose(self, index: int, take: Take) -> None:
        """Take ``take`` for change ``index`` (what the radio buttons do)."""
        self.choices[index] = take
        if index == self.change_list.currentRow():
            self._check(take)
        self.change_list.item(index).setText(self._describe(self._changes[index]))
        self._show_result()

    # -- construction ---------------------------------------------------------------------------

    def _intro_text(self) -> str:
        if not self._changes:
            return self.tr("The file and the editor hold the same text.")
        return self.tr(
            "The file was changed by another program. For each change, choose which version "
            "to keep. Nothing is saved until you save."
        )

    def _text_view(self, name: str) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setAccessibleName(name)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        return view

    def _make_sides(self) -> QWidget:
        sides = QWidget(self)
        grid = QGridLayout(sides)
        grid.setContentsMargins(0, 0, 0, 0)
        self.mine_view = self._text_view(self.tr("This change in the editor"))
        self.theirs_view = self._text_view(self.tr("This change in the file"))
        grid.addWidget(QLabel(self.tr("In the editor (yours):"), sides), 0, 0)
        grid.addWidget(QLabel(self.tr("In the file on disk:"), sides), 0, 1)
        grid.addWidget(self.mine_view, 1, 0)
        grid.addWidget(self.theirs_view, 1, 1)
        self._group = QButtonGroup(self)
        row = QHBoxLayout()
        for take, text in (
            (Take.MINE, self.tr("Keep &yours")),
            (Take.THEIRS, self.tr("Take the &file's")),
            (Take.BOTH, self.tr("Keep &both")),
        ):
            button = QRadioButton(text, sides)
            button.setObjectName(f"take_{take.value}")
            button.setProperty("take", take.value)
            self._group.addButton(button)
            row.addWidget(button)
        self._group.buttonClicked.connect(self._on_group_button_clicked)
        grid.addLayout(row, 2, 0, 1, 2)
        return sides

    def _make_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(self)
        apply = QPushButton(self.tr("&Apply Merge"), self)
        apply.setObjectName("apply")
        all_theirs = QPushButton(self.tr("All the F&ile's"), self)
        all_theirs.setObjectName("all_theirs")
        all_mine = QPushButton(self.tr("All Y&ours"), self)
        all_mine.setObjectName("all_mine")
        box.addButton(all_mine, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(all_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(apply, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        for button in (all_mine, all_theirs, cancel):
            button.setAutoDefault(False)
        apply.setDefault(True)
        all_mine.clicked.connect(lambda: self._choose_all(Take.MINE))
        all_theirs.clicked.connect(lambda: self._choose_all(Take.THEIRS))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        return box

    # -- showing --------------------------------------------------------------------------------

    def _describe(self, change: Change) -> str:
        where = self.tr("Line {line}").format(line=change.mine_start + 1)
        kept = {
            Take.MINE: self.tr("yours"),
            Take.THEIRS: self.tr("the file's"),
            Take.BOTH: self.tr("both"),
        }[self.choices[change.index]]
        return self.tr("{where}: {kept}").format(where=where, kept=kept)

    @Slot(int)
    def _on_change_list_current_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._changes):
            return
        change = self._changes[row]
        self.mine_view.setPlainText("".join(change.mine) or self.tr("(nothing)"))
        self.theirs_view.setPlainText("".join(change.theirs) or self.tr("(nothing)"))
        self._check(self.choices[row])

    def _check(self, take: Take) -> None:
        for button in self._group.buttons():
            button.setChecked(button.property("take") == take.value)

    @Slot(object)
    def _on_group_button_clicked(self, button: QRadioButton) -> None:
        row = self.change_list.currentRow()
        if 0 <= row < len(self._changes):
            self.choose(row, Take(button.property("take")))

    def _choose_all(self, take: Take) -> None:
        for index in range(len(self._changes)):
            self.choose(index, take)

    def _show_result(self) -> None:
        bar = self.result_view.verticalScrollBar().value()
        self.result_view.setPlainText(self.merged_text())
        self.result_view.verticalScrollBar().setValue(bar)
