"""“Open Pull Request…”: by address, by ``owner/repo#n``, or from a site's list of open pull
requests (all, review requested from me, mine) with title, author, age, files and checks.

Opening downloads the pull request's Markdown files and what they use into a review workspace
(off the GUI thread, with progress and Cancel) and emits :attr:`opened` with the workspace and
the pull request's details.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.profiles.model import Profile
from editor.core.review.references import PullReference, parse_pull_reference
from editor.services.review.pull_requests import PullDetails, PullFilter, PullSummary
from editor.ui.review_connection import ProgressRelay, ReviewConnection
from editor.ui.tasks import TaskRunner


def _age(when: dt.datetime | None, now: dt.datetime) -> str:
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    days = (now - when).days
    return f"{days} d" if days >= 1 else f"{max(0, (now - when).seconds // 3600)} h"


class OpenPullRequestDialog(QDialog):
    """Choose a pull request and download it for review."""

    #: (ReviewWorkspace, PullDetails): the pull request is on disk and ready to edit.
    opened = Signal(object, object)

    def __init__(
        self,
        connection: ReviewConnection,
        tasks: TaskRunner,
        reviews: Path,
        profiles: Sequence[Profile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_open_dialog")
        self.setWindowTitle(self.tr("Open Pull Request"))
        self.setAccessibleName(self.tr("Open Pull Request"))
        self._connection = connection
        self._tasks = tasks
        self._reviews = reviews
        self._profiles = tuple(profiles)
        self._cancel = threading.Event()
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self._rows: list[PullSummary] = []

        self._build_widgets()
        self._lay_out()
        self.resize(760, 480)
        self._busy = False
        self._update_buttons()

    def _build_widgets(self) -> None:
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("review_address")
        self.address_edit.setAccessibleName(self.tr("Pull request address"))
        self.address_edit.setPlaceholderText(
            self.tr("https://github.com/owner/repo/pull/123 or owner/repo#123")
        )
        self.address_edit.textChanged.connect(self._update_buttons)
        self.site_box = QComboBox(self)
        self.site_box.setObjectName("review_site")
        self.site_box.setAccessibleName(self.tr("Site"))
        for profile in self._profiles:
            self.site_box.addItem(profile.name, profile.repository)
        self.filter_box = QComboBox(self)
        self.filter_box.setObjectName("review_filter")
        self.filter_box.setAccessibleName(self.tr("Which pull requests"))
        self.filter_box.addItem(self.tr("All open"), PullFilter.OPEN)
        self.filter_box.addItem(self.tr("Review requested from me"), PullFilter.REVIEW_REQUESTED)
        self.filter_box.addItem(self.tr("Mine"), PullFilter.MINE)
        self.list_button = QPushButton(self.tr("&List"), self)
        self.list_button.setObjectName("review_list")
        self.list_button.setAccessibleName(self.tr("List pull requests"))
        self.list_button.clicked.connect(self.list_pulls)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("review_table")
        self.table.setAccessibleName(self.tr("Open pull requests"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Title"),
                self.tr("Author"),
                self.tr("Age"),
                self.tr("Files"),
                self.tr("Checks"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.cellActivated.connect(lambda _r, _c: self.open_chosen())
        self.status_label = QLabel(self)
        self.status_label.setObjectName("review_status")
        self.status_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setObjectName("review_open")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_chosen)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("review_cancel")
        self.cancel_button.clicked.connect(self._on_cancel)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.address_edit)
        pick = QHBoxLayout()
        pick.addWidget(self.site_box, 1)
        pick.addWidget(self.filter_box, 1)
        pick.addWidget(self.list_button)
        form.addRow(self.tr("Or choose:"), pick)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.table, 1)
        column.addWidget(self.status_label)
        column.addLayout(buttons)

    # -- choosing ---------------------------------------------------------------------------

    def chosen(self) -> PullReference | None:
        return parse_pull_reference(self.address_edit.text())

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(not self._busy and self.chosen() is not None)
        self.list_button.setEnabled(not self._busy and self.site_box.count() > 0)

    def _on_table_selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._rows):
            self.address_edit.setText(self._rows[rows[0].row()].ref.label)

    def _start(self, text: str) -> threading.Event:
        self._busy = True
        self._cancel = threading.Event()
        self.status_label.setText(text)
        self._update_buttons()
        return self._cancel

    def _finish(self, text: str = "") -> None:
        self._busy = False
        self.status_label.setText(text)
        self._update_buttons()

    @Slot()
    def list_pulls(self) -> None:
        """Fill the table with the chosen site's open pull requests (filtered)."""
        repository = str(self.site_box.currentData())
        which = str(self.filter_box.currentData())
        service = self._connection.service(self._start(self.tr("Listing…")), self._relay)
        if service is None:
            self._finish(self.tr("Sign in to GitHub first (File ▸ Sign In…)."))
            return
        self._tasks.submit(
            lambda: service.list_pulls(repository, which),
            self._on_listed,
            self._on_failed,
            owner=self,
        )

    def _on_listed(self, rows: list[PullSummary]) -> None:
        self._rows = rows
        now = dt.datetime.now(dt.UTC)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            failed = sum(c.outcome == "failure" for c in row.checks)
            checks = (
                self.tr("{failed} of {count} failed").format(failed=failed, count=len(row.checks))
                if failed
                else self.tr("all passed")
                if row.checks
                else self.tr("none")
            )
            for column, text in enumerate(
                (
                    f"#{row.ref.number} {row.title}",
                    row.author,
                    _age(row.created_at, now),
                    str(row.changed_files),
                    checks,
                )
            ):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self._finish(
            self.tr("{count} pull requests.").format(count=len(rows))
            if rows
            else self.tr("No pull requests match.")
        )

    # -- opening ----------------------------------------------------------------------------

    @Slot()
    def open_chosen(self) -> None:
        """Download the chosen pull request into its review workspace."""
        ref = self.chosen()
        if ref is None or self._busy:
            return
        service = self._connection.service(self._start(self.tr("Opening…")), self._relay)
        if service is None:
            self._finish(self.tr("Sign in to GitHub first (File ▸ Sign In…)."))
            return
        reviews, profiles = self._reviews, self._profiles

        def work() -> tuple[object, PullDetails]:
            workspace = service.download(ref, reviews, profiles)
            return workspace, service.details(ref)

        self._tasks.submit(work, self._on_opened, self._on_failed, owner=self)

    def _on_opened(self, result: tuple[object, PullDetails]) -> None:
        self._finish()
        workspace, details = result
        self.opened.emit(workspace, details)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._finish(self._connection.explain(error))

    def _on_progress(self, text: str) -> None:
        if self._busy:
            self.status_label.setText(text)

    def _on_cancel(self) -> None:
        if self._busy:
            self._cancel.set()
            self._finish(self.tr("Cancelled."))
        else:
            self.reject()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape and self._busy:
            self._on_cancel()
            return
        super().keyPressEvent(event)
