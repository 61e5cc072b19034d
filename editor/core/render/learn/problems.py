"""What the preview shows where Learn would fail or differ: plain-language boxes in the page.

The texts are :class:`~editor.core.i18n.Message`\\ s (their English form goes into the HTML,
as the other placeholders of the preview do). The classes are not ``pw-`` classes, because
the sanitizer removes those from rendered HTML.
"""

from __future__ import annotations

from html import escape

from editor.core.i18n import Message, message

_CONTEXT = "LearnMarkdown"

UNSUPPORTED_EXTENSION = message(
    _CONTEXT,
    "Extension is not supported: Learn does not know “:::{name}”, so the page would show an "
    "error here. Supported are zone, moniker, row, column, form, no-loc, image, code, video.",
)
MISSING_END = message(
    _CONTEXT, "“:::{name}” has no closing “{end}” line, so Learn does not render it."
)
STRAY_END = message(_CONTEXT, "“:::{name}:::” closes a block that was never opened.")
NOT_PREVIEWED = message(
    _CONTEXT, "“:::{name}” is rendered by Learn only; the preview cannot show it."
)
NOTEBOOK_NOT_PREVIEWED = message(
    _CONTEXT,
    "Notebook cells (“[!notebook-…]”) are rendered by Learn only; the preview cannot show them.",
)
INCLUDE_MISSING = message(
    _CONTEXT, "The include file “{path}” was not found (paths are relative to this article)."
)
SITE_FILE = message(_CONTEXT, "The site shows {description} here.")
INCLUDE_OUTSIDE = message(
    _CONTEXT, "The include file “{path}” is outside the repository folder, so it is not shown."
)
INCLUDE_NESTED = message(
    _CONTEXT,
    "An include file cannot include another file (“{path}”): Learn does not allow nested includes.",
)
INCLUDE_NO_FILES = message(
    _CONTEXT, "The include file “{path}” can be shown once the article is saved in its folder."
)
CODE_MISSING = message(
    _CONTEXT, "The code file “{path}” was not found (paths are relative to this article)."
)
CODE_OUTSIDE = message(
    _CONTEXT, "The code file “{path}” is outside the repository folder, so it is not shown."
)
CODE_NO_SOURCE = message(_CONTEXT, '“:::code:::” needs a source="…" attribute.')
CODE_NO_SNIPPET = message(_CONTEXT, "The code file “{path}” has no snippet with the id “{id}”.")
CODE_BAD_RANGE = message(
    _CONTEXT, "The range “{range}” is not a list of line numbers like 2-24,26."
)
IMAGE_NO_SOURCE = message(_CONTEXT, '“:::image:::” needs a source="…" attribute.')
IMAGE_NO_END = message(
    _CONTEXT, "A complex image needs its long description and an “:::image-end:::” line."
)
IMAGE_CASE = message(
    _CONTEXT,
    "This image is found only because Learn ignores upper and lower case: the file is "
    "“{actual}”, the link says “{written}”. It works by accident; make the link match.",
)
IMAGE_MISSING = message(
    _CONTEXT, "The image “{path}” was not found (paths are relative to this article)."
)
VIDEO_NO_SOURCE = message(_CONTEXT, '“:::video:::” needs a source="…" attribute.')

ZONE_LABEL = message(_CONTEXT, "Shown for the pivot: {pivot}")
ZONE_TARGET_LABEL = message(_CONTEXT, "Shown on: {target}")
MONIKER_LABEL = message(_CONTEXT, "Shown for the versions: {range}")


def bound(problem: Message, **args: object) -> Message:
    """``problem`` with its placeholders filled in."""
    return message(problem.context, problem.text, **args)


def problem_block(problem: Message) -> str:
    """A block-level box naming a problem (``role="note"`` so screen readers announce it)."""
    return f'<div class="learn-problem" role="note"><p>{escape(problem.english())}</p></div>\n'


def problem_inline(problem: Message) -> str:
    """The same problem inside a paragraph."""
    return f'<span class="learn-problem" role="note">{escape(problem.english())}</span>'
