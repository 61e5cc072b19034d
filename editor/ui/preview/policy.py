"""What the preview page may load: its Content-Security-Policy and the request filter rule."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from editor.ui.preview.scheme import SCHEME

if TYPE_CHECKING:  # the policy itself is needed before QtWebEngine is loaded
    from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo


@functools.cache
def _remote_types() -> frozenset[QWebEngineUrlRequestInfo.ResourceType]:
    from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo  # noqa: PLC0415

    kinds = QWebEngineUrlRequestInfo.ResourceType
    return frozenset({kinds.ResourceTypeImage, kinds.ResourceTypeSubFrame})


def content_security_policy(remote_allowed: bool) -> str:
    """The policy of the shell page: no script at all, resources only from our scheme.

    With remote content allowed, https images and https frames (video embeds) may load too.
    """
    own = f"{SCHEME}:"
    remote = " https:" if remote_allowed else ""
    frames = "https:" if remote_allowed else "'none'"
    return "; ".join(
        (
            "default-src 'none'",
            f"img-src {own} data:{remote}",
            f"style-src {own} 'unsafe-inline'",
            f"font-src {own}",
            "script-src 'none'",
            "object-src 'none'",
            f"frame-src {frames}",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def request_allowed(
    scheme: str,
    resource_type: QWebEngineUrlRequestInfo.ResourceType,
    initiator_scheme: str,
    remote_allowed: bool,
) -> bool:
    """Whether the request filter lets a request through.

    Our own scheme always passes (its handler decides what exists). With remote content
    allowed, https images and frames pass, and so do requests made by such an https frame
    itself (its own images and styles). Everything else is blocked: other schemes,
    plain http, scripts, fetches, pings, prefetches, and every remote request while remote
    content is off.
    """
    if scheme == SCHEME:
        return True
    if not remote_allowed or scheme != "https":
        return False
    return resource_type in _remote_types() or initiator_scheme == "https"
