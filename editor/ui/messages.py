"""Turning the lower layers' :class:`~editor.core.i18n.Message` into translated text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.core.i18n import Message


def translated(message: Message) -> str:
    """The message in the user's language, placeholders filled in."""
    text = QCoreApplication.translate(message.context, message.text)
    try:
        return text.format(**message.args)
    except (KeyError, IndexError, ValueError):  # a translation with broken placeholders
        return message.english()
