"""The line-number gutter painted beside a :class:`QPlainTextEdit`.

Only the visible blocks are walked when painting, so the cost does not grow with the document.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.ui.theme import LIGHT_COLORS

_PADDING = 6  # pixels on each side of the numbers
_MIN_DIGITS = 3


class LineNumberArea(QWidget):
    """Shows 1-based line numbers for the editor it sits in; the cursor's line stands out."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._background = QColor(LIGHT_COLORS.gutter_background)
        self._foreground = QColor(LIGHT_COLORS.gutter_foreground)
        self._current = QColor(LIGHT_COLORS.gutter_current)
        self.setObjectName("line_numbers")
        self.setAccessibleName(self.tr("Line numbers"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_colors(self, background: QColor, foreground: QColor, current: QColor) -> None:
        """Colours of the gutter, of the numbers, and of the cursor line's number."""
        self._background, self._foreground, self._current = background, foreground, current
        self.update()

    def width_hint(self) -> int:
        """The width the numbers of this document need."""
        digits = max(len(str(self._editor.blockCount())), _MIN_DIGITS)
        return 2 * _PADDING + self.fontMetrics().horizontalAdvance("9") * digits

    def sizeHint(self) -> QSize:
        return QSize(self.width_hint(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._background)
        self._paint_numbers(painter, event.rect())
        painter.end()

    def _paint_numbers(self, painter: QPainter, area: QRect) -> None:
        editor = self._editor
        block = editor.firstVisibleBlock()
        number = block.blockNumber()
        current = editor.textCursor().blockNumber()
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
        line_height = self.fontMetrics().height()
        width = self.width() - _PADDING
        while block.isValid() and top <= area.bottom():
            bottom = top + editor.blockBoundingRect(block).height()
            if block.isVisible() and bottom >= area.top():
                painter.setPen(self._current if number == current else self._foreground)
                painter.drawText(
                    0, round(top), width, line_height, Qt.AlignmentFlag.AlignRight, str(number + 1)
                )
            block = block.next()
            top = bottom
            number += 1
