"""The metadata panel: a form for a post's front matter, generated from its site profile.

The panel only shows and reports. It reads the document text given to
:meth:`MetadataPanel.set_document` and reports each change the user makes by
:attr:`MetadataPanel.field_edited`; the window applies it to the text (with
:func:`editor.core.front_matter.set_field`) and hands the new text back. Text whose front
matter cannot be read makes the form read-only until it can be read again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFocusEvent, QFontDatabase, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.front_matter import read_front_matter, split_front_matter
from editor.core.profiles import FieldSpec, Finding, Profile, validate_metadata
from editor.ui.messages import translated
from editor.ui.metadata_fields import (
    TYPING_PAUSE_MS,
    FieldEditor,
    ImageFieldEditor,
    ImageSource,
    ListFieldEditor,
    make_field_editor,
    plain_value,
    yaml_text,
)

#: Text colour of a finding, by severity.
SEVERITY_COLOURS = {"error": "#d1242f", "warning": "#9a6700", "hint": "#57606a"}
#: The problem list shows at most this many rows; more scroll, so the form keeps its room.
PROBLEM_ROWS_SHOWN = 3
_LINE_ROLE = Qt.ItemDataRole.UserRole


class FieldRow(QWidget):
    """One field of the form: caption, editor, help, findings and a one-click fix."""

    value_edited = Signal(str, object)  # key, the value the user entered
    fix_requested = Signal(str, object)  # key, the value the offered fix sets

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.fix_buttons: list[QPushButton] = []
        self._fix_values: list[object] = []
        self._description = ""
        self.editor = make_field_editor(spec, self)
        self.editor.value_edited.connect(self._on_editor_value_edited)
        self.caption = self._make_caption(spec)
        self.help_label = self._make_small_label(spec.help, "help")
        self.finding_label = self._make_small_label("", "finding")
        self.finding_label.setAccessibleName(
            self.tr("Problems with {label}").format(label=spec.label)
        )
        self.fix_row = QHBoxLayout()
        self.fix_row.setContentsMargins(0, 0, 0, 0)
        self._lay_out()
        self._describe_input()
        self.show_findings(())

    def _make_caption(self, spec: FieldSpec) -> QLabel:
        text = self.tr("{label} *").format(label=spec.label) if spec.required else spec.label
        caption = QLabel(text, self)
        caption.setBuddy(self.editor.input_widget())
        caption.setVisible(spec.type != "boolean")  # a check box carries its own label
        return caption

    def _make_small_label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(f"{name}_{self.spec.key}")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
        label.setVisible(bool(text))
        return label

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        for widget in (self.caption, self.editor, self.help_label, self.finding_label):
            column.addWidget(widget)
        self.fix_row.addStretch(1)
        column.addLayout(self.fix_row)

    def _describe_input(self) -> None:
        widget = self.editor.input_widget()
        widget.setObjectName(f"field_{self.spec.key}")
        widget.setAccessibleName(self.spec.label)
        parts = [self.tr("required")] if self.spec.required else []
        parts += [self.spec.help] if self.spec.help else []
        self._description = ". ".join(parts)
        widget.setAccessibleDescription(self._description)
        widget.setToolTip(self.spec.help)

    def focus_chain(self) -> list[QWidget]:
        """The row's focusable widgets in tab order."""
        chain = [self.editor.input_widget()]
        chain += self.editor.findChildren(QPushButton)
        return [*chain, *self.fix_buttons]

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show the findings for this field, with a button for each different fix offered."""
        text = "\n".join(translated(f.message) for f in findings)
        self.finding_label.setText(text)
        described = ". ".join(part for part in (self._description, text) if part)
        self.editor.input_widget().setAccessibleDescription(described)
        self.finding_label.setVisible(bool(findings))
        if findings:
            colour = SEVERITY_COLOURS.get(_worst(findings), "")
            self.finding_label.setStyleSheet(f"color: {colour};")
        fixes: list[tuple[str, object]] = []
        for finding in findings:
            if finding.fix is None:
                continue
            offer = (translated(finding.fix.label), plain_value(finding.fix.new_value))
            if offer not in fixes:
                fixes.append(offer)
        self._show_fixes(fixes)

    def _show_fixes(self, fixes: Sequence[tuple[str, object]]) -> None:
        """One button per fix; buttons are reused so focus stays on the one the user is on."""
        while len(self.fix_buttons) < len(fixes):
            button = QPushButton(self)
            number = len(self.fix_buttons) + 1
            button.setObjectName(f"fix_{self.spec.key}" + (f"_{number}" if number > 1 else ""))
            button.clicked.connect(self._on_fix_button_clicked)
            self.fix_row.insertWidget(len(self.fix_buttons), button)
            self.fix_buttons.append(button)
            if len(self.fix_buttons) > 1:
                QWidget.setTabOrder(self.fix_buttons[-2], button)
        for index, button in enumerate(self.fix_buttons):
            offered = index < len(fixes)
            button.setVisible(offered)
            if offered:
                label = fixes[index][0]
                button.setText(label)
                button.setAccessibleName(label)
        self._fix_values = [value for _label, value in fixes]

    @property
    def fix_button(self) -> QPushButton | None:
        """The first fix's button while a fix is offered."""
        shown = [button for button in self.fix_buttons if not button.isHidden()]
        return shown[0] if shown else None

    @Slot(object)
    def _on_editor_value_edited(self, value: object) -> None:
        self.value_edited.emit(self.spec.key, value)

    @Slot()
    def _on_fix_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton) and button in self.fix_buttons:
            index = self.fix_buttons.index(button)
            if index < len(self._fix_values):
                self.fix_requested.emit(self.spec.key, self._fix_values[index])


class RawYamlView(QPlainTextEdit):
    """The front matter as the YAML text between its ``---`` lines, editable.

    What the user types is reported by :attr:`edited` after a short pause and when the view
    loses focus, even when it is not valid YAML yet (the form then waits, read-only, until
    it is). Text shown from the document never emits it.
    """

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yaml_view")
        self.setAccessibleName(self.tr("Front matter as YAML"))
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # long values wrap
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText(self.tr("title: My post"))
        self._shown = ""
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._report)
        self.textChanged.connect(self._on_text_changed)

    def show_front_matter(self, raw: str | None) -> None:
        """Show ``raw`` (None: the document has no front matter), keeping the cursor."""
        text = raw or ""
        if text == self._shown and self._timer.isActive():
            return  # the document has not caught up with what is being typed
        self._shown = text
        if self.toPlainText() == text:
            return
        self._timer.stop()
        position = self.textCursor().position()
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Report what was typed when the user leaves the view."""
        self._report()
        super().focusOutEvent(event)

    @Slot()
    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    @Slot()
    def _report(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._shown:
            self._shown = text
            self.edited.emit(text)


def _worst(findings: Sequence[Finding]) -> str:
    order = ("error", "warning", "hint")
    return min((f.severity for f in findings), key=order.index)


class MetadataPanel(QWidget):
    """A form for the front matter of the open post, with its problems listed below."""

    # key, new value as plain Python: str, bool or list[str]; a date-time typed with its
    # offset comes as datetime.datetime so that YAML keeps it unquoted
    field_edited = Signal(str, object)
    problem_activated = Signal(int)  # 0-based document line of the finding the user activated
    front_matter_edited = Signal(str)  # the YAML the user typed in the raw view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Metadata"))
        self._profile: Profile | None = None
        self._rows: dict[str, FieldRow] = {}
        self._known_tags: tuple[str, ...] = ()
        self._image_source: ImageSource | None = None
        self.notice = self._make_notice()
        self.yaml_toggle = self._make_yaml_toggle()
        self.yaml_view = RawYamlView(self)
        self.yaml_view.edited.connect(self.front_matter_edited)
        self.form = QWidget(self)
        self.other_fields = self._make_other_fields()
        self.problem_header = QLabel(self)
        self.problem_header.setObjectName("problem_header")
        self.problem_list = self._make_problem_list()
        self._lay_out()
        self._build_form(None)

    # --- Building ----------------------------------------------------------------------------

    def _make_notice(self) -> QLabel:
        notice = QLabel(self)
        notice.setObjectName("metadata_notice")
        notice.setAccessibleName(self.tr("Metadata notice"))
        notice.setWordWrap(True)
        notice.setTextFormat(Qt.TextFormat.PlainText)
        return notice

    def _make_other_fields(self) -> QGroupBox:
        group = QGroupBox(self.tr("Other fields"), self)
        group.setObjectName("other_fields")
        self.other_text = QPlainTextEdit(group)
        self.other_text.setObjectName("other_fields_text")
        self.other_text.setReadOnly(True)
        self.other_text.setAccessibleName(self.tr("Other fields"))
        self.other_text.setAccessibleDescription(
            self.tr("Front matter fields the site profile does not describe, read-only")
        )
        QVBoxLayout(group).addWidget(self.other_text)
        return group

    def _make_problem_list(self) -> QListWidget:
        problems = QListWidget(self)
        problems.setObjectName("problem_list")
        problems.setAccessibleName(self.tr("Metadata problems"))
        problems.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        problems.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text is the tooltip
        problems.itemActivated.connect(self._on_problem_list_item_activated)
        return problems

    def _lay_out(self) -> None:
        content = QWidget(self)
        column = QVBoxLayout(content)
        for widget in (self.notice, self.form, self.other_fields):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("metadata_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.yaml_view)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.yaml_toggle, 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.pages, 1)
        outer.addWidget(self.problem_header)
        outer.addWidget(self.problem_list)

    def _make_yaml_toggle(self) -> QPushButton:
        toggle = QPushButton(self.tr("Edit as &YAML"), self)
        toggle.setObjectName("yaml_toggle")
        toggle.setCheckable(True)
        toggle.setAccessibleDescription(
            self.tr("Switch between the form and the front matter written as YAML")
        )
        toggle.toggled.connect(self._on_yaml_toggle_toggled)
        return toggle

    def _build_form(self, profile: Profile | None) -> None:
        """Replace the form's rows with one per field of ``profile``."""
        self._profile = profile
        layout = self.form.layout() or QVBoxLayout(self.form)
        for row in self._rows.values():
            row.hide()
            layout.removeWidget(row)
            row.deleteLater()
        self._rows = {}
        layout.setContentsMargins(0, 0, 0, 0)
        for spec in profile.fields if profile is not None else ():
            row = FieldRow(spec, self.form)
            row.value_edited.connect(self._on_row_value_edited)
            row.fix_requested.connect(self._on_row_fix_requested)
            layout.addWidget(row)
            self._rows[spec.key] = row
        self.form.setVisible(bool(self._rows))
        self.set_known_tags(self._known_tags)
        self.set_image_source(self._image_source)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Fields top to bottom, then the other fields, then the problem list."""
        chain: list[QWidget] = [self.yaml_toggle]
        chain += [widget for row in self._rows.values() for widget in row.focus_chain()]
        chain += [self.other_text, self.yaml_view, self.problem_list]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- Public API --------------------------------------------------------------------------

    def set_document(self, profile: Profile | None, text: str) -> None:
        """Show the front matter of ``text`` under ``profile`` (None: no site matched).

        The form is rebuilt only when the profile changes; otherwise values are updated in
        place, so focus and the cursor stay where the user is typing. Never emits
        :attr:`field_edited`.
        """
        if profile != self._profile:
            self._build_form(profile)
        self.yaml_view.show_front_matter(split_front_matter(text).raw)
        parsed = read_front_matter(text)
        if parsed.problem is not None:
            self._show_unreadable(translated(parsed.problem), parsed.problem_line)
            return
        data: Mapping[str, object] = parsed.data or {}
        self._set_editable(True)
        self._show_notice(profile)
        for key, row in self._rows.items():
            row.editor.set_value(data.get(key))
        self._show_other_fields(data)
        findings = validate_metadata(profile, data, text) if profile is not None else ()
        self._show_findings(findings)

    def set_known_tags(self, tags: Iterable[str]) -> None:
        """The tags offered for completion in tag fields (e.g. those used in the library)."""
        self._known_tags = tuple(tags)
        for row in self._rows.values():
            if isinstance(row.editor, ListFieldEditor):
                row.editor.set_known_values(self._known_tags)

    def set_image_source(self, source: ImageSource | None) -> None:
        """Where picture pickers find the post's pictures (None: the post has no folder)."""
        self._image_source = source
        for row in self._rows.values():
            if isinstance(row.editor, ImageFieldEditor | ListFieldEditor):
                row.editor.set_image_source(source)

    def show_yaml(self, shown: bool) -> None:
        """Show the front matter as YAML text (True) or as the form (False)."""
        self.yaml_toggle.setChecked(shown)

    def field_widget(self, key: str) -> QWidget | None:
        """The input widget of field ``key`` (to focus it), or None when the form has none."""
        row = self._rows.get(key)
        return None if row is None else row.editor.input_widget()

    def field_editor(self, key: str) -> FieldEditor | None:
        """The editor of field ``key``, or None."""
        row = self._rows.get(key)
        return None if row is None else row.editor

    # --- Showing -----------------------------------------------------------------------------

    def _show_notice(self, profile: Profile | None) -> None:
        self.notice.setStyleSheet("")
        self.notice.setText(
            ""
            if profile is not None
            else self.tr("This file is not matched to a site; its front matter is shown as text.")
        )
        self.notice.setVisible(profile is None)

    def _show_unreadable(self, problem: str, line: int | None) -> None:
        """Keep the last values, read-only, and say why the front matter cannot be read."""
        self._set_editable(False)
        for row in self._rows.values():
            row.show_findings(())
        self.notice.setText(problem)
        self.notice.setStyleSheet(f"color: {SEVERITY_COLOURS['error']};")
        self.notice.setVisible(True)
        self._fill_problem_list([("error", problem, line)])

    def _set_editable(self, editable: bool) -> None:
        self.form.setEnabled(editable)
        self.other_fields.setEnabled(editable)

    def _show_other_fields(self, data: Mapping[str, object]) -> None:
        known = self._rows.keys()
        lines = [f"{key}: {yaml_text(value)}" for key, value in data.items() if key not in known]
        text = "\n".join(lines)
        if self.other_text.toPlainText() != text:
            self.other_text.setPlainText(text)
        self.other_fields.setVisible(bool(lines))

    def _show_findings(self, findings: Sequence[Finding]) -> None:
        for key, row in self._rows.items():
            row.show_findings([f for f in findings if f.key == key])
        self._fill_problem_list([(f.severity, translated(f.message), f.line) for f in findings])

    def _fill_problem_list(self, entries: Sequence[tuple[str, str, int | None]]) -> None:
        self.problem_list.clear()
        for severity, text, line in entries:
            item = QListWidgetItem(f"{self._severity_name(severity)}: {text}")
            item.setData(_LINE_ROLE, line)
            item.setToolTip(text)
            self.problem_list.addItem(item)
        self.problem_header.setText(self._count_text(len(entries)))
        self.problem_list.setVisible(bool(entries))
        self._fit_problem_list()

    def _fit_problem_list(self) -> None:
        """Make the problem list as tall as its rows, up to :data:`PROBLEM_ROWS_SHOWN`."""
        problems = self.problem_list
        rows = max(1, min(problems.count(), PROBLEM_ROWS_SHOWN))
        row_height = max(problems.sizeHintForRow(0), problems.fontMetrics().height() + 2)
        frame = 2 * problems.frameWidth()
        problems.setFixedHeight(rows * row_height + frame + 2)

    def _severity_name(self, severity: str) -> str:
        names = {"error": self.tr("Error"), "warning": self.tr("Warning"), "hint": self.tr("Hint")}
        return names.get(severity, severity)

    def _count_text(self, count: int) -> str:
        if count == 0:
            return self.tr("No problems")
        if count == 1:
            return self.tr("1 problem")
        return self.tr("{count} problems").format(count=count)

    # --- Slots -------------------------------------------------------------------------------

    @Slot(bool)
    def _on_yaml_toggle_toggled(self, shown: bool) -> None:
        self.pages.setCurrentIndex(1 if shown else 0)
        self.yaml_toggle.setText(self.tr("Show the &form") if shown else self.tr("Edit as &YAML"))
        if shown:
            self.yaml_view.setFocus()

    @Slot(str, object)
    def _on_row_value_edited(self, key: str, value: object) -> None:
        self.field_edited.emit(key, value)

    @Slot(str, object)
    def _on_row_fix_requested(self, key: str, value: object) -> None:
        self.field_edited.emit(key, value)

    @Slot(QListWidgetItem)
    def _on_problem_list_item_activated(self, item: QListWidgetItem) -> None:
        line = item.data(_LINE_ROLE)
        if isinstance(line, int):
            self.problem_activated.emit(line)
