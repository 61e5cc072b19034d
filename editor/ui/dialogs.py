"""The questions the window asks: plain words, safe defaults, every answer keyboard-reachable."""

from __future__ import annotations

import difflib
import enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.i18n import Message
from editor.ui.messages import translated


class SaveChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ExternalChoice(enum.Enum):
    RELOAD = "reload"
    KEEP_MINE = "keep"
    MERGE = "merge"  # choose change by change (editor.ui.merge_dialog)


def _warning(parent: QWidget, title: str, text: str, details: str) -> QMessageBox:
    """A warning box with a title, the question and what it means (buttons added by caller)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(details)
    return box


def ask_save_changes(parent: QWidget, name: str) -> SaveChoice:
    """Ask what to do with unsaved changes before they would be lost."""
    box = _warning(
        parent,
        QCoreApplication.translate("dialogs", "Unsaved changes"),
        QCoreApplication.translate(
            "dialogs", "Do you want to save the changes to “{name}”?"
        ).format(name=name),
        QCoreApplication.translate("dialogs", "If you don't save, your changes will be lost."),
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_overwrite_unreadable(parent: QWidget, name: str, reason: Message) -> bool:
    """The file changed on disk into something we cannot read: overwrite it with our text?"""
    box = _warning(
        parent,
        QCoreApplication.translate("dialogs", "File changed on disk"),
        QCoreApplication.translate(
            "dialogs", "“{name}” was changed by another program and can no longer be read."
        ).format(name=name),
        translated(reason)
        + "\n\n"
        + QCoreApplication.translate("dialogs", "Replace it with the text in the editor?"),
    )
    overwrite = box.addButton(
        QCoreApplication.translate("dialogs", "&Replace It"), QMessageBox.ButtonRole.DestructiveRole
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is overwrite


def ask_convert_encoding(parent: QWidget, reason: Message, encoding: str) -> bool:
    """A text file in another encoding: open a UTF-8 copy of its text? (Default: no.)"""
    box = _warning(
        parent,
        QCoreApplication.translate("dialogs", "Not UTF-8 text"),
        translated(reason),
        QCoreApplication.translate(
            "dialogs",
            "Postwright can open its text converted from {encoding} to UTF-8. The file is not"
            " changed until you save; saving writes it as UTF-8.",
        ).format(encoding=encoding),
    )
    convert = box.addButton(
        QCoreApplication.translate("dialogs", "&Open as UTF-8"), QMessageBox.ButtonRole.AcceptRole
    )
    convert.setObjectName("convert")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is convert


def show_problem(parent: QWidget, title: str, message: Message | str) -> None:
    """Tell the user something went wrong, in plain words; nothing to decide."""
    text = translated(message) if isinstance(message, Message) else message
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


class ExternalChangeDialog(QDialog):
    """Another program changed the file: reload it, keep the editor's text, or compare first."""

    def __init__(self, parent: QWidget, name: str, disk_text: str, editor_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("File changed on disk"))
        self.choice = ExternalChoice.KEEP_MINE
        self._diff = self._make_diff_view(disk_text, editor_text)
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr(
                "“{name}” was changed by another program. Reload it and lose your changes "
                "in the editor, or keep your version? Nothing is written until you save."
            ).format(name=name)
        )
        label.setWordWrap(True)
        label.setMinimumWidth(460)
        layout.addWidget(label)
        layout.addWidget(self._diff, 1)
        layout.addWidget(self._make_buttons())

    def _make_diff_view(self, disk_text: str, editor_text: str) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setAccessibleName(self.tr("Differences between the file and the editor"))
        diff = difflib.unified_diff(
            disk_text.splitlines(),
            editor_text.splitlines(),
            fromfile=self.tr("on disk"),
            tofile=self.tr("in the editor"),
            lineterm="",
        )
        view.setPlainText("\n".join(diff) or self.tr("The texts are the same."))
        view.setVisible(False)
        return view

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        reload_button = buttons.addButton(
            self.tr("&Reload"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        keep_button = buttons.addButton(
            self.tr("&Keep Mine"), QDialogButtonBox.ButtonRole.RejectRole
        )
        compare = QPushButton(self.tr("&Compare"), self)
        compare.setCheckable(True)
        compare.toggled.connect(self._diff.setVisible)
        buttons.addButton(compare, QDialogButtonBox.ButtonRole.ActionRole)
        reload_button.setObjectName("reload")
        keep_button.setObjectName("keep")
        compare.setObjectName("compare")
        merge = buttons.addButton(self.tr("&Merge…"), QDialogButtonBox.ButtonRole.ActionRole)
        merge.setObjectName("merge")
        merge.setAutoDefault(False)
        merge.clicked.connect(lambda: self._finish(ExternalChoice.MERGE))
        reload_button.clicked.connect(lambda: self._finish(ExternalChoice.RELOAD))
        keep_button.clicked.connect(lambda: self._finish(ExternalChoice.KEEP_MINE))
        compare.toggled.connect(self._on_compare_toggled)
        for button in (reload_button, compare):
            button.setAutoDefault(False)  # Enter must never throw the user's text away
        keep_button.setAutoDefault(True)
        keep_button.setDefault(True)
        self._keep_button = keep_button
        return buttons

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._keep_button.setFocus()

    def _on_compare_toggled(self, shown: bool) -> None:
        if shown:
            self.resize(max(self.width(), 760), max(self.height(), 520))

    def _finish(self, choice: ExternalChoice) -> None:
        self.choice = choice
        self.accept()
