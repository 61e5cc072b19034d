"""User-visible messages from the Qt-free layers.

`core` and `services` cannot call Qt's ``tr()``. They return a :class:`Message` instead: the
English source text with ``{placeholders}`` and the values to put in them. The ui layer
translates ``text`` with ``QCoreApplication.translate(message.context, message.text)`` and
then formats it, so every string a user sees still goes through Qt's translation system.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable, user-visible message (immutable, and picklable across processes)."""

    context: str
    text: str
    #: The placeholder values, as ``(name, value)`` pairs.
    arguments: tuple[tuple[str, object], ...] = ()

    @property
    def args(self) -> dict[str, object]:
        """The placeholder values by name."""
        return dict(self.arguments)

    def english(self) -> str:
        """The message in its source language (for logs, the CLI and tests)."""
        return self.text.format(**self.args)

    def __str__(self) -> str:
        return self.english()


def message(context: str, text: str, **args: object) -> Message:
    """Mark ``text`` as translatable in ``context`` and bind its placeholders."""
    return Message(context, text, tuple(args.items()))
