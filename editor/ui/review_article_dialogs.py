"""“Open Published Article…” and “Report a Problem with This Article…”.

Open: paste the address of a published article (or pick one from the site's repository); the
site profile maps it to its source file, which is downloaded with its pictures and includes
into the library and opened. Report: the issue that will be filed (title, text with the
article's address, the selected text and the description) is shown and can be edited before
it is filed on the site's repository.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.profiles.model import Profile
from editor.core.review.feedback import IssueDraft, feedback_issue
from editor.core.review.references import ArticleAddress, parse_article_address, stem_of_path
from editor.services.github.publisher import Publisher
from editor.services.review.articles import (
    OpenedArticle,
    edit_request,
    file_issue,
    issue_template,
    list_articles,
    open_article,
)
from editor.ui.review_connection import ProgressRelay, ReviewConnection
from editor.ui.tasks import TaskRunner


class _Busy(QDialog):
    """A dialog that runs one GitHub job at a time, with a status line and Cancel."""

    def __init__(self, connection: ReviewConnection, tasks: TaskRunner, parent: QWidget | None):
        super().__init__(parent)
        self._connection = connection
        self._tasks = tasks
        self._cancel = threading.Event()
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self.busy = False
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setOpenExternalLinks(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self._on_cancel)

    def run(self, job, done, text: str) -> None:  # type: ignore[no-untyped-def]
        self._cancel = threading.Event()
        service = self._connection.service(self._cancel, self._relay)
        if service is None:
            self.status_label.setText(self.tr("Sign in to GitHub first (File ▸ Sign In…)."))
            return
        self.busy = True
        self.status_label.setText(text)
        self.changed()
        self._tasks.submit(
            lambda: job(service), lambda result: self._done(done, result), self._failed, owner=self
        )

    def _done(self, done, result) -> None:  # type: ignore[no-untyped-def]
        self.busy = False
        self.status_label.setText("")
        self.changed()
        done(result)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.status_label.setText(html.escape(self._connection.explain(error)))
        self.changed()

    def changed(self) -> None:
        """Busy state changed: enable or disable buttons."""

    def _on_progress(self, text: str) -> None:
        if self.busy:
            self.status_label.setText(html.escape(text))

    def _on_cancel(self) -> None:
        if self.busy:
            self._cancel.set()
            self.busy = False
            self.status_label.setText(self.tr("Cancelled."))
            self.changed()
        else:
            self.reject()


class OpenArticleDialog(_Busy):
    """Open a published article for editing."""

    #: The article is in the library: OpenedArticle, Profile.
    opened = Signal(object, object)

    def __init__(
        self,
        connection: ReviewConnection,
        tasks: TaskRunner,
        library: Path,
        profiles: Sequence[Profile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(connection, tasks, parent)
        self.setObjectName("review_article_dialog")
        self.setWindowTitle(self.tr("Open Published Article"))
        self.setAccessibleName(self.tr("Open Published Article"))
        self._library = library
        self._profiles = tuple(p for p in profiles if p.published.addresses)
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("article_address")
        self.address_edit.setAccessibleName(self.tr("Article address"))
        self.address_edit.setPlaceholderText("https://pnp.github.io/blog/post/…")
        self.address_edit.textChanged.connect(self.changed)
        self.site_box = QComboBox(self)
        self.site_box.setObjectName("article_site")
        self.site_box.setAccessibleName(self.tr("Site"))
        for profile in self._profiles:
            self.site_box.addItem(profile.name, profile.id)
        self.browse_button = QPushButton(self.tr("&Browse"), self)
        self.browse_button.setObjectName("article_browse")
        self.browse_button.setAccessibleName(self.tr("List the site's articles"))
        self.browse_button.clicked.connect(self.browse)
        self.list = QListWidget(self)
        self.list.setObjectName("article_list")
        self.list.setAccessibleName(self.tr("The site's articles"))
        self.list.currentTextChanged.connect(self._on_list_current_text_changed)
        self.list.itemActivated.connect(lambda _item: self.open_chosen())
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setObjectName("article_open")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_chosen)
        self._browsed: Profile | None = None
        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.address_edit)
        row = QHBoxLayout()
        row.addWidget(self.site_box, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.tr("Or pick:"), row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.list, 1)
        column.addWidget(self.status_label)
        column.addLayout(buttons)
        self.resize(640, 440)
        self.changed()

    def chosen(self) -> ArticleAddress | None:
        return parse_article_address(self.address_edit.text(), self._profiles)

    def changed(self) -> None:
        if not hasattr(self, "open_button"):
            return
        self.open_button.setEnabled(not self.busy and self.chosen() is not None)
        self.browse_button.setEnabled(not self.busy and self.site_box.count() > 0)

    def _profile(self) -> Profile | None:
        wanted = self.site_box.currentData()
        return next((p for p in self._profiles if p.id == wanted), None)

    @Slot()
    def browse(self) -> None:
        profile = self._profile()
        if profile is None:
            return
        self._browsed = profile
        self.run(
            lambda service: list_articles(service, profile),
            self._on_listed,
            self.tr("Listing the site's articles…"),
        )

    def _on_listed(self, paths: list[str]) -> None:
        self.list.clear()
        self.list.addItems(paths)

    def _on_list_current_text_changed(self, path: str) -> None:
        profile = self._browsed
        if not path or profile is None:
            return
        stem = stem_of_path(profile, path)
        template = profile.published.addresses[0]
        if stem is not None:
            address = template.replace("{folder}", stem).replace("{name}", stem)
            self.address_edit.setText(address.replace("{locale}", "en-us"))

    @Slot()
    def open_chosen(self) -> None:
        address = self.chosen()
        if address is None or self.busy:
            return
        library = self._library
        self.run(
            lambda service: open_article(service, address, library),
            lambda opened: self._on_opened(opened, address.profile),
            self.tr("Downloading the article…"),
        )

    def _on_opened(self, opened: OpenedArticle, profile: Profile) -> None:
        self.opened.emit(opened, profile)
        self.accept()


class ReportProblemDialog(_Busy):
    """Show the feedback issue, let the reader adjust it, file it."""

    filed = Signal(str)  # the new issue's address

    def __init__(
        self,
        address: ArticleAddress,
        article_title: str,
        selection: str,
        *,
        connection: ReviewConnection,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(connection, tasks, parent)
        self.setObjectName("review_report_dialog")
        self.setWindowTitle(self.tr("Report a Problem with This Article"))
        self.setAccessibleName(self.tr("Report a Problem with This Article"))
        self._address = address
        self._article_title = article_title
        self._selection = selection
        self._template = None
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("report_description")
        self.description_edit.setAccessibleName(self.tr("What is wrong"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.textChanged.connect(self._update_draft)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("report_title")
        self.title_edit.setAccessibleName(self.tr("Issue title"))
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("report_body")
        self.body_edit.setAccessibleName(self.tr("Issue text as it will be filed"))
        self.body_edit.setTabChangesFocus(True)
        self.file_button = QPushButton(self.tr("&File Issue"), self)
        self.file_button.setObjectName("report_file")
        self.file_button.clicked.connect(self.file)
        form = QFormLayout()
        form.addRow(self.tr("Article:"), QLabel(html.escape(address.address), self))
        form.addRow(self.tr("&What is wrong:"), self.description_edit)
        form.addRow(self.tr("Issue &title:"), self.title_edit)
        form.addRow(self.tr("Issue te&xt:"), self.body_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.addWidget(
            QLabel(
                self.tr(
                    "This issue will be filed on {repository}, where anyone can read it."
                ).format(repository=address.profile.repository),
                self,
            )
        )
        column.addLayout(form)
        column.addWidget(self.status_label)
        column.addLayout(buttons)
        self.resize(640, 520)
        self._update_draft()
        if address.profile.published.issue_template:
            self.run(
                lambda service: issue_template(service, address.profile),
                self._on_template,
                self.tr("Reading the repository's issue template…"),
            )

    def _on_template(self, template) -> None:  # type: ignore[no-untyped-def]
        self._template = template
        self._update_draft()

    def draft(self) -> IssueDraft:
        return feedback_issue(
            address=self._address.address,
            path=self._address.path,
            article_title=self._article_title,
            selection=self._selection,
            description=self.description_edit.toPlainText(),
            template=self._template,
        )

    def _update_draft(self) -> None:
        draft = self.draft()
        self.title_edit.setText(draft.title)
        self.body_edit.setPlainText(draft.body)

    def changed(self) -> None:
        if hasattr(self, "file_button"):
            self.file_button.setEnabled(not self.busy)

    @Slot()
    def file(self) -> None:
        if not self.description_edit.toPlainText().strip():
            self.status_label.setText(self.tr("Say what is wrong first."))
            return
        labels = self.draft().labels
        draft = IssueDraft(self.title_edit.text().strip(), self.body_edit.toPlainText(), labels)
        profile = self._address.profile
        self.run(
            lambda service: file_issue(service, profile, draft),
            self._on_filed,
            self.tr("Filing the issue…"),
        )

    def _on_filed(self, url: str) -> None:
        self.status_label.setText(
            self.tr('Thank you. <a href="{url}">The issue is filed</a>.').format(
                url=html.escape(url)
            )
        )
        self.file_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))
        self.filed.emit(url)


class ProposeEditDialog(_Busy):
    """Propose the edit of a published article: fork, branch, one commit, pull request."""

    proposed = Signal(str)  # the pull request's address

    def __init__(
        self,
        profile: Profile,
        post: Path,
        connection: ReviewConnection,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(connection, tasks, parent)
        self.setObjectName("review_propose_dialog")
        self.setWindowTitle(self.tr("Propose Edit to {site}").format(site=profile.name))
        self.setAccessibleName(self.tr("Propose Edit"))
        self._profile = profile
        self._post = post
        field = profile.published.updated_field
        self.date_box = QCheckBox(
            self.tr("Set “{field}” (last updated) to today").format(field=field), self
        )
        self.date_box.setObjectName("propose_update_date")
        self.date_box.setChecked(bool(field))
        self.date_box.setVisible(bool(field))
        self.propose_button = QPushButton(self.tr("&Propose Edit"), self)
        self.propose_button.setObjectName("propose_button")
        self.propose_button.setDefault(True)
        self.propose_button.clicked.connect(self.propose)
        column = QVBoxLayout(self)
        column.addWidget(
            QLabel(
                self.tr(
                    "Your edit goes to {repository} as a pull request that changes only this "
                    "article. Your copy of the repository (a fork) is created if needed."
                ).format(repository=profile.repository),
                self,
            )
        )
        column.addWidget(self.date_box)
        column.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.cancel_button)
        column.addLayout(buttons)

    def changed(self) -> None:
        if hasattr(self, "propose_button"):
            self.propose_button.setEnabled(not self.busy)

    @Slot()
    def propose(self) -> None:
        profile, post = self._profile, self._post
        when = dt.datetime.now(dt.UTC) if self.date_box.isChecked() else None

        def job(service):  # type: ignore[no-untyped-def]
            publisher = Publisher(
                service.client, retrier=service.retrier, server=self._connection.url
            )
            return publisher.publish(edit_request(profile, post, update_date=when)).pull_url

        self.run(job, self._on_proposed, self.tr("Proposing the edit…"))

    def _on_proposed(self, url: str) -> None:
        self.status_label.setText(
            self.tr('Done. <a href="{url}">Your pull request</a> is open.').format(
                url=html.escape(url)
            )
        )
        self.propose_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))
        self.proposed.emit(url)
