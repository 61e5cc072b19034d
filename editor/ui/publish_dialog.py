"""“Publish…”: the pull-request form, the progress of each step, and the result.

1. The form asks what the site's contributing guide asks of a pull request, prefilled from the
   post. Metadata errors block publishing; warnings must be acknowledged. The checks of the
   account and the site's repository run in the background and say what will happen.
2. Publishing runs on the :class:`TaskRunner` pool; the steps are listed with their progress,
   waits (rate limits, a fork being prepared) show a countdown, and Cancel stops between
   requests.
3. The result: the pull request's link and number, and what comes next; or the problem in plain
   words, with the one action that helps (sign in again, open the single sign-on page, look at
   a maintainer's changes and publish on top of them, try again).

Nothing here changes the post on disk; the publish state goes to the state store.
"""

from __future__ import annotations

import contextlib
import html
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from github import Github
from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, SignalInstance, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.i18n import Message
from editor.core.profiles.model import Profile
from editor.core.publish.prepare import post_values
from editor.core.publish.pull_request import (
    NEXT_STEPS,
    FormField,
    PullRequestForm,
    form_fields,
    form_problems,
    prefilled_form,
)
from editor.core.publish.state import PublishState
from editor.services.checks_files import check_saved_post
from editor.services.github.client import make_client
from editor.services.github.errors import ErrorKind, GitHubError
from editor.services.github.local_files import build_request, post_stem
from editor.services.github.publisher import (
    STEP_LABELS,
    BranchMovedError,
    Preflight,
    Progress,
    Publisher,
    PublishResult,
    Step,
)
from editor.services.github.retry import Retrier, Wait
from editor.services.github.state_store import PublishStateStore
from editor.services.github.status import PullStatus, pull_status
from editor.services.paths import app_paths
from editor.services.storage import StorageError
from editor.ui.account_controller import AccountController
from editor.ui.messages import translated
from editor.ui.tasks import TaskRunner

ClientFactory = Callable[[str, str], Github]


def _default_client(token: str, api_url: str) -> Github:
    return make_client(token, api_url)


class _Relay(QObject):
    """Carries the worker thread's reports to the GUI thread (queued signals)."""

    progressed = Signal(object)  # Progress
    waiting = Signal(object)  # Wait


class PublishDialog(QDialog):
    """Publish one post of a site as a pull request."""

    #: GitHub refused the saved token (401): the window should ask to sign in again.
    token_rejected = Signal()
    #: Publishing finished; the :class:`PublishResult`.
    published = Signal(object)

    def __init__(
        self,
        profile: Profile,
        post: Path,
        tasks: TaskRunner,
        *,
        token_provider: Callable[[], str | None],
        api_url: str,
        store: PublishStateStore,
        client_factory: ClientFactory = _default_client,
        retrier_options: dict[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publish_dialog")
        self.setWindowTitle(self.tr("Publish to {site}").format(site=profile.name))
        self.setAccessibleName(self.tr("Publish"))
        self._profile = profile
        self._post = post
        self._tasks = tasks
        self._token_provider = token_provider
        self._api_url = api_url
        self._store = store
        self._client_factory = client_factory
        self._retrier_options = retrier_options or {}
        self._cancel = threading.Event()
        self._accept_head = ""
        self._running = False
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress)
        self._relay.waiting.connect(self._on_wait)

        text = post.read_text(encoding="utf-8", errors="replace")
        self._values = post_values(profile, post_stem(profile, post), text)
        # the same checks as the Problems panel: errors block, warnings are asked about
        report = check_saved_post(text, profile, post)
        self._errors = [p for p in report.problems if p.severity == "error"]
        self._warnings = [p for p in report.problems if p.severity == "warning"]

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_form_page())
        self.pages.addWidget(self._build_progress_page())
        self.pages.addWidget(self._build_result_page())
        self.pages.addWidget(self._build_status_page())
        column = QVBoxLayout(self)
        column.addWidget(self.pages)
        self.resize(620, 560)
        self._update_publish_button()
        self._run_preflight()

    # -- page 1: the form -------------------------------------------------------------------

    def _build_form_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self._add_metadata_findings(page, column)
        self._add_form(page, column)

        self.plan_label = QLabel(self.tr("Checking your account and the site's repository…"), page)
        self.plan_label.setObjectName("plan_label")
        self.plan_label.setWordWrap(True)
        self.plan_label.setAccessibleName(self.tr("What publishing will do"))
        self.plan_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.plan_label, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.publish_button = QPushButton(self.tr("&Publish"), page)
        self.publish_button.setDefault(True)
        self.publish_button.setAccessibleName(self.tr("Publish"))
        self.publish_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Cancel"), page)
        self.close_button.setAccessibleName(self.tr("Close without publishing"))
        self.close_button.clicked.connect(self.reject)
        self.status_button = QPushButton(self.tr("Pull request &status"), page)
        self.status_button.setAccessibleName(self.tr("Show the pull request's status"))
        self.status_button.setVisible(self._store.load(self._post).pull_number > 0)
        self.status_button.clicked.connect(self.show_status)
        buttons.insertWidget(0, self.status_button)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.close_button)
        column.addLayout(buttons)
        return page

    def _add_metadata_findings(self, page: QWidget, column: QVBoxLayout) -> None:
        self.metadata_list = QListWidget(page)
        self.metadata_list.setObjectName("publish_problems")
        self.metadata_list.setAccessibleName(self.tr("Problems the site would object to"))
        self.metadata_list.setMaximumHeight(130)
        for label, problems in (
            (self.tr("Error"), self._errors),
            (self.tr("Warning"), self._warnings),
        ):
            for problem in problems:
                where = (
                    self.tr("line {line}").format(line=problem.line + 1)
                    if problem.line is not None
                    else ""
                )
                text = translated(problem.message)
                item = f"{label} ({where}): {text}" if where else f"{label}: {text}"
                QListWidgetItem(item, self.metadata_list)
        self.metadata_list.setVisible(self.metadata_list.count() > 0)
        heading = QLabel(page)
        if self._errors:
            heading.setText(
                self.tr("Fix these problems before publishing (the Problems panel offers fixes):")
            )
        elif self._warnings:
            heading.setText(self.tr("The site may ask you to change these:"))
        heading.setVisible(self.metadata_list.count() > 0)
        heading.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(self.metadata_list)
        self.warnings_ok = QCheckBox(self.tr("Publish anyway, despite the warnings"), page)
        self.warnings_ok.setAccessibleName(self.tr("Publish despite the warnings"))
        self.warnings_ok.setVisible(bool(self._warnings) and not self._errors)
        self.warnings_ok.toggled.connect(self._update_publish_button)
        column.addWidget(self.warnings_ok)

    def _add_form(self, page: QWidget, column: QVBoxLayout) -> None:
        form = QFormLayout()
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.field_problems: dict[str, QLabel] = {}
        prefilled = prefilled_form(self._profile, self._values)
        for spec in form_fields(self._profile):
            editor = self._field_editor(spec, str(getattr(prefilled, spec.key, "") or ""), page)
            label = QLabel(translated(spec.label) + ("*" if spec.required else ""), page)
            label.setBuddy(editor)
            problem = QLabel(page)
            problem.setObjectName(f"problem_{spec.key}")
            problem.setWordWrap(True)
            problem.setStyleSheet("color: palette(highlight);")
            self.field_problems[spec.key] = problem
            holder = QWidget(page)
            inner = QVBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(editor)
            if spec.help is not None:
                hint = QLabel(translated(spec.help), holder)
                hint.setWordWrap(True)
                inner.addWidget(hint)
            inner.addWidget(problem)
            form.addRow(label, holder)
        column.addLayout(form)
        self.update_text_box = QCheckBox(
            self.tr("Also replace the pull request's title and description with these"), page
        )
        self.update_text_box.setAccessibleName(
            self.tr("Replace the pull request's title and description")
        )
        self.update_text_box.setVisible(self._store.load(self._post).pull_number > 0)
        column.addWidget(self.update_text_box)

    def _field_editor(
        self, spec: FormField, value: str, parent: QWidget
    ) -> QLineEdit | QPlainTextEdit | QComboBox:
        editor: QLineEdit | QPlainTextEdit | QComboBox
        if spec.choices:
            editor = QComboBox(parent)
            editor.addItems(list(spec.choices))
            editor.setCurrentText(value or spec.choices[0])
            editor.currentTextChanged.connect(self._update_publish_button)
        elif spec.multiline:
            editor = QPlainTextEdit(parent)
            editor.setPlainText(value)
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(80)
            editor.textChanged.connect(self._update_publish_button)
        else:
            editor = QLineEdit(value, parent)
            editor.textChanged.connect(self._update_publish_button)
        editor.setObjectName(f"field_{spec.key}")
        editor.setAccessibleName(translated(spec.label))
        self.fields[spec.key] = editor
        return editor

    def form(self) -> PullRequestForm:
        """The answers as typed."""
        values: dict[str, str] = {}
        for key, editor in self.fields.items():
            if isinstance(editor, QComboBox):
                values[key] = editor.currentText()
            elif isinstance(editor, QPlainTextEdit):
                values[key] = editor.toPlainText()
            else:
                values[key] = editor.text()
        return PullRequestForm(
            title=values.get("title", ""),
            description=values.get("description", ""),
            category=values.get("category", "New article"),
            related_issues=values.get("related_issues", ""),
            social_handle=values.get("social_handle", ""),
            promo=values.get("promo", ""),
            summary=values.get("summary", ""),
        )

    @Slot()
    def _update_publish_button(self) -> None:
        problems = form_problems(self._profile, self.form())
        for key, label in self.field_problems.items():
            problem = problems.get(key)
            label.setText(translated(problem) if problem is not None else "")
            label.setVisible(problem is not None)
        ready = (
            not problems
            and not self._errors
            and (not self._warnings or self.warnings_ok.isChecked())
        )
        self.publish_button.setEnabled(ready)

    def _run_preflight(self) -> None:
        token = self._token_provider()
        if not token:
            self.plan_label.setText(self.tr("Sign in to GitHub to publish (File ▸ Sign In…)."))
            return
        previous = self._store.load(self._post)
        profile, post, form = self._profile, self._post, self.form()
        client = self._client_factory(token, self._api_url)
        publisher = Publisher(client, retrier=Retrier(**self._retrier_options))  # type: ignore[arg-type]
        self._tasks.submit(
            lambda: publisher.preflight(build_request(profile, post, form, previous)),
            self._on_preflight,
            self._on_preflight_error,
            owner=self,
        )

    def _on_preflight(self, preflight: Preflight) -> None:
        lines = [self.tr("Publishing will:")]
        lines += ["• " + translated(step) for step in preflight.steps]
        if preflight.problems:
            lines.append("")
            lines += ["⚠ " + translated(problem) for problem in preflight.problems]
        self.plan_label.setText("\n".join(lines))

    def _on_preflight_error(self, error: BaseException) -> None:
        problem = getattr(error, "message", None)
        self.plan_label.setText(translated(problem) if isinstance(problem, Message) else str(error))
        if isinstance(error, GitHubError) and error.kind is ErrorKind.SIGNED_OUT:
            self.token_rejected.emit()

    # -- page 2: progress -------------------------------------------------------------------

    def _build_progress_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.steps_list = QListWidget(page)
        self.steps_list.setObjectName("steps_list")
        self.steps_list.setAccessibleName(self.tr("Publishing steps"))
        for step in Step:
            QListWidgetItem("○ " + translated(STEP_LABELS[step]), self.steps_list)
        column.addWidget(self.steps_list, 1)
        self.detail_label = QLabel(page)
        self.detail_label.setObjectName("detail_label")
        self.detail_label.setWordWrap(True)
        self.detail_label.setAccessibleName(self.tr("Current step"))
        column.addWidget(self.detail_label)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setAccessibleName(self.tr("Publishing progress"))
        self.progress_bar.setRange(0, len(Step))
        column.addWidget(self.progress_bar)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("&Cancel"), page)
        self.cancel_button.setAccessibleName(self.tr("Cancel publishing"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        column.addLayout(row)
        return page

    @Slot()
    def start(self) -> None:
        """Publish with the form's answers (off the GUI thread)."""
        if self._running:
            return
        token = self._token_provider()
        if not token:
            self._show_problem(self.tr("Sign in to GitHub first (File ▸ Sign In…)."))
            self.token_rejected.emit()
            return
        self._running = True
        self._cancel.clear()
        self.cancel_button.setEnabled(True)
        self.pages.setCurrentIndex(1)
        for row in range(self.steps_list.count()):
            item = self.steps_list.item(row)
            item.setText("○ " + item.text()[2:])
        previous = self._store.load(self._post)
        profile, form, accept_head = self._profile, self.form(), self._accept_head
        update_text = self.update_text_box.isChecked()
        retrier = Retrier(
            cancelled=self._cancel.is_set,
            on_wait=self._relay.waiting.emit,
            **self._retrier_options,  # type: ignore[arg-type]
        )
        post = self._post
        store = self._store
        publisher = Publisher(
            self._client_factory(token, self._api_url),
            retrier=retrier,
            progress=self._relay.progressed.emit,
            save_state=lambda state: store.save(post, state),
            server=self._api_url,
        )
        self._tasks.submit(
            lambda: publisher.publish(
                build_request(
                    profile,
                    post,
                    form,
                    previous,
                    accept_head=accept_head,
                    update_pull_text=update_text,
                )
            ),
            self._on_published,
            self._on_failed,
            owner=self,
        )

    @Slot()
    def cancel(self) -> None:
        """Stop publishing at the next request (what was done is kept)."""
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.detail_label.setText(self.tr("Stopping…"))

    def _on_progress(self, progress: Progress) -> None:
        index = list(Step).index(progress.step)
        for row in range(self.steps_list.count()):
            item = self.steps_list.item(row)
            mark = "✓ " if row < index else "▶ " if row == index else "○ "
            item.setText(mark + item.text()[2:])
        self.progress_bar.setValue(index)
        detail = translated(progress.detail)
        if progress.total:
            detail += f" ({progress.done + 1}/{progress.total})"
        self.detail_label.setText(detail)

    def _on_wait(self, wait: Wait) -> None:
        self.detail_label.setText(translated(wait.reason))

    # -- page 3: the result -----------------------------------------------------------------

    def _build_result_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.result_title = QLabel(page)
        self.result_title.setObjectName("result_title")
        self.result_title.setWordWrap(True)
        self.result_title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        column.addWidget(self.result_title)
        self.result_text = QLabel(page)
        self.result_text.setObjectName("result_text")
        self.result_text.setWordWrap(True)
        self.result_text.setTextFormat(Qt.TextFormat.RichText)
        self.result_text.setOpenExternalLinks(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.result_text.setAccessibleName(self.tr("Result"))
        self.result_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.result_text, 1)
        self.changes_list = QListWidget(page)
        self.changes_list.setAccessibleName(self.tr("Files changed on GitHub"))
        self.changes_list.setVisible(False)
        column.addWidget(self.changes_list)
        row = QHBoxLayout()
        row.addStretch(1)
        self.action_button = QPushButton(page)
        self.action_button.setObjectName("action_button")
        self.action_button.setAccessibleName(self.tr("What to do next"))
        self.action_button.setVisible(False)
        self.action_button.clicked.connect(self._on_action)
        self.done_button = QPushButton(self.tr("&Close"), page)
        self.done_button.setAccessibleName(self.tr("Close"))
        self.done_button.clicked.connect(self.accept)
        self.result_status_button = QPushButton(self.tr("See its &status"), page)
        self.result_status_button.setAccessibleName(self.tr("Show the pull request's status"))
        self.result_status_button.setVisible(False)
        self.result_status_button.clicked.connect(self.show_status)
        row.addWidget(self.result_status_button)
        row.addWidget(self.action_button)
        row.addWidget(self.done_button)
        column.addLayout(row)
        self._action: Callable[[], None] | None = None
        return page

    def _on_published(self, result: PublishResult) -> None:
        self._running = False
        self._accept_head = ""
        self.pages.setCurrentIndex(2)
        self.changes_list.setVisible(False)
        self._set_action(None, "")
        if result.created_pull:
            self.result_title.setText(self.tr("Thank you! Your post is proposed to the site."))
        elif result.commit is None:
            self.result_title.setText(self.tr("Already up to date: nothing changed since."))
        else:
            self.result_title.setText(self.tr("Your pull request now has your latest changes."))
        link = (
            f'<a href="{result.pull_url}">'
            + self.tr("Pull request #{number}").format(number=result.pull_number)
            + "</a>: "
            + html.escape(result.pull_url)
        )
        lines = [link, ""]
        for step in NEXT_STEPS.get(self._profile.id, ()):
            lines.append("• " + translated(step))
        lines.append(
            "• " + self.tr("Publish again any time: your changes go to the same pull request.")
        )
        self.result_text.setText("<br>".join(lines))
        self.result_status_button.setVisible(True)
        self.published.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        if not isinstance(error, GitHubError):
            problem = getattr(error, "message", None)
            self._show_problem(translated(problem) if isinstance(problem, Message) else str(error))
            return
        self._show_problem(translated(error.message))
        if isinstance(error, BranchMovedError):
            self.changes_list.clear()
            kinds = {
                "added": self.tr("added"),
                "modified": self.tr("modified"),
                "removed": self.tr("removed"),
            }
            for change in error.changes:
                kind = kinds.get(change.kind, change.kind)
                QListWidgetItem(f"{kind}: {change.path}", self.changes_list)
            self.changes_list.setVisible(True)
            head = error.head

            def on_top() -> None:
                self._accept_head = head
                self.start()

            self._set_action(on_top, self.tr("Publish &on top of their changes"))
        elif error.kind is ErrorKind.SIGNED_OUT:
            self.token_rejected.emit()
            self._set_action(self.start, self.tr("&Publish again"))
        elif error.kind is ErrorKind.SSO and error.url:
            url = error.url

            def open_sign_on() -> None:
                QDesktopServices.openUrl(QUrl(url))

            self._set_action(open_sign_on, self.tr("&Open the sign-on page"))
        elif error.kind is not ErrorKind.ARCHIVED:
            self._set_action(self.start, self.tr("&Publish again"))

    def _show_problem(self, text: str) -> None:
        self.pages.setCurrentIndex(2)
        self.changes_list.setVisible(False)
        self._set_action(None, "")
        self.result_title.setText(self.tr("The post was not published"))
        self.result_text.setText(
            text + "<br><br>" + self.tr("Your post on this computer is unchanged.")
        )

    def _set_action(self, action: Callable[[], None] | None, label: str) -> None:
        self._action = action
        self.action_button.setText(label)
        self.action_button.setAccessibleName(label.replace("&", "") or self.tr("What to do next"))
        self.action_button.setVisible(action is not None)

    @Slot()
    def _on_action(self) -> None:
        if self._action is not None:
            self._action()

    # -- page 4: the pull request's status ---------------------------------------------------

    def _build_status_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.status_title = QLabel(page)
        self.status_title.setObjectName("status_title")
        self.status_title.setWordWrap(True)
        self.status_title.setTextFormat(Qt.TextFormat.RichText)
        self.status_title.setOpenExternalLinks(True)
        self.status_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status_title.setAccessibleName(self.tr("Pull request"))
        column.addWidget(self.status_title)
        self.status_state = QLabel(page)
        self.status_state.setObjectName("status_state")
        self.status_state.setAccessibleName(self.tr("Pull request state"))
        column.addWidget(self.status_state)
        checks = QLabel(self.tr("Checks on the latest version:"), page)
        self.checks_list = QListWidget(page)
        self.checks_list.setObjectName("checks_list")
        self.checks_list.setAccessibleName(self.tr("Checks"))
        checks.setBuddy(self.checks_list)
        column.addWidget(checks)
        column.addWidget(self.checks_list)
        feedback = QLabel(self.tr("Reviews and comments:"), page)
        self.feedback_list = QListWidget(page)
        self.feedback_list.setObjectName("feedback_list")
        self.feedback_list.setAccessibleName(self.tr("Reviews and comments"))
        self.feedback_list.setWordWrap(True)
        feedback.setBuddy(self.feedback_list)
        column.addWidget(feedback)
        column.addWidget(self.feedback_list, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.refresh_button = QPushButton(self.tr("&Refresh"), page)
        self.refresh_button.setAccessibleName(self.tr("Refresh the status"))
        self.refresh_button.clicked.connect(self.show_status)
        back = QPushButton(self.tr("&Back"), page)
        back.setAccessibleName(self.tr("Back to the publish form"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        close = QPushButton(self.tr("&Close"), page)
        close.setAccessibleName(self.tr("Close"))
        close.clicked.connect(self.accept)
        for button in (self.refresh_button, back, close):
            row.addWidget(button)
        column.addLayout(row)
        return page

    @Slot()
    def show_status(self) -> None:
        """Show the pull request's state, checks and feedback (read again from GitHub)."""
        state = self._store.load(self._post)
        token = self._token_provider()
        self.pages.setCurrentIndex(3)
        if not state.pull_number or not token:
            self.status_state.setText(self.tr("This post has no pull request yet."))
            return
        self.status_state.setText(self.tr("Reading the pull request from GitHub…"))
        self.refresh_button.setEnabled(False)
        client = self._client_factory(token, self._api_url)
        retrier = Retrier(**self._retrier_options)  # type: ignore[arg-type]
        upstream, number = state.upstream, state.pull_number
        self._tasks.submit(
            lambda: pull_status(client, upstream, number, retrier),
            self._on_status,
            self._on_status_error,
            owner=self,
        )

    def _on_status(self, status: PullStatus) -> None:
        self.refresh_button.setEnabled(True)
        link = f'<a href="{html.escape(status.url)}">#{status.number}</a>'
        self.status_title.setText(link + " " + html.escape(status.title))
        states = {
            "open": self.tr("Open: waiting for the maintainers' review."),
            "merged": self.tr("Merged: your post is part of the site. Congratulations!"),
            "closed": self.tr("Closed without merging."),
        }
        self.status_state.setText(states.get(status.state, status.state))
        self.checks_list.clear()
        for check in status.checks:
            mark = {True: "✓", False: "✗", None: "…"}[check.passed]
            detail = (
                self.tr("running")
                if check.passed is None
                else self.tr("passed")
                if check.passed
                else self.tr("failed")
            )
            QListWidgetItem(f"{mark} {check.name} ({detail})", self.checks_list)
        if not status.checks:
            QListWidgetItem(self.tr("No checks reported yet."), self.checks_list)
        self.feedback_list.clear()
        verdicts = {
            "APPROVED": self.tr("approved"),
            "CHANGES_REQUESTED": self.tr("changes requested"),
            "COMMENTED": self.tr("commented"),
            "DISMISSED": self.tr("dismissed"),
        }
        for review in status.reviews:
            verdict = verdicts.get(review.state, review.state.lower().replace("_", " "))
            text = f"{review.author} ({verdict})"
            QListWidgetItem(text + (f": {review.body}" if review.body else ""), self.feedback_list)
        for comment in status.comments:
            where = (
                self.tr("{path}, line {line}").format(path=comment.path, line=comment.line)
                if comment.line is not None
                else comment.path
            )
            QListWidgetItem(f"{comment.author} — {where}: {comment.body}", self.feedback_list)
        for note in status.conversation:
            QListWidgetItem(f"{note.author}: {note.body}", self.feedback_list)
        if self.feedback_list.count() == 0:
            QListWidgetItem(self.tr("No reviews or comments yet."), self.feedback_list)

    def _on_status_error(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        if isinstance(error, GitHubError):
            self.status_state.setText(translated(error.message))
            if error.kind is ErrorKind.SIGNED_OUT:
                self.token_rejected.emit()
        else:
            self.status_state.setText(str(error))

    def reject(self) -> None:
        """Closing while publishing cancels it first."""
        if self._running:
            self.cancel()
        super().reject()

    def last_state(self) -> PublishState:
        return self._store.load(self._post)


class _Document(Protocol):
    @property
    def path(self) -> Path | None: ...
    def is_modified(self) -> bool: ...
    def save(self) -> bool: ...


class _Metadata(Protocol):
    @property
    def profile(self) -> Profile | None: ...


class _Window(Protocol):
    document: _Document
    metadata_controller: _Metadata
    account: AccountController

    def refresh_library(self) -> None: ...


def open_publish_dialog(window: QWidget, tasks: TaskRunner) -> PublishDialog | None:
    """File ▸ Publish…: check what publishing needs (a saved post of a site without errors,
    then a signed-in account), then open the dialog over ``window`` (a MainWindow). None
    when something is missing; the user is told what."""
    parts: _Window = window  # type: ignore[assignment]
    ready = _post_ready_to_publish(window, parts)
    if ready is None:
        return None
    profile, path = ready
    account = parts.account
    if account.account() is None:
        # once signed in, publishing goes on where the user left it
        def resume(signed_in: object) -> None:
            account.account_changed.disconnect(resume)
            if signed_in is not None:
                open_publish_dialog(window, tasks)

        account.account_changed.connect(resume)
        sign_in = account.sign_in(window.tr("Sign in to GitHub to publish your post."))
        sign_in.rejected.connect(lambda: _forget(account.account_changed, resume))
        return None
    try:
        dialog = PublishDialog(
            profile,
            path,
            tasks,
            token_provider=account.token,
            api_url=account.server().api_url,
            store=PublishStateStore.for_app(app_paths(os.environ)),
            parent=window,
        )
    except StorageError as error:
        _tell(window, translated(error.message))
        return None
    dialog.token_rejected.connect(account.report_token_rejected)
    dialog.published.connect(lambda _result: parts.refresh_library())  # My Posts shows it
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _forget(signal: SignalInstance, slot: Callable[[object], None]) -> None:
    """Disconnect ``slot`` if it is still connected (the user gave up signing in)."""
    with contextlib.suppress(RuntimeError, TypeError):
        signal.disconnect(slot)


def _post_ready_to_publish(window: QWidget, parts: _Window) -> tuple[Profile, Path] | None:
    """The site and the saved file of the post in ``window``, once it could be published;
    None (the user told why) when it is unsaved, has no site, or has errors."""
    document = parts.document
    unsaved = document.path is None or document.is_modified()
    if unsaved and (not document.save() or document.path is None):
        return None
    profile = parts.metadata_controller.profile
    if profile is None:
        _tell(
            window,
            window.tr(
                "Choose the site this post is for first (the Site box above the metadata), "
                "so Postwright knows where to publish it."
            ),
        )
        return None
    path = document.path
    if path is None:
        return None
    # the post's own problems come first: signing in cannot help a post that cannot be published
    blocking = _blocking_problems(profile, path)
    if blocking:
        _tell_problems(window, blocking)
        return None
    return profile, path


def _blocking_problems(profile: Profile, path: Path) -> list[str]:
    """The errors that stop the saved post at ``path`` from being published, one line each
    ("Line 12: …"): the same checks as the Problems panel and the dialog's own list."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []  # the dialog reports what it cannot read
    report = check_saved_post(text, profile, path)
    lines: list[str] = []
    for problem in report.problems:
        if problem.severity != "error":
            continue
        words = translated(problem.message)
        if problem.line is not None:
            words = QCoreApplication.translate("publish", "Line {line}: {problem}").format(
                line=problem.line + 1, problem=words
            )
        lines.append(words)
    return lines


def _tell_problems(window: QWidget, problems: list[str]) -> None:
    """Say why the post cannot be published yet, and where to fix it."""
    shown = problems[:_MOST_PROBLEMS_LISTED]
    listed = "\n".join(f"• {line}" for line in shown)
    more = len(problems) - len(shown)
    if more:
        listed += "\n" + QCoreApplication.translate("publish", "…and {count} more.").format(
            count=more
        )
    lead = QCoreApplication.translate(
        "publish",
        "This post cannot be published yet. Fix these problems first, then choose Publish"
        " again. The Problems panel below the editor lists them too, and offers fixes for"
        " some.",
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("publish", "Publish"),
        f"{lead}\n\n{listed}",
        parent=window,
    )
    box.setObjectName("publish_blocked")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dock = window.findChild(QDockWidget, "problems_dock")
    if dock is not None:
        dock.show()
        dock.raise_()
    box.open()


_MOST_PROBLEMS_LISTED = 8


def _tell(window: QWidget, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, window.tr("Publish"), text, parent=window)
    box.setObjectName("publish_notice")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
