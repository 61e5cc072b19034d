"""What to send to the page for one update: the block order and only the new HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from editor.core.render.model import RenderedBlock


def build_update(
    revision: int, blocks: Sequence[RenderedBlock], known: frozenset[str]
) -> tuple[dict[str, Any], frozenset[str]]:
    """The update message for the page, and the keys the page will have after applying it.

    ``known`` are the keys the page has now; their HTML is not sent again.
    """
    order: list[tuple[str, int, int]] = []
    html: dict[str, str] = {}
    for block in blocks:
        key = block.key
        order.append((key, block.start_line, block.end_line))
        if key not in known:
            html.setdefault(key, block.html)
    message = {"revision": revision, "order": order, "html": html}
    return message, frozenset(key for key, _, _ in order)
