"""One editor widget per front-matter field type, for the metadata panel.

Each editor shows a field's value and reports what the user enters by
:attr:`FieldEditor.value_edited`; values set from the document with
:meth:`FieldEditor.set_value` never emit it. Typed text is reported after a short pause and
when editing finishes, choices and check boxes at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from editor.core.profiles import FieldSpec
from editor.ui.metadata_pickers import (
    DateTimeDialog,
    ImagePickerDialog,
    PostImage,
    parse_moment,
)
from editor.ui.wheel_guard import guard_wheel

#: Lists the pictures a picker offers (the post's image folder, read when the picker opens).
ImageSource = Callable[[], list[PostImage]]

#: How long typing must pause before the value is reported, in milliseconds.
TYPING_PAUSE_MS = 400


def yaml_text(value: object) -> str:
    """``value`` written roughly as YAML would show it (for read-only display)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(yaml_text(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {yaml_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def field_text(value: object) -> str:
    """``value`` as it is typed into a one-line field (lists comma-separated)."""
    if isinstance(value, tuple | list):
        return ", ".join(yaml_text(item) for item in value)
    return yaml_text(value)


def plain_value(value: object) -> object:
    """``value`` with tuples turned into lists (the payload the panel promises)."""
    if isinstance(value, tuple | list):
        return [plain_value(item) for item in value]
    return value


class FieldEditor(QWidget):
    """The base of every field editor: one row of widgets for one :class:`FieldSpec`."""

    value_edited = Signal(object)  # the value the user entered: str, bool or list[str]

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)

    def input_widget(self) -> QWidget:
        """The widget that takes the user's input (for labels, focus and tests)."""
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        """Show ``value`` from the document without reporting it as an edit."""
        raise NotImplementedError


class _TextFieldEditor(FieldEditor):
    """Shared logic of editors whose value is typed: a pause timer and the committed text."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._committed = ""
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def set_value(self, value: object) -> None:
        """Show ``value``; text the user is still typing is kept if the document did not
        change this field meanwhile."""
        text = field_text(value)
        if text == self._committed and self._timer.isActive():
            return
        self._committed = text
        if self._current_text() == text:
            return
        self._timer.stop()
        self._loading = True
        try:
            self._set_text(text)
        finally:
            self._loading = False

    def _current_text(self) -> str:
        raise NotImplementedError

    def _set_text(self, text: str) -> None:
        raise NotImplementedError

    def _parse(self, text: str) -> object:
        """The value to report for ``text``."""
        return text

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _commit(self) -> None:
        self._timer.stop()
        text = self._current_text()
        if text != self._committed:
            self._committed = text
            self.value_edited.emit(self._parse(text))

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._commit()


class LineFieldEditor(_TextFieldEditor):
    """A one-line text field (text and image paths)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.textChanged.connect(self._on_line_edit_text_changed)
        self.line_edit.editingFinished.connect(self._on_line_edit_editing_finished)
        self._row.addWidget(self.line_edit, 1)
        if spec.suggestions and spec.type in {"text", "image"}:
            completer = QCompleter(list(spec.suggestions), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.line_edit.setCompleter(completer)

    def input_widget(self) -> QWidget:
        """The line edit."""
        return self.line_edit

    def _current_text(self) -> str:
        return self.line_edit.text()

    def _set_text(self, text: str) -> None:
        position = self.line_edit.cursorPosition()
        self.line_edit.setText(text)
        if self.line_edit.hasFocus():
            self.line_edit.setCursorPosition(min(position, len(text)))

    @Slot(str)
    def _on_line_edit_text_changed(self, _text: str) -> None:
        self._typed()

    @Slot()
    def _on_line_edit_editing_finished(self) -> None:
        self._commit()


class LongTextFieldEditor(_TextFieldEditor):
    """A multi-line text field."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.text_edit.textChanged.connect(self._on_text_edit_text_changed)
        self.text_edit.installEventFilter(self)
        self._row.addWidget(self.text_edit, 1)

    def input_widget(self) -> QWidget:
        """The plain-text edit."""
        return self.text_edit

    def _current_text(self) -> str:
        return self.text_edit.toPlainText()

    def _set_text(self, text: str) -> None:
        position = self.text_edit.textCursor().position()
        self.text_edit.setPlainText(text)
        if self.text_edit.hasFocus():
            cursor = self.text_edit.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.text_edit.setTextCursor(cursor)

    @Slot()
    def _on_text_edit_text_changed(self) -> None:
        self._typed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report the text when the text edit loses focus."""
        if watched is self.text_edit and event.type() == QEvent.Type.FocusOut:
            self._commit()
        return super().eventFilter(watched, event)


class _ListCompleter(QCompleter):
    """Completes the last comma-separated entry of a line edit."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = str(super().pathFromIndex(index))
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + chosen


def _entries(text: str) -> list[str]:
    """The entries of a comma-separated list."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _plain_link(entry: str) -> str:
    """``entry`` without a leading ``./`` (the picker's links have none)."""
    return entry.removeprefix("./")


class _ImageChooser:
    """A "Choose…" button that opens a picker of the post's pictures."""

    def __init__(self, editor: LineFieldEditor, on_chosen: Callable[[str], None]) -> None:
        self._editor = editor
        self._on_chosen = on_chosen
        self.source: ImageSource | None = None
        self.button = QPushButton(editor.tr("Choose…"), editor)
        self.button.setObjectName(f"choose_{editor.spec.key}")
        self.button.setAccessibleName(
            editor.tr("Choose {label} from the post's pictures").format(label=editor.spec.label)
        )
        self.button.setEnabled(False)
        self.button.clicked.connect(self.open)
        self.dialog: ImagePickerDialog | None = None
        #: The links of the pictures the picker offered when it was last opened.
        self.offered: frozenset[str] = frozenset()

    def set_source(self, source: ImageSource | None) -> None:
        self.source = source
        self.button.setEnabled(source is not None)

    def open(self) -> None:
        if self.source is None:
            return
        current = self._editor.line_edit.text().split(",", 1)[0].strip()
        images = self.source()
        self.offered = frozenset(image.link for image in images)
        self.dialog = ImagePickerDialog(self._editor.spec.label, images, current, self.button)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()

    def _on_dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        link = dialog.chosen_link()
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and link:
            self._on_chosen(link)


class ImageFieldEditor(LineFieldEditor):
    """The path of one picture, typed or chosen from the post's pictures."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.chooser = _ImageChooser(self, self._on_image_chosen)
        self._row.addWidget(self.chooser.button)

    def set_image_source(self, source: ImageSource | None) -> None:
        """Where the picker finds the post's pictures (None: the post has no folder yet)."""
        self.chooser.set_source(source)

    def _on_image_chosen(self, link: str) -> None:
        self.line_edit.setText(link)
        self._commit()


class ListFieldEditor(LineFieldEditor):
    """A list typed as comma-separated entries.

    Tags, and lists whose profile field suggests values, complete from the known values. A
    list of pictures (``item_type`` ``image``) has a picker that puts the chosen picture first
    (the blog's card thumbnail is the first entry of ``images``) and drops entries that are
    not among the post's pictures.
    """

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._model = QStringListModel(self)
        self.chooser: _ImageChooser | None = None
        if spec.type == "tags" or spec.suggestions:
            completer = _ListCompleter(self._model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.line_edit.setCompleter(completer)
        if spec.item_type == "image":
            self.chooser = _ImageChooser(self, self._on_image_chosen)
            self._row.addWidget(self.chooser.button)
        self.set_known_values(())

    def set_known_values(self, values: Iterable[str]) -> None:
        """The values offered for completion, besides the profile's own suggestions."""
        known = {*values, *self.spec.suggestions} if self.spec.type == "tags" else set()
        self._model.setStringList(sorted(known | set(self.spec.suggestions), key=str.casefold))

    def set_image_source(self, source: ImageSource | None) -> None:
        """Where the picker finds the post's pictures (for lists of pictures)."""
        if self.chooser is not None:
            self.chooser.set_source(source)

    def _parse(self, text: str) -> object:
        return _entries(text)

    def _on_image_chosen(self, link: str) -> None:
        """Put ``link`` first and drop entries that name no picture of the post (such as the
        template's placeholder), so the list no longer points at missing files; web
        addresses are kept."""
        offered = self.chooser.offered if self.chooser is not None else frozenset()
        entries = [
            entry
            for entry in _entries(self.line_edit.text())
            if entry != link and (_plain_link(entry) in offered or "://" in entry)
        ]
        self.line_edit.setText(", ".join([link, *entries]))
        self._commit()


class DateFieldEditor(LineFieldEditor):
    """A date or date-time typed as text, with a button that fills in the current time.

    Date-times are written RFC 3339 with the local offset; dates use the field's format.
    A typed date-time with an offset is reported as a ``datetime`` so YAML keeps it unquoted.
    """

    def __init__(
        self,
        spec: FieldSpec,
        parent: QWidget | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(spec, parent)
        self._now = now or (lambda: dt.datetime.now().astimezone())
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setObjectName(f"now_{spec.key}")
        self.now_button.setAccessibleName(self.tr("Set {label} to now").format(label=spec.label))
        self.now_button.clicked.connect(self._on_now_button_clicked)
        self.pick_button = QPushButton(self.tr("Pick…"), self)
        self.pick_button.setObjectName(f"pick_{spec.key}")
        self.pick_button.setAccessibleName(
            self.tr("Choose {label} on a calendar").format(label=spec.label)
        )
        self.pick_button.clicked.connect(self._on_pick_button_clicked)
        self.dialog: DateTimeDialog | None = None
        self._row.addWidget(self.now_button)
        self._row.addWidget(self.pick_button)

    def _parse(self, text: str) -> object:
        if self.spec.type != "datetime":
            return text
        try:
            moment = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return text
        return moment if moment.tzinfo is not None and "T" in text else text

    def _text_of(self, moment: dt.datetime) -> str:
        moment = moment.replace(microsecond=0)
        if self.spec.type == "datetime":
            return moment.isoformat()
        if self.spec.format == "MM/DD/YYYY":
            return moment.strftime("%m/%d/%Y")
        return moment.date().isoformat()

    @Slot()
    def _on_now_button_clicked(self) -> None:
        self.line_edit.setText(self._text_of(self._now()))
        self._commit()

    @Slot()
    def _on_pick_button_clicked(self) -> None:
        """Open a calendar (and for date-times a time and offset) on the field's value."""
        initial = parse_moment(self.line_edit.text(), self.spec.format) or self._now()
        with_time = self.spec.type == "datetime"
        self.dialog = DateTimeDialog(self.spec.label, initial, with_time=with_time, parent=self)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        if result == QDialog.DialogCode.Accepted:
            self.line_edit.setText(self._text_of(dialog.moment()))
            self._commit()
        dialog.deleteLater()


class ChoiceFieldEditor(FieldEditor):
    """One of the allowed values; a value outside the list is shown as it is written."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        self.combo.setEditable(False)
        self.combo.addItems(list(spec.allowed))
        guard_wheel(self.combo)  # scrolling the form past the box does not change the value
        self.combo.activated.connect(self._on_combo_activated)
        self._row.addWidget(self.combo, 1)

    def input_widget(self) -> QWidget:
        """The combo box."""
        return self.combo

    def set_value(self, value: object) -> None:
        """Select ``value``, adding it at the top when it is not an allowed value."""
        text = yaml_text(value)
        index = self.combo.findText(text)
        if index < 0:
            self._drop_extra_items()
            self.combo.insertItem(0, text)
            index = 0
        self.combo.setCurrentIndex(index)

    def _drop_extra_items(self) -> None:
        while self.combo.count() > len(self.spec.allowed):
            self.combo.removeItem(0)

    @Slot(int)
    def _on_combo_activated(self, index: int) -> None:
        self.value_edited.emit(self.combo.itemText(index))


class BooleanFieldEditor(FieldEditor):
    """A check box."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.check_box = QCheckBox(spec.label, self)
        self.check_box.clicked.connect(self._on_check_box_clicked)
        self._row.addWidget(self.check_box, 1)

    def input_widget(self) -> QWidget:
        """The check box."""
        return self.check_box

    def set_value(self, value: object) -> None:
        """Tick the box when ``value`` is true."""
        self.check_box.setChecked(value is True)

    @Slot(bool)
    def _on_check_box_clicked(self, checked: bool) -> None:
        self.value_edited.emit(checked)


_EDITORS: dict[str, type[FieldEditor]] = {
    "text": LineFieldEditor,
    "image": ImageFieldEditor,
    "long_text": LongTextFieldEditor,
    "date": DateFieldEditor,
    "datetime": DateFieldEditor,
    "list": ListFieldEditor,
    "tags": ListFieldEditor,
    "choice": ChoiceFieldEditor,
    "boolean": BooleanFieldEditor,
}


def make_field_editor(spec: FieldSpec, parent: QWidget | None = None) -> FieldEditor:
    """The editor for ``spec``'s type (a line edit for types it does not know)."""
    return _EDITORS.get(spec.type, LineFieldEditor)(spec, parent)
