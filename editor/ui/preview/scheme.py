"""The ``postwright-preview:`` URL scheme: registration and the URLs the preview uses.

Two hosts exist. ``app`` serves the preview's own stylesheet. ``doc`` serves the page shell
and the files beside the document. A ``doc`` URL path is ``/<generation>/<absolute folder
path>/<file>``: the generation is a random token that changes with every shell load, so a
page can only fetch files of the document it was loaded for, and the absolute folder path
makes relative links (``img.png``, ``../other.md``) resolve as they do on disk. Whether a
file is served at all is decided by :mod:`editor.core.preview_files` (containment + types).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

SCHEME = "postwright-preview"
APP_HOST = "app"
DOC_HOST = "doc"


def register_preview_scheme() -> None:
    """Register the preview scheme with QtWebEngine.

    Call it before the first web engine object is made (QtWebEngine reads the registry when
    its first profile starts); later calls do nothing. The preview calls it when it starts
    its engine, so QtWebEngine is not loaded before the window has been painted.

    The scheme is a secure, standard (host-based) scheme with neither ``LocalAccessAllowed``
    nor ``ContentSecurityPolicyIgnored``: pages on it get no access to ``file:`` URLs and
    cannot bypass the Content-Security-Policy.
    """
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme  # noqa: PLC0415  (loaded late)

    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def app_url(name: str) -> QUrl:
    """The URL of one of the preview's own resources (``name`` is a plain file name)."""
    return QUrl(f"{SCHEME}://{APP_HOST}/{name}")


def shell_url(generation: str, folder: Path | None) -> QUrl:
    """The URL the shell page is loaded from: the document's folder in this generation."""
    url = QUrl()
    url.setScheme(SCHEME)
    url.setHost(DOC_HOST)
    folder_path = QUrl.fromLocalFile(str(folder)).path() if folder is not None else ""
    url.setPath(f"/{generation}{folder_path.rstrip('/')}/")
    return url


def local_path(url: QUrl, generation: str) -> Path | None:
    """The file a ``doc`` URL of ``generation`` stands for, or None if it is not one.

    The result is not checked for containment or type; callers do that.
    """
    if url.scheme() != SCHEME or url.host() != DOC_HOST:
        return None
    path = url.path(QUrl.ComponentFormattingOption.FullyDecoded)
    prefix = f"/{generation}/"
    if not generation or not path.startswith(prefix):
        return None
    file_url = QUrl()
    file_url.setScheme("file")
    file_url.setPath(path[len(prefix) - 1 :])
    local = file_url.toLocalFile()
    return Path(local) if local else None
