"""The preview's shell page: an empty container under a strict policy, and its assets."""

from __future__ import annotations

import html
from string import Template

from PySide6.QtCore import QFile, QIODevice

from editor.core.render.page import preview_css
from editor.core.resources import resource_text
from editor.ui.preview.scheme import app_url
from editor.ui.preview.served import stylesheet_name

_QWEBCHANNEL_JS = ":/qtwebchannel/qwebchannel.js"


def build_shell(*, csp: str, dark: bool, title: str, lang: str = "en", theme: str = "") -> str:
    """The shell HTML: the policy first in ``<head>``, then the stylesheet, an empty body.

    ``theme`` is the site's preview theme (a profile's ``preview_theme``; "" for none).
    """
    template = Template(resource_text("preview/shell.html"))
    values = {
        "csp": csp,
        "lang": lang,
        "theme": "dark" if dark else "light",
        "color_scheme": "dark" if dark else "light",
        "title": title,
        "stylesheet": app_url(stylesheet_name(dark, theme)).toString(),
    }
    return template.substitute({key: html.escape(value) for key, value in values.items()})


def updater_script() -> str:
    """Qt's ``qwebchannel.js`` followed by our updater, as one application-world script."""
    from PySide6 import QtWebChannel  # noqa: F401, PLC0415  (registers qwebchannel.js)

    channel = QFile(_QWEBCHANNEL_JS)
    if not channel.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(f"{_QWEBCHANNEL_JS} is missing (is QtWebChannel installed?)")
    channel_js = bytes(channel.readAll().data()).decode("utf-8")
    updater_js = resource_text("preview/updater.js")
    return f"{channel_js}\n;\n{updater_js}"


def preview_stylesheet(dark: bool, theme: str) -> str:
    """The renderer's preview CSS for the light or dark variant of the site's ``theme``."""
    return preview_css(dark, theme)
