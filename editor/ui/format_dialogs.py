"""The Link and Table dialogs of the Format menu."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.text.formatting import web_address
from editor.core.text.outline import Heading


class LinkDialog(QDialog):
    """A web address, or one of the post's headings, and the text to show."""

    def __init__(
        self, selected: str, headings: Sequence[Heading], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert Link"))
        self._headings = list(headings)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("link_url")
        self.url_edit.setPlaceholderText("https://")
        self.url_edit.setAccessibleName(self.tr("Web address"))
        self.heading_box = QComboBox(self)
        self.heading_box.setObjectName("link_heading")
        self.heading_box.setAccessibleName(self.tr("Heading of this post"))
        self.heading_box.addItem(self.tr("(a web address)"), "")
        for heading in self._headings:
            indent = "    " * (heading.level - 1)
            self.heading_box.addItem(f"{indent}{heading.title}", heading.anchor)
        self.heading_box.setEnabled(bool(self._headings))
        self.heading_box.activated.connect(self._on_heading_box_activated)
        self.text_edit = QLineEdit(selected, self)
        self.text_edit.setObjectName("link_text")
        self.text_edit.setAccessibleName(self.tr("Text to show"))
        self.text_edit.setReadOnly(bool(selected))
        hint = QLabel(
            self.tr(
                "Describe where the link goes in the text to show: readers using a screen"
                " reader hear it on its own, so avoid “click here”."
            ),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        for caption, widget in (
            (self.tr("Web &address:"), self.url_edit),
            (self.tr("Or a &heading:"), self.heading_box),
            (self.tr("&Text to show:"), self.text_edit),
        ):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.buttons)
        self.url_edit.setFocus()

    def target(self) -> str:
        """Where the link goes: the address typed, or ``#anchor`` of the chosen heading."""
        anchor = self.heading_box.currentData()
        return f"#{anchor}" if anchor else web_address(self.url_edit.text())

    def label(self) -> str:
        """The text to show when nothing was selected."""
        return self.text_edit.text().strip()

    @Slot(int)
    def _on_heading_box_activated(self, index: int) -> None:
        chosen = bool(self.heading_box.itemData(index))
        self.url_edit.setEnabled(not chosen)
        if chosen and not self.text_edit.isReadOnly() and not self.text_edit.text():
            self.text_edit.setText(self._headings[index - 1].title)


class TableDialog(QDialog):
    """The size of a new table and how each column is aligned."""

    _ALIGNMENTS = ("none", "left", "center", "right")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert Table"))
        self.rows_box = self._spin_box("table_rows", self.tr("Rows"), 3)
        self.columns_box = self._spin_box("table_columns", self.tr("Columns"), 3)
        self.align_box = QComboBox(self)
        self.align_box.setObjectName("table_alignment")
        self.align_box.setAccessibleName(self.tr("Column alignment"))
        for text in (
            self.tr("Site default"),
            self.tr("Left"),
            self.tr("Centre"),
            self.tr("Right"),
        ):
            self.align_box.addItem(text)
        form = QFormLayout()
        for caption, widget in (
            (self.tr("&Rows (besides the header):"), self.rows_box),
            (self.tr("&Columns:"), self.columns_box),
            (self.tr("&Alignment:"), self.align_box),
        ):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(buttons)

    def _spin_box(self, name: str, accessible: str, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setRange(1, 50)
        box.setValue(value)
        return box

    def rows(self) -> int:
        """Body rows wanted."""
        return self.rows_box.value()

    def columns(self) -> int:
        """Columns wanted."""
        return self.columns_box.value()

    def alignments(self) -> list[str]:
        """One alignment per column."""
        return [self._ALIGNMENTS[self.align_box.currentIndex()]] * self.columns()
