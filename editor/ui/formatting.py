"""The Format menu and toolbar: Markdown syntax for people who do not know Markdown.

Each command runs a pure edit from :mod:`editor.core.text.formatting` on the editor's text and
selection and applies it as one undoable step. The site's own constructs (the blog's notices
and videos, Learn's alerts and includes) come from the post's site profile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from editor.core.profiles import Profile
from editor.core.text.formatting import (
    Edit,
    code_block,
    format_table,
    insert_block,
    link,
    new_table,
    set_heading,
    toggle_bullets,
    toggle_inline,
    toggle_numbers,
    toggle_quote,
    toggle_tasks,
)
from editor.core.text.outline import outline
from editor.core.text.utf16 import Utf16Map
from editor.ui.actions import QT_TRANSLATE_NOOP, ActionSpec, build_actions, translate
from editor.ui.document import editor_text
from editor.ui.editor import MarkdownEditor
from editor.ui.format_dialogs import LinkDialog, TableDialog

_C = "actions"

#: The Format menu's commands, in menu order (ids are unique across the window's actions).
FORMAT_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "format.bold",
        QT_TRANSLATE_NOOP(_C, "&Bold"),
        "format",
        "Ctrl+B",
        "format-text-bold",
        toolbar=True,
    ),
    ActionSpec(
        "format.italic",
        QT_TRANSLATE_NOOP(_C, "&Italic"),
        "format",
        "Ctrl+I",
        "format-text-italic",
        toolbar=True,
    ),
    ActionSpec(
        "format.strikethrough",
        QT_TRANSLATE_NOOP(_C, "&Strikethrough"),
        "format",
        "Ctrl+Shift+X",
        "format-text-strikethrough",
    ),
    ActionSpec(
        "format.code",
        QT_TRANSLATE_NOOP(_C, "Inline &Code"),
        "format",
        "Ctrl+`",
        toolbar=True,
        tip=QT_TRANSLATE_NOOP(_C, "Show the selection as code"),
    ),
    ActionSpec(
        "format.link",
        QT_TRANSLATE_NOOP(_C, "&Link…"),
        "format",
        "Ctrl+K",
        "insert-link",
        toolbar=True,
        separator_before=True,
        tip=QT_TRANSLATE_NOOP(_C, "Link the selection to a web address or a heading"),
    ),
    *(
        ActionSpec(
            f"format.heading_{level}",
            text,
            "format",
            f"Ctrl+{level}",
            separator_before=level == 1,
            toolbar=level == 2,
        )
        for level, text in (
            (1, QT_TRANSLATE_NOOP(_C, "Heading &1")),
            (2, QT_TRANSLATE_NOOP(_C, "Heading &2")),
            (3, QT_TRANSLATE_NOOP(_C, "Heading &3")),
            (4, QT_TRANSLATE_NOOP(_C, "Heading &4")),
        )
    ),
    ActionSpec(
        "format.paragraph",
        QT_TRANSLATE_NOOP(_C, "&Paragraph"),
        "format",
        "Ctrl+Shift+0",
        tip=QT_TRANSLATE_NOOP(_C, "Turn headings back into plain text"),
    ),
    ActionSpec(
        "format.bullets",
        QT_TRANSLATE_NOOP(_C, "B&ulleted List"),
        "format",
        "Ctrl+Shift+8",
        "format-list-unordered",
        toolbar=True,
        separator_before=True,
    ),
    ActionSpec(
        "format.numbers",
        QT_TRANSLATE_NOOP(_C, "&Numbered List"),
        "format",
        "Ctrl+Shift+7",
        "format-list-ordered",
        toolbar=True,
    ),
    ActionSpec("format.tasks", QT_TRANSLATE_NOOP(_C, "&Task List"), "format", "Ctrl+Shift+9"),
    ActionSpec(
        "format.quote",
        QT_TRANSLATE_NOOP(_C, "&Quote"),
        "format",
        "Ctrl+Shift+.",
        toolbar=True,
    ),
    ActionSpec(
        "format.code_block",
        QT_TRANSLATE_NOOP(_C, "Code Bl&ock"),
        "format",
        "Ctrl+Alt+C",
    ),
    ActionSpec(
        "format.table",
        QT_TRANSLATE_NOOP(_C, "T&able…"),
        "format",
        "Ctrl+Alt+T",
        "insert-table",
        toolbar=True,
        separator_before=True,
    ),
    ActionSpec(
        "format.format_table",
        QT_TRANSLATE_NOOP(_C, "&Tidy Table"),
        "format",
        "Ctrl+Alt+F",
        tip=QT_TRANSLATE_NOOP(_C, "Line up the columns of the table at the cursor"),
    ),
    ActionSpec(
        "format.paste_plain",
        QT_TRANSLATE_NOOP(_C, "Paste as Plain &Text"),
        "format",
        "Ctrl+Shift+V",
        separator_before=True,
        tip=QT_TRANSLATE_NOOP(_C, "Paste without turning formatted text into Markdown"),
    ),
)


class FormattingController(QObject):
    """Owns the Format actions, menu and toolbar, and applies them to the editor."""

    notice = Signal(str)  # a short message for the status bar

    def __init__(self, editor: MarkdownEditor, parent: QWidget) -> None:
        super().__init__(parent)
        self._editor = editor
        self._parent = parent
        self.actions_by_id = build_actions(parent, FORMAT_ACTIONS)
        self.menu = QMenu(translate(QT_TRANSLATE_NOOP(_C, "F&ormat")), parent)
        self.menu.setObjectName("menu.format")
        self.toolbar = QToolBar(self.tr("Format toolbar"), parent)
        self.toolbar.setObjectName("format_toolbar")
        self.site_menu = QMenu(self.tr("&Site Elements"), self.menu)
        self.site_menu.setObjectName("menu.format.site")
        self._fill_menu_and_toolbar()
        self._connect()
        self.set_profile(None)

    def _fill_menu_and_toolbar(self) -> None:
        for spec in FORMAT_ACTIONS:
            action = self.actions_by_id[spec.id]
            if spec.separator_before:
                self.menu.addSeparator()
            self.menu.addAction(action)
            if spec.toolbar:
                self.toolbar.addAction(action)
            if spec.id == "format.code_block":
                self.menu.addMenu(self.site_menu)

    def _connect(self) -> None:
        inline = {
            "format.bold": ("**", self.tr("bold text")),
            "format.italic": ("_", self.tr("italic text")),
            "format.strikethrough": ("~~", self.tr("struck text")),
            "format.code": ("`", self.tr("code")),
        }
        for action_id, (marker, placeholder) in inline.items():
            self._on(action_id, partial(self._inline, marker, placeholder))
        for level in range(1, 5):
            self._on(f"format.heading_{level}", partial(self._lines, partial(_heading, level)))
        self._on("format.paragraph", partial(self._lines, partial(_heading, 0)))
        self._on("format.bullets", partial(self._lines, toggle_bullets))
        self._on("format.numbers", partial(self._lines, toggle_numbers))
        self._on("format.tasks", partial(self._lines, toggle_tasks))
        self._on("format.quote", partial(self._lines, toggle_quote))
        self._on("format.code_block", partial(self._lines, code_block))
        self._on("format.link", self.ask_link)
        self._on("format.table", self.ask_table)
        self._on("format.format_table", self.tidy_table)
        self._on("format.paste_plain", self._editor.paste_plain_text)

    def _on(self, action_id: str, slot: Callable[[], object]) -> None:
        self.actions_by_id[action_id].triggered.connect(lambda _checked=False: slot())

    # --- the site's constructs --------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        """Offer ``profile``'s own constructs under Site Elements (none without a site)."""
        self.site_menu.clear()
        snippets = profile.snippets if profile is not None else ()
        for snippet, text in zip(
            snippets, with_access_keys(s.label for s in snippets), strict=True
        ):
            action = QAction(text, self.site_menu)
            action.triggered.connect(partial(self._insert_snippet, snippet.text))
            self.site_menu.addAction(action)
        self.site_menu.setEnabled(bool(snippets))
        title = (
            self.tr("&Site Elements ({site})").format(site=profile.name.replace("&", "&&"))
            if profile is not None and snippets
            else self.tr("&Site Elements")
        )
        self.site_menu.setTitle(title)

    def _insert_snippet(self, block: str, _checked: bool = False) -> None:
        self._apply(lambda text, start, end: insert_block(text, start, end, block))

    # --- commands ---------------------------------------------------------------------------

    def _inline(self, marker: str, placeholder: str) -> None:
        self._apply(lambda text, start, end: toggle_inline(text, start, end, marker, placeholder))

    def _lines(self, command: Callable[[str, int, int], Edit]) -> None:
        self._apply(command)

    @Slot()
    def ask_link(self) -> None:
        """Ask for a web address or a heading of the post, then link the selection to it."""
        text = editor_text(self._editor)
        cursor = self._editor.textCursor()
        dialog = LinkDialog(cursor.selectedText(), outline(text), self._parent)
        dialog.setObjectName("link_dialog")
        if dialog.exec() != LinkDialog.DialogCode.Accepted or not dialog.target():
            return
        target, label = dialog.target(), dialog.label()
        self._apply(lambda text, start, end: link(text, start, end, target, label))

    @Slot()
    def ask_table(self) -> None:
        """Ask for rows, columns and alignment, then insert an empty table."""
        dialog = TableDialog(self._parent)
        dialog.setObjectName("table_dialog")
        if dialog.exec() != TableDialog.DialogCode.Accepted:
            return
        table = new_table(dialog.rows(), dialog.columns(), dialog.alignments())
        first_cell = table.index("Column 1")
        # the first header cell is selected: typing names the column
        table = table[:first_cell] + "{cursor}" + table[first_cell:]
        self._apply(lambda text, start, end: insert_block(text, start, end, table))
        cursor = self._editor.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len("Column 1")
        )
        self._editor.setTextCursor(cursor)

    @Slot()
    def tidy_table(self) -> None:
        """Line up the columns of the table at the cursor."""
        text = editor_text(self._editor)
        position = _offset(text, self._editor.textCursor().position())
        edit = format_table(text, position)
        if edit is None:
            self.notice.emit(self.tr("Put the cursor in a table to tidy it."))
            return
        self._apply_edit(text, edit)

    def _apply(self, command: Callable[[str, int, int], Edit]) -> None:
        text = editor_text(self._editor)
        cursor = self._editor.textCursor()
        start = _offset(text, cursor.selectionStart())
        end = _offset(text, cursor.selectionEnd())
        self._apply_edit(text, command(text, start, end))

    def _apply_edit(self, text: str, edit: Edit) -> None:
        """Make ``edit`` as one undoable step and select what it says."""
        positions = Utf16Map(edit.apply(text))
        old = Utf16Map(text)
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(old.to_utf16(edit.start))
        cursor.setPosition(old.to_utf16(edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.replacement)
        cursor.endEditBlock()
        end = QTextCursor(self._editor.document())
        end.setPosition(positions.to_utf16(edit.start + len(edit.replacement)))
        self._editor.setTextCursor(end)
        self._editor.ensureCursorVisible()  # the whole inserted block, its closing line too
        selection = QTextCursor(self._editor.document())
        selection.setPosition(positions.to_utf16(edit.select[0]))
        selection.setPosition(positions.to_utf16(edit.select[1]), QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(selection)
        self._editor.ensureCursorVisible()
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)


def with_access_keys(labels: Iterable[str]) -> list[str]:
    """Menu texts for ``labels`` (profile data): each gets the first letter no earlier item
    took as its Alt key, and a literal ``&`` stays one."""
    taken: set[str] = set()
    texts: list[str] = []
    for label in labels:
        escaped = label.replace("&", "&&")
        starts = [
            i
            for i, c in enumerate(escaped)
            if c.isalnum() and (i == 0 or not escaped[i - 1].isalnum())
        ]
        others = [i for i, c in enumerate(escaped) if c.isalnum() and i not in starts]
        for index in (*starts, *others):  # the first letter of a word reads best
            char = escaped[index]
            if char.lower() not in taken and escaped[index - 1 : index] != "&":
                taken.add(char.lower())
                escaped = escaped[:index] + "&" + escaped[index:]
                break
        texts.append(escaped)
    return texts


def _heading(level: int, text: str, start: int, end: int) -> Edit:
    return set_heading(text, start, end, level)


def _offset(text: str, utf16_position: int) -> int:
    """The Python string offset of a ``QTextCursor`` position in ``text``."""
    return Utf16Map(text).to_index(utf16_position)


def format_action_ids() -> Sequence[str]:
    """The ids of the Format commands (for the shortcuts list)."""
    return [spec.id for spec in FORMAT_ACTIONS]
