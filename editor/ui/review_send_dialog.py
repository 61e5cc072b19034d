"""“Send Changes…”: push the reviewer's edits to the pull request, or suggest them.

* **Push** (the reviewer may write to the head branch): the changed files, a commit message,
  then one commit on top of the head the reviewer started from. When someone pushed
  meanwhile, their changes are merged in; lines both changed are shown side by side and the
  reviewer picks mine, theirs or both for each before anything is sent.
* **Suggest** (no push rights): the review with its suggestion comments is shown first, with
  an optional summary; sending creates it.

Both show progress, can be cancelled, and end with a link to the result.
"""

from __future__ import annotations

import html
import threading

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.core.review.merge3 import resolved_text
from editor.core.review.suggestions import ReviewDraft
from editor.core.text.merge import Take
from editor.services.review.pull_requests import ReviewWorkspace
from editor.services.review.send import FileConflict, PushOutcome, ReviewSender, local_changes
from editor.ui.review_connection import ProgressRelay, ReviewConnection
from editor.ui.tasks import TaskRunner


class SendChangesDialog(QDialog):
    """Send one review workspace's changes back to its pull request."""

    #: The push went through; the workspace now starts from the new head (ReviewWorkspace).
    pushed = Signal(object)
    #: The suggestion review was created; its address.
    suggested = Signal(str)

    def __init__(
        self,
        workspace: ReviewWorkspace,
        connection: ReviewConnection,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_send_dialog")
        self.setWindowTitle(self.tr("Send Changes"))
        self.setAccessibleName(self.tr("Send Changes"))
        self._workspace = workspace
        self._connection = connection
        self._tasks = tasks
        self._cancel = threading.Event()
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self._draft: ReviewDraft | None = None
        self._outcome: PushOutcome | None = None
        self._choices: dict[tuple[str, int], QComboBox] = {}
        self._busy = False
        self.push_mode = workspace.state.can_push

        self._build_widgets()
        self._lay_out()
        self.resize(720, 560)
        if self.push_mode:
            self._show_push()
        else:
            self._show_suggest()

    def _build_widgets(self) -> None:
        self.intro_label = QLabel(self)
        self.intro_label.setObjectName("review_send_intro")
        self.intro_label.setWordWrap(True)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("review_send_preview")
        self.preview.setAccessibleName(self.tr("What will be sent"))
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("review_send_text")
        self.text_edit.setMaximumHeight(90)
        self.message_edit = QLineEdit(self)
        self.message_edit.setObjectName("review_commit_message")
        self.message_edit.setAccessibleName(self.tr("Commit message"))
        self.conflict_area = QScrollArea(self)
        self.conflict_area.setObjectName("review_conflicts")
        self.conflict_area.setWidgetResizable(True)
        self.conflict_area.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("review_send_status")
        self.status_label.setWordWrap(True)
        self.status_label.setOpenExternalLinks(True)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("review_send_button")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("review_send_cancel")
        self.cancel_button.clicked.connect(self._on_cancel)

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.intro_label)
        column.addWidget(self.preview, 1)
        column.addWidget(self.conflict_area, 1)
        column.addWidget(self.message_edit)
        column.addWidget(self.text_edit)
        column.addWidget(self.progress)
        column.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.cancel_button)
        column.addLayout(buttons)

    # -- push -------------------------------------------------------------------------------

    def _show_push(self) -> None:
        changes = local_changes(self._workspace)
        self.intro_label.setText(
            self.tr(
                "Your changes go to the pull request as one commit on top of the version you "
                "opened. If others pushed meanwhile, their changes are merged in; nothing is "
                "overwritten."
            )
        )
        items = "".join(
            f"<li><code>{html.escape(c.path)}</code>"
            f"{html.escape(self.tr(' (new)') if c.original is None else '')}</li>"
            for c in changes
        )
        self.preview.setHtml(f"<ul>{items}</ul>" if changes else self.tr("Nothing changed yet."))
        self.message_edit.setPlaceholderText(self.tr("Commit message (optional)"))
        self.text_edit.hide()
        self.send_button.setText(self.tr("&Push"))
        self.send_button.setAccessibleName(self.tr("Push the changes to the pull request"))
        self.send_button.setEnabled(bool(changes))

    def _start(self, text: str) -> ReviewSender | None:
        self._cancel = threading.Event()
        service = self._connection.service(self._cancel, self._relay)
        if service is None:
            self.status_label.setText(self.tr("Sign in to GitHub first (File ▸ Sign In…)."))
            return None
        self._busy = True
        self.progress.show()
        self.send_button.setEnabled(False)
        self.status_label.setText(text)
        return ReviewSender(service)

    def _stop(self, text: str, *, can_send: bool = True) -> None:
        self._busy = False
        self.progress.hide()
        self.status_label.setText(text)
        self.send_button.setEnabled(can_send)

    def _push(self, resolutions: dict[str, bytes] | None, accept_head: str) -> None:
        sender = self._start(self.tr("Pushing…"))
        if sender is None:
            return
        workspace, text = self._workspace, self.message_edit.text().strip()
        self._tasks.submit(
            lambda: sender.push(
                workspace, message_text=text, resolutions=resolutions, accept_head=accept_head
            ),
            self._on_pushed,
            self._on_failed,
            owner=self,
        )

    def _on_pushed(self, outcome: PushOutcome) -> None:
        self._outcome = outcome
        if outcome.conflicts:
            self._stop(
                self.tr(
                    "Someone changed the same lines meanwhile. Choose what to keep for each "
                    "place below, then push again. Nothing was sent yet."
                )
            )
            self._show_conflicts(outcome.conflicts)
            return
        incoming = ", ".join(outcome.incoming)
        parts = [
            self.tr('Pushed. <a href="{url}">See the commit</a>.').format(
                url=html.escape(outcome.url)
            )
        ]
        if incoming:
            parts.append(
                html.escape(
                    self.tr("Changes others pushed meanwhile were merged in: {files}.").format(
                        files=incoming
                    )
                )
            )
        self._stop(" ".join(parts), can_send=False)
        self.cancel_button.setText(self.tr("Close"))
        if outcome.workspace is not None:
            self._workspace = outcome.workspace
            self.pushed.emit(outcome.workspace)

    def _show_conflicts(self, conflicts: tuple[FileConflict, ...]) -> None:
        box = QWidget()
        grid = QGridLayout(box)
        self._choices.clear()
        row = 0
        for conflict in conflicts:
            grid.addWidget(QLabel(f"<b>{html.escape(conflict.path)}</b>"), row, 0, 1, 3)
            row += 1
            places = (
                [(c.index, "".join(c.mine), "".join(c.theirs)) for c in conflict.merge.conflicts]
                if conflict.merge is not None
                else [(0, self.tr("(your file)"), self.tr("(their file)"))]
            )
            for index, mine, theirs in places:
                grid.addWidget(self._snippet(self.tr("Yours"), mine), row, 0)
                grid.addWidget(self._snippet(self.tr("Theirs"), theirs), row, 1)
                choice = QComboBox()
                choice.setAccessibleName(
                    self.tr("Keep which version in {path}").format(path=conflict.path)
                )
                choice.addItem(self.tr("Keep mine"), Take.MINE)
                choice.addItem(self.tr("Keep theirs"), Take.THEIRS)
                if conflict.merge is not None:
                    choice.addItem(self.tr("Keep both"), Take.BOTH)
                grid.addWidget(choice, row, 2)
                self._choices[(conflict.path, index)] = choice
                row += 1
        self.conflict_area.setWidget(box)
        self.conflict_area.show()
        self.preview.hide()
        self.send_button.setText(self.tr("&Push with These Choices"))

    def _snippet(self, title: str, text: str) -> QWidget:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setPlainText(text)
        view.setAccessibleName(title)
        view.setMaximumHeight(100)
        return view

    def set_choice(self, path: str, index: int, take: Take) -> None:
        """Choose what to keep at conflict ``index`` of ``path`` (as the combo box does)."""
        box = self._choices[(path, index)]
        box.setCurrentIndex(box.findData(take))

    def _resolutions(self) -> dict[str, bytes]:
        assert self._outcome is not None
        resolved: dict[str, bytes] = {}
        for conflict in self._outcome.conflicts:
            if conflict.merge is None:
                take = self._choices[(conflict.path, 0)].currentData()
                resolved[conflict.path] = conflict.theirs if take is Take.THEIRS else conflict.mine
                continue
            choices = {
                c.index: self._choices[(conflict.path, c.index)].currentData()
                for c in conflict.merge.conflicts
            }
            resolved[conflict.path] = resolved_text(conflict.merge, choices).encode("utf-8")
        return resolved

    # -- suggest ----------------------------------------------------------------------------

    def _show_suggest(self) -> None:
        self.intro_label.setText(
            self.tr(
                "You cannot push to this pull request, so your edits are sent as a review whose "
                "comments are suggestions the author can apply with one click. Check it below."
            )
        )
        self.message_edit.hide()
        self.text_edit.setPlaceholderText(self.tr("Summary for the author (optional)"))
        self.text_edit.setAccessibleName(self.tr("Review summary"))
        self.send_button.setText(self.tr("&Send Review"))
        self.send_button.setAccessibleName(self.tr("Send the review with suggestions"))
        sender = self._start(self.tr("Preparing the review…"))
        if sender is None:
            return
        workspace = self._workspace
        self._tasks.submit(
            lambda: sender.draft(workspace), self._on_drafted, self._on_failed, owner=self
        )

    def _on_drafted(self, draft: ReviewDraft) -> None:
        self._draft = draft
        e = html.escape
        parts = []
        for s in draft.suggestions:
            where = (
                self.tr("{path}, line {line}").format(path=s.path, line=s.line)
                if s.start_line == s.line
                else self.tr("{path}, lines {start} to {end}").format(
                    path=s.path, start=s.start_line, end=s.line
                )
            )
            parts.append(f"<p><b>{e(where)}</b></p><pre>{e(s.body)}</pre>")
        outside = self.tr("{path}, line {line} (in the summary: not part of the diff)")
        for s in draft.outside:
            where = outside.format(path=s.path, line=s.line)
            parts.append(f"<p><b>{e(where)}</b></p><pre>{e(s.text)}</pre>")
        count = len(draft.suggestions) + len(draft.outside)
        self.preview.setHtml("".join(parts) or e(self.tr("You have not changed anything yet.")))
        self._stop(
            self.tr("{count} suggestions are ready to send.").format(count=count),
            can_send=count > 0,
        )

    def _suggest(self) -> None:
        sender = self._start(self.tr("Sending the review…"))
        if sender is None or self._draft is None:
            return
        workspace, draft, summary = self._workspace, self._draft, self.text_edit.toPlainText()
        self._tasks.submit(
            lambda: sender.suggest(workspace, draft, summary),
            self._on_suggested,
            self._on_failed,
            owner=self,
        )

    def _on_suggested(self, url: str) -> None:
        self._stop(
            self.tr('Review sent. <a href="{url}">See it on GitHub</a>.').format(
                url=html.escape(url)
            ),
            can_send=False,
        )
        self.cancel_button.setText(self.tr("Close"))
        self.suggested.emit(url)

    # -- common -----------------------------------------------------------------------------

    @Slot()
    def send(self) -> None:
        """Push or send the review, as this dialog offers."""
        if self._busy:
            return
        if not self.push_mode:
            self._suggest()
        elif self._outcome is not None and self._outcome.conflicts:
            self._push(self._resolutions(), self._outcome.incoming_head)
        else:
            self._push(None, "")

    def _on_failed(self, error: BaseException) -> None:
        self._stop(html.escape(self._connection.explain(error)))

    def _on_progress(self, text: str) -> None:
        if self._busy:
            self.status_label.setText(html.escape(text))

    def _on_cancel(self) -> None:
        if self._busy:
            self._cancel.set()
            self._stop(self.tr("Cancelled. Nothing more is sent."))
        else:
            self.reject()
