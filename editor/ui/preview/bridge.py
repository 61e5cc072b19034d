"""The object the updater script talks to over QWebChannel (ApplicationWorld only)."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal, Slot

#: Name under which the bridge is registered in the channel (``channel.objects.preview``).
BRIDGE_NAME = "preview"


class PreviewBridge(QObject):
    """Receives reports from the page script and turns them into checked signals.

    Only the application world has the channel transport, so page content cannot call
    these slots; the values are still validated because they come from another process.
    """

    user_scrolled = Signal(float)  # source line now at the top, after a scroll by the user
    block_clicked = Signal(int)  # first source line of the block the user clicked
    link_clicked = Signal(str)  # absolute URL of a link the user clicked (not followed)

    @Slot(float)
    def report_scroll(self, line: float) -> None:
        """The user scrolled; ``line`` (fractional) is now at the top of the page."""
        if math.isfinite(line):
            self.user_scrolled.emit(max(0.0, line))

    @Slot(float)
    def report_click(self, line: float) -> None:
        """The user clicked a block that starts at ``line``."""
        if math.isfinite(line) and line >= 0:
            self.block_clicked.emit(int(line))

    @Slot(str)
    def report_link(self, url: str) -> None:
        """The user clicked a link to ``url``; the page did not follow it."""
        if url:
            self.link_clicked.emit(url[:8192])
