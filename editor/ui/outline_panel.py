"""The Outline panel: the post's headings as a tree; choosing one moves editor and preview.

The headings are found off the GUI thread a moment after typing stops, so a long post never
makes typing wait; the heading the cursor is under is shown as current.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.core.text.outline import Heading
from editor.services.render_process import run_named
from editor.ui.document import editor_text
from editor.ui.editor import MarkdownEditor
from editor.ui.tasks import Analyst, TaskRunner

#: How long typing must pause before the outline is read again, in milliseconds.
OUTLINE_PAUSE_MS = 300
#: What reads the headings, by name (it parses the whole post: see ``analyse`` below).
OUTLINE = "editor.core.text.outline:outline"
_LINE_ROLE = Qt.ItemDataRole.UserRole


class OutlinePanel(QWidget):
    """Headings nested by level; activating one reports its line."""

    heading_activated = Signal(int)  # 0-based document line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Outline"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("outline_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Headings of the post"))
        self.tree.setAccessibleDescription(self.tr("Press Enter to go to a heading"))
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.empty = QLabel(
            self.tr("No headings yet. Headings (## Title) give your post its outline."), self
        )
        self.empty.setObjectName("outline_empty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self._headings: list[Heading] = []
        self._items: list[QTreeWidgetItem] = []
        self.show_headings([])

    def show_headings(self, headings: list[Heading]) -> None:
        """Show ``headings`` (unchanged headings keep the tree as it is)."""
        if headings == self._headings and self._items:
            return
        self._headings = headings
        self.tree.clear()
        self._items = []
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for heading in headings:
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = QTreeWidgetItem([heading.title])
            item.setData(0, _LINE_ROLE, heading.line)
            item.setToolTip(0, self.tr("Line {line}").format(line=heading.line + 1))
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            parents.append((heading.level, item))
            self._items.append(item)
        self.tree.expandAll()
        self.tree.setVisible(bool(headings))
        self.empty.setVisible(not headings)

    def mark_current(self, line: int) -> None:
        """Show the heading the document ``line`` is under as the current one."""
        index = bisect_right([heading.line for heading in self._headings], line) - 1
        if 0 <= index < len(self._items) and self.tree.currentItem() is not self._items[index]:
            self.tree.setCurrentItem(self._items[index])

    @Slot(QTreeWidgetItem)
    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line = item.data(0, _LINE_ROLE)
        if isinstance(line, int):
            self.heading_activated.emit(line)


class OutlineController(QObject):
    """Reads the editor's headings after each pause in typing and keeps the panel current.

    It belongs to the panel (Qt parent), so it lives as long as the panel does.
    """

    def __init__(
        self,
        editor: MarkdownEditor,
        panel: OutlinePanel,
        tasks: TaskRunner,
        *,
        analyse: Analyst = run_named,
    ) -> None:
        """``analyse`` reads the headings (by default on the worker thread itself)."""
        super().__init__(panel)
        self._analyse = analyse
        self._editor = editor
        self._panel = panel
        self._tasks = tasks
        self._timer = QTimer(panel)
        self._timer.setSingleShot(True)
        self._timer.setInterval(OUTLINE_PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        editor.textChanged.connect(self._timer.start)
        editor.cursorPositionChanged.connect(self._mark_current)
        panel.heading_activated.connect(self._go_to)

    def refresh(self) -> None:
        """Read the headings again now (off the GUI thread)."""
        text = editor_text(self._editor)
        analyse = self._analyse
        self._tasks.submit(
            lambda: analyse(OUTLINE, text), self._show, group="outline", owner=self._panel
        )

    def _show(self, headings: list[Heading]) -> None:
        self._panel.show_headings(headings)
        self._mark_current()

    def _mark_current(self) -> None:
        self._panel.mark_current(self._editor.textCursor().blockNumber())

    def _go_to(self, line: int) -> None:
        self._editor.go_to_line(line)
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
