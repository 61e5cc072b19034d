"""The pull request side panel: title, author, state, checks, description, conversation, the
files that were not downloaded (and why), and the "Send Changes…" button."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.core.review.paths import RejectedPath
from editor.ui.messages import translated

if TYPE_CHECKING:  # the review services (and PyGithub) load when a pull request is opened
    from editor.services.review.pull_requests import PullDetails

_MARKS = {"success": "✓", "failure": "✗", "pending": "…", "neutral": "-"}


class ReviewPanel(QWidget):
    """Shows one pull request; asks the window to send changes back."""

    send_requested = Signal()  # the reviewer pressed "Send Changes…"
    file_activated = Signal(Path)  # the reviewer chose one of the pull request's files

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_panel")
        self.setAccessibleName(self.tr("Pull request"))
        self.title_label = QLabel(self)
        self.title_label.setObjectName("review_title")
        self.title_label.setWordWrap(True)
        self.title_label.setOpenExternalLinks(True)
        self.body_view = QTextBrowser(self)
        self.body_view.setObjectName("review_body")
        self.body_view.setAccessibleName(self.tr("Pull request description and conversation"))
        self.body_view.setOpenExternalLinks(True)
        self.files_list = QListWidget(self)
        self.files_list.setObjectName("review_files")
        self.files_list.setAccessibleName(self.tr("The pull request's Markdown files"))
        self.files_list.setMaximumHeight(110)
        self.files_list.itemActivated.connect(self._on_files_list_item_activated)
        self.send_button = QPushButton(self.tr("Send Changes…"), self)
        self.send_button.setObjectName("review_send")
        self.send_button.setAccessibleName(self.tr("Send changes to the pull request"))
        self.send_button.clicked.connect(self.send_requested)
        column = QVBoxLayout(self)
        column.addWidget(self.title_label)
        column.addWidget(self.files_list)
        column.addWidget(self.body_view, 1)
        column.addWidget(self.send_button)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.title_label.setText(self.tr("No pull request is open for review."))
        self.body_view.clear()
        self.files_list.clear()
        self.send_button.setEnabled(False)

    def set_files(self, root: Path, paths: list[str]) -> None:
        """List the Markdown files (repository paths under ``root``); Enter opens one."""
        self.files_list.clear()
        row = self.files_list.fontMetrics().height() + 6
        self.files_list.setMaximumHeight(min(5, max(1, len(paths))) * row + 6)
        for path in paths:
            item = QListWidgetItem(path, self.files_list)
            item.setData(Qt.ItemDataRole.UserRole, str(root.joinpath(*path.split("/"))))

    def _on_files_list_item_activated(self, item: QListWidgetItem) -> None:
        self.file_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

    def show_details(self, details: PullDetails, rejected: tuple[RejectedPath, ...] = ()) -> None:
        """Fill the panel from ``details``; ``rejected`` files are listed with their reasons."""
        e = html.escape
        self.title_label.setText(
            f'<b><a href="{e(details.url)}">{e(details.ref.label)}</a></b> {e(details.title)}'
        )
        how = (
            self.tr("You may push to this pull request.")
            if details.can_push
            else self.tr("You cannot push here: your changes will be sent as suggestions.")
        )
        parts = [
            "<p>"
            + e(
                self.tr("By {author} · {state} · from {branch}").format(
                    author=details.author, state=details.state, branch=details.head_ref
                )
            )
            + "</p>",
            f"<p>{e(how)}</p>",
        ]
        if details.checks:
            checks = "".join(
                f"<li>{_MARKS.get(c.outcome, '?')} {e(c.name)} ({e(c.outcome)})</li>"
                for c in details.checks
            )
            parts.append(f"<h4>{e(self.tr('Checks'))}</h4><ul>{checks}</ul>")
        if rejected:
            items = "".join(
                f"<li><code>{e(r.path)}</code>: {e(translated(r.reason))}</li>" for r in rejected
            )
            parts.append(f"<h4>{e(self.tr('Files not downloaded'))}</h4><ul>{items}</ul>")
        parts.append(f"<h4>{e(self.tr('Description'))}</h4>")
        parts.append(f"<pre>{e(details.body or self.tr('(no description)'))}</pre>")
        parts.append(f"<h4>{e(self.tr('Conversation'))}</h4>")
        for item in details.conversation:
            where = f" — {e(item.path)}:{item.line}" if item.path else ""
            state = f" ({e(item.state)})" if item.state else ""
            parts.append(f"<p><b>{e(item.author)}</b>{state}{where}</p><pre>{e(item.body)}</pre>")
        if not details.conversation:
            parts.append(f"<p>{e(self.tr('No comments yet.'))}</p>")
        self.body_view.setHtml("".join(parts))
        self.send_button.setEnabled(True)
