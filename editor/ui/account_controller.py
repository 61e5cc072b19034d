"""Who is signed in to GitHub, and the one place that signs in, signs out and re-signs in.

* At start-up nothing is asked of the network or the password store: the account shown is the
  login and name remembered in the settings (the token itself is only in the OS keyring).
* :meth:`AccountController.sign_in` opens the sign-in dialog (not blocking: the result comes
  as :attr:`account_changed`); the checked token goes to the keyring, the login and name to
  the settings.
* Code that talks to GitHub and gets "Bad credentials" (HTTP 401) calls
  :meth:`AccountController.report_token_rejected`: the dead token is forgotten,
  :attr:`token_rejected` is emitted and the sign-in dialog opens over whatever the user was
  doing, which stays as it was, so the work can go on once signed in again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from editor.core.i18n import Message
from editor.services.credentials import CredentialsError, TokenStore
from editor.services.github.auth import (
    Account,
    GitHubServer,
    SignedIn,
    SignInError,
    TokenRejectedError,
    fetch_account,
    fetch_avatar,
    resolve_client_id,
)
from editor.services.settings import SettingsStore
from editor.ui.messages import translated
from editor.ui.sign_in_dialog import SignInDialog
from editor.ui.tasks import TaskRunner


class AccountController(QObject):
    """The GitHub account of the app: settings for who, the keyring for the token."""

    #: The account now signed in (an :class:`Account`), or None after signing out.
    account_changed = Signal(object)
    #: GitHub refused the saved token of this login (HTTP 401); sign-in is being asked again.
    token_rejected = Signal(str)
    #: The account's picture (image file bytes), fetched when asked for (:meth:`fetch_picture`)
    #: and only from the API host (GitHub Enterprise Server); GitHub.com's live elsewhere.
    avatar_fetched = Signal(bytes)
    #: A problem the window should show (translated text), e.g. the keyring could not be used.
    problem_reported = Signal(str)

    def __init__(
        self,
        settings: SettingsStore,
        tasks: TaskRunner,
        store: TokenStore,
        *,
        environ: Mapping[str, str] = os.environ,
        window: QWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._tasks = tasks
        self._store = store
        self._environ = environ
        self._window = window
        self.dialog: SignInDialog | None = None

    def set_window(self, window: QWidget) -> None:
        """The window the sign-in dialog opens over (when no other dialog is open)."""
        self._window = window

    # -- what other code asks ---------------------------------------------------------------

    def server(self) -> GitHubServer:
        """The GitHub server from the settings (GitHub.com unless set otherwise)."""
        prefs = self._settings.preferences
        try:
            return GitHubServer.from_settings(prefs.github_api_url, prefs.github_web_url)
        except ValueError:
            return GitHubServer()

    def client_id(self) -> str:
        return resolve_client_id(self._settings.preferences.github_client_id, self._environ)

    def account(self) -> Account | None:
        """Who is signed in, as remembered (no network, no keyring)."""
        prefs = self._settings.preferences
        if not prefs.github_account_login:
            return None
        return Account(prefs.github_account_login, prefs.github_account_name)

    def token(self) -> str | None:
        """The saved token (from the keyring), or None when signed out or it cannot be read."""
        if self.account() is None:
            return None
        try:
            return self._store.load(self.server().api_url)
        except CredentialsError as error:
            self._report(error.message)
            return None

    # -- signing in and out -----------------------------------------------------------------

    def sign_in(self, notice: str = "") -> SignInDialog:
        """Open the sign-in dialog (or bring the open one forward); it does not block."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        parent = QApplication.activeModalWidget() or self._window
        dialog = SignInDialog(
            self.server(), self.client_id(), self._tasks, self._keep, notice=notice, parent=parent
        )
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def sign_out(self) -> bool:
        """Forget the token and the account; False (and a problem reported) if that failed."""
        try:
            self._store.delete(self.server().api_url)
        except CredentialsError as error:
            self._report(error.message)
            return False
        self._forget_account()
        return True

    @Slot()
    def report_token_rejected(self) -> None:
        """GitHub answered 401 to the saved token: forget it and ask the user to sign in again."""
        login = self._settings.preferences.github_account_login
        try:
            self._store.delete(self.server().api_url)
        except CredentialsError as error:
            self._report(error.message)
        self._forget_account()
        self.token_rejected.emit(login)
        notice = self.tr(
            "GitHub no longer accepts the sign-in of {login}: it was revoked or has expired."
            " Sign in again; what you were doing is kept."
        ).format(login=login or self.tr("this account"))
        QTimer.singleShot(0, self, lambda: self.sign_in(notice))

    def _keep(self, signed: SignedIn) -> Message | None:
        """Store a checked sign-in; a problem to show in the dialog when it could not be."""
        try:
            self._store.save(self.server().api_url, signed.token)
        except CredentialsError as error:
            return error.message
        account = signed.account
        self._settings.update_preferences(
            github_account_login=account.login,
            github_account_name=account.name[:200],
        )
        if not self._settings.preferences.github_login:  # the login new posts are signed with
            self._settings.update_preferences(github_login=account.login)
        self.account_changed.emit(self.account())
        return None

    @Slot()
    def fetch_picture(self) -> None:
        """Fetch the account's picture (the user asked): ``GET /user``, then the picture."""
        token = self.token()
        if token is None:
            return
        server = self.server()

        def work() -> bytes | None:
            return fetch_avatar(server, fetch_account(server, token).account.avatar_url)

        self._tasks.submit(
            work,
            self._on_picture_fetched,
            self._on_picture_failed,
            group="account-picture",
            owner=self,
        )

    def _on_picture_fetched(self, data: bytes | None) -> None:
        if data is None:
            self.problem_reported.emit(
                self.tr(
                    "Your GitHub picture is kept on another server, which Postwright does not"
                    " contact; your initials are shown instead."
                )
            )
        elif self.account() is not None:
            self.avatar_fetched.emit(data)

    def _on_picture_failed(self, error: BaseException) -> None:
        if isinstance(error, TokenRejectedError):
            self.report_token_rejected()
        elif isinstance(error, SignInError):
            self._report(error.message)

    def _forget_account(self) -> None:
        self._settings.update_preferences(github_account_login="", github_account_name="")
        self.account_changed.emit(None)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _report(self, problem: Message) -> None:
        self.problem_reported.emit(translated(problem))
