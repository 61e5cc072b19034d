"""A banner above the editor that names a problem with the post and offers to go to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ProblemBar(QFrame):
    """Shows one plain-language problem (e.g. malformed front matter) with its line."""

    go_to_line_requested = Signal(int)  # 0-based line the user asked to see

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Problem with the post"))
        self.setStyleSheet(
            "#problem_bar { background: palette(alternate-base); border-left: 4px solid #d1242f; }"
        )
        self._line: int | None = None
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("Problem"))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.go_button = QPushButton(self)
        self.go_button.clicked.connect(self._on_go_button_clicked)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss this message"))
        self.dismiss_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.go_button)
        row.addWidget(self.dismiss_button)
        self.setVisible(False)

    def show_problem(self, text: str, line: int | None) -> None:
        """Show ``text``; offer to jump to ``line`` (0-based) when it is known."""
        self._line = line
        self.label.setText(text)
        self.go_button.setVisible(line is not None)
        if line is not None:
            self.go_button.setText(self.tr("Go to line {line}").format(line=line + 1))
        self.setAccessibleDescription(text)
        self.setVisible(True)

    def clear(self) -> None:
        self._line = None
        self.setVisible(False)

    def problem_text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    @Slot()
    def _on_go_button_clicked(self) -> None:
        if self._line is not None:
            self.go_to_line_requested.emit(self._line)
