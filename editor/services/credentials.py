"""The GitHub token, kept in the operating system's password store (keyring) and nowhere else.

One token per GitHub server, keyed by the server's API address (``https://api.github.com``, or
``https://HOST/api/v3`` for GitHub Enterprise Server). The token is never written to the
settings file, a log, or an error message: failures say what went wrong with the password
store, not what was being stored.

Which password store is used is keyring's choice (Secret Service on Linux desktops, the macOS
Keychain, the Windows Credential Locker). Tests hand :class:`TokenStore` an in-memory backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.core.i18n import Message, message

if TYPE_CHECKING:  # keyring is imported when the password store is first used, not at start-up
    from keyring.backend import KeyringBackend

#: The "service" the tokens are filed under in the password store.
SERVICE = "Postwright GitHub"

_CONTEXT = "Credentials"


class CredentialsError(Exception):
    """The password store could not be used; ``message`` says so in plain words."""

    def __init__(self, problem: Message) -> None:
        super().__init__(problem.english())
        self.message = problem


class TokenStore:
    """Reads, saves and removes the GitHub token of each server in the password store."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        #: None: whatever keyring chooses on this system, looked up when first needed.
        self._backend = backend

    def load(self, server: str) -> str | None:
        """The token saved for ``server``, or None when there is none."""
        from keyring.errors import KeyringError  # noqa: PLC0415  (lazy: not at start-up)

        try:
            return self._keyring().get_password(SERVICE, server_key(server))
        except (KeyringError, OSError) as error:
            raise CredentialsError(_unavailable(error)) from None

    def save(self, server: str, token: str) -> None:
        """Keep ``token`` for ``server``, replacing any saved before."""
        from keyring.errors import KeyringError  # noqa: PLC0415  (lazy: not at start-up)

        try:
            self._keyring().set_password(SERVICE, server_key(server), token)
        except (KeyringError, OSError) as error:
            raise CredentialsError(_unavailable(error)) from None

    def delete(self, server: str) -> None:
        """Forget the token of ``server`` (nothing happens when there is none)."""
        from keyring.errors import KeyringError, PasswordDeleteError  # noqa: PLC0415

        try:
            self._keyring().delete_password(SERVICE, server_key(server))
        except PasswordDeleteError:
            return  # there was nothing to delete
        except (KeyringError, OSError) as error:
            raise CredentialsError(_unavailable(error)) from None

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            import keyring  # noqa: PLC0415  (lazy: not at start-up)

            self._backend = keyring.get_keyring()
        return self._backend


def load_token(server: str, store: TokenStore | None = None) -> str | None:
    """The token saved for ``server`` (None when there is none or the store cannot be read)."""
    try:
        return (store or TokenStore()).load(server)
    except CredentialsError:
        return None


def server_key(server: str) -> str:
    """The name a server's token is filed under: its API address without a trailing slash."""
    return server.strip().rstrip("/").lower()


def _unavailable(error: BaseException) -> Message:
    # Only the kind of failure is named: keyring's own text can echo what was being stored.
    return message(
        _CONTEXT,
        "Postwright could not use your system's password store ({kind}). Your GitHub sign-in"
        " is kept only there. On Linux, make sure a Secret Service (GNOME Keyring or KWallet)"
        " is running and unlocked, then try again.",
        kind=type(error).__name__,
    )
