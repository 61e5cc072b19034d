"""“Sign in to GitHub”: the device flow (a code to type on GitHub), or a pasted token.

Three pages in one dialog:

* *choose* — what signing in allows, "Sign in with your browser" and "Use a personal access
  token instead";
* *code* — the one-time code, large and selectable, "Copy Code", "Open GitHub" (copies the
  code too and opens the verification page in the browser) and what is happening now; the
  dialog polls GitHub on the :class:`TaskRunner`, waiting the interval GitHub asks for;
* *token* — what a token is, the scopes it needs, a button that creates one with them ticked,
  the field. Without an OAuth App (or when GitHub refuses the browser way) the dialog starts
  here and offers nothing that cannot work.

Every request runs off the GUI thread; Cancel (or Escape) stops polling at once. The dialog
hands a checked token to ``keep`` (which stores it); a problem it returns is shown here and the
dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.i18n import Message
from editor.services.github.auth import (
    AccessDeniedError,
    DeviceAuthorization,
    DeviceCodeExpiredError,
    DeviceFlow,
    DeviceFlowUnavailableError,
    GitHubServer,
    Pending,
    SignedIn,
    SignInError,
    check_token_text,
    code_expired,
    fetch_account,
)
from editor.ui.messages import translated
from editor.ui.tasks import TaskHandle, TaskRunner

#: Stores a checked sign-in; returns a problem to show, or None when it was kept.
Keeper = Callable[[SignedIn], Message | None]

_CHOOSE, _CODE, _TOKEN = range(3)


class SignInDialog(QDialog):
    """Signs the user in to one GitHub server; :meth:`signed_in` holds the result."""

    def __init__(
        self,
        server: GitHubServer,
        client_id: str,
        tasks: TaskRunner,
        keep: Keeper,
        *,
        notice: str = "",
        flow: DeviceFlow | None = None,
        check: Callable[[GitHubServer, str], SignedIn] = fetch_account,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self.setWindowTitle(self.tr("Sign in to GitHub"))
        self._server = server
        self._tasks = tasks
        self._keep = keep
        self._check = check
        self._clock = clock
        self._flow = flow or DeviceFlow(server, client_id)
        self._browser_possible = bool(client_id.strip())
        self._authorization: DeviceAuthorization | None = None
        self._interval = 0
        self._deadline = 0.0
        self._job: TaskHandle[Any] | None = None
        self._result: SignedIn | None = None
        self._poll_timer = QTimer(self)
        self._poll_timer.setSingleShot(True)
        self._poll_timer.timeout.connect(self._poll)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._code_page())
        self.pages.addWidget(self._token_page())
        self._lay_out(notice)
        self.finished.connect(self._stop)
        # without a way through the browser there is nothing to choose: the token page at once
        self._show_page(_CHOOSE if self._browser_possible else _TOKEN)

    # -- the result -------------------------------------------------------------------------

    def signed_in(self) -> SignedIn | None:
        """The account and token, once the dialog was accepted."""
        return self._result

    # -- pages ------------------------------------------------------------------------------

    def _why_text(self) -> str:
        return self.tr(
            "Postwright publishes a post by copying the site's repository to your GitHub"
            " account and opening a pull request from it. For that it needs your"
            " permission. Your password is never seen by Postwright, and you can take the"
            " permission back on GitHub at any time."
        )

    def _choose_page(self) -> QWidget:
        page = QWidget(self)
        intro = self._wrapping_label(self._why_text(), page, self.tr("What signing in allows"))
        self.browser_button = QPushButton(self.tr("Sign in with your &browser"), page)
        self.browser_button.setAccessibleName(self.tr("Sign in with your browser"))
        self.browser_button.setEnabled(self._browser_possible)
        self.browser_button.clicked.connect(self._start_device_flow)
        self.token_button = QPushButton(self.tr("Use a personal access &token instead"), page)
        self.token_button.setAccessibleName(self.tr("Use a personal access token instead"))
        self.token_button.clicked.connect(lambda: self._show_page(_TOKEN))
        column = QVBoxLayout(page)
        column.addWidget(intro)
        column.addWidget(self.browser_button)
        column.addWidget(self.token_button)
        column.addStretch(1)
        return page

    def _code_page(self) -> QWidget:
        page = QWidget(self)
        lead = QLabel(self.tr("Type this code on GitHub:"), page)
        self.code_label = QLabel(page)
        self.code_label.setObjectName("user_code")
        self.code_label.setAccessibleName(self.tr("Your one-time code"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10) * 2 + 4)
        font.setWeight(QFont.Weight.Bold)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        lead.setBuddy(self.code_label)
        self.copy_button = QPushButton(self.tr("&Copy Code"), page)
        self.copy_button.setAccessibleName(self.tr("Copy the code"))
        self.copy_button.clicked.connect(self._copy_code)
        self.open_button = QPushButton(self.tr("&Open GitHub"), page)
        self.open_button.setAccessibleName(self.tr("Copy the code and open GitHub in your browser"))
        self.open_button.clicked.connect(self._open_verification_page)
        self.new_code_button = QPushButton(self.tr("Get a &New Code"), page)
        self.new_code_button.setAccessibleName(self.tr("Get a new code"))
        self.new_code_button.clicked.connect(self._start_device_flow)
        self.new_code_button.hide()
        self.busy = QProgressBar(page)
        self.busy.setRange(0, 0)  # moving: no end is known while GitHub waits for the user
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Waiting for GitHub"))
        self.wait_label = self._wrapping_label("", page, self.tr("Sign-in progress"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.new_code_button)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.addWidget(lead)
        column.addWidget(self.code_label)
        column.addLayout(buttons)
        column.addWidget(self.wait_label)
        column.addWidget(self.busy)
        column.addStretch(1)
        return page

    def _token_page(self) -> QWidget:
        page = QWidget(self)
        self.token_intro = self._wrapping_label(
            self.tr(
                "To publish, Postwright needs your permission on GitHub. You give it with a"
                " personal access token: a long code, like a password that only Postwright"
                " uses. You create it once on GitHub and paste it here; your password is never"
                " seen by Postwright, and you can withdraw the token on GitHub at any time."
            ),
            page,
            self.tr("What a token is"),
        )
        step_one = self._wrapping_label(
            self.tr(
                "1. Click “Create a Token on GitHub…”. GitHub opens in your browser with the"
                " right permissions already ticked: “public_repo” lets Postwright copy a"
                " site's repository to your account and open pull requests, and “workflow”"
                " lets it bring your copy up to date when the site has automated checks."
            ),
            page,
            self.tr("Step 1: create a token"),
        )
        self.create_token_button = QPushButton(self.tr("Create a Token on &GitHub…"), page)
        self.create_token_button.setAccessibleName(self.tr("Create a token on GitHub"))
        self.create_token_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl(self._server.new_token_url()))
        )
        step_two = self._wrapping_label(
            self.tr(
                "2. On GitHub, choose how long the token lasts, then click “Generate token” at"
                " the bottom of the page.\n"
                "3. Copy the token (it starts with “ghp_”) and paste it here:"
            ),
            page,
            self.tr("Steps 2 and 3: generate and paste the token"),
        )
        label = QLabel(self.tr("&Token:"), page)
        self.token_edit = QLineEdit(page)
        self.token_edit.setAccessibleName(self.tr("Personal access token"))
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("ghp_…"))
        label.setBuddy(self.token_edit)
        self.check_button = QPushButton(self.tr("&Sign In"), page)
        self.check_button.setAccessibleName(self.tr("Sign in with this token"))
        self.check_button.clicked.connect(self._check_pasted_token)
        small_print = self._wrapping_label(
            self.tr(
                "For a private site, tick “repo” instead of “public_repo”. Use a classic"
                " token: fine-grained tokens cannot open pull requests on community sites."
            ),
            page,
            self.tr("Other kinds of token"),
        )
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.token_edit, 1)
        row.addWidget(self.check_button)
        column = QVBoxLayout(page)
        column.addWidget(self.token_intro)
        column.addSpacing(6)
        column.addWidget(step_one)
        column.addWidget(self.create_token_button)
        column.addSpacing(6)
        column.addWidget(step_two)
        column.addLayout(row)
        column.addSpacing(6)
        column.addWidget(small_print)
        column.addStretch(1)
        return page

    def _lay_out(self, notice: str) -> None:
        self.notice_label = self._wrapping_label(notice, self, self.tr("Why you are asked"))
        self.notice_label.setVisible(bool(notice))
        _embolden(self.notice_label)
        self.server_label = self._wrapping_label(
            self.tr("Server: {address}").format(address=self._server.web_url),
            self,
            self.tr("GitHub server"),
        )
        self.server_label.setVisible(not self._server.is_github_com)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("sign_in_problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(self.tr("Problem"))
        _embolden(self.problem_label)
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.back_button = self.buttons.addButton(
            self.tr("← &Back"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.back_button.setAccessibleName(self.tr("Back to the ways of signing in"))
        self.back_button.clicked.connect(self._back)
        for button in self.buttons.buttons():  # Enter means the page's own action, never these
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.notice_label)
        column.addWidget(self.server_label)
        column.addWidget(self.pages, 1)
        column.addWidget(self.problem_label)
        column.addWidget(self.buttons)
        self.resize(560, 420)

    def _wrapping_label(self, text: str, parent: QWidget, name: str) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setAccessibleName(name)
        return label

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        # "Back" leads to the choice of ways, which exists only while the browser can work
        self.back_button.setVisible(index != _CHOOSE and self._browser_possible)
        self.token_intro.setVisible(not self._browser_possible)
        first = self.browser_button if self._browser_possible else self.token_button
        default, focus = {
            _CHOOSE: (first, first),
            _CODE: (self.open_button, self.open_button),
            _TOKEN: (self.check_button, self.token_edit),
        }[index]
        default.setDefault(True)  # what Enter does on this page
        focus.setFocus()

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    # -- the device flow --------------------------------------------------------------------

    @Slot()
    def _start_device_flow(self) -> None:
        self._stop()
        self._show_problem("")
        self.code_label.setText("")
        self.new_code_button.hide()
        self.open_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.busy.show()
        self.wait_label.setText(self.tr("Asking GitHub for a code…"))
        self._show_page(_CODE)
        self._run(self._flow.start, self._on_code_received)

    def _on_code_received(self, authorization: DeviceAuthorization) -> None:
        self._authorization = authorization
        self._interval = authorization.interval
        self._deadline = self._clock() + authorization.expires_in
        self.code_label.setText(authorization.user_code)
        self.open_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.open_button.setFocus()
        self.wait_label.setText(
            self.tr(
                "Click “Open GitHub”, paste the code there and authorise Postwright. This"
                " window waits for you (the code works for {minutes} minutes)."
            ).format(minutes=max(1, authorization.expires_in // 60))
        )
        self._schedule_poll()

    def _schedule_poll(self) -> None:
        if self._clock() + self._interval >= self._deadline:
            self._on_failed(DeviceCodeExpiredError(code_expired()))
            return
        self._poll_timer.start(self._interval * 1000)

    @Slot()
    def _poll(self) -> None:
        authorization, interval = self._authorization, self._interval
        if authorization is None:
            return
        self._run(lambda: self._flow.poll(authorization, interval), self._on_poll_answer)

    def _on_poll_answer(self, answer: Pending | str) -> None:
        if isinstance(answer, Pending):
            self._interval = answer.interval
            self._schedule_poll()
            return
        self.wait_label.setText(self.tr("Approved. Checking your account…"))
        token = answer
        self._run(lambda: self._check(self._server, token), self._on_account_checked)

    @Slot()
    def _copy_code(self) -> None:
        QGuiApplication.clipboard().setText(self.code_label.text())
        self.wait_label.setText(self.tr("The code is copied. Paste it on GitHub."))

    @Slot()
    def _open_verification_page(self) -> None:
        if self._authorization is None:
            return
        QGuiApplication.clipboard().setText(self._authorization.user_code)
        QDesktopServices.openUrl(QUrl(self._authorization.verification_uri))
        self.wait_label.setText(
            self.tr(
                "GitHub opened in your browser and the code is copied: paste it there and"
                " click “Authorize”. Waiting for GitHub…"
            )
        )

    # -- a pasted token ---------------------------------------------------------------------

    @Slot()
    def _check_pasted_token(self) -> None:
        try:
            token = check_token_text(self.token_edit.text())
        except SignInError as error:
            self._show_problem(translated(error.message))
            return
        self._show_problem("")
        self.check_button.setEnabled(False)
        self.token_edit.setEnabled(False)
        self._run(lambda: self._check(self._server, token), self._on_account_checked)

    # -- results ----------------------------------------------------------------------------

    def _on_account_checked(self, signed: SignedIn) -> None:
        problem = self._keep(signed)
        if problem is not None:
            self._show_problem(translated(problem))
            self._enable_token_entry()
            return
        self._result = signed
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._job = None
        self._enable_token_entry()
        if not isinstance(error, SignInError):
            self._show_problem(
                self.tr("Signing in failed unexpectedly ({kind}). Try again.").format(
                    kind=type(error).__name__
                )
            )
            return
        self._show_problem(translated(error.message))
        if isinstance(error, DeviceFlowUnavailableError):
            self._browser_possible = False
            self.browser_button.setEnabled(False)
            self._show_page(_TOKEN)
        elif isinstance(error, DeviceCodeExpiredError):
            self.code_label.setText("")
            self.open_button.setEnabled(False)
            self.copy_button.setEnabled(False)
            self.wait_label.setText("")
            self.busy.hide()
            self.new_code_button.show()
            self.new_code_button.setFocus()
        elif isinstance(error, AccessDeniedError):
            self._show_page(_CHOOSE)
        elif self.pages.currentIndex() == _CODE:
            self.busy.hide()
            self.new_code_button.show()

    def _enable_token_entry(self) -> None:
        self.check_button.setEnabled(True)
        self.token_edit.setEnabled(True)

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._job = self._tasks.submit(
            work, on_done, self._on_failed, group=f"sign-in-{id(self)}", owner=self
        )

    @Slot()
    def _back(self) -> None:
        self._stop()
        self._show_problem("")
        self._enable_token_entry()
        self._show_page(_CHOOSE)

    @Slot()
    def _stop(self) -> None:
        """Stop polling and drop the answer of any request still on its way."""
        self._poll_timer.stop()
        self._authorization = None
        if self._job is not None:
            self._job.cancel()
            self._job = None


def _embolden(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
