"""Translations: the app speaks the system's language, or the one chosen in the settings.

Postwright's strings are compiled by ``make i18n`` from ``resources/i18n/postwright_<lang>.ts``
to ``.qm`` files beside them; Qt's own strings (standard buttons, context menus) come from Qt's
translations. A language without a file falls back to English, the source language.

:class:`PseudoTranslator` turns every string into a longer, bracketed one. Tests install it to
prove that every user-visible string goes through Qt's translation system (an unbracketed
string was never translated) and that the layout survives longer words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from editor.core.resources import resource_path

#: How much longer pseudo-translated text is: real translations run up to 40% longer.
PSEUDO_EXPANSION = 0.4
PSEUDO_OPEN, PSEUDO_CLOSE = "[\u00bb", "\u00ab]"


def pseudo_text(source: str) -> str:
    """``source`` bracketed and 40% longer, with its placeholders and mnemonics intact."""
    padding = "~" * max(1, round(len(source) * PSEUDO_EXPANSION))
    return f"{PSEUDO_OPEN}{source}{padding}{PSEUDO_CLOSE}"


class PseudoTranslator(QTranslator):
    """Translates every string into its pseudo-locale form (see :func:`pseudo_text`)."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        del context, disambiguation, n
        return pseudo_text(source_text) if source_text else source_text

    def isEmpty(self) -> bool:
        return False


def install_translations(app: QCoreApplication, language: str = "") -> list[QTranslator]:
    """Install Qt's and Postwright's translations for ``language`` ("": the system's).

    Returns the installed translators (keep them alive as long as the app).
    """
    locale = QLocale(language) if language else QLocale.system()
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    own = QTranslator(app)
    if own.load(locale, "postwright", "_", str(resource_path("i18n"))):
        app.installTranslator(own)
        installed.append(own)
    return installed


def install_pseudo_locale(app: QCoreApplication, parent: QObject | None = None) -> QTranslator:
    """Install the pseudo-locale (for tests and for checking layouts by eye)."""
    translator = PseudoTranslator(parent or app)
    app.installTranslator(translator)
    return translator


def ui_languages() -> list[str]:
    """The languages Postwright has translations for (``postwright_<code>.ts`` files)."""
    folder = resource_path("i18n")
    if not folder.is_dir():
        return []
    return sorted(path.stem.removeprefix("postwright_") for path in folder.glob("postwright_*.ts"))
